"""The v2 REST routes on the emulator: runs, validation before upstream, the stop guard, logs."""

from __future__ import annotations

import asyncio

import pytest
from support import assert_error_body

from jupyterlab_modelarts.client.ids import UUID_SYNTAX
from jupyterlab_modelarts.client.query_v2 import MAX_V2_LIMIT, SEARCHABLE_KINDS, V2_QUERY_PARAMS
from jupyterlab_modelarts.emulator.v2_demo import (
    V2_COMPLETED,
    V2_DEMO_TOTAL,
    V2_PENDING,
    V2_RUNNING,
)
from jupyterlab_modelarts.localapi import LocalAPIError
from jupyterlab_modelarts.sdk import Estimator, Session

from .test_one_home import _offline_local_api
from .test_openapi import DOC, _parameters, check

UNKNOWN = "00000000-0000-4000-8000-000000000000"
HOSTILE = ["1234", "x" * 36, "..", V2_RUNNING + "0", V2_RUNNING + "\n", "182626"]
RUN_FIELDS = {"id", "name", "status_kind", "status_label", "stoppable", "create_time", "duration"}


def job(job_id: str, *rest: str) -> tuple[str, ...]:
    return ("v2", "training-jobs", job_id, *rest)


async def test_list_is_runs_newest_first(api, emulator):
    reply = await api("v2", "training-jobs")
    check(("v2", "training-jobs"), "GET", reply)
    body = reply.body
    assert (body["total"], body["offset"], body["limit"], body["has_more"]) == (
        V2_DEMO_TOTAL,
        0,
        MAX_V2_LIMIT,
        True,
    )
    items = body["items"]
    assert len(items) == MAX_V2_LIMIT
    assert all(RUN_FIELDS <= set(item) for item in items)
    times = [item["create_time"] for item in items]
    assert times == sorted(times, reverse=True)
    running = next(item for item in items if item["id"] == V2_RUNNING)
    assert (running["status_kind"], running["status_label"], running["stoppable"]) == (
        "running",
        "Running",
        True,
    )
    assert running["metadata"]["id"] == V2_RUNNING  # the upstream record is kept
    assert running["status"]["tasks"] == ["worker-0", "worker-1"]
    completed = next(item for item in items if item["id"] == V2_COMPLETED)
    assert (completed["status_kind"], completed["stoppable"], completed["terminal"]) == (
        "completed",
        False,
        True,
    )
    assert emulator.count("list_training_jobs") == 2  # one page past the window says has_more


async def test_list_search_kind_and_window(api):
    found = await api("v2", "training-jobs", params={"search": "mnist"})
    assert [item["id"] for item in found.body["items"]] == [V2_RUNNING]
    pending = await api("v2", "training-jobs", params={"status_kind": "pending"})
    assert V2_PENDING in [item["id"] for item in pending.body["items"]]
    assert {item["status_kind"] for item in pending.body["items"]} == {"pending"}
    window = await api("v2", "training-jobs", params={"offset": "300", "limit": "50"})
    assert len(window.body["items"]) == V2_DEMO_TOTAL - 300 and not window.body["has_more"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "51"},
        {"limit": "0"},
        {"offset": "-1"},
        {"offset": "x"},
        {"status_kind": "unknown"},
        {"search": "x" * 65},
    ],
)
async def test_refused_searches_are_400_without_upstream_call(api, emulator, params):
    reply = await api("v2", "training-jobs", params=params)
    assert_error_body(reply, 400, "ModelArts.0104")
    check(("v2", "training-jobs"), "GET", reply)
    assert emulator.stats()["total"] == 0


@pytest.mark.parametrize("bad", HOSTILE)
async def test_hostile_ids_are_400_on_every_v2_route_without_upstream_call(api, emulator, bad):
    for parts, method in [
        (job(bad), "GET"),
        (job(bad, "stop"), "POST"),
        (job(bad, "log-preview"), "GET"),
    ]:
        assert_error_body(await api(*parts, method=method), 400, "ModelArts.0104")
    bad_task = await api(*job(V2_RUNNING, "log-preview"), params={"task_id": "../x"})
    assert_error_body(bad_task, 400, "ModelArts.0104")
    assert emulator.stats()["total"] == 0


async def test_show_and_unknown(api):
    reply = await api(*job(V2_RUNNING.upper()))
    check(job(V2_RUNNING), "GET", reply)
    assert (reply.body["id"], reply.body["api"], reply.body["status_name"]) == (
        V2_RUNNING,
        "v2",
        "Running",
    )
    missing = await api(*job(UNKNOWN))
    assert_error_body(missing, 404, "ModelArts.2775")
    check(job(UNKNOWN), "GET", missing)


