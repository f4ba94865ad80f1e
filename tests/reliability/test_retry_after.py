"""Issue 12 item 8: Retry-After parsed in both forms, clamped to [1, 120] s, honoured.

A hint beyond the retry budget (the backoff cap, 8 s by default) is not waited
for: the route answers 503 at once with the clamped hint. A hint within it is
waited for (at least 1 s, never "at once") and the call retried.
"""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest
from support import assert_error_body

from jupyterlab_modelarts.client.http import RetryPolicy, clamp_retry_after, parse_retry_after


@pytest.mark.parametrize(
    ("hint", "sent"),
    [("3600", "120"), ("2300281748", "120"), ("120", "120"), ("9", "9"), ("8.2", "9")],
)
async def test_a_hint_beyond_the_budget_is_a_503_at_once_with_the_clamped_hint(
    api, emulator, hint, sent
):
    emulator.set_fault("list_jobs", "throttle", retry_after=hint)
    reply = await api("training-jobs")
    assert_error_body(reply, 503)
    assert reply.headers["Retry-After"] == sent
    assert emulator.count("list_jobs") == 1  # not retried


async def test_an_http_date_hint_is_read_and_clamped(api, emulator):
    emulator.set_fault(
        "list_jobs", "throttle", retry_after=formatdate(time.time() + 3600, usegmt=True)
    )
    reply = await api("training-jobs")
    assert_error_body(reply, 503)
    assert reply.headers["Retry-After"] == "120" and emulator.count("list_jobs") == 1


@pytest.mark.parametrize("hint", ["-5", "0"])
async def test_a_negative_or_zero_hint_still_waits_and_is_sent_as_one_second(api, emulator, hint):
    emulator.set_fault("stop_version", "throttle", retry_after=hint)
    reply = await api("training-jobs", "182626", "versions", "278813", "stop", method="POST")
    assert_error_body(reply, 503)
    assert reply.headers["Retry-After"] == "1"


def test_the_rules():
    policy = RetryPolicy(max_retries=2, backoff_base=0.5, backoff_cap=8.0)
    assert policy.delay(0, "-5") == 1.0  # never at once
    assert policy.delay(0, "3") == 3.0 and policy.honours("8") and not policy.honours("9")
    assert not policy.honours(formatdate(time.time() + 3600, usegmt=True))
    assert policy.honours("inf") and policy.honours("soon")  # unreadable: the backoff applies
    assert parse_retry_after("inf") is None and parse_retry_after("1e400") is None
    assert 25 < parse_retry_after(formatdate(time.time() + 30, usegmt=True)) <= 30
    assert [clamp_retry_after(v) for v in (-5.0, 0.2, 7.0, 7.1, 1e300)] == [1, 1, 7, 8, 120]
