"""Fixtures for the client tests: one emulator on loopback, reset before each test.

Everything talks real HTTP to the emulator; the environment is scrubbed of
credential variables so a developer's own settings cannot leak into a test.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import textwrap
from dataclasses import dataclass

import pytest
import requests

from jupyterlab_modelarts.client import AsyncModelArtsClient, ClientConfig, ModelArtsClient
from jupyterlab_modelarts.emulator import AdminClient, EmulatorConfig

CREDENTIAL_ENV = (
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "MODELARTS_PROJECT_ID",
    "PROJECT_ID",
    "MODELARTS_REGION",
    "MODELARTS_ENDPOINT",
    "MODELARTS_IAM_ENDPOINT",
    "MODELARTS_METADATA_ENDPOINT",
    "MODELARTS_USERNAME",
    "MODELARTS_PASSWORD",
    "MODELARTS_ACCOUNT",
)


@dataclass
class Emu:
    """The running emulator: base URL, its config (demo credentials) and admin API."""

    url: str
    config: EmulatorConfig
    admin: AdminClient

    def client_config(self, **overrides) -> ClientConfig:
        """A ClientConfig pointing every endpoint at the emulator, fast retries."""
        values = {
            "endpoint": self.url,
            "iam_endpoint": self.url,
            "metadata_endpoint": self.url,
            "region": self.config.region,
            "project_id": self.config.project_id,
            "backoff_base": 0.01,
            "backoff_cap": 0.05,
        }
        values.update(overrides)
        return ClientConfig(**values)

    def aksk(self, **overrides) -> ClientConfig:
        """client_config with the emulator's permanent AK/SK."""
        keys = {"access_key": self.config.access_key, "secret_key": self.config.secret_key}
        return self.client_config(**{**keys, **overrides})

    def temporary_keys(self) -> dict:
        """Temporary AK/SK + security token from the emulator's metadata service."""
        return temporary_keys(self.url)

    def point_env(self, monkeypatch) -> None:
        """Point the MODELARTS_* endpoint variables at the emulator."""
        monkeypatch.setenv("MODELARTS_ENDPOINT", self.url)
        monkeypatch.setenv("MODELARTS_IAM_ENDPOINT", self.url)
        monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", self.url)
        monkeypatch.setenv("MODELARTS_REGION", self.config.region)


@pytest.fixture
def emu(emulator) -> Emu:
    """The shared emulator (tests/conftest.py), freshly reset, wrapped for client tests."""
    return Emu(emulator.url, emulator.config, emulator)


@pytest.fixture
def make_emu(make_emulator):
    """Factory for a dedicated emulator with custom EmulatorConfig fields."""

    def start(**overrides) -> Emu:
        handle = make_emulator(**overrides)
        return Emu(handle.url, handle.config, handle)

    return start


def closed_port_url() -> str:
    """A loopback URL nothing listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def closed_url() -> str:
    """A loopback URL nothing listens on."""
    return closed_port_url()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """No credential variables from the outside world; metadata probes fail fast."""
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", closed_port_url())


def run_client(kind: str, config: ClientConfig, method: str, *args, **kwargs):
    """Call one client method with a fresh sync or async client (closed afterwards)."""
    if kind == "sync":
        with ModelArtsClient(config) as client:
            return getattr(client, method)(*args, **kwargs)

    async def main():
        # Built inside the loop: tornado binds its HTTP client to the running loop.
        client = AsyncModelArtsClient(config)
        try:
            return await getattr(client, method)(*args, **kwargs)
        finally:
            client.close()

    return asyncio.run(main())


@pytest.fixture(params=["sync", "async"])
def call(request):
    """``call(config, method, *args)`` through the sync and then the async client."""
    kind = request.param

    def invoke(config: ClientConfig, method: str, *args, **kwargs):
        return run_client(kind, config, method, *args, **kwargs)

    invoke.kind = kind
    return invoke


def temporary_keys(url: str) -> dict:
    """Fetch a temporary AK/SK + token from the emulator's metadata service (test setup)."""
    token = requests.put(
        url + "/meta-data/latest/api/token",
        headers={"X-Metadata-Token-Ttl-Seconds": "60"},
        timeout=5,
    ).text
    answer = requests.get(
        url + "/openstack/latest/securitykey", headers={"X-Metadata-Token": token}, timeout=5
    )
    return answer.json()["credential"]


@pytest.fixture
def notebook_sdk(tmp_path, monkeypatch, emu):
    """A stand-in for the notebook's legacy ``modelarts.session`` module, on sys.path.

    The real SDK is not installable here (it ships only inside ModelArts
    notebooks), so this stand-in plays its part: ``Session()`` exposes
    temporary keys (fetched from the emulator's metadata service, as a
    notebook agency would supply them), project id and region.
    """
    package = tmp_path / "modelarts"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "session.py").write_text(
        textwrap.dedent(
            """
            import os

            class Session:
                def __init__(self):
                    if os.environ.get("FAKE_NOTEBOOK_BROKEN"):
                        raise RuntimeError("secret-in-message-should-not-leak")
                    self.access_key = os.environ["FAKE_NOTEBOOK_AK"]
                    self.secret_key = os.environ["FAKE_NOTEBOOK_SK"]
                    self.security_token = os.environ["FAKE_NOTEBOOK_TOKEN"]
                    self.project_id = os.environ["FAKE_NOTEBOOK_PROJECT"]
                    self.region_name = os.environ["FAKE_NOTEBOOK_REGION"]
            """
        )
    )
    keys = emu.temporary_keys()
    monkeypatch.setenv("FAKE_NOTEBOOK_AK", keys["access"])
    monkeypatch.setenv("FAKE_NOTEBOOK_SK", keys["secret"])
    monkeypatch.setenv("FAKE_NOTEBOOK_TOKEN", keys["securitytoken"])
    monkeypatch.setenv("FAKE_NOTEBOOK_PROJECT", emu.config.project_id)
    monkeypatch.setenv("FAKE_NOTEBOOK_REGION", "notebook-region")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("modelarts", "modelarts.session"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    yield keys
    for name in ("modelarts", "modelarts.session"):
        sys.modules.pop(name, None)
