"""Issue 12 item 12: ``local_api`` masks its token, and every failure is a ``LocalAPIError``.

A server that is down, a route that answers an error, a page that is not JSON,
and an id the server would refuse (checked here first, by the same rule: no
request at all) all end as ``LocalAPIError``; nothing prints the token.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jupyterlab_modelarts.emulator.demo import MNIST_JOB
from jupyterlab_modelarts.localapi import LocalAPI, LocalAPIError, ServerRef

TOKEN = "jupyter-token-0123456789abcdef"


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


def test_the_token_is_never_shown():
    api = LocalAPI(ServerRef("http://127.0.0.1:8888/", TOKEN, "test"))
    shown = [repr(api), str(api), repr(api.server), str(api.server), repr(vars(api.server))]
    assert not [text for text in shown[:4] if TOKEN in text], shown
    assert "***" in repr(api.server)


def test_a_server_that_is_down_is_a_local_api_error():
    api = LocalAPI(ServerRef(_closed_port_url(), TOKEN, "test"), timeout=5)
    for call in (api.session, api.list_jobs, lambda: api.list_versions(MNIST_JOB)):
        with pytest.raises(LocalAPIError, match="did not answer") as caught:
            call()
        assert caught.value.status is None and TOKEN not in str(caught.value)


@pytest.mark.parametrize("bad", ["..", ".", "%2e%2e", "1/2", "424242\n", str(2**63), "-1"])
def test_an_id_the_server_refuses_is_refused_here_first(bad):
    api = LocalAPI(ServerRef(_closed_port_url(), TOKEN, "test"), timeout=5)
    for call in (
        lambda: api.list_versions(bad),
        lambda: api.get_version(MNIST_JOB, bad),
        lambda: api.stop_version(bad, 1),
    ):
        with pytest.raises(LocalAPIError) as caught:
            call()
        assert caught.value.status == 400 and caught.value.error_code == "ModelArts.0104"


class _LoginPage(BaseHTTPRequestHandler):
    """What a proxy in front of Jupyter may answer: 200 with an HTML page."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html>login</html>")

    def log_message(self, *args: object) -> None:
        pass


def test_an_answer_that_is_not_json_is_a_local_api_error(emulator):
    # The emulator is not a Jupyter server: its answer to the route path is its own 404.
    api = LocalAPI(ServerRef(emulator.url + "/", TOKEN, "test"), timeout=5)
    with pytest.raises(LocalAPIError) as caught:
        api.session()
    assert caught.value.status == 404
    page = ThreadingHTTPServer(("127.0.0.1", 0), _LoginPage)
    thread = threading.Thread(target=page.serve_forever, daemon=True)
    thread.start()
    try:
        api = LocalAPI(ServerRef(f"http://127.0.0.1:{page.server_port}/", TOKEN, "t"), timeout=5)
        with pytest.raises(LocalAPIError, match="did not answer JSON") as caught:
            api.session()
        assert caught.value.status == 200
    finally:
        page.shutdown()
        page.server_close()
        thread.join()
