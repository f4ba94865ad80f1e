"""``python -m jupyterlab_modelarts doctor`` in a simulated notebook, SDK working or broken.

A real child process with the server's environment: the kernelspec of a second
venv holding the stand-in SDK on ``JUPYTER_PATH``, ``INSTANCE_ID``/``PROJECT_ID``
set, ModelArts on the emulator. Both outcomes are asserted, and no secret shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support.notebook import KEYS_ENV, make_kernel_python, write_kernelspec, write_keys

SECRET = "SK-never-printed-by-the-doctor"


@pytest.fixture
def notebook_env(tmp_path, emulator) -> dict[str, str]:
    python = make_kernel_python(tmp_path)
    write_kernelspec(tmp_path / "data", "modelarts-pytorch", python)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HUAWEICLOUD_SDK_", "MODELARTS_", "JUPYTER_"))
    }
    env.update(
        JUPYTER_PATH=str(tmp_path / "data"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        INSTANCE_ID="notebook-instance-1",
        PROJECT_ID=emulator.config.project_id,
        MODELARTS_ENDPOINT=emulator.url,
        MODELARTS_REGION=emulator.config.region,
        **{KEYS_ENV: str(tmp_path / "keys.json")},
    )
    return env


def doctor(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "jupyterlab_modelarts", "doctor", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert SECRET not in done.stdout + done.stderr
    return done.stdout


def test_with_a_working_sdk_the_doctor_lists_through_it(notebook_env, emulator, tmp_path):
    keys = emulator.temporary_keys()
    write_keys(
        tmp_path / "keys.json",
        {
            "access_key": keys["access"],
            "secret_key": keys["secret"],
            "security_token": keys["securitytoken"],
            "user_id": "u-1",
        },
    )
    report = json.loads(doctor(notebook_env, "--json"))
    steps = {step["step"]: step for step in report["steps"]}
    assert steps["ModelArts notebook"]["ok"] is True
    assert steps["credentials"]["outcome"].startswith("notebook session (")
    assert "kernel-env" in steps["credentials"]["outcome"]
    assert steps["signed list call"] == {
        "step": "signed list call",
        "ok": True,
        "outcome": steps["signed list call"]["outcome"],
    }
    assert steps["signed list call"]["outcome"].startswith("HTTP 200")
    assert keys["secret"] not in json.dumps(report)
    text = doctor(notebook_env)
    assert "[ok] signed list call: HTTP 200" in text and "Next: Nothing" in text


def test_with_a_broken_sdk_the_doctor_names_the_failure_and_the_remedy(notebook_env, tmp_path):
    write_keys(tmp_path / "keys.json", {"broken": True, "secret_key": SECRET})
    report = json.loads(doctor(notebook_env, "--json"))
    steps = {step["step"]: step for step in report["steps"]}
    assert steps["ModelArts notebook"]["ok"] is True
    notebook = steps["credential source: notebook session"]
    assert notebook["ok"] is False and "failed (ValueError)" in notebook["outcome"]
    assert "credential source: metadata service" not in steps  # not inside a notebook
    assert "agency" in report["next_step"]
    assert "Next:" in doctor(notebook_env)
