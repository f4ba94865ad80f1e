"""The v1 calls end to end: job list filters, version details, unknown fields, stop."""

from __future__ import annotations

import json

import pytest

from jupyterlab_modelarts.client import AuthError, BadRequestError, ForbiddenError, NotFoundError
from jupyterlab_modelarts.client.http import Response
from jupyterlab_modelarts.client.query import JobQuery
from jupyterlab_modelarts.client.responses import error_from_response

MNIST, RUNNING = 182626, 278813


def test_list_jobs_filters_sorting_and_paging(emu, call):
    config = emu.aksk()
    everything = call(config, "list_jobs", JobQuery(per_page=100))
    assert everything.job_total_count == len(everything.jobs) == 5
    found = call(config, "list_jobs", JobQuery(search_content="mnist"))
    assert [j.job_name for j in found.jobs] == ["mnist-resnet"]
    running = call(config, "list_jobs", JobQuery(status=8, per_page=100))
    assert running.jobs and all(j.status == 8 for j in running.jobs)
    names = [
        j.job_name
        for j in call(config, "list_jobs", JobQuery(sort_by="job_name", order="desc")).jobs
    ]
    assert names == sorted(names, reverse=True)
    first = call(config, "list_jobs", JobQuery(per_page=2, page=1, sort_by="job_name", order="asc"))
    second = call(
        config, "list_jobs", JobQuery(per_page=2, page=2, sort_by="job_name", order="asc")
    )
    assert len(first.jobs) == 2 and not {j.job_id for j in first.jobs} & {
        j.job_id for j in second.jobs
    }


def test_bad_list_arguments_are_refused_before_sending(emu, call):
    with pytest.raises(BadRequestError):
        call(emu.aksk(), "list_jobs", JobQuery(order="sideways"))
    with pytest.raises(BadRequestError):
        call(emu.aksk(), "list_jobs", JobQuery(per_page=1001))
    assert emu.admin.stats()["total"] == 0


def test_version_details_and_stop(emu, call):
    version = call(emu.aksk(), "get_version", MNIST, RUNNING)
    assert version.status == 8 and version.status_info.running
    assert version.job_id == MNIST and version.to_dict()["version_id"] == RUNNING
    assert call(emu.aksk(), "stop_version", MNIST, RUNNING) == {"is_success": True}
    assert call(emu.aksk(), "get_version", MNIST, RUNNING).status in (9, 12, 13)
    with pytest.raises(ForbiddenError):
        call(emu.aksk(), "stop_version", MNIST, RUNNING)


def test_unknown_and_odd_fields_survive_the_round_trip(emu, call):
    emu.admin.load_data(
        {
            "jobs": [
                {
                    "job_id": 7,
                    "job_name": "odd",
                    "job_desc": "",
                    "versions": [
                        {
                            "version_id": 70,
                            "version_name": "V0001",
                            "status": 10,
                            "core": "4",
                            "cpu": 16,
                            "parameter": [{"label": "epochs", "value": 3}, {"label": "x"}],
                            "system_metric_list": {"cpuUsage": ["1"], "interval": 1},
                            "future_field": {"a": [1, "b"]},
                        }
                    ],
                }
            ]
        }
    )
    versions = call(emu.aksk(), "list_versions", 7)
    version = versions.versions[0]
    assert version.core == "4" and version.cpu == "16"
    assert version.parameters == {"epochs": 3, "x": None}
    assert version.system_metric_list == {"cpuUsage": ["1"], "interval": 1}
    assert version.extra["future_field"] == {"a": [1, "b"]}
    assert version.to_dict()["future_field"] == {"a": [1, "b"]}
    assert version.to_dict()["cpu"] == 16  # as upstream sent it


def test_token_renewed_only_once_when_the_retry_fails_too(emu, call):
    emu.admin.set_fault("list_jobs", "token_expired")
    config = emu.client_config(
        username=emu.config.username,
        password=emu.config.password,
        account=emu.config.domain,
        credential_sources=["IAM password"],
    )
    with pytest.raises(AuthError) as caught:
        call(config, "list_jobs")
    assert "token expires" in caught.value.message
    assert emu.admin.count("iam_token") == 2 and emu.admin.count("list_jobs") == 2


def test_permanent_keys_are_not_renewed_on_401(emu, call):
    with pytest.raises(AuthError):
        call(emu.aksk(secret_key="wrong-secret"), "list_jobs")
    assert emu.admin.count("list_jobs") == 1


@pytest.mark.parametrize(
    ("body", "headers", "expected"),
    [
        (
            {"is_success": False, "error_code": "ModelArts.0102", "error_message": "gone"},
            {},
            "gone",
        ),
        ({"is_success": False, "error_code": "ModelArts.0102", "error_msg": "gone2"}, {}, "gone2"),
        ({"error_code": "APIGW.0301", "error_msg": "bad", "request_id": "body-rid"}, {}, "bad"),
    ],
)
def test_error_body_shapes(body, headers, expected):
    # Pure parsing (sans-IO): both message keys, request id from the body or the header.
    response = Response(404, {"x-request-id": "hdr-rid", **headers}, json.dumps(body).encode())
    error = error_from_response(response, "x")
    assert error.message == expected and error.request_id == "hdr-rid"
    response = Response(401, {}, json.dumps(body).encode())
    error = error_from_response(response, "x")
    assert error.request_id == body.get("request_id")
    if body["error_code"] == "ModelArts.0102":
        assert isinstance(error, NotFoundError)
    else:
        assert isinstance(error, AuthError)


@pytest.mark.parametrize("text", ["中文 job", "a&b=c+d", "100% ~sure/?#", "ümlaut[1]"])
def test_reserved_and_non_ascii_queries_are_signed_as_sent(emu, call, text):
    # The emulator verifies the signature against what arrived on the wire.
    result = call(emu.aksk(), "list_jobs", JobQuery(search_content=text))
    assert result.jobs == []
    assert emu.admin.stats()["log"][-1]["status"] == 200
