"""Benchmark 8: live updates (issue 14) in headless Chromium, against today's polling.

* ``tabs``: ``tabs`` browser contexts (independent tabs, each on its own
  workspace) open one job at the same moment; for ``window_s`` seconds every
  HTTP request a tab sends to the extension (``/jupyterlab-modelarts/...``) is
  counted, and the emulator counts the upstream calls about that job. Measured
  twice on the same server (default ``watch_interval`` and ``cache_ttl``):
  first the *polling* fallback (each tab's lease requests are refused by
  Playwright, as from a server without watches, so the panel polls as it did
  before issue 14), then *live* (leases granted, changes pushed over
  JupyterLab's event stream).
* ``latency``: one open panel on a server with a short ``watch_interval``; the
  emulator's admin API flips a version between Queued and Running ``changes``
  times, at spread phases of the watch cycle, and the page records when the
  row's status badge shows the new status (checked every animation frame).
* ``notify``: the same page with the panel closed (sidebar collapsed); the
  admin API ends one watched running version at a time and the page records
  when JupyterLab's notification for it is in the DOM.

Browser and bench clocks are matched before each sample (the offset between
``performance.timeOrigin + performance.now()`` and ``time.time()`` at the
midpoint of a round trip). Run alone: ``python tools/bench/bench_live.py
[--quick] [--json FILE]``.
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))

from bench_browser import CHROMIUM_ARGS, chromium, wait_for_lab  # noqa: E402
from harness import EmulatorProcess, LabProcess, percentile, summary  # noqa: E402

#: A job of versions that run until the admin API pins them (see ``live_job``).
LIVE_JOB = 930000
LATENCY_VERSION = 931000
NOTIFY_VERSIONS = list(range(931001, 931011))
PREFIX = "/jupyterlab-modelarts/"
TAB = ".lm-TabBar-tab[data-id='jupyterlab-modelarts-versions']"
PANEL = "#jupyterlab-modelarts-versions"
#: The two statuses the latency version alternates between (Queued, Running): neither ends it.
FLIP = {7: "JOBSTAT_WAITING", 8: "JOBSTAT_RUNNING"}

FULL = {"tabs": 10, "window_s": 60.0, "changes": 20, "ends": 10}
QUICK = {"tabs": 3, "window_s": 20.0, "changes": 4, "ends": 2}

OPEN_JOB = (
    "(job) => void window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: job})"
)
NOW = "() => performance.timeOrigin + performance.now()"
# Resolves with the browser's wall clock (ms) at the first frame the predicate holds.
ARM = """
({name, selector, text, status}) => {
  const seen = () => Array.from(document.querySelectorAll(selector)).some(
    el => (status ? el.dataset.status === status : el.textContent.includes(text)));
  window[name] = window.__benchWait(seen, 30000).then(t => performance.timeOrigin + t);
}
"""


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


def _open_tab(browser: Any, lab: LabProcess, workspace: str, polling: bool = False) -> Any:
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
    wait_for_lab(page)
    return {"context": context, "page": page, "sent": sent, "refused": refused}


def _route(request: Any) -> str:
    """``METHOD path`` of an extension request, ids replaced: ``GET training-jobs/{id}``."""
    path = urlparse(request.url).path[len(PREFIX) :]
    return f"{request.method} {re.sub(r'[0-9]+', '{id}', path)}"


def _ours(request: Any) -> bool:
    return urlparse(request.url).path.startswith(PREFIX)


def _tabs_run(
    browser: Any, lab: LabProcess, emulator: EmulatorProcess, polling: bool, plan: dict[str, Any]
) -> dict[str, Any]:
    """``plan['tabs']`` tabs open the live job at once; count for ``plan['window_s']`` seconds."""
    mode = "polling" if polling else "live"
    tabs = [
        _open_tab(browser, lab, f"bench-{mode}-{i}", polling=polling) for i in range(plan["tabs"])
    ]
    try:
        before = sum(1 for tab in tabs for r in tab["sent"] if _ours(r))
        states = [tab["page"].evaluate("() => document.visibilityState") for tab in tabs]
        emulator.clear_stats()
        window_ms = plan["window_s"] * 1000
        for tab in tabs:
            tab["t0"] = time.time() * 1000
            tab["page"].evaluate(OPEN_JOB, str(LIVE_JOB))
        ends = tabs[0]["t0"] + window_ms
        tabs[0]["page"].wait_for_timeout(max(0.0, ends - time.time() * 1000))
        log = emulator.admin("GET", "stats")["log"]
        tabs[0]["page"].wait_for_timeout(2000)  # requests sent in the window finish
        per_tab, routes, codes, refused = [], Counter(), Counter(), 0
        for tab in tabs:
            window = [
                r
                for r in tab["sent"]
                if _ours(r) and tab["t0"] <= r.timing["startTime"] < tab["t0"] + window_ms
            ]
            per_tab.append(len(window))
            routes.update(_route(r) for r in window)
            codes.update(str(r.response().status) for r in window if r.response())
            refused += sum(1 for r in tab["refused"] if _ours(r))
    finally:
        for tab in tabs:
            tab["context"].close()
    job_calls = [e for e in log if f"/{LIVE_JOB}/" in e["path"]]
    return {
        "tabs": plan["tabs"],
        "visible_tabs": states.count("visible"),
        "window_s": plan["window_s"],
        "requests_before_open": before,
        "per_tab": per_tab,
        "per_tab_per_min_max": max(per_tab) * 60 / plan["window_s"],
        "per_tab_per_min_mean": sum(per_tab) / len(per_tab) * 60 / plan["window_s"],
        "routes": dict(routes),
        "codes": dict(codes),
        "refused_leases": refused,
        "upstream_list_calls": sum(1 for e in job_calls if e["route"] == "list_versions"),
        "upstream_calls": len(job_calls),
    }


def tabs(
    browser: Any, lab: LabProcess, emulator: EmulatorProcess, plan: dict[str, Any], interval: float
) -> dict[str, Any]:
    """The polling fallback, then live, on ``lab`` (its watch interval ``interval`` s)."""
    polling = _tabs_run(browser, lab, emulator, True, plan)
    live = _tabs_run(browser, lab, emulator, False, plan)
    bound = math.ceil(plan["window_s"] / interval) + 1
    live["upstream_bound"] = bound
    live["met"] = live["per_tab_per_min_max"] <= 5 and live["upstream_list_calls"] <= bound
    return {"watch_interval_s": interval, "polling": polling, "live": live}


def _offset(page: Any) -> float:
    """Browser wall clock minus the bench's (ms), at the midpoint of one round trip."""
    before = time.time() * 1000
    browser_now = page.evaluate(NOW)
    after = time.time() * 1000
    return browser_now - (before + after) / 2


