"""Small helpers shared by the server tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class Reply:
    """One answer of the extension: status, parsed JSON body, headers."""

    code: int
    body: Any
    headers: Any


def assert_error_body(reply: Reply, code: int, error_code: str | None = None) -> None:
    """The documented error shape, the given status (and error code), no traceback."""
    assert reply.code == code, (reply.code, reply.body)
    body = reply.body
    assert body["is_success"] is False
    assert {"error_code", "error_msg", "message"} <= set(body), body
    assert "traceback" not in json.dumps(body).lower()
    if error_code is not None:
        assert body["error_code"] == error_code, body
