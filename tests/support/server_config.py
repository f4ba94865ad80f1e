"""Jupyter server config for suites that run the extension in-process on the emulator.

Used by the server and reliability suites' conftests (and tests that start their own server).
"""

from __future__ import annotations

from typing import Any

import pytest
from traitlets.config import Config


def traits_with_marker(
    request: pytest.FixtureRequest, base: dict[str, Any], marker: str
) -> dict[str, Any]:
    """``base`` updated by the test's ``@pytest.mark.<marker>(...)``; a None value drops a trait."""
    traits = dict(base)
    found = request.node.get_closest_marker(marker)
    if found:
        traits.update(found.kwargs)
    return {k: v for k, v in traits.items() if v is not None}


def extension_server_config(traits: dict[str, Any], **server_app: Any) -> Config:
    """A Jupyter server with only this extension, no unauthenticated access, these traits."""
    return Config(
        {
            "ServerApp": {
                "jpserver_extensions": {
                    "jupyterlab_modelarts": True,
                    "jupyter_server_terminals": False,
                },
                "allow_unauthenticated_access": False,
                **server_app,
            },
            "ModelArtsExtension": traits,
        }
    )
