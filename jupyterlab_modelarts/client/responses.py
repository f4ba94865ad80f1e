"""Reading upstream answers: JSON bodies and the typed error of a failed response.

Shared by every API module (``api_v1``) and the IAM login: ModelArts, the API
gateway and IAM each shape their error bodies a little differently, and this
is the one place that knows all the shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import ModelArtsError, UpstreamError, make_error
from .http import Response, clamp_retry_after, parse_retry_after
from .json_strict import loads_strict

#: A decoded JSON object as ModelArts sent it (values keep whatever JSON type they had).
JsonObject = dict[str, Any]

#: What a person reads when a body has not the documented shape.
UNEXPECTED = "ModelArts sent an unexpected answer"


def decode_json(response: Response, what: str) -> object:
    """The JSON body, or UpstreamError saying plainly what was wrong with it."""
    request_id = response.header("x-request-id")
    if not response.body.strip():
        raise UpstreamError(
            f"ModelArts sent an empty body for {what} (HTTP {response.status})",
            http_status=response.status,
            request_id=request_id,
        )
    try:
        decoded = loads_strict(response.body)
    except ValueError:
        ctype = response.header("content-type") or "no content type"
        raise UpstreamError(
            f"ModelArts sent a body that is not valid JSON for {what} "
            f"(HTTP {response.status}, {ctype}, {len(response.body)} bytes; truncated or not JSON)",
            http_status=response.status,
            request_id=request_id,
        ) from None
    return decoded


def _error_body(response: Response) -> Mapping[str, Any]:
    """The error body as a mapping (empty when absent or not a JSON object)."""
    body: object = None
    if response.body.strip():
        try:
            body = loads_strict(response.body)
        except ValueError:
            body = None
    if not isinstance(body, Mapping):
        return {}
    error = body.get("error")
    if isinstance(error, Mapping):  # IAM's {"error": {"code", "message"}} shape
        return {**error, "request_id": body.get("request_id")}
    return body


def error_from_response(
    response: Response, what: str, kind: type[ModelArtsError] | None = None
) -> ModelArtsError:
    """The typed error for a failed response (HTTP >= 400 or ``is_success: false``).

    ``kind`` forces the class (IAM login failures are all authentication errors).
    """
    body = _error_body(response)
    code = body.get("error_code") or body.get("errorCode") or body.get("code")
    if not isinstance(code, str):  # IAM repeats the HTTP status as a number: not an error code
        code = None
    message = (
        body.get("error_msg")
        or body.get("error_message")
        or body.get("errorMsg")
        or body.get("message")
    )
    if not message:
        message = f"ModelArts answered HTTP {response.status} to {what}"
    request_id = response.header("x-request-id") or body.get("request_id")
    return make_error(
        str(message),
        http_status=response.status,
        error_code=code or None,
        request_id=str(request_id) if request_id else None,
        retry_after=clamp_retry_after(parse_retry_after(response.header("retry-after"))),
        kind=kind,
    )


def parse_success(response: Response, what: str) -> JsonObject:
    """The body of a successful call; raises the typed error otherwise."""
    if response.status >= 400:
        raise error_from_response(response, what)
    body = decode_json(response, what)
    if not isinstance(body, dict):
        raise UpstreamError(
            f"ModelArts sent {type(body).__name__} instead of an object for {what}",
            http_status=response.status,
            request_id=response.header("x-request-id"),
        )
    if body.get("is_success") is False:
        raise error_from_response(response, what)
    return body


def _count_like(value: object) -> bool:
    """An integer as ModelArts may write it (integer, integral number, digits) or null."""
    if value is None:
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, str) and value.strip().lstrip("-").isdigit()


def require_shape(
    body: JsonObject,
    response: Response,
    what: str,
    *,
    lists: tuple[str, ...] = (),
    integers: tuple[str, ...] = (),
) -> JsonObject:
    """``body`` if it has the documented shape, else UpstreamError "unexpected answer".

    ``lists`` must be present and be lists of objects; ``integers`` may be absent
    or null but, when present, must be integers. Unknown fields are not looked at.
    """
    wrong = [name for name in lists if not _list_of_objects(body.get(name))]
    wrong += [name for name in integers if not _count_like(body.get(name, 0))]
    if wrong:
        raise UpstreamError(
            f"{UNEXPECTED} for {what}: {', '.join(wrong)} not as documented",
            http_status=response.status,
            request_id=response.header("x-request-id"),
        )
    return body


def _list_of_objects(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
