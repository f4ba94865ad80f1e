"""The base of every REST handler of the extension: the service, the one reply path, errors.

Every route answers through ``ModelArtsHandler.reply``: the serialised answer
(``answer.Answer``) is sent with its ETag (304 for an ``If-None-Match`` naming
it), gzip-compressed when large and accepted, and written piece by piece; an
error is rendered by ``http_errors.http_error``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, Callable

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.iostream import StreamClosedError

from .answer import GZIP_MIN_BYTES, WRITE_PIECE_BYTES, Answer, accepts_gzip, pieces
from .client import errors
from .contract import Payload, encode
from .http_errors import http_error
from .service import ModelArtsService

#: The keys under which the extension stores its service and watcher in the web app settings.
SERVICE_SETTING = "jupyterlab_modelarts_service"
WATCHER_SETTING = "jupyterlab_modelarts_watcher"
#: The key of the ``SettingsError`` that invalid settings leave instead (None when valid).
SETTINGS_ERROR_SETTING = "jupyterlab_modelarts_settings_error"

AUTH_RESOURCE = "modelarts"


class ModelArtsHandler(ExtensionHandlerMixin, APIHandler):
    """Base: the service, JSON replies, and every error rendered through ``http_error``."""

    auth_resource = AUTH_RESOURCE

    def set_default_headers(self) -> None:
        """JSON about live jobs: never let a browser or proxy reuse it."""
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")

    def check_settings(self) -> None:
        """Raise the ``SettingsError`` while a setting is invalid: every route answers 503."""
        problem = self.settings.get(SETTINGS_ERROR_SETTING)
        if problem is not None:
            raise problem

    @property
    def service(self) -> ModelArtsService:
        """The extension's service (``check_settings`` first)."""
        self.check_settings()
        return self.settings[SERVICE_SETTING]

    async def reply(self, call: Callable[[], Awaitable[Answer | Payload]]) -> None:
        """Run ``call()`` (checks + service call) and answer its JSON or the mapped error.

        Ids and queries are checked inside ``call`` so a refusal goes through
        ``http_error`` (400) like any other error. The answer is already
        serialised (the cache keeps it), so it is sent as is (``send``).
        """
        try:
            payload = await call()
        except Exception as err:
            return self.fail(err)
        await self.send(payload if isinstance(payload, Answer) else Answer.of(payload))

    async def send(self, answer: Answer) -> None:
        """The one reply path of every route: ETag and 304, gzip, written piece by piece.

        A GET answer carries its strong ETag and an ``If-None-Match`` naming it is
        answered 304 with no body. A body over ``GZIP_MIN_BYTES`` goes gzip-compressed
        when the client accepts it (compressed once per answer, off the loop; setting
        ``Content-Encoding`` keeps tornado's own ``compress_response`` from compressing
        it again). Large bodies are written ``WRITE_PIECE_BYTES`` at a time with a
        flush in between, so one reader cannot hold the event loop.
        """
        self.set_header("Content-Type", "application/json")
        chunks = answer.chunks
        if self.request.method == "GET":
            large = answer.size > GZIP_MIN_BYTES
            gzip = large and accepts_gzip(self.request.headers.get("Accept-Encoding", ""))
            if large:
                self.set_header("Vary", "Accept-Encoding")
            self.set_header("Etag", answer.gzip_etag if gzip else answer.etag)
            if answer.matches(self.request.headers.get("If-None-Match", "")):
                self.set_status(304)
                self.finish()
                return
            if gzip:
                if not answer.gzip_ready:
                    await asyncio.get_running_loop().run_in_executor(None, answer.gzipped)
                chunks = answer.gzipped()
                self.set_header("Content-Encoding", "gzip")
        size = sum(len(chunk) for chunk in chunks)
        self.set_header("Content-Length", size)
        try:
            for piece in pieces(chunks):
                self.write(piece)
                if size > WRITE_PIECE_BYTES:  # let the loop serve others between pieces
                    await self.flush()
                    # A flush the socket took at once is an already-done future, and awaiting
                    # it does not yield: without this, a fast reader's 40 MB went in one go.
                    await asyncio.sleep(0)
        except StreamClosedError:
            return None  # the reader went away; nothing left to tell it
        self.finish()

    def fail(self, err: BaseException) -> None:
        """Answer with the mapped error; unexpected ones are logged, never shown."""
        status, body, headers = http_error(err)
        if status >= 500 and not isinstance(err, errors.ModelArtsError):
            self.log.error("jupyterlab_modelarts: unexpected error", exc_info=err)
        else:
            self.log.debug(
                "jupyterlab_modelarts: %s -> %s %s", type(err).__name__, status, body["error_code"]
            )
        self.set_status(status)
        for name, value in headers.items():
            self.set_header(name, value)
        self.finish(encode(body))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors raised outside ``reply`` (auth, XSRF, routing): the same body, no traceback."""
        exc_info = kwargs.get("exc_info")
        err = exc_info[1] if exc_info else tornado.web.HTTPError(status_code)
        _, body, _ = http_error(err)
        self.set_header("Content-Type", "application/json")
        self.finish(encode(body))
