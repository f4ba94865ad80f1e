"""The server watches leased new-version (v2) jobs through the same watcher and event."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import MNIST_JOB
from jupyterlab_modelarts.emulator.v2_demo import V2_COMPLETED, V2_RUNNING
from jupyterlab_modelarts.watcher import EVENT_SCHEMA_ID, LEASE_SECONDS

from .test_openapi import check

#: Short intervals so a test sees several polls; what is counted is calls, never time taken.
FAST = 0.2
TERMINAL_KINDS = {"completed", "failed", "canceled"}


def lease(job_id: str) -> tuple[str, ...]:
    return ("v2", "watches", job_id)


async def settle(seconds: float) -> None:
    """Let the server's pollers run for a while (the event loop is the test's)."""
    await asyncio.sleep(seconds)


async def next_events(socket, count: int) -> list[dict]:
    """Up to ``count`` of this extension's events, in order (other events skipped)."""
    found: list[dict] = []
    for _ in range(200):
        if len(found) == count:
            break
        event = json.loads(await asyncio.wait_for(socket.read_message(), timeout=10))
        if event.get("schema_id") == EVENT_SCHEMA_ID:
            found.append(event)
    return found


async def test_v2_lease_renew_and_end(api, emulator):
    first = await api(*lease(V2_RUNNING), method="PUT")
    check(lease(V2_RUNNING), "PUT", first)
    assert first.code == 200
    assert (first.body["api"], first.body["job_id"]) == ("v2", V2_RUNNING)
    assert first.body["expires_in"] == pytest.approx(LEASE_SECONDS, abs=1)
    again = await api(*lease(V2_RUNNING.upper()), method="PUT")  # the same job, canonical id
    assert again.code == 200 and again.body["job_id"] == V2_RUNNING
    ended = await api(*lease(V2_RUNNING), method="DELETE")
    check(lease(V2_RUNNING), "DELETE", ended)
    assert (ended.code, ended.body["api"], ended.body["expires_in"]) == (200, "v2", 0)


async def test_bad_v2_ids_are_refused_without_a_poll(api, emulator):
    for bad in (str(MNIST_JOB), "x" * 36, V2_RUNNING + "0"):
        reply = await api(*lease(bad), method="PUT")
        assert_error_body(reply, 400, "ModelArts.0104")
        check(lease(bad), "PUT", reply)
    await settle(FAST * 3)
    assert emulator.stats()["total"] == 0


@pytest.mark.modelarts(watch_interval=FAST, cache_ttl=0.0)
async def test_many_v2_leases_cost_one_poll_per_interval(api, emulator):
    await asyncio.gather(*(api(*lease(V2_RUNNING), method="PUT") for _ in range(20)))
    started = time.monotonic()
    await settle(FAST * 6)
    elapsed = time.monotonic() - started
    polls = emulator.count("show_training_job")
    # One poller for the job: at most one call per interval (plus the first, immediate one).
    assert 1 <= polls <= elapsed / FAST + 1
    assert emulator.count("list_versions") == 0, "a v2 lease never reads v1"
    await api(*lease(V2_RUNNING), method="DELETE")
    await settle(FAST)
    emulator.clear_stats()
    await settle(FAST * 5)
    assert emulator.count("show_training_job") == 0, "nothing is polled once the lease ends"


@pytest.mark.modelarts(watch_interval=FAST)
async def test_a_v2_job_s_end_is_pushed_with_its_run(api, emulator, jp_ws_fetch):
    socket = await jp_ws_fetch("api", "events", "subscribe")
    try:
        await api(*lease(V2_RUNNING), method="PUT")
        await settle(FAST * 3)  # the first poll sets the baseline: no event for it
        stop = await api("v2", "training-jobs", V2_RUNNING, "stop", method="POST")
        assert stop.code == 200
        # Terminating, then Terminated once the emulator's kill delay has passed.
        stopping, ended = await next_events(socket, 2)
    finally:
        socket.close()
        await api(*lease(V2_RUNNING), method="DELETE")
    for event in (stopping, ended):
        assert (event["api"], event["job_id"], event["version_count"]) == ("v2", V2_RUNNING, 1)
        (run,) = event["versions"]
        assert (run["api"], run["id"], run["name"]) == ("v2", V2_RUNNING, "mnist-v2")
        assert run["stoppable"] is False and run["create_time"] > 0
        assert "metadata" not in run, "the summary shape, not the upstream record"
    assert (stopping["versions"][0]["status_name"], stopping["versions"][0]["status_kind"]) == (
        "Terminating",
        "stopping",
    )
    assert ended["versions"][0]["status_name"] == "Terminated"
    assert ended["versions"][0]["status_kind"] in TERMINAL_KINDS
    assert emulator.count("terminate_training_job") == 1
    text = json.dumps([stopping, ended])
    for secret in (emulator.config.secret_key, emulator.config.access_key):
        assert secret not in text


@pytest.mark.modelarts(watch_interval=FAST)
async def test_only_a_phase_change_is_pushed(api, emulator, jp_ws_fetch):
    socket = await jp_ws_fetch("api", "events", "subscribe")
    try:
        await api(*lease(V2_COMPLETED), method="PUT")
        await settle(FAST * 5)
        emulator.pin_phase(V2_COMPLETED, "Failed")  # the one change this test makes
        (event,) = await next_events(socket, 1)
    finally:
        socket.close()
        await api(*lease(V2_COMPLETED), method="DELETE")
    assert event["job_id"] == V2_COMPLETED
    assert event["versions"][0]["status_kind"] == "failed"
