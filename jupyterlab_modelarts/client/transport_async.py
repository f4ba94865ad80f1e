"""Non-blocking transport on tornado's ``AsyncHTTPClient`` (the only tornado import).

Same contract as :mod:`.transport_sync`: sends a prepared request once and
turns socket failures into the client's error types; retries are steps of the
exchange (:mod:`.operations`).
"""

from __future__ import annotations

import ssl

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.httputil import HTTPHeaders, HTTPInputError
from tornado.iostream import StreamClosedError

from .errors import ModelArtsError
from .http import Attempt, BodyTooLarge, Request, Response, TransportSettings


class TornadoTransport:
    """Send :class:`Request` values without blocking the event loop, one attempt each."""

    def __init__(self, settings: TransportSettings | None = None) -> None:
        self.settings = settings or TransportSettings()
        # A private instance (force_instance) so closing it never closes the server's shared
        # one; tornado's default of 10 connections would queue a busy server's calls until
        # they time out without ever reaching ModelArts.
        # tornado refuses a declared or wire length past the cap (one more byte, so the
        # streaming count below is what tells an over-long body).
        self._client = AsyncHTTPClient(
            force_instance=True,
            max_clients=self.settings.max_connections,
            max_body_size=self.settings.max_body_bytes + 1,
        )

    async def send(self, request: Request) -> Response:
        """Send once; a failure becomes the client's error type (never retried here)."""
        lines: list[str] = []
        body = bytearray()
        attempt = Attempt(request, self.settings)
        limit = attempt.max_body_bytes

        def received(chunk: bytes) -> None:
            body.extend(chunk)  # decompressed: the cap holds for what we would keep
            if len(body) > limit:
                raise BodyTooLarge

        tornado_request = HTTPRequest(
            request.url,
            method=request.method,
            headers=request.headers,
            # tornado insists on a body for POST/PUT; an empty one is what ModelArts documents.
            body=request.body if request.method in ("POST", "PUT", "PATCH") else None,
            allow_nonstandard_methods=True,
            connect_timeout=attempt.connect_timeout,
            # tornado's request timeout spans the whole exchange; the read budget bounds it.
            request_timeout=attempt.read_timeout,
            follow_redirects=False,
            validate_cert=self.settings.verify_tls,
            decompress_response=True,
            # Seeing the header lines ourselves tells a truncated body from a refused connection.
            header_callback=lines.append,
            streaming_callback=received,
        )
        try:
            raw = await self._client.fetch(tornado_request, raise_error=False)
        except BodyTooLarge:
            raise attempt.too_large(limit) from None
        # With raise_error=False only transport failures (code 599) land here.
        except (HTTPClientError, StreamClosedError, HTTPInputError) as exc:
            if _declared_length(lines) > limit:  # tornado refused it before reading
                raise attempt.too_large(limit) from None
            raise _failure(attempt, exc, answered=bool(lines)) from None
        except (ssl.SSLError, OSError) as exc:
            raise attempt.unreachable(_reason(exc)) from None
        parsed = HTTPHeaders.parse("".join(lines[1:]))  # lines[0] is the status line
        return attempt.answered(raw.code, parsed.get_all(), bytes(body))

    def close(self) -> None:
        """Release the private client."""
        self._client.close()


def _failure(attempt: Attempt, exc: BaseException, *, answered: bool) -> ModelArtsError:
    """What a failed fetch was, read from tornado's message (it has no finer types)."""
    text = str(getattr(exc, "message", None) or exc).lower()
    if "timeout while connecting" in text:
        return attempt.connect_timed_out()
    if "timeout" in text:
        return attempt.read_timed_out()
    if answered or isinstance(exc, HTTPInputError):
        return attempt.truncated()
    return attempt.unreachable(_reason(exc))


def _declared_length(lines: list[str]) -> int:
    """The Content-Length the answer declared (0 when none or unreadable)."""
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length" and value.strip().isdigit():
            return int(value.strip())
    return 0


def _reason(exc: BaseException | None) -> str:
    text = str(exc or "").lower()
    if "refused" in text:
        return "connection refused"
    if "reset" in text or "closed" in text or "aborted" in text:
        return "connection dropped"
    return type(exc).__name__ if exc else "no response"
