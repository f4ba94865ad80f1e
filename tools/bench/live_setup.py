"""What benchmark 8 (live updates) opens and watches: its job, a counted browser tab."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from bench_browser import WAIT_FOR
from harness import LabProcess

#: A job of versions that run until the admin API pins them (see ``live_job``).
LIVE_JOB = 930000
LATENCY_VERSION = 931000
NOTIFY_VERSIONS = list(range(931001, 931011))
PREFIX = "/jupyterlab-modelarts/"
OPEN_JOB = (
    "(job) => void window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: job})"
)


def live_job() -> dict[str, Any]:
    """The job the live benchmark watches (emulator data-set format): every version runs."""
    versions = [LATENCY_VERSION, *NOTIFY_VERSIONS]
    return {
        "job_id": LIVE_JOB,
        "job_name": "live-bench",
        "versions": [
            {
                "version_id": version,
                "version_name": f"L{n:02d}",
                "lifecycle": {"start": -600, "run_seconds": None, "outcome": 10},
            }
            for n, version in enumerate(versions)
        ],
    }


def open_tab(browser: Any, lab: LabProcess, workspace: str, polling: bool = False) -> Any:
    """A new context on its own JupyterLab workspace; ``polling``: its leases are refused."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    if polling:
        context.route(f"**{PREFIX}watches/**", lambda route: route.abort())
    sent: list[Any] = []
    context.on("requestfinished", lambda request: sent.append(request))
    refused: list[Any] = []
    context.on("requestfailed", lambda request: refused.append(request))
    page = context.new_page()
    page.goto(f"{lab.url}/lab/workspaces/{workspace}?token={lab.token}")
    page.wait_for_function(
        "() => window.jupyterapp?.commands.hasCommand('jupyterlab-modelarts:open')",
        timeout=120_000,
    )
    page.evaluate("() => window.jupyterapp.restored.then(() => true)")
    page.evaluate(WAIT_FOR)  # window.__benchWait, for the timings
    return {"context": context, "page": page, "sent": sent, "refused": refused}


def route_of(request: Any) -> str:
    """``METHOD path`` of an extension request, ids replaced: ``GET training-jobs/{id}``."""
    path = urlparse(request.url).path[len(PREFIX) :]
    return f"{request.method} {re.sub(r'[0-9]+', '{id}', path)}"


def is_ours(request: Any) -> bool:
    """Whether a request went to the extension's REST routes (not its static files)."""
    return urlparse(request.url).path.startswith(PREFIX)
