"""The ``IAM password`` source: a project-scoped IAM token from a username and password.

The login is an exchange (``POST /v3/auth/tokens``) run on first use, renewed
ten minutes before the token expires and once when the gateway answers 401.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..config import ClientConfig
from ..errors import AuthError, UpstreamError
from ..exchange import Exchange, send
from ..http import Request, Response
from ..responses import error_from_response
from .base import Auth, Identity, Unavailable, env_project_id, parse_expiry, renew_due
from .keys import JSON_CONTENT_TYPE


@dataclass(repr=False)
class IamToken:
    """A project-scoped IAM token."""

    token: str
    expires_at: float | None
    issued_at: float
    project_id: str | None = None

    def __repr__(self) -> str:
        return f"IamToken(token=***, expires_at={self.expires_at}, project_id={self.project_id!r})"


class PasswordAuth(Auth):
    """IAM password login: ``X-Auth-Token``, renewed 10 minutes early and once on a 401."""

    renew_on_401 = True

    def __init__(
        self,
        iam_url: str,
        username: str,
        password: str,
        domain: str,
        project_id: str | None,
        project_name: str | None,
        connect_timeout: float,
        read_timeout: float,
    ) -> None:
        super().__init__()
        self.iam_url = iam_url
        self.username = username
        self._password = password
        self.domain = domain
        self.scope_project_id = project_id
        self.scope_project_name = project_name
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.token: IamToken | None = None

    def fresh(self, margin: float) -> bool:
        """True while a token is held and not yet due for renewal."""
        if self.token is None:
            return False
        if self.token.expires_at is None:
            return True
        return not renew_due(self.token.expires_at, self.token.issued_at, margin)

    def invalidate(self) -> None:
        """Drop the token (the gateway refused it)."""
        self.token = None

    def renew(self) -> Exchange[None]:
        """Log in again and keep the new token (and the project id it is scoped to)."""
        response = yield from send(self.login_request())
        self.token = parse_token_response(response)
        self.project_id = self.token.project_id or self.project_id
        self.generation += 1

    def login_request(self) -> Request:
        """``POST /v3/auth/tokens`` with the password, scoped to the project id or name."""
        scope: dict[str, dict[str, str]]
        if self.scope_project_id:
            scope = {"project": {"id": self.scope_project_id}}
        elif self.scope_project_name:
            scope = {"project": {"name": self.scope_project_name}}
        else:
            raise AuthError(
                "IAM login needs a project id or a region to scope the token to",
                error_code="ModelArts.0212",
            )
        user = {"name": self.username, "password": self._password, "domain": {"name": self.domain}}
        body = {
            "auth": {
                "identity": {"methods": ["password"], "password": {"user": user}},
                "scope": scope,
            }
        }
        return Request(
            "POST",
            self.iam_url,
            "/v3/auth/tokens",
            headers={"Content-Type": "application/json;charset=utf8"},
            body=json.dumps(body).encode("utf-8"),
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
        )

    def apply(self, request: Request, project_id: str | None) -> Request:
        """``request`` with the token in ``X-Auth-Token``."""
        if self.token is None:
            raise AuthError("no IAM token (login did not happen)")
        headers = {
            "Content-Type": JSON_CONTENT_TYPE,
            **request.headers,
            "X-Auth-Token": self.token.token,
        }
        return replace(request, headers=headers)

    def secrets(self) -> list[str]:
        """The password and the token."""
        return [s for s in (self._password, self.token.token if self.token else None) if s]

    def __repr__(self) -> str:
        return f"PasswordAuth(username={self.username!r}, domain={self.domain!r}, password=***)"


def parse_token_response(response: Response) -> IamToken:
    """The token from ``X-Subject-Token`` and its expiry/project from the body."""
    if response.status >= 500:
        raise error_from_response(response, "IAM login")
    if response.status >= 300:
        raise error_from_response(response, "IAM login", kind=AuthError)
    token = response.header("x-subject-token")
    if not token:
        raise UpstreamError(
            "IAM answered without an X-Subject-Token header", http_status=response.status
        )
    expires_at = project_id = None
    try:
        body = json.loads(response.body.decode("utf-8"))["token"]
        expires_at = parse_expiry(body.get("expires_at"))
        project_id = (body.get("project") or {}).get("id")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        pass  # the header is what matters; without an expiry we renew on 401
    return IamToken(
        token=token, expires_at=expires_at, issued_at=time.time(), project_id=project_id
    )


def from_password(config: ClientConfig, env: Mapping[str, str]) -> Identity:
    """IAM username/password; the login itself happens on first use."""
    username = config.username or env.get("MODELARTS_USERNAME")
    password = config.password or env.get("MODELARTS_PASSWORD")
    if not (username and password):
        raise Unavailable("no username/password (config or MODELARTS_USERNAME/MODELARTS_PASSWORD)")
    account = config.account or env.get("MODELARTS_ACCOUNT") or username
    region = config.region or env.get("MODELARTS_REGION")
    project_id = config.project_id or env_project_id(env)
    auth = PasswordAuth(
        config.iam_url(region),
        username,
        password,
        account,
        project_id,
        region,
        config.connect_timeout,
        config.read_timeout,
    )
    return Identity("IAM password", auth, region, project_id)
