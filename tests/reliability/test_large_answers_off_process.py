"""Issue 12 item 7: a large answer is read in a worker process, not in the server's.

A thread reading a 40 MB page holds the GIL for seconds in all and makes the event
loop wait at every socket call; its objects wake the garbage collector under the
loop. These tests run the non-blocking client against the emulator over loopback
and a real worker process; how much that spares the loop is measured by
``make bench`` (``/api/status`` p99), not here.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys

import pytest
from support import assert_error_body
from support.workers import ProbeSink, environment_names, reading_pid

from jupyterlab_modelarts.client import AsyncModelArtsClient, ModelArtsClient, UpstreamError
from jupyterlab_modelarts.client.config import DEFAULT_WORKER_PROCESSES
from jupyterlab_modelarts.client.workers import OFF_LOOP_BYTES
from jupyterlab_modelarts.emulator.demo import MNIST_JOB
from jupyterlab_modelarts.version_body import EncodedVersionList

#: Versions of about 1 KB each: a page well over OFF_LOOP_BYTES.
VERSIONS = 2 * OFF_LOOP_BYTES // 1000


def big_page(versions: int = VERSIONS, **extra: object) -> str:
    items = [{"version_id": n + 1, "status": 10, "pad": "x" * 1000} for n in range(versions)]
    body = {"is_success": True, "job_id": MNIST_JOB, "version_count": versions, "versions": items}
    return json.dumps({**body, **extra})


def listing(emulator, *sinks, processes: int = DEFAULT_WORKER_PROCESSES, between=None) -> list:
    """Each sink's result of listing the job's versions, in turn, with one client."""

    async def main() -> list:
        client = AsyncModelArtsClient(emulator.client_config(), worker_processes=processes)
        results = []
        try:
            for sink in sinks:
                results.append(await client.list_versions_into(MNIST_JOB, sink))
                if between is not None:
                    between(results[-1])
        finally:
            await client.aclose()
        return results

    return asyncio.run(main())


def test_a_large_page_is_read_in_a_worker_process(emulator):
    emulator.set_fault("list_versions", "raw", body=big_page())
    (pids,) = listing(emulator, ProbeSink(reading_pid))
    assert len(pids) == VERSIONS
    assert len(set(pids)) == 1 and pids[0] != os.getpid()


async def test_the_extension_serves_a_large_page_read_in_a_worker(api, emulator):
    emulator.set_fault("list_versions", "raw", body=big_page())
    summary = await api("training-jobs", str(MNIST_JOB), "versions", params={"view": "summary"})
    full = await api("training-jobs", str(MNIST_JOB), "versions")
    assert summary.code == full.code == 200
    assert [row["id"] for row in summary.body["versions"]] == [
        str(n) for n in range(VERSIONS, 0, -1)
    ]
    assert full.body["versions"][0]["pad"] == "x" * 1000  # unknown fields are kept
    emulator.clear_faults()
    emulator.set_fault("list_versions", "raw", body=big_page(version_count="many"))
    refused = await api("training-jobs", "4242", "versions")
    assert_error_body(refused, 502)
    assert "unexpected answer" in refused.body["error_msg"]


def test_a_small_page_is_read_in_place(emulator):
    emulator.set_fault("list_versions", "raw", body=big_page(versions=10))
    (pids,) = listing(emulator, ProbeSink(reading_pid))
    assert set(pids) == {os.getpid()}


def test_the_worker_answer_is_the_answer_read_in_place(emulator):
    emulator.set_fault("list_versions", "raw", body=big_page())
    (in_worker,) = listing(emulator, EncodedVersionList("summary"))
    (in_thread,) = listing(emulator, EncodedVersionList("summary"), processes=0)
    assert b"".join(in_worker.chunks) == b"".join(in_thread.chunks)
    with ModelArtsClient(emulator.client_config()) as client:  # the blocking driver reads in place
        listed = client.list_versions(MNIST_JOB)
    assert [v.version_id for v in listed.versions] == list(range(VERSIONS, 0, -1))
    rows = json.loads(b"".join(in_worker.chunks))["versions"]
    assert [row["id"] for row in rows] == [str(n) for n in range(VERSIONS, 0, -1)]


def test_an_unexpected_large_answer_is_the_typed_error_and_the_worker_serves_on(emulator):
    emulator.set_fault("list_versions", "raw", body=big_page(version_count="many"))
    seen: list = []

    async def main():
        client = AsyncModelArtsClient(emulator.client_config())
        try:
            with pytest.raises(UpstreamError) as refused:
                await client.list_versions_into(MNIST_JOB, ProbeSink(reading_pid))
            seen.append(refused.value)
            emulator.clear_faults()
            emulator.set_fault("list_versions", "raw", body=big_page())
            seen.append(await client.list_versions_into(MNIST_JOB, ProbeSink(reading_pid)))
            seen.append(await client.list_versions_into(MNIST_JOB, ProbeSink(reading_pid)))
        finally:
            await client.aclose()

    asyncio.run(main())
    error, first, second = seen
    assert error.error_code == "ModelArts.0010" and "unexpected answer" in error.message
    assert set(first) == set(second) and first[0] != os.getpid()  # the same worker


def test_a_lost_worker_is_replaced(emulator):
    emulator.set_fault("list_versions", "raw", body=big_page())

    killed: list[int] = []

    def kill(pids):
        if not killed:  # the first call's worker, once
            killed.append(pids[0])
            os.kill(pids[0], signal.SIGKILL)

    sinks = [ProbeSink(reading_pid) for _ in range(3)]
    first, during, after = listing(emulator, *sinks, processes=1, between=kill)
    assert len(during) == len(after) == VERSIONS  # every call answered
    assert set(during) == {os.getpid()}  # the call that found it dead: the parse thread
    assert after[0] not in (first[0], os.getpid())  # then a new worker


def test_where_no_worker_can_start_the_parse_thread_reads(emulator, monkeypatch, caplog):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    emulator.set_fault("list_versions", "raw", body=big_page())
    first, second = listing(emulator, ProbeSink(reading_pid), ProbeSink(reading_pid))
    assert len(first) == len(second) == VERSIONS
    assert set(first) == set(second) == {os.getpid()}
    lost = [r for r in caplog.records if "worker process" in r.getMessage()]
    assert len(lost) == 1, "one failed start, then no more tries"


def test_a_worker_has_no_credential_in_its_environment(emulator, monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "the-secret-key")
    monkeypatch.setenv("MODELARTS_PASSWORD", "the-password")
    emulator.set_fault("list_versions", "raw", body=big_page())
    (names,) = listing(emulator, ProbeSink(environment_names))
    assert "HUAWEICLOUD_SDK_SK" in os.environ
    assert not {"HUAWEICLOUD_SDK_SK", "MODELARTS_PASSWORD"} & set(names[0])