async def test_stop_sends_exactly_one_terminate(api, emulator):
    reply = await api(*job(V2_RUNNING, "stop"), method="POST")
    check(job(V2_RUNNING, "stop"), "POST", reply)
    assert (reply.code, reply.body) == (200, {"is_success": True})
    log = [entry["route"] for entry in emulator.stats()["log"]]
    assert log == ["show_training_job", "terminate_training_job"]  # the fresh read, then one
    after = await api(*job(V2_RUNNING))
    assert (after.body["status_kind"], after.body["stoppable"]) == ("stopping", False)
    again = await api(*job(V2_RUNNING, "stop"), method="POST")
    assert_error_body(again, 409, "ModelArts.2796")
    check(job(V2_RUNNING, "stop"), "POST", again)
    assert emulator.count("terminate_training_job") == 1


async def test_stop_of_a_finished_job_sends_nothing(api, emulator):
    reply = await api(*job(V2_COMPLETED, "stop"), method="POST")
    assert_error_body(reply, 409, "ModelArts.2796")
    assert "Completed" in reply.body["error_msg"]
    assert emulator.count("terminate_training_job") == 0


async def test_a_pending_job_can_be_stopped(api, emulator):
    reply = await api(*job(V2_PENDING, "stop"), method="POST")
    assert reply.code == 200
    assert emulator.count("terminate_training_job") == 1


async def test_concurrent_stops_share_one_terminate(api, emulator):
    emulator.set_fault("show_training_job", "latency", latency=0.3, count=1)
    replies = await asyncio.gather(
        *(api(*job(V2_RUNNING, "stop"), method="POST") for _ in range(5))
    )
    assert {reply.code for reply in replies} == {200}
    assert emulator.count("terminate_training_job") == 1


@pytest.mark.modelarts(cache_ttl=30.0)
async def test_stop_reads_fresh_and_refreshes_the_cached_rows(api, emulator):
    cached = await api(*job(V2_RUNNING))
    assert cached.body["stoppable"] is True
    emulator.pin_phase(V2_RUNNING, "Completed")
    reply = await api(*job(V2_RUNNING, "stop"), method="POST")
    assert_error_body(reply, 409, "ModelArts.2796")
    emulator.pin_phase(V2_RUNNING, "Running")
    assert (await api(*job(V2_RUNNING, "stop"), method="POST")).code == 200
    assert (await api(*job(V2_RUNNING))).body["status_kind"] == "stopping"


async def test_log_preview(api):
    reply = await api(*job(V2_RUNNING, "log-preview"), params={"task_id": "worker-1"})
    check(job(V2_RUNNING, "log-preview"), "GET", reply)
    assert reply.body["ready"] is True and "[worker-1]" in reply.body["content"]
    waiting = await api(*job(V2_PENDING, "log-preview"))
    assert (waiting.code, waiting.body["ready"], waiting.body["task_id"]) == (
        200,
        False,
        "worker-0",
    )


async def test_session_learns_that_v2_is_served(api):
    assert (await api("session")).body["apis"] == {"v1": None, "v2": None}
    await api("v2", "training-jobs")
    await api("training-jobs")
    assert (await api("session")).body["apis"] == {"v1": True, "v2": True}


def test_v2_parameters_are_the_documented_rule():
    documented = _parameters("/jupyterlab-modelarts/v2/training-jobs")
    assert set(documented) == set(V2_QUERY_PARAMS)
    assert documented["status_kind"]["schema"]["enum"] == list(SEARCHABLE_KINDS)
    assert documented["limit"]["schema"]["maximum"] == MAX_V2_LIMIT
    v2_ids = [
        p
        for path in DOC["paths"]
        if "/v2/" in path
        for p in _parameters(path).values()
        if p["in"] == "path"
    ]
    assert len(v2_ids) == 4  # show, stop, log-preview, and the v2 lease (watches)
    assert all(p["schema"]["pattern"] == f"^{UUID_SYNTAX}$" for p in v2_ids)


@pytest.mark.parametrize("bad", HOSTILE)
def test_local_api_refuses_bad_v2_ids_before_sending(bad):
    api = _offline_local_api()
    for call in (
        lambda: api.get_training_job(bad),
        lambda: api.stop_training_job(bad),
        lambda: api.training_job_log_preview(bad),
        lambda: api.list_training_jobs(limit=0),
    ):
        with pytest.raises(LocalAPIError) as refused:
            call()
        assert (refused.value.status, refused.value.error_code) == (400, "ModelArts.0104")


def test_sdk_control_job_by_id(emulator):
    session = Session(config=emulator.client_config())
    answer = Estimator.control_job_by_id(session=session, job_id=V2_RUNNING)
    assert answer["status"]["phase"] == "Terminating"
    assert answer["metadata"]["id"] == V2_RUNNING
    again = Estimator.control_job_by_id(session=session, job_id=V2_RUNNING)
    assert (again["is_success"], again["error_code"]) == (False, "ModelArts.2796")
    refused = Estimator.control_job_by_id(session=session, job_id="1234")
    assert (refused["is_success"], refused["error_code"]) == (False, "ModelArts.0104")
    # Like the SDK call it stands for, each call sends the action (the second was refused
    # upstream); the refused id sent nothing.
    assert emulator.count("terminate_training_job") == 2
