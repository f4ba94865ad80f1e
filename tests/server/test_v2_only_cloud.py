"""A cloud that serves only v2 (the emulator with v1 turned off): the session says so."""

from __future__ import annotations

import pytest
from support import EmulatorHandle, assert_error_body, extension_traits

from jupyterlab_modelarts.emulator.v2_demo import V2_DEMO_TOTAL, V2_RUNNING


@pytest.fixture
def v2_only(make_emulator) -> EmulatorHandle:
    return make_emulator(serve_v1=False)


@pytest.fixture
def emulator_traits(v2_only):
    """The suite's server points at the v2-only emulator."""
    return extension_traits(v2_only)


async def test_v1_is_gone_and_v2_works(api, v2_only):
    assert (await api("session")).body["apis"] == {"v1": None, "v2": None}
    listed = await api("v2", "training-jobs")
    assert listed.code == 200 and listed.body["total"] == V2_DEMO_TOTAL
    gone = await api("training-jobs")
    # Issue 11: the gateway's 404 APIGW.0101 on the v1 routes is our own, distinct code.
    assert_error_body(gone, 404, "jupyterlab-modelarts.v1-retired")
    assert (await api("session")).body["apis"] == {"v1": False, "v2": True}
    stop = await api("v2", "training-jobs", V2_RUNNING, "stop", method="POST")
    assert stop.code == 200
    assert v2_only.count("terminate_training_job") == 1
