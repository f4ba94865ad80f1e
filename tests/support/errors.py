"""The one assertion on an error answer of the extension's routes."""

from __future__ import annotations

from .reply import Reply

#: What a Python traceback looks like in a body or a log line.
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/')


def assert_error_body(reply: Reply, code: int, error_code: str | None = None) -> None:
    """The documented error contract: this status, the ModelArts error shape, no traceback."""
    assert reply.code == code, (reply.code, reply.text)
    assert isinstance(reply.body, dict), reply.text
    body = reply.body
    assert body["is_success"] is False, body
    assert {"error_code", "error_msg", "message"} <= set(body), body
    assert body["message"], body
    assert "traceback" not in reply.text.lower(), reply.text
    assert not any(marker in reply.text for marker in TRACEBACK_MARKERS), reply.text
    assert reply.headers.get("Content-Type", "").startswith("application/json"), reply.headers
    if error_code is not None:
        assert body["error_code"] == error_code, body
