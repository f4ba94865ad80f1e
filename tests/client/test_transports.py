"""Transport failure modes that need a misbehaving server: a tiny raw-socket one on loopback.

The emulator answers with well-formed HTTP (or drops before answering); these
servers send a body shorter than its Content-Length, or reset mid-headers,
which is the real truncation a proxy can cause. Still real sockets, no mocks.
"""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest

from jupyterlab_modelarts.client import ClientConfig, ConnectionFailure, UpstreamError
from jupyterlab_modelarts.client.http import Attempt, Request, TransportSettings
from jupyterlab_modelarts.client.transport_async import TornadoTransport
from jupyterlab_modelarts.client.transport_sync import RequestsTransport


class RawServer:
    """Answers every connection with ``reply`` bytes after reading the request head."""

    def __init__(self, reply: bytes) -> None:
        self.reply = reply
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(self.reply)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw_server():
    servers: list[RawServer] = []

    def start(reply: bytes) -> RawServer:
        server = RawServer(reply)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def config_for(url: str, **overrides) -> ClientConfig:
    values = {
        "endpoint": url,
        "region": "r",
        "project_id": "p",
        "access_key": "AKRAW",
        "secret_key": "SKRAWSECRET",
        "credential_sources": ["config"],
        "backoff_base": 0.01,
        "backoff_cap": 0.02,
        "read_timeout": 5.0,
    }
    values.update(overrides)
    return ClientConfig(**values)


def test_body_shorter_than_content_length_is_a_truncated_upstream_error(raw_server, call):
    server = raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n"
        b'Connection: close\r\n\r\n{"is_success": true, "versions": ['
    )
    with pytest.raises(UpstreamError) as caught:
        call(config_for(server.url), "get_version", 1, 2)
    message = str(caught.value)
    assert "truncated" in message and "GET /v1/p/training-jobs/1/versions/2" in message
    assert "SKRAWSECRET" not in message and "Traceback" not in message


def test_connection_closed_without_an_answer_is_a_connection_failure(raw_server, call):
    server = raw_server(b"")  # read the request, then hang up
    with pytest.raises(ConnectionFailure):
        call(config_for(server.url, max_retries=2), "list_jobs")
    assert server.connections == 3  # a GET is retried on connection errors


def test_stop_is_not_resent_after_a_hang_up(raw_server, call):
    server = raw_server(b"")
    with pytest.raises(ConnectionFailure):
        call(config_for(server.url, max_retries=5), "stop_version", 1, 2)
    assert server.connections == 1


def test_non_json_error_body_keeps_status_and_request_id(raw_server, call):
    server = raw_server(
        b"HTTP/1.1 504 Gateway Time-out\r\nContent-Type: text/html\r\nX-Request-Id: rid-42\r\n"
        b"Content-Length: 13\r\nConnection: close\r\n\r\n<html>x</html"
    )
    with pytest.raises(UpstreamError) as caught:
        call(config_for(server.url, max_retries=1), "list_jobs")
    assert caught.value.http_status == 504 and caught.value.request_id == "rid-42"
    assert server.connections == 2


GATEWAY_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
)


def test_each_transport_sends_a_request_once(raw_server):
    # Retries are steps of the exchange now: a transport hands back the 503 it got.
    server = raw_server(GATEWAY_BUSY)
    request = Request("GET", server.url, "/v1/p/training-jobs", retryable=True)
    transport = RequestsTransport()
    try:
        assert transport.send(request).status == 503
    finally:
        transport.close()

    async def send_async() -> int:
        client = TornadoTransport()
        try:
            return (await client.send(request)).status
        finally:
            client.close()

    assert asyncio.run(send_async()) == 503
    assert server.connections == 2


def test_transport_failures_say_whether_a_retry_is_safe(closed_url):
    request = Request("GET", closed_url, "/v1/p/training-jobs", retryable=True)
    transport = RequestsTransport(TransportSettings(connect_timeout=2.0))
    try:
        with pytest.raises(ConnectionFailure) as caught:
            transport.send(request)
    finally:
        transport.close()
    assert caught.value.retry_safe is True  # refused: nothing reached the server
    attempt = Attempt(request, TransportSettings())
    assert attempt.connect_timed_out().retry_safe is True
    assert attempt.read_timed_out().retry_safe is False  # it may have taken effect
    assert attempt.truncated().retry_safe is False
    assert UpstreamError("x").retry_safe is False
