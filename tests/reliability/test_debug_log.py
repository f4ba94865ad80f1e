"""README (Troubleshooting): ``--log-level=DEBUG`` shows one line per ModelArts call."""

from __future__ import annotations

import time

from support import extension_traits

from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .server_process import ServerProcess


def test_server_log_level_debug_shows_one_line_per_call(_emulator_session, tmp_path):
    emu = _emulator_session.config
    server = ServerProcess(tmp_path, extension_traits(_emulator_session), log_level="DEBUG")
    try:
        server.wait_ready()
        assert server.get(f"jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions").ok
        time.sleep(0.2)
    finally:
        server.stop()
    log = server.log_text()
    assert "[D " in log  # the server itself does log at debug level
    assert f"GET /v1/{emu.project_id}/training-jobs/{MNIST_JOB}/versions -> 200" in log
