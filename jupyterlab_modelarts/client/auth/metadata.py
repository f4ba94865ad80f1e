"""The ``metadata service`` source: temporary keys from the instance metadata service.

The only source that needs the network to know whether it applies, so it is
an exchange: an unreachable or empty metadata service means "not here".
"""

from __future__ import annotations

import json
import time

from ..config import ClientConfig
from ..errors import ModelArtsError, UpstreamError
from ..exchange import Exchange, send
from ..http import Request
from .base import Identity, Unavailable, parse_expiry, renew_due
from .keys import AkSk, AkSkAuth

#: The session token's lifetime asked of the metadata service (its documented maximum).
SESSION_LIFETIME_SECONDS = "21600"
#: Seconds to read the metadata service's answer at least (the connect budget may be tiny).
MIN_METADATA_READ_TIMEOUT = 5.0


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
        """True while keys are held and not yet due for renewal."""
        if not self.keys.access_key:
            return False
        return not renew_due(self.keys.expires_at, self.issued_at, margin)

    def invalidate(self) -> None:
        """Drop the keys (the gateway refused them)."""
        self.keys = AkSk("", "")

    def renew(self) -> Exchange[None]:
        """Fetch a new key pair from the metadata service."""
        self.keys = yield from fetch_metadata_keys(
            self.base_url, self.connect_timeout, self.read_timeout
        )
        self.issued_at = time.time()
        self.generation += 1


def fetch_metadata_keys(
    base_url: str, connect_timeout: float, read_timeout: float
) -> Exchange[AkSk]:
    """PUT the session token, then GET ``/openstack/latest/securitykey`` with it."""
    response = yield from send(
        Request(
            "PUT",
            base_url,
            "/meta-data/latest/api/token",
            headers={"X-Metadata-Token-Ttl-Seconds": SESSION_LIFETIME_SECONDS},
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
    )
    headers = {}
    if response.status < 300 and response.body.strip():
        headers["X-Metadata-Token"] = response.body.decode("utf-8", "replace").strip()
    # Without a session token (an older metadata service) the GET is tried bare.
    response = yield from send(
        Request(
            "GET",
            base_url,
            "/openstack/latest/securitykey",
            headers=headers,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
    )
    if response.status >= 300:
        raise UpstreamError(
            f"metadata service answered HTTP {response.status} for securitykey",
            http_status=response.status,
        )
    try:
        credential = json.loads(response.body.decode("utf-8"))["credential"]
        return AkSk(
            access_key=str(credential["access"]),
            secret_key=str(credential["secret"]),
            security_token=credential.get("securitytoken") or None,
            expires_at=parse_expiry(credential.get("expires_at")),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        raise UpstreamError(
            "metadata service sent a securitykey body without a credential"
        ) from None


def from_metadata(config: ClientConfig) -> Exchange[Identity]:
    """Temporary keys from the metadata service; unreachable means 'not here' (fast)."""
    auth = MetadataAuth(
        config.metadata_url(),
        config.metadata_timeout,
        max(config.metadata_timeout, MIN_METADATA_READ_TIMEOUT),
    )
    try:
        yield from auth.renew()
    except ModelArtsError as exc:
        raise Unavailable(f"{config.metadata_url()} gave no credentials ({exc.message})") from None
    return Identity("metadata service", auth, config.region, config.project_id)
