"""From the extension's settings to the client's configuration (and the demo's emulator).

``ModelArtsExtension`` holds the traits; these functions read them, the
environment filling what they leave unset (``ClientConfig.from_env``), and read
secrets only from the files the settings name (``settings.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .client import ClientConfig
from .settings import SECRET_SOURCES, read_secret

if TYPE_CHECKING:
    from .emulator import Emulator

#: The settings that pass straight into ``ClientConfig`` when set.
PASSED_SETTINGS = (
    "endpoint",
    "iam_endpoint",
    "metadata_endpoint",
    "region",
    "project_id",
    "access_key",
    "username",
    "account",
    "cloud",
    "notebook_python",
    "notebook_sdk_path",
)


def client_config(
    traits: Any, kernels: Optional[list[tuple[str, Optional[str]]]] = None
) -> ClientConfig:
    """The ``ClientConfig`` of the extension's ``traits``.

    ``kernels``: the kernelspecs' interpreters, candidates for the notebook session.
    """
    explicit = {name: getattr(traits, name) for name in PASSED_SETTINGS}
    for secret, (file_setting, _) in SECRET_SOURCES.items():
        path = getattr(traits, file_setting)
        explicit[secret] = read_secret(path) if path else None
    if traits.credential_sources is not None:
        explicit["credential_sources"] = tuple(traits.credential_sources)
    return ClientConfig.from_env(
        connect_timeout=traits.connect_timeout,
        read_timeout=traits.request_timeout,
        notebook_probe_timeout=traits.notebook_probe_timeout,
        notebook_credential_max_age=traits.notebook_credential_max_age,
        credential_backoff=traits.credential_backoff,
        kernel_pythons=tuple(kernels or ()),
        v2_offset_mode=traits.v2_offset_mode,
        **explicit,
    )


def start_emulator(traits: Any) -> tuple[Emulator, str, ClientConfig]:
    """Start the in-process emulator (on the running loop): it, its URL, a config for its keys."""
    # Imported here: a production server never loads the emulator.
    from .emulator import Emulator, EmulatorConfig

    emulator = Emulator(
        EmulatorConfig(serve_v1=traits.emulator_serves_v1, v2_offset_mode=traits.v2_offset_mode)
    )
    url = emulator.listen(port=0).rstrip("/")
    config = emulator.config.client_config(
        url,
        connect_timeout=traits.connect_timeout,
        read_timeout=traits.request_timeout,
        v2_offset_mode=traits.v2_offset_mode,
    )
    return emulator, url, config
