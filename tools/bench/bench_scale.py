"""Benchmark 4 (server side): listing jobs of 1,000 and 10,000 versions through the extension.

``cache_ttl=0``: every call pages through ModelArts (1,000 versions per page).
A sampler reads the server process's RSS from /proc every 10 ms while the
calls run; ``VmHWM`` (the kernel's peak-RSS mark) is reported too. Each timed
call alternates with the same listing made straight to the emulator by the
project's sync client (paging + parsing), which tells the upstream and
client cost apart from what the extension adds (enriching, serialising and
sending the JSON). The full view is read uncompressed (the bytes of earlier runs).

Issue 13 adds, in the same loop: the summary view (``view=summary``, gzip as the
panel reads it) against the raw fetch + ``json.loads`` of the same upstream pages
(target ≤ 2x), the bytes a version costs on the wire (full, summary, each gzipped,
and an unchanged poll's 304), and the peak RSS growth against the body size
(target ≤ 2x). Run alone: ``python tools/bench/bench_scale.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))

from bench_client import raw_fetch  # noqa: E402
from bench_proxy import direct_client  # noqa: E402
from datasets import JOB_1K, JOB_10K  # noqa: E402
from harness import EmulatorProcess, LabProcess, summary  # noqa: E402
from standalone import standalone  # noqa: E402

from jupyterlab_modelarts.client.http import TransportSettings  # noqa: E402
from jupyterlab_modelarts.client.transport_sync import RequestsTransport  # noqa: E402

#: Targets of issue 13: summary view ≤ 2x the raw fetch; RSS growth ≤ 2x the body.
SUMMARY_TARGET = 2.0
RSS_TARGET = 2.0
IDENTITY = {"Accept-Encoding": "identity"}
GZIP = {"Accept-Encoding": "gzip"}


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


def _timed(call: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = call()
    return time.perf_counter() - started, value


def _not_modified_bytes(lab: LabProcess, path: str, etag: str) -> int:
    """The bytes of the whole answer to a poll with ``If-None-Match`` (a 304), off the wire."""
    request = (
        f"GET /{path}?view=summary HTTP/1.1\r\nHost: 127.0.0.1:{lab.port}\r\n"
        f"Authorization: token {lab.token}\r\nAccept-Encoding: gzip\r\n"
        f"If-None-Match: {etag}\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", lab.port), timeout=60) as sock:
        sock.sendall(request.encode())
        wire = b""
        while chunk := sock.recv(65536):
            wire += chunk
    assert wire.startswith(b"HTTP/1.1 304"), wire[:100]
    return len(wire)


def _wire_bytes(lab: LabProcess, path: str, versions: int) -> dict[str, float]:
    """Bytes a version costs on the wire: full and summary, plain and gzipped; and a 304."""
    out: dict[str, float] = {}
    for view in ("full", "summary"):
        for name, headers in (("", IDENTITY), ("_gzip", GZIP)):
            answer = lab.get(path, params={"view": view}, headers=headers, stream=True)
            wire = len(answer.raw.read(decode_content=False))
            out[f"{view}{name}_per_version"] = wire / versions
            etag = answer.headers["Etag"]
    out["not_modified_bytes"] = _not_modified_bytes(lab, path, etag)
    return out


def _one_job(lab: LabProcess, emulator: EmulatorProcess, client: Any, job: int, count: int) -> dict:
    """Timed list calls of one job, each followed by the same listing made directly, the
    summary view and the raw fetch of the same pages."""
    path = f"jupyterlab-modelarts/training-jobs/{job}/versions"
    lab.get(path, headers=IDENTITY).raise_for_status()  # warm-up: connections, first-call costs
    transport = RequestsTransport(TransportSettings())
    emulator.clear_stats()
    rss_before = lab.rss_kib()[0]
    sampler = RssSampler(lab)
    sampler.start()
    times, direct, summary_s, raw_s, size, versions = [], [], [], [], 0, 0
    for _ in range(count):
        took, answer = _timed(lambda: lab.get(path, headers=IDENTITY))
        times.append(took)
        answer.raise_for_status()
        size = len(answer.content)
        versions = len(answer.json()["versions"])
        took, listed = _timed(lambda: client.list_versions(job))
        assert len(listed.versions) == versions
        direct.append(took)
        took, answer = _timed(lambda: lab.get(path, params={"view": "summary"}, headers=GZIP))
        assert len(answer.json()["versions"]) == versions
        summary_s.append(took)
        took, seen = _timed(lambda: raw_fetch(emulator, transport, job))
        assert seen == versions
        raw_s.append(took)
    peak = sampler.stop()
    ext_pages = emulator.counts().get("list_versions", 0) / 4
    label = {JOB_1K: "1k", JOB_10K: "10k"}.get(job, str(job))
    return {
        label: {
            "versions": versions,
            "response_bytes": size,
            "list_s": summary(times),
            "direct_list_s": summary(direct),
            "summary_list_s": summary(summary_s),
            "raw_fetch_s": summary(raw_s),
            "summary_ratio": statistics.median(summary_s) / statistics.median(raw_s),
            "summary_target": SUMMARY_TARGET,
            "upstream_pages_per_list": ext_pages / count,
            "rss_before_kib": rss_before,
            "rss_peak_kib": peak,
            "rss_growth_ratio": (peak - rss_before) * 1024 / size,
            "rss_target": RSS_TARGET,
            "rss_hwm_kib": lab.rss_kib()[1],
            "rss_after_kib": lab.rss_kib()[0],
            **_wire_bytes(lab, path, versions),
        }
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs = {JOB_1K: 3, JOB_10K: 2} if args.quick else {JOB_1K: 20, JOB_10K: 5}
    with standalone("jlma-bench-scale-", lambda _emulator: {"cache_ttl": 0}) as (emulator, lab):
        print(json.dumps(run(lab, emulator, runs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
