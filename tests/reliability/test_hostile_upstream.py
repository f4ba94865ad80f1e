"""Issue 12 items 5, 6, 9: whatever ModelArts sends, the routes answer documented, strict JSON.

Bodies and headers go out through the emulator's ``raw`` fault. A hypothesis
property holds every route of a real ``jupyter server`` process to the
documented statuses (200/400/404/409/502/503/504: never 500, never a traceback)
and to strict JSON; the SDK surface returns its documented dict or raises
``ModelArtsError``. Named examples pin the faults the adversarial pass found.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import TRACEBACK_MARKERS, assert_error_body, version_parts

from jupyterlab_modelarts.client import ModelArtsError
from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.sdk import Estimator, Session

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)
DOCUMENTED = {200, 400, 404, 409, 502, 503, 504}
#: Upstream route -> the extension route that calls it.
ROUTES = {
    "list_versions": ("GET", f"training-jobs/{JOB}/versions"),
    "get_version": ("GET", f"training-jobs/{JOB}/versions/{RUNNING}"),
    "list_jobs": ("GET", "training-jobs"),
    "stop_version": ("POST", f"training-jobs/{JOB}/versions/{RUNNING}/stop"),
}


def strict_json(text: str) -> object:
    """``JSON.parse``: no NaN/Infinity."""

    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def nested(depth: int) -> str:
    return '{"is_success": true, "versions": [' + '{"a": [' * depth + "]}" * depth + "]}"


# -- the property ----------------------------------------------------------------

#: Numbers as the raw text an upstream body may hold (JSON or not: NaN, 1e400...).
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e20", "0.5"]),
)
leaves = st.one_of(
    st.none(), st.booleans(), st.text(max_size=12), st.integers(), st.floats(allow_nan=False)
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = ["version_id", "status", "create_time", "duration", "job_id", "version_count"]


@st.composite
def version_like(draw) -> str:
    """A documented-looking object whose fields may be hostile numbers or values (raw text)."""
    parts = []
    for name in draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=4)):
        raw = draw(st.one_of(numbers, values.map(json.dumps)))
        parts.append(f'"{name}": {raw}')
    return "{" + ", ".join(parts) + "}"


@st.composite
def bodies(draw) -> str:
    kind = draw(st.sampled_from(["list", "object", "nested", "json", "text"]))
    if kind == "list":
        items = draw(st.lists(version_like(), max_size=3))
        count = draw(st.one_of(numbers, st.just('"many"'), st.just("2")))
        versions = draw(st.sampled_from(["[" + ", ".join(items) + "]", '"x"', "null", "{}"]))
        head = f'"is_success": true, "job_id": {JOB}, "version_count": {count}'
        return f'{{{head}, "versions": {versions}}}'
    if kind == "object":
        return draw(version_like())
    if kind == "nested":
        return nested(draw(st.integers(min_value=1, max_value=5000)))
    if kind == "json":
        return json.dumps(draw(values))
    return draw(st.text(max_size=60))


header_values = st.one_of(
    st.sampled_from(["inf", "1e400", "-5", "nan", "2300281748", "0", "3600", "1.5", "soon",
                     "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
)  # fmt: skip
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(
    route=st.sampled_from(sorted(ROUTES)),
    status=st.sampled_from([200, 200, 200, 201, 400, 401, 403, 404, 409, 429, 500, 502, 503]),
    body=bodies(),
    retry_after=st.one_of(st.none(), header_values),
)
def test_any_upstream_answer_is_a_documented_status(
    server_proc, emulator, route, status, body, retry_after
):
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    # count=1: a retry (if any) gets the real answer, so an example costs one backoff at most.
    emulator.set_fault(route, "raw", status=status, body=body, headers=headers, count=1)
    method, path = ROUTES[route]
    if route == "stop_version":
        emulator.pin_status(MNIST_JOB, MNIST_RUNNING_VERSION, 8)  # the guard's read passes
    answer = (server_proc.post if method == "POST" else server_proc.get)(
        f"jupyterlab-modelarts/{path}"
    )
    emulator.clear_faults()
    assert answer.status_code in DOCUMENTED, (answer.status_code, answer.text[:300])
    parsed = strict_json(answer.text)
    assert not any(marker in answer.text for marker in TRACEBACK_MARKERS), answer.text[:300]
    if answer.status_code >= 400:
        assert isinstance(parsed, dict) and parsed["is_success"] is False, parsed
    if "Retry-After" in answer.headers:
        assert 1 <= int(answer.headers["Retry-After"]) <= 120, answer.headers


def test_the_server_log_of_the_property_has_no_traceback(server_proc):
    log = server_proc.log_text()
    assert "unexpected error" not in log and "Traceback" not in log, log[-3000:]


SDK_CALLS = {
    "list_versions": lambda s: Estimator(s, job_id=JOB).get_job_version_info(),
    "get_version": lambda s: Estimator(s, job_id=JOB, version_id=RUNNING).get_job_info(),
    "list_jobs": lambda s: Estimator.get_job_list(s),
    "stop_version": lambda s: Estimator(s, job_id=JOB, version_id=RUNNING).stop_job_version(),
    "objects": lambda s: Estimator(s, job_id=JOB).get_job_version_object_list(is_show=True),
}


@SETTINGS
@given(
    call=st.sampled_from(sorted(SDK_CALLS)),
    status=st.sampled_from([200, 200, 400, 404, 429, 500, 503]),
    body=bodies(),
    retry_after=st.one_of(st.none(), header_values),
)
def test_the_sdk_returns_its_dict_or_raises_modelarts_error(
    emulator, capsys, call, status, body, retry_after
):
    route = "list_versions" if call == "objects" else call
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    emulator.set_fault(route, "raw", status=status, body=body, headers=headers, count=1)
    session = Session(config=emulator.client_config(backoff_cap=0.05, backoff_base=0.01))
    try:
        result = SDK_CALLS[call](session)
    except ModelArtsError:
        return
    finally:
        emulator.clear_faults()
        capsys.readouterr()
    if call == "objects":
        assert isinstance(result, list)
    else:
        assert isinstance(result, dict) and isinstance(result.get("is_success", True), bool)


# -- the faults the adversarial pass found, by name ----------------------------------


@pytest.mark.parametrize("retry_after", ["inf", "1e400", "nan"])
async def test_a_non_finite_retry_after_is_a_503_with_a_sane_hint(api, emulator, retry_after):
    emulator.set_fault("list_jobs", "throttle", retry_after=retry_after)
    reply = await api("training-jobs")  # unreadable hint: retried by backoff, then passed on
    assert_error_body(reply, 503)
    assert reply.headers["Retry-After"] == "1"
    assert emulator.count("list_jobs") == 3


async def test_deep_nesting_is_a_502_not_a_recursion_error(api, emulator):
    emulator.set_fault("list_versions", "raw", body=nested(100_000))
    assert_error_body(await api("training-jobs", JOB, "versions"), 502)
    emulator.set_fault("get_version", "raw", body=nested(400).replace('"versions"', '"v"'))
    assert_error_body(await api(*version_parts(JOB, RUNNING)), 502)


def test_the_sdk_never_lets_a_recursion_error_out(emulator):
    session = Session(config=emulator.client_config())
    emulator.set_fault("stop_version", "raw", body=nested(100_000))
    answer = Estimator(session, job_id=JOB, version_id=RUNNING).stop_job_version()
    assert answer["is_success"] is False and answer["error_code"], answer
    emulator.set_fault("list_versions", "raw", body=nested(400))
    with pytest.raises(ModelArtsError):
        Estimator(session, job_id=JOB).get_job_version_object_list()


def test_a_date_beyond_the_calendar_is_shown_as_a_dash(emulator, capsys):
    body = {"is_success": True, "job_id": MNIST_JOB, "version_count": 1, "versions": [
        {"version_id": 1, "version_name": "V1", "status": 10, "create_time": 1e20}
    ]}  # fmt: skip
    emulator.set_fault("list_versions", "raw", body=json.dumps(body))
    session = Session(config=emulator.client_config())
    versions = Estimator(session, job_id=JOB).get_job_version_object_list(is_show=True)
    assert [v.version_id for v in versions] == [1]
    assert "V1" in capsys.readouterr().out


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
async def test_non_finite_numbers_become_null_in_strict_json(api, emulator, literal):
    body = (
        f'{{"is_success": true, "job_id": {JOB}, "version_count": 1, "versions": '
        f'[{{"version_id": {RUNNING}, "status": {literal}, "duration": {literal}}}]}}'
    )
    emulator.set_fault("list_versions", "raw", body=body)
    reply = await api("training-jobs", JOB, "versions")
    assert reply.code == 200, reply.text
    version = strict_json(reply.text)["versions"][0]  # JSON.parse would accept it
    assert version["status"] is None and version["duration"] is None
    assert version["status_kind"] == "unknown" and version["stoppable"] is False


@pytest.mark.modelarts(cache_ttl=60.0)
async def test_a_malformed_200_is_a_502_and_not_cached(api, emulator):
    emulator.set_fault(
        "list_versions",
        "raw",
        body='{"is_success": true, "versions": "x", "version_count": "many"}',
        count=1,
    )
    reply = await api("training-jobs", JOB, "versions")
    assert_error_body(reply, 502)
    assert "unexpected answer" in reply.body["error_msg"], reply.body
    assert "versions" in reply.body["error_msg"] and "version_count" in reply.body["error_msg"]
    again = await api("training-jobs", JOB, "versions")  # not cached: asked again
    assert again.code == 200 and len(again.body["versions"]) == 4
    assert emulator.count("list_versions") == 2


async def test_unknown_extra_fields_are_still_kept(api, emulator):
    body = {"is_success": True, "job_id": MNIST_JOB, "version_count": 1, "new_field": {"a": 1},
            "versions": [{"version_id": 7, "status": 10, "future_field": [1, 2]}]}  # fmt: skip
    emulator.set_fault("list_versions", "raw", body=json.dumps(body))
    reply = await api("training-jobs", JOB, "versions")
    assert reply.code == 200 and reply.body["versions"][0]["future_field"] == [1, 2]
