"""Credentials: how each source is found, how it authenticates a request, how it renews.

``base`` (the authenticator and the resolved identity), ``keys`` (AK/SK signing;
config and environment sources), ``notebook``, ``metadata``, ``iam`` (one source
each) and ``chain`` (the order they are tried in).
"""

from .base import Auth, Identity, Unavailable, env_project_id
from .chain import resolve
from .iam import IamToken, PasswordAuth
from .keys import AkSk, AkSkAuth
from .metadata import MetadataAuth
from .notebook import NotebookAuth

__all__ = [
    "AkSk",
    "AkSkAuth",
    "Auth",
    "IamToken",
    "Identity",
    "MetadataAuth",
    "NotebookAuth",
    "PasswordAuth",
    "Unavailable",
    "env_project_id",
    "resolve",
]
