"""Blocking transport on a pooled ``requests.Session``.

Moves bytes only: the request is already built and signed, and each ``send``
is one attempt. Retries are steps of the exchange (:mod:`.operations`).
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

from .http import Attempt, BodyTooLarge, Request, Response, TransportSettings


class RequestsTransport:
    """Send :class:`Request` values with connect/read timeouts, one attempt each."""

    def __init__(self, settings: TransportSettings | None = None) -> None:
        self.settings = settings or TransportSettings()
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or netrc surprises for signed calls
        # The pool is sized like the async client's, so both queue calls beyond the limit.
        adapter = HTTPAdapter(
            pool_connections=self.settings.max_connections,
            pool_maxsize=self.settings.max_connections,
            max_retries=0,
        )
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def send(self, request: Request) -> Response:
        """Send once; a failure becomes the client's error type (never retried here)."""
        attempt = Attempt(request, self.settings)
        try:
            raw = self._session.request(
                request.method,
                request.url,
                headers=request.headers,
                data=request.body or None,
                timeout=(attempt.connect_timeout, attempt.read_timeout),
                verify=self.settings.verify_tls,
                allow_redirects=False,
                stream=True,
            )
            with raw:
                body = _read_capped(raw, attempt.max_body_bytes)
        except BodyTooLarge:
            raise attempt.too_large(attempt.max_body_bytes) from None
        except requests.exceptions.ConnectTimeout:
            raise attempt.connect_timed_out() from None
        except requests.exceptions.Timeout:
            raise attempt.read_timed_out() from None
        except requests.exceptions.ChunkedEncodingError:
            raise attempt.truncated() from None
        except requests.exceptions.ConnectionError as exc:
            raise attempt.unreachable(_reason(exc)) from None
        return attempt.answered(raw.status_code, raw.headers.items(), body)

    def close(self) -> None:
        """Release pooled connections."""
        self._session.close()


def _read_capped(raw: requests.Response, limit: int) -> bytes:
    """The (decompressed) body, or BodyTooLarge as soon as it passes ``limit`` bytes."""
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    for chunk in raw.iter_content(chunk_size=64 * 1024):
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


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
