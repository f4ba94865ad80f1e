"""Drift bugs of issue 10: each fact has one home, and every path answers by it.

* the status table: every REST version carries the table's ``status_kind`` (and
  name, label, ``stoppable``) for every code 0-22 and an unknown one, and the stop
  route sends a stop exactly when ``stoppable`` says so;
* the id rule: the same hostile ids are 400 with no upstream call on every route,
  from ``local_api`` (checked before anything is sent) and from the SDK surface;
* the job-list rule: ``sort_by=engine_type`` and a 65-character search are refused
  by the routes, ``local_api`` and the SDK surface (the emulator: tests/emulator);
* the defaults: traits, the service and ``local_api`` use the named constants.
"""

from __future__ import annotations

import inspect
import json
import socket
import subprocess
import sys

import pytest
from support import assert_error_body

from jupyterlab_modelarts.app import ModelArtsExtension
from jupyterlab_modelarts.client.config import (
    DEFAULT_CACHE_TTL,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_LOCAL_API_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
)
from jupyterlab_modelarts.client.query import MAX_SEARCH_LENGTH
from jupyterlab_modelarts.client.status import describe
from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.localapi import LocalAPI, LocalAPIError, ServerRef
from jupyterlab_modelarts.sdk import Estimator, Session
from jupyterlab_modelarts.service import ModelArtsService

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)

#: Refused by the one id rule: trailing newline, 20 digits, 2^63, a dot segment, a sign.
HOSTILE_IDS = ["424242\n", "1" * 20, str(2**63), "..", "+1"]

#: Refused by the one job-list rule (``client/query.py``).
REFUSED_QUERIES = [{"sort_by": "engine_type"}, {"search": "x" * (MAX_SEARCH_LENGTH + 1)}]


