"""local_api(): notebook code finds the server its kernel runs under and calls these routes.

The end-to-end test starts a real ``jupyter server`` (emulate mode, base_url
/user/alice/) and a real ipykernel through the server's sessions API, then runs
``local_api()`` inside that kernel.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.kernel import real_server as start_real_server
from support.kernel import run_in_kernel

from jupyterlab_modelarts.localapi import LocalAPIError, ServerRef, find_server

BASE = "/user/alice/"


@pytest.fixture
def real_server(tmp_path: Path):
    """A ``jupyter server`` subprocess with the extension in emulate mode."""
    pytest.importorskip("ipykernel")
    with start_real_server(tmp_path, BASE) as server:
        yield server


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
    (run,) = run_in_kernel(real_server, CODE)
    text = run.text
    assert run.status == "ok", text
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
