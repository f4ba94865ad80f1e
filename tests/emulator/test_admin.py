"""The /_emulator/ admin API: stats, request log, reset, data loading, clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

import jupyterlab_modelarts.emulator as emulator_package
from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .sdk import call, v1

CUSTOM = {
    "jobs": [
        {
            "job_id": 7,
            "job_name": "tiny",
            "job_desc": "from a test",
            "workspace_id": "0",
            "versions": [
                {"version_id": 70, "status": 10, "create_time": 1700000000000, "duration": 1234},
                {"version_id": 72, "lifecycle": {"start": -100, "run_seconds": None}, "x_extra": 1},
                {"version_id": 71, "status": 11, "engine_name": "MindSpore"},
            ],
        }
    ]
}


def test_counts_and_request_log(emulator):
    for _ in range(3):
        call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions"))
    call(emulator, "POST", v1(emulator, f"/{MNIST_JOB}/versions/278812/stop"))
    call(emulator, "GET", "/nowhere")
    stats = emulator.stats()
    assert stats["counts"] == {"list_versions": 3, "stop_version": 1, "unknown": 1}
    assert stats["total"] == 5
    entry = stats["log"][3]
    assert {k: entry[k] for k in ("method", "path", "route", "status", "request_id")} == {
        "method": "POST",
        "path": v1(emulator, f"/{MNIST_JOB}/versions/278812/stop"),
        "route": "stop_version",
        "status": 400,
        "request_id": entry["request_id"],
    }
    # Who the request claimed to be (issue 11): names and flags, never a secret.
    assert set(entry) - {"method", "path", "route", "status", "request_id"} == {
        "auth",
        "signed_headers",
        "security_token",
        "user_id",
    }
    assert emulator.stats()["total"] == 5  # admin calls are not counted
    emulator.clear_stats()
    assert emulator.stats() == {"counts": {}, "total": 0, "log": []}


def test_request_log_ids_match_response_headers(emulator):
    answer = call(emulator, "GET", v1(emulator))
    assert emulator.stats()["log"][0]["request_id"] == answer.headers["X-Request-Id"]


def test_reset_restores_data_faults_counters_and_clock(emulator):
    emulator.freeze()
    emulator.advance(50)
    call(emulator, "POST", v1(emulator, f"/{MNIST_JOB}/versions/278813/stop"))
    emulator.set_fault("list_jobs", "error")
    emulator.load_data(CUSTOM)
    emulator.reset()
    assert emulator.faults() == [] and emulator.stats()["total"] == 0
    clock = emulator.clock()
    assert clock["frozen"] is False and clock["speed"] == 1.0
    body = call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions")).json()
    assert body["versions"][0]["status"] == 8


def test_load_data_via_admin(emulator):
    emulator.load_data(CUSTOM)
    jobs = call(emulator, "GET", v1(emulator)).json()
    assert [j["job_id"] for j in jobs["jobs"]] == [7]
    assert jobs["jobs"][0]["workspace_id"] == "0"  # extra job fields are kept
    body = call(emulator, "GET", v1(emulator, "/7/versions")).json()
    assert [v["version_id"] for v in body["versions"]] == [72, 71, 70]
    by_id = {v["version_id"]: v for v in body["versions"]}
    assert by_id[70]["create_time"] == 1700000000000 and by_id[70]["duration"] == 1234
    assert by_id[71]["status"] == 11 and by_id[71]["engine_name"] == "MindSpore"
    assert by_id[72]["status"] == 8 and by_id[72]["x_extra"] == 1
    assert by_id[70]["version_name"] == "V0001" and by_id[72]["version_name"] == "V0003"
    assert isinstance(by_id[70]["system_metric_list"], str)  # defaults filled in


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"jobs": "no"},
        {"jobs": [{"job_name": "no id"}]},
        {"jobs": [{"job_id": 1}, {"job_id": 1}]},
        {"jobs": [{"job_id": 1, "versions": [{"version_id": 2}, {"version_id": 2}]}]},
        {"jobs": [{"job_id": 1, "versions": [{"version_id": "x"}]}]},
        {"jobs": [{"job_id": 1, "versions": [{"version_id": 2, "status": "running"}]}]},
        {"jobs": [{"job_id": 1, "versions": [{"version_id": 2, "lifecycle": {"start": "x"}}]}]},
        {"jobs": [{"job_id": 1, "versions": [{"version_id": 2, "lifecycle": []}]}]},
    ],
)
def test_invalid_data_is_400_and_keeps_old_data(emulator, bad):
    with pytest.raises(RuntimeError, match="400"):
        emulator.load_data(bad)
    assert call(emulator, "GET", v1(emulator)).json()["job_total_count"] == 5


def test_data_file_at_startup_and_on_reset(make_emulator, tmp_path):
    path = tmp_path / "data.json"
    path.write_text(json.dumps(CUSTOM))
    emulator = make_emulator(data_file=str(path))
    assert call(emulator, "GET", v1(emulator)).json()["job_total_count"] == 1
    emulator.load_data({"jobs": []})
    assert call(emulator, "GET", v1(emulator)).json()["job_total_count"] == 0
    emulator.reset()
    assert call(emulator, "GET", v1(emulator)).json()["job_total_count"] == 1


def test_config_endpoint_and_admin_errors(emulator):
    config = emulator.remote_config()
    assert config["project_id"] == "0123456789abcdef0123456789abcdef"
    assert config["access_key"] == "EMULATORACCESSKEY0001"
    assert config["stoppable_statuses"] == [8]
    answer = requests.post(  # declared JSON (the admin API refuses anything else: 415)
        emulator.url + "/_emulator/clock",
        data=b"{",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert answer.status_code == 400 and answer.headers["X-Request-Id"]
    with pytest.raises(RuntimeError, match="404"):
        emulator.pin_status(1, 2, 8)
    with pytest.raises(RuntimeError, match="404"):
        emulator.call("DELETE", "faults/999")


def test_binds_loopback_only(emulator):
    assert emulator.url.startswith("http://127.0.0.1:")
    sockets = emulator.threaded.emulator._server._sockets.values()
    assert {s.getsockname()[0] for s in sockets} == {"127.0.0.1"}


def test_documented_example_data_file_loads(make_emulator):
    example = Path(emulator_package.__file__).with_name("example_data.json")
    emulator = make_emulator(data_file=str(example))
    body = call(emulator, "GET", v1(emulator, "/10/versions")).json()
    assert body["version_count"] == 2
    assert [(v["version_id"], v["status"]) for v in body["versions"]] == [(11, 8), (10, 10)]
    assert body["versions"][1]["create_time"] == 1524189990635
