"""Every upstream/network fault through the extension: the documented status, never a 500.

Each case installs one emulator fault (or points the extension at a closed
port), asks for a job's versions through the real Jupyter server, and checks
the README's contract (502 failed/refused, 503 throttled with Retry-After,
504 timeout), that no traceback leaks into the body or the log, and that the
server then still answers Jupyter's own API and a healthy ModelArts call.
"""

from __future__ import annotations

import socket

import pytest
from support import TRACEBACK_MARKERS, assert_error_body

from jupyterlab_modelarts.emulator.demo import BERT_JOB, MNIST_JOB

JOB = str(MNIST_JOB)


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _still_serving(api, jupyter_status, emulator) -> None:
    """Jupyter's own API and a fault-free ModelArts call both still work."""
    emulator.clear_faults()
    assert await jupyter_status() == 200
    healthy = await api("training-jobs", str(BERT_JOB), "versions")
    assert healthy.code == 200, healthy.text
    assert healthy.body["versions"], healthy.body


def _assert_clean_log(server_log) -> None:
    """Mapped failures are logged without a stack trace and never as unexpected."""
    text = server_log.text()
    assert not any(r.exc_info for r in server_log.records if r.levelname != "DEBUG"), text
    assert "unexpected error" not in text
    assert not any(marker in text for marker in TRACEBACK_MARKERS), text


FAULTS = [
    # (fault on list_versions, HTTP status, error_code or None)
    ({"kind": "error", "status": 500}, 502, "ModelArts.0010"),
    ({"kind": "error", "status": 502, "error_code": "APIGW.0201"}, 502, "APIGW.0201"),
    ({"kind": "error", "status": 503, "error_code": "APIGW.0205"}, 502, "APIGW.0205"),
    ({"kind": "throttle", "retry_after": 0.2}, 503, None),
    ({"kind": "malformed_json"}, 502, None),
    ({"kind": "non_json", "status": 200, "body": "<html>maintenance</html>"}, 502, None),
    ({"kind": "non_json", "status": 502, "body": "Bad Gateway"}, 502, None),
    ({"kind": "truncated_json"}, 502, None),
    ({"kind": "drop"}, 502, None),
]
IDS = ["500", "502", "503", "429", "malformed", "html-200", "text-502", "truncated", "dropped"]


@pytest.mark.parametrize(("fault", "status", "error_code"), FAULTS, ids=IDS)
async def test_fault_gives_documented_status(
    api, jupyter_status, emulator, server_log, fault, status, error_code
):
    emulator.set_fault("list_versions", **fault)
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, status, error_code)
    if status == 503:
        assert int(reply.headers["Retry-After"]) >= 1
    # GETs are retried a bounded number of times, never forever.
    assert 1 <= emulator.count("list_versions") <= 3
    _assert_clean_log(server_log)
    await _still_serving(api, jupyter_status, emulator)


@pytest.mark.modelarts(connect_timeout=0.3, request_timeout=0.3)
async def test_upstream_timeout_is_504(api, jupyter_status, emulator, server_log):
    emulator.set_fault("list_versions", "latency", latency=1.0)
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, 504, "ModelArts.0012")
    _assert_clean_log(server_log)
    emulator.clear_faults()
    assert await jupyter_status() == 200


@pytest.mark.modelarts(endpoint=f"http://127.0.0.1:{_closed_port()}", connect_timeout=0.5)
async def test_refused_connection_is_502(api, jupyter_status, server_log):
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, 502, "ModelArts.0013")
    _assert_clean_log(server_log)
    assert await jupyter_status() == 200
