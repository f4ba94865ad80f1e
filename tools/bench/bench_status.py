"""Benchmark: Jupyter's own ``GET /api/status`` p99 while the extension serves heavy answers.

Issue 12 item 7. Two scenarios, each with a prober timing ``/api/status`` back
to back (20 ms pause) while it runs:

* ``cached_readers``: 50 readers poll the 1,000-version job through the cache
  (the default 2 s time to live), so almost every answer is a cache hit: before,
  each hit re-serialised the whole answer on the event loop;
* ``large_bodies``: 8 readers of 8 different jobs whose upstream answer is a
  ``body_mb`` MB body (the emulator's ``raw`` fault): the server's peak RSS and
  what reached the reader are recorded too (bodies past ``max_body_bytes``,
  64 MB by default, answer 502).

Run alone: ``python tools/bench/bench_status.py [--quick] [--package-root DIR]``
(``--package-root`` runs the servers on another checkout's package, e.g. the code
before the change, for a side-by-side figure).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))

import harness  # noqa: E402
from bench_responsiveness import _status_probe  # noqa: E402
from datasets import JOB_1K, MANY_JOBS, bench_data  # noqa: E402
from harness import EmulatorProcess, LabProcess, ms, summary  # noqa: E402

FULL = {"readers_s": 20.0, "body_mb": 40, "body_rounds": 3}
QUICK = {"readers_s": 5.0, "body_mb": 10, "body_rounds": 1}


def _while_probing(lab: LabProcess, work: Callable[[], Any]) -> tuple[Any, list[float]]:
    """Run ``work()`` with the /api/status prober going; (its result, probe seconds)."""
    probes: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=_status_probe, args=(lab, stop, probes), daemon=True)
    prober.start()
    try:
        result = work()
    finally:
        stop.set()
        prober.join(60)
    return result, probes


def cached_readers(lab: LabProcess, seconds: float, readers: int = 50) -> dict[str, Any]:
    """``readers`` threads polling the 1,000-version job for ``seconds``."""
    path = f"{lab.url}/jupyterlab-modelarts/training-jobs/{JOB_1K}/versions"
    headers = {"Authorization": f"token {lab.token}"}

    def reader(deadline: float) -> Counter[int]:
        codes: Counter[int] = Counter()
        with requests.Session() as session:
            while time.monotonic() < deadline:
                codes[session.get(path, headers=headers, timeout=120).status_code] += 1
        return codes

    def work() -> Counter[int]:
        deadline = time.monotonic() + seconds
        with ThreadPoolExecutor(readers) as pool:
            futures = [pool.submit(reader, deadline) for _ in range(readers)]
            return sum((f.result() for f in futures), Counter())

    codes, probes = _while_probing(lab, work)
    return {"readers": readers, "reads": dict(codes), "status_ms": summary(ms(probes))}


def large_bodies(
    lab: LabProcess, emulator: EmulatorProcess, body_mb: int, rounds: int, readers: int = 8
) -> dict[str, Any]:
    """``readers`` different jobs at once, each upstream answer ``body_mb`` MB, ``rounds`` times."""
    pad = "x" * 1000
    count = body_mb * 1000
    versions = [{"version_id": n + 1, "status": 10, "pad": pad} for n in range(count)]
    body = json.dumps(
        {"is_success": True, "job_id": 1, "version_count": count, "versions": versions}
    )
    emulator.set_fault("list_versions", "raw", body=body)
    jobs = MANY_JOBS[:readers]

    def one(job: int) -> tuple[int, int]:
        answer = lab.get(f"jupyterlab-modelarts/training-jobs/{job}/versions", timeout=300)
        return answer.status_code, len(answer.content)

    def work() -> list[tuple[int, int]]:
        results: list[tuple[int, int]] = []
        with ThreadPoolExecutor(readers) as pool:
            for _ in range(rounds):
                results += list(pool.map(one, jobs))
        return results

    try:
        results, probes = _while_probing(lab, work)
    finally:
        emulator.clear_faults()
    return {
        "body_mb": round(len(body) / 1e6, 1),
        "readers": readers,
        "codes": dict(Counter(code for code, _ in results)),
        "largest_answer_mb": round(max(size for _, size in results) / 1e6, 1),
        "peak_rss_mb": round(lab.rss_kib()[1] / 1024),
        "status_ms": summary(ms(probes)),
    }


def run(lab: LabProcess, emulator: EmulatorProcess, plan: dict[str, Any]) -> dict[str, Any]:
    """Both scenarios on ``lab`` (default settings: cache on, 64 MB body cap)."""
    return {
        "cached_readers": cached_readers(lab, plan["readers_s"]),
        "large_bodies": large_bodies(lab, emulator, plan["body_mb"], plan["body_rounds"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--package-root", help="run the servers on this checkout's package")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    traits: dict[str, Any] = {}
    workdir = Path(tempfile.mkdtemp(prefix="jlma-bench-status-"))
    (workdir / "emu").mkdir()
    (workdir / "lab").mkdir()
    emulator = EmulatorProcess(workdir / "emu")
    lab = None
    try:
        emulator.admin("PUT", "data", bench_data())
        if args.package_root:  # the servers (not the emulator) on the other checkout
            harness.REPO = Path(args.package_root)
            traits["secret_key"] = emulator.config["secret_key"]  # before secrets were files
        lab = LabProcess(workdir / "lab", emulator, traits=traits)
        print(json.dumps(run(lab, emulator, plan), indent=2))
    finally:
        if lab is not None:
            lab.stop()
        emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
