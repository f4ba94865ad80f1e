"""IAM password tokens, the metadata service, and expiry of both."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import requests

from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .sdk import call, v1
from .test_auth_sdkcore import PREFIX, assert_apigw, temporary_credential


def password_body(config, *, password=None, domain=None, scope=None) -> dict:
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": config.username,
                        "password": password or config.password,
                        "domain": domain or {"name": config.domain},
                    }
                },
            },
            "scope": {"project": scope or {"name": config.region}},
        }
    }


def get_token(emulator, **kwargs) -> requests.Response:
    return requests.post(
        emulator.url + "/v3/auth/tokens",
        json=password_body(emulator.config, **kwargs),
        headers={"Content-Type": "application/json;charset=utf8"},
        timeout=10,
    )


def with_token(emulator, token: str, path: str | None = None) -> requests.Response:
    url = emulator.url + (path or v1(emulator, f"/{MNIST_JOB}/versions"))
    return requests.get(url, headers={"X-Auth-Token": token}, timeout=10)


def test_password_token_is_issued_and_accepted(emulator):
    answer = get_token(emulator)
    assert answer.status_code == 201, answer.text
    token = answer.headers["X-Subject-Token"]
    expires = answer.json()["token"]["expires_at"]
    moment = datetime.strptime(expires, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert 23.9 * 3600 < moment.timestamp() - time.time() <= 24 * 3600
    assert answer.json()["token"]["project"]["id"] == emulator.config.project_id
    ok = with_token(emulator, token)
    assert ok.status_code == 200 and ok.json()["job_id"] == MNIST_JOB
    assert emulator.count("iam_token") == 1


def test_token_scoped_by_project_id_and_domain_id(emulator):
    answer = get_token(
        emulator, scope={"id": emulator.config.project_id}, domain={"id": emulator.config.domain_id}
    )
    assert answer.status_code == 201, answer.text


def test_bad_password_user_domain_or_scope(emulator):
    assert get_token(emulator, password="wrong").status_code == 401
    assert get_token(emulator, domain={"name": "other"}).status_code == 401
    assert get_token(emulator, scope={"name": "cn-north-4"}).status_code == 400
    for garbage in [
        b"{",
        b'{"auth": []}',
        b'{"auth": {"identity": {"methods": 5}}}',
        b'{"auth": {"identity": {"methods": ["password"], "password": {"user": "x"}}}}',
    ]:
        answer = requests.post(emulator.url + "/v3/auth/tokens", data=garbage, timeout=10)
        assert answer.status_code == 400, garbage


def test_unknown_token_cannot_be_decrypted(emulator):
    assert_apigw(with_token(emulator, "MIIEnotissued"), PREFIX + "decrypt token fail")


def test_token_on_another_project_is_403(emulator):
    token = get_token(emulator).headers["X-Subject-Token"]
    answer = with_token(emulator, token, "/v1/" + "f" * 32 + "/training-jobs")
    assert answer.status_code == 403 and answer.json()["error_code"] == "ModelArts.0210"


def test_token_expires_after_its_lifetime(make_emulator):
    emulator = make_emulator(token_lifetime=0.3)
    answer = get_token(emulator)
    token, expires = answer.headers["X-Subject-Token"], answer.json()["token"]["expires_at"]
    assert with_token(emulator, token).status_code == 200
    time.sleep(0.4)
    assert_apigw(with_token(emulator, token), PREFIX + f"token expires, expires_at: {expires}")


def test_admin_expire_forces_token_and_credential_expiry(emulator):
    token = get_token(emulator).headers["X-Subject-Token"]
    cred = temporary_credential(emulator)
    emulator.expire(tokens=True, credentials=False)
    assert with_token(emulator, token).status_code == 401
    path = v1(emulator, f"/{MNIST_JOB}/versions")
    temp = {"ak": cred["access"], "sk": cred["secret"], "security_token": cred["securitytoken"]}
    assert call(emulator, "GET", path, **temp).status_code == 200
    emulator.expire(tokens=False, credentials=True)
    answer = call(emulator, "GET", path, **temp)
    assert_apigw(answer, answer.json()["error_msg"])
    assert "token expires, expires_at: " in answer.json()["error_msg"]
    # A fresh token still works: expiry is of what was issued, not of the account.
    assert with_token(emulator, get_token(emulator).headers["X-Subject-Token"]).status_code == 200


def test_metadata_credential_shape_and_lifetime(make_emulator):
    emulator = make_emulator(temp_credential_lifetime=0.3)
    cred = temporary_credential(emulator)
    assert set(cred) == {"access", "secret", "securitytoken", "expires_at"}
    datetime.strptime(cred["expires_at"], "%Y-%m-%dT%H:%M:%S.%fZ")
    temp = {"ak": cred["access"], "sk": cred["secret"], "security_token": cred["securitytoken"]}
    assert call(emulator, "GET", v1(emulator), **temp).status_code == 200
    time.sleep(0.4)
    expired = call(emulator, "GET", v1(emulator), **temp)
    assert_apigw(expired, PREFIX + f"token expires, expires_at: {cred['expires_at']}")
    assert emulator.stats()["counts"] == {"metadata_token": 1, "metadata": 1, "list_jobs": 2}


def test_metadata_needs_a_session_token(emulator):
    url = emulator.url + "/openstack/latest/securitykey"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, headers={"X-Metadata-Token": "bogus"}, timeout=10).status_code == 401
    bad_ttl = requests.put(
        emulator.url + "/meta-data/latest/api/token",
        headers={"X-Metadata-Token-Ttl-Seconds": "0"},
        timeout=10,
    )
    assert bad_ttl.status_code == 400
