"""Fixtures shared by every suite: the ModelArts emulator on loopback.

* ``emulator`` (function scope): a handle on one session-wide emulator running
  on its own thread, reset (data, faults, counters, clock) before each test.
* ``make_emulator`` (function scope): start a dedicated emulator with a custom
  :class:`EmulatorConfig` (e.g. short token lifetimes); stopped after the test.

Handles are :class:`EmulatorHandle` objects: ``.url``, ``.config``, ``.host``
and the admin helpers of :class:`AdminClient` (``set_fault``, ``clear_faults``,
``stats``, ``count``, ``reset``, ``advance``, ``freeze``, ``load_data``,
``expire``, ``pin_status``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Callable

import pytest

from jupyterlab_modelarts.emulator import AdminClient, EmulatorConfig, run_in_thread
from jupyterlab_modelarts.emulator.app import ThreadedEmulator

# jp_* fixtures for the server suite, and ``async def`` tests run on a loop.
pytest_plugins = ("pytest_jupyter.jupyter_server",)


class EmulatorHandle(AdminClient):
    """A running emulator: where it is, how it is configured, and its admin API."""

    def __init__(self, threaded: ThreadedEmulator) -> None:
        super().__init__(threaded.url)
        self.threaded = threaded
        self.config: EmulatorConfig = threaded.config

    @property
    def host(self) -> str:
        """``127.0.0.1:PORT`` (the Host header clients sign)."""
        return self.url.split("://", 1)[1]


@pytest.fixture(scope="session")
def _emulator_session() -> Iterator[EmulatorHandle]:
    """One emulator thread for the whole test session (default config)."""
    threaded = run_in_thread(EmulatorConfig())
    yield EmulatorHandle(threaded)
    threaded.stop()


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
    started: list[ThreadedEmulator] = []

    def start(**overrides: Any) -> EmulatorHandle:
        threaded = run_in_thread(replace(EmulatorConfig(), **overrides))
        started.append(threaded)
        return EmulatorHandle(threaded)

    yield start
    for threaded in started:
        threaded.stop()


@pytest.fixture
def emulator_traits(emulator: EmulatorHandle) -> dict[str, Any]:
    """``ModelArtsExtension`` traits pointing at the shared emulator with its demo AK/SK."""
    emu = emulator.config
    return {
        "endpoint": emulator.url,
        "iam_endpoint": emulator.url,
        "metadata_endpoint": emulator.url,
        "region": emu.region,
        "project_id": emu.project_id,
        "access_key": emu.access_key,
        "secret_key": emu.secret_key,
        "credential_sources": ["config"],
    }
