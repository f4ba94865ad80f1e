"""The test-control API under ``/_emulator/`` (no auth; loopback only).

==========================================  =========================================
``GET    /_emulator/config``                 the config (credentials, timings)
``GET    /_emulator/stats``                  ``{"counts": {route: n}, "total", "log": [...]}``
``DELETE /_emulator/stats``                  forget counts and log
``POST   /_emulator/reset``                  data + faults + counters + clock to start-up
``GET    /_emulator/faults``                 ``{"faults": [...]}``
``POST   /_emulator/faults``                 a fault object or a list -> ``{"faults": [...]}``
``DELETE /_emulator/faults[?route=R]``       remove all (or one route's) faults
``DELETE /_emulator/faults/{id}``            remove one fault
``GET    /_emulator/clock``                  ``{"now", "now_ms", "speed", "frozen"}``
``POST   /_emulator/clock``                  ``{"advance": s, "freeze": bool, "speed": x}``
``PUT    /_emulator/data``                   load a data set (store.py format)
``POST   /_emulator/expire``                 ``{"tokens": bool, "credentials": bool}``
``PUT    /_emulator/jobs/{j}/versions/{v}``  ``{"status": N}`` pins a version's status
``PUT    /_emulator/v2/training-jobs/{id}``  ``{"phase": P}`` pins a v2 job's phase
==========================================  =========================================

Only loopback may use it, and only deliberately: a request whose ``Host`` is not a
loopback name (127.0.0.1, localhost, ::1) is refused with 403, which keeps a web
page that rebinds its DNS name to 127.0.0.1 out; a POST/PUT/DELETE whose
``Content-Type`` is not ``application/json`` is refused with 415, which a
cross-site form or ``text/plain`` fetch cannot send without a CORS preflight.

Request-log entries are ``{"method", "path", "route", "status", "request_id", "auth",
"signed_headers", "security_token", "user_id"}`` (``auth``: token, aksk, temporary or null;
``security_token``: whether one came; ``user_id``: the ``X-ModelArts-User-ID`` header);
``status`` is null for a dropped connection. Admin calls are not logged.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from tornado import web

from ..client.ids import is_id
from .state import State
from .store import DataError
from .v2_store import CODE_OF_PHASE

#: Host names a loopback admin call carries (without the port).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
#: Methods that change state: they must declare a JSON body.
_CHANGES = frozenset({"POST", "PUT", "DELETE", "PATCH"})


class AdminHandler(web.RequestHandler):
    """JSON in, JSON out; bad input answers 400 ``{"error": ...}``."""

    def initialize(self, state: State) -> None:
        """Tornado hook: the shared emulator state."""
        self.state = state

    def prepare(self) -> None:
        """Refuse what a web page could send: another Host, a change not declared JSON."""
        if self.request.host_name.lower() not in LOOPBACK_HOSTS:
            raise web.HTTPError(403, reason="the admin API answers loopback Host names only")
        if self.request.method in _CHANGES:
            declared = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if declared != "application/json":
                raise web.HTTPError(415, reason="the admin API takes application/json only")

    def set_default_headers(self) -> None:
        """Same header contract as the API routes."""
        self.set_header("X-Request-Id", uuid.uuid4().hex)

    def check_xsrf_cookie(self) -> None:
        """Not a browser form."""

    def body_json(self, default: Any = None) -> Any:
        """The parsed request body (``default`` when empty)."""
        if not self.request.body:
            return default
        try:
            return json.loads(self.request.body)
        except ValueError:
            raise web.HTTPError(400, reason="body is not JSON") from None

    def reply(self, body: Any, status: int = 200) -> None:
        """Finish with JSON."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as ``{"error": reason}``."""
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": self._reason}))


class ConfigHandler(AdminHandler):
    def get(self) -> None:
        """The running configuration."""
        self.reply(self.state.config.public())


class StatsHandler(AdminHandler):
    def get(self) -> None:
        """Per-route counts and the request log."""
        self.reply(self.state.stats.public())

    def delete(self) -> None:
        """Forget counts and log."""
        self.state.stats.reset()
        self.reply({"ok": True})


class ResetHandler(AdminHandler):
    def post(self) -> None:
        """Everything back to start-up."""
        self.state.reset()
        self.reply({"ok": True})


