"""Benchmark (issue 13 item 1): the client's ``list_versions`` against the raw fetch.

For the 10,000-version job (10 upstream pages of 1,000), interleaved in one loop:

* *raw*: each page fetched with the project's own transport and signing, then
  ``json.loads`` — the floor any client pays to have the data at all;
* *client*: ``ModelArtsClient.list_versions`` (paging, checks, one model per
  version, newest first).

The target is client ≤ 1.3 x raw at the median. Run alone:
``python tools/bench/bench_client.py [--rounds N]`` (starts its own emulator).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))

from bench_proxy import direct_client  # noqa: E402
from datasets import JOB_10K, bench_data  # noqa: E402
from harness import EmulatorProcess, ms, summary  # noqa: E402

from jupyterlab_modelarts.client.api_v1 import list_versions_request  # noqa: E402
from jupyterlab_modelarts.client.auth.keys import AkSk, AkSkAuth  # noqa: E402
from jupyterlab_modelarts.client.http import TransportSettings  # noqa: E402
from jupyterlab_modelarts.client.query import MAX_PER_PAGE  # noqa: E402
from jupyterlab_modelarts.client.transport_sync import RequestsTransport  # noqa: E402

#: The client's target: at most this many times the raw fetch (median, same run).
TARGET_RATIO = 1.3


def raw_fetch(emulator: EmulatorProcess, transport: RequestsTransport, job: int) -> int:
    """Every page of ``job`` fetched, signed and ``json.loads``-ed; the versions seen."""
    emu = emulator.config
    auth = AkSkAuth(AkSk(emu["access_key"], emu["secret_key"]))
    seen, page = 0, 1
    while True:
        request = list_versions_request(
            emulator.url, emu["project_id"], job, page=page, per_page=MAX_PER_PAGE
        )
        body = json.loads(transport.send(auth.apply(request, emu["project_id"])).body)
        seen += len(body["versions"])
        if len(body["versions"]) < MAX_PER_PAGE or seen >= body["version_count"]:
            return seen
        page += 1


def run(emulator: EmulatorProcess, rounds: int, job: int = JOB_10K) -> dict[str, Any]:
    """``rounds`` interleaved pairs (raw, client) after one warm-up of each."""
    client = direct_client(emulator)
    transport = RequestsTransport(TransportSettings())
    raw_s: list[float] = []
    client_s: list[float] = []
    try:
        count = raw_fetch(emulator, transport, job)
        assert len(client.list_versions(job).versions) == count
        for _ in range(rounds):
            started = time.perf_counter()
            assert raw_fetch(emulator, transport, job) == count
            raw_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert len(client.list_versions(job).versions) == count
            client_s.append(time.perf_counter() - started)
    finally:
        client.close()
    ratio = statistics.median(client_s) / statistics.median(raw_s)
    return {
        "versions": count,
        "raw_ms": summary(ms(raw_s)),
        "client_ms": summary(ms(client_s)),
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "met": ratio <= TARGET_RATIO,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="jlma-bench-client-"))
    emulator = EmulatorProcess(workdir)
    try:
        emulator.admin("PUT", "data", bench_data())
        print(json.dumps(run(emulator, args.rounds), indent=2))
    finally:
        emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
