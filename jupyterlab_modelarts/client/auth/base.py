"""What every credential source shares: the authenticator base and the resolved identity.

An :class:`Auth` signs or stamps a request; the ones that expire know how to
renew themselves as a sans-IO exchange (see :mod:`..exchange`). The chain
(:mod:`.chain`) returns an :class:`Identity`: which source won, its
authenticator and where it points.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import AuthError
from ..exchange import Exchange
from ..http import Request

#: Where the project id may come from in the environment, first match wins.
PROJECT_ENV = ("MODELARTS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "PROJECT_ID")


class Unavailable(Exception):
    """A source has nothing to offer; the message says why (never a secret)."""


class Auth(ABC):
    """Authenticates requests; subclasses whose credentials expire also renew them."""

    #: Renew and re-send once when the gateway answers 401.
    renew_on_401 = False

    def __init__(self) -> None:
        self.generation = 0  # bumped by every renewal, so racing 401s renew once
        self.project_id: str | None = None  # learned while authenticating (IAM token scope)

    def fresh(self, margin: float) -> bool:
        """True while usable without a renewal (``margin`` seconds before expiry)."""
        return True

    @property
    def detail(self) -> str | None:
        """Where the credential came from beyond the source's name (a path, never a secret)."""
        return None

    def valid(self) -> bool:
        """True while a credential is held and has not expired (it may be due for renewal)."""
        return self.fresh(0.0)

    def renew(self) -> Exchange[None]:
        """Fetch new credentials (a sans-IO exchange).

        Only called when :meth:`fresh` is False or after a 401 with
        ``renew_on_401``; credentials that never expire cannot be renewed.
        """
        raise AuthError(f"{type(self).__name__} credentials cannot be renewed")

    def invalidate(self) -> None:  # noqa: B027 - fixed credentials have nothing to forget
        """Forget the current credential so the next ``fresh`` is False."""

    @abstractmethod
    def apply(self, request: Request, project_id: str | None) -> Request:
        """A copy of ``request`` carrying authentication headers."""

    def secrets(self) -> list[str]:
        """Secret values to scrub from any upstream message."""
        return []


@dataclass
class Identity:
    """The winning source's name, its authenticator and where it points."""

    source: str
    auth: Auth
    region: str | None
    project_id: str | None

    def effective_project_id(self) -> str | None:
        """The project id, including one learned from an IAM token's scope."""
        return self.project_id or self.auth.project_id


def env_project_id(env: Mapping[str, str]) -> str | None:
    """Project id from MODELARTS_PROJECT_ID, else HUAWEICLOUD_SDK_PROJECT_ID, else PROJECT_ID."""
    return next((env[name] for name in PROJECT_ENV if env.get(name)), None)


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


def renew_due(expires_at: float | None, issued_at: float, margin: float) -> bool:
    """True once a credential issued at ``issued_at`` is within its renewal lead of expiry."""
    if expires_at is None:
        return False
    # Short-lived credentials would otherwise be renewed on every call.
    lead = min(margin, max(expires_at - issued_at, 0.0) / 2)
    return time.time() >= expires_at - lead
