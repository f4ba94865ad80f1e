"""Fixtures for the reliability suite: the extension on the loopback emulator, in-process.

Mirrors tests/server/conftest.py (deliberately not imported from it: that module is
loaded as the ``server`` package only when its folder is collected) with two
additions: a ``traits`` marker for per-test ``ModelArtsExtension`` settings and a
``server_log`` capture of everything the server writes at debug level.

Only the shared ``emulator`` / ``make_emulator`` / ``emulator_traits`` fixtures of
tests/conftest.py are reused. The subprocess server of the hypothesis and load tests is in
``server_process.py``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from extension_config import extension_server_config, traits_with_marker
from traitlets.config import Config

from .helpers import PREFIX, Reply
from .server_process import ServerProcess


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "traits(**traits): ModelArtsExtension traits for this reliability test's server"
    )


@pytest.fixture
def modelarts_traits(request: pytest.FixtureRequest, emulator_traits) -> dict[str, Any]:
    """``emulator_traits`` plus the test's ``@pytest.mark.traits(...)`` (None drops one)."""
    return traits_with_marker(request, emulator_traits, "traits")


@pytest.fixture
def jp_server_config(modelarts_traits: dict[str, Any]) -> Config:
    """Only this extension, no unauthenticated access, debug logging, ModelArts on the emulator."""
    return extension_server_config(modelarts_traits, log_level="DEBUG")


@pytest.fixture
def api(jp_fetch):
    """``await api("training-jobs", "182626", "versions", method=...)`` -> Reply (never raises)."""

    async def call(*parts: str, method: str = "GET", **kwargs: Any) -> Reply:
        if method == "POST":
            kwargs.setdefault("body", b"")
        answer = await jp_fetch(PREFIX, *parts, method=method, raise_error=False, **kwargs)
        text = answer.body.decode() if answer.body else ""
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = text  # kept raw so the assertion shows what came back
        return Reply(answer.code, body, answer.headers, text)

    return call


@pytest.fixture
def jupyter_status(jp_fetch):
    """``await jupyter_status()`` -> the HTTP code of Jupyter's own ``GET /api/status``."""

    async def call() -> int:
        answer = await jp_fetch("api", "status", raise_error=False)
        return answer.code

    return call


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_log(jp_serverapp) -> Iterator[_Collect]:
    """Every record the server's loggers emit from now on (the app's, the package's, tornado's).

    ``.records`` holds ``LogRecord`` objects; ``text()`` formats them with their
    exception text, which is what a log file would show.
    """
    handler = _Collect()
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
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    handler.text = lambda: "\n".join(formatter.format(r) for r in handler.records)  # type: ignore[attr-defined]
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture(scope="session")
def server_proc(_emulator_session, tmp_path_factory) -> Iterator[ServerProcess]:
    """One real ``jupyter server`` process for the session, on the shared emulator.

    ``cache_ttl=0`` so every valid request reaches the emulator (its request log
    is what the hostile-input tests check); secrets come from the config file.
    """
    emu = _emulator_session.config
    traits = {
        "endpoint": _emulator_session.url,
        "iam_endpoint": _emulator_session.url,
        "metadata_endpoint": _emulator_session.url,
        "region": emu.region,
        "project_id": emu.project_id,
        "access_key": emu.access_key,
        "secret_key": emu.secret_key,
        "credential_sources": ["config"],
        "cache_ttl": 0.0,
    }
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
