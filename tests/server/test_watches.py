"""The server watches leased jobs and pushes their changes on Jupyter's event bus."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from support import assert_error_body

from jupyterlab_modelarts.client import AsyncModelArtsClient
from jupyterlab_modelarts.emulator.demo import EMPTY_JOB, MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.service import ModelArtsService
from jupyterlab_modelarts.watcher import EVENT_SCHEMA_ID, LEASE_SECONDS, Watcher

JOB = str(MNIST_JOB)
#: Short intervals so a test sees several polls; what is counted is calls, never time taken.
FAST = 0.2


async def settle(seconds: float) -> None:
    """Let the server's pollers run for a while (the event loop is the test's)."""
    await asyncio.sleep(seconds)


async def test_lease_renew_and_end(api, emulator):
    first = await api("watches", JOB, method="PUT")
    assert first.code == 200 and first.body["job_id"] == JOB
    assert first.body["expires_in"] == pytest.approx(LEASE_SECONDS, abs=1)
    assert first.body["renew_every"] < LEASE_SECONDS
    again = await api("watches", "0" + JOB, method="PUT")  # the same job, canonical id
    assert again.code == 200 and again.body["job_id"] == JOB
    ended = await api("watches", JOB, method="DELETE")
    assert ended.code == 200 and ended.body["expires_in"] == 0


async def test_bad_job_ids_are_refused_without_a_poll(api, emulator):
    reply = await api("watches", "12a", method="PUT")
    assert_error_body(reply, 400, "ModelArts.0104")
    await settle(FAST * 3)
    assert emulator.stats()["total"] == 0


@pytest.mark.modelarts(watch_interval=FAST, cache_ttl=0.0)
async def test_a_job_is_polled_only_while_leased(api, emulator):
    await settle(FAST * 3)
    assert emulator.count("list_versions") == 0, "nothing is polled without a lease"
    await api("watches", JOB, method="PUT")
    await settle(FAST * 5)
    assert emulator.count("list_versions") >= 2
    await api("watches", JOB, method="DELETE")
    await settle(FAST)
    emulator.clear_stats()
    await settle(FAST * 5)
    assert emulator.count("list_versions") == 0


@pytest.mark.modelarts(watch_interval=FAST, cache_ttl=0.0)
async def test_many_leases_on_one_job_cost_one_poll_per_interval(api, emulator):
    await asyncio.gather(*(api("watches", JOB, method="PUT") for _ in range(20)))
    started = time.monotonic()
    await settle(FAST * 6)
    elapsed = time.monotonic() - started
    polls = emulator.count("list_versions")
    # One poller for the job: at most one call per interval (plus the first, immediate one).
    assert 1 <= polls <= elapsed / FAST + 1
    await api("watches", JOB, method="DELETE")


@pytest.mark.modelarts(watch_interval=FAST)
async def test_a_status_change_is_pushed_on_the_event_bus(api, emulator, jp_ws_fetch):
    socket = await jp_ws_fetch("api", "events", "subscribe")
    try:
        await api("watches", JOB, method="PUT")
        await settle(FAST * 3)  # the first poll sets the baseline: no event for it
        emulator.pin_status(MNIST_JOB, MNIST_RUNNING_VERSION, 11)
        message = None
        for _ in range(50):
            raw = await asyncio.wait_for(socket.read_message(), timeout=10)
            event = json.loads(raw)
            if event.get("schema_id") == EVENT_SCHEMA_ID:
                message = raw
                break
        assert message is not None
    finally:
        socket.close()
        await api("watches", JOB, method="DELETE")
    event = json.loads(message)
    assert event["job_id"] == JOB and event["version_count"] == 4
    (changed,) = event["versions"]
    assert changed["id"] == str(MNIST_RUNNING_VERSION)
    assert (changed["status"], changed["status_kind"], changed["stoppable"]) == (
        11,
        "failed",
        False,
    )
    for secret in (emulator.config.secret_key, emulator.config.access_key):
        assert secret not in message


async def test_a_lease_expires_without_renewal(emulator):
    """The watcher on its own, with a clock the test moves (no waiting 90 s)."""
    now = [1000.0]
    client = AsyncModelArtsClient(emulator.client_config())
    service = ModelArtsService(_ready(client))
    events: list[dict] = []

    async def versions(job_id: str) -> dict:
        return json.loads((await service.list_versions(job_id)).body())

    watcher = Watcher(versions, events.append, interval=FAST, clock=lambda: now[0])
    try:
        await watcher.renew(str(EMPTY_JOB))
        await settle(FAST * 2)
        assert watcher.watched() == [str(EMPTY_JOB)]
        now[0] += LEASE_SECONDS + 1
        await settle(FAST * 3)
        assert watcher.watched() == []
        emulator.clear_stats()
        await settle(FAST * 3)
        assert emulator.count("list_versions") == 0
    finally:
        await watcher.close()
        client.close()


def _ready(client: AsyncModelArtsClient):
    async def provide() -> AsyncModelArtsClient:
        return client

    return provide


@pytest.mark.modelarts(watch_interval=30.0, cache_ttl=60.0)
async def test_the_watchers_poll_and_the_panels_read_share_one_upstream_call(api, emulator):
    """The watcher reads the panel's summary view: one cache entry, one upstream call."""
    await api("watches", JOB, method="PUT")
    for _ in range(100):  # the first poll is immediate; wait for it, whatever the load
        if emulator.count("list_versions"):
            break
        await settle(0.05)
    assert emulator.count("list_versions") == 1
    reply = await api("training-jobs", JOB, "versions", params={"view": "summary"})
    assert reply.code == 200 and reply.body["versions"]
    assert emulator.count("list_versions") == 1, "the panel's read is the watcher's answer"
    await api("watches", JOB, method="DELETE")
