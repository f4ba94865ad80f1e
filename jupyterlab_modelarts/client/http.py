"""Transport-neutral HTTP values, the retry policy and what a transport promises.

The core builds :class:`Request` values and reads :class:`Response` values;
``transport_sync`` and ``transport_async`` only move bytes, one request per
``send``. The retry decisions, the errors a failed send becomes and the log
line live here, so both transports behave identically.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from time import monotonic, time
from typing import Protocol
from urllib.parse import quote, urlsplit

from .config import (
    DEFAULT_BACKOFF_BASE,
    DEFAULT_BACKOFF_CAP,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_READ_TIMEOUT,
    ClientConfig,
)
from .errors import ConnectionFailure, UpstreamError, UpstreamTimeoutError

logger = logging.getLogger("jupyterlab_modelarts.client")

#: Statuses worth another try for an idempotent request.
HTTP_TOO_MANY_REQUESTS = 429
RETRY_STATUSES = frozenset({HTTP_TOO_MANY_REQUESTS, 502, 503, 504})
#: Throttled (429) with no hint: wait 2-5 s, with jitter, as the gateway's docs advise (APIGW.0308).
THROTTLED_WAIT = (2.0, 5.0)
#: The range a Retry-After hint is clamped to, in seconds (what we wait and what we pass on).
MIN_RETRY_AFTER = 1
MAX_RETRY_AFTER = 120


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

    def honours(self, retry_after: str | None) -> bool:
        """False when the server asks for a longer wait than the retry budget (the cap).

        Then no retry is made: the caller gets the throttled answer with the
        (clamped) hint at once instead of waiting for a retry that would be refused.
        """
        hinted = clamp_retry_after(parse_retry_after(retry_after))
        return hinted is None or hinted <= self.backoff_cap

    def delay(
        self, attempt: int, retry_after: str | None = None, status: int | None = None
    ) -> float:
        """Seconds to wait before retry number ``attempt + 1``; never more than the cap.

        A Retry-After hint wins; a throttled answer (429) without one waits a random
        2-5 s; anything else backs off exponentially with jitter.
        """
        hinted = clamp_retry_after(parse_retry_after(retry_after))
        if hinted is not None:
            return min(float(hinted), self.backoff_cap)
        if status == HTTP_TOO_MANY_REQUESTS:
            low, high = THROTTLED_WAIT
            return min(self.backoff_cap, random.uniform(low, high))  # noqa: S311 - jitter only
        backoff: float = min(self.backoff_cap, self.backoff_base * (2**attempt))
        # Jitter keeps concurrent clients from retrying in lock-step.
        return backoff * (0.5 + random.random() / 2)  # noqa: S311 - not cryptographic


@dataclass(frozen=True)
class TransportSettings:
    """What a transport is told: timeouts, the TLS check and the connection limit."""

    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    verify_tls: bool = True
    #: Concurrent connections; calls beyond it wait in the transport's queue.
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    #: The largest answer body read (after decompression); a larger one is a 502.
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    @classmethod
    def from_config(cls, config: ClientConfig) -> TransportSettings:
        """The settings ``config`` asks for."""
        return cls(
            config.connect_timeout, config.read_timeout, config.verify_tls, config.max_connections
        )

    def with_max_body_bytes(self, limit: int) -> TransportSettings:
        """These settings with another body-size limit."""
        return replace(self, max_body_bytes=limit)

    def timeouts(self, request: Request) -> tuple[float, float]:
        """(connect, read) seconds for ``request``: its own if it has them, else these."""
        return (
            request.connect_timeout or self.connect_timeout,
            request.read_timeout or self.read_timeout,
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
    """Retry-After as seconds (delta-seconds or an HTTP date, negative once past).

    None if absent, unreadable or not a finite number (``inf``, ``1e400``, ``nan``).
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return seconds if math.isfinite(seconds) else None


def clamp_retry_after(seconds: float | None) -> int | None:
    """A parsed hint as the whole seconds we honour and pass on: within [1, 120]."""
    if seconds is None:
        return None
    return int(min(max(math.ceil(seconds), MIN_RETRY_AFTER), MAX_RETRY_AFTER))


class BodyTooLarge(Exception):
    """Raised by a transport while reading a body that passes ``max_body_bytes``."""


class Attempt:
    """One send of one request: its timeouts, its clock, and what its outcome becomes.

    Each outcome is logged once (method, path, status or failure, elapsed ms);
    failures become the client's error types, ``retry_safe`` when nothing
    reached the server.
    """

    def __init__(self, request: Request, settings: TransportSettings) -> None:
        self.request = request
        self.connect_timeout, self.read_timeout = settings.timeouts(request)
        self.max_body_bytes = settings.max_body_bytes
        self.started = monotonic()
        self._host = request.host
        self._call = f"{request.method} {request.path}"

    def answered(self, status: int, headers: Iterable[tuple[str, str]], body: bytes) -> Response:
        """The response (header names lower-cased)."""
        elapsed = self._log(status)
        return Response(status, {name.lower(): value for name, value in headers}, body, elapsed)

    def connect_timed_out(self) -> UpstreamTimeoutError:
        """Nothing was sent: safe to retry an idempotent request."""
        self._log("connect timeout")
        text = f"could not connect to {self._host} within {self.connect_timeout:g} s"
        return UpstreamTimeoutError(text, retry_safe=True)

    def read_timed_out(self) -> UpstreamTimeoutError:
        """Sent but unanswered: the request may have taken effect, so it is not retried."""
        self._log("timeout")
        text = f"{self._host} did not answer {self._call} within {self.read_timeout:g} s"
        return UpstreamTimeoutError(text)

    def unreachable(self, reason: str) -> ConnectionFailure:
        """Refused, reset or dropped before an answer arrived."""
        self._log("connection error")
        return ConnectionFailure(f"could not reach {self._host} ({reason})", retry_safe=True)

    def too_large(self, limit: int) -> UpstreamError:
        """The answer is larger than we read: refused, not buffered."""
        self._log("too large")
        return UpstreamError(
            f"{self._host} sent an answer larger than the limit of {_size(limit)} to "
            f"{self._call} (max_body_bytes)"
        )

    def truncated(self) -> UpstreamError:
        """The answer stopped before its declared length."""
        self._log("truncated")
        text = "closed the connection before the whole body arrived (truncated response to"
        return UpstreamError(f"{self._host} {text} {self._call})")

    def _log(self, outcome: int | str) -> float:
        """One debug line per upstream call; never headers. Returns the elapsed ms."""
        elapsed = (monotonic() - self.started) * 1000
        logger.debug("%s -> %s in %.0f ms", self._call, outcome, elapsed)
        return elapsed


def _size(n: int) -> str:
    """``n`` bytes for a person (64 MB, 512 KB, 100 bytes)."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"
