"""Credentials that expire mid-session: renewed once, transparently; a refusal is a 502.

IAM password tokens and the metadata service's temporary AK/SK both come from
the emulator, which can expire them (admin ``expire``) or answer one request
with the gateway's expiry error (``token_expired`` / ``credential_expired``
faults) while they still look valid to the client.
"""

from __future__ import annotations

import pytest
from support import assert_error_body, password_traits

from jupyterlab_modelarts.emulator import EmulatorConfig
from jupyterlab_modelarts.emulator.demo import BERT_JOB, LIVE_JOB, MNIST_JOB

_EMU = EmulatorConfig()
IAM = {**password_traits(_EMU), "cache_ttl": 0.0}
METADATA = {
    "credential_sources": ["metadata service"],
    "access_key": None,
    "secret_key": None,
    "cache_ttl": 0.0,
}


async def _versions(api, job: int) -> int:
    reply = await api("training-jobs", str(job), "versions")
    return reply.code


@pytest.mark.modelarts(**IAM)
async def test_token_rejected_mid_session_is_renewed_once(api, emulator):
    assert await _versions(api, MNIST_JOB) == 200
    assert emulator.count("iam_token") == 1
    emulator.set_fault("list_versions", "token_expired", count=1)
    assert await _versions(api, LIVE_JOB) == 200
    assert emulator.count("iam_token") == 2  # exactly one renewal
    assert await _versions(api, BERT_JOB) == 200
    assert emulator.count("iam_token") == 2  # the renewed token is reused


@pytest.mark.modelarts(**IAM)
async def test_token_expired_by_the_clock_is_renewed(api, emulator):
    assert await _versions(api, MNIST_JOB) == 200
    emulator.expire(tokens=True, credentials=False)
    assert await _versions(api, MNIST_JOB) == 200
    assert emulator.count("iam_token") == 2


@pytest.mark.modelarts(**IAM)
async def test_token_refused_again_after_renewal_is_502_not_a_loop(api, emulator, jupyter_status):
    assert await _versions(api, MNIST_JOB) == 200
    emulator.set_fault("list_versions", "token_expired")  # every token, even a new one
    reply = await api("training-jobs", str(MNIST_JOB), "versions")
    assert_error_body(reply, 502, "APIGW.0301")
    assert emulator.count("iam_token") == 2  # renewed once, then gave up
    assert await jupyter_status() == 200


@pytest.mark.modelarts(**METADATA)
async def test_expired_temporary_credentials_are_renewed(api, emulator):
    assert await _versions(api, MNIST_JOB) == 200
    assert emulator.count("metadata") == 1
    emulator.expire(tokens=False, credentials=True)
    assert await _versions(api, MNIST_JOB) == 200
    assert emulator.count("metadata") == 2
    emulator.set_fault("list_versions", "credential_expired", count=1)
    assert await _versions(api, LIVE_JOB) == 200
    assert emulator.count("metadata") == 3


@pytest.mark.modelarts(**METADATA)
async def test_temporary_credentials_refused_again_are_502(api, emulator, jupyter_status):
    assert await _versions(api, MNIST_JOB) == 200
    emulator.set_fault("list_versions", "credential_expired")
    reply = await api("training-jobs", str(MNIST_JOB), "versions")
    assert_error_body(reply, 502, "APIGW.0301")
    assert emulator.count("metadata") == 2
    assert await jupyter_status() == 200
