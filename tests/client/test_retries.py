"""GET retries (connection errors, 429/502/503/504, Retry-After) and the stop no-retry rule."""

from __future__ import annotations

import time

import pytest

from jupyterlab_modelarts.client import ConnectionFailure, ThrottledError, UpstreamError
from jupyterlab_modelarts.client.http import Request, RetryPolicy, parse_retry_after

MNIST, RUNNING = 182626, 278813


def statuses(emu, route):
    return [e["status"] for e in emu.admin.stats()["log"] if e["route"] == route]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_get_retried_through_gateway_errors(emu, call, status):
    emu.admin.set_fault("get_version", "error", status=status, count=2)
    assert call(emu.aksk(), "get_version", MNIST, RUNNING).version_id == RUNNING
    assert statuses(emu, "get_version") == [status, status, 200]


@pytest.mark.parametrize("retries", [0, 1, 4])
def test_max_retries_is_configurable(emu, call, retries):
    emu.admin.set_fault("list_jobs", "error", status=503)
    with pytest.raises(UpstreamError):
        call(emu.aksk(max_retries=retries), "list_jobs")
    assert emu.admin.count("list_jobs") == retries + 1


def test_retry_after_is_honoured(emu, call):
    emu.admin.set_fault("list_jobs", "throttle", retry_after=1, count=1)
    started = time.monotonic()
    call(emu.aksk(backoff_cap=5.0), "list_jobs")
    assert time.monotonic() - started >= 0.9
    assert statuses(emu, "list_jobs") == [429, 200]


def test_retry_after_beyond_the_budget_is_not_waited_for(emu, call):
    # Issue 12 item 8 (was: waited backoff_cap, then retried): answered at once, hint kept.
    emu.admin.set_fault("list_jobs", "throttle", retry_after=60, count=1)
    started = time.monotonic()
    with pytest.raises(ThrottledError) as caught:
        call(emu.aksk(backoff_cap=0.2), "list_jobs")
    assert time.monotonic() - started < 5
    assert caught.value.retry_after == 60 and statuses(emu, "list_jobs") == [429]


def test_dropped_get_is_retried(emu, call):
    emu.admin.set_fault("list_versions", "drop", count=1)
    assert len(call(emu.aksk(), "list_versions", MNIST).versions) == 4
    assert statuses(emu, "list_versions") == [None, 200]


@pytest.mark.parametrize(
    ("fault", "options", "error"),
    [
        ("error", {"status": 503}, UpstreamError),
        ("throttle", {"retry_after": 0}, ThrottledError),
        ("drop", {}, ConnectionFailure),
    ],
)
def test_stop_is_sent_exactly_once(emu, call, fault, options, error):
    emu.admin.set_fault("stop_version", fault, count=1, **options)
    with pytest.raises(error):
        call(emu.aksk(max_retries=3), "stop_version", MNIST, RUNNING)
    assert emu.admin.count("stop_version") == 1
    # The fault ate the only attempt: the version still runs and a new stop succeeds.
    assert call(emu.aksk(), "get_version", MNIST, RUNNING).status == 8
    assert call(emu.aksk(), "stop_version", MNIST, RUNNING) == {"is_success": True}


def test_policy_rules():
    policy = RetryPolicy(max_retries=2, backoff_base=0.5, backoff_cap=1.5)
    get = Request("GET", "http://h", "/", retryable=True)
    post = Request("POST", "http://h", "/")
    assert policy.should_retry(get, 0, 503) and policy.should_retry(get, 1, None)
    assert not policy.should_retry(get, 2, 503)
    assert not policy.should_retry(get, 0, 500) and not policy.should_retry(get, 0, 404)
    assert not policy.should_retry(post, 0, 503) and not policy.should_retry(post, 0, None)
    assert all(policy.delay(n) <= 1.5 for n in range(10))
    assert policy.delay(0, "1") == 1.0 and policy.delay(0, "100") == 1.5
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") < 0
    assert parse_retry_after("soon") is None
