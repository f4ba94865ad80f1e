"""Benchmark 3: 20 panels polling one job every second for 30 s share the upstream calls.

Each client thread polls ``GET .../versions`` on its own 1 s schedule (start
phases spread over the first second, like independent browser tabs). The
server runs with the default ``cache_ttl`` (2 s). The emulator's stats count
the upstream ``list_versions`` calls; the bound is one per cache interval:
``ceil(duration / cache_ttl) + 1`` (the +1 covers a poll landing exactly as
an entry expires at the end).
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

import requests
from harness import EmulatorProcess, LabProcess

JOB = 182626


def run(
    lab: LabProcess,
    emulator: EmulatorProcess,
    clients: int = 20,
    interval: float = 1.0,
    duration: float = 30.0,
    cache_ttl: float = 2.0,
) -> dict[str, Any]:
    url = f"{lab.url}/jupyterlab-modelarts/training-jobs/{JOB}/versions"
    codes: list[int] = []
    lock = threading.Lock()
    time.sleep(cache_ttl + 0.1)  # nothing cached from earlier benchmarks
    emulator.clear_stats()
    start = time.monotonic() + 0.2

    def poller(index: int) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"token {lab.token}"
        next_at = start + index * interval / clients
        while next_at < start + duration:
            time.sleep(max(0.0, next_at - time.monotonic()))
            code = session.get(url, timeout=30).status_code
            with lock:
                codes.append(code)
            next_at += interval

    threads = [threading.Thread(target=poller, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 60)
    upstream = emulator.counts().get("list_versions", 0)
    bound = math.ceil(duration / cache_ttl) + 1
    return {
        "clients": clients,
        "interval_s": interval,
        "duration_s": duration,
        "cache_ttl_s": cache_ttl,
        "polls": len(codes),
        "polls_ok": codes.count(200),
        "upstream_calls": upstream,
        "bound": bound,
        "met": upstream <= bound and codes.count(200) == len(codes),
    }
