"""``jupyter modelarts doctor``: what the extension would do here, step by step, and why.

Run in a notebook terminal (or anywhere): which Python this is and which one
runs the Jupyter server, whether the
extension is enabled for the server and installed for JupyterLab, whether
this is a ModelArts notebook, each credential source and each interpreter
asked for the notebook's ``Session()``, the endpoint, one signed list call,
and the one thing to do next. It reads the same environment the server does
(``MODELARTS_*``, kernelspecs); never prints a secret. ``--json`` for machines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .client import ClientConfig, ModelArtsClient, ModelArtsError, NoCredentialsError
from .client.advice import next_step, steps
from .client.notebook_env import is_modelarts_notebook
from .client.query import JobQuery
from .kernel_pythons import kernel_pythons

Step = dict[str, object]
_EXTENSION = "jupyterlab_modelarts"
_LABEXTENSION = "jupyterlab-modelarts"


def _step(name: str, ok: bool, outcome: str) -> Step:
    return {"step": name, "ok": ok, "outcome": outcome}


def _running_servers() -> Step:
    """The Python of each running Jupyter server of this user (from its runtime file)."""
    from jupyter_server.serverapp import list_running_servers

    found = []
    for server in list_running_servers():
        try:
            python = os.readlink(f"/proc/{server['pid']}/exe")
        except (OSError, KeyError):
            python = "its Python is not readable here"
        found.append(f"pid {server.get('pid')}: {python}")
    if not found:
        return _step("Jupyter server Python", False, "no running Jupyter server found")
    return _step("Jupyter server Python", True, "; ".join(found))


def _enabled_for_server() -> Step:
    from jupyter_core.paths import jupyter_config_path

    for folder in jupyter_config_path():
        for path in sorted(Path(folder, "jupyter_server_config.d").glob("*.json")):
            try:
                config = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            enabled = config.get("ServerApp", {}).get("jpserver_extensions", {})
            if _EXTENSION in enabled:
                on = bool(enabled[_EXTENSION])
                return _step("extension enabled (server)", on, f"{on} in {path}")
    return _step("extension enabled (server)", False, "not enabled in any jupyter config folder")


def _installed_for_lab() -> Step:
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("labextensions"):
        if Path(folder, _LABEXTENSION, "package.json").exists():
            return _step("extension installed (lab)", True, str(Path(folder, _LABEXTENSION)))
    return _step("extension installed (lab)", False, "no labextension folder found")


def _kernels() -> list[tuple[str, str | None]]:
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        specs = KernelSpecManager().get_all_specs()
    except Exception:  # a broken kernelspec must not stop the doctor
        return []
    return kernel_pythons(specs, "python3", sys.executable)


def diagnose(env: dict[str, str] | None = None) -> dict[str, object]:
    """Every step's outcome and the one thing to do next (JSON-ready, no secret)."""
    env = dict(os.environ if env is None else env)
    found = [
        _step("this Python", True, f"{sys.executable} ({sys.version.split()[0]})"),
        _running_servers(),
        _enabled_for_server(),
        _installed_for_lab(),
    ]
    notebook = is_modelarts_notebook(env)
    todo = "Nothing: the panel should list and stop training jobs."
    try:
        config = ClientConfig.from_env(env, kernel_pythons=tuple(_kernels()))
    except ValueError as exc:
        found.append(_step("configuration", False, str(exc)))
        return {"steps": found, "next_step": f"Fix the configuration: {exc}"}
    with ModelArtsClient(config, env=env) as client:
        try:
            info = client.session_info()
        except NoCredentialsError as err:
            found += steps(err.notebook, err.tried)
            return {"steps": found, "next_step": next_step(err.notebook, err.tried)}
        found.append(_step("ModelArts notebook", notebook, "detected" if notebook else "no"))
        winner = f"{info.source} ({info.detail})" if info.detail else info.source
        found.append(_step("credentials", True, winner))
        found.append(
            _step("endpoint", bool(info.endpoint), info.endpoint or "none: set MODELARTS_REGION")
        )
        try:
            total = client.list_jobs(JobQuery(per_page=1)).job_total_count
            found.append(_step("signed list call", True, f"HTTP 200, {total} jobs"))
        except ModelArtsError as exc:
            status = exc.http_status or "no answer"
            outcome = f"HTTP {status} {exc.error_code}: {exc.message}"
            found.append(_step("signed list call", False, outcome))
            todo = exc.message
    return {"steps": found, "next_step": todo}


def render(report: dict[str, object]) -> str:
    """The report as lines for a terminal."""
    lines = []
    for step in report["steps"]:  # type: ignore[attr-defined]
        mark = "ok" if step["ok"] else "!!"
        lines.append(f"[{mark}] {step['step']}: {step['outcome']}")
    lines.append(f"Next: {report['next_step']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``jupyter-modelarts doctor [--json]`` (also ``python -m jupyterlab_modelarts doctor``)."""
    parser = argparse.ArgumentParser(prog="jupyter modelarts")
    commands = parser.add_subparsers(dest="command", required=True)
    doctor = commands.add_parser("doctor", help="explain what the extension would do here")
    doctor.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    report = diagnose()
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0
