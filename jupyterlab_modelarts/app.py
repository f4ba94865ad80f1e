"""ModelArtsExtension: the jupyter_server extension (config, wiring, in-process emulator).

Every trait can be set in ``jupyter_server_config.py`` (``c.ModelArtsExtension.region =
"cn-north-4"``) or on the command line (``--ModelArtsExtension.emulate=True``). Where a
trait is unset, the client's environment variables apply (``ClientConfig.from_env``),
and credentials not given here are found by the client's credential chain.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Optional

from jupyter_server.extension.application import ExtensionApp
from traitlets import Bool, Enum, Float, List, TraitError, Unicode, validate
from traitlets.config import Config

from .client import CREDENTIAL_SOURCES, AsyncModelArtsClient, ClientConfig
from .client.config import (
    CLOUDS,
    DEFAULT_CACHE_TTL,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_CREDENTIAL_BACKOFF,
    DEFAULT_NOTEBOOK_CREDENTIAL_MAX_AGE,
    DEFAULT_NOTEBOOK_PROBE_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    DEFAULT_WATCH_INTERVAL,
)
from .client.query_v2 import DEFAULT_OFFSET_MODE, OFFSET_MODES
from .contract import JsonObject
from .kernel_pythons import server_kernel_pythons
from .routes import HANDLERS, SERVICE_SETTING, WATCHER_SETTING
from .service import ModelArtsService
from .watcher import EVENT_SCHEMA_ID, Watcher, event_schema_path

if TYPE_CHECKING:
    from .emulator import Emulator

_SECRET_TRAITS = ("access_key", "secret_key", "security_token", "password")

#: The client's and emulator's loggers live under this name.
_PACKAGE_LOGGER = "jupyterlab_modelarts"


class ServerLogBridge(logging.Handler):
    """Hands the package's records (one debug line per upstream call) to the server's log.

    Attached while the extension runs and detached, with the package logger's
    level restored, when it stops: the client logs under ``jupyterlab_modelarts``
    and would otherwise reach no handler inside a Jupyter server.
    """

    def __init__(self, target: logging.Logger) -> None:
        super().__init__()
        self.target = target
        self._package = logging.getLogger(_PACKAGE_LOGGER)
        self._saved_level = self._package.level

    def emit(self, record: logging.LogRecord) -> None:
        """Forward ``record`` if the server's log would show it."""
        if self.target.isEnabledFor(record.levelno):
            self.target.handle(record)

    def attach(self) -> None:
        """Start forwarding, at the server log's level (debug lines only when it is DEBUG)."""
        self._package.addHandler(self)
        level = self.target.getEffectiveLevel()
        if self._saved_level == logging.NOTSET or self._saved_level > level:
            self._package.setLevel(level)

    def detach(self) -> None:
        """Stop forwarding and put the package logger's level back."""
        self._package.removeHandler(self)
        self._package.setLevel(self._saved_level)


def _optional(help_text: str) -> Unicode:
    return Unicode(None, allow_none=True, config=True, help=help_text)


