"""Fixtures for the server-extension suite: a Jupyter server with the extension on the emulator.

``jp_server_config`` enables only this extension, refuses unauthenticated access
and points ``ModelArtsExtension`` at the shared loopback emulator (tests/conftest.py)
with its demo AK/SK. A test changes traits with ``@pytest.mark.modelarts(name=value)``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from extension_config import extension_server_config, traits_with_marker
from traitlets.config import Config

from .helpers import Reply


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "modelarts(**traits): ModelArtsExtension traits for this test's server"
    )


@pytest.fixture
def modelarts_traits(request: pytest.FixtureRequest, emulator_traits) -> dict[str, Any]:
    """``emulator_traits`` plus the test's ``@pytest.mark.modelarts(...)`` (None drops one)."""
    return traits_with_marker(request, emulator_traits, "modelarts")


@pytest.fixture
def jp_server_config(modelarts_traits: dict[str, Any]) -> Config:
    """Only this extension, no unauthenticated access, ModelArts on the emulator."""
    return extension_server_config(modelarts_traits)


PREFIX = "jupyterlab-modelarts"


@pytest.fixture
def api(jp_fetch):
    """``await api("training-jobs", "182626", "versions", method=..., params=...)`` -> Reply.

    Never raises on an HTTP error status, so tests assert on the code and body.
    """

    async def call(*parts: str, method: str = "GET", **kwargs: Any) -> Reply:
        if method == "POST":
            kwargs.setdefault("body", b"")
        answer = await jp_fetch(PREFIX, *parts, method=method, raise_error=False, **kwargs)
        text = answer.body.decode() if answer.body else ""
        return Reply(answer.code, json.loads(text) if text else None, answer.headers)

    return call
