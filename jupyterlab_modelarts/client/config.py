"""Client configuration: endpoints per region, timeouts, retry policy, credential choices.

``ClientConfig`` holds only what the caller decided. Credentials found in the
environment are *not* copied in here: the credential chain reads them itself
so it can report which source won.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .query import MAX_PER_PAGE, MIN_PER_PAGE
from .query_v2 import DEFAULT_OFFSET_MODE, OFFSET_MODES, OffsetMode

#: Every credential source, in the order the chain tries them.
CREDENTIAL_SOURCES: tuple[str, ...] = (
    "config",
    "environment",
    "notebook session",
    "metadata service",
    "IAM password",
)

DEFAULT_METADATA_ENDPOINT = "http://169.254.169.254"
#: The source a ModelArts notebook leaves out unless named: it would be the node's identity.
NOT_IN_NOTEBOOKS = "metadata service"

#: Clouds whose public endpoints follow a pattern: (ModelArts host, IAM host) per region.
#: Explicit ``endpoint``/``iam_endpoint`` serve any other (private) cloud.
CLOUDS: dict[str, tuple[str, str]] = {
    "huaweicloud": ("modelarts.{region}.myhuaweicloud.com", "iam.{region}.myhuaweicloud.com"),
    "otc": ("modelarts.{region}.otc.t-systems.com", "iam.{region}.otc.t-systems.com"),
}
DEFAULT_CLOUD = "huaweicloud"
#: The IAM endpoint without a region: Huawei Cloud's global one, OTC's main region.
_GLOBAL_IAM = {
    "huaweicloud": "https://iam.myhuaweicloud.com",
    "otc": "https://iam.eu-de.otc.t-systems.com",
}

# Named defaults: the one home of each number; traits, transports and local_api import them.
#: Seconds to connect to ModelArts.
DEFAULT_CONNECT_TIMEOUT = 5.0
#: Seconds to wait for a ModelArts answer.
DEFAULT_READ_TIMEOUT = 30.0
#: Seconds to wait for the instance metadata service.
DEFAULT_METADATA_TIMEOUT = 1.0
#: Extra attempts of an idempotent request after a connection failure or 429/502/503/504.
DEFAULT_MAX_RETRIES = 2
#: Seconds before the first retry; doubled for each further one (with jitter).
DEFAULT_BACKOFF_BASE = 0.5
#: The longest wait between attempts, Retry-After included.
DEFAULT_BACKOFF_CAP = 8.0
#: Concurrent connections to ModelArts; calls beyond it wait in the transport's queue.
DEFAULT_MAX_CONNECTIONS = 64
#: Versions fetched per upstream page (the API's maximum).
DEFAULT_PAGE_SIZE = MAX_PER_PAGE
#: Seconds before expiry at which temporary credentials are renewed.
DEFAULT_REFRESH_MARGIN = 600.0
#: Seconds an answer is shared between panels and tabs (the server's cache).
DEFAULT_CACHE_TTL = 2.0
#: Seconds between the server's polls of a leased (watched) job, and while a version stops.
DEFAULT_WATCH_INTERVAL = 5.0
DEFAULT_WATCH_QUICK_INTERVAL = 1.0
#: The longest wait between polls of a watched job while ModelArts keeps failing.
DEFAULT_WATCH_BACKOFF_CAP = 60.0
#: Seconds a failed credential acquisition (login, key fetch, "no credentials") is
#: remembered: at most one attempt per period, whatever the number of callers.
DEFAULT_CREDENTIAL_BACKOFF = 30.0
#: Seconds one child process may take to build the notebook's ``Session()``.
DEFAULT_NOTEBOOK_PROBE_TIMEOUT = 20.0
#: Seconds after which the notebook's (temporary) credentials are acquired again.
DEFAULT_NOTEBOOK_CREDENTIAL_MAX_AGE = 600.0
#: Seconds notebook code waits for this Jupyter server's REST routes (local_api).
DEFAULT_LOCAL_API_TIMEOUT = 60.0
#: The largest upstream answer body read, in bytes; a larger one is refused (502).
DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
#: Worker processes that read large answers for the non-blocking client (0: its parse
#: thread reads them instead). One: a second competes with the server's own event loop
#: for the CPU on a small machine (measured on 2 cores: ``docs/benchmarks.md``).
DEFAULT_WORKER_PROCESSES = 1
#: Answers the server's cache holds at most (least recently used dropped first).
DEFAULT_CACHE_MAX_ENTRIES = 256
#: Bytes of serialised answers the server's cache holds at most.
DEFAULT_CACHE_MAX_BYTES = 32 * 1024 * 1024

# Regions whose public endpoints live under .myhuaweicloud.cn (the v3 SDK's region table).
_CN_DOMAIN_REGIONS = frozenset({"ap-southeast-1"})

_SECRET_FIELDS = frozenset({"secret_key", "security_token", "password"})


def modelarts_endpoint(region: str, cloud: str = DEFAULT_CLOUD) -> str:
    """The public ModelArts endpoint for ``region`` of ``cloud``."""
    host = CLOUDS[cloud][0].format(region=region)
    if cloud == DEFAULT_CLOUD and region in _CN_DOMAIN_REGIONS:
        host = host.replace("myhuaweicloud.com", "myhuaweicloud.cn")
    return f"https://{host}"


def iam_endpoint(region: str | None, cloud: str = DEFAULT_CLOUD) -> str:
    """The IAM endpoint for ``region`` of ``cloud`` (without a region: see ``_GLOBAL_IAM``)."""
    return f"https://{CLOUDS[cloud][1].format(region=region)}" if region else _GLOBAL_IAM[cloud]


@dataclass
class ClientConfig:
    """Everything the client needs except credentials it discovers itself.

    ``credential_sources`` restricts the chain (names from ``CREDENTIAL_SOURCES``),
    e.g. to keep a server from probing the metadata service; unset, it is every
    source, except the metadata service inside a ModelArts notebook (see
    :meth:`sources`). ``notebook_*`` and ``kernel_pythons`` say where to look for
    the notebook's ``Session()`` (see ``notebook_env.candidates``).
    """

    endpoint: str | None = None
    iam_endpoint: str | None = None
    metadata_endpoint: str | None = None
    region: str | None = None
    project_id: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    security_token: str | None = None
    username: str | None = None
    password: str | None = None
    account: str | None = None
    credential_sources: Sequence[str] | None = None
    cloud: str = DEFAULT_CLOUD
    notebook_python: str | None = None
    notebook_sdk_path: str | None = None
    #: ``(interpreter, PYTHONPATH or None)`` of the server's kernelspecs, the default first.
    kernel_pythons: Sequence[tuple[str, str | None]] = ()
    notebook_probe_timeout: float = DEFAULT_NOTEBOOK_PROBE_TIMEOUT
    notebook_credential_max_age: float = DEFAULT_NOTEBOOK_CREDENTIAL_MAX_AGE
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    metadata_timeout: float = DEFAULT_METADATA_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_base: float = DEFAULT_BACKOFF_BASE
    backoff_cap: float = DEFAULT_BACKOFF_CAP
    page_size: int = DEFAULT_PAGE_SIZE
    refresh_margin: float = DEFAULT_REFRESH_MARGIN
    credential_backoff: float = DEFAULT_CREDENTIAL_BACKOFF
    verify_tls: bool = True
    #: Concurrent connections to ModelArts. Calls beyond it wait in the transport's
    #: queue, and that wait counts against their timeout.
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    #: How the v2 search's ``offset`` is read upstream: ``page`` (a 0-based page index,
    #: the default) or ``row`` (a row offset). The sources disagree; see query_v2.py.
    v2_offset_mode: OffsetMode = DEFAULT_OFFSET_MODE

    def __post_init__(self) -> None:
        if self.credential_sources is not None:
            unknown = [name for name in self.credential_sources if name not in CREDENTIAL_SOURCES]
            if unknown:
                known = ", ".join(CREDENTIAL_SOURCES)
                raise ValueError(f"unknown credential source(s) {unknown}; known: {known}")
            self.credential_sources = tuple(self.credential_sources)
        if self.cloud not in CLOUDS:
            raise ValueError(f"unknown cloud {self.cloud!r}; known: {', '.join(CLOUDS)}")
        if not MIN_PER_PAGE <= self.page_size <= MAX_PER_PAGE:
            raise ValueError(f"page_size must be within [{MIN_PER_PAGE}, {MAX_PER_PAGE}]")
        self.kernel_pythons = tuple(self.kernel_pythons)
        if self.v2_offset_mode not in OFFSET_MODES:
            raise ValueError(f"v2_offset_mode must be one of {OFFSET_MODES}")

    def sources(self, in_notebook: bool) -> tuple[str, ...]:
        """The chain's sources in order: as configured, else every source, leaving the
        metadata service out inside a notebook (it would hand out the node's identity)."""
        if self.credential_sources is not None:
            return tuple(self.credential_sources)
        if in_notebook:
            return tuple(name for name in CREDENTIAL_SOURCES if name != NOT_IN_NOTEBOOKS)
        return CREDENTIAL_SOURCES

    def __repr__(self) -> str:
        shown = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in _SECRET_FIELDS and value:
                value = "***"
            shown.append(f"{f.name}={value!r}")
        return f"ClientConfig({', '.join(shown)})"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> ClientConfig:
        """A config from ``overrides``, filling endpoints and region from the environment.

        Explicit overrides (other than ``None``) win; ``MODELARTS_ENDPOINT``,
        ``MODELARTS_IAM_ENDPOINT``, ``MODELARTS_METADATA_ENDPOINT`` and
        ``MODELARTS_REGION``, ``MODELARTS_CLOUD``, ``MODELARTS_NOTEBOOK_PYTHON`` and
        ``MODELARTS_SDK_PATH`` fill what they leave unset. Credentials stay in the
        environment for the chain to find.
        """
        env = os.environ if env is None else env
        values = {key: value for key, value in overrides.items() if value is not None}
        from_environment = {
            "endpoint": env.get("MODELARTS_ENDPOINT"),
            "iam_endpoint": env.get("MODELARTS_IAM_ENDPOINT"),
            "metadata_endpoint": env.get("MODELARTS_METADATA_ENDPOINT"),
            "region": env.get("MODELARTS_REGION"),
            "cloud": env.get("MODELARTS_CLOUD"),
            "notebook_python": env.get("MODELARTS_NOTEBOOK_PYTHON"),
            "notebook_sdk_path": env.get("MODELARTS_SDK_PATH"),
        }
        for key, value in from_environment.items():
            if value and key not in values:
                values[key] = value
        return cls(**values)

    def modelarts_url(self, region: str | None) -> str | None:
        """The ModelArts base URL: the explicit endpoint, else the region's public one."""
        if self.endpoint:
            return _with_scheme(self.endpoint)
        return modelarts_endpoint(region, self.cloud) if region else None

    def iam_url(self, region: str | None) -> str:
        """The IAM base URL: the explicit endpoint, else the region's (or global) one."""
        if self.iam_endpoint:
            return _with_scheme(self.iam_endpoint)
        return iam_endpoint(region, self.cloud)

    def metadata_url(self) -> str:
        """The metadata service base URL."""
        return _with_scheme(self.metadata_endpoint or DEFAULT_METADATA_ENDPOINT)


def _with_scheme(url: str) -> str:
    url = url.rstrip("/")
    return url if "://" in url else f"https://{url}"
