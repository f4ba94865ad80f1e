"""Access key pairs: SDK-HMAC-SHA256 signing, and the two sources that hand one over.

``config`` (access_key/secret_key given explicitly) and ``environment``
(HUAWEICLOUD_SDK_AK/SK[/SECURITY_TOKEN]) need no network: they are plain
functions returning an :class:`~.base.Identity` or raising
:class:`~.base.Unavailable`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..config import ClientConfig
from ..http import Request
from ..signer import sign_request
from .base import Auth, Identity, Unavailable, env_project_id

#: The Content-Type ModelArts calls carry (and the signer hashes the body of).
JSON_CONTENT_TYPE = "application/json"


@dataclass(repr=False)
class AkSk:
    """An access key pair, optionally temporary (security token + expiry)."""

    access_key: str
    secret_key: str
    security_token: str | None = None
    expires_at: float | None = None
    #: The user behind an agency's temporary keys (sent as ``X-ModelArts-User-ID``).
    user_id: str | None = None

    def __repr__(self) -> str:
        token = ", security_token=***" if self.security_token else ""
        return f"AkSk(access_key={_mask(self.access_key)}, secret_key=***{token})"


def _mask(access_key: str) -> str:
    return (access_key[:3] + "***") if len(access_key) > 6 else "***"


class AkSkAuth(Auth):
    """SDK-HMAC-SHA256 signing with a fixed key pair (config, environment)."""

    def __init__(self, keys: AkSk) -> None:
        super().__init__()
        self.keys = keys

    def current(self) -> AkSk:
        """The key pair to sign with now."""
        return self.keys

    def apply(self, request: Request, project_id: str | None) -> Request:
        """``request`` signed with the current key pair (and its security token)."""
        keys = self.current()
        headers = {"Content-Type": JSON_CONTENT_TYPE, **request.headers}
        if project_id:
            headers["X-Project-Id"] = project_id
        if keys.user_id:  # signed like every other header
            headers["X-ModelArts-User-ID"] = keys.user_id
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
        """The secret key and the security token."""
        keys = self.current()
        return [s for s in (keys.secret_key, keys.security_token) if s]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.keys!r})"


def _pair(kind: str, access_key: str | None, secret_key: str | None) -> bool:
    if access_key and secret_key:
        return True
    if access_key or secret_key:
        missing = "secret key" if access_key else "access key"
        raise Unavailable(f"{kind} has an access key pair without its {missing}")
    return False


def from_config(config: ClientConfig, env: Mapping[str, str]) -> Identity:
    """Explicit access_key/secret_key in the config."""
    if not _pair("config", config.access_key, config.secret_key):
        raise Unavailable("no access_key/secret_key set")
    keys = AkSk(config.access_key or "", config.secret_key or "", config.security_token or None)
    return Identity("config", AkSkAuth(keys), config.region, config.project_id)


def from_environment(config: ClientConfig, env: Mapping[str, str]) -> Identity:
    """HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN, project and region from the environment."""
    ak, sk = env.get("HUAWEICLOUD_SDK_AK"), env.get("HUAWEICLOUD_SDK_SK")
    if not _pair("the environment", ak, sk):
        raise Unavailable("HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK not set")
    keys = AkSk(ak or "", sk or "", env.get("HUAWEICLOUD_SDK_SECURITY_TOKEN") or None)
    return Identity("environment", AkSkAuth(keys), env.get("MODELARTS_REGION"), env_project_id(env))
