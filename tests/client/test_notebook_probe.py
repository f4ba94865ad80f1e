"""The notebook session asked of another Python: real child processes, a stand-in SDK.

The stand-in ``modelarts`` package below is the one boundary faked here: the real
legacy SDK is not published on any registry this project can install from.
"""

from __future__ import annotations

import asyncio
import json
import sys
import textwrap
from pathlib import Path

import pytest

from jupyterlab_modelarts.client import AsyncModelArtsClient, ClientConfig, ModelArtsClient
from jupyterlab_modelarts.client.notebook_env import (
    PLATFORM_PYTHON,
    Candidate,
    candidates,
    first_sdk_folder,
    is_modelarts_notebook,
)
from jupyterlab_modelarts.client.notebook_probe import ProbeReport, probe

KEYS = {
    "access_key": "AK-STANDIN-1",
    "secret_key": "SK-very-secret-1",
    "security_token": "TOKEN-very-secret-1",
    "project_id": "p" * 32,
    "region_name": "cn-north-4",
    "user_id": "u-42",
}
SESSION_CODE = {
    "ok": """
        import json, os
        print("modelarts SDK banner on stdout")  # the real SDK prints on import
        class Session:
            def __init__(self):
                for k, v in json.load(open(os.environ["STANDIN_KEYS"])).items():
                    setattr(self, k, v)
    """,
    "broken": """
        class Session:
            def __init__(self):
                raise RuntimeError("cannot reach the agency with SK-very-secret-1")
    """,
    "slow": """
        import time
        class Session:
            def __init__(self):
                time.sleep(30)
    """,
}


def standin_sdk(root: Path, kind: str) -> str:
    """A folder holding a stand-in ``modelarts.session`` of the given kind."""
    package = root / kind / "modelarts"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "session.py").write_text(textwrap.dedent(SESSION_CODE[kind]))
    return str(root / kind)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(KEYS))
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "STANDIN_KEYS": str(keys)}


def probe_sync(candidates_: list[Candidate], env: dict[str, str], timeout: float = 20.0):
    """The probe run by the blocking client's driver (``subprocess``)."""
    with ModelArtsClient(ClientConfig()) as client:
        return client.run(probe(candidates_, env, timeout))


async def probe_async(candidates_: list[Candidate], env: dict[str, str], timeout: float):
    """The probe run by the non-blocking client's driver (asyncio subprocesses)."""
    client = AsyncModelArtsClient(ClientConfig())
    try:
        return await client.run(probe(candidates_, env, timeout))
    finally:
        client.close()


def both(
    candidates_: list[Candidate], env: dict[str, str], timeout: float = 20.0
) -> tuple[ProbeReport, ProbeReport]:
    """The sync and the async driver's reports for the same candidates."""
    return probe_sync(candidates_, env, timeout), asyncio.run(
        probe_async(candidates_, env, timeout)
    )


def test_first_candidate_that_yields_wins_and_secrets_stay_out_of_the_report(tmp_path, env):
    sdk = standin_sdk(tmp_path, "ok")
    tried = [
        Candidate(str(tmp_path / "no-such-python"), None, "configured"),
        Candidate(sys.executable, None, "kernelspec"),
        Candidate(sys.executable, sdk, "image + SDK folder"),
        Candidate("/never/reached/python", None, "image"),
    ]
    for report in both(tried, env):
        assert report.credentials is not None
        assert report.credentials.access_key == KEYS["access_key"]
        assert report.credentials.secret_key == KEYS["secret_key"]
        assert report.credentials.user_id == "u-42" and report.credentials.python == sys.executable
        outcomes = [outcome for _, outcome in report.attempts]
        assert outcomes == ["not found", "not importable (ModuleNotFoundError)", "ok"]
        shown = repr(report)
        assert KEYS["secret_key"] not in shown and KEYS["security_token"] not in shown


def test_a_broken_sdk_reports_only_its_exception_type(tmp_path, env):
    tried = [Candidate(sys.executable, standin_sdk(tmp_path, "broken"), "configured")]
    for report in both(tried, env):
        assert report.credentials is None
        assert report.attempts[0][1] == "failed (RuntimeError)"
        assert "SK-very-secret-1" not in repr(report)


def test_a_hanging_sdk_is_killed_at_the_timeout(tmp_path, env):
    tried = [Candidate(sys.executable, standin_sdk(tmp_path, "slow"), "configured")]
    for report in both(tried, env, timeout=1.0):
        assert report.credentials is None
        assert report.attempts == [(tried[0].describe(), "timed out after 1 s")]


def test_the_servers_own_pythonpath_does_not_reach_the_child(tmp_path, env):
    env["PYTHONPATH"] = standin_sdk(tmp_path, "ok")
    report = probe_sync([Candidate(sys.executable, None, "kernelspec")], env)
    assert report.credentials is None


def test_notebook_detection():
    assert is_modelarts_notebook({"INSTANCE_ID": "i", "PROJECT_ID": "p"}, exists=lambda _: False)
    assert not is_modelarts_notebook({"PROJECT_ID": "p"}, exists=lambda _: False)
    assert is_modelarts_notebook({}, exists=lambda path: path == "/opt/huawei/modelarts-dev")
    assert not is_modelarts_notebook({}, exists=lambda _: False)


def test_candidate_order_configured_then_kernels_then_image():
    env = {"ENV_NAME": "PyTorch-1.8", "HOME": "/home/ma-user"}
    sdk = "/home/ma-user/modelarts-dev/modelarts-sdk"
    assert first_sdk_folder(env, exists=lambda path: path == sdk) == sdk
    found = candidates(
        configured_python="/opt/py/bin/python",
        configured_sdk_path="/opt/sdk",
        kernel_pythons=[("/k/default/bin/python", None), ("/opt/py/bin/python", "/opt/sdk")],
        env=env,
        exists=lambda path: path == sdk,
    )
    assert [(c.python, c.pythonpath) for c in found] == [
        ("/opt/py/bin/python", "/opt/sdk"),
        ("/k/default/bin/python", None),
        ("/home/ma-user/anaconda3/envs/PyTorch-1.8/bin/python", None),
        ("/home/ma-user/anaconda3/envs/PyTorch-1.8/bin/python", sdk),
        ("/home/ma-user/anaconda3/bin/python", None),
        ("/home/ma-user/anaconda3/bin/python", sdk),
        (PLATFORM_PYTHON, None),
        (PLATFORM_PYTHON, sdk),
    ]
