"""Gateway auth checked with huaweicloudsdkcore's Signer as the independent client."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .sdk import call, send, signed_request, v1

PREFIX = "Incorrect IAM authentication information: "
SIGNATURE_FAIL = PREFIX + "verify aksk signature fail"


def assert_apigw(answer: requests.Response, message: str) -> None:
    assert answer.status_code == 401, answer.text
    body = answer.json()
    assert body["error_code"] == "APIGW.0301"
    assert body["error_msg"] == message
    assert body["request_id"] == answer.headers["X-Request-Id"]


def temporary_credential(emulator) -> dict:
    session = requests.put(
        emulator.url + "/meta-data/latest/api/token",
        headers={"X-Metadata-Token-Ttl-Seconds": "21600"},
        timeout=10,
    )
    assert session.status_code == 200
    answer = requests.get(
        emulator.url + "/openstack/latest/securitykey",
        headers={"X-Metadata-Token": session.text},
        timeout=10,
    )
    assert answer.status_code == 200
    return answer.json()["credential"]


def sdk_date(delta: timedelta = timedelta()) -> str:
    return (datetime.now(timezone.utc) + delta).strftime("%Y%m%dT%H%M%SZ")


def test_sdkcore_get_with_repeated_and_blank_query_is_accepted(emulator):
    query = [("per_page", 5), ("page", 1), ("search", ""), ("tag", "b"), ("tag", "a")]
    answer = call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions"), query)
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["versions"]) == 4


def test_sdkcore_post_with_project_header_is_accepted(emulator):
    path = v1(emulator, f"/{MNIST_JOB}/versions/278813/stop")
    answer = call(emulator, "POST", path, project_id=emulator.config.project_id)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"is_success": True}


def test_wrong_secret_key_is_rejected(emulator):
    answer = call(emulator, "GET", v1(emulator), sk=emulator.config.secret_key + "x")
    assert_apigw(answer, SIGNATURE_FAIL)


def test_unknown_access_key_is_rejected(emulator):
    answer = call(emulator, "GET", v1(emulator), ak="NOSUCHACCESSKEY")
    assert_apigw(answer, PREFIX + "Get secretKey failed,ak:******,err:ak not exist")


@pytest.mark.parametrize("minutes", [-16, 16])
def test_date_outside_15_minutes_is_rejected(emulator, minutes):
    stale = sdk_date(timedelta(minutes=minutes))
    answer = call(emulator, "GET", v1(emulator), headers={"X-Sdk-Date": stale})
    assert_apigw(answer, SIGNATURE_FAIL)


def test_date_inside_15_minutes_is_accepted(emulator):
    answer = call(
        emulator, "GET", v1(emulator), headers={"X-Sdk-Date": sdk_date(-timedelta(minutes=14))}
    )
    assert answer.status_code == 200, answer.text


def test_tampered_path_is_rejected(emulator):
    request = signed_request(
        emulator.host,
        "GET",
        v1(emulator, f"/{MNIST_JOB}/versions"),
        ak=emulator.config.access_key,
        sk=emulator.config.secret_key,
    )
    url = f"{emulator.url}{v1(emulator, '/182627/versions')}"
    assert_apigw(send(request, url=url), SIGNATURE_FAIL)


@pytest.mark.parametrize(
    "sent_query",
    ["per_page=5&page=2", "per_page=5", "per_page=5&page=1&extra=1", "per_page=5&page=1&page=1"],
)
def test_tampered_query_is_rejected(emulator, sent_query):
    path = v1(emulator, f"/{MNIST_JOB}/versions")
    request = signed_request(
        emulator.host,
        "GET",
        path,
        [("per_page", 5), ("page", 1)],
        ak=emulator.config.access_key,
        sk=emulator.config.secret_key,
    )
    assert request.uri.endswith("?page=1&per_page=5")
    assert send(request).status_code == 200  # the untampered request passes
    assert_apigw(send(request, url=f"{emulator.url}{path}?{sent_query}"), SIGNATURE_FAIL)


def test_tampered_signed_header_is_rejected_but_unsigned_extra_header_is_not(emulator):
    request = signed_request(
        emulator.host,
        "GET",
        v1(emulator),
        ak=emulator.config.access_key,
        sk=emulator.config.secret_key,
        project_id=emulator.config.project_id,
    )
    headers = dict(request.header_params)
    assert send(request, headers={**headers, "X-Unsigned": "ok"}).status_code == 200
    assert_apigw(send(request, headers={**headers, "X-Project-Id": "f" * 32}), SIGNATURE_FAIL)


def test_percent_encoded_path_is_canonicalised_like_sdkcore(emulator):
    # Signature passes on the encoded path, then the job lookup fails normally.
    answer = call(emulator, "GET", v1(emulator, "/a b~c/versions"))
    assert answer.status_code == 400, answer.text  # 0102: documented as 400
    assert answer.json()["error_code"] == "ModelArts.0102"


def test_temporary_credentials_need_a_signed_matching_security_token(emulator):
    cred = temporary_credential(emulator)
    path = v1(emulator, f"/{MNIST_JOB}/versions")
    ok = call(
        emulator,
        "GET",
        path,
        ak=cred["access"],
        sk=cred["secret"],
        security_token=cred["securitytoken"],
    )
    assert ok.status_code == 200, ok.text

    missing = call(emulator, "GET", path, ak=cred["access"], sk=cred["secret"])
    assert_apigw(missing, SIGNATURE_FAIL)

    wrong = call(emulator, "GET", path, ak=cred["access"], sk=cred["secret"], security_token="nope")
    assert_apigw(wrong, SIGNATURE_FAIL)

    unsigned = signed_request(emulator.host, "GET", path, ak=cred["access"], sk=cred["secret"])
    headers = {**unsigned.header_params, "X-Security-Token": cred["securitytoken"]}
    assert_apigw(send(unsigned, headers=headers), SIGNATURE_FAIL)


def test_permanent_key_with_a_security_token_is_rejected(emulator):
    answer = call(emulator, "GET", v1(emulator), security_token="EMUSECTOKENsomething")
    assert_apigw(answer, SIGNATURE_FAIL)


def test_no_credentials_and_garbage_authorization(emulator):
    url = emulator.url + v1(emulator)
    assert_apigw(requests.get(url, timeout=10), PREFIX + "x-auth-token not found")
    garbage = requests.get(url, headers={"Authorization": "Bearer x"}, timeout=10)
    assert_apigw(garbage, SIGNATURE_FAIL)
    request = signed_request(
        emulator.host, "GET", v1(emulator), ak=emulator.config.access_key, sk="x"
    )
    non_ascii = dict(request.header_params)
    non_ascii["Authorization"] = non_ascii["Authorization"].replace("Signature=", "Signature=\xe9")
    assert_apigw(send(request, headers=non_ascii), SIGNATURE_FAIL)


def test_project_mismatch_is_403_0210(emulator):
    other = "/v1/" + "f" * 32 + "/training-jobs"
    answer = call(emulator, "GET", other)
    assert answer.status_code == 403
    body = answer.json()
    assert body["error_code"] == "ModelArts.0210" and body["is_success"] is False
    assert body["error_msg"] == body["error_message"]
    header_mismatch = call(emulator, "GET", v1(emulator), project_id="f" * 32)
    assert header_mismatch.status_code == 403


def test_project_signer_is_accepted_too(emulator):
    # The shared primitive the project's client signs with agrees with sdkcore.
    from jupyterlab_modelarts.client.signer import sign_request

    path = v1(emulator, f"/{MNIST_JOB}/versions")
    query = [("page", "1"), ("per_page", "2")]
    headers = sign_request(
        "GET",
        emulator.host,
        path,
        query,
        {"Content-Type": "application/json"},
        b"",
        emulator.config.access_key,
        emulator.config.secret_key,
    )
    answer = requests.get(emulator.url + path, params=query, headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.lists(
        st.tuples(_text.filter(lambda k: k not in ("", "page", "per_page")), _text), max_size=5
    )
)
def test_any_query_signed_by_sdkcore_is_accepted(emulator, query):
    # Arbitrary keys/values (unicode, reserved characters, repeats, blanks) round-trip.
    answer = call(emulator, "GET", v1(emulator, f"/{MNIST_JOB}/versions"), query)
    assert answer.status_code == 200, (query, answer.text)
