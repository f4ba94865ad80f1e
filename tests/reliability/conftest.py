"""Fixtures for the reliability suite: the extension on the loopback emulator, in-process.

The in-process server is tests/conftest.py's (``jp_server_config``, per-test traits
by ``@pytest.mark.modelarts(...)``, ``api``), here with debug logging; added are
``jupyter_status`` and a ``server_log`` capture of everything the server writes.
The subprocess server of the hypothesis and load tests is in ``server_process.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from support import LogCollector, extension_traits

from .server_process import ServerProcess


@pytest.fixture
def server_app_options() -> dict[str, Any]:
    """Debug logging: the secrets and traceback checks read every debug line."""
    return {"log_level": "DEBUG"}


@pytest.fixture
def jupyter_status(jp_fetch):
    """``await jupyter_status()`` -> the HTTP code of Jupyter's own ``GET /api/status``."""

    async def call() -> int:
        answer = await jp_fetch("api", "status", raise_error=False)
        return answer.code

    return call


@pytest.fixture
def server_log(jp_serverapp) -> Iterator[LogCollector]:
    """Every record the server's loggers emit from now on (the app's, the package's, tornado's).

    ``.records`` holds ``LogRecord`` objects; ``text()`` formats them with their
    exception text, which is what a log file would show.
    """
    handler = LogCollector()
    names = [
        jp_serverapp.log.name,
        "jupyterlab_modelarts",
        "tornado.access",
        "tornado.application",
        "tornado.general",
        "",
    ]
    loggers = [logging.getLogger(name) for name in names] + [jp_serverapp.log]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture(scope="session")
def server_proc(_emulator_session, tmp_path_factory) -> Iterator[ServerProcess]:
    """One real ``jupyter server`` process for the session, on the shared emulator.

    ``cache_ttl=0`` so every valid request reaches the emulator (its request log
    is what the hostile-input tests check); secrets come from the config file.
    """
    traits = extension_traits(_emulator_session, cache_ttl=0.0)
    # Both loggers at DEBUG: `--log-level` alone leaves the extension's at WARN
    # (see test_debug_log.py), and the secrets scan needs every debug line.
    server = ServerProcess(
        tmp_path_factory.mktemp("jupyter-server"),
        traits,
        extra_args=("--ModelArtsExtension.log_level=DEBUG",),
    )
    server.wait_ready()
    yield server
    server.stop()
