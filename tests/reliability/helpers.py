"""Small helpers of the reliability suite (no fixtures here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

PREFIX = "jupyterlab-modelarts"

#: What a Python traceback looks like in a body or a log line.
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/')


@dataclass
class Reply:
    """One answer of the extension: status, parsed JSON body (or raw text), headers, raw text."""

    code: int
    body: Any
    headers: Any
    text: str = ""


def assert_documented_error(reply: Reply, code: int, error_code: str | None = None) -> None:
    """The README's error contract: this status, the ModelArts error shape, no traceback."""
    assert reply.code == code, (reply.code, reply.text)
    assert reply.code != 500, reply.text
    assert isinstance(reply.body, dict), reply.text
    body = reply.body
    assert body["is_success"] is False, body
    assert {"error_code", "error_msg", "message"} <= set(body), body
    assert body["message"], body
    assert not any(marker in reply.text for marker in TRACEBACK_MARKERS), reply.text
    assert reply.headers.get("Content-Type", "").startswith("application/json"), reply.headers
    if error_code is not None:
        assert body["error_code"] == error_code, body


def dump(value: Any) -> str:
    """JSON text of anything (headers objects become dicts first)."""
    if hasattr(value, "get_all"):
        value = [list(pair) for pair in value.get_all()]
    return json.dumps(value, default=str)
