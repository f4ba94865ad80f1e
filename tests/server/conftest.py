"""Fixtures for the server-extension suite: a Jupyter server with the extension on the emulator.

``jp_server_config`` enables only this extension, refuses unauthenticated access
and points ``ModelArtsExtension`` at the shared loopback emulator (tests/conftest.py)
with its demo AK/SK. A test changes traits with ``@pytest.mark.modelarts(name=value)``.
The ``api`` caller is tests/conftest.py's.
"""

from __future__ import annotations

from typing import Any

import pytest
from support import extension_server_config, traits_with_marker
from traitlets.config import Config


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
