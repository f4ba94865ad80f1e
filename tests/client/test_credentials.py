"""Every credential source and auth path, against the emulator over loopback HTTP."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from jupyterlab_modelarts.client import (
    AsyncModelArtsClient,
    AuthError,
    ModelArtsClient,
    NoCredentialsError,
)
from jupyterlab_modelarts.client.auth import AkSk, AkSkAuth, PasswordAuth, env_project_id
from jupyterlab_modelarts.client.http import Request

MNIST = 182626


def test_config_aksk(emu):
    with ModelArtsClient(emu.aksk(credential_sources=["config"])) as client:
        info = client.session_info()
        assert (info.source, info.region, info.project_id) == (
            "config",
            emu.config.region,
            emu.config.project_id,
        )
        assert info.endpoint == emu.url
        assert client.list_versions(MNIST).job_name == "mnist-resnet"


def test_config_wrong_secret_is_an_auth_error_without_the_secret(emu):
    config = emu.aksk(secret_key="WrongSecretValue123")
    with ModelArtsClient(config) as client, pytest.raises(AuthError) as caught:
        client.list_versions(MNIST)
    assert caught.value.http_status == 401 and caught.value.error_code == "APIGW.0301"
    assert caught.value.request_id
    assert "WrongSecretValue123" not in str(caught.value)


def test_config_temporary_keys_send_a_signed_security_token(emu):
    keys = emu.temporary_keys()
    config = emu.client_config(
        access_key=keys["access"], secret_key=keys["secret"], security_token=keys["securitytoken"]
    )
    with ModelArtsClient(config) as client:
        assert client.get_version(MNIST, 278813).version_name == "V0004"
    # The same temporary keys without their token are refused by the gateway.
    config = emu.client_config(access_key=keys["access"], secret_key=keys["secret"])
    with ModelArtsClient(config) as client, pytest.raises(AuthError):
        client.get_version(MNIST, 278813)


def test_signing_adds_project_header():
    auth = AkSkAuth(AkSk("AK", "SK"))
    signed = auth.apply(Request("GET", "http://h:1", "/v1/p/x"), "proj-1")
    assert signed.headers["X-Project-Id"] == "proj-1"
    assert "x-project-id" in signed.headers["Authorization"]


def test_environment_source(emu, monkeypatch):
    emu.point_env(monkeypatch)
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", emu.config.access_key)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", emu.config.secret_key)
    monkeypatch.setenv("PROJECT_ID", emu.config.project_id)
    with ModelArtsClient() as client:  # ClientConfig.from_env()
        info = client.session_info()
        assert info.source == "environment"
        assert info.project_id == emu.config.project_id and info.region == emu.config.region
        assert len(client.list_versions(MNIST).versions) == 4
    assert emu.admin.count("metadata") == 0  # a winning source stops the chain


def test_environment_temporary_keys(emu, monkeypatch):
    keys = emu.temporary_keys()
    emu.point_env(monkeypatch)
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", keys["access"])
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", keys["secret"])
    monkeypatch.setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", keys["securitytoken"])
    monkeypatch.setenv("MODELARTS_PROJECT_ID", emu.config.project_id)
    with ModelArtsClient() as client:
        assert client.session_info().source == "environment"
        assert client.get_version(MNIST, 278812).status == 10


def test_project_id_environment_precedence():
    assert env_project_id({"PROJECT_ID": "c"}) == "c"
    assert env_project_id({"PROJECT_ID": "c", "HUAWEICLOUD_SDK_PROJECT_ID": "b"}) == "b"
    assert (
        env_project_id(
            {"PROJECT_ID": "c", "HUAWEICLOUD_SDK_PROJECT_ID": "b", "MODELARTS_PROJECT_ID": "a"}
        )
        == "a"
    )
    assert env_project_id({}) is None


def test_config_beats_environment(emu, monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "ENVAK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "ENVSK")
    with ModelArtsClient(emu.aksk()) as client:
        assert client.session_info().source == "config"
        client.list_versions(MNIST)


def test_notebook_session_source(emu, monkeypatch, notebook_sdk):
    monkeypatch.setenv("MODELARTS_ENDPOINT", emu.url)
    monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", emu.url)
    with ModelArtsClient() as client:
        info = client.session_info()
        assert info.source == "notebook session"
        assert info.region == "notebook-region" and info.project_id == emu.config.project_id
        assert client.list_versions(MNIST).version_count == 4
    assert emu.admin.count("metadata") == 1  # only the fixture's own fetch


def test_the_notebook_sessions_region_and_project_win_over_config(emu, monkeypatch, notebook_sdk):
    # Issue 11 item 6: the session's project and region first, the config/environment after.
    monkeypatch.setenv("MODELARTS_REGION", "env-region")
    config = emu.client_config(
        credential_sources=["notebook session"], region="config-region", project_id="f" * 32
    )
    with ModelArtsClient(config) as client:
        info = client.session_info()
    assert (info.region, info.project_id) == ("notebook-region", emu.config.project_id)


def test_broken_notebook_session_falls_through_without_leaking(emu, monkeypatch, notebook_sdk):
    monkeypatch.setenv("FAKE_NOTEBOOK_BROKEN", "1")
    config = emu.client_config(credential_sources=["notebook session"])
    with ModelArtsClient(config) as client, pytest.raises(NoCredentialsError) as caught:
        client.session_info()
    assert "RuntimeError" in str(caught.value)
    assert "secret-in-message" not in str(caught.value)


def test_metadata_service_source_reuses_its_keys(emu):
    config = emu.client_config()
    with ModelArtsClient(config) as client:
        assert client.session_info().source == "metadata service"
        for _ in range(3):
            client.get_version(MNIST, 278813)
    assert emu.admin.count("metadata") == 1
    assert emu.admin.count("metadata_token") == 1


def test_metadata_keys_renewed_once_after_a_401(emu):
    with ModelArtsClient(emu.client_config()) as client:
        client.get_version(MNIST, 278813)
        emu.admin.expire(tokens=False, credentials=True)
        assert client.get_version(MNIST, 278813).version_id == 278813
    assert emu.admin.count("metadata") == 2
    statuses = [e["status"] for e in emu.admin.stats()["log"] if e["route"] == "get_version"]
    assert statuses == [200, 401, 200]


def test_metadata_keys_renewed_before_expiry(make_emu):
    emu = make_emu(temp_credential_lifetime=2.0)
    with ModelArtsClient(emu.client_config()) as client:
        client.get_version(MNIST, 278813)
        time.sleep(1.2)  # past half the lifetime: renew before use, no 401 needed
        client.get_version(MNIST, 278813)
    assert emu.admin.count("metadata") == 2
    statuses = [e["status"] for e in emu.admin.stats()["log"] if e["route"] == "get_version"]
    assert statuses == [200, 200]


async def test_concurrent_async_callers_share_one_metadata_renewal(make_emu):
    emu = make_emu(temp_credential_lifetime=2.0)
    client = AsyncModelArtsClient(emu.client_config())
    try:
        await client.get_version(MNIST, 278813)
        await asyncio.sleep(1.2)
        results = await asyncio.gather(*(client.get_version(MNIST, 278813) for _ in range(8)))
        assert all(r.version_id == 278813 for r in results)
    finally:
        client.close()
    assert emu.admin.count("metadata") == 2


def test_concurrent_threads_share_one_resolution_and_renewal(emu):
    client = ModelArtsClient(emu.client_config())
    errors: list[BaseException] = []

    def work():
        try:
            client.get_version(MNIST, 278813)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and emu.admin.count("metadata") == 1
    emu.admin.expire(tokens=False, credentials=True)
    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    assert not errors and emu.admin.count("metadata") == 2


def test_iam_password_token_reused_and_renewed_once_on_401(emu):
    config = emu.client_config(
        username=emu.config.username, password=emu.config.password, account=emu.config.domain
    )
    config.credential_sources = ("IAM password",)
    with ModelArtsClient(config) as client:
        assert client.session_info().source == "IAM password"
        for _ in range(3):
            client.list_versions(MNIST)
        assert emu.admin.count("iam_token") == 1
        emu.admin.expire(tokens=True, credentials=False)
        assert client.get_version(MNIST, 278813).status == 8
    assert emu.admin.count("iam_token") == 2


def test_iam_password_from_environment_learns_project_from_token(emu, monkeypatch, closed_url):
    emu.point_env(monkeypatch)
    monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", closed_url)
    monkeypatch.setenv("MODELARTS_USERNAME", emu.config.username)
    monkeypatch.setenv("MODELARTS_PASSWORD", emu.config.password)
    monkeypatch.setenv("MODELARTS_ACCOUNT", emu.config.domain)
    with ModelArtsClient() as client:
        info = client.session_info()
        assert info.source == "IAM password"
        assert info.project_id == emu.config.project_id  # scoped by region name, id from token
        assert client.list_versions(MNIST).job_id == MNIST


def test_iam_wrong_password_is_an_auth_error(emu):
    config = emu.client_config(
        username=emu.config.username,
        password="not-the-password",
        account=emu.config.domain,
        credential_sources=["IAM password"],
    )
    with ModelArtsClient(config) as client, pytest.raises(AuthError) as caught:
        client.list_versions(MNIST)
    assert caught.value.http_status == 401
    assert "not-the-password" not in str(caught.value)


def test_iam_token_renewed_ahead_of_expiry(make_emu):
    emu = make_emu(token_lifetime=2.0)
    config = emu.client_config(
        username=emu.config.username, password=emu.config.password, account=emu.config.domain
    )
    config.credential_sources = ("IAM password",)
    with ModelArtsClient(config) as client:
        client.get_version(MNIST, 278813)
        time.sleep(1.2)
        client.get_version(MNIST, 278813)
    assert emu.admin.count("iam_token") == 2
    statuses = [e["status"] for e in emu.admin.stats()["log"] if e["route"] == "get_version"]
    assert statuses == [200, 200]


def test_token_kept_until_ten_minutes_before_expiry():
    auth = PasswordAuth("http://iam", "u", "p", "d", "proj", None, 1.0, 1.0)
    from jupyterlab_modelarts.client.auth import IamToken

    now = time.time()
    auth.token = IamToken("t", expires_at=now + 601, issued_at=now - 86000)
    assert auth.fresh(600)
    auth.token = IamToken("t", expires_at=now + 599, issued_at=now - 86000)
    assert not auth.fresh(600)
    assert "p" not in repr(auth).replace("password=***", "").replace("PasswordAuth", "")


def test_no_credentials_names_every_source_and_why(monkeypatch, closed_url):
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "HALFKEY-ONLY")
    config_kwargs = {"endpoint": closed_url, "metadata_endpoint": closed_url}
    from jupyterlab_modelarts.client import ClientConfig

    with ModelArtsClient(ClientConfig(**config_kwargs)) as client:
        with pytest.raises(NoCredentialsError) as caught:
            client.session_info()
    message = str(caught.value)
    for name in ("config", "environment", "notebook session", "metadata service", "IAM password"):
        assert f"{name}:" in message
    assert "without its secret key" in message and "not importable" in message
    assert "HALFKEY-ONLY" not in message
    assert caught.value.tried[0][0] == "config"


def test_restricted_chain_never_probes_the_metadata_service(emu):
    config = emu.client_config(credential_sources=["config", "environment", "IAM password"])
    with ModelArtsClient(config) as client, pytest.raises(NoCredentialsError) as caught:
        client.session_info()
    assert "metadata" not in str(caught.value)
    assert emu.admin.count("metadata_token") == 0 and emu.admin.count("metadata") == 0


def test_unreachable_metadata_service_falls_through_fast(emu):
    # 10.255.255.1 is a blackhole address: connects hang (or fail) instead of answering.
    config = emu.client_config(
        metadata_endpoint="http://10.255.255.1",
        metadata_timeout=0.3,
        username=emu.config.username,
        password=emu.config.password,
        account=emu.config.domain,
    )
    started = time.monotonic()
    with ModelArtsClient(config) as client:
        assert client.session_info().source == "IAM password"
    assert time.monotonic() - started < 3.0
