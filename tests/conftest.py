"""Fixtures shared by every suite: the ModelArts emulator on loopback, and the ``api`` caller.

* ``emulator`` (function scope): a handle on one session-wide emulator running
  on its own thread, reset (data, faults, counters, clock) before each test.
* ``make_emulator`` (function scope): start a dedicated emulator with a custom
  :class:`EmulatorConfig` (e.g. short token lifetimes); stopped after the test.
* ``emulator_traits``: ``ModelArtsExtension`` traits pointing at the shared emulator;
  ``modelarts_traits`` adds the test's ``@pytest.mark.modelarts(name=value)``.
* ``jp_server_config``: an in-process Jupyter server with only this extension, no
  unauthenticated access, ModelArts on the emulator (plus ``server_app_options``,
  which a suite may override).
* ``api``: ``await api("training-jobs", ...)`` -> ``support.Reply`` against that
  server (``jp_fetch``).

Handles are :class:`support.EmulatorHandle` objects (see tests/support/).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Callable

import pytest
from support import (
    EmulatorHandle,
    api_caller,
    extension_server_config,
    extension_traits,
    start_emulator,
    traits_with_marker,
)
from traitlets.config import Config

# jp_* fixtures for the server suite, and ``async def`` tests run on a loop.
pytest_plugins = ("pytest_jupyter.jupyter_server",)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "modelarts(**traits): ModelArtsExtension traits for this test's server"
    )


@pytest.fixture(scope="session")
def _emulator_session() -> Iterator[EmulatorHandle]:
    """One emulator thread for the whole test session (default config)."""
    handle = start_emulator()
    yield handle
    handle.stop()


@pytest.fixture
def emulator(_emulator_session: EmulatorHandle) -> EmulatorHandle:
    """The shared emulator, freshly reset: demo data, no faults, zero counts, live clock."""
    _emulator_session.reset()
    return _emulator_session


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., EmulatorHandle]]:
    """Factory: ``make_emulator(token_lifetime=1.0, ...)`` starts a dedicated emulator.

    Keyword arguments override :class:`EmulatorConfig` defaults. Every
    emulator started this way is stopped when the test ends.
    """
    started: list[EmulatorHandle] = []

    def start(**overrides: Any) -> EmulatorHandle:
        handle = start_emulator(**overrides)
        started.append(handle)
        return handle

    yield start
    for handle in started:
        handle.stop()


@pytest.fixture
def emulator_traits(emulator: EmulatorHandle) -> dict[str, Any]:
    """``ModelArtsExtension`` traits pointing at the shared emulator with its demo AK/SK."""
    return extension_traits(emulator)


@pytest.fixture
def modelarts_traits(request: pytest.FixtureRequest, emulator_traits) -> dict[str, Any]:
    """``emulator_traits`` plus the test's ``@pytest.mark.modelarts(...)`` (None drops one)."""
    return traits_with_marker(request, emulator_traits, "modelarts")


@pytest.fixture
def server_app_options() -> dict[str, Any]:
    """Extra ``ServerApp`` settings of the suite's in-process server (none by default)."""
    return {}


@pytest.fixture
def jp_server_config(modelarts_traits: dict[str, Any], server_app_options) -> Config:
    """Only this extension, no unauthenticated access, ModelArts on the emulator."""
    return extension_server_config(modelarts_traits, **server_app_options)


@pytest.fixture
def api(jp_fetch):
    """``await api("training-jobs", "182626", "versions", method=..., params=...)`` -> Reply.

    Never raises on an HTTP error status, so tests assert on the code and body.
    """
    return api_caller(jp_fetch)