def _closed_port_url() -> str:
    """A loopback URL nothing listens on: any request to it fails to connect."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


def _offline_local_api() -> LocalAPI:
    """A LocalAPI whose server cannot be reached: only a client-side check can answer."""
    return LocalAPI(ServerRef(_closed_port_url(), "", "test"), timeout=5)


def _sdk_session(emulator) -> Session:
    return Session(config=emulator.client_config())


def _assert_sdk_refusal(answer: dict) -> None:
    assert answer["is_success"] is False and answer["error_code"] == "ModelArts.0104", answer


# -- the status table ----------------------------------------------------------


@pytest.mark.modelarts(cache_ttl=0.0)
@pytest.mark.parametrize("code", [*range(23), 99])
async def test_every_status_code_reaches_rest_as_the_table_says(api, emulator, code):
    info = describe(code)
    emulator.freeze()
    emulator.pin_status(MNIST_JOB, MNIST_RUNNING_VERSION, code)
    listed = await api("training-jobs", JOB, "versions")
    one = await api("training-jobs", JOB, "versions", RUNNING)
    row = next(v for v in listed.body["versions"] if v["version_id"] == MNIST_RUNNING_VERSION)
    for version in (row, one.body):
        assert version["status"] == code
        assert version["status_kind"] == info.kind
        assert (version["status_name"], version["status_label"]) == (info.name, info.label)
        assert version["stoppable"] is info.stoppable
    if code == 22:
        assert one.body["status_name"] == "MOUNT_FAILED"
    jobs = await api("training-jobs", params={"per_page": "50"})
    job = next(j for j in jobs.body["jobs"] if j["job_id"] == MNIST_JOB)
    assert (job["status"], job["status_kind"]) == (code, info.kind)
    stop = await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST")
    assert stop.code == (200 if info.stoppable else 409), stop.body
    assert emulator.count("stop_version") == (1 if info.stoppable else 0)


# -- the id rule ---------------------------------------------------------------


def _id_routes(bad: str) -> list[tuple[tuple[str, ...], str]]:
    """Every route taking ids, with ``bad`` in each id position."""
    return [
        (("training-jobs", bad, "versions"), "GET"),
        (("training-jobs", bad, "versions", RUNNING), "GET"),
        (("training-jobs", JOB, "versions", bad), "GET"),
        (("training-jobs", bad, "versions", RUNNING, "stop"), "POST"),
        (("training-jobs", JOB, "versions", bad, "stop"), "POST"),
    ]


@pytest.mark.parametrize("bad", HOSTILE_IDS)
async def test_hostile_ids_are_400_on_every_route_without_upstream_call(api, emulator, bad):
    for parts, method in _id_routes(bad):
        assert_error_body(await api(*parts, method=method), 400, "ModelArts.0104")
    assert emulator.stats()["total"] == 0


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_hostile_ids_are_refused_by_local_api_before_sending(bad):
    api = _offline_local_api()
    calls = [
        lambda: api.list_versions(bad),
        lambda: api.get_version(bad, RUNNING),
        lambda: api.get_version(JOB, bad),
        lambda: api.stop_version(bad, RUNNING),
        lambda: api.stop_version(JOB, bad),
    ]
    for call in calls:
        with pytest.raises(LocalAPIError) as refused:
            call()
        assert (refused.value.status, refused.value.error_code) == (400, "ModelArts.0104")
        assert refused.value.body["is_success"] is False


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_hostile_ids_are_refused_by_the_sdk_surface(emulator, bad):
    session = _sdk_session(emulator)
    _assert_sdk_refusal(Estimator(session, job_id=bad).get_job_version_info())
    _assert_sdk_refusal(Estimator(session, job_id=JOB, version_id=bad).get_job_version_info())
    _assert_sdk_refusal(Estimator(session, job_id=bad, version_id=RUNNING).get_job_info())
    _assert_sdk_refusal(Estimator(session, job_id=JOB, version_id=bad).stop_job_version())
    _assert_sdk_refusal(Estimator(session, job_id=bad, version_id=RUNNING).stop_job_version())
    assert emulator.stats()["total"] == 0


# -- the job-list rule ---------------------------------------------------------


@pytest.mark.parametrize("params", REFUSED_QUERIES)
async def test_refused_job_queries_are_400_from_the_routes(api, emulator, params):
    assert_error_body(await api("training-jobs", params=params), 400, "ModelArts.0104")
    assert emulator.stats()["total"] == 0


async def test_the_longest_documented_search_is_accepted(api, emulator):
    reply = await api("training-jobs", params={"search": "x" * MAX_SEARCH_LENGTH})
    assert reply.code == 200 and reply.body["jobs"] == []
    assert emulator.count("list_jobs") == 1


@pytest.mark.parametrize("params", REFUSED_QUERIES)
def test_refused_job_queries_are_refused_by_local_api_before_sending(params):
    with pytest.raises(LocalAPIError) as refused:
        _offline_local_api().list_jobs(**params)
    assert (refused.value.status, refused.value.error_code) == (400, "ModelArts.0104")


@pytest.mark.parametrize(
    "options", [{"sortBy": "engine_type"}, {"sort_by": "engine_type"}, {"search_content": "x" * 65}]
)
def test_refused_job_queries_are_refused_by_the_sdk_surface(emulator, options):
    _assert_sdk_refusal(Estimator.get_job_list(_sdk_session(emulator), **options))
    assert emulator.stats()["total"] == 0


# -- the defaults --------------------------------------------------------------


def test_trait_service_and_local_api_defaults_are_the_named_constants():
    extension = ModelArtsExtension()
    assert extension.connect_timeout == DEFAULT_CONNECT_TIMEOUT
    assert extension.request_timeout == DEFAULT_READ_TIMEOUT
    assert extension.cache_ttl == DEFAULT_CACHE_TTL
    config = extension.client_config()
    assert (config.connect_timeout, config.read_timeout) == (
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
    )
    ttl = inspect.signature(ModelArtsService).parameters["cache_ttl"].default
    assert ttl == DEFAULT_CACHE_TTL
    assert LocalAPI(ServerRef("http://127.0.0.1:1/", "", "test")).timeout == (
        DEFAULT_LOCAL_API_TIMEOUT
    )


# -- local_api is a plain function, exported lazily ----------------------------


def test_local_api_is_a_plain_function_and_the_package_import_stays_light():
    probe = (
        "import inspect, json, sys\n"
        "import jupyterlab_modelarts as package\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'requests'"
        " or m.startswith('jupyterlab_modelarts.client'))\n"
        "print(json.dumps([inspect.isfunction(package.local_api), loaded]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert json.loads(out) == [True, []]
