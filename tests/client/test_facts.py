"""The one home of each fact: the id rule, the job-list query rule, the status table."""

from __future__ import annotations

import pytest

from jupyterlab_modelarts.client.errors import BadRequestError
from jupyterlab_modelarts.client.ids import MAX_ID, is_id, parse_id
from jupyterlab_modelarts.client.query import MAX_SEARCH_LENGTH, JobQuery
from jupyterlab_modelarts.client.status import STATUS_KINDS, Status, describe


@pytest.mark.parametrize("good", ["1", "182626", "0182626", str(MAX_ID), 7, MAX_ID])
def test_ids_accepted_and_canonical(good: object) -> None:
    assert parse_id("job_id", good) == str(int(good))  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "424242\n",
        " 1",
        "+1",
        "-1",
        "1.0",
        "..",
        "\uff11\uff12",
        str(MAX_ID + 1),
        "1" * 20,
        True,
        None,
        1.5,
    ],
)
def test_ids_refused_with_the_parameter_named(bad: object) -> None:
    with pytest.raises(BadRequestError) as caught:
        parse_id("version_id", bad)
    assert "version_id" in caught.value.message
    assert caught.value.error_code == "ModelArts.0104"
    assert not is_id(bad)


def test_job_query_normalises_strings() -> None:
    query = JobQuery.from_params({"search": "mnist", "status": "8", "page": "2", "per_page": ""})
    assert (query.search_content, query.status, query.page, query.per_page) == ("mnist", 8, 2, 10)
    assert JobQuery.from_params(query.params()) == query


@pytest.mark.parametrize(
    "params",
    [
        {"search": "x" * (MAX_SEARCH_LENGTH + 1)},
        {"sort_by": "engine_type"},
        {"order": "up"},
        {"page": "0"},
        {"per_page": "1001"},
        {"status": "eight"},
        {"page": "1\n"},
    ],
)
def test_job_query_refuses_what_modelarts_refuses(params: dict[str, str]) -> None:
    with pytest.raises(BadRequestError):
        JobQuery.from_params(params)


def test_every_status_has_one_kind_and_only_running_is_stoppable() -> None:
    for status in Status:
        info = describe(int(status))
        assert info.kind in STATUS_KINDS
        assert info.stoppable is (status is Status.JOBSTAT_RUNNING)
    assert describe(22).name == "MOUNT_FAILED" and describe(22).kind == "failed"
    assert describe(9).kind == "stopping" and describe(12).kind == "canceled"


@pytest.mark.parametrize("hostile", [99, "x", None, float("inf"), 1e400])
def test_unknown_status_is_unknown_not_an_exception(hostile: object) -> None:
    info = describe(hostile)
    assert info.kind == "unknown" and not info.stoppable
