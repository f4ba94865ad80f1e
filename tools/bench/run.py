"""``make bench``: run every benchmark once, side by side; write the figures' tables into
docs/benchmarks.md (between its markers) and the raw results to docs/benchmarks.json.

Starts (and always stops) its own processes on 127.0.0.1: one standalone
emulator and three ``jupyter lab`` servers on it — A with ``cache_ttl=0``
(every call goes upstream: proxy overhead, responsiveness, scale), B with
the defaults (sharing, the browser runs, the live tabs) and C with a 1 s
watch interval (the live timings). ``--quick`` shrinks every sample for
trying the harness; the committed report comes from a full run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the bench_* modules import each other flat
sys.path.insert(1, str(HERE.parents[1]))  # the package, even when not pip-installed

import bench_browser  # noqa: E402
import bench_bundle  # noqa: E402
import bench_client  # noqa: E402
import bench_live  # noqa: E402
import bench_proxy  # noqa: E402
import bench_responsiveness  # noqa: E402
import bench_scale  # noqa: E402
import bench_sharing  # noqa: E402
import bench_status  # noqa: E402
import report  # noqa: E402
from datasets import JOB_1K, JOB_10K, STOP_JOB, STOP_VERSIONS, bench_data  # noqa: E402
from harness import REPO, EmulatorProcess, LabProcess, machine  # noqa: E402

from jupyterlab_modelarts.client.config import DEFAULT_WATCH_INTERVAL  # noqa: E402

FULL = {
    "proxy_rounds": {0: 300, 50: 80},
    "scale_runs": {JOB_1K: 20, JOB_10K: 5},
    "client_rounds": 7,
    "sharing_s": 30.0,
    "browser_rounds": 3,
    "stops": 5,
    "status": bench_status.FULL,
    "live": bench_live.FULL,
}
QUICK = {
    "proxy_rounds": {0: 30, 50: 10},
    "scale_runs": {JOB_1K: 3, JOB_10K: 2},
    "client_rounds": 2,
    "sharing_s": 6.0,
    "browser_rounds": 1,
    "stops": 1,
    "status": bench_status.QUICK,
    "live": bench_live.QUICK,
}


def _step(results: dict[str, Any], name: str, action: Callable[[], Any]) -> Any:
    """Run one benchmark; a failure is recorded in the report instead of ending the run."""
    print(f"[bench] {name} ...", flush=True)
    started = time.perf_counter()
    try:
        value = action()
    except Exception as error:  # the report says what failed and why
        traceback.print_exc()
        results.setdefault("errors", {})[name] = f"{type(error).__name__}: {error}"[:2000]
        value = None
    print(f"[bench] {name} done in {time.perf_counter() - started:.1f} s", flush=True)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small samples (not for the report)")
    parser.add_argument("--out", default=str(REPO / "docs" / "benchmarks.md"))
    parser.add_argument(
        "--json", default=str(REPO / "docs" / "benchmarks.json"), help="raw results"
    )
    parser.add_argument(
        "--from-json", help="re-render the report from a run's saved results (no measuring)"
    )
    args = parser.parse_args(argv)
    if args.from_json:
        report.write(Path(args.out), json.loads(Path(args.from_json).read_text()))
        return 0
    plan = QUICK if args.quick else FULL
    began = time.perf_counter()
    results: dict[str, Any] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "plan": {
            k: {str(i): n for i, n in v.items()} if isinstance(v, dict) else v
            for k, v in plan.items()
        },
        "quick": args.quick,
    }
    workdir = Path(tempfile.mkdtemp(prefix="jlma-bench-"))
    processes: list[Any] = []
    try:
        bundle = _step(results, "bundle", lambda: bench_bundle.run(workdir))
        labextension = None
        if bundle is not None:
            results["bundle"], labextension = bundle
        (workdir / "emu").mkdir()
        emulator = EmulatorProcess(workdir / "emu", kill_delay=1.0)
        processes.append(emulator)
        data = bench_data()
        data["jobs"].append(bench_live.live_job())
        emulator.admin("PUT", "data", data)
        (workdir / "lab-a").mkdir()
        panel_settings = {"jupyterlab-modelarts/plugin": {"confirmStop": False}}
        lab_a = LabProcess(
            workdir / "lab-a",
            emulator,
            traits={"cache_ttl": 0.0},
            labextension=labextension,
            lab_settings=panel_settings,
        )
        processes.append(lab_a)
        (workdir / "lab-b").mkdir()
        lab_b = LabProcess(
            workdir / "lab-b",
            emulator,
            labextension=labextension,
            lab_settings=panel_settings,
        )
        processes.append(lab_b)
        results["labextension"] = (
            "production build (from benchmark 6)" if labextension else "build in the tree"
        )

        results["proxy"] = _step(
            results, "proxy", lambda: bench_proxy.run(lab_a, emulator, plan["proxy_rounds"])
        )
        results["responsiveness"] = _step(
            results, "responsiveness", lambda: bench_responsiveness.run(lab_a, emulator)
        )
        results["scale"] = _step(
            results, "scale", lambda: bench_scale.run(lab_a, emulator, plan["scale_runs"])
        )
        results["client"] = _step(
            results, "client", lambda: bench_client.run(emulator, plan["client_rounds"])
        )
        results["sharing"] = _step(
            results,
            "sharing",
            lambda: bench_sharing.run(lab_b, emulator, duration=plan["sharing_s"]),
        )
        # Server B (defaults: the cache on, the 64 MB body cap): /api/status under heavy answers.
        results["status"] = _step(
            results, "status", lambda: bench_status.run(lab_b, emulator, plan["status"])
        )
        lists = [
            {"label": "1k", "jobId": JOB_1K, "firstId": 501000, "lastId": 500001, "count": 1000},
            {"label": "10k", "jobId": JOB_10K, "firstId": 610000, "lastId": 600001, "count": 10000},
        ]
        count = plan["stops"]
        stops = {"jobId": STOP_JOB, "versionIds": STOP_VERSIONS[:count]}
        # The same stop on server A (cache_ttl=0): what the 2 s cache costs a stop.
        no_cache = {"jobId": STOP_JOB, "versionIds": STOP_VERSIONS[count : 2 * count]}
        results["browser"] = _step(
            results,
            "browser",
            lambda: bench_browser.run(
                lab_b, lists, stops, plan["browser_rounds"], compare=(lab_a, no_cache)
            ),
        )
        # Server C: a short watch interval for the live timings (benchmark 8).
        (workdir / "lab-c").mkdir()
        lab_c = LabProcess(
            workdir / "lab-c",
            emulator,
            traits=bench_live.QUICK_TRAITS,
            labextension=labextension,
            lab_settings=panel_settings,
        )
        processes.append(lab_c)
        results["live"] = _step(
            results,
            "live",
            lambda: bench_live.run(
                lab_b,
                lab_c,
                emulator,
                plan["live"],
                DEFAULT_WATCH_INTERVAL,
                bench_live.QUICK_TRAITS["watch_interval"],
            ),
        )
    finally:
        for process in reversed(processes):
            process.stop()
    results["wall_s"] = time.perf_counter() - began
    Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
    report.write(Path(args.out), results)
    print(f"[bench] wrote {args.out} in {results['wall_s']:.0f} s", flush=True)
    return 1 if results.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
