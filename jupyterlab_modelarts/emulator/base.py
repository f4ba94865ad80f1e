"""The request pipeline every emulated route shares.

request id -> count -> pre-auth faults (latency, canned answers, dropped
connection) -> the handler (which authenticates) -> JSON answer -> log.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any, Optional

from tornado import web
from tornado.http1connection import HTTP1Connection

from ..client.signer import parse_authorization
from . import errors
from .auth import Caller, project_error
from .faults import Fault
from .state import State


class EmulatorHandler(web.RequestHandler):
    """Base for API routes; subclasses set ``route`` and implement verbs."""

    route = "unknown"

    def initialize(self, state: State) -> None:
        """Tornado hook: the shared emulator state."""
        self.state = state
        self.request_id = uuid.uuid4().hex
        self._logged = False
        self._auth_kind: Optional[str] = None

    def set_default_headers(self) -> None:
        """Every answer carries X-Request-Id (clients quote it in errors)."""
        self.set_header("X-Request-Id", getattr(self, "request_id", "") or uuid.uuid4().hex)

    def check_xsrf_cookie(self) -> None:
        """An API, not a browser form: no XSRF."""

    def compute_etag(self) -> Optional[str]:
        """No ETags: answers must always carry the body (clients poll)."""
        return None

    async def prepare(self) -> None:
        """Apply the pre-auth faults installed for this route."""
        self.set_header("X-Request-Id", self.request_id)
        latency, fault = self.state.faults.take(self.route)
        if latency:
            await asyncio.sleep(latency)
        if fault is not None:
            self.answer_fault(fault)

    # --- answering -----------------------------------------------------
    def send_json(self, status: int, body: Any, headers: Optional[dict[str, str]] = None) -> None:
        """Finish with a JSON body."""
        self.set_status(status)
        for name, value in (headers or {}).items():
            self.set_header(name, value)
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        self.finish(json.dumps(body))

    def send_error_obj(self, error: errors.ApiError) -> None:
        """Finish with a ModelArts/APIG error body (gateway bodies get the request id)."""
        body = dict(error.body)
        if body.get("error_code", "").startswith("APIGW."):
            body["request_id"] = self.request_id
        self.send_json(error.status, body, error.headers)

    def answer_fault(self, fault: Fault) -> None:
        """Answer as ``fault`` says instead of running the handler."""
        kind = fault.kind
        if kind == "error":
            status = fault.status or 500
            if fault.error_code.startswith("APIGW."):
                # Gateway errors have the gateway's shape (request_id added on send).
                error = errors.ApiError(
                    status, {"error_code": fault.error_code, "error_msg": fault.error_msg}
                )
            else:
                error = errors.modelarts_error(status, fault.error_code, fault.error_msg)
            self.send_error_obj(error)
        elif kind == "throttle":
            retry = fault.retry_after
            hint = retry if isinstance(retry, str) else _seconds(retry)
            self.send_json(
                fault.status or 429,
                {
                    "error_code": "APIGW.0308",
                    "error_msg": "The throttling threshold "
                    "has been reached: policy user over ratelimit,limit:100,time:1 minute",
                    "request_id": self.request_id,
                },
                {"Retry-After": hint},
            )
        elif kind == "malformed_json":
            self._raw(
                fault.status or 200,
                b'{"is_success": true, "versions": [{"version_id": ,}',
                "application/json;charset=UTF-8",
            )
        elif kind == "truncated_json":
            text = json.dumps(
                {
                    "is_success": True,
                    "job_id": 1,
                    "versions": [{"version_id": n, "status": 8} for n in range(10)],
                }
            )
            self._raw(
                fault.status or 200,
                text[: len(text) // 2].encode(),
                "application/json;charset=UTF-8",
            )
        elif kind == "non_json":
            body = fault.body or (
                "<html><head><title>502 Bad Gateway</title></head><body>"
                "<center><h1>502 Bad Gateway</h1></center></body></html>"
            )
            self._raw(fault.status or 502, body.encode(), "text/html")
        elif kind == "raw":
            self.set_status(fault.status or 200)
            self.set_header("Content-Type", "application/json;charset=UTF-8")
            for name, value in fault.headers.items():
                self.set_header(name, value)
            self.finish((fault.body or "").encode("utf-8", "surrogatepass"))
        elif kind == "drop":
            self.drop_connection()
        elif kind in ("token_expired", "credential_expired"):
            self.send_error_obj(errors.token_expired("1970-01-01T00:00:00.000000Z"))

    def _raw(self, status: int, body: bytes, content_type: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        self.finish(body)

    def drop_connection(self) -> None:
        """Close the socket without writing a response."""
        connection = self.request.connection
        assert isinstance(connection, HTTP1Connection)  # tornado's HTTP/1 server connection
        connection.detach().close()
        # Tell tornado the response is done so it does not write to the closed stream.
        self._finished = True
        self._record(None)

    # --- auth ----------------------------------------------------------
    def authenticate(self, project_id: Optional[str]) -> Optional[Caller]:
        """Check credentials (and the project); on failure answer and return None."""
        request = self.request
        try:
            caller = self.state.auth.authenticate(
                request.method, request.path, request.query, request.headers, request.body or b""
            )
        except errors.ApiError as error:
            self.send_error_obj(error)
            return None
        self._auth_kind = caller.kind
        if project_id is not None:
            mismatch = project_error(caller, project_id)
            if mismatch is not None:
                self.send_error_obj(mismatch)
                return None
        _, fault = self.state.faults.take(self.route, caller.kind)
        if fault is not None:
            self.answer_fault(fault)
            return None
        return caller

    # --- logging -------------------------------------------------------
    def on_finish(self) -> None:
        """Tornado hook: log the answered request."""
        self._record(self.get_status())

    def _record(self, status: Optional[int]) -> None:
        if not self._logged:
            self._logged = True
            self.state.stats.record(
                self.request.method or "",
                self.request.path,
                self.route,
                status,
                self.request_id,
                self._identity(),
            )

    def _identity(self) -> dict[str, Any]:
        """Who the request claimed to be, for the log: never a secret, only names and flags."""
        headers = self.request.headers
        parsed = parse_authorization(headers.get("Authorization", ""))
        return {
            "auth": self._auth_kind,
            "signed_headers": [name.lower() for name in parsed[1]] if parsed else [],
            "security_token": bool(headers.get("X-Security-Token")),
            "user_id": headers.get("X-ModelArts-User-ID"),
        }

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Uncaught errors still answer in the ModelArts shape.

        A verb no API is published for is the gateway's 404 APIGW.0101, as an
        unknown path is.
        """
        if status_code == 405:
            self.set_status(404)
            self.set_header("Content-Type", "application/json;charset=UTF-8")
            body = dict(errors.api_not_found().body, request_id=self.request_id)
            self.finish(json.dumps(body))
            return
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        self.finish(
            json.dumps(
                {
                    "is_success": False,
                    "error_code": "ModelArts.0010",
                    "error_msg": "Internal error.",
                    "error_message": "Internal error.",
                }
            )
        )


def _seconds(value: float) -> str:
    """A Retry-After number as text (``2``, not ``2.0``)."""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


class UnknownRouteHandler(EmulatorHandler):
    """Any path no API lives on: APIGW.0101 (404), logged as route "unknown"."""

    async def prepare(self) -> None:
        """Answer 404 whatever the method."""
        self.set_header("X-Request-Id", self.request_id)
        self.send_error_obj(errors.api_not_found())
