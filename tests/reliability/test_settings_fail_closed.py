"""Issue 12 item 2: an invalid setting never falls back to defaults.

Every route answers 503 ``jupyterlab-modelarts.config`` with a message naming the
setting and its valid values, nothing goes upstream (no metadata probe), and a
real server logs one ERROR line saying the same. The single-string form of a
list setting is one item, from a config file and from the command line.
"""

from __future__ import annotations

import pytest
from support import assert_error_body, extension_traits, version_parts

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

from .server_process import ServerProcess

CONFIG_ERROR = "jupyterlab-modelarts.config"
ROUTES = [
    ("GET", ("session",)),
    ("GET", ("training-jobs",)),
    ("GET", ("training-jobs", str(MNIST_JOB), "versions")),
    ("GET", version_parts(MNIST_JOB, MNIST_RUNNING_VERSION)),
    ("POST", version_parts(MNIST_JOB, MNIST_RUNNING_VERSION, "stop")),
    ("GET", ("openapi.json",)),
]


async def _every_route_refuses(api, emulator, *expected: str) -> None:
    for method, parts in ROUTES:
        reply = await api(*parts, method=method)
        assert_error_body(reply, 503, CONFIG_ERROR)
        for text in expected:
            assert text in reply.body["message"], reply.body
        assert "Retry-After" not in reply.headers
    assert emulator.stats()["total"] == 0, emulator.stats()["log"]  # nothing went upstream


@pytest.mark.modelarts(credential_sources=["config", "notebook-session"])
async def test_a_typo_in_credential_sources_refuses_every_route(api, emulator):
    await _every_route_refuses(
        api, emulator, "credential_sources", "'notebook-session'", "'notebook session'"
    )


@pytest.mark.modelarts(connect_timeout="soon")
async def test_a_value_of_the_wrong_type_refuses_every_route(api, emulator):
    await _every_route_refuses(api, emulator, "connect_timeout", "expected a float")


@pytest.mark.modelarts(request_timeout=-1.0, cache_max_bytes=-5)
async def test_out_of_range_numbers_refuse_every_route(api, emulator):
    await _every_route_refuses(api, emulator, "request_timeout", "cache_max_bytes", ">= ")


@pytest.mark.modelarts(secret_key="SECRET-AS-A-VALUE-0123")
async def test_a_secret_given_as_a_value_is_refused_by_name(api, emulator):
    await _every_route_refuses(api, emulator, "secret_key", "secret_key_file", "HUAWEICLOUD_SDK_SK")
    reply = await api("session")
    assert "SECRET-AS-A-VALUE-0123" not in reply.text


@pytest.mark.modelarts(password_file="/nonexistent/modelarts-password")
async def test_an_unreadable_secret_file_is_refused(api, emulator):
    await _every_route_refuses(api, emulator, "password_file", "FileNotFoundError")


@pytest.mark.modelarts(credential_sources="config")
async def test_one_string_in_a_config_file_is_one_item(api, emulator):
    assert (await api("session")).body["source"] == "config"
    assert (await api("training-jobs", str(MNIST_JOB), "versions")).code == 200


class TestOneStringOnTheCommandLine:
    @pytest.fixture
    def jp_argv(self):
        return ["--ModelArtsExtension.credential_sources=IAM password"]  # as a shell passes it

    @pytest.mark.modelarts(credential_sources=None)
    async def test_is_one_item(self, jp_serverapp, api):
        extension = jp_serverapp.extension_manager.extension_points["jupyterlab_modelarts"].app
        assert extension.credential_sources == ["IAM password"]
        assert extension.client_config().credential_sources == ("IAM password",)
        reply = await api("session")  # no username configured: says so, tried only that source
        assert [s["name"] for s in reply.body["sources_tried"]] == ["IAM password"], reply.body


def test_a_real_server_logs_one_error_line_naming_the_setting(_emulator_session, tmp_path):
    traits = extension_traits(_emulator_session, credential_sources=["config", "notebook-session"])
    server = ServerProcess(tmp_path, traits, log_level="INFO")
    try:
        server.wait_ready(expect_status=503)
        reply = server.get("jupyterlab-modelarts/training-jobs")
        assert reply.status_code == 503 and reply.json()["error_code"] == CONFIG_ERROR
    finally:
        server.stop()
    errors = [line for line in server.log_text().splitlines() if line.startswith("[E ")]
    named = [line for line in errors if "credential_sources" in line and "'IAM password'" in line]
    assert len(named) == 1, errors
    assert "notebook-session" in named[0]
