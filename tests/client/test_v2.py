"""The v2 client calls through both drivers against the emulator, and the v2 rules."""

from __future__ import annotations

import pytest

from jupyterlab_modelarts.client import (
    BadRequestError,
    ModelArtsClient,
    NotFoundError,
    NotRunningError,
)
from jupyterlab_modelarts.client.errors import NotTerminableError
from jupyterlab_modelarts.client.ids import is_uuid, parse_uuid
from jupyterlab_modelarts.client.query_v2 import TrainingJobSearch
from jupyterlab_modelarts.client.status import (
    PHASES,
    STATUS_KINDS,
    STOPPABLE_PHASES,
    describe_phase,
)
from jupyterlab_modelarts.emulator.v2_demo import (
    V2_COMPLETED,
    V2_DEMO_TOTAL,
    V2_PENDING,
    V2_RUNNING,
)

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def test_phase_table():
    assert STOPPABLE_PHASES == {"Creating", "Pending", "Running"}
    assert {describe_phase(p).kind for p in PHASES} <= set(STATUS_KINDS)
    assert describe_phase("Running").kind == "running"
    assert describe_phase("Terminating").kind == "stopping"
    assert describe_phase("Terminated").kind == "canceled"
    assert describe_phase("Abnormal").terminal and describe_phase("Completed").terminal
    assert not describe_phase("Terminating").terminal
    odd = describe_phase("Timeout")
    assert (odd.label, odd.kind, odd.stoppable, odd.terminal) == (
        "Timeout",
        "unknown",
        False,
        False,
    )


@pytest.mark.parametrize(
    "bad", ["", "1234", "3faf5c03aaa14cbe879d24b05d997347", V2_RUNNING + "\n", "../x", 42, None]
)
def test_the_uuid_rule(bad):
    assert not is_uuid(bad)
    with pytest.raises(BadRequestError):
        parse_uuid("id", bad)
    assert parse_uuid("id", V2_RUNNING.upper()) == V2_RUNNING


def test_search_rule():
    assert TrainingJobSearch.from_params({"status_kind": "pending"}).phases == (
        "Creating",
        "Pending",
    )
    assert TrainingJobSearch.from_params({"offset": "3", "limit": "7"}).limit == 7
    for params in ({"limit": "51"}, {"limit": "0"}, {"offset": "-1"}, {"status_kind": "unknown"}):
        with pytest.raises(BadRequestError):
            TrainingJobSearch.from_params(params)


def test_list_walks_pages_newest_first(emu, call):
    listed = call(emu.aksk(), "list_training_jobs", TrainingJobSearch(offset=0, limit=50))
    assert listed.total == V2_DEMO_TOTAL
    assert len(listed.items) == 50 and listed.has_more
    times = [job.create_time for job in listed.items]
    assert times == sorted(times, reverse=True)
    tail = call(emu.aksk(), "list_training_jobs", TrainingJobSearch(offset=300, limit=50))
    assert len(tail.items) == V2_DEMO_TOTAL - 300 and not tail.has_more


def _all_ids(call, config) -> list[str]:
    ids: list[str] = []
    offset = 0
    while True:
        page = call(config, "list_training_jobs", TrainingJobSearch(offset=offset, limit=50))
        ids += [job.id for job in page.items]
        if not page.has_more:
            return ids
        offset += 50


@pytest.mark.parametrize(("server", "client"), [("page", "page"), ("row", "page"), ("row", "row")])
def test_every_job_is_listed_once_under_either_reading(make_emu, call, server, client):
    emu = make_emu(v2_offset_mode=server)
    # 120 jobs: three windows of 50, and a misread offset walks page by row (slowly).
    jobs = [
        {"id": f"00000000-0000-4000-8000-{n:012d}", "phase": "Completed", "create_time": n * 1000}
        for n in range(1, 121)
    ]
    emu.admin.load_data({"jobs": [], "training_jobs": jobs})
    ids = _all_ids(call, emu.aksk(v2_offset_mode=client))
    assert len(ids) == len(set(ids)) == 120
    assert ids[0] == jobs[-1]["id"], "newest first"


def test_search_filters_reach_upstream(emu, call):
    found = call(emu.aksk(), "list_training_jobs", TrainingJobSearch(search="mnist"))
    assert [job.id for job in found.items] == [V2_RUNNING]
    pending = call(emu.aksk(), "list_training_jobs", TrainingJobSearch(phases=("Pending",)))
    assert V2_PENDING in [job.id for job in pending.items]
    assert all(job.phase == "Pending" for job in pending.items)


def test_show_keeps_the_whole_record(emu, call):
    job = call(emu.aksk(), "get_training_job", V2_RUNNING.upper())
    assert (job.id, job.name, job.phase, job.tasks) == (
        V2_RUNNING,
        "mnist-v2",
        "Running",
        ("worker-0", "worker-1"),
    )
    assert job.phase_info.stoppable and job.duration and job.start_time
    assert job.to_dict()["algorithm"]["engine"]["engine_name"] == "PyTorch"
    assert job.to_dict()["spec"]["resource"]["node_count"] == 2


def test_terminate_once_then_refused(emu, call):
    stopped = call(emu.aksk(), "terminate_training_job", V2_RUNNING)
    assert stopped.phase == "Terminating" and not stopped.phase_info.stoppable
    with pytest.raises(NotTerminableError) as refused:
        call(emu.aksk(), "terminate_training_job", V2_RUNNING)
    assert isinstance(refused.value, NotRunningError)
    assert (refused.value.http_status, refused.value.error_code) == (409, "ModelArts.2796")
    assert emu.admin.count("terminate_training_job") == 2


def test_a_terminate_is_never_retried(emu, call):
    emu.admin.set_fault("terminate_training_job", "error", status=503, count=1)
    with pytest.raises(Exception) as failed:
        call(emu.aksk(), "terminate_training_job", V2_RUNNING)
    assert getattr(failed.value, "http_status", None) == 503
    assert emu.admin.count("terminate_training_job") == 1


def test_unknown_job_is_not_found(emu, call):
    with pytest.raises(NotFoundError) as missing:
        call(emu.aksk(), "get_training_job", UNKNOWN)
    assert (missing.value.http_status, missing.value.error_code) == (400, "ModelArts.2775")


def test_bad_ids_are_refused_before_sending(emu, call):
    for method, args in [
        ("get_training_job", ("1234",)),
        ("terminate_training_job", ("../x",)),
        ("training_job_log_preview", (V2_RUNNING, "../../etc")),
    ]:
        with pytest.raises(BadRequestError):
            call(emu.aksk(), method, *args)
    assert emu.admin.stats()["total"] == 0


def test_log_preview(emu, call):
    preview = call(emu.aksk(), "training_job_log_preview", V2_COMPLETED, "worker-0")
    assert preview.ready and preview.content.startswith("[")
    assert preview.current_size == len(preview.content.encode()) <= preview.full_size
    waiting = call(emu.aksk(), "training_job_log_preview", V2_PENDING, "worker-0")
    assert (waiting.ready, waiting.content) == (False, "")


def test_log_not_ready_as_an_error_answer_too(make_emu):
    emu = make_emu(v2_log_not_ready_status=400)
    with ModelArtsClient(emu.aksk()) as client:
        assert client.training_job_log_preview(V2_PENDING).ready is False


def test_offset_mode_is_checked():
    from jupyterlab_modelarts.client import ClientConfig

    with pytest.raises(ValueError):
        ClientConfig(v2_offset_mode="pages")  # type: ignore[arg-type]
