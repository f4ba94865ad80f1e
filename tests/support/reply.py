"""The reply helper behind the ``api`` fixture: one call to the extension's routes."""

from __future__ import annotations

import json
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Callable

#: The extension's routes, relative to the server's base_url.
PREFIX = "jupyterlab-modelarts"


@dataclass
class Reply:
    """One answer of the extension: status, parsed JSON body (or raw text), headers, raw text."""

    code: int
    body: Any
    headers: Any
    text: str = ""


def api_caller(jp_fetch: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Reply]]:
    """``await api("training-jobs", "182626", "versions", method=..., params=...)`` -> Reply.

    Never raises on an HTTP error status, so tests assert on the code and body;
    a body that is not JSON is kept as text so the assertion shows what came back.
    """

    async def call(*parts: str, method: str = "GET", **kwargs: Any) -> Reply:
        if method in ("POST", "PUT"):
            kwargs.setdefault("body", b"")
        answer = await jp_fetch(PREFIX, *parts, method=method, raise_error=False, **kwargs)
        text = answer.body.decode() if answer.body else ""
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = text
        return Reply(answer.code, body, answer.headers, text)

    return call


def version_parts(job_id: object, version_id: object, *rest: str) -> tuple[str, ...]:
    """The route parts of one version (``rest``: e.g. ``"stop"``), for ``api(*parts)``."""
    return ("training-jobs", str(job_id), "versions", str(version_id), *rest)
