"""The v1 routes over real HTTP: shapes, JSON types, paging, sorting, errors."""

from __future__ import annotations

import json

import pytest

from jupyterlab_modelarts.emulator.demo import BIG_JOB, BIG_JOB_VERSIONS, EMPTY_JOB, MNIST_JOB

from .sdk import call, v1

LONG_FIELDS = (
    "version_id",
    "pre_version_id",
    "engine_type",
    "engine_id",
    "create_time",
    "duration",
    "spec_id",
    "model_id",
    "start_time",
    "status",
    "gpu_num",
    "worker_server_num",
)


def test_list_versions_shape_and_types(emulator):
    answer = call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions"))
    assert answer.status_code == 200
    assert answer.headers["X-Request-Id"]
    body = answer.json()
    assert body["is_success"] is True
    assert (body["job_id"], body["job_name"]) == (MNIST_JOB, "mnist-resnet")
    assert body["version_count"] == 4 == len(body["versions"])
    ids = [v["version_id"] for v in body["versions"]]
    assert ids == sorted(ids, reverse=True) and ids[0] == 278813
    for version in body["versions"]:
        for name in LONG_FIELDS:
            assert type(version[name]) is int, name
        assert isinstance(version["core"], int) and isinstance(version["cpu"], int)
        assert version["create_time"] > 1_600_000_000_000  # epoch milliseconds
        assert isinstance(version["model_metric_list"], str)
        system = json.loads(version["system_metric_list"])
        assert system["interval"] == 1 and all(isinstance(x, str) for x in system["cpuUsage"])
        assert version["version_name"].startswith("V") and len(version["version_name"]) == 5
    statuses = {v["version_id"]: v["status"] for v in body["versions"]}
    assert statuses == {278813: 8, 278812: 10, 278811: 11, 278810: 12}


def test_version_details_has_object_metrics(emulator):
    answer = call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions/278812"))
    assert answer.status_code == 200
    body = answer.json()
    assert body["is_success"] is True and body["job_id"] == MNIST_JOB
    assert body["version_id"] == 278812 and body["status"] == 10
    assert isinstance(body["system_metric_list"], dict)
    assert isinstance(body["model_metric_list"], str)
    assert body["duration"] == 5320030


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ([], list(range(300000 + BIG_JOB_VERSIONS, 300000, -1))),  # page 0 default: all
        ([("page", "0"), ("per_page", "5")], list(range(300000 + BIG_JOB_VERSIONS, 300000, -1))),
        ([("page", "1"), ("per_page", "5")], [301200, 301199, 301198, 301197, 301196]),
        ([("page", "2"), ("per_page", "1000")], list(range(300200, 300000, -1))),
        ([("page", "1")], list(range(301200, 301190, -1))),  # per_page defaults to 10
        ([("page", "999"), ("per_page", "10")], []),
    ],
)
def test_version_paging(emulator, query, expected):
    body = call(emulator, "GET", v1(emulator, f"/{BIG_JOB}/versions"), query).json()
    assert body["version_count"] == BIG_JOB_VERSIONS
    assert [v["version_id"] for v in body["versions"]] == expected


@pytest.mark.parametrize("per_page", ["0", "1001", "ten", "-1"])
def test_per_page_out_of_range_is_400(emulator, per_page):
    answer = call(emulator, "GET", v1(emulator, f"/{BIG_JOB}/versions"), [("per_page", per_page)])
    assert answer.status_code == 400
    body = answer.json()
    assert body["is_success"] is False and body["error_code"] == "ModelArts.0104"
    assert body["error_msg"] == body["error_message"]


def test_job_without_versions(emulator):
    body = call(emulator, "GET", v1(emulator, f"/{EMPTY_JOB}/versions")).json()
    assert body["version_count"] == 0 and body["versions"] == []


@pytest.mark.parametrize(
    "suffix", ["/999/versions", "/999/versions/1", f"/{MNIST_JOB}/versions/1", "/abc/versions"]
)
def test_unknown_job_or_version_is_0102(emulator, suffix):
    answer = call(emulator, "GET", v1(emulator, suffix))
    assert answer.status_code == 400  # issue 11: the documented status of ModelArts.0102
    body = answer.json()
    assert body == {
        "is_success": False,
        "error_code": "ModelArts.0102",
        "error_msg": body["error_msg"],
        "error_message": body["error_msg"],
    }


def test_list_jobs_default_sort_and_fields(emulator):
    body = call(emulator, "GET", v1(emulator)).json()
    assert body["is_success"] is True and body["job_total_count"] == 5
    names = [j["job_name"] for j in body["jobs"]]
    assert names == sorted(names)
    mnist = next(j for j in body["jobs"] if j["job_id"] == MNIST_JOB)
    assert mnist["version_id"] == 278813 and mnist["status"] == 8 and mnist["version_count"] == 4
    for job in body["jobs"]:
        assert set(job) == {
            "job_id",
            "job_name",
            "version_id",
            "status",
            "create_time",
            "duration",
            "job_desc",
            "version_count",
        }


def test_list_jobs_filters_sorts_pages(emulator):
    def ids(query):
        answer = call(emulator, "GET", v1(emulator), query)
        assert answer.status_code == 200, answer.text
        return [j["job_id"] for j in answer.json()["jobs"]]

    assert ids([("search_content", "MNIST")]) == [MNIST_JOB]
    assert ids([("status", "8")]) == [182630, MNIST_JOB]  # bert-finetune, mnist-resnet
    assert ids([("sortBy", "version_count"), ("order", "desc"), ("per_page", "2")]) == [
        BIG_JOB,
        MNIST_JOB,
    ]
    assert ids(
        [("sortBy", "version_count"), ("order", "desc"), ("per_page", "2"), ("page", "3")]
    ) == [EMPTY_JOB]
    bad = call(emulator, "GET", v1(emulator), [("sortBy", "nope")])
    assert bad.status_code == 400 and bad.json()["error_code"] == "ModelArts.0104"


def test_unpublished_verb_is_apigw_0101(emulator):
    answer = call(emulator, "DELETE", v1(emulator, f"/{MNIST_JOB}/versions"))
    assert answer.status_code == 404
    assert answer.json()["error_code"] == "APIGW.0101"
    assert answer.json()["request_id"] == answer.headers["X-Request-Id"]


def test_unknown_path_is_apigw_0101_and_logged(emulator):
    answer = call(emulator, "GET", "/v2/whatever")
    assert answer.status_code == 404
    assert answer.json()["error_code"] == "APIGW.0101"
    assert emulator.stats()["log"][-1]["route"] == "unknown"
