"""ModelArtsExtension: the jupyter_server extension (config, wiring, in-process emulator).

Every trait is set as ``c.ModelArtsExtension.<name>`` or ``--ModelArtsExtension.<name>``;
where one is unset the environment applies (``client_settings.py``), and credentials not
given here are found by the client's credential chain.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Optional

from jupyter_server.extension.application import ExtensionApp
from traitlets import Bool, Enum, Float, Int, TraitError, Unicode
from traitlets.config import Config

from .client import AsyncModelArtsClient, ClientConfig
from .client.config import (
    CLOUDS,
    DEFAULT_CACHE_MAX_BYTES,
    DEFAULT_CACHE_MAX_ENTRIES,
    DEFAULT_CACHE_TTL,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CREDENTIAL_BACKOFF,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_NOTEBOOK_CREDENTIAL_MAX_AGE,
    DEFAULT_NOTEBOOK_PROBE_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_WATCH_INTERVAL,
)
from .client.errors import SettingsError
from .client.http import TransportSettings
from .client.query_v2 import DEFAULT_OFFSET_MODE, OFFSET_MODES
from .client.transport_async import TornadoTransport
from .client_settings import client_config, start_emulator
from .contract import JsonObject
from .kernel_pythons import server_kernel_pythons
from .log_bridge import ServerLogBridge
from .routes import HANDLERS, SERVICE_SETTING, SETTINGS_ERROR_SETTING, WATCHER_SETTING
from .service import ModelArtsService
from .settings import NameList, optional_text, problems, redacted, refused_setting
from .watcher import EVENT_SCHEMA_ID, Watcher, event_schema_path, service_watcher

if TYPE_CHECKING:
    from .emulator import Emulator


class ModelArtsExtension(ExtensionApp):
    """Serves the jupyterlab-modelarts REST routes, proxying ModelArts with the server's session."""

    name = "jupyterlab_modelarts"
    description = "ModelArts training-job versions: list and stop, from JupyterLab."

    endpoint = optional_text("ModelArts endpoint URL (default: the region's public endpoint).")
    iam_endpoint = optional_text("IAM endpoint URL for token / temporary-credential calls.")
    metadata_endpoint = optional_text("Metadata service URL the credential chain may ask.")
    region = optional_text("Region, e.g. cn-north-4 (default: MODELARTS_REGION or the notebook's).")
    project_id = optional_text("Project id used in /v1/{project_id}/... (default: discovered).")
    # Secrets only from a file or the environment: traitlets logs the whole config at
    # debug level and a command line is visible to `ps` (settings.py says more).
    access_key = optional_text("Access key (AK); its secret key comes from secret_key_file.")
    secret_key_file = optional_text("Path of a file holding the secret key (SK).")
    security_token_file = optional_text(
        "Path of a file holding the security token of temporary AK/SK."
    )
    username = optional_text("IAM user name (password authentication).")
    password_file = optional_text("Path of a file holding the IAM password.")
    account = optional_text("Account (domain) name for password authentication.")
    secret_key = refused_setting("secret_key")
    security_token = refused_setting("security_token")
    password = refused_setting("password")
    credential_sources = NameList(
        Unicode(),
        default_value=None,
        allow_none=True,
        config=True,
        help="Credential sources to try, in order (default: all the client knows); "
        "one string is a one-item list.",
    )
    connect_timeout = Float(
        DEFAULT_CONNECT_TIMEOUT, config=True, help="Seconds to connect to ModelArts."
    )
    request_timeout = Float(
        DEFAULT_READ_TIMEOUT, config=True, help="Seconds to wait for a ModelArts answer."
    )
    cache_ttl = Float(
        DEFAULT_CACHE_TTL,
        config=True,
        help="Seconds a successful answer is reused (0 disables the cache).",
    )
    watch_interval = Float(
        DEFAULT_WATCH_INTERVAL,
        config=True,
        help="Seconds between the server's polls of a watched job (1 s while a version stops).",
    )
    cloud = optional_text(
        f"Cloud whose public endpoints the region picks: {', '.join(CLOUDS)} "
        "(default: MODELARTS_CLOUD, else huaweicloud); explicit endpoints serve any other."
    )
    notebook_python = optional_text(
        "Interpreter asked first for the notebook's modelarts.session.Session() "
        "(default: MODELARTS_NOTEBOOK_PYTHON, then the kernelspecs' and the image's)."
    )
    notebook_sdk_path = optional_text(
        "PYTHONPATH for notebook_python, e.g. a bundled SDK folder (default: MODELARTS_SDK_PATH)."
    )
    notebook_probe_timeout = Float(
        DEFAULT_NOTEBOOK_PROBE_TIMEOUT,
        config=True,
        help="Seconds one child process may take to build the notebook's Session().",
    )
    notebook_credential_max_age = Float(
        DEFAULT_NOTEBOOK_CREDENTIAL_MAX_AGE,
        config=True,
        help="Seconds after which the notebook's temporary credentials are acquired again.",
    )
    credential_backoff = Float(
        DEFAULT_CREDENTIAL_BACKOFF,
        config=True,
        help="Seconds a failed login, key fetch or 'no credentials' is remembered "
        "(at most one attempt per period, however many requests wait).",
    )
    cache_max_entries = Int(
        DEFAULT_CACHE_MAX_ENTRIES, config=True, help="Answers the cache holds at most."
    )
    cache_max_bytes = Int(
        DEFAULT_CACHE_MAX_BYTES, config=True, help="Bytes of answers the cache holds at most."
    )
    max_body_bytes = Int(
        DEFAULT_MAX_BODY_BYTES,
        config=True,
        help="The largest ModelArts answer read, in bytes; a larger one answers 502.",
    )
    emulate = Bool(
        False,
        config=True,
        help="Start the ModelArts emulator in-process on 127.0.0.1 and use it with its demo "
        "credentials (for trying the extension without a cloud account).",
    )
    # New-version (v2) training jobs.
    v2_offset_mode = Enum(
        OFFSET_MODES,
        default_value=DEFAULT_OFFSET_MODE,
        config=True,
        help="How ModelArts reads the v2 job search's offset: 'page' (a page index, the default) "
        "or 'row' (a row offset); the documentation disagrees. Jobs are de-duplicated by id, "
        "and 'page' lists every job once under either reading.",
    )
    emulator_serves_v1 = Bool(
        True,
        config=True,
        help="With emulate=True: False makes the emulator a cloud that serves only the v2 "
        "training API (v1 routes answer 404 APIGW.0101, as a removed API does).",
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._client: Optional[AsyncModelArtsClient] = None
        self._client_lock: Optional[asyncio.Lock] = None
        self.emulator: Optional[Emulator] = None
        self.emulator_url: Optional[str] = None
        self.service: Optional[ModelArtsService] = None
        self.watcher: Optional[Watcher] = None
        self._log_bridge: Optional[ServerLogBridge] = None
        #: Settings traitlets refused while loading (each message names its setting).
        self._load_problems: list[str] = []
        self.settings_error: Optional[SettingsError] = None

    def update_config(self, config: Config) -> None:
        """Load ``config``; a value traitlets refuses is remembered, never silently dropped.

        traitlets rolls back the whole section on one bad value, and Jupyter
        would then run the extension on defaults: the remembered problem makes
        every route answer 503 instead (``initialize_settings``).
        """
        try:
            super().update_config(config)
        except TraitError as err:
            self._load_problems.append(f"{type(self).__name__}: {err}")

    # -- jupyter_server hooks -------------------------------------------------

    def initialize_settings(self) -> None:
        """Build the service (the client is created on first use, on the running loop).

        The base class has copied every trait into ``settings`` as
        ``<name>_config`` for the handlers; secrets are replaced there by ``***``.
        """
        config_key = f"{self.name}_config"
        self.extension_config = redacted(self.settings.get(config_key, Config()))
        self.settings[config_key] = self.extension_config
        # The server's log, so `jupyter server --log-level=DEBUG` is all a user needs.
        server_log = self.serverapp.log if self.serverapp is not None else self.log
        found = list(dict.fromkeys(self._load_problems + problems(self._setting_values())))
        if found:
            self.settings_error = SettingsError(
                "Invalid jupyterlab-modelarts configuration (fix it and restart Jupyter): "
                + "; ".join(found)
            )
            self.settings[SETTINGS_ERROR_SETTING] = self.settings_error
            server_log.error("jupyterlab_modelarts: %s", self.settings_error.message)
            return
        self.service = ModelArtsService(
            self.get_client,
            cache_ttl=self.cache_ttl,
            cache_max_entries=self.cache_max_entries,
            cache_max_bytes=self.cache_max_bytes,
            emulated=self.emulate,
            log=server_log,
        )
        self.settings[SERVICE_SETTING] = self.service
        self.watcher = service_watcher(
            self.service, self._emit, interval=self.watch_interval, log=server_log
        )
        self.service.on_stop = self.watcher.wake
        self.settings[WATCHER_SETTING] = self.watcher
        if self.serverapp is not None and self.serverapp.event_logger is not None:
            self.serverapp.event_logger.register_event_schema(event_schema_path())
        self._log_bridge = ServerLogBridge(server_log)
        self._log_bridge.attach()
        self.log.debug(
            "jupyterlab_modelarts: emulate=%s cache_ttl=%ss region=%s",
            self.emulate,
            self.cache_ttl,
            self.region,
        )

    def _emit(self, data: JsonObject) -> None:
        """Send a watched job's change on jupyter_server's event bus (to every browser)."""
        if self.serverapp is not None and self.serverapp.event_logger is not None:
            self.serverapp.event_logger.emit(schema_id=EVENT_SCHEMA_ID, data=data)

    def _setting_values(self) -> dict[str, Any]:
        """Every configurable trait's current value, by name."""
        return {name: getattr(self, name) for name in self.trait_names(config=True)}

    def initialize_handlers(self) -> None:
        """Register the routes table (the base class prefixes the server's base_url)."""
        self.handlers.extend(HANDLERS)

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        # A real server: start the emulator now so its URL is in the start-up log.
        if self.emulate and self.settings_error is None:
            try:
                await self.get_client()
            except Exception:
                self.log.exception("jupyterlab_modelarts: could not start the emulator")

    async def stop_extension(self) -> None:
        """Stop watching, close the client and stop the in-process emulator."""
        if self.watcher is not None:
            await self.watcher.close()
        if self._log_bridge is not None:
            self._log_bridge.detach()
            self._log_bridge = None
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()
        emulator, self.emulator = self.emulator, None
        if emulator is not None:
            emulator.stop()

    # -- the client -----------------------------------------------------------

    async def get_client(self) -> AsyncModelArtsClient:
        """The shared ``AsyncModelArtsClient``, created once (and the emulator, if emulating)."""
        if self._client is not None:
            return self._client
        if self._client_lock is None:
            self._client_lock = asyncio.Lock()
        async with self._client_lock:
            if self._client is None:
                if self.emulate:
                    config = self._emulator_config()
                else:
                    kernels = await server_kernel_pythons(self.serverapp, self.log)
                    config = self.client_config(kernels)
                settings = TransportSettings.from_config(config)
                transport = TornadoTransport(settings.with_max_body_bytes(self.max_body_bytes))
                self._client = AsyncModelArtsClient(config, transport=transport)
        return self._client

    def client_config(
        self, kernels: Optional[list[tuple[str, Optional[str]]]] = None
    ) -> ClientConfig:
        """The ``ClientConfig`` from the traits (``client_settings.py``)."""
        return client_config(self, kernels)

    def _emulator_config(self) -> ClientConfig:
        """Start the in-process emulator (on the running loop); a config for its demo keys."""
        self.emulator, self.emulator_url, config = start_emulator(self)
        self.log.info(
            "jupyterlab_modelarts: emulating ModelArts at %s (admin API: %s/_emulator/)",
            self.emulator_url,
            self.emulator_url,
        )
        return config
