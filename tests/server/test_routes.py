"""Each route against the emulator: shapes, status fields, paging, validation before upstream."""

from __future__ import annotations

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import (
    BIG_JOB,
    BIG_JOB_VERSIONS,
    EMPTY_JOB,
    MNIST_JOB,
    MNIST_RUNNING_VERSION,
)


async def test_session_names_source_and_target_never_a_secret(api, emulator):
    reply = await api("session")
    assert reply.code == 200
    assert reply.body == {
        "source": "config",
        "region": emulator.config.region,
        "project_id": emulator.config.project_id,
        "endpoint": emulator.url,
        "emulated": False,
        "notebook": False,  # issue 11: the session says whether this is a ModelArts notebook
        "detail": None,
        "apis": {"v1": None, "v2": None},  # issue 16: learned from the first answers
    }
    assert emulator.config.secret_key not in str(reply.body)
    assert emulator.config.access_key not in str(reply.body)


async def test_list_versions_of_a_job(api, emulator):
    reply = await api("training-jobs", str(MNIST_JOB), "versions")
    assert reply.code == 200
    body = reply.body
    assert body["job_id"] == MNIST_JOB
    assert body["job_name"] == "mnist-resnet"
    assert body["version_count"] == 4 == len(body["versions"])
    ids = [v["version_id"] for v in body["versions"]]
    assert ids == sorted(ids, reverse=True), "newest first"
    running = body["versions"][0]
    assert running["version_id"] == MNIST_RUNNING_VERSION
    assert running["status"] == 8
    assert running["status_name"] == "JOBSTAT_RUNNING"
    assert running["status_label"] == "Running"
    assert running["stoppable"] is True
    completed = next(v for v in body["versions"] if v["status"] == 10)
    assert (completed["status_name"], completed["stoppable"]) == ("JOBSTAT_COMPLETED", False)
    # Upstream fields are kept as they came.
    assert running["engine_name"] == "PyTorch"
    assert emulator.count("list_versions") == 1


async def test_list_versions_follows_every_page(api, emulator):
    reply = await api("training-jobs", str(BIG_JOB), "versions")
    assert reply.code == 200
    assert reply.body["version_count"] == BIG_JOB_VERSIONS == len(reply.body["versions"])
    ids = [v["version_id"] for v in reply.body["versions"]]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == BIG_JOB_VERSIONS
    assert emulator.count("list_versions") == 2  # 1000 per page


async def test_job_without_versions(api):
    reply = await api("training-jobs", str(EMPTY_JOB), "versions")
    assert reply.code == 200
    assert (reply.body["version_count"], reply.body["versions"]) == (0, [])


async def test_get_one_version(api):
    reply = await api("training-jobs", str(MNIST_JOB), "versions", str(MNIST_RUNNING_VERSION))
    assert reply.code == 200
    assert reply.body["version_id"] == MNIST_RUNNING_VERSION
    assert reply.body["job_id"] == MNIST_JOB
    assert reply.body["status_name"] == "JOBSTAT_RUNNING"
    assert reply.body["stoppable"] is True
    assert "is_success" not in reply.body


async def test_list_jobs_with_status_fields(api, emulator):
    reply = await api("training-jobs", params={"per_page": "50"})
    assert reply.code == 200
    assert reply.body["job_total_count"] == 5
    jobs = {job["job_id"]: job for job in reply.body["jobs"]}
    assert jobs[MNIST_JOB]["status_name"] == "JOBSTAT_RUNNING"
    assert jobs[MNIST_JOB]["status_label"] == "Running"


async def test_list_jobs_passes_filters_upstream(api, emulator):
    reply = await api("training-jobs", params={"search": "mnist", "page": "1", "per_page": "5"})
    assert reply.code == 200
    assert [job["job_name"] for job in reply.body["jobs"]] == ["mnist-resnet"]
    reply = await api("training-jobs", params={"sort_by": "job_name", "order": "desc"})
    names = [job["job_name"] for job in reply.body["jobs"]]
    assert names == sorted(names, reverse=True) and len(names) == 5
    reply = await api("training-jobs", params={"per_page": "2", "page": "2"})
    assert len(reply.body["jobs"]) == 2 and reply.body["job_total_count"] == 5
    assert emulator.count("list_jobs") == 3


async def test_unknown_job_and_version_are_404(api):
    reply = await api("training-jobs", "999999", "versions")
    assert_error_body(reply, 404, "ModelArts.0102")
    reply = await api("training-jobs", str(MNIST_JOB), "versions", "1")
    assert_error_body(reply, 404, "ModelArts.0102")


@pytest.mark.parametrize(
    "parts",
    [
        ("training-jobs", "abc", "versions"),
        ("training-jobs", "1" * 20, "versions"),
        ("training-jobs", "-1", "versions"),
        ("training-jobs", "12", "versions", "1e3"),
        ("training-jobs", " 12", "versions", "3"),
    ],
)
async def test_bad_ids_are_400_without_upstream_call(api, emulator, parts):
    reply = await api(*parts)
    assert_error_body(reply, 400, "ModelArts.0104")
    stop = (*parts, "stop") if len(parts) == 4 else (*parts, "7", "stop")
    reply = await api(*stop, method="POST")
    assert_error_body(reply, 400, "ModelArts.0104")
    assert emulator.stats()["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "x"},
        {"page": "\u0661"},  # an Arabic-Indic digit: str.isdigit() would accept it
        {"per_page": "1001"},
        {"order": "sideways"},
        {"sort_by": "password"},
        {"status": "running"},
        {"search": "x" * 101},
    ],
)
async def test_bad_list_params_are_400_without_upstream_call(api, emulator, params):
    reply = await api("training-jobs", params=params)
    assert_error_body(reply, 400, "ModelArts.0104")
    assert emulator.stats()["total"] == 0


async def test_19_digit_ids_are_accepted(api, emulator):
    # The largest Long: 19 digits (larger values cannot exist upstream and are refused).
    reply = await api("training-jobs", str(2**63 - 1), "versions")
    assert_error_body(reply, 404, "ModelArts.0102")
    assert emulator.count("list_versions") == 1


async def test_openapi_document_is_served(api):
    reply = await api("openapi.json")
    assert reply.code == 200
    assert reply.body["openapi"].startswith("3.")
    assert (
        "/jupyterlab-modelarts/training-jobs/{job_id}/versions/{version_id}/stop"
        in (reply.body["paths"])
    )


async def test_job_list_keeps_the_modelarts_shape(api):
    reply = await api("training-jobs")
    assert reply.body["is_success"] is True
    assert {"job_total_count", "jobs"} <= set(reply.body)


async def test_every_row_carries_the_run_fields_from_the_status_table(api):
    """The front end keeps no status table: kind, label and stoppable come from the server."""
    from jupyterlab_modelarts.client.status import describe

    reply = await api("training-jobs", str(MNIST_JOB), "versions")
    for version in reply.body["versions"]:
        info = describe(version["status"])
        assert version["status_kind"] == info.kind
        assert version["stoppable"] is info.stoppable
        assert version["id"] == str(version["version_id"])
        assert version["name"] == version["version_name"]
    jobs = await api("training-jobs")
    for job in jobs.body["jobs"]:
        assert job["status_kind"] == describe(job["status"]).kind
        assert (job["id"], job["name"]) == (str(job["job_id"]), job["job_name"])
