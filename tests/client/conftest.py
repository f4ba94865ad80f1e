"""Fixtures for the client tests: one emulator on loopback, reset before each test.

Everything talks real HTTP to the emulator; the environment is scrubbed of
credential variables so a developer's own settings cannot leak into a test.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

import pytest

from jupyterlab_modelarts.client import ClientConfig
from jupyterlab_modelarts.emulator import AdminClient, EmulatorConfig, run_in_thread

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

    def point_env(self, monkeypatch) -> None:
        """Point the MODELARTS_* endpoint variables at the emulator."""
        monkeypatch.setenv("MODELARTS_ENDPOINT", self.url)
        monkeypatch.setenv("MODELARTS_IAM_ENDPOINT", self.url)
        monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", self.url)
        monkeypatch.setenv("MODELARTS_REGION", self.config.region)


@pytest.fixture(scope="session")
def _emulator_handle():
    handle = run_in_thread(EmulatorConfig())
    yield handle
    handle.stop()


@pytest.fixture
def emu(_emulator_handle) -> Emu:
    """A freshly reset emulator (data, faults, counters, clock)."""
    admin = AdminClient(_emulator_handle.url)
    admin.reset()
    return Emu(_emulator_handle.url, _emulator_handle.config, admin)


def closed_port_url() -> str:
    """A loopback URL nothing listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """No credential variables from the outside world; metadata probes fail fast."""
    for name in CREDENTIAL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", closed_port_url())
