"""Issue 12 item 11: the emulator's admin API takes JSON from loopback names only.

A web page cannot drive it: a cross-site ``text/plain`` POST (no preflight) is
refused with 415, and a request whose ``Host`` is not a loopback name (a DNS
rebinding page) with 403; neither changes anything. The demo prints its URL.
"""

from __future__ import annotations

import http.client

import pytest

from .server_process import ServerProcess


def _send(emulator, method: str, path: str, host: str, content_type: str | None, body: bytes):
    conn = http.client.HTTPConnection(emulator.host, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True)
        conn.putheader("Host", host)
        if content_type:
            conn.putheader("Content-Type", content_type)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


@pytest.mark.parametrize("content_type", ["text/plain", None, "application/x-www-form-urlencoded"])
def test_a_change_not_declared_json_is_refused(emulator, content_type):
    emulator.set_fault("list_jobs", "error", status=500)
    for path, body in [
        ("/_emulator/reset", b""),
        ("/_emulator/faults", b'{"route": "*", "kind": "drop"}'),
        ("/_emulator/expire", b"{}"),
    ]:
        status, _ = _send(emulator, "POST", path, emulator.host, content_type, body)
        assert status == 415, (path, status)
    assert [f["kind"] for f in emulator.faults()] == ["error"]  # nothing changed


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8888", "127.0.0.1.nip.io"])
def test_a_foreign_host_is_refused(emulator, host):
    status, _ = _send(emulator, "GET", "/_emulator/config", host, None, b"")
    assert status == 403
    status, _ = _send(emulator, "POST", "/_emulator/reset", host, "application/json", b"{}")
    assert status == 403


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST"])
def test_json_from_loopback_names_works(emulator, host):
    port = emulator.host.rsplit(":", 1)[1]
    status, body = _send(emulator, "GET", "/_emulator/config", f"{host}:{port}", None, b"")
    assert status == 200 and b"access_key" in body
    status, _ = _send(
        emulator, "POST", "/_emulator/reset", f"{host}:{port}", "application/json", b""
    )
    assert status == 200


def test_the_demo_prints_its_admin_url(_emulator_session, tmp_path):
    traits = {"emulate": True}
    server = ServerProcess(tmp_path, traits, log_level="INFO")
    try:
        server.wait_ready()
    finally:
        server.stop()
    lines = [line for line in server.log_text().splitlines() if "emulating ModelArts at" in line]
    assert len(lines) == 1 and "admin API: http://127.0.0.1:" in lines[0], lines
    assert lines[0].rstrip().endswith("/_emulator/)")
