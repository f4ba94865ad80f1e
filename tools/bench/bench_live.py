"""Benchmark 8: live updates (issue 14) in headless Chromium, against today's polling.

* ``tabs``: ``tabs`` browser contexts (independent tabs, each on its own
  workspace) open one job within 5 s of each other; for ``window_s`` seconds every
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

The timings are in ``bench_live_timings``, the job and the tab in ``live_setup``.
Run alone: ``python tools/bench/bench_live.py [--quick] [--json FILE]``.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))

from bench_browser import CHROMIUM_ARGS, chromium  # noqa: E402
from bench_live_timings import latency_and_notify  # noqa: E402
from harness import EmulatorProcess, LabProcess  # noqa: E402
from live_setup import LIVE_JOB, OPEN_JOB, is_ours, live_job, open_tab, route_of  # noqa: E402

#: The panel's default refresh interval (schema/plugin.json): the tabs' openings spread over it.
PANEL_REFRESH_S = 5.0

FULL = {"tabs": 10, "window_s": 60.0, "changes": 20, "ends": 10}
QUICK = {"tabs": 3, "window_s": 20.0, "changes": 4, "ends": 2}


def _tabs_run(
    browser: Any, lab: LabProcess, emulator: EmulatorProcess, polling: bool, plan: dict[str, Any]
) -> dict[str, Any]:
    """``plan['tabs']`` tabs open the live job, spread over one refresh interval; each tab's
    requests are counted for ``plan['window_s']`` seconds from its opening, the upstream calls
    for as long from the first opening."""
    mode = "polling" if polling else "live"
    tabs = [
        open_tab(browser, lab, f"bench-{mode}-{i}", polling=polling) for i in range(plan["tabs"])
    ]
    try:
        before = sum(1 for tab in tabs for r in tab["sent"] if is_ours(r))
        states = [tab["page"].evaluate("() => document.visibilityState") for tab in tabs]
        emulator.clear_stats()
        window_ms = plan["window_s"] * 1000
        start = time.time() * 1000
        for i, tab in enumerate(tabs):
            # Tabs opened at their own moments poll out of phase, as people's tabs do.
            due = start + i * PANEL_REFRESH_S * 1000 / len(tabs)
            tabs[0]["page"].wait_for_timeout(max(0.0, due - time.time() * 1000))
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
                if is_ours(r) and tab["t0"] <= r.timing["startTime"] < tab["t0"] + window_ms
            ]
            per_tab.append(len(window))
            routes.update(route_of(r) for r in window)
            codes.update(str(r.response().status) for r in window if r.response())
            refused += sum(1 for r in tab["refused"] if is_ours(r))
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
