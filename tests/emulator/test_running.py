"""Running the emulator: in-process on the test's loop, and standalone."""

from __future__ import annotations

import json
import subprocess
import sys

import requests
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from jupyterlab_modelarts.emulator import Emulator, EmulatorConfig
from jupyterlab_modelarts.emulator.__main__ import banner, config_from_args, parse_args


async def test_in_process_listen_on_running_loop():
    emulator = Emulator(EmulatorConfig(project_id="p" * 32))
    url = emulator.listen(0)
    client = AsyncHTTPClient()
    try:
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": "demo",
                            "password": "demo-password",
                            "domain": {"name": "demo-account"},
                        }
                    },
                },
                "scope": {"project": {"id": "p" * 32}},
            }
        }
        issued = await client.fetch(url + "/v3/auth/tokens", method="POST", body=json.dumps(body))
        assert issued.code == 201
        token = issued.headers["X-Subject-Token"]
        answer = await client.fetch(
            url + "/v1/" + "p" * 32 + "/training-jobs/182626/versions?per_page=2&page=1",
            headers={"X-Auth-Token": token},
        )
        assert [v["version_id"] for v in json.loads(answer.body)["versions"]] == [278813, 278812]
        try:
            await client.fetch(url + "/v1/" + "p" * 32 + "/training-jobs")
        except HTTPClientError as error:
            assert error.code == 401
        else:
            raise AssertionError("unauthenticated request was accepted")
    finally:
        emulator.stop()


def test_cli_options_map_to_config():
    args = parse_args(["--port", "0", "--lenient-stop", "--kill-delay", "3", "--clock-speed", "2"])
    config = config_from_args(args)
    assert config.stoppable_statuses == frozenset({1, 2, 4, 7, 8})
    assert (config.kill_delay, config.clock_speed) == (3.0, 2.0)
    text = banner("http://127.0.0.1:1", config)
    for value in (config.access_key, config.secret_key, config.project_id, config.password):
        assert value in text


def test_standalone_prints_endpoint_and_serves():
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab_modelarts.emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("ModelArts emulator listening on http://127.0.0.1:")
        url = first.rsplit(" ", 1)[1].strip()
        lines = [process.stdout.readline() for _ in range(11)]
        assert any("EMULATORACCESSKEY0001" in line for line in lines)
        assert requests.get(url + "/_emulator/config", timeout=10).json()["region"] == "emulator-1"
    finally:
        process.terminate()
        process.wait(10)
