"""What a person can do about the cloud's refusals, added to the error they see (issue 11).

Inside a notebook the identity is the notebook's *agency*: a refusal usually
means the agency lacks a permission, is not authorized, or the region has
retired the v1 training API. :func:`explain` keeps the error's class and code
(routes map those) and adds the remedy to its message.
"""

from __future__ import annotations

from .errors import ApiRetiredError, AuthError, ModelArtsError, PermissionDeniedError

#: The IAM actions of the calls (documented; not in the agency's basic permissions).
LIST_PERMISSION = "modelarts:trainJobVersion:list"
STOP_PERMISSION = "modelarts:trainJobVersion:stop"
JOB_LIST_PERMISSION = "modelarts:trainJob:list"

_PERMISSION = (
    "{message} The credentials (in a notebook: the notebook's agency) lack the permission "
    "{permission}. Grant it in IAM: add a custom policy with {permission} to the agency "
    "ModelArts uses (ModelArts console, Settings / global configuration shows it), or to "
    "the user; then retry."
)
_NOT_AUTHORIZED = (
    "{message} ModelArts is not authorized for this user: in the ModelArts console open "
    "Settings (global configuration) and add an agency authorization for the user, then "
    "restart the notebook."
)
_RETIRED = (
    "This region no longer serves old-version (v1) training jobs: the gateway does not "
    "publish the route (APIGW.0101). Huawei Cloud retired them on 2023-06-30; Open Telekom "
    "Cloud (cloud = otc) and ModelArts-based private clouds still serve them."
)


def explain(error: ModelArtsError, permission: str) -> ModelArtsError:
    """``error`` with the remedy added when it is one of the refusals above."""
    if isinstance(error, PermissionDeniedError) and error.error_code in (
        "ModelArts.0108",
        "ModelArts.0112",
    ):
        return _reworded(error, _PERMISSION.format(message=error.message, permission=permission))
    if isinstance(error, AuthError) and error.error_code == "ModelArts.0428":
        return _reworded(error, _NOT_AUTHORIZED.format(message=error.message))
    if error.http_status == 404 and error.error_code == "APIGW.0101":
        return ApiRetiredError(_RETIRED, http_status=404, request_id=error.request_id)
    return error


def _reworded(error: ModelArtsError, message: str) -> ModelArtsError:
    error.message = message
    error.args = (message,)
    return error