class ModelArtsExtension(ExtensionApp):
    """Serves the jupyterlab-modelarts REST routes, proxying ModelArts with the server's session."""

    name = "jupyterlab_modelarts"
    description = "ModelArts training-job versions: list and stop, from JupyterLab."

    endpoint = _optional("ModelArts endpoint URL (default: the region's public endpoint).")
    iam_endpoint = _optional("IAM endpoint URL for token / temporary-credential calls.")
    metadata_endpoint = _optional("Metadata service URL the credential chain may ask.")
    region = _optional("Region, e.g. cn-north-4 (default: MODELARTS_REGION or the notebook's).")
    project_id = _optional("Project id used in /v1/{project_id}/... (default: discovered).")
    # Secrets: this extension never logs or returns them, but traitlets logs the whole
    # config at debug level and a command line is visible to `ps`; prefer the
    # environment (the client's credential chain reads it) for real keys.
    access_key = _optional("Access key (AK). Secret: prefer the environment.")
    secret_key = _optional("Secret key (SK). Secret: prefer the environment.")
    security_token = _optional("Security token of temporary AK/SK. Secret.")
    username = _optional("IAM user name (password authentication).")
    password = _optional("IAM password. Secret: prefer the environment.")
    account = _optional("Account (domain) name for password authentication.")
    credential_sources = List(
        Unicode(),
        default_value=None,
        allow_none=True,
        config=True,
        help="Credential sources to try, in order (default: all the client knows).",
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
    cloud = _optional(
        f"Cloud whose public endpoints the region picks: {', '.join(CLOUDS)} "
        "(default: MODELARTS_CLOUD, else huaweicloud); explicit endpoints serve any other."
    )
    notebook_python = _optional(
        "Interpreter asked first for the notebook's modelarts.session.Session() "
        "(default: MODELARTS_NOTEBOOK_PYTHON, then the kernelspecs' and the image's)."
    )
    notebook_sdk_path = _optional(
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

    @validate("credential_sources")
    def _known_sources(self, proposal: dict[str, Any]) -> Any:
        # Fail at start-up, not on the first request.
        unknown = [s for s in proposal["value"] or () if s not in CREDENTIAL_SOURCES]
        if unknown:
            raise TraitError(f"unknown credential source(s) {unknown}; known: {CREDENTIAL_SOURCES}")
        return proposal["value"]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._client: Optional[AsyncModelArtsClient] = None
        self._client_lock: Optional[asyncio.Lock] = None
        self.emulator: Optional[Emulator] = None
        self.emulator_url: Optional[str] = None
        self.service: Optional[ModelArtsService] = None
        self.watcher: Optional[Watcher] = None
        self._log_bridge: Optional[ServerLogBridge] = None

    # -- jupyter_server hooks -------------------------------------------------

    def initialize_settings(self) -> None:
        """Build the service (the client is created on first use, on the running loop).

        The base class has copied every trait into ``settings`` as
        ``<name>_config`` for the handlers; secrets are replaced there by ``***``.
        """
        config_key = f"{self.name}_config"
        self.extension_config = _redacted(self.settings.get(config_key, Config()))
        self.settings[config_key] = self.extension_config
        # The server's log, so `jupyter server --log-level=DEBUG` is all a user needs.
        server_log = self.serverapp.log if self.serverapp is not None else self.log
        self.service = ModelArtsService(
            self.get_client, cache_ttl=self.cache_ttl, emulated=self.emulate, log=server_log
        )
        self.settings[SERVICE_SETTING] = self.service
        self.watcher = Watcher(
            self.service.list_versions, self._emit, interval=self.watch_interval, log=server_log
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

    def initialize_handlers(self) -> None:
        """Register the routes table (the base class prefixes the server's base_url)."""
        self.handlers.extend(HANDLERS)

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        # A real server: start the emulator now so its URL is in the start-up log.
        if self.emulate:
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
            client.close()
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
                self._client = AsyncModelArtsClient(config)
        return self._client

    def client_config(
        self, kernels: Optional[list[tuple[str, Optional[str]]]] = None
    ) -> ClientConfig:
        """The ``ClientConfig`` from the traits, the environment filling what they leave unset.

        ``kernels``: the kernelspecs' interpreters, candidates for the notebook session.
        """
        explicit = {
            name: getattr(self, name)
            for name in (
                "endpoint",
                "iam_endpoint",
                "metadata_endpoint",
                "region",
                "project_id",
                "access_key",
                "secret_key",
                "security_token",
                "username",
                "password",
                "account",
                "cloud",
                "notebook_python",
                "notebook_sdk_path",
            )
        }
        if self.credential_sources is not None:
            explicit["credential_sources"] = tuple(self.credential_sources)
        return ClientConfig.from_env(
            connect_timeout=self.connect_timeout,
            read_timeout=self.request_timeout,
            notebook_probe_timeout=self.notebook_probe_timeout,
            notebook_credential_max_age=self.notebook_credential_max_age,
            credential_backoff=self.credential_backoff,
            kernel_pythons=tuple(kernels or ()),
            v2_offset_mode=self.v2_offset_mode,
            **explicit,
        )

    def _emulator_config(self) -> ClientConfig:
        """Start the in-process emulator (on the running loop); a config for its demo keys."""
        # Imported here: a production server never loads the emulator.
        from .emulator import Emulator, EmulatorConfig

        emulator = Emulator(
            EmulatorConfig(serve_v1=self.emulator_serves_v1, v2_offset_mode=self.v2_offset_mode)
        )
        self.emulator, self.emulator_url = emulator, emulator.listen(port=0).rstrip("/")
        self.log.info("jupyterlab_modelarts: emulating ModelArts at %s", self.emulator_url)
        return emulator.config.client_config(
            self.emulator_url,
            connect_timeout=self.connect_timeout,
            read_timeout=self.request_timeout,
            v2_offset_mode=self.v2_offset_mode,
        )


def _redacted(config: Config) -> Config:
    """A copy of ``config`` with every secret trait that is set shown as ``***``."""
    redacted = Config(config)
    for name in _SECRET_TRAITS:
        if redacted.get(name):
            redacted[name] = "***"
    return redacted
