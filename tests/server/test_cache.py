"""Single flight and the short cache, through the routes and on ResponseCache itself."""

from __future__ import annotations

import asyncio
import logging

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.service import ResponseCache

JOB = str(MNIST_JOB)


async def test_20_concurrent_gets_cost_one_upstream_call(api, emulator):
    # Latency keeps the first call in flight while the other 19 arrive.
    emulator.set_fault("list_versions", "latency", latency=0.3)
    replies = await asyncio.gather(*(api("training-jobs", JOB, "versions") for _ in range(20)))
    assert {r.code for r in replies} == {200}
    assert all(r.body == replies[0].body for r in replies)
    assert emulator.count("list_versions") == 1


@pytest.mark.modelarts(cache_ttl=30.0)  # long: the test is about the cache, not time
async def test_polling_within_the_ttl_is_served_from_the_cache(api, emulator, caplog):
    caplog.set_level(logging.DEBUG, logger="ModelArtsExtension")
    for _ in range(5):
        assert (await api("training-jobs", JOB, "versions")).code == 200
        assert (await api("training-jobs", JOB, "versions", str(MNIST_RUNNING_VERSION))).code == 200
    assert emulator.count("list_versions") == 1
    assert emulator.count("get_version") == 1
    messages = [r.getMessage() for r in caplog.records]
    assert sum("modelarts cache miss" in m for m in messages) == 2
    assert sum("modelarts cache hit" in m for m in messages) == 8


@pytest.mark.modelarts(cache_ttl=1.0)
async def test_the_ttl_is_configurable_and_expires(api, emulator):
    await api("training-jobs", JOB, "versions")
    await api("training-jobs", JOB, "versions")
    assert emulator.count("list_versions") == 1
    await asyncio.sleep(1.1)
    await api("training-jobs", JOB, "versions")
    assert emulator.count("list_versions") == 2


@pytest.mark.modelarts(cache_ttl=0.0)
async def test_ttl_zero_disables_the_cache(api, emulator):
    for _ in range(3):
        await api("training-jobs", JOB, "versions")
    assert emulator.count("list_versions") == 3


async def test_errors_are_not_cached(api, emulator):
    emulator.set_fault("list_versions", "error", status=500)
    assert_error_body(await api("training-jobs", JOB, "versions"), 502)
    failed_calls = emulator.count("list_versions")
    emulator.clear_faults()
    assert (await api("training-jobs", JOB, "versions")).code == 200
    assert emulator.count("list_versions") == failed_calls + 1


@pytest.mark.modelarts(cache_ttl=30.0)  # long: the test is about the cache, not time
async def test_different_queries_are_different_entries(api, emulator):
    await api("training-jobs", params={"per_page": "2"})
    await api("training-jobs", params={"per_page": "3"})
    await api("training-jobs", params={"per_page": "2"})
    assert emulator.count("list_jobs") == 2


# -- ResponseCache on its own (a controlled clock) ---------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_cache_expires_on_its_clock():
    clock, calls = Clock(), []

    async def fetch():
        calls.append(1)
        return len(calls)

    cache = ResponseCache(2.0, clock=clock)
    assert await cache.get("k", ("job", "1"), fetch) == 1
    clock.now += 1.9
    assert await cache.get("k", ("job", "1"), fetch) == 1
    clock.now += 0.2
    assert await cache.get("k", ("job", "1"), fetch) == 2


async def test_invalidation_during_flight_does_not_store_a_stale_answer():
    gate = asyncio.Event()
    calls = []

    async def fetch():
        calls.append(1)
        await gate.wait()
        return f"answer {len(calls)}"

    cache = ResponseCache(60.0)
    first = asyncio.ensure_future(cache.get("k", ("job", "1"), fetch))
    await asyncio.sleep(0)
    cache.invalidate(("job", "1"))  # a stop happened while the read was in flight
    gate.set()
    assert await first == "answer 1"
    assert await cache.get("k", ("job", "1"), fetch) == "answer 2"
    assert len(calls) == 2


async def test_a_cancelled_caller_does_not_cancel_the_shared_call():
    gate = asyncio.Event()

    async def fetch():
        await gate.wait()
        return "ok"

    cache = ResponseCache(1.0)
    leaving = asyncio.ensure_future(cache.get("k", ("s",), fetch))
    staying = asyncio.ensure_future(cache.get("k", ("s",), fetch))
    await asyncio.sleep(0)
    leaving.cancel()
    gate.set()
    assert await staying == "ok"
