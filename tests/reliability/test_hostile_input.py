"""Hostile ids and queries: 400 or 404, never a 500, never an upstream call to another path.

Runs against a real ``jupyter server`` process (the session's ``server_proc``)
with raw ``http.client`` requests, so paths reach the server exactly as
written (``requests``/urllib3 would remove dot segments). After each example
the emulator's request log must hold only the one path the ids canonically
name, and nothing at all when an id is invalid.
"""

from __future__ import annotations

import http.client
import json
import re
import string
from urllib.parse import quote, unquote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

VALID_ID = re.compile(r"^[0-9]{1,19}$")
KNOWN_JOBS = {"182626", "182627", "182628", "182629", "182630"}

HOSTILE = [
    "", " ", "..", ".", "%2e%2e", "%2E%2E%2F", "..%2F..%2F..%2Fv2", "%2F", "1%2F2", "1%2f..%2f2",
    "182626%00", "182626%0d%0aX-Injected:%201", "182626%3Fpage%3D2", "182626%23", "%3F", "?",
    "182626;jsessionid=1", "-1", "+1", "%2B1", "0x10", "1e3", "1.0", "1_000", " 1", "1 ",
    "99999999999999999999", "9" * 19, "0" * 19 + "1", "0", "00000", "9" * 400,
    "\u0661\u0662\u0663", "\u00b2", "\uff11\uff12", "\u2163", "\U0001d7d9", "\u202e1",
    "%C0%AE%C0%AE", "%u002e", "\\..\\", "training-jobs", "%252e%252e", "${job}", "{{7*7}}",
    "' OR '1'='1", "<script>", "null", "NaN", "Infinity", "true",
]  # fmt: skip

#: A segment as sent: hostile raw text, or any text percent-encoded as a browser would.
segments = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40).map(lambda s: quote(s, safe="")),
    st.from_regex(r"[0-9]{1,25}", fullmatch=True),
)


