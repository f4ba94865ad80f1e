"""Fixtures for the server-extension suite: a Jupyter server with the extension on the emulator.

``jp_server_config`` enables only this extension, refuses unauthenticated access
and points ``ModelArtsExtension`` at the shared loopback emulator (tests/conftest.py)
with its demo AK/SK. A test changes traits with ``@pytest.mark.modelarts(name=value)``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from traitlets.config import Config

from .helpers import Reply


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "modelarts(**traits): ModelArtsExtension traits for this test's server"
    )


@pytest.fixture
def modelarts_traits(request: pytest.FixtureRequest, emulator_traits) -> dict[str, Any]:
    """ModelArtsExtension config: the emulator and its demo credentials, plus the marker's."""
    traits: dict[str, Any] = dict(emulator_traits)
    marker = request.node.get_closest_marker("modelarts")
    if marker:
        traits.update(marker.kwargs)
    return {k: v for k, v in traits.items() if v is not None}


@pytest.fixture
def jp_server_config(modelarts_traits: dict[str, Any]) -> Config:
    """Only this extension, no unauthenticated access, ModelArts on the emulator."""
    return Config(
        {
            "ServerApp": {
                "jpserver_extensions": {
                    "jupyterlab_modelarts": True,
                    "jupyter_server_terminals": False,
                },
                "allow_unauthenticated_access": False,
            },
            "ModelArtsExtension": modelarts_traits,
        }
    )


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
