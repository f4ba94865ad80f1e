"""Error bodies the way ModelArts and its API gateway write them."""

from __future__ import annotations

from typing import Any, Optional

APIG_AUTH = "APIGW.0301"
APIG_AUTH_PREFIX = "Incorrect IAM authentication information"

SIGNATURE_FAIL = "verify aksk signature fail"
TOKEN_DECRYPT_FAIL = "decrypt token fail"  # noqa: S105 (a message)
TOKEN_NOT_FOUND = "x-auth-token not found"  # noqa: S105 (a message)
AK_NOT_EXIST = "Get secretKey failed,ak:******,err:ak not exist"


class ApiError(Exception):
    """A complete error answer: HTTP status, JSON body and extra headers."""

    def __init__(
        self, status: int, body: dict[str, Any], headers: Optional[dict[str, str]] = None
    ) -> None:
        super().__init__(body.get("error_msg") or body.get("error_code"))
        self.status = status
        self.body = body
        self.headers = headers or {}


def modelarts_error(status: int, code: str, message: str) -> ApiError:
    """``is_success: false`` with both message keys (docs use both spellings)."""
    return ApiError(
        status,
        {"is_success": False, "error_code": code, "error_msg": message, "error_message": message},
    )


def auth_error(reason: str) -> ApiError:
    """APIGW.0301 (401); the gateway fills ``request_id`` when it answers."""
    return ApiError(401, {"error_code": APIG_AUTH, "error_msg": f"{APIG_AUTH_PREFIX}: {reason}"})


def token_expired(expires_at: str) -> ApiError:
    """APIGW.0301 for a token (or temporary credential) past its expiry."""
    return auth_error(f"token expires, expires_at: {expires_at}")


def project_mismatch() -> ApiError:
    """403 ModelArts.0210: the URL's project is not the caller's."""
    return modelarts_error(
        403, "ModelArts.0210", "The project id in the request URL does not match the token."
    )


def not_found(status: int, what: str) -> ApiError:
    """ModelArts.0102: unknown job or version (HTTP code configurable)."""
    return modelarts_error(status, "ModelArts.0102", f"The resource does not exist: {what}")


def bad_parameter(status: int, message: str) -> ApiError:
    """ModelArts.0104: an invalid query parameter."""
    return modelarts_error(status, "ModelArts.0104", f"Parameter error. {message}")


def api_not_found() -> ApiError:
    """APIGW.0101 for a path no API is published on."""
    return ApiError(
        404,
        {
            "error_code": "APIGW.0101",
            "error_msg": "The API does not exist or has not been published in the environment",
        },
    )


def v2_error(status: int, code: str, message: str, solution: str) -> ApiError:
    """A new-version training API error: ``error_code``, ``error_msg``, ``error_solution``."""
    return ApiError(status, {"error_code": code, "error_msg": message, "error_solution": solution})


def v2_job_not_found(job_id: str) -> ApiError:
    """400 ModelArts.2775: an unknown v2 job (the API answers 400, not 404)."""
    return v2_error(
        400,
        "ModelArts.2775",
        f"Training job (ID: {job_id}) not found.",
        "Check whether the training job information in the request is valid.",
    )


def v2_bad_param(code: str, message: str) -> ApiError:
    """A 400 of the v2 search, actions or log routes (2787, 2788, 2790, 2807-2816)."""
    return v2_error(400, code, message, "Check whether the request parameters are valid.")
