"""Blocking transport on a pooled ``requests.Session``.

Moves bytes only: the request is already built and signed, and each ``send``
is one attempt. Retries are steps of the exchange (:mod:`.operations`).
"""

from __future__ import annotations

import time

import requests
from requests.adapters import HTTPAdapter

from .config import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_READ_TIMEOUT,
    ClientConfig,
)
from .http import (
    Request,
    Response,
    connect_timeout,
    connection_failure,
    elapsed_ms,
    log_call,
    read_timeout,
    transport_options,
    truncated,
)


class RequestsTransport:
    """Send :class:`Request` values with connect/read timeouts, one attempt each."""

    def __init__(
        self,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        verify_tls: bool = True,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.verify_tls = verify_tls
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or netrc surprises for signed calls
        # The pool is sized like the async client's, so both queue calls beyond the limit.
        adapter = HTTPAdapter(
            pool_connections=max_connections, pool_maxsize=max_connections, max_retries=0
        )
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    @classmethod
    def from_config(cls, config: ClientConfig) -> RequestsTransport:
        """A transport with the config's timeouts, TLS check and connection limit."""
        return cls(**transport_options(config))

    def send(self, request: Request) -> Response:
        """Send once; a failure becomes the client's error type (never retried here)."""
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
            log_call(request, "connect timeout", elapsed_ms(started))
            raise connect_timeout(request, timeout[0]) from None
        except requests.exceptions.Timeout:
            log_call(request, "timeout", elapsed_ms(started))
            raise read_timeout(request, timeout[1]) from None
        except requests.exceptions.ChunkedEncodingError:
            log_call(request, "truncated", elapsed_ms(started))
            raise truncated(request) from None
        except requests.exceptions.ConnectionError as exc:
            log_call(request, "connection error", elapsed_ms(started))
            raise connection_failure(request, _reason(exc)) from None
        elapsed = elapsed_ms(started)
        log_call(request, raw.status_code, elapsed)
        headers = {name.lower(): value for name, value in raw.headers.items()}
        return Response(raw.status_code, headers, body, elapsed)

    def close(self) -> None:
        """Release pooled connections."""
        self._session.close()


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
