"""Issue 12 item 7: upstream bodies are capped (``max_body_bytes``) with a clear 502.

Both transports: the server's (tornado) and the SDK's (requests). The cap
counts the body as read, so a large answer is refused without being kept.
"""

from __future__ import annotations

import json

import pytest
from support import assert_error_body

from jupyterlab_modelarts.client import ModelArtsClient, UpstreamError
from jupyterlab_modelarts.client.http import TransportSettings
from jupyterlab_modelarts.client.transport_sync import RequestsTransport
from jupyterlab_modelarts.emulator.demo import MNIST_JOB

LIMIT = 100_000


def big_version_list(size: int) -> str:
    versions = [{"version_id": n, "status": 10, "pad": "x" * 1000} for n in range(size // 1000)]
    return json.dumps({"is_success": True, "job_id": MNIST_JOB, "versions": versions})


@pytest.mark.modelarts(max_body_bytes=LIMIT)
async def test_a_body_over_the_cap_is_a_clear_502(api, emulator):
    emulator.set_fault("list_versions", "raw", body=big_version_list(3 * LIMIT))
    reply = await api("training-jobs", str(MNIST_JOB), "versions")
    assert_error_body(reply, 502)
    assert "larger than the limit of 97.6562 KB" in reply.body["error_msg"], reply.body
    assert "max_body_bytes" in reply.body["error_msg"]
    emulator.clear_faults()
    assert (await api("training-jobs", str(MNIST_JOB), "versions")).code == 200  # under it


def test_the_sdk_transport_has_the_same_cap(emulator):
    emulator.set_fault("list_versions", "raw", body=big_version_list(3 * LIMIT))
    transport = RequestsTransport(TransportSettings(max_body_bytes=LIMIT))
    with ModelArtsClient(emulator.client_config(), transport=transport) as client:
        with pytest.raises(UpstreamError, match="larger than the limit"):
            client.list_versions(MNIST_JOB)


def test_the_default_cap_is_64_mb():
    assert TransportSettings().max_body_bytes == 64 * 1024 * 1024
