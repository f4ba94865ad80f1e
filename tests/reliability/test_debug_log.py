"""README (Troubleshooting): ``--log-level=DEBUG`` shows one line per ModelArts call."""

from __future__ import annotations

import time

from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .server_process import ServerProcess


def test_server_log_level_debug_shows_one_line_per_call(_emulator_session, tmp_path):
    emu = _emulator_session.config
    traits = {
        "endpoint": _emulator_session.url,
        "region": emu.region,
        "project_id": emu.project_id,
        "access_key": emu.access_key,
        "secret_key": emu.secret_key,
        "credential_sources": ["config"],
    }
    server = ServerProcess(tmp_path, traits, log_level="DEBUG")
    try:
        server.wait_ready()
        assert server.get(f"jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions").ok
        time.sleep(0.2)
    finally:
        server.stop()
    log = server.log_text()
    assert "[D " in log  # the server itself does log at debug level
    assert f"GET /v1/{emu.project_id}/training-jobs/{MNIST_JOB}/versions -> 200" in log
