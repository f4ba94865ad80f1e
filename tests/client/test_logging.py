"""One debug line per upstream call; never a header, key, token or password."""

from __future__ import annotations

import logging

from jupyterlab_modelarts.client import ModelArtsClient

LOGGER = "jupyterlab_modelarts.client"


def client_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


def test_one_line_per_call_with_method_path_status_and_ms(emu, call, caplog):
    caplog.set_level(logging.DEBUG)
    call(emu.aksk(), "get_version", 182626, 278813)
    lines = client_lines(caplog)
    assert len(lines) == 1
    assert lines[0].startswith("GET /v1/") and "/versions/278813 -> 200 in " in lines[0]
    assert lines[0].endswith(" ms")


def test_no_secret_in_any_log_line(emu, caplog):
    caplog.set_level(logging.DEBUG)
    config = emu.client_config(
        username=emu.config.username, password=emu.config.password, account=emu.config.domain
    )
    config.credential_sources = ("IAM password",)
    with ModelArtsClient(config) as client:
        client.list_versions(182626)
        token = client._ops.identity.auth.token.token  # read only to prove it is never logged
    with ModelArtsClient(emu.client_config()) as client:  # metadata service keys
        client.list_versions(182626)
        keys = client._ops.identity.auth.keys
    with ModelArtsClient(emu.aksk()) as client:
        client.list_jobs()
    everything = "\n".join(r.getMessage() for r in caplog.records)
    secrets = [
        emu.config.password,
        token,
        emu.config.secret_key,
        emu.config.access_key,
        keys.secret_key,
        keys.security_token,
        keys.access_key,
    ]
    assert all(secret not in everything for secret in secrets)
    lines = client_lines(caplog)
    assert any(line.startswith("POST /v3/auth/tokens -> 201") for line in lines)
    assert any(line.startswith("GET /openstack/latest/securitykey -> 200") for line in lines)
    # login, list, metadata session token, securitykey, list, list_jobs
    assert len(lines) == 6
