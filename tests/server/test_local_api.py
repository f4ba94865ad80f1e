"""local_api(): notebook code finds the server its kernel runs under and calls these routes.

The end-to-end test starts a real ``jupyter server`` (emulate mode, base_url
/user/alice/) and a real ipykernel through the server's sessions API, then runs
``local_api()`` inside that kernel.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from jupyterlab_modelarts.localapi import LocalAPIError, ServerRef, find_server

TOKEN = "local-api-test-token"
BASE = "/user/alice/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def real_server(tmp_path: Path):
    """A ``jupyter server`` subprocess with the extension in emulate mode."""
    pytest.importorskip("ipykernel")
    runtime, config, root = tmp_path / "runtime", tmp_path / "config", tmp_path / "root"
    for d in (runtime, config, root):
        d.mkdir()
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {"jupyterlab_modelarts": True}}})
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "JPY_", "MODELARTS_", "HUAWEICLOUD_"))
    }
    env.update(JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_CONFIG_DIR=str(config))
    # The kernel starts in root_dir: let it import this source tree even when not installed.
    repo = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (repo, env.get("PYTHONPATH")) if p)
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
            f"--ServerApp.base_url={BASE}",
            "--ModelArtsExtension.emulate=True",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}{BASE}"
    headers = {"Authorization": f"token {TOKEN}"}
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(url + "api/status", headers=headers, timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("jupyter server did not start: " + proc.stderr.read().decode()[-2000:])
        time.sleep(0.2)
    try:
        yield {"url": url, "headers": headers, "runtime": runtime, "proc": proc, "root": root}
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


CODE = r"""
import json, os
from jupyterlab_modelarts import local_api
from jupyterlab_modelarts.localapi import LocalAPIError, find_server
api = local_api()
out = {"how": api.server.how, "session": api.session()}
out["versions"] = api.list_versions("182626")
out["version"] = api.get_version(182626, 278813)
out["jobs"] = api.list_jobs(per_page=50)
out["stop"] = api.stop_version("182626", "278813")
try:
    api.stop_version("182626", "278813")
except LocalAPIError as err:
    out["again"] = [err.status, err.error_code]
try:
    api.list_versions("not-a-number")
except LocalAPIError as err:
    out["bad"] = [err.status, err.error_code]
env = {k: v for k, v in os.environ.items() if k != "JPY_PARENT_PID"}
out["without_parent_pid"] = find_server(env=env).how
print("RESULT" + json.dumps(out))
"""


def test_local_api_from_a_real_kernel(real_server):
    from jupyter_client import BlockingKernelClient

    answer = requests.post(
        real_server["url"] + "api/sessions",
        headers=real_server["headers"],
        json={"path": "demo.ipynb", "type": "notebook", "kernel": {"name": "python3"}},
        timeout=60,
    )
    assert answer.status_code == 201, answer.text
    kernel_id = answer.json()["kernel"]["id"]
    client = BlockingKernelClient(
        connection_file=str(real_server["runtime"] / f"kernel-{kernel_id}.json")
    )
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        chunks: list[str] = []

        def collect(msg):
            if msg["msg_type"] == "stream":
                chunks.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                chunks.append("\n".join(msg["content"]["traceback"]))

        reply = client.execute_interactive(CODE, output_hook=collect, timeout=120)
    finally:
        client.stop_channels()
    text = "".join(chunks)
    assert reply["content"]["status"] == "ok", text
    out = json.loads(text.split("RESULT", 1)[1])
    assert out["how"] == "JPY_PARENT_PID"
    assert out["without_parent_pid"] == "kernel id"
    assert out["session"]["emulated"] is True and out["session"]["source"] == "emulator"
    assert out["versions"]["version_count"] == 4
    assert out["versions"]["versions"][0]["status_name"] == "JOBSTAT_RUNNING"
    assert out["version"]["stoppable"] is True
    assert out["jobs"]["job_total_count"] == 5
    assert out["stop"] == {"is_success": True}
    assert out["again"] == [409, "ModelArts.0105"]
    assert out["bad"] == [400, "ModelArts.0104"]


# -- the discovery rules on their own ------------------------------------------------

SERVERS = [
    {
        "url": "http://127.0.0.1:8001/",
        "token": "t1",
        "pid": 101,
        "root_dir": "/home/a",
        "base_url": "/",
    },
    {
        "url": "http://127.0.0.1:8002/user/bob/",
        "token": "t2",
        "pid": 102,
        "root_dir": "/home/a/projects",
        "base_url": "/user/bob/",
    },
]


def _find(env):
    return find_server(env=env, servers=lambda: list(SERVERS))


def test_explicit_url_wins():
    ref = _find(
        {"JUPYTER_SERVER_URL": "http://h:9/x", "JUPYTER_TOKEN": "tok", "JPY_PARENT_PID": "101"}
    )
    assert ref == ServerRef("http://h:9/x/", "tok", "JUPYTER_SERVER_URL")


def test_jupyterhub_service_url():
    ref = _find(
        {"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:9/user/bob", "JUPYTERHUB_API_TOKEN": "hub"}
    )
    assert (ref.url, ref.token) == ("http://127.0.0.1:9/user/bob/", "hub")


def test_jupyterhub_prefix_matches_base_url():
    ref = _find({"JUPYTERHUB_SERVICE_PREFIX": "/user/bob/", "JUPYTERHUB_API_TOKEN": "hub"})
    assert (ref.url, ref.how) == ("http://127.0.0.1:8002/user/bob/", "JUPYTERHUB_SERVICE_PREFIX")


def test_parent_pid_picks_the_launching_server():
    assert _find({"JPY_PARENT_PID": "102"}).token == "t2"
    assert _find({"JPY_PARENT_PID": "101"}).token == "t1"


def test_deepest_root_containing_the_notebook():
    ref = _find({"JPY_SESSION_NAME": "/home/a/projects/nb.ipynb"})
    assert (ref.token, ref.how) == ("t2", "root_dir contains JPY_SESSION_NAME")
    ref = _find({"JPY_SESSION_NAME": "/home/a/other/nb.ipynb"})
    assert ref.token == "t1"


def test_no_match_among_several_is_an_error(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LocalAPIError, match="JUPYTER_SERVER_URL"):
        _find({})


def test_a_single_server_is_taken(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    ref = find_server(env={}, servers=lambda: SERVERS[:1])
    assert (ref.token, ref.how) == ("t1", "the only running server")