class FaultsHandler(AdminHandler):
    def get(self) -> None:
        """Installed faults."""
        self.reply({"faults": [f.public() for f in self.state.faults.items]})

    def post(self) -> None:
        """Install one fault or a list of them (all or nothing)."""
        spec = self.body_json()
        specs = spec if isinstance(spec, list) else [spec]
        added = []
        try:
            for item in specs:
                added.append(self.state.faults.add(item))
        except ValueError as error:
            for fault in added:
                self.state.faults.remove(fault.id)
            raise web.HTTPError(400, reason=str(error)) from None
        self.reply({"faults": [f.public() for f in added]})

    def delete(self, fault_id: str = "") -> None:
        """Remove one fault, one route's faults, or all."""
        if fault_id:
            if not self.state.faults.remove(int(fault_id)):
                raise web.HTTPError(404, reason=f"no fault {fault_id}")
        else:
            self.state.faults.clear(self.get_query_argument("route", None))
        self.reply({"ok": True})


class ClockHandler(AdminHandler):
    def get(self) -> None:
        """The lifecycle clock."""
        self.reply(self.state.clock.state())

    def post(self) -> None:
        """Advance, freeze/unfreeze or re-speed the lifecycle clock."""
        body = self.body_json({}) or {}
        clock = self.state.clock
        try:
            if "speed" in body:
                clock.set_speed(float(body["speed"]))
            if "freeze" in body:
                clock.freeze(bool(body["freeze"]))
            if "advance" in body:
                clock.advance(float(body["advance"]))
        except (TypeError, ValueError) as error:
            raise web.HTTPError(400, reason=str(error)) from None
        self.reply(clock.state())


class DataHandler(AdminHandler):
    def put(self) -> None:
        """Replace the data set (until the next reset)."""
        try:
            self.state.load_data(self.body_json())
        except DataError as error:
            raise web.HTTPError(400, reason=str(error)) from None
        self.reply(
            {
                "ok": True,
                "jobs": len(self.state.store.jobs),
                "training_jobs": len(self.state.v2.jobs),
            }
        )


class ExpireHandler(AdminHandler):
    def post(self) -> None:
        """Expire issued tokens and/or temporary credentials now."""
        body = self.body_json({}) or {}
        self.state.auth.expire(
            tokens=bool(body.get("tokens", True)), credentials=bool(body.get("credentials", True))
        )
        self.reply({"ok": True})


class PinHandler(AdminHandler):
    def put(self, job_id: str, version_id: str) -> None:
        """Pin a version to a fixed status (clears any pending stop)."""
        found = is_id(job_id) and is_id(version_id)
        version = self.state.store.version(int(job_id), int(version_id)) if found else None
        if version is None:
            raise web.HTTPError(404, reason="no such version")
        status = (self.body_json({}) or {}).get("status")
        if not isinstance(status, int):
            raise web.HTTPError(400, reason="status must be an integer")
        version.life.fixed_status = status
        version.life.stopped_at = None
        self.reply({"ok": True})


class PinPhaseHandler(AdminHandler):
    def put(self, job_id: str) -> None:
        """Pin a v2 job to a fixed phase (clears any pending terminate)."""
        record = self.state.v2.job(job_id)
        if record is None:
            raise web.HTTPError(404, reason="no such training job")
        phase = (self.body_json({}) or {}).get("phase")
        if phase not in CODE_OF_PHASE:
            raise web.HTTPError(400, reason=f"phase must be one of {sorted(CODE_OF_PHASE)}")
        record.life.fixed_status = CODE_OF_PHASE[phase]
        record.life.stopped_at = None
        self.reply({"ok": True})


def admin_routes(state: State) -> list:
    """URL table for the admin API."""
    args = {"state": state}
    return [
        (r"/_emulator/config", ConfigHandler, args),
        (r"/_emulator/stats", StatsHandler, args),
        (r"/_emulator/reset", ResetHandler, args),
        (r"/_emulator/faults", FaultsHandler, args),
        (r"/_emulator/faults/(\d+)", FaultsHandler, args),
        (r"/_emulator/clock", ClockHandler, args),
        (r"/_emulator/data", DataHandler, args),
        (r"/_emulator/expire", ExpireHandler, args),
        (r"/_emulator/jobs/([^/]+)/versions/([^/]+)", PinHandler, args),
        (r"/_emulator/v2/training-jobs/([^/]+)", PinPhaseHandler, args),
    ]
