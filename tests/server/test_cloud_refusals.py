"""What the panel is told when the cloud says no (issue 11, item 7).

Each refusal comes from the emulator (a fault with the documented status and
code) through the extension's routes; the answer keeps ModelArts' code and
says what to do.
"""

from __future__ import annotations

import pytest
from support import assert_error_body, version_parts

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

pytestmark = pytest.mark.modelarts(cache_ttl=0.0)
VERSIONS = ("training-jobs", str(MNIST_JOB), "versions")
STOP = version_parts(MNIST_JOB, MNIST_RUNNING_VERSION, "stop")


@pytest.mark.parametrize("code", ["ModelArts.0108", "ModelArts.0112"])
async def test_a_refused_list_names_the_agency_permission(api, emulator, code):
    emulator.set_fault("list_versions", "error", status=403, error_code=code)
    reply = await api(*VERSIONS)
    assert_error_body(reply, 502, code)
    assert "modelarts:trainJobVersion:list" in reply.body["error_msg"]
    assert "agency" in reply.body["error_msg"]


async def test_a_refused_stop_names_the_stop_permission(api, emulator):
    emulator.set_fault("stop_version", "error", status=403, error_code="ModelArts.0112")
    reply = await api(*STOP, method="POST")
    assert_error_body(reply, 502, "ModelArts.0112")
    assert "modelarts:trainJobVersion:stop" in reply.body["error_msg"]


@pytest.mark.parametrize(
    ("status", "upstream_code", "answer", "our_code", "says"),
    [
        (401, "ModelArts.0428", 502, "ModelArts.0428", "global configuration"),
        # A route the gateway does not publish: not found here too, with our own code.
        (404, "APIGW.0101", 404, "jupyterlab-modelarts.v1-retired", "no longer serves old-version"),
    ],
)
async def test_an_agency_not_authorized_or_a_region_without_v1(
    api, emulator, status, upstream_code, answer, our_code, says
):
    emulator.set_fault("list_versions", "error", status=status, error_code=upstream_code)
    reply = await api(*VERSIONS)
    assert_error_body(reply, answer, our_code)
    assert says in reply.body["error_msg"]


@pytest.mark.parametrize("code", ["APIGW.0308", "ModelArts.2799"])
async def test_throttling_codes_are_throttling(api, emulator, code):
    emulator.set_fault("list_versions", "error", status=429, error_code=code)
    reply = await api(*VERSIONS)
    assert_error_body(reply, 503, code)
    assert reply.headers.get("Retry-After")


async def test_an_unknown_job_is_404_although_modelarts_says_400(api, emulator):
    assert emulator.config.not_found_status == 400  # the documented status of ModelArts.0102
    reply = await api("training-jobs", "777", "versions")
    assert_error_body(reply, 404, "ModelArts.0102")
