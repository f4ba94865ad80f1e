"""The panel's routes in a simulated ModelArts notebook (issue 11): nothing configured.

The Jupyter server runs from the project's venv, where ``modelarts`` is not
importable; the legacy SDK (a stand-in, see ``support/notebook.py``) lives in a
second venv named by a kernelspec, as a real notebook's kernels hold it.
Witnesses: the emulator's request log and the stand-in's count of ``Session()``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from support import version_parts
from support.notebook import (
    CALLS_ENV,
    KEYS_ENV,
    make_kernel_python,
    session_calls,
    write_kernelspec,
    write_keys,
)

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

USER_ID = "u-behind-the-agency"
#: Nothing but where the (emulated) cloud is: no keys, no project, no region, no sources.
NOTHING = {
    "access_key": None,
    "secret_key": None,
    "credential_sources": None,
    "project_id": None,
    "region": None,
    "cache_ttl": 0.0,
}
pytestmark = pytest.mark.modelarts(**NOTHING)


@pytest.fixture(scope="module")
def kernel_python(tmp_path_factory) -> Path:
    """The second environment, holding the stand-in SDK (built once per module)."""
    return make_kernel_python(tmp_path_factory.mktemp("notebook"))


class Notebook:
    """The simulated notebook's files: the agency's keys and the count of ``Session()``."""

    def __init__(self, root: Path, emulator) -> None:
        self.keys, self.calls, self.emulator = root / "keys.json", root / "calls.txt", emulator

    def rotate(self, keys: dict[str, str] | None = None) -> None:
        """New temporary keys from the (emulated) agency, as ``Session()`` will read them."""
        keys = keys or self.emulator.temporary_keys()
        write_keys(
            self.keys,
            {
                "access_key": keys["access"],
                "secret_key": keys["secret"],
                "security_token": keys["securitytoken"],
                "project_id": self.emulator.config.project_id,
                "region_name": self.emulator.config.region,
                "user_id": USER_ID,
            },
        )

    def sessions(self) -> int:
        return session_calls(self.calls)


@pytest.fixture
def notebook(tmp_path, monkeypatch, emulator, kernel_python, jp_data_dir) -> Notebook:
    """INSTANCE_ID/PROJECT_ID set, the kernelspec on the server's path, keys in place."""
    nb = Notebook(tmp_path, emulator)
    for name in ("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "MODELARTS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INSTANCE_ID", "notebook-instance-1")
    monkeypatch.setenv("PROJECT_ID", emulator.config.project_id)
    monkeypatch.setenv(KEYS_ENV, str(nb.keys))
    monkeypatch.setenv(CALLS_ENV, str(nb.calls))
    write_kernelspec(jp_data_dir, "modelarts-pytorch", kernel_python)
    nb.rotate()
    emulator.clear_stats()  # the keys' own fetch is the test's, not the extension's
    return nb


def _log(emulator, *routes: str) -> list[dict]:
    return [e for e in emulator.stats()["log"] if e["route"] in routes]


async def test_list_and_stop_through_the_kernels_sdk(api, emulator, notebook, kernel_python):
    session = (await api("session")).body
    assert session["source"] == "notebook session" and session["notebook"] is True
    assert session["detail"] == str(kernel_python)
    assert session["project_id"] == emulator.config.project_id
    assert session["region"] == emulator.config.region
    assert (await api("training-jobs", str(MNIST_JOB), "versions")).code == 200
    stop = await api(*version_parts(MNIST_JOB, MNIST_RUNNING_VERSION, "stop"), method="POST")
    assert stop.code == 200, stop.body
    calls = _log(emulator, "list_versions", "get_version", "stop_version")
    assert {e["status"] for e in calls} == {200}
    for entry in calls:  # temporary-key signatures, the token and the user, all signed
        assert entry["auth"] == "temporary" and entry["security_token"] is True
        assert entry["user_id"] == USER_ID
        assert {"x-security-token", "x-modelarts-user-id"} <= set(entry["signed_headers"])
    assert _log(emulator, "metadata", "metadata_token") == []  # never the node's identity
    assert notebook.sessions() == 1


async def test_keys_expired_mid_session_are_acquired_again_once(api, emulator, notebook):
    assert (await api("training-jobs", str(MNIST_JOB), "versions")).code == 200
    emulator.expire(tokens=False, credentials=True)
    notebook.rotate()  # the agency's next keys, which the SDK would hand out now
    emulator.clear_stats()
    replies = await asyncio.gather(
        *(api("training-jobs", str(job), "versions") for job in range(1, 21))
    )
    assert {reply.code for reply in replies} <= {200, 404}
    assert (await api("training-jobs", str(MNIST_JOB), "versions")).code == 200
    assert notebook.sessions() == 2  # the first acquisition and one after the 401s
    assert 401 in {e["status"] for e in _log(emulator, "list_versions")}
    assert _log(emulator, "metadata_token") == []


async def test_a_broken_sdk_costs_one_child_per_back_off_period(api, emulator, notebook):
    write_keys(notebook.keys, {"broken": True, "secret_key": "SECRET-IN-THE-SDK-ERROR"})
    first = await api("training-jobs", str(MNIST_JOB), "versions")
    assert first.code == 502 and first.body["error_code"] == "ModelArts.0201"
    assert "SECRET-IN-THE-SDK-ERROR" not in first.text
    assert "ValueError" in first.text  # the exception's type, nothing of its message
    replies = await asyncio.gather(
        *(api("training-jobs", str(job), "versions") for job in range(1, 21))
    )
    assert {reply.code for reply in replies} == {502}
    session = (await api("session")).body
    assert session["source"] is None and session["notebook"] is True
    assert notebook.sessions() == 1
    assert emulator.stats()["total"] == 0  # no metadata probe, nothing upstream


NAMED = ["notebook session", "metadata service"]


@pytest.mark.modelarts(**{**NOTHING, "credential_sources": NAMED})
async def test_the_metadata_service_only_when_named(api, emulator, notebook):
    write_keys(notebook.keys, {"broken": True})
    reply = await api("session")
    assert reply.body["source"] == "metadata service"
    assert _log(emulator, "metadata")
