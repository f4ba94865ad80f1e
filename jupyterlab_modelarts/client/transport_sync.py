"""Blocking transport on a pooled ``requests.Session``.

Moves bytes only: the request is already built and signed. Idempotent
requests are retried per :class:`~.http.RetryPolicy`; anything else is sent
exactly once.
"""

from __future__ import annotations

import time

import requests
from requests.adapters import HTTPAdapter

from .errors import ConnectionFailure, UpstreamTimeoutError
from .http import (
    Request,
    Response,
    RetryPolicy,
    connect_timeout,
    connection_failure,
    log_call,
    read_timeout,
    truncated,
)


class SyncTransport:
    """Send :class:`Request` values with connect/read timeouts and GET retries."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        verify_tls: bool = True,
        max_connections: int = 64,
        sleep=time.sleep,
    ) -> None:
        self.policy = policy
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.verify_tls = verify_tls
        self._sleep = sleep
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or netrc surprises for signed calls
        adapter = HTTPAdapter(
            pool_connections=max_connections, pool_maxsize=max_connections, max_retries=0
        )
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def send(self, request: Request) -> Response:
        """Send, retrying idempotent requests on connection errors and 429/502/503/504."""
        attempt = 0
        while True:
            try:
                response = self._send_once(request)
            except (ConnectionFailure, UpstreamTimeoutError) as exc:
                # Only failures before anything was answered are retried (never read timeouts).
                if getattr(exc, "retry_safe", False) and self.policy.should_retry(
                    request, attempt, None
                ):
                    self._sleep(self.policy.delay(attempt))
                    attempt += 1
                    continue
                raise
            if self.policy.should_retry(request, attempt, response.status):
                self._sleep(self.policy.delay(attempt, response.header("retry-after")))
                attempt += 1
                continue
            return response

    def _send_once(self, request: Request) -> Response:
        timeout = (
            request.connect_timeout or self.connect_timeout,
            request.read_timeout or self.read_timeout,
        )
        started = time.monotonic()
        try:
            raw = self._session.request(
                request.method,
                request.url,
                headers=request.headers,
                data=request.body or None,
                timeout=timeout,
                verify=self.verify_tls,
                allow_redirects=False,
            )
            body = raw.content
        except requests.exceptions.ConnectTimeout:
            log_call(request, "connect timeout", _ms(started))
            raise connect_timeout(request, timeout[0]) from None
        except requests.exceptions.Timeout:
            log_call(request, "timeout", _ms(started))
            raise read_timeout(request, timeout[1]) from None
        except requests.exceptions.ChunkedEncodingError:
            log_call(request, "truncated", _ms(started))
            raise truncated(request) from None
        except requests.exceptions.ConnectionError as exc:
            log_call(request, "connection error", _ms(started))
            raise connection_failure(request, _reason(exc)) from None
        elapsed = _ms(started)
        log_call(request, raw.status_code, elapsed)
        headers = {name.lower(): value for name, value in raw.headers.items()}
        return Response(raw.status_code, headers, body, elapsed)

    def close(self) -> None:
        """Release pooled connections."""
        self._session.close()


def _ms(started: float) -> float:
    return (time.monotonic() - started) * 1000


def _reason(exc: Exception) -> str:
    """A short, secret-free reason: the innermost exception's type name."""
    inner: BaseException = exc
    for _ in range(10):  # bounded: exception chains can, rarely, be cyclic
        nested = inner.__cause__ or inner.__context__
        if nested is None:
            break
        inner = nested
    text = type(inner).__name__
    if "refused" in str(exc).lower():
        text = "connection refused"
    elif "reset" in str(exc).lower() or "aborted" in str(exc).lower():
        text = "connection dropped"
    return text
