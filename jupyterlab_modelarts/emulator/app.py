"""The emulator as a tornado application: in-process or on its own thread."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Optional

from tornado import httpserver, netutil, web

from .admin import admin_routes
from .base import UnknownRouteHandler
from .config import EmulatorConfig
from .control import AdminClient
from .identity import identity_routes
from .logs import log_routes
from .routes import v1_routes
from .state import State
from .v2_routes import v2_routes

LOOPBACK = "127.0.0.1"
log = logging.getLogger("jupyterlab_modelarts.emulator")


def _access_log(handler: web.RequestHandler) -> None:
    # Debug level: a test's deliberate 4xx must not look like a warning in the host app.
    request = handler.request
    log.debug(
        "%s %s %s %.1fms",
        handler.get_status(),
        request.method,
        request.uri,
        1000 * request.request_time(),
    )


class Emulator:
    """ModelArts v1 and v2 + IAM + metadata + admin API on one loopback port.

    ``listen()`` must be called on a running asyncio/tornado loop.
    """

    def __init__(self, config: Optional[EmulatorConfig] = None) -> None:
        self.config = config or EmulatorConfig()
        self.state = State(self.config)
        self.app = web.Application(
            # Without v1 its paths fall to UnknownRouteHandler: 404 APIGW.0101.
            (v1_routes(self.state) + log_routes(self.state) if self.config.serve_v1 else [])
            + v2_routes(self.state)
            + identity_routes(self.state)
            + admin_routes(self.state),
            default_handler_class=UnknownRouteHandler,
            default_handler_args={"state": self.state},
            log_function=_access_log,
        )
        self._server: Optional[httpserver.HTTPServer] = None
        self.url: Optional[str] = None

    def listen(self, port: int = 0) -> str:
        """Bind 127.0.0.1:``port`` (0 = any free port); return the base URL."""
        sockets = netutil.bind_sockets(port, LOOPBACK)
        self._server = httpserver.HTTPServer(self.app)
        self._server.add_sockets(sockets)
        bound = sockets[0].getsockname()[1]
        self.url = f"http://{LOOPBACK}:{bound}"
        return self.url

    @property
    def port(self) -> Optional[int]:
        """The bound port, once listening."""
        return int(self.url.rsplit(":", 1)[1]) if self.url else None

    def stop(self) -> None:
        """Stop accepting connections."""
        if self._server is not None:
            self._server.stop()
            self._server = None


class ThreadedEmulator:
    """An :class:`Emulator` on its own thread and event loop (see :func:`run_in_thread`)."""

    def __init__(self, config: EmulatorConfig, port: int = 0) -> None:
        self.config = config
        self.emulator: Optional[Emulator] = None
        self.url = ""
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._ready = threading.Event()
        self._error: Optional[BaseException] = None
        self._thread = threading.Thread(
            target=self._run, args=(port,), name="modelarts-emulator", daemon=True
        )
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        if not self.url:
            raise RuntimeError("emulator did not start within 30 s")

    def _run(self, port: int) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            self.emulator = Emulator(self.config)
            # listen() needs a current loop; run it inside the loop.
            self.url = loop.run_until_complete(self._listen(port))
        except BaseException as error:  # surfaced to the caller of __init__
            self._error = error
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self.emulator.stop()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _listen(self, port: int) -> str:
        assert self.emulator is not None
        return self.emulator.listen(port)

    @property
    def admin(self) -> AdminClient:
        """The ``/_emulator/`` admin API of this emulator."""
        return AdminClient(self.url)

    def stop(self) -> None:
        """Stop the loop and join the thread."""
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)


def run_in_thread(config: Optional[EmulatorConfig] = None, port: int = 0) -> ThreadedEmulator:
    """Start an emulator on a daemon thread.

    Returns a handle with ``.url``, ``.config`` and ``.stop()``.
    """
    return ThreadedEmulator(config or EmulatorConfig(), port)
