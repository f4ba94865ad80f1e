"""Benchmark 1: proxy overhead of GET .../versions, through the extension vs. straight to ModelArts.

Both paths are timed from this process, interleaved (alternating which goes
first), against the same emulator and job: "direct" is the project's own sync
client (``ModelArtsClient``: requests + the SDK-HMAC-SHA256 signer, one
pooled connection), "extension" is an authenticated ``requests`` GET to the
Jupyter server, whose extension signs and forwards the same upstream call.
The server runs with ``cache_ttl=0`` so every call goes upstream.
"""

from __future__ import annotations

import time
from typing import Any

from harness import EmulatorProcess, LabProcess, ms, summary

from jupyterlab_modelarts.client import ClientConfig, ModelArtsClient

JOB = 182626  # the demo job: 4 versions, one page


def direct_client(emulator: EmulatorProcess) -> ModelArtsClient:
    """The project's sync client with the emulator's demo AK/SK."""
    emu = emulator.config
    return ModelArtsClient(
        ClientConfig(
            endpoint=emulator.url,
            region=emu["region"],
            project_id=emu["project_id"],
            access_key=emu["access_key"],
            secret_key=emu["secret_key"],
            credential_sources=("config",),
        )
    )


def _pairs(lab: LabProcess, client: ModelArtsClient, rounds: int) -> tuple[list, list, list]:
    via_ext, direct, floor = [], [], []
    path = f"jupyterlab-modelarts/training-jobs/{JOB}/versions"

    def ext_once() -> None:
        started = time.perf_counter()
        answer = lab.get(path)
        via_ext.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["versions"]) == 4

    def direct_once() -> None:
        started = time.perf_counter()
        versions = client.list_versions(JOB)
        direct.append(time.perf_counter() - started)
        assert len(versions.versions) == 4

    def floor_once() -> None:
        # Jupyter's own cheapest authenticated API call: the floor of any request to it.
        started = time.perf_counter()
        assert lab.get("api/status").status_code == 200
        floor.append(time.perf_counter() - started)

    for i in range(rounds):
        first, second = (ext_once, direct_once) if i % 2 == 0 else (direct_once, ext_once)
        first()
        second()
        floor_once()
    return via_ext, direct, floor


def run(lab: LabProcess, emulator: EmulatorProcess, rounds: dict[int, int]) -> dict[str, Any]:
    """``rounds``: emulator latency in ms -> interleaved pairs to time."""
    client = direct_client(emulator)
    results: dict[str, Any] = {"cache_ttl": lab.traits.get("cache_ttl"), "latencies": {}}
    try:
        _pairs(lab, client, 10)  # warm-up: connections, token, first-call imports
        for latency_ms, count in rounds.items():
            emulator.clear_faults()
            if latency_ms:
                emulator.set_fault("list_versions", "latency", latency=latency_ms / 1000)
            emulator.clear_stats()
            via_ext, direct, floor = _pairs(lab, client, count)
            upstream = emulator.counts().get("list_versions", 0)
            ext, dir_ = summary(ms(via_ext)), summary(ms(direct))
            results["latencies"][latency_ms] = {
                "extension_ms": ext,
                "direct_ms": dir_,
                "jupyter_status_ms": summary(ms(floor)),
                "added_ms_median": ext["median"] - dir_["median"],
                "ratio_median": ext["median"] / dir_["median"],
                "ratio_p99": ext["p99"] / dir_["p99"],
                "upstream_calls": upstream,
                "expected_upstream_calls": 2 * count,
            }
    finally:
        emulator.clear_faults()
        client.close()
    return results
