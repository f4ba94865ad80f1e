"""Non-blocking transport on tornado's ``AsyncHTTPClient`` (the only tornado import).

Same contract as :mod:`.transport_sync`: sends a prepared request once and
turns socket failures into the client's error types; retries are steps of the
exchange (:mod:`.operations`).
"""

from __future__ import annotations

import ssl
import time

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.httputil import HTTPHeaders, HTTPInputError
from tornado.iostream import StreamClosedError

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


class TornadoTransport:
    """Send :class:`Request` values without blocking the event loop, one attempt each."""

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
        # A private instance (force_instance) so closing it never closes the server's shared
        # one; tornado's default of 10 connections would queue a busy server's calls until
        # they time out without ever reaching ModelArts.
        self._client = AsyncHTTPClient(force_instance=True, max_clients=max_connections)

    @classmethod
    def from_config(cls, config: ClientConfig) -> TornadoTransport:
        """A transport with the config's timeouts, TLS check and connection limit."""
        return cls(**transport_options(config))

    async def send(self, request: Request) -> Response:
        """Send once; a failure becomes the client's error type (never retried here)."""
        lines: list[str] = []
        connect = request.connect_timeout or self.connect_timeout
        read = request.read_timeout or self.read_timeout
        tornado_request = HTTPRequest(
            request.url,
            method=request.method,
            headers=request.headers,
            # tornado insists on a body for POST/PUT; an empty one is what ModelArts documents.
            body=request.body if request.method in ("POST", "PUT", "PATCH") else None,
            allow_nonstandard_methods=True,
            connect_timeout=connect,
            # tornado's request timeout spans the whole exchange; the read budget bounds it.
            request_timeout=read,
            follow_redirects=False,
            validate_cert=self.verify_tls,
            decompress_response=True,
            # Seeing the header lines ourselves tells a truncated body from a refused connection.
            header_callback=lines.append,
        )
        started = time.monotonic()
        try:
            raw = await self._client.fetch(tornado_request, raise_error=False)
        # With raise_error=False only transport failures (code 599) land here.
        except HTTPClientError as exc:
            raise self._failure(request, exc, started, connect, read, bool(lines)) from None
        except (StreamClosedError, HTTPInputError) as exc:
            raise self._failure(request, exc, started, connect, read, bool(lines)) from None
        except (ssl.SSLError, OSError) as exc:
            log_call(request, "connection error", elapsed_ms(started))
            raise connection_failure(request, _reason(exc)) from None
        elapsed = elapsed_ms(started)
        log_call(request, raw.code, elapsed)
        parsed = HTTPHeaders.parse("".join(lines[1:]))  # lines[0] is the status line
        headers = {name.lower(): value for name, value in parsed.get_all()}
        return Response(raw.code, headers, raw.body or b"", elapsed)

    def _failure(
        self,
        request: Request,
        exc: BaseException,
        started: float,
        connect: float,
        read: float,
        answered: bool,
    ) -> Exception:
        elapsed = elapsed_ms(started)
        text = str(getattr(exc, "message", None) or exc).lower()
        if "timeout while connecting" in text:
            log_call(request, "connect timeout", elapsed)
            return connect_timeout(request, connect)
        if "timeout" in text:
            log_call(request, "timeout", elapsed)
            return read_timeout(request, read)
        if answered or isinstance(exc, HTTPInputError):
            log_call(request, "truncated", elapsed)
            return truncated(request)
        log_call(request, "connection error", elapsed)
        return connection_failure(request, _reason(exc))

    def close(self) -> None:
        """Release the private client."""
        self._client.close()


def _reason(exc: BaseException | None) -> str:
    text = str(exc or "").lower()
    if "refused" in text:
        return "connection refused"
    if "reset" in text or "closed" in text or "aborted" in text:
        return "connection dropped"
    return type(exc).__name__ if exc else "no response"