def _timed(page: Any, emulator: EmulatorProcess, version: int, status: int, arm: dict) -> float:
    """Pin ``version`` to ``status`` and wait for what ``arm`` waits for; ms between the two."""
    name = arm["name"]
    page.evaluate(ARM, arm)
    offset = _offset(page)
    started = time.time() * 1000
    emulator.admin("PUT", f"jobs/{LIVE_JOB}/versions/{version}", {"status": status})
    seen = page.evaluate(f"() => window.{name}")
    return seen - offset - started


def _spread(index: int, interval: float) -> float:
    """A pause that puts successive changes at evenly spread phases of the watch cycle."""
    return 0.3 + (index * 0.618034 % 1.0) * interval


def latency_and_notify(
    browser: Any, lab: LabProcess, emulator: EmulatorProcess, plan: dict[str, Any], interval: float
) -> dict[str, Any]:
    """Upstream status change -> row (panel open), then version end -> notification (closed)."""
    tab = _open_tab(browser, lab, "bench-latency")
    page = tab["page"]
    try:
        with page.expect_response(
            lambda r: r.request.method == "PUT" and f"/watches/{LIVE_JOB}" in r.url, timeout=60_000
        ) as lease:
            page.evaluate(OPEN_JOB, str(LIVE_JOB))
        assert lease.value.ok, lease.value.status
        page.wait_for_selector(f"tr[data-version-id='{LATENCY_VERSION}']", timeout=60_000)
        page.wait_for_timeout((interval + 1.0) * 1000)  # the watcher's first poll (its baseline)
        lists_before = sum(1 for r in tab["sent"] if _route(r).endswith("/versions"))
        changes = []
        for i in range(plan["changes"]):
            status = 7 if i % 2 == 0 else 8
            row = f"tr[data-version-id='{LATENCY_VERSION}'] .jp-ModelArts-StatusBadge"
            arm = {"name": "__benchRow", "selector": row, "status": FLIP[status]}
            changes.append(_timed(page, emulator, LATENCY_VERSION, status, arm))
            page.wait_for_timeout(_spread(i, interval) * 1000)
        lists = sum(1 for r in tab["sent"] if _route(r).endswith("/versions")) - lists_before
        page.locator(TAB).click()  # collapse the sidebar: the panel is closed
        page.wait_for_selector(PANEL, state="hidden")
        ends = []
        for i, version in enumerate(NOTIFY_VERSIONS[: plan["ends"]]):
            text = f"live-bench L{version - LATENCY_VERSION:02d} ended"
            arm = {"name": "__benchToast", "selector": ".Toastify__toast", "text": text}
            ends.append(_timed(page, emulator, version, 10 if i % 2 == 0 else 11, arm))
            page.wait_for_timeout(_spread(i, interval) * 1000)
    finally:
        tab["context"].close()
    change_p95, end_max = percentile(changes, 95), max(ends)
    return {
        "latency": {
            "watch_interval_s": interval,
            "ms": summary(changes),
            "p95_ms": change_p95,
            "target_ms": interval * 1000 + 200,
            "met": change_p95 <= interval * 1000 + 200,
            "versions_requests": lists,
        },
        "notify": {
            "watch_interval_s": interval,
            "ms": summary(ends),
            "target_ms": interval * 1000 + 1000,
            "met": end_max <= interval * 1000 + 1000,
        },
    }


