"""Known secrets never appear in any answer (body or header) nor in the debug-level server log.

Four ways the server can hold credentials, each with values the test knows:
permanent AK/SK in the config, a temporary AK/SK + security token in the config,
an IAM password (and the token IAM issues for it) and the metadata service's
temporary keys. Every route is called on success and on failure (upstream
auth refusal, server error, dropped connection, not running, not found, bad
id, no Jupyter credentials), with the server logging at DEBUG; what the
server writes (file descriptors and its loggers) is scanned.

Start-up is left out here on purpose: an in-process ``ServerApp`` built with
a DEBUG config object has traitlets print the whole config ("Config changed:
..."), secrets included, before any extension code runs. A real ``jupyter
server`` process does not (its log level applies after the config is loaded):
``test_secrets_process.py`` scans such a process's whole log from its first line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import password_traits, secret_file

from jupyterlab_modelarts.emulator import EmulatorConfig
from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)
_EMU = EmulatorConfig()


def dump(value: Any) -> str:
    """JSON text of anything (headers objects become dicts first)."""
    if hasattr(value, "get_all"):
        value = [list(pair) for pair in value.get_all()]
    return json.dumps(value, default=str)


SCENARIOS = {
    "config-aksk": {},
    "config-temporary": {"temporary": True},
    "iam-password": password_traits(_EMU),
    "metadata": {
        "credential_sources": ["metadata service"],
        "access_key": None,
        "secret_key_file": None,
    },
}


@pytest.fixture(params=sorted(SCENARIOS))
def scenario(request) -> str:
    return request.param


@pytest.fixture
def modelarts_traits(scenario, emulator, emulator_traits) -> dict[str, Any]:
    """The scenario's traits (overrides the conftest fixture of the same name)."""
    traits = dict(emulator_traits)
    options = dict(SCENARIOS[scenario])
    if options.pop("temporary", False):
        temporary_keys = emulator.temporary_keys()
        traits["access_key"] = temporary_keys["access"]
        traits["secret_key_file"] = secret_file(temporary_keys["secret"])
        traits["security_token_file"] = secret_file(temporary_keys["securitytoken"])
    traits.update(options)
    return {k: v for k, v in traits.items() if v is not None}


async def _exercise(api, emulator) -> list:
    """Every route, succeeding and failing; returns the replies."""
    replies = [
        await api("session"),
        await api("training-jobs"),
        await api("training-jobs", JOB, "versions"),
        await api("training-jobs", JOB, "versions", RUNNING),
        await api("training-jobs", JOB, "versions", "278812", "stop", method="POST"),  # 409
        await api("training-jobs", "424242", "versions"),  # 404
        await api("training-jobs", "x1", "versions"),  # 400
        await api("openapi.json"),
        await api("training-jobs", JOB, "versions", headers={"Authorization": ""}),  # 403
    ]
    auth_refusal = {
        "status": 401,
        "error_code": "APIGW.0301",
        "error_msg": "Incorrect IAM authentication information: verify aksk signature fail",
    }
    for route, fault in [
        ("list_jobs", {"kind": "error", **auth_refusal}),
        ("get_version", {"kind": "error", "status": 500}),
        ("list_versions", {"kind": "drop"}),
    ]:
        emulator.set_fault(route, **fault)
    replies += [
        await api("training-jobs", "--", "?page=2"),
        await api("training-jobs", params={"page": "3"}),
        await api("training-jobs", JOB, "versions", "278811"),
        await api("training-jobs", "182627", "versions"),
    ]
    emulator.clear_faults()
    replies.append(await api("training-jobs", JOB, "versions", RUNNING, "stop", method="POST"))
    return replies


def _known_secrets(emulator, traits: dict[str, Any]) -> list[str]:
    """Every secret value the server held or was issued during the test."""
    auth = emulator.threaded.emulator.state.auth
    files = [traits.get(f"{name}_file") for name in ("secret_key", "security_token", "password")]
    values = [Path(path).read_text().strip() for path in files if path]
    values += [traits.get("access_key")] if traits.get("access_key") else []
    values += list(auth.tokens)  # IAM tokens (X-Subject-Token values)
    for access, cred in auth.temporary.items():
        values += [access, cred.secret, cred.security_token]
    return [v for v in values if v]


async def test_no_secret_in_answers_or_debug_log(
    api, emulator, server_log, capfd, modelarts_traits, scenario
):
    capfd.readouterr()  # drop start-up output (see the module docstring)
    replies = await _exercise(api, emulator)
    codes = [r.code for r in replies]
    assert 200 in codes and 403 in codes and 409 in codes and 502 in codes, codes
    answers = "\n".join(r.text + dump(r.headers) for r in replies)
    out, err = capfd.readouterr()
    log = "\n".join([out, err, server_log.text()])
    # The capture must actually hold the debug log, or the scan would prove nothing.
    assert f"/training-jobs/{JOB}/versions -> 200" in log, log[-2000:]
    secrets = _known_secrets(emulator, modelarts_traits)
    if scenario in ("iam-password", "metadata"):
        assert len(secrets) >= 2, secrets  # an issued token / temporary key was seen
    for secret in secrets:
        assert secret not in answers, (scenario, secret[:6])
        leaked = [line for line in log.splitlines() if secret in line]
        assert not leaked, (scenario, secret[:6], [line[:200] for line in leaked[:3]])
    assert json.dumps(secrets)  # values are strings (a None would have been filtered)
