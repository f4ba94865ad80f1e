"""The one place where an error becomes an HTTP status and an error body.

Every error body has the ModelArts shape ``{"is_success": false, "error_code",
"error_msg", "message"}`` (plus ``request_id``, ``sources_tried`` where they
apply) and never a traceback or a secret. Upstream authentication failures
answer 502, never 401/403: the browser would read those as its own Jupyter
session expiring.
"""

from __future__ import annotations

from http.client import responses
from typing import Optional

import tornado.web

from .client import errors
from .client.http import MIN_RETRY_AFTER, clamp_retry_after
from .contract import JsonObject, tried_sources

#: Exception class -> (HTTP status, what to tell a person; None: the error's own message).
#: First isinstance match wins, so subclasses come before their bases.
ERROR_TABLE: tuple[tuple[type[errors.ModelArtsError], int, Optional[str]], ...] = (
    (errors.SettingsError, 503, None),
    (errors.NotTerminableError, 409, "The training job is not running, so it was not stopped."),
    (errors.NotRunningError, 409, "The version is not running, so it was not stopped."),
    (errors.NoCredentialsError, 502, "The Jupyter server found no ModelArts credentials."),
    (errors.ConfigurationError, 502, "The Jupyter server's ModelArts configuration cannot work."),
    (errors.BadRequestError, 400, "The request has an invalid parameter."),
    (errors.NotFoundError, 404, "No such training job or version."),
    (errors.ForbiddenError, 409, "ModelArts refused the operation in the version's current state."),
    (errors.PermissionDeniedError, 502, "ModelArts does not allow the server's credentials this."),
    (errors.AuthError, 502, "ModelArts refused the Jupyter server's credentials."),
    (errors.ThrottledError, 503, "ModelArts is throttling requests; retry later."),
    (errors.UpstreamTimeoutError, 504, "ModelArts did not answer in time."),
    (errors.ConnectionFailure, 502, "ModelArts could not be reached."),
    (errors.ApiRetiredError, 404, "This region does not serve old-version (v1) training jobs."),
    (errors.UpstreamError, 502, "ModelArts answered with an error."),
    (errors.ModelArtsError, 502, "The call to ModelArts failed."),
)


def http_error(err: BaseException) -> tuple[int, JsonObject, dict[str, str]]:
    """Map any exception to (HTTP status, error body, extra headers)."""
    if isinstance(err, tornado.web.HTTPError):
        # Jupyter's own refusals (403 unauthenticated/XSRF, 404 ...): same body shape.
        reason = err.log_message or err.reason or responses.get(err.status_code, "Error")
        return err.status_code, _body(f"Jupyter.{err.status_code}", reason, reason), {}
    if not isinstance(err, errors.ModelArtsError):
        return 500, _body("ModelArts.0010", "Internal error.", "Internal server error."), {}
    status, message = next((s, m) for cls, s, m in ERROR_TABLE if isinstance(err, cls))
    body = _body(err.error_code, err.message, message or err.message)
    headers: dict[str, str] = {}
    if err.request_id:
        body["request_id"] = err.request_id
    if isinstance(err, errors.NoCredentialsError):
        body["sources_tried"] = tried_sources(err)
    if isinstance(err, errors.ThrottledError):
        # Whatever ModelArts said, we pass on whole seconds within [1, 120].
        headers["Retry-After"] = str(clamp_retry_after(err.retry_after) or MIN_RETRY_AFTER)
    return status, body, headers


def _body(code: str, error_msg: Optional[str], message: Optional[str]) -> JsonObject:
    return {"is_success": False, "error_code": code, "error_msg": error_msg, "message": message}
