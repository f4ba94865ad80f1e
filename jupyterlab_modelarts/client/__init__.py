"""ModelArts v1 client core: models, errors, credential chain, sync and async clients.

See docs/architecture.md for the interface other modules code against.
"""

from .client import AsyncModelArtsClient, ModelArtsClient
from .config import CREDENTIAL_SOURCES, ClientConfig
from .errors import (
    AuthError,
    BadRequestError,
    ConfigurationError,
    ConnectionFailure,
    ForbiddenError,
    ModelArtsError,
    NoCredentialsError,
    NotFoundError,
    NotRunningError,
    PermissionDeniedError,
    ThrottledError,
    UpstreamError,
    UpstreamTimeoutError,
)
from .models import Job, JobList, JobVersion, VersionList
from .operations import SessionInfo
from .status import Status, StatusInfo, describe

__all__ = [
    "CREDENTIAL_SOURCES",
    "AsyncModelArtsClient",
    "AuthError",
    "BadRequestError",
    "ClientConfig",
    "ConfigurationError",
    "ConnectionFailure",
    "ForbiddenError",
    "Job",
    "JobList",
    "JobVersion",
    "ModelArtsClient",
    "ModelArtsError",
    "NoCredentialsError",
    "NotFoundError",
    "NotRunningError",
    "PermissionDeniedError",
    "SessionInfo",
    "Status",
    "StatusInfo",
    "ThrottledError",
    "UpstreamError",
    "UpstreamTimeoutError",
    "VersionList",
    "describe",
]
