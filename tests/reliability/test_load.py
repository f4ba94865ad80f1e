"""500 requests from 50 concurrent clients: no errors, and the server keeps answering quickly.

Against the session's real ``jupyter server`` process (``cache_ttl=0``: every
call goes to the emulator). A separate prober measures Jupyter's own
``/api/status`` while the load runs.
"""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from jupyterlab_modelarts.emulator.demo import BERT_JOB, BIG_JOB, LIVE_JOB, MNIST_JOB

CLIENTS, REQUESTS = 50, 500
PATHS = [
    f"jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions",
    f"jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions/278812",
    f"jupyterlab-modelarts/training-jobs/{LIVE_JOB}/versions",
    f"jupyterlab-modelarts/training-jobs/{BERT_JOB}/versions",
    f"jupyterlab-modelarts/training-jobs/{BIG_JOB}/versions",
    "jupyterlab-modelarts/training-jobs?per_page=5",
    "jupyterlab-modelarts/session",
    "api/status",
]


def test_500_requests_from_50_clients(server_proc, emulator):
    local = threading.local()

    def one(i: int) -> tuple[int, float]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["Authorization"] = f"token {server_proc.token}"
        started = time.perf_counter()
        answer = local.session.get(f"{server_proc.url}/{PATHS[i % len(PATHS)]}", timeout=60)
        return answer.status_code, time.perf_counter() - started

    probes: list[float] = []
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            started = time.perf_counter()
            assert server_proc.get("api/status", timeout=10).status_code == 200
            probes.append(time.perf_counter() - started)
            time.sleep(0.05)

    prober = threading.Thread(target=probe, daemon=True)
    prober.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(one, range(REQUESTS)))
    elapsed = time.perf_counter() - started
    done.set()
    prober.join(15)

    codes = [code for code, _ in results]
    assert codes == [200] * REQUESTS, {c: codes.count(c) for c in set(codes)}
    counts = emulator.stats()["counts"]
    # The ModelArts calls really ran (identical calls in flight share one: single flight).
    assert {"list_versions", "get_version", "list_jobs"} <= set(counts), counts
    assert sum(counts.values()) <= REQUESTS, counts
    assert probes, "the prober never completed a request"
    assert max(probes) < 2.0, sorted(probes)[-5:]
    assert statistics.median(probes) < 0.5, statistics.median(probes)
    assert elapsed < 60, elapsed
    # And afterwards, a single call is quick again.
    after = time.perf_counter()
    assert server_proc.get(PATHS[0]).status_code == 200
    assert time.perf_counter() - after < 1.0
