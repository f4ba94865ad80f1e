"""Throttled reads (issue 11 item 7): 429 without a hint waits 2-5 s with jitter, then retries."""

from __future__ import annotations

import pytest
from test_operations import kinds, step_through

from jupyterlab_modelarts.client.exchange import Sleep
from jupyterlab_modelarts.client.http import THROTTLED_WAIT, Request, RetryPolicy
from jupyterlab_modelarts.client.operations import Operations
from jupyterlab_modelarts.client.query import JobQuery

LOW, HIGH = THROTTLED_WAIT


@pytest.mark.parametrize("code", ["APIGW.0308", "ModelArts.2799"])
def test_a_throttled_read_waits_two_to_five_seconds_then_retries(emu, code):
    emu.admin.set_fault("list_jobs", "error", status=429, error_code=code, count=1)
    steps: list = []
    # The suite shortens waits; this test keeps the default budget (nothing actually sleeps).
    result = step_through(Operations(emu.aksk(backoff_cap=8.0)).list_jobs(JobQuery()), steps)
    assert result.job_total_count == 5
    assert kinds(steps) == ["Exclusive", "Request", "Sleep", "Request"]
    assert isinstance(steps[2], Sleep) and LOW <= steps[2].seconds <= HIGH


def test_the_wait_is_jittered_and_within_the_budget():
    request = Request("GET", "https://modelarts.example", "/v1/p/training-jobs", retryable=True)
    policy = RetryPolicy()
    waits = {policy.delay(0, None, 429) for _ in range(50)}
    assert len(waits) > 1, "concurrent clients must not retry in lock-step"
    assert all(LOW <= wait <= HIGH for wait in waits)
    assert policy.should_retry(request, 0, 429)
    assert RetryPolicy(backoff_cap=3.0).delay(0, None, 429) <= 3.0
    assert policy.delay(0, None, 503) < LOW  # other failures keep the short exponential backoff
