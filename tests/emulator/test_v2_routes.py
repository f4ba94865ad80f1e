"""The emulator's v2 training-job routes: lifecycle, terminate, search rules, logs, v1 off."""

from __future__ import annotations

import json

import pytest

from jupyterlab_modelarts.emulator.v2_demo import (
    V2_COMPLETED,
    V2_DEMO_TOTAL,
    V2_LIVE,
    V2_PENDING,
    V2_RUNNING,
)

from .sdk import call, v1

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def v2(emulator, suffix: str) -> str:
    return f"/v2/{emulator.config.project_id}{suffix}"


def show(emulator, job_id: str) -> dict:
    answer = call(emulator, "GET", v2(emulator, f"/training-jobs/{job_id}"))
    assert answer.status_code == 200, answer.text
    return answer.json()


def terminate(emulator, job_id: str, body: bytes = b'{"action_type": "terminate"}'):
    return call(emulator, "POST", v2(emulator, f"/training-jobs/{job_id}/actions"), body=body)


def searched(emulator, body: dict):
    return call(
        emulator, "POST", v2(emulator, "/training-job-searches"), body=json.dumps(body).encode()
    )


def assert_v2_error(answer, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error_code"] == code
    assert body["error_msg"] and body["error_solution"]
    assert answer.headers["X-Request-Id"]


def test_a_new_job_walks_the_phases_with_the_clock(emulator):
    emulator.freeze()
    assert show(emulator, V2_LIVE)["status"]["phase"] == "Creating"
    emulator.advance(6.5)
    pending = show(emulator, V2_LIVE)["status"]
    assert (pending["phase"], pending["secondary_phase"], pending["start_time"]) == (
        "Pending",
        "Queuing",
        0,
    )
    emulator.advance(2)
    running = show(emulator, V2_LIVE)["status"]
    assert running["phase"] == "Running" and running["start_time"] > 0
    emulator.advance(61)
    done = show(emulator, V2_LIVE)["status"]
    assert (done["phase"], done["duration"]) == ("Completed", 60000)


def test_terminate_is_202_terminating_then_terminated(emulator):
    emulator.freeze()
    answer = terminate(emulator, V2_RUNNING)
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert (body["metadata"]["id"], body["status"]["phase"]) == (V2_RUNNING, "Terminating")
    frozen_duration = body["status"]["duration"]
    emulator.advance(emulator.config.kill_delay + 0.1)
    after = show(emulator, V2_RUNNING)["status"]
    assert (after["phase"], after["duration"]) == ("Terminated", frozen_duration)
    assert_v2_error(terminate(emulator, V2_RUNNING), 409, "ModelArts.2796")


def test_a_pending_job_is_terminable_a_finished_one_is_not(emulator):
    assert terminate(emulator, V2_PENDING).status_code == 202
    assert_v2_error(terminate(emulator, V2_COMPLETED), 409, "ModelArts.2796")
    assert emulator.count("terminate_training_job") == 2


@pytest.mark.parametrize(
    ("body", "code"),
    [(b'{"action_type": "restart"}', "ModelArts.2812"), (b"{not json", "ModelArts.2787")],
)
def test_bad_action_bodies_are_400(emulator, body, code):
    assert_v2_error(terminate(emulator, V2_RUNNING, body), 400, code)
    assert show(emulator, V2_RUNNING)["status"]["phase"] == "Running"


@pytest.mark.parametrize("job_id", [UNKNOWN, "not-a-uuid"])
def test_unknown_jobs_are_400_2775_everywhere(emulator, job_id):
    for method, suffix in [
        ("GET", ""),
        ("POST", "/actions"),
        ("GET", "/tasks/worker-0/logs/preview"),
        ("GET", "/tasks"),
    ]:
        body = b'{"action_type": "terminate"}' if method == "POST" else b""
        answer = call(emulator, method, v2(emulator, f"/training-jobs/{job_id}{suffix}"), body=body)
        assert_v2_error(answer, 400, "ModelArts.2775")


def test_search_defaults_and_echo(emulator):
    answer = searched(emulator, {})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["total"], body["limit"], body["offset"], body["order"]) == (
        V2_DEMO_TOTAL,
        emulator.config.v2_default_limit,
        0,
        "desc",
    )
    assert (body["group_by"], body["workspace_id"], body["ai_project"]) == (
        "",
        "0",
        "default-ai-project",
    )
    times = [item["metadata"]["create_time"] for item in body["items"]]
    assert times == sorted(times, reverse=True)


