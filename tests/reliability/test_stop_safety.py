"""A stop reaches ModelArts at most once: double clicks, concurrent callers, failed sends.

tests/server/test_stop.py covers the happy path, a second stop after the first
and ten concurrent stops. Here the stop itself misbehaves (slow, dropped,
timing out, refused) and the checks are on the emulator's own count and
request log, including a wait afterwards so a late retry would be seen.
"""

from __future__ import annotations

import asyncio

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)
STOP = ("training-jobs", JOB, "versions", RUNNING, "stop")


def _stops_sent(emulator) -> list[dict]:
    return [e for e in emulator.stats()["log"] if e["route"] == "stop_version"]


async def _settle(emulator, seconds: float) -> list[dict]:
    """Wait long enough for any retry to land, then return the stops the emulator saw."""
    await asyncio.sleep(seconds)
    return _stops_sent(emulator)


async def test_double_click_while_the_stop_is_slow_sends_one(api, emulator):
    emulator.set_fault("stop_version", "latency", latency=0.5)
    first = asyncio.ensure_future(api(*STOP, method="POST"))
    await asyncio.sleep(0.1)  # the second click lands while the first is on the wire
    second = await api(*STOP, method="POST")
    first_reply = await first
    assert (first_reply.code, second.code) == (200, 200), (first_reply.text, second.text)
    assert len(await _settle(emulator, 0.3)) == 1


async def test_fifty_concurrent_stops_send_one(api, emulator):
    emulator.set_fault("stop_version", "latency", latency=0.3)
    replies = await asyncio.gather(*(api(*STOP, method="POST") for _ in range(50)))
    codes = {r.code for r in replies}
    assert codes <= {200, 409} and 200 in codes, [r.text for r in replies]
    for reply in replies:
        if reply.code == 409:
            assert_error_body(reply, 409, "ModelArts.0105")
    assert len(await _settle(emulator, 0.3)) == 1


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        ({"kind": "drop"}, 502),
        ({"kind": "error", "status": 503, "error_code": "APIGW.0205"}, 502),
        ({"kind": "error", "status": 502, "error_code": "APIGW.0201"}, 502),
        ({"kind": "throttle", "retry_after": 0.1}, 503),
        ({"kind": "truncated_json"}, 502),
    ],
    ids=["dropped", "503", "502", "429", "truncated"],
)
async def test_failed_stop_is_never_retried(api, emulator, fault, status):
    emulator.set_fault("stop_version", **fault)
    replies = await asyncio.gather(*(api(*STOP, method="POST") for _ in range(3)))
    for reply in replies:
        assert_error_body(reply, status)
    stops = await _settle(emulator, 1.0)
    assert len(stops) == 1, stops
    if fault["kind"] == "drop":
        assert stops[0]["status"] is None  # the emulator hung up without answering


@pytest.mark.modelarts(request_timeout=0.3)
async def test_timed_out_stop_is_never_retried(api, emulator):
    emulator.set_fault("stop_version", "latency", latency=0.8)
    reply = await api(*STOP, method="POST")
    assert_error_body(reply, 504, "ModelArts.0012")
    # The slow stop is logged when the emulator answers it (after 0.8 s); a retry would follow.
    stops = await _settle(emulator, 1.6)
    assert len(stops) == 1, stops


async def test_failed_fresh_read_sends_no_stop(api, emulator):
    emulator.set_fault("get_version", "drop")
    reply = await api(*STOP, method="POST")
    assert_error_body(reply, 502)
    assert _stops_sent(emulator) == []
