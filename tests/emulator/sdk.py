"""Requests signed by huaweicloudsdkcore (a client nobody here wrote), sent with requests."""

from __future__ import annotations

from typing import Any, Optional

import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest


def signed_request(
    host: str,
    method: str,
    path: str,
    query: Optional[list[tuple[str, Any]]] = None,
    *,
    ak: str,
    sk: str,
    project_id: Optional[str] = None,
    security_token: Optional[str] = None,
    body: bytes = b"",
    headers: Optional[dict[str, str]] = None,
) -> SdkRequest:
    """Build and sign an SdkRequest exactly as the v3 SDK's clients do."""
    request = SdkRequest(
        method=method,
        schema="http",
        host=host,
        resource_path=path,
        query_params=list(query or []),
        header_params={"Content-Type": "application/json", **(headers or {})},
        body=body,
    )
    credentials = BasicCredentials(ak, sk, project_id)
    if security_token is not None:
        credentials.with_security_token(security_token)
    return credentials.sign_request(request)


def send(request: SdkRequest, **overrides: Any) -> requests.Response:
    """Send a signed SdkRequest; ``overrides`` may replace ``url`` or ``headers``."""
    url = overrides.pop("url", f"{request.schema}://{request.host}{request.uri}")
    headers = overrides.pop("headers", dict(request.header_params))
    return requests.request(
        request.method, url, headers=headers, data=request.body or None, timeout=10, **overrides
    )


def call(emulator, method: str, path: str, query=None, **kwargs: Any) -> requests.Response:
    """Sign with the emulator's permanent AK/SK (unless overridden) and send."""
    kwargs.setdefault("ak", emulator.config.access_key)
    kwargs.setdefault("sk", emulator.config.secret_key)
    return send(signed_request(emulator.host, method, path, query, **kwargs))


def v1(emulator, suffix: str = "") -> str:
    """``/v1/{project_id}/training-jobs`` + ``suffix``."""
    return f"/v1/{emulator.config.project_id}/training-jobs{suffix}"
