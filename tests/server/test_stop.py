"""The stop guard: a fresh read first, one upstream stop only for a running version."""

from __future__ import annotations

import asyncio

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import BERT_JOB, MNIST_JOB, MNIST_RUNNING_VERSION

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)
COMPLETED = "278812"


async def test_stop_running_version(api, emulator):
    reply = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert (reply.code, reply.body) == (200, {"is_success": True})
    assert emulator.count("stop_version") == 1
    assert emulator.count("get_version") == 1  # the fresh read before the stop


async def test_stop_of_a_version_that_is_not_running_sends_nothing(api, emulator):
    reply = await api("training-jobs", JOB, "versions", COMPLETED, "stop", method="POST")
    assert_error_body(reply, 409, "ModelArts.0105")
    assert "10" in reply.body["error_msg"] and "Completed" in reply.body["error_msg"]
    assert emulator.count("stop_version") == 0


async def test_queued_version_is_not_stopped_either(api, emulator):
    reply = await api("training-jobs", str(BERT_JOB), "versions", "280000", "stop", method="POST")
    assert_error_body(reply, 409, "ModelArts.0105")
    assert emulator.count("stop_version") == 0


async def test_second_stop_is_409_and_not_sent(api, emulator):
    first = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert first.code == 200
    second = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert_error_body(second, 409, "ModelArts.0105")
    assert emulator.count("stop_version") == 1


@pytest.mark.modelarts(cache_ttl=30.0)
async def test_stop_reads_fresh_not_from_the_cache(api, emulator):
    # The cache says Running; upstream has moved on: the guard must see the truth.
    cached = await api("training-jobs", JOB, "versions", RUNNING)
    assert cached.body["stoppable"] is True
    emulator.pin_status(MNIST_JOB, MNIST_RUNNING_VERSION, 10)
    reply = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert_error_body(reply, 409, "ModelArts.0105")
    assert emulator.count("stop_version") == 0
    assert emulator.count("get_version") == 2


@pytest.mark.modelarts(cache_ttl=30.0)
async def test_a_stop_invalidates_the_jobs_cached_answers(api, emulator):
    before = await api("training-jobs", JOB, "versions")
    assert before.body["versions"][0]["status"] == 8
    await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    after = await api("training-jobs", JOB, "versions")  # well within the 2 s cache TTL
    assert after.body["versions"][0]["status"] in (9, 12, 13)
    assert after.body["versions"][0]["stoppable"] is False
    assert emulator.count("list_versions") == 2


async def test_concurrent_stops_send_exactly_one(api, emulator):
    replies = await asyncio.gather(
        *(api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST") for _ in range(10))
    )
    codes = sorted(r.code for r in replies)
    assert set(codes) <= {200, 409} and 200 in codes, codes
    for reply in replies:
        if reply.code == 409:
            assert_error_body(reply, 409, "ModelArts.0105")
    assert emulator.count("stop_version") == 1


async def test_unknown_version_stop_is_404(api, emulator):
    reply = await api("training-jobs", JOB, "versions", "1", "stop", method="POST")
    assert_error_body(reply, 404, "ModelArts.0102")
    reply = await api("training-jobs", "424242", "versions", "1", "stop", method="POST")
    assert_error_body(reply, 404, "ModelArts.0102")
    assert emulator.count("stop_version") == 0


async def test_upstream_refusal_of_the_stop_is_409(api, emulator):
    # Running at the read, refused at the stop (it finished in between).
    emulator.set_fault(
        "stop_version",
        "error",
        status=400,
        error_code="ModelArts.0105",
        error_msg="This job can't be stop. job status: 10",
    )
    reply = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert_error_body(reply, 409, "ModelArts.0105")
    assert emulator.count("stop_version") == 1


async def test_stop_is_not_retried_after_a_server_error(api, emulator):
    emulator.set_fault("stop_version", "error", status=500)
    reply = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert_error_body(reply, 502, "ModelArts.0010")
    assert emulator.count("stop_version") == 1