def run(
    lab: LabProcess,
    quick_lab: LabProcess,
    emulator: EmulatorProcess,
    plan: dict[str, Any],
    interval: float,
    quick_interval: float,
) -> dict[str, Any]:
    """All three figures: the tabs on ``lab`` (watch interval ``interval``), the timings on
    ``quick_lab`` (``quick_interval``). The emulator must hold ``live_job()``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            out = {"tabs": tabs(browser, lab, emulator, plan, interval)}
            out.update(latency_and_notify(browser, quick_lab, emulator, plan, quick_interval))
        finally:
            browser.close()
    return out


#: The server of the timed figures: a short watch interval and a cache no longer than it
#: (the watcher reads through the cache, so a longer ``cache_ttl`` would bound it instead).
QUICK_TRAITS = {"watch_interval": 1.0, "cache_ttl": 1.0}


def main(argv: list[str] | None = None) -> int:
    """Run this benchmark alone on its own emulator and two servers; print the results."""
    import argparse
    import json
    import tempfile

    from datasets import bench_data

    from jupyterlab_modelarts.client.config import DEFAULT_WATCH_INTERVAL

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small samples")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="jlma-bench-live-"))
    for name in ("emu", "lab", "lab-quick"):
        (workdir / name).mkdir()
    processes: list[Any] = []
    try:
        emulator = EmulatorProcess(workdir / "emu")
        processes.append(emulator)
        data = bench_data()
        data["jobs"].append(live_job())
        emulator.admin("PUT", "data", data)
        lab = LabProcess(workdir / "lab", emulator)
        processes.append(lab)
        quick_lab = LabProcess(workdir / "lab-quick", emulator, traits=QUICK_TRAITS)
        processes.append(quick_lab)
        plan = QUICK if args.quick else FULL
        interval = QUICK_TRAITS["watch_interval"]
        results = run(lab, quick_lab, emulator, plan, DEFAULT_WATCH_INTERVAL, interval)
    finally:
        for process in reversed(processes):
            process.stop()
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
