"""Benchmark: Jupyter's own ``GET /api/status`` p99 while the extension serves heavy answers.

Issue 12 item 7. Two scenarios, each with a prober timing ``/api/status`` back
to back (20 ms pause) while it runs:

* ``cached_readers``: 50 readers poll the 1,000-version job through the cache
  (the default 2 s time to live), so almost every answer is a cache hit: before,
  each hit re-serialised the whole answer on the event loop;
* ``large_bodies``: 8 readers of 8 different jobs whose upstream answer is a
  ``body_mb`` MB body (the emulator's ``raw`` fault): the peak RSS of the server
  and of its worker process (which reads such answers) is recorded too (bodies
  past ``max_body_bytes``, 64 MB by default, answer 502).

Each scenario runs twice: with the readers of notebook code (the full view, no
compression: the bytes of the earlier runs) and with the panel's (``view=summary``,
gzip, ``If-None-Match``: an unchanged poll is a 304); keys ``*_panel``. The readers
run in a child process, so the prober does not share a GIL with 50 HTTP clients.

Run alone: ``python tools/bench/bench_status.py [--quick] [--package-root DIR]``
(``--package-root`` runs the servers on another checkout's package, e.g. the code
before the change, for a side-by-side figure).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))

import harness  # noqa: E402
from bench_responsiveness import _status_probe  # noqa: E402
from datasets import JOB_1K, MANY_JOBS  # noqa: E402
from harness import EmulatorProcess, LabProcess, ms, summary  # noqa: E402
from standalone import standalone  # noqa: E402

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


#: How a reader asks: the full view uncompressed (the same bytes on the wire as before
#: issue 13), the full view as notebook code's ``requests`` asks (gzip accepted), or as
#: the panel does (the summary view, gzip accepted, If-None-Match with the ETag of its
#: last answer, so an unchanged poll is a 304).
READER_MODES: dict[str, dict[str, Any]] = {
    "full": {"params": {}, "headers": {"Accept-Encoding": "identity"}, "etag": False},
    "full_gzip": {"params": {}, "headers": {"Accept-Encoding": "gzip"}, "etag": False},
    "panel": {"params": {"view": "summary"}, "headers": {"Accept-Encoding": "gzip"}, "etag": True},
}


def _reader(url: str, token: str, mode: str, deadline: float, rounds: int) -> Counter[int]:
    """One reader: GET ``url`` until ``deadline`` (or ``rounds`` times), as ``mode`` says."""
    how = READER_MODES[mode]
    codes: Counter[int] = Counter()
    etag = ""
    with requests.Session() as session:
        session.headers.update({"Authorization": f"token {token}", **how["headers"]})
        done = 0
        while time.monotonic() < deadline and done < rounds:
            headers = {"If-None-Match": etag} if how["etag"] and etag else {}
            answer = session.get(url, params=how["params"], headers=headers, timeout=300)
            codes[answer.status_code] += 1
            etag = answer.headers.get("Etag", etag)
            done += 1
    return codes


def _readers_process(
    urls: list[str], token: str, mode: str, seconds: float, rounds: int
) -> dict[int, int]:
    """Every reader of ``urls`` at once (a thread each), in a process of their own: the
    prober's process must not share its GIL with the readers' clients."""
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(len(urls)) as pool:
        futures = [pool.submit(_reader, url, token, mode, deadline, rounds) for url in urls]
        return dict(sum((f.result() for f in futures), Counter()))


def _in_child(*args: Any) -> dict[int, int]:
    """``_readers_process(*args)`` in a child process; its answer counts."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(_readers_process, *args).result()


def cached_readers(
    lab: LabProcess, seconds: float, mode: str = "full", readers: int = 50
) -> dict[str, Any]:
    """``readers`` clients polling the 1,000-version job for ``seconds`` (``READER_MODES``)."""
    url = f"{lab.url}/jupyterlab-modelarts/training-jobs/{JOB_1K}/versions"
    urls = [url] * readers
    codes, probes = _while_probing(lab, lambda: _in_child(urls, lab.token, mode, seconds, 10**9))
    return {"readers": readers, "mode": mode, "reads": codes, "status_ms": summary(ms(probes))}


def large_bodies(
    lab: LabProcess,
    emulator: EmulatorProcess,
    body_mb: int,
    rounds: int,
    mode: str = "full",
    readers: int = 8,
) -> dict[str, Any]:
    """``readers`` different jobs at once, each upstream answer ``body_mb`` MB, ``rounds`` times."""
    pad = "x" * 1000
    count = body_mb * 1000
    versions = [{"version_id": n + 1, "status": 10, "pad": pad} for n in range(count)]
    body = json.dumps(
        {"is_success": True, "job_id": 1, "version_count": count, "versions": versions}
    )
    emulator.set_fault("list_versions", "raw", body=body)
    urls = [f"{lab.url}/jupyterlab-modelarts/training-jobs/{job}/versions" for job in MANY_JOBS]
    urls = urls[:readers]
    try:
        codes, probes = _while_probing(
            lab, lambda: _in_child(urls, lab.token, mode, 3600.0, rounds)
        )
    finally:
        emulator.clear_faults()
    return {
        "body_mb": round(len(body) / 1e6, 1),
        "readers": readers,
        "mode": mode,
        "codes": codes,
        "peak_rss_mb": round(lab.rss_kib()[1] / 1024),
        "worker_peak_rss_mb": round(lab.worker_peak_rss_kib() / 1024),
        "status_ms": summary(ms(probes)),
    }


def run(lab: LabProcess, emulator: EmulatorProcess, plan: dict[str, Any]) -> dict[str, Any]:
    """Both scenarios on ``lab`` (default settings: cache on, 64 MB body cap), with the
    readers of notebook code (``full``) and of the panel (``panel``)."""
    out: dict[str, Any] = {}
    for mode in READER_MODES:
        suffix = "" if mode == "full" else f"_{mode}"
        out[f"cached_readers{suffix}"] = cached_readers(lab, plan["readers_s"], mode)
        out[f"large_bodies{suffix}"] = large_bodies(
            lab, emulator, plan["body_mb"], plan["body_rounds"], mode
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--package-root", help="run the servers on this checkout's package")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL

    def traits(emulator: EmulatorProcess) -> dict[str, Any]:
        if not args.package_root:
            return {}
        harness.REPO = Path(args.package_root)  # the servers (not the emulator) on that checkout
        return {"secret_key": emulator.config["secret_key"]}  # before secrets were files

    with standalone("jlma-bench-status-", traits) as (emulator, lab):
        print(json.dumps(run(lab, emulator, plan), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
