"""How a found credential authenticates a request, and how it renews itself.

Renewals (metadata service, IAM login) are sans-IO generators: they yield
:class:`~.http.Request` values and receive :class:`~.http.Response` values, so
the sync and async clients drive the same code. The clients hold the lock that
makes concurrent callers share one renewal.
"""

from __future__ import annotations

import json
import time
from collections.abc import Generator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from .errors import AuthError, UpstreamError
from .http import Request, Response
from .signer import sign_request

Exchange = Generator[Request, Response, Any]

JSON = "application/json"


def parse_expiry(value: object) -> float | None:
    """``2022-10-17T18:51:25.231000Z`` (or epoch seconds) as epoch seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


@dataclass(repr=False)
class AkSk:
    """An access key pair, optionally temporary (security token + expiry)."""

    access_key: str
    secret_key: str
    security_token: str | None = None
    expires_at: float | None = None

    def __repr__(self) -> str:
        token = ", security_token=***" if self.security_token else ""
        return f"AkSk(access_key={_mask(self.access_key)}, secret_key=***{token})"


def _mask(access_key: str) -> str:
    return (access_key[:3] + "***") if len(access_key) > 6 else "***"


class Auth:
    """Base: authenticates requests; subclasses that expire know how to renew."""

    #: Renew and retry once when the gateway answers 401.
    renew_on_401 = False

    def __init__(self) -> None:
        self.generation = 0  # bumped by every renewal, so racing 401s renew once
        self.project_id: str | None = None  # learned while authenticating (IAM token scope)

    def fresh(self, margin: float) -> bool:
        """True while usable without a renewal."""
        return True

    def renew(self) -> Exchange:
        """Fetch new credentials (a sans-IO exchange)."""
        return
        yield  # pragma: no cover - makes this a generator

    def invalidate(self) -> None:
        """Forget the current credential so the next ``fresh`` is False."""

    def apply(self, request: Request, project_id: str | None) -> Request:
        """A copy of ``request`` carrying authentication headers."""
        raise NotImplementedError

    def secrets(self) -> list[str]:
        """Secret values to scrub from any upstream message."""
        return []


class AkSkAuth(Auth):
    """SDK-HMAC-SHA256 signing with a fixed key pair (config, environment)."""

    def __init__(self, keys: AkSk) -> None:
        super().__init__()
        self.keys = keys

    def current(self) -> AkSk:
        """The key pair to sign with now."""
        return self.keys

    def apply(self, request: Request, project_id: str | None) -> Request:
        keys = self.current()
        headers = {"Content-Type": JSON, **request.headers}
        if project_id:
            headers["X-Project-Id"] = project_id
        signed = sign_request(
            request.method,
            request.host,
            request.path,
            request.query,
            headers,
            request.body,
            keys.access_key,
            keys.secret_key,
            security_token=keys.security_token,
        )
        return replace(request, headers=signed)

    def secrets(self) -> list[str]:
        keys = self.current()
        return [s for s in (keys.secret_key, keys.security_token) if s]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.keys!r})"


class NotebookAuth(AkSkAuth):
    """Keys read from the notebook's legacy ``modelarts.session.Session`` at each use.

    Re-reading lets the legacy SDK rotate its temporary keys behind our back.
    """

    def __init__(self, session: Any) -> None:
        super().__init__(read_session_keys(session))
        self.session = session

    def current(self) -> AkSk:
        keys = read_session_keys(self.session)
        if keys.access_key and keys.secret_key:
            self.keys = keys
        return self.keys


def read_session_keys(session: Any) -> AkSk:
    """The key pair a legacy Session object exposes (missing attributes become empty)."""
    return AkSk(
        access_key=str(getattr(session, "access_key", "") or ""),
        secret_key=str(getattr(session, "secret_key", "") or ""),
        security_token=getattr(session, "security_token", None) or None,
    )


def _renew_due(expires_at: float | None, issued_at: float, margin: float) -> bool:
    if expires_at is None:
        return False
    # Short-lived credentials would otherwise be renewed on every call.
    lead = min(margin, max(expires_at - issued_at, 0.0) / 2)
    return time.time() >= expires_at - lead


class MetadataAuth(AkSkAuth):
    """Temporary keys from the instance metadata service, renewed before they expire."""

    renew_on_401 = True

    def __init__(self, base_url: str, connect_timeout: float, read_timeout: float) -> None:
        super().__init__(AkSk("", ""))
        self.base_url = base_url
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.issued_at = 0.0

    def fresh(self, margin: float) -> bool:
        if not self.keys.access_key:
            return False
        return not _renew_due(self.keys.expires_at, self.issued_at, margin)

    def invalidate(self) -> None:
        self.keys = AkSk("", "")

    def renew(self) -> Exchange:
        self.keys = yield from fetch_metadata_keys(
            self.base_url, self.connect_timeout, self.read_timeout
        )
        self.issued_at = time.time()
        self.generation += 1


def fetch_metadata_keys(base_url: str, connect_timeout: float, read_timeout: float) -> Exchange:
    """PUT the session token, then GET ``/openstack/latest/securitykey`` with it."""
    timeouts = {"connect_timeout": connect_timeout, "read_timeout": read_timeout}
    token_request = Request(
        "PUT",
        base_url,
        "/meta-data/latest/api/token",
        headers={"X-Metadata-Token-Ttl-Seconds": "21600"},
        **timeouts,
    )
    response = yield token_request
    headers = {}
    if response.status < 300 and response.body.strip():
        headers["X-Metadata-Token"] = response.body.decode("utf-8", "replace").strip()
    # Without a session token (an older metadata service) the GET is tried bare.
    response = yield Request(
        "GET", base_url, "/openstack/latest/securitykey", headers=headers, **timeouts
    )
    if response.status >= 300:
        raise UpstreamError(
            f"metadata service answered HTTP {response.status} for securitykey",
            http_status=response.status,
        )
    try:
        credential = json.loads(response.body.decode("utf-8"))["credential"]
        keys = AkSk(
            access_key=str(credential["access"]),
            secret_key=str(credential["secret"]),
            security_token=credential.get("securitytoken") or None,
            expires_at=parse_expiry(credential.get("expires_at")),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        raise UpstreamError(
            "metadata service sent a securitykey body without a credential"
        ) from None
    return keys


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
        self.timeouts = {"connect_timeout": connect_timeout, "read_timeout": read_timeout}
        self.token: IamToken | None = None

    def fresh(self, margin: float) -> bool:
        if self.token is None:
            return False
        if self.token.expires_at is None:
            return True
        return not _renew_due(self.token.expires_at, self.token.issued_at, margin)

    def invalidate(self) -> None:
        self.token = None

    def renew(self) -> Exchange:
        if self.scope_project_id:
            scope = {"project": {"id": self.scope_project_id}}
        elif self.scope_project_name:
            scope = {"project": {"name": self.scope_project_name}}
        else:
            raise AuthError(
                "IAM login needs a project id or a region to scope the token to",
                error_code="ModelArts.0212",
            )
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": self.username,
                            "password": self._password,
                            "domain": {"name": self.domain},
                        },
                    },
                },
                "scope": scope,
            }
        }
        request = Request(
            "POST",
            self.iam_url,
            "/v3/auth/tokens",
            headers={"Content-Type": "application/json;charset=utf8"},
            body=json.dumps(body).encode("utf-8"),
            **self.timeouts,
        )
        response = yield request
        self.token = parse_token_response(response)
        self.project_id = self.token.project_id or self.project_id
        self.generation += 1

    def apply(self, request: Request, project_id: str | None) -> Request:
        if self.token is None:
            raise AuthError("no IAM token (login did not happen)")
        headers = {"Content-Type": JSON, **request.headers, "X-Auth-Token": self.token.token}
        return replace(request, headers=headers)

    def secrets(self) -> list[str]:
        return [s for s in (self._password, self.token.token if self.token else None) if s]

    def __repr__(self) -> str:
        return f"PasswordAuth(username={self.username!r}, domain={self.domain!r}, password=***)"


def parse_token_response(response: Response) -> IamToken:
    """The token from ``X-Subject-Token`` and its expiry/project from the body."""
    from .api import error_from_response  # api imports models only; avoids a cycle at import

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
