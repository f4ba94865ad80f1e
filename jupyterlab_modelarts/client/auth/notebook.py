"""The ``notebook session`` source: keys of the legacy SDK's ``modelarts.session.Session()``.

Inside a ModelArts notebook the legacy SDK knows the notebook's temporary
keys; outside one the module is not importable and the source is skipped.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from ..config import ClientConfig
from .base import Identity, Unavailable
from .keys import AkSk, AkSkAuth


class NotebookAuth(AkSkAuth):
    """Keys read from the notebook's legacy ``modelarts.session.Session`` at each use.

    Re-reading lets the legacy SDK rotate its temporary keys behind our back.
    """

    def __init__(self, session: object) -> None:
        super().__init__(read_session_keys(session))
        self.session = session

    def current(self) -> AkSk:
        """The session's keys now (the last complete pair if it lost them)."""
        keys = read_session_keys(self.session)
        if keys.access_key and keys.secret_key:
            self.keys = keys
        return self.keys


def read_session_keys(session: object) -> AkSk:
    """The key pair a legacy Session object exposes (missing attributes become empty)."""
    return AkSk(
        access_key=str(getattr(session, "access_key", "") or ""),
        secret_key=str(getattr(session, "secret_key", "") or ""),
        security_token=getattr(session, "security_token", None) or None,
    )


def from_notebook_session(config: ClientConfig, env: Mapping[str, str]) -> Identity:
    """The legacy SDK's own ``modelarts.session.Session()`` (inside a ModelArts notebook)."""
    try:
        module = importlib.import_module("modelarts.session")
    except ImportError:
        raise Unavailable("modelarts.session is not importable") from None
    try:
        session = module.Session()
    except Exception as exc:  # the legacy SDK may fail in many ways; report only the type
        raise Unavailable(f"modelarts.session.Session() failed ({type(exc).__name__})") from None
    auth = NotebookAuth(session)
    if not (auth.keys.access_key and auth.keys.secret_key):
        raise Unavailable("modelarts.session.Session() has no access_key/secret_key")
    project = getattr(session, "project_id", None) or None
    region = getattr(session, "region_name", None) or None
    return Identity("notebook session", auth, region, project)
