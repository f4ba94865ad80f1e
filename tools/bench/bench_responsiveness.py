"""Benchmark 2: Jupyter's own ``GET /api/status`` while 100 slow ModelArts list calls are in flight.

Upstream latency 2 s on ``list_versions``; 100 *different* jobs are listed at
once (identical calls would share one upstream call), from 100 client threads.
A prober times ``/api/status`` back to back (20 ms pause) until the last list
call has answered.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
from datasets import MANY_JOBS
from harness import EmulatorProcess, LabProcess, ms, summary


def _status_probe(lab: LabProcess, stop: threading.Event, out: list[float]) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"token {lab.token}"
    while not stop.is_set():
        started = time.perf_counter()
        answer = session.get(f"{lab.url}/api/status", timeout=30)
        out.append(time.perf_counter() - started)
        assert answer.status_code == 200
        time.sleep(0.02)


def run(lab: LabProcess, emulator: EmulatorProcess, latency: float = 2.0) -> dict[str, Any]:
    baseline: list[float] = []
    for _ in range(50):
        started = time.perf_counter()
        assert lab.get("api/status").status_code == 200
        baseline.append(time.perf_counter() - started)

    emulator.clear_stats()
    emulator.set_fault("list_versions", "latency", latency=latency)
    probes: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=_status_probe, args=(lab, stop, probes), daemon=True)

    def list_one(job: int) -> tuple[int, float]:
        started = time.perf_counter()
        answer = requests.get(
            f"{lab.url}/jupyterlab-modelarts/training-jobs/{job}/versions",
            headers={"Authorization": f"token {lab.token}"},
            timeout=300,
        )
        return answer.status_code, time.perf_counter() - started

    try:
        with ThreadPoolExecutor(len(MANY_JOBS)) as pool:
            started = time.perf_counter()
            futures = [pool.submit(list_one, job) for job in MANY_JOBS]
            prober.start()
            results = [f.result() for f in futures]
            wall = time.perf_counter() - started
    finally:
        stop.set()
        prober.join(60)
        emulator.clear_faults()
    codes = Counter(code for code, _ in results)
    return {
        "upstream_latency_s": latency,
        "list_calls": len(MANY_JOBS),
        "list_codes": dict(codes),
        "list_wall_s": wall,
        "list_call_s": summary([t for _, t in results]),
        "upstream_list_calls": emulator.counts().get("list_versions", 0),
        "status_idle_ms": summary(ms(baseline)),
        "status_loaded_ms": summary(ms(probes)),
    }
