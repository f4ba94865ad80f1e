"""Benchmark 4 (server side): listing jobs of 1,000 and 10,000 versions through the extension.

``cache_ttl=0``: every call pages through ModelArts (1,000 versions per page).
A sampler reads the server process's RSS from /proc every 10 ms while the
calls run; ``VmHWM`` (the kernel's peak-RSS mark) is reported too. Each timed
call alternates with the same listing made straight to the emulator by the
project's sync client (paging + parsing), which tells the upstream and
client cost apart from what the extension adds (enriching, serialising and
sending the JSON).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from bench_proxy import direct_client
from datasets import JOB_1K, JOB_10K
from harness import EmulatorProcess, LabProcess, summary


class RssSampler(threading.Thread):
    """Peak of the server's VmRSS while running."""

    def __init__(self, lab: LabProcess) -> None:
        super().__init__(daemon=True)
        self.lab = lab
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, self.lab.rss_kib()[0])
            time.sleep(0.01)

    def stop(self) -> int:
        self._stop_event.set()
        self.join(5)
        return self.peak


def run(lab: LabProcess, emulator: EmulatorProcess, runs: dict[int, int]) -> dict[str, Any]:
    """``runs``: job id -> how many timed list calls."""
    out: dict[str, Any] = {"rss_start_kib": lab.rss_kib()[0], "jobs": {}}
    client = direct_client(emulator)
    try:
        for job, count in runs.items():
            out["jobs"].update(_one_job(lab, emulator, client, job, count))
    finally:
        client.close()
    return out


def _one_job(lab: LabProcess, emulator: EmulatorProcess, client: Any, job: int, count: int) -> dict:
    """Timed list calls of one job, each followed by the same listing made directly."""
    path = f"jupyterlab-modelarts/training-jobs/{job}/versions"
    lab.get(path).raise_for_status()  # warm-up: connections, first-call costs
    emulator.clear_stats()
    sampler = RssSampler(lab)
    sampler.start()
    times, direct, size, versions = [], [], 0, 0
    for _ in range(count):
        started = time.perf_counter()
        answer = lab.get(path)
        times.append(time.perf_counter() - started)
        answer.raise_for_status()
        size = len(answer.content)
        versions = len(answer.json()["versions"])
        started = time.perf_counter()
        assert len(client.list_versions(job).versions) == versions
        direct.append(time.perf_counter() - started)
    peak = sampler.stop()
    ext_pages = emulator.counts().get("list_versions", 0) / 2
    label = {JOB_1K: "1k", JOB_10K: "10k"}.get(job, str(job))
    return {
        label: {
            "versions": versions,
            "response_bytes": size,
            "list_s": summary(times),
            "direct_list_s": summary(direct),
            "upstream_pages_per_list": ext_pages / count,
            "rss_peak_kib": peak,
            "rss_hwm_kib": lab.rss_kib()[1],
            "rss_after_kib": lab.rss_kib()[0],
        }
    }
