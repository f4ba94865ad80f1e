"""The one handle on a running emulator, and the extension traits that point at it."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import requests

from jupyterlab_modelarts.client import ClientConfig
from jupyterlab_modelarts.emulator import AdminClient, EmulatorConfig, run_in_thread
from jupyterlab_modelarts.emulator.app import ThreadedEmulator


class EmulatorHandle(AdminClient):
    """A running emulator: where it is, how it is configured, and its admin API.

    ``.url``, ``.config``, ``.host`` and the :class:`AdminClient` helpers
    (``set_fault``, ``clear_faults``, ``stats``, ``count``, ``clear_stats``,
    ``reset``, ``advance``, ``freeze``, ``load_data``, ``expire``, ``pin_status``).
    """

    def __init__(self, threaded: ThreadedEmulator) -> None:
        super().__init__(threaded.url)
        self.threaded = threaded
        self.config: EmulatorConfig = threaded.config

    @property
    def host(self) -> str:
        """``127.0.0.1:PORT`` (the Host header clients sign)."""
        return self.url.split("://", 1)[1]

    def client_config(self, **options: Any) -> ClientConfig:
        """A ``ClientConfig`` for this emulator with its demo AK/SK (``options``: other fields)."""
        return self.config.client_config(self.url, **options)

    def stop(self) -> None:
        """Stop the emulator's thread."""
        self.threaded.stop()

    def temporary_keys(self) -> dict[str, str]:
        """A real temporary AK/SK + security token from the emulator's metadata service."""
        token = requests.put(
            f"{self.url}/meta-data/latest/api/token",
            headers={"X-Metadata-Token-Ttl-Seconds": "600"},
            timeout=5,
        ).text
        answer = requests.get(
            f"{self.url}/openstack/latest/securitykey",
            headers={"X-Metadata-Token": token},
            timeout=5,
        )
        return answer.json()["credential"]


def start_emulator(**overrides: Any) -> EmulatorHandle:
    """An emulator on its own thread; keyword arguments override :class:`EmulatorConfig`."""
    return EmulatorHandle(run_in_thread(replace(EmulatorConfig(), **overrides)))


_SECRETS_DIR: list[Path] = []


def secret_file(value: str) -> str:
    """The path of a private file holding ``value`` (secrets are settings only as files).

    One file per value, in a temporary folder removed when the test process exits.
    """
    if not _SECRETS_DIR:
        folder = Path(tempfile.mkdtemp(prefix="modelarts-secrets-"))
        atexit.register(shutil.rmtree, folder, True)
        _SECRETS_DIR.append(folder)
    path = _SECRETS_DIR[0] / hashlib.sha256(value.encode()).hexdigest()[:16]
    if not path.exists():
        path.write_text(value + "\n")
        path.chmod(0o600)
    return str(path)


def extension_traits(emulator: EmulatorHandle, **extra: Any) -> dict[str, Any]:
    """``ModelArtsExtension`` traits pointing at ``emulator`` with its demo AK/SK (+ ``extra``).

    The secret key is a file (``secret_key_file``): the extension refuses secrets as values.
    """
    emu = emulator.config
    return {
        "endpoint": emulator.url,
        "iam_endpoint": emulator.url,
        "metadata_endpoint": emulator.url,
        "region": emu.region,
        "project_id": emu.project_id,
        "access_key": emu.access_key,
        "secret_key_file": secret_file(emu.secret_key),
        "credential_sources": ["config"],
        **extra,
    }


def password_traits(config: EmulatorConfig) -> dict[str, Any]:
    """Traits that log in to the emulator's IAM as its demo user, with no AK/SK."""
    return {
        "credential_sources": ["IAM password"],
        "access_key": None,
        "secret_key_file": None,
        "username": config.username,
        "password_file": secret_file(config.password),
        "account": config.domain,
    }
