"""--ModelArtsExtension.emulate=True: the emulator in-process on the server's loop."""

from __future__ import annotations

import pytest
from support import extension_server_config, version_parts
from tornado.httpclient import AsyncHTTPClient
from traitlets.config import Config

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION


@pytest.fixture
def jp_server_config() -> Config:
    # No endpoint or credentials at all: emulate mode brings its own.
    return extension_server_config({"emulate": True})


def _extension(serverapp):
    return serverapp.extension_manager.extension_points["jupyterlab_modelarts"].app


async def test_emulated_session_list_and_stop(api, jp_serverapp):
    session = await api("session")
    assert session.code == 200
    assert session.body["source"] == "emulator"
    assert session.body["emulated"] is True
    url = _extension(jp_serverapp).emulator_url
    assert url.startswith("http://127.0.0.1:")
    assert session.body["endpoint"] == url

    versions = await api("training-jobs", str(MNIST_JOB), "versions")
    assert versions.code == 200 and versions.body["versions"][0]["stoppable"] is True
    stop = await api(*version_parts(MNIST_JOB, MNIST_RUNNING_VERSION, "stop"), method="POST")
    assert stop.code == 200
    stats = await AsyncHTTPClient().fetch(f"{url}/_emulator/stats")
    assert b'"stop_version": 1' in stats.body


async def test_stop_extension_stops_the_emulator(api, jp_serverapp):
    assert (await api("session")).code == 200
    extension = _extension(jp_serverapp)
    url = extension.emulator_url
    await extension.stop_extension()
    assert extension.emulator is None
    with pytest.raises(ConnectionError):
        await AsyncHTTPClient(force_instance=True).fetch(f"{url}/_emulator/config")
