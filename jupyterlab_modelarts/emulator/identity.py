"""IAM password tokens and the ECS-style metadata service.

* ``POST /v3/auth/tokens`` (password method, project scope by name or id) ->
  201, token in ``X-Subject-Token``, body ``token.expires_at``.
* ``PUT /meta-data/latest/api/token`` -> a metadata session token (text).
* ``GET /openstack/latest/securitykey`` with ``X-Metadata-Token`` ->
  ``{"credential": {"access", "secret", "securitytoken", "expires_at"}}``.
  (Where a real notebook gets its temporary keys is undocumented; this is
  the huaweicloudsdkcore ECS metadata protocol, on the emulator's port.)
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any, Optional

from .auth import format_expiry
from .base import EmulatorHandler


def _iam_error(code: int, title: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "title": title, "message": message}}


class TokensHandler(EmulatorHandler):
    """POST /v3/auth/tokens"""

    route = "iam_token"

    def post(self) -> None:
        """Check name/password/domain and the project scope; issue a token."""
        config = self.state.config
        try:
            auth = json.loads(self.request.body or b"{}")["auth"]
            identity = auth["identity"]
            methods = list(identity.get("methods", []))
            user = dict(identity["password"]["user"])
            domain = dict(user.get("domain") or {})
            scope = dict(auth.get("scope") or {})
        except (ValueError, KeyError, TypeError, AttributeError):
            self.send_json(400, _iam_error(400, "Bad Request", "The request body is invalid."))
            return
        if "password" not in methods:
            self.send_json(400, _iam_error(400, "Bad Request", "Unsupported auth method."))
            return
        if (
            user.get("name") != config.username
            or user.get("password") != config.password
            or not (domain.get("name") == config.domain or domain.get("id") == config.domain_id)
        ):
            self.send_json(
                401, _iam_error(401, "Unauthorized", "The username or password is wrong.")
            )
            return
        project = self._project(scope.get("project"))
        if project is None:
            self.send_json(
                400,
                _iam_error(
                    400, "Bad Request", "A project-scoped token is required (scope.project)."
                ),
            )
            return
        value, token = self.state.auth.issue_token(config.project_id)
        now = time.time()
        body = {
            "token": {
                "expires_at": format_expiry(token.expires_at),
                "issued_at": format_expiry(now),
                "methods": ["password"],
                "project": {
                    "id": config.project_id,
                    "name": config.project_name,
                    "domain": {"id": config.domain_id, "name": config.domain},
                },
                "user": {
                    "id": config.user_id,
                    "name": config.username,
                    "domain": {"id": config.domain_id, "name": config.domain},
                    "password_expires_at": "",
                },
                "roles": [{"id": "0", "name": "op_service"}],
                "catalog": [],
            }
        }
        self.send_json(201, body, {"X-Subject-Token": value})

    def _project(self, scope: Any) -> Optional[str]:
        """The scoped project's id if it is the emulator's project (by name or id)."""
        if not isinstance(scope, dict):
            return None
        config = self.state.config
        if scope.get("id") == config.project_id or scope.get("name") == config.project_name:
            return config.project_id
        return None


class MetadataTokenHandler(EmulatorHandler):
    """PUT /meta-data/latest/api/token"""

    route = "metadata_token"

    def put(self) -> None:
        """A metadata session token valid for X-Metadata-Token-Ttl-Seconds (default 6 h)."""
        try:
            ttl = float(self.request.headers.get("X-Metadata-Token-Ttl-Seconds", "21600"))
        except ValueError:
            ttl = -1
        if not 0 < ttl <= 21600:
            self.set_status(400)
            self.finish("invalid X-Metadata-Token-Ttl-Seconds")
            return
        value = secrets.token_urlsafe(32)
        self.state.metadata_sessions[value] = time.time() + ttl
        self.set_header("Content-Type", "text/plain")
        self.finish(value)


class SecurityKeyHandler(EmulatorHandler):
    """GET /openstack/latest/securitykey"""

    route = "metadata"

    def get(self) -> None:
        """A fresh temporary AK/SK + security token (needs a metadata session token)."""
        session = self.request.headers.get("X-Metadata-Token", "")
        if self.state.metadata_sessions.get(session, 0) <= time.time():
            self.set_status(401)
            self.finish("unauthorized: missing or expired X-Metadata-Token")
            return
        self.send_json(200, {"credential": self.state.auth.issue_temporary()})


def identity_routes(state) -> list:
    """URL table for IAM and metadata."""
    args = {"state": state}
    return [
        (r"/v3/auth/tokens", TokensHandler, args),
        (r"/meta-data/latest/api/token", MetadataTokenHandler, args),
        (r"/openstack/latest/securitykey", SecurityKeyHandler, args),
    ]
