"""Each call is written once (client/operations.py) and both drivers run it the same way.

The exchanges are stepped here by hand with a real transport against the
emulator, so the steps they yield (requests, sleeps, exclusive sections) are
visible; the drivers are then compared against each other on every operation.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from jupyterlab_modelarts.client import (
    AsyncModelArtsClient,
    AuthError,
    ClientConfig,
    ModelArtsClient,
    ModelArtsError,
    ThrottledError,
    UpstreamError,
)
from jupyterlab_modelarts.client.auth.chain import LOCAL_SOURCES, METADATA_SOURCE, NOTEBOOK_SOURCE
from jupyterlab_modelarts.client.client import drive, drive_async
from jupyterlab_modelarts.client.config import CREDENTIAL_SOURCES
from jupyterlab_modelarts.client.exchange import Blocking, Exchange, Exclusive, Runner, Sleep, pause
from jupyterlab_modelarts.client.http import Request
from jupyterlab_modelarts.client.operations import Operations
from jupyterlab_modelarts.client.query import JobQuery
from jupyterlab_modelarts.client.transport_sync import RequestsTransport

MNIST, RUNNING = 182626, 278813

OPERATIONS = [
    ("session_info", ()),
    ("list_versions", (MNIST,)),
    ("get_version", (MNIST, RUNNING)),
    ("list_jobs", (JobQuery(search_content="mnist", sort_by="job_name", order="asc"),)),
    ("stop_version", (MNIST, RUNNING)),
]


def step_through(exchange: Exchange, steps: list) -> object:
    """Run ``exchange`` over real HTTP, recording every step; sleeps are recorded, not slept."""
    transport = RequestsTransport()
    runner = Runner(exchange)
    try:
        while (step := runner.next_step()) is not None:
            steps.append(step)
            if isinstance(step, Request):
                try:
                    runner.answer(transport.send(step))
                except ModelArtsError as exc:
                    runner.fail(exc)
            elif isinstance(step, Exclusive):
                step_through(step.body, steps)
            elif isinstance(step, Blocking):
                step.call()
        return runner.result
    finally:
        transport.close()


def kinds(steps: list) -> list[str]:
    return [type(step).__name__ for step in steps]


def upstream_log(emu) -> list[tuple]:
    return [(e["method"], e["path"], e["status"]) for e in emu.admin.stats()["log"]]


def outcome(value: object) -> object:
    return value.to_dict() if hasattr(value, "to_dict") else value


def run_sync(config: ClientConfig, method: str, *args):
    with ModelArtsClient(config) as client:
        return getattr(client, method)(*args)


def run_async(config: ClientConfig, method: str, *args):
    async def main():
        client = AsyncModelArtsClient(config)
        try:
            return await getattr(client, method)(*args)
        finally:
            client.close()

    return asyncio.run(main())


@pytest.mark.parametrize(("method", "args"), OPERATIONS, ids=[m for m, _ in OPERATIONS])
@pytest.mark.parametrize("credentials", ["aksk", "metadata service", "IAM password"])
def test_sync_and_async_clients_agree_on_result_and_upstream_requests(
    emu, method, args, credentials
):
    if credentials == "aksk":
        config = emu.aksk()
    elif credentials == "metadata service":
        config = emu.client_config()
    else:
        config = emu.client_config(
            username=emu.config.username,
            password=emu.config.password,
            account=emu.config.domain,
            credential_sources=["IAM password"],
        )
    emu.admin.freeze()  # the same durations for both runs
    synchronous = outcome(run_sync(config, method, *args))
    sync_log = upstream_log(emu)
    if method == "stop_version":  # a stop changes the version: start again from the same state
        emu.admin.reset()
    seen = len(upstream_log(emu))
    asynchronous = outcome(run_async(config, method, *args))
    assert asynchronous == synchronous
    assert upstream_log(emu)[seen:] == sync_log


def test_retry_after_is_a_sleep_step(emu):
    emu.admin.set_fault("list_jobs", "throttle", retry_after=1, count=1)
    steps: list = []
    result = step_through(Operations(emu.aksk(backoff_cap=5.0)).list_jobs(JobQuery()), steps)
    assert result.job_total_count == 5
    # Exclusive: the credential chain (config keys, nothing to send); then the call, retried.
    assert kinds(steps) == ["Exclusive", "Request", "Sleep", "Request"]
    assert steps[2] == Sleep(1.0)
    assert steps[1] == steps[3]  # the same signed request, sent again


def test_a_hint_beyond_the_budget_is_not_slept(emu):
    # Issue 12 item 8 (was: the sleep was capped at backoff_cap and the call retried).
    emu.admin.set_fault("get_version", "throttle", retry_after=60, count=2)
    steps: list = []
    ops = Operations(emu.aksk(backoff_cap=0.25, max_retries=2))
    with pytest.raises(ThrottledError):
        step_through(ops.get_version(MNIST, RUNNING), steps)
    assert kinds(steps) == ["Exclusive", "Request"]


def test_a_stop_is_never_retried_and_never_sleeps(emu):
    emu.admin.set_fault("stop_version", "error", status=503, count=1)
    steps: list = []
    with pytest.raises(UpstreamError):
        step_through(Operations(emu.aksk(max_retries=5)).stop_version(MNIST, RUNNING), steps)
    assert kinds(steps) == ["Exclusive", "Request"]
    assert emu.admin.count("stop_version") == 1


def test_a_throttled_stop_is_not_retried_either(emu):
    emu.admin.set_fault("stop_version", "throttle", retry_after=0, count=1)
    steps: list = []
    with pytest.raises(ThrottledError):
        step_through(Operations(emu.aksk(max_retries=5)).stop_version(MNIST, RUNNING), steps)
    assert kinds(steps) == ["Exclusive", "Request"]


def test_credentials_resolve_inside_an_exclusive_step_once(emu):
    ops = Operations(emu.client_config())  # metadata service keys
    steps: list = []
    step_through(ops.get_version(MNIST, RUNNING), steps)
    # Exclusive (resolution): metadata token PUT + securitykey GET; then the call itself.
    assert kinds(steps) == ["Exclusive", "Request", "Request", "Request"]
    steps.clear()
    step_through(ops.get_version(MNIST, RUNNING), steps)
    assert kinds(steps) == ["Request"]  # fresh keys: no lock taken


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_stop_is_sent_again_once_after_a_gateway_401(emu, kind):
    config = emu.client_config()  # metadata-service keys renew on 401

    def scenario_sync():
        with ModelArtsClient(config) as client:
            client.get_version(MNIST, RUNNING)
            emu.admin.expire(tokens=False, credentials=True)
            return client.stop_version(MNIST, RUNNING)

    async def scenario_async():
        client = AsyncModelArtsClient(config)
        try:
            await client.get_version(MNIST, RUNNING)
            emu.admin.expire(tokens=False, credentials=True)
            return await client.stop_version(MNIST, RUNNING)
        finally:
            client.close()

    answer = scenario_sync() if kind == "sync" else asyncio.run(scenario_async())
    assert answer == {"is_success": True}
    stops = [e["status"] for e in emu.admin.stats()["log"] if e["route"] == "stop_version"]
    assert stops == [401, 200]
    assert emu.admin.count("metadata") == 2


def test_a_stop_refused_twice_by_the_gateway_is_sent_only_twice(emu):
    emu.admin.set_fault("stop_version", "token_expired")
    config = emu.client_config(
        username=emu.config.username,
        password=emu.config.password,
        account=emu.config.domain,
        credential_sources=["IAM password"],
    )
    steps: list = []
    with pytest.raises(AuthError):
        step_through(Operations(config).stop_version(MNIST, RUNNING), steps)
    assert emu.admin.count("stop_version") == 2 and emu.admin.count("iam_token") == 2
    assert "Sleep" not in kinds(steps)


def waited(seconds: float) -> Exchange:
    """An exchange that sleeps, then returns how long it really waited."""
    started = time.monotonic()
    yield from pause(seconds)
    return time.monotonic() - started


def test_both_drivers_perform_a_sleep_step():
    # Lower bounds only (a sleep never ends early; asyncio may round by its clock resolution).
    assert drive(waited(0.2), RequestsTransport(), None) >= 0.2
    assert asyncio.run(drive_async(waited(0.2), None, None)) >= 0.19


def test_every_credential_source_name_has_a_source():
    assert set(LOCAL_SOURCES) | {METADATA_SOURCE, NOTEBOOK_SOURCE} == set(CREDENTIAL_SOURCES)