def _raw(server, method: str, path: str) -> tuple[int, str, dict]:
    """One request with the path exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.putheader("Authorization", f"token {server.token}")
        conn.putheader("Content-Length", "0")
        conn.endheaders()
        answer = conn.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace"), dict(answer.getheaders())
    finally:
        conn.close()


def _wire(segment: str) -> str:
    """The segment as it can go on the wire: ASCII punctuation kept raw (hostile on purpose),
    spaces, controls and non-ASCII percent-encoded (a request line cannot carry them)."""
    return quote(segment, safe=string.punctuation)


def _decoded(segment: str) -> str:
    """What tornado hands the handler for a path segment sent as ``_wire(segment)``."""
    return unquote(_wire(segment))


def _expected_upstream(project: str, job: str, version: str | None, stop: bool) -> set[str]:
    """The only upstream paths these ids may lead to (empty if an id is invalid)."""
    ids = [job] if version is None else [job, version]
    if not all(VALID_ID.match(i) for i in ids):
        return set()
    base = f"/v1/{project}/training-jobs/{int(job)}/versions"
    if version is None:
        return {base}
    one = f"{base}/{int(version)}"
    return {one, f"{one}/stop"} if stop else {one}


def _check(server, emulator, method: str, job: str, version: str | None = None) -> None:
    emulator.clear_stats()
    tail = "" if version is None else f"/{_wire(version)}"
    stop = method == "POST"
    path = f"/jupyterlab-modelarts/training-jobs/{_wire(job)}/versions{tail}" + (
        "/stop" if stop else ""
    )
    code, text, headers = _raw(server, method, path)
    assert code < 500, (path, code, text)
    if code in (301, 302):
        # Jupyter's own trailing-slash redirect: same path without the slash, nothing upstream.
        before_query = path.partition("?")[0]
        target = headers["Location"].partition("?")[0]
        assert before_query.endswith("/") and target == before_query.rstrip("/"), (path, headers)
        assert emulator.stats()["log"] == []
        return
    dec_job, dec_version = _decoded(job), None if version is None else _decoded(version)
    allowed = _expected_upstream(emulator.config.project_id, dec_job, dec_version, stop)
    seen = [entry["path"] for entry in emulator.stats()["log"]]
    assert set(seen) <= allowed, (path, seen, allowed)
    if code == 200:
        # Only a real job (and version) answers 200, and only through the one canonical path.
        assert allowed and str(int(dec_job)) in KNOWN_JOBS, (path, text)
    else:
        assert code in (400, 403, 404, 405, 409), (path, code, text)
        if code == 403:  # Jupyter's XSRF refusal of a POST to a route without POST
            assert stop and not text.startswith("{") and not seen, (path, text)
        body = json.loads(text) if text.startswith("{") else None
        if body is not None:
            assert body.get("is_success") is False and "Traceback" not in text, text
        else:
            # Jupyter's/tornado's own page for a path no route matches (404, or 403 for a
            # POST) or that is not UTF-8 once decoded (400): nothing went upstream.
            assert code in (400, 403, 404, 405) and not seen, (path, code, text[:200])
    if code == 409:
        assert stop and dec_job == str(MNIST_JOB), (path, text)


SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(job=segments)
def test_hostile_job_id_on_versions(server_proc, emulator, job):
    _check(server_proc, emulator, "GET", job)


@SETTINGS
@given(job=st.one_of(segments, st.just(str(MNIST_JOB))), version=segments)
def test_hostile_ids_on_one_version(server_proc, emulator, job, version):
    _check(server_proc, emulator, "GET", job, version)


@SETTINGS
@given(job=st.one_of(segments, st.just(str(MNIST_JOB))), version=segments)
def test_hostile_ids_on_stop_never_stop_anything_else(server_proc, emulator, job, version):
    emulator.freeze()  # no version walks into "Running" while the property runs
    _check(server_proc, emulator, "POST", job, version)
    running = str(MNIST_RUNNING_VERSION)
    if not (_decoded(job) == str(MNIST_JOB) and VALID_ID.match(_decoded(version) or "")):
        assert emulator.count("stop_version") == 0
    elif str(int(_decoded(version))) == running:
        emulator.reset()  # it was stopped: put the demo data back for the next example


QUERY_KEYS = ["search", "status", "page", "per_page", "sort_by", "order", "project_id", "x"]


@SETTINGS
@given(
    query=st.dictionaries(
        st.sampled_from(QUERY_KEYS),
        st.one_of(st.sampled_from(HOSTILE), st.text(max_size=120)),
        max_size=4,
    ),
    raw_suffix=st.sampled_from(["", "&&", "&page=1&page=2", "&%00=1", "&search", "#frag"]),
)
def test_hostile_job_list_queries(server_proc, emulator, query, raw_suffix):
    emulator.clear_stats()
    path = "/jupyterlab-modelarts/training-jobs?" + urlencode(query) + raw_suffix
    code, text, _ = _raw(server_proc, "GET", path)
    assert code in (200, 400), (path, code, text)
    assert "Traceback" not in text
    seen = [entry["path"] for entry in emulator.stats()["log"]]
    assert set(seen) <= {f"/v1/{emulator.config.project_id}/training-jobs"}, (path, seen)
    if code == 400:
        assert json.loads(text)["error_code"] == "ModelArts.0104", text
        assert not seen, (path, seen)  # refused before any upstream call
    else:
        assert len(seen) == 1, (path, seen)


@pytest.mark.parametrize(
    "path",
    [
        "/jupyterlab-modelarts/training-jobs/../../api/contents",
        "/jupyterlab-modelarts/training-jobs/182626/versions/../../../../api/status",
        "/jupyterlab-modelarts/training-jobs/%2e%2e%2f%2e%2e%2fapi/versions",
        "/jupyterlab-modelarts/training-jobs/182626/versions/278813/stop/..",
        "/jupyterlab-modelarts/training-jobs//versions",
        "/jupyterlab-modelarts/training-jobs/182626/versions/278813/stop%2F..",
    ],
)
def test_traversal_paths_never_reach_other_upstream_paths(server_proc, emulator, path):
    emulator.clear_stats()
    for method in ("GET", "POST"):
        code, text, _ = _raw(server_proc, method, path)
        assert code in (400, 404, 405), (method, path, code, text[:200])
    assert emulator.stats()["log"] == []
