"""Transport-neutral HTTP values, the retry policy and what a transport promises.

The core builds :class:`Request` values and reads :class:`Response` values;
``transport_sync`` and ``transport_async`` only move bytes, one request per
``send``. The retry decisions, the errors a failed send becomes and the log
line live here, so both transports behave identically.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from time import monotonic, time
from typing import Protocol, TypedDict
from urllib.parse import quote, urlsplit

from .config import (
    DEFAULT_BACKOFF_BASE,
    DEFAULT_BACKOFF_CAP,
    DEFAULT_MAX_RETRIES,
    ClientConfig,
)
from .errors import ConnectionFailure, UpstreamError, UpstreamTimeoutError

logger = logging.getLogger("jupyterlab_modelarts.client")

#: Statuses worth another try for an idempotent request.
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass
class Request:
    """One HTTP request, fully described; ``retryable`` only for idempotent calls."""

    method: str
    base_url: str
    path: str
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    retryable: bool = False
    connect_timeout: float | None = None
    read_timeout: float | None = None

    @property
    def host(self) -> str:
        """``host[:port]`` as the Host header carries it."""
        return urlsplit(self.base_url).netloc

    @property
    def url(self) -> str:
        """The full URL with the query percent-encoded."""
        url = self.base_url.rstrip("/") + self.path
        if self.query:
            url += "?" + "&".join(
                f"{quote(str(k), safe='~')}={quote(str(v), safe='~')}" for k, v in self.query
            )
        return url


@dataclass
class Response:
    """A received response; ``headers`` keys are lower-cased."""

    status: int
    headers: dict[str, str]
    body: bytes
    elapsed_ms: float = 0.0

    def header(self, name: str) -> str | None:
        """A header value by case-insensitive name."""
        return self.headers.get(name.lower())


@dataclass
class RetryPolicy:
    """Capped exponential backoff with jitter, honouring Retry-After."""

    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_base: float = DEFAULT_BACKOFF_BASE
    backoff_cap: float = DEFAULT_BACKOFF_CAP

    def should_retry(self, request: Request, attempt: int, status: int | None) -> bool:
        """Retry idempotent requests on connection errors (``status`` None) and 429/502/503/504."""
        if not request.retryable or attempt >= self.max_retries:
            return False
        return status is None or status in RETRY_STATUSES

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait before retry number ``attempt + 1``; never more than the cap."""
        hinted = parse_retry_after(retry_after)
        if hinted is not None:
            return min(max(hinted, 0.0), self.backoff_cap)
        backoff: float = min(self.backoff_cap, self.backoff_base * (2**attempt))
        # Jitter keeps concurrent clients from retrying in lock-step.
        return backoff * (0.5 + random.random() / 2)  # noqa: S311 - not cryptographic


class TransportOptions(TypedDict):
    """What both transports take from a :class:`~.config.ClientConfig`."""

    connect_timeout: float
    read_timeout: float
    verify_tls: bool
    max_connections: int


def transport_options(config: ClientConfig) -> TransportOptions:
    """The keyword arguments of either transport, from ``config``."""
    return TransportOptions(
        connect_timeout=config.connect_timeout,
        read_timeout=config.read_timeout,
        verify_tls=config.verify_tls,
        max_connections=config.max_connections,
    )


class Transport(Protocol):
    """Sends one request and returns its response; raises the client's errors on failure.

    No retries: those are steps of the exchange (:mod:`.operations`).
    """

    def send(self, request: Request) -> Response:
        """Send ``request`` once."""
        ...

    def close(self) -> None:
        """Release pooled connections."""
        ...


class AsyncTransport(Protocol):
    """The non-blocking :class:`Transport`."""

    async def send(self, request: Request) -> Response:
        """Send ``request`` once."""
        ...

    def close(self) -> None:
        """Release pooled connections."""
        ...


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).timestamp() - time()
    except (TypeError, ValueError, IndexError):
        return None


def connect_timeout(request: Request, seconds: float) -> UpstreamTimeoutError:
    """Nothing was sent: safe to retry an idempotent request."""
    return UpstreamTimeoutError(
        f"could not connect to {request.host} within {seconds:g} s", retry_safe=True
    )


def read_timeout(request: Request, seconds: float) -> UpstreamTimeoutError:
    """Sent but unanswered: the request may have taken effect, so it is not retried."""
    return UpstreamTimeoutError(
        f"{request.host} did not answer {request.method} {request.path} within {seconds:g} s"
    )


def connection_failure(request: Request, reason: str) -> ConnectionFailure:
    """Refused, reset or dropped before an answer arrived."""
    return ConnectionFailure(f"could not reach {request.host} ({reason})", retry_safe=True)


def truncated(request: Request) -> UpstreamError:
    """The answer stopped before its declared length."""
    return UpstreamError(
        f"{request.host} closed the connection before the whole body arrived "
        f"(truncated response to {request.method} {request.path})"
    )


def elapsed_ms(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.monotonic()`` reading)."""
    return (monotonic() - started) * 1000


def log_call(request: Request, status: int | str, elapsed_ms: float) -> None:
    """One debug line per upstream call: method, path, status, elapsed ms. Never headers."""
    logger.debug("%s %s -> %s in %.0f ms", request.method, request.path, status, elapsed_ms)
