"""SDK-HMAC-SHA256: the official test vectors and huaweicloudsdkcore's Signer as an oracle.

huaweicloudsdkcore is a test-only dependency: it never runs in the product,
it only checks that our signer produces the same Authorization header for
many generated requests.
"""

from __future__ import annotations

import hashlib
import string

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyterlab_modelarts.client.signer import (
    canonical_query,
    canonical_request,
    parse_authorization,
    sign_request,
    signed_header_names,
)

AK = "QTWAOYTTINDUT2QVKYUC"
SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
PID = "0123456789abcdef0123456789abcdef"
HOST = "modelarts.cn-north-4.myhuaweicloud.com"


def test_official_vector_from_the_signing_guide():
    headers = {
        "Content-Type": "application/json",
        "Host": "service.region.example.com",
        "X-Sdk-Date": "20191115T033655Z",
    }
    query = [("limit", "2"), ("marker", "13551d6b-755d-4757-b956-536f674975c0")]
    path = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"
    signed = sign_request("GET", "service.region.example.com", path, query, headers, b"", AK, SK)
    names = signed_header_names(signed)
    canonical = canonical_request(
        "GET", path, query, signed, names, hashlib.sha256(b"").hexdigest()
    )
    assert (
        hashlib.sha256(canonical.encode()).hexdigest()
        == "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"
    )
    assert signed["Authorization"] == (
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
        "SignedHeaders=content-type;host;x-sdk-date, "
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    )


def test_modelarts_list_versions_vector():
    headers = {"Content-Type": "application/json", "X-Sdk-Date": "20240101T000000Z"}
    path = f"/v1/{PID}/training-jobs/10/versions"
    signed = sign_request(
        "GET", HOST, path, [("per_page", "5"), ("page", "1")], headers, b"", AK, SK
    )
    assert signed["Authorization"].endswith(
        "Signature=aa6fe19752fb6371dbd26df1fd5cc1f8e898c9e917ab3b8aa29aa3a0bf1be4a1"
    )
    assert canonical_query([("per_page", "5"), ("page", "1")]) == "page=1&per_page=5"


def test_modelarts_stop_vector_with_security_token_and_project():
    headers = {
        "Content-Type": "application/json",
        "X-Sdk-Date": "20240101T000000Z",
        "X-Project-Id": PID,
    }
    path = f"/v1/{PID}/training-jobs/10/versions/10/stop"
    signed = sign_request("POST", HOST, path, [], headers, b"", AK, SK, security_token="TESTTOKEN")
    assert signed["X-Security-Token"] == "TESTTOKEN"
    access, names, signature = parse_authorization(signed["Authorization"])
    assert access == AK
    assert names == ["content-type", "host", "x-project-id", "x-sdk-date", "x-security-token"]
    assert signature == "391b5481e9f8f937e50c017b5fae9a1ed82ff2daac2307bed533e41d045c2700"


def _oracle(method, path, query, headers, body, token):
    """Sign with huaweicloudsdkcore's Signer (it sets X-Security-Token before signing too)."""
    params = dict(headers)
    if token:
        params["X-Security-Token"] = token
    request = SdkRequest(
        method=method,
        schema="https",
        host=HOST,
        resource_path=path,
        query_params=list(query),
        header_params=params,
        body=body,
    )
    Signer(BasicCredentials(AK, SK)).sign(request)
    return request.header_params["Authorization"]


# Text with reserved, unreserved, percent, non-ASCII and odd ASCII characters.
segment_text = st.text(
    alphabet=st.sampled_from(
        string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@ %{}|^éü中文"
    ),
    min_size=1,
    max_size=12,
)
query_text = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + "-._~!$'()*+,;:@ /?{}[]éü中"),
    max_size=10,
)
header_names = st.sampled_from(
    ["X-Project-Id", "X-Custom-Header", "X-Request-Tag", "Accept", "User-Agent", "X-Trace"]
)
header_values = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + " -_=/.:;"),
    max_size=20,
)


@settings(max_examples=300, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    segments=st.lists(segment_text, min_size=1, max_size=5),
    trailing=st.booleans(),
    keys=st.lists(query_text.filter(bool), max_size=4),
    repeated=st.lists(st.tuples(st.sampled_from(["tag", "k"]), query_text), max_size=4),
    bools=st.lists(st.tuples(st.sampled_from(["flag", "on"]), st.booleans()), max_size=2),
    extra=st.dictionaries(header_names, header_values, max_size=3),
    body=st.one_of(st.just(b""), st.binary(min_size=1, max_size=64)),
    token=st.one_of(st.none(), st.text(alphabet=string.ascii_letters + "+/=", min_size=8)),
    data=st.data(),
)
def test_signer_agrees_with_huaweicloudsdkcore(
    method, segments, trailing, keys, repeated, bools, extra, body, token, data
):
    path = "/" + "/".join(segments) + ("/" if trailing else "")
    query = [(k, data.draw(query_text)) for k in keys] + repeated + bools
    headers = {"Content-Type": "application/json;charset=UTF-8", "X-Sdk-Date": "20240615T101112Z"}
    headers.update(extra)
    ours = sign_request(method, HOST, path, query, headers, body, AK, SK, security_token=token)
    assert ours["Authorization"] == _oracle(method, path, query, headers, body, token)


def test_canonical_query_sorts_unencoded_text_like_sdkcore():
    # "{" sorts after letters unencoded but "%7B" sorts before them encoded.
    query = [("xa", "1"), ("x{", "2"), ("é", "3"), ("z", "4")]
    assert canonical_query(query) == "xa=1&x%7B=2&z=4&%C3%A9=3"
    request_auth = _oracle("GET", "/v1/p", query, {"X-Sdk-Date": "20240101T000000Z"}, b"", None)
    ours = sign_request(
        "GET", HOST, "/v1/p", query, {"X-Sdk-Date": "20240101T000000Z"}, b"", AK, SK
    )
    assert ours["Authorization"] == request_auth


def test_underscore_headers_are_not_signed_and_authorization_is_replaced():
    headers = {"X_Weird": "1", "Authorization": "stale", "X-Sdk-Date": "20240101T000000Z"}
    signed = sign_request("GET", HOST, "/v1/p", [], headers, b"", AK, SK)
    _, names, _ = parse_authorization(signed["Authorization"])
    assert "x_weird" not in names and "authorization" not in names
    assert signed["Authorization"].startswith("SDK-HMAC-SHA256 Access=")
