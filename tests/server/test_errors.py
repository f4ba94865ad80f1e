"""Every upstream failure mapped to HTTP (http_errors.ERROR_TABLE), by real emulator faults."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.handler_base import SERVICE_SETTING

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)


@pytest.mark.parametrize(
    ("fault", "status", "error_code"),
    [
        ({"kind": "error", "status": 500}, 502, "ModelArts.0010"),
        (
            {
                "kind": "error",
                "status": 401,
                "error_code": "APIGW.0301",
                "error_msg": "Incorrect IAM authentication information: verify aksk signature fail",
            },
            502,
            "APIGW.0301",
        ),
        (
            {
                "kind": "error",
                "status": 403,
                "error_code": "ModelArts.0108",
                "error_msg": "You are not authorized to perform the (list) operation.",
            },
            502,
            "ModelArts.0108",
        ),
        (
            {
                "kind": "error",
                "status": 401,
                "error_code": "ModelArts.0202",
                "error_msg": "Token expired",
            },
            502,
            "ModelArts.0202",
        ),
        ({"kind": "error", "status": 404, "error_code": "ModelArts.0102"}, 404, "ModelArts.0102"),
        ({"kind": "error", "status": 400, "error_code": "ModelArts.0107"}, 400, "ModelArts.0107"),
        ({"kind": "non_json", "status": 403, "body": "Forbidden"}, 502, "ModelArts.0108"),
        ({"kind": "malformed_json"}, 502, None),
        ({"kind": "non_json", "status": 502, "body": "<html>bad gateway</html>"}, 502, None),
    ],
    ids=[
        "server-error",
        "apigw-auth",
        "no-permission",
        "token-expired",
        "not-found",
        "bad-param",
        "bare-403",
        "malformed-json",
        "html",
    ],
)
async def test_upstream_failures_map_to_http(api, emulator, fault, status, error_code):
    emulator.set_fault("list_versions", **fault)
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, status, error_code)
    assert reply.code not in (401, 403), "a cloud auth failure must not look like Jupyter's own"


async def test_throttling_is_503_with_retry_after(api, emulator):
    # The stop is never retried by the client, so the 429 comes straight back.
    emulator.set_fault("stop_version", "throttle", retry_after=7)
    reply = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert_error_body(reply, 503)
    assert reply.body["error_code"] in ("ModelArts.0114", "APIGW.0308")
    assert reply.headers["Retry-After"] == "7"


async def test_throttled_reads_are_503_after_the_clients_retries(api, emulator):
    emulator.set_fault("list_jobs", "throttle", retry_after=0.2)
    reply = await api("training-jobs")
    assert_error_body(reply, 503)
    assert emulator.count("list_jobs") == 3  # the client's two retries, then the answer
    assert int(reply.headers["Retry-After"]) >= 1


@pytest.mark.modelarts(connect_timeout=0.2, request_timeout=0.3)
async def test_timeouts_are_504(api, emulator):
    emulator.set_fault("get_version", "latency", latency=1.5)
    reply = await api("training-jobs", JOB, "versions", RUNNING)
    assert_error_body(reply, 504, "ModelArts.0012")
    await asyncio.sleep(1.6)  # let the abandoned calls finish in the shared emulator


@pytest.mark.modelarts(endpoint="http://127.0.0.1:9", connect_timeout=0.5)
async def test_unreachable_modelarts_is_502(api):
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, 502, "ModelArts.0013")


@pytest.mark.modelarts(access_key=None, secret_key_file=None, credential_sources=["config"])
async def test_no_credentials(api, emulator):
    session = await api("session")
    assert session.code == 200
    assert session.body["source"] is None
    assert session.body["emulated"] is False
    assert (session.body["endpoint"], session.body["region"]) == (
        emulator.url,
        emulator.config.region,
    )
    assert "config" in session.body["error"]
    assert [s["name"] for s in session.body["sources_tried"]] == ["config"]
    assert all(s["reason"] for s in session.body["sources_tried"])

    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, 502, "ModelArts.0201")
    assert [s["name"] for s in reply.body["sources_tried"]] == ["config"]
    assert "credentials" in reply.body["message"]
    assert emulator.stats()["total"] == 0


async def test_unexpected_errors_are_500_without_traceback(api, jp_serverapp, monkeypatch):
    service = jp_serverapp.web_app.settings[SERVICE_SETTING]

    async def broken(job_id):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "list_versions", broken)
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, 500, "ModelArts.0010")
    assert "secret internals" not in json.dumps(reply.body)


async def test_no_secret_in_any_answer_or_log(api, emulator, caplog):
    caplog.set_level(logging.DEBUG)
    emulator.set_fault(
        "list_jobs",
        "error",
        status=401,
        error_code="APIGW.0301",
        error_msg="verify aksk signature fail",
    )
    answers = [
        await api("session"),
        await api("training-jobs"),
        await api("training-jobs", JOB, "versions"),
        await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST"),
        await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST"),
    ]
    text = json.dumps([a.body for a in answers]) + json.dumps([dict(a.headers) for a in answers])
    logs = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (emulator.config.secret_key, emulator.config.access_key):
        assert secret not in text
        assert secret not in logs