def test_search_filters_and_blank_filters(emulator):
    body = {
        "limit": 50,
        "filters": [
            {"key": "name", "operator": "like", "value": ["MNIST"]},
            {"key": "phase", "operator": "in", "value": ["Running", "Pending"]},
            {"key": "create_time", "operator": "between", "value": ["", ""]},
            {"key": "kind", "operator": "in", "value": [""]},
        ],
    }
    answer = searched(emulator, body).json()
    assert [item["metadata"]["id"] for item in answer["items"]] == [V2_RUNNING]
    assert (answer["count"], answer["total"]) == (1, V2_DEMO_TOTAL)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"limit": 51}, "ModelArts.2816"),
        ({"limit": 0}, "ModelArts.2788"),
        ({"offset": -1}, "ModelArts.2788"),
        ({"sort_by": "name"}, "ModelArts.2790"),
        ({"filters": [{"key": "colour", "operator": "in", "value": ["x"]}]}, "ModelArts.2807"),
        ({"filters": [{"key": "name", "operator": "in", "value": ["x"]}]}, "ModelArts.2808"),
    ],
)
def test_search_refusals(emulator, body, code):
    assert_v2_error(searched(emulator, body), 400, code)


def _ids(emulator, offset: int, limit: int) -> list[str]:
    items = searched(emulator, {"offset": offset, "limit": limit}).json()["items"]
    return [item["metadata"]["id"] for item in items]


def test_offset_is_a_page_index_by_default(emulator):
    first, second = _ids(emulator, 0, 3), _ids(emulator, 1, 3)
    assert len(set(first + second)) == 6


def test_offset_can_be_read_as_rows(make_emulator):
    emulator = make_emulator(v2_offset_mode="row")
    first, second = _ids(emulator, 0, 3), _ids(emulator, 1, 3)
    assert second[:2] == first[1:]


def test_log_preview_not_ready_then_growing(emulator):
    preview = v2(emulator, f"/training-jobs/{V2_PENDING}/tasks/worker-0/logs/preview")
    answer = call(emulator, "GET", preview)
    assert (answer.status_code, answer.content) == (204, b"")
    running = v2(emulator, f"/training-jobs/{V2_RUNNING}/tasks/worker-1/logs/preview")
    emulator.freeze()
    before = call(emulator, "GET", running).json()
    emulator.advance(10)
    after = call(emulator, "GET", running).json()
    assert after["full_size"] > before["full_size"] > 0
    assert after["current_size"] == len(after["content"].encode())
    assert "[worker-1]" in after["content"]
    missing = v2(emulator, f"/training-jobs/{V2_RUNNING}/tasks/worker-7/logs/preview")
    assert_v2_error(call(emulator, "GET", missing), 400, "ModelArts.2788")


def test_log_not_ready_can_be_a_4xx_with_2776(make_emulator):
    emulator = make_emulator(v2_log_not_ready_status=400)
    preview = v2(emulator, f"/training-jobs/{V2_PENDING}/tasks/worker-0/logs/preview")
    assert_v2_error(call(emulator, "GET", preview), 400, "ModelArts.2776")


def test_there_is_no_plain_v2_list(emulator):
    assert_v2_error(call(emulator, "GET", v2(emulator, "/training-jobs")), 405, "ModelArts.2803")


def test_v2_routes_take_faults_and_admin_pins(emulator):
    emulator.set_fault("show_training_job", "error", status=503, count=1)
    assert call(emulator, "GET", v2(emulator, f"/training-jobs/{V2_RUNNING}")).status_code == 503
    emulator.pin_phase(V2_COMPLETED, "Running")
    assert show(emulator, V2_COMPLETED)["status"]["phase"] == "Running"
    assert terminate(emulator, V2_COMPLETED).status_code == 202
    assert emulator.stats()["counts"]["show_training_job"] == 2


def test_v2_routes_need_credentials(emulator):
    import requests

    answer = requests.get(emulator.url + v2(emulator, f"/training-jobs/{V2_RUNNING}"), timeout=5)
    assert answer.status_code == 401
    assert answer.json()["error_code"] == "APIGW.0301"


def test_data_sets_carry_v2_jobs(emulator):
    job = "11111111-2222-4333-8444-555555555555"
    emulator.load_data(
        {"jobs": [], "training_jobs": [{"id": job, "name": "mine", "phase": "Failed", "x": 1}]}
    )
    body = show(emulator, job)
    assert (body["metadata"]["name"], body["status"]["phase"], body["x"]) == ("mine", "Failed", 1)
    assert searched(emulator, {}).json()["total"] == 1


def test_a_cloud_that_serves_only_v2(make_emulator):
    emulator = make_emulator(serve_v1=False)
    for path in (v1(emulator), v1(emulator, "/182626/versions")):
        answer = call(emulator, "GET", path)
        assert answer.status_code == 404
        assert answer.json()["error_code"] == "APIGW.0101"
    assert searched(emulator, {}).json()["total"] == V2_DEMO_TOTAL
