"""One exception hierarchy for everything that can go wrong talking to ModelArts.

Each error carries what a person needs to act: the HTTP status ModelArts (or
the gateway) answered, ModelArts' own ``error_code``, its message, and the
request id to quote to support. None of them ever carries a credential.
"""

from __future__ import annotations

from collections.abc import Sequence


class ModelArtsError(Exception):
    """Base class: an upstream or client-side failure with ModelArts' details."""

    #: The ModelArts error code an error stands for when the upstream answer named none.
    default_code = "ModelArts.0010"

    def __init_subclass__(cls, *, code: str | None = None, **kwargs: object) -> None:
        """A subclass may name its default code: ``class X(ModelArtsError, code="...")``."""
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.default_code = code

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        error_code: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        retry_safe: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.error_code = error_code or self.default_code
        self.request_id = request_id
        #: Seconds the server asked to wait before trying again (its Retry-After), if it said.
        self.retry_after = retry_after
        #: True when nothing reached the server (refused, connect timeout), so an
        #: idempotent request may be sent again.
        self.retry_safe = retry_safe

    def to_dict(self) -> dict[str, object]:
        """The ModelArts-shaped error body (``is_success: false``)."""
        return {"is_success": False, "error_code": self.error_code, "error_msg": self.message}

    def __str__(self) -> str:
        parts = [self.message]
        if self.error_code:
            parts.insert(0, f"[{self.error_code}]")
        if self.request_id:
            parts.append(f"(request id {self.request_id})")
        return " ".join(parts)


class BadRequestError(ModelArtsError, code="ModelArts.0104"):
    """ModelArts rejected a parameter (ModelArts.0101/0104/0107)."""


class NotFoundError(ModelArtsError, code="ModelArts.0102"):
    """The job or version does not exist (ModelArts.0102)."""


class ForbiddenError(ModelArtsError, code="ModelArts.0105"):
    """Not allowed now, e.g. stopping a version that is not running (ModelArts.0105)."""


class NotRunningError(ForbiddenError, code="ModelArts.0105"):
    """A stop was asked for a version that is not running; no stop was sent."""


class NotTerminableError(NotRunningError, code="ModelArts.2796"):
    """A v2 terminate was asked for a job whose phase the action does not accept."""


class AuthError(ModelArtsError, code="APIGW.0301"):
    """The gateway or IAM refused the credentials (APIGW.0301, ModelArts.02xx)."""


class PermissionDeniedError(AuthError, code="ModelArts.0108"):
    """Valid credentials, not allowed this: ModelArts.0108/0112, APIGW.0302 or a bare 403."""


class ThrottledError(ModelArtsError, code="ModelArts.0114"):
    """Too many requests (HTTP 429 / ModelArts.0114); ``retry_after`` in seconds."""


class UpstreamError(ModelArtsError, code="ModelArts.0010"):
    """ModelArts answered with a server error or a body that is not the documented JSON."""


class UpstreamTimeoutError(ModelArtsError, code="ModelArts.0012"):
    """ModelArts did not answer in time (ModelArts.0012)."""


class ConnectionFailure(ModelArtsError, code="ModelArts.0013"):
    """ModelArts could not be reached at all (ModelArts.0013)."""


class NoCredentialsError(ModelArtsError, code="ModelArts.0201"):
    """No credential source yielded credentials; ``tried`` names each source and why.

    ``notebook``: whether the chain ran inside a ModelArts notebook (the advice differs).
    """

    def __init__(self, tried: Sequence[tuple[str, str]], *, notebook: bool = False) -> None:
        self.tried = list(tried)
        self.notebook = notebook
        reasons = "; ".join(f"{name}: {why}" for name, why in self.tried)
        super().__init__(f"No ModelArts credentials found. Tried {reasons}.")


class ConfigurationError(ModelArtsError, code="ModelArts.0101"):
    """The configuration cannot work (e.g. no region or project id)."""


class ApiRetiredError(UpstreamError, code="jupyterlab-modelarts.v1-retired"):
    """The gateway does not publish the v1 training routes here (404 APIGW.0101): the
    region no longer serves old-version training jobs. Our own code, not ModelArts'."""


class SettingsError(ConfigurationError, code="jupyterlab-modelarts.config"):
    """A setting of the extension is invalid; nothing is called until it is fixed."""


# ModelArts / API-Gateway error codes whose meaning decides the type, whatever the HTTP status.
_CODE_TYPES: dict[str, type[ModelArtsError]] = {
    "ModelArts.0101": BadRequestError,
    "ModelArts.0104": BadRequestError,
    "ModelArts.0107": BadRequestError,
    "ModelArts.0102": NotFoundError,
    "ModelArts.0015": NotFoundError,
    "ModelArts.0105": ForbiddenError,
    "ModelArts.0108": PermissionDeniedError,
    "ModelArts.0112": PermissionDeniedError,
    "APIGW.0302": PermissionDeniedError,
    "ModelArts.0114": ThrottledError,
    "ModelArts.2799": ThrottledError,
    "APIGW.0308": ThrottledError,
    "APIGW.0301": AuthError,
    "APIG.0301": AuthError,
    "ModelArts.0010": UpstreamError,
    # New-version (v2) training jobs: an unknown job is HTTP 400 upstream, but not found.
    "ModelArts.2775": NotFoundError,
    "ModelArts.2796": NotTerminableError,
    "ModelArts.2878": ForbiddenError,
}

_STATUS_TYPES: dict[int, type[ModelArtsError]] = {
    400: BadRequestError,
    401: AuthError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: ThrottledError,
}


def error_type_for(http_status: int | None, error_code: str | None) -> type[ModelArtsError]:
    """The exception class for an HTTP status and ModelArts ``error_code``.

    The error code wins (ModelArts often answers business errors with a generic
    status); ``ModelArts.02xx`` are all authentication failures.
    """
    if error_code in _CODE_TYPES:
        return _CODE_TYPES[error_code]
    if error_code and error_code.startswith("ModelArts.02"):
        return AuthError
    if http_status in _STATUS_TYPES:
        return _STATUS_TYPES[http_status]
    if http_status is not None and http_status >= 500:
        return UpstreamError
    return ModelArtsError


def make_error(
    message: str,
    *,
    http_status: int | None,
    error_code: str | None,
    request_id: str | None,
    retry_after: float | None = None,
    kind: type[ModelArtsError] | None = None,
) -> ModelArtsError:
    """Build the right subclass for an upstream failure (or ``kind`` when given)."""
    cls = kind or error_type_for(http_status, error_code)
    return cls(
        message,
        http_status=http_status,
        error_code=error_code,
        request_id=request_id,
        retry_after=retry_after,
    )
