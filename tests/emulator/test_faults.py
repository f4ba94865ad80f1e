"""Every fault kind, per route, limited by count, at start-up and at run time."""

from __future__ import annotations

import json
import threading
import time

import pytest
import requests

from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .sdk import call, v1
from .test_auth_sdkcore import temporary_credential
from .test_identity import get_token, with_token


def versions(emulator) -> requests.Response:
    return call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions"))


def test_latency_delays_only_its_route_and_does_not_block_the_loop(emulator):
    emulator.set_fault("list_versions", "latency", latency=0.8, count=1)
    slow: dict = {}

    def slow_call() -> None:
        started = time.monotonic()
        slow["answer"] = versions(emulator)
        slow["elapsed"] = time.monotonic() - started

    worker = threading.Thread(target=slow_call)
    worker.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert call(emulator, "GET", v1(emulator)).status_code == 200
    assert time.monotonic() - started < 0.5  # served while the slow one waits
    worker.join()
    assert slow["answer"].status_code == 200 and slow["elapsed"] >= 0.8
    started = time.monotonic()
    versions(emulator)
    assert time.monotonic() - started < 0.5  # count=1: only the next request
    assert emulator.faults() == []


def test_error_fault_with_count(emulator):
    emulator.set_fault(
        "list_versions", "error", status=503, error_code="ModelArts.0010", error_msg="boom", count=2
    )
    for _ in range(2):
        answer = versions(emulator)
        assert answer.status_code == 503
        assert answer.json() == {
            "is_success": False,
            "error_code": "ModelArts.0010",
            "error_msg": "boom",
            "error_message": "boom",
        }
        assert answer.headers["X-Request-Id"]
    assert versions(emulator).status_code == 200
    assert [e["status"] for e in emulator.stats()["log"]] == [503, 503, 200]


def test_gateway_error_fault_has_gateway_shape(emulator):
    emulator.set_fault("list_jobs", "error", status=401, error_code="APIGW.0301", error_msg="x")
    answer = call(emulator, "GET", v1(emulator))
    assert answer.status_code == 401
    assert answer.json() == {
        "error_code": "APIGW.0301",
        "error_msg": "x",
        "request_id": answer.headers["X-Request-Id"],
    }


def test_throttle_has_retry_after(emulator):
    emulator.set_fault("stop_version", "throttle", retry_after=2)
    answer = call(emulator, "POST", v1(emulator, f"/{MNIST_JOB}/versions/278813/stop"))
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "2"
    assert answer.json()["error_code"] == "APIGW.0308"
    # The stop never reached the business logic.
    emulator.clear_faults()
    assert versions(emulator).json()["versions"][0]["status"] == 8


@pytest.mark.parametrize("kind", ["malformed_json", "truncated_json"])
def test_bad_json_bodies(emulator, kind):
    emulator.set_fault("list_versions", kind, count=1)
    answer = versions(emulator)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.text)
    if kind == "truncated_json":
        assert answer.text.startswith('{"is_success": true')
    assert versions(emulator).json()["is_success"] is True


def test_non_json_body(emulator):
    emulator.set_fault("get_version", "non_json")
    answer = call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions/278813"))
    assert answer.status_code == 502
    assert answer.headers["Content-Type"].startswith("text/html")
    assert "Bad Gateway" in answer.text


def test_dropped_connection(emulator):
    emulator.set_fault("list_versions", "drop", count=1)
    with pytest.raises(requests.ConnectionError):
        versions(emulator)
    assert versions(emulator).status_code == 200
    log = emulator.stats()["log"]
    assert [(e["route"], e["status"]) for e in log] == [
        ("list_versions", None),
        ("list_versions", 200),
    ]


def test_token_expired_fault_hits_token_callers_only(emulator):
    token = get_token(emulator).headers["X-Subject-Token"]
    emulator.set_fault("list_versions", "token_expired", count=1)
    assert versions(emulator).status_code == 200  # AK/SK caller: not consumed
    expired = with_token(emulator, token)
    assert expired.status_code == 401
    assert "token expires, expires_at: " in expired.json()["error_msg"]
    assert with_token(emulator, token).status_code == 200


def test_credential_expired_fault_hits_temporary_keys_only(emulator):
    cred = temporary_credential(emulator)
    temp = {"ak": cred["access"], "sk": cred["secret"], "security_token": cred["securitytoken"]}
    emulator.set_fault("list_jobs", "credential_expired", count=1)
    assert call(emulator, "GET", v1(emulator)).status_code == 200
    first = call(emulator, "GET", v1(emulator), **temp)
    assert first.status_code == 401 and first.json()["error_code"] == "APIGW.0301"
    assert call(emulator, "GET", v1(emulator), **temp).status_code == 200


def test_wildcard_route_and_identity_routes(emulator):
    emulator.set_fault("*", "error", status=500, count=3)
    assert get_token(emulator).status_code == 500
    assert requests.put(emulator.url + "/meta-data/latest/api/token", timeout=10).status_code == 500
    assert versions(emulator).status_code == 500
    assert get_token(emulator).status_code == 201
    emulator.set_fault("metadata", "drop", count=1)
    with pytest.raises(requests.ConnectionError):
        temporary_credential(emulator)


def test_clear_faults_by_route(emulator):
    emulator.set_fault("list_versions", "error")
    emulator.set_fault("list_jobs", "error")
    emulator.clear_faults("list_jobs")
    assert [f["route"] for f in emulator.faults()] == ["list_versions"]
    assert call(emulator, "GET", v1(emulator)).status_code == 200
    assert versions(emulator).status_code == 500


@pytest.mark.parametrize(
    "spec",
    [
        {"route": "nope", "kind": "error"},
        {"route": "list_jobs", "kind": "explode"},
        {"route": "list_jobs", "kind": "error", "count": 0},
        {"route": "list_jobs", "kind": "error", "colour": "red"},
    ],
)
def test_invalid_fault_is_400(emulator, spec):
    with pytest.raises(RuntimeError, match="400"):
        emulator.call("POST", "faults", spec)
    assert emulator.faults() == []


def test_startup_faults_survive_reset(make_emulator):
    emulator = make_emulator(faults=[{"route": "list_jobs", "kind": "error", "status": 418}])
    assert call(emulator, "GET", v1(emulator)).status_code == 418
    emulator.clear_faults()
    assert call(emulator, "GET", v1(emulator)).status_code == 200
    emulator.reset()
    assert call(emulator, "GET", v1(emulator)).status_code == 418
