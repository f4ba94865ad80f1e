"""Credential acquisitions under load and failure (issue 12, items 3 and 14).

Witness: the emulator's request log. A refused login, a key fetch that times
out and a chain that finds nothing are each tried once per back-off period,
however many requests arrive; waiters share the outcome of the one attempt;
a credential that is due for renewal but still valid keeps serving while its
renewal fails.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from support import assert_error_body, password_traits
from support.emulator import secret_file

from jupyterlab_modelarts.emulator import EmulatorConfig
from jupyterlab_modelarts.emulator.demo import MNIST_JOB

_EMU = EmulatorConfig()
WRONG_PASSWORD = {
    **password_traits(_EMU),
    "password_file": secret_file("not-the-password"),
    "cache_ttl": 0.0,
}
METADATA = {
    "credential_sources": ["metadata service"],
    "access_key": None,
    "secret_key": None,
    "cache_ttl": 0.0,
}
#: Temporary keys from this module's emulator live this long; renewal is due after half.
LIFETIME = 6.0


@pytest.fixture
def emulator(make_emulator):
    """A dedicated emulator whose temporary keys are short-lived."""
    return make_emulator(temp_credential_lifetime=LIFETIME)


async def _versions(api, job: int = MNIST_JOB):
    return await api("training-jobs", str(job), "versions")


def _distinct(api, n: int):
    """``n`` calls the server's single-flight cache cannot merge (one job each)."""
    return asyncio.gather(*(_versions(api, job) for job in range(1, n + 1)))


@pytest.mark.modelarts(**WRONG_PASSWORD)
async def test_a_wrong_password_logs_in_once_per_back_off_period(api, emulator):
    for _ in range(6):
        assert_error_body(await _versions(api), 502, "APIGW.0301")
    assert emulator.count("iam_token") == 1


@pytest.mark.modelarts(**WRONG_PASSWORD)
async def test_concurrent_waiters_share_one_failed_login(api, emulator):
    replies = await _distinct(api, 20)
    assert {reply.code for reply in replies} == {502}
    assert emulator.count("iam_token") == 1


@pytest.mark.modelarts(**password_traits(_EMU), cache_ttl=0.0, request_timeout=1.0)
async def test_waiters_share_the_outcome_of_one_hanging_login(api, emulator):
    emulator.set_fault("iam_token", "latency", latency=2.0)
    replies = await _distinct(api, 5)
    assert {reply.code for reply in replies} == {504}
    await asyncio.sleep(2.5)  # the emulator logs a login when it answers it, 2 s after it came
    assert emulator.count("iam_token") == 1


@pytest.mark.modelarts(**METADATA)
async def test_a_failed_early_renewal_keeps_the_valid_keys_serving(api, emulator):
    assert (await _versions(api)).code == 200
    emulator.set_fault("metadata", "error", status=500)
    time.sleep(LIFETIME / 2 + 0.2)  # renewal now due, the keys still valid
    assert (await _versions(api)).code == 200
    assert (await _versions(api)).code == 200
    assert emulator.count("metadata") == 2  # the first fetch, one failed renewal
    statuses = [e["status"] for e in emulator.stats()["log"] if e["route"] == "list_versions"]
    assert statuses == [200, 200, 200]


@pytest.mark.modelarts(**METADATA)
async def test_no_credentials_is_remembered_for_the_back_off_period(api, emulator):
    emulator.set_fault("metadata_token", "error", status=500)
    emulator.set_fault("metadata", "error", status=500)
    for _ in range(3):
        assert_error_body(await _versions(api), 502, "ModelArts.0201")
    replies = await _distinct(api, 10)
    assert {reply.code for reply in replies} == {502}
    assert (await api("session")).code == 200
    assert emulator.count("metadata") == 1  # one probe of the metadata service in all
