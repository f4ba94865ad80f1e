"""Routes live under the server's base_url (pytest-jupyter's default /a%40b/ elsewhere)."""

from __future__ import annotations

import pytest
from support import version_parts

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION


@pytest.fixture
def jp_base_url() -> str:
    return "/user/alice/"


async def test_routes_answer_under_a_hub_style_base_url(api, emulator, jp_serverapp):
    assert jp_serverapp.base_url == "/user/alice/"
    assert (await api("session")).code == 200
    versions = await api("training-jobs", str(MNIST_JOB), "versions")
    assert versions.code == 200 and versions.body["version_count"] == 4
    stop = await api(*version_parts(MNIST_JOB, MNIST_RUNNING_VERSION, "stop"), method="POST")
    assert stop.code == 200
    assert emulator.count("stop_version") == 1


async def test_routes_are_not_at_the_root(http_server_client, jp_auth_header):
    answer = await http_server_client.fetch(
        "/jupyterlab-modelarts/session", headers=jp_auth_header, raise_error=False
    )
    assert answer.code == 404
