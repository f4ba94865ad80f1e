"""The shipped OpenAPI document is true: routes match, and real answers validate against it."""

from __future__ import annotations

import asyncio
import json
import re
from importlib.resources import files

import jsonschema
import pytest

from jupyterlab_modelarts import routes
from jupyterlab_modelarts.client.ids import ID_SYNTAX, MAX_ID
from jupyterlab_modelarts.client.query import (
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_SEARCH_LENGTH,
    MIN_PAGE,
    MIN_PER_PAGE,
    ORDERS,
    SORT_KEYS,
)
from jupyterlab_modelarts.client.status import STATUS_KINDS
from jupyterlab_modelarts.contract import JOB_QUERY_PARAMS
from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

DOC = json.loads(files("jupyterlab_modelarts").joinpath("openapi.json").read_text())
JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)
LOG = "job-mnist-resnet.0"


def _json_schema(node):
    """OpenAPI 3.0 schema -> JSON Schema: ``nullable: true`` becomes a null type."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


COMPONENTS = _json_schema(DOC["components"])


def _template(parts: tuple[str, ...]) -> str:
    """The documented path for concrete parts (ids -> {job_id}/{version_id})."""
    names = iter(["{job_id}", "{version_id}"])
    out = []
    for i, part in enumerate(parts):
        out.append(
            next(names)
            if i > 0 and parts[i - 1] in ("training-jobs", "versions", "watches")
            else part
        )
    return "/jupyterlab-modelarts/" + "/".join(out)


def check(parts: tuple[str, ...], method: str, reply) -> None:
    """The answer's status is documented for the route and its body validates."""
    operation = DOC["paths"][_template(parts)][method.lower()]
    documented = operation["responses"].get(str(reply.code))
    assert documented, f"{method} {_template(parts)} answered undocumented {reply.code}"
    schema = documented["content"]["application/json"]["schema"]
    jsonschema.validate(reply.body, {**_json_schema(schema), "components": COMPONENTS})
    for header in documented.get("headers", {}):
        assert header in reply.headers, header


def test_document_is_openapi_3_and_self_consistent():
    assert DOC["openapi"].startswith("3.0")
    jsonschema.Draft7Validator.check_schema({"components": COMPONENTS})
    refs = set(re.findall(r'"#/components/schemas/(\w+)"', json.dumps(DOC)))
    assert refs <= set(DOC["components"]["schemas"])


def test_every_route_is_documented_and_nothing_else():
    documented = set()
    for path, operations in DOC["paths"].items():
        for method in operations:
            documented.add((path, method))
    registered = set()
    for pattern, cls in routes.HANDLERS:
        names = iter(["{job_id}", "{version_id}"])
        path = "/" + re.sub(r"\(\[\^/\]\+\)", lambda _m, n=names: next(n), pattern)
        path = path.replace("\\.", ".")
        for verb in ("get", "post", "put", "delete", "patch"):
            if verb in vars(cls):
                registered.add((path, verb))
    assert registered == documented


CALLS = [
    (("session",), "GET", None),
    (("training-jobs",), "GET", None),
    (("training-jobs",), "GET", {"per_page": "9999"}),
    (("training-jobs", JOB, "versions"), "GET", None),
    (("training-jobs", "777", "versions"), "GET", None),
    (("training-jobs", "x", "versions"), "GET", None),
    (("training-jobs", JOB, "versions", RUNNING), "GET", None),
    (("training-jobs", JOB, "versions", "1"), "GET", None),
    (("training-jobs", JOB, "versions", "278812", "stop"), "POST", None),
    (("training-jobs", JOB, "versions", RUNNING, "stop"), "POST", None),
    (("training-jobs", JOB, "versions", "1", "stop"), "POST", None),
    (("training-jobs", JOB, "versions", RUNNING, "log-files"), "GET", None),
    (("training-jobs", JOB, "versions", RUNNING, "log"), "GET", {"log_file": LOG}),
    (("training-jobs", JOB, "versions", RUNNING, "log"), "GET", {"log_file": LOG, "lines": "0"}),
    (("training-jobs", JOB, "versions", RUNNING, "log"), "GET", {"log_file": "job-none.0"}),
    (("training-jobs", JOB, "versions", RUNNING, "log"), "GET", {"lines": "9999"}),
    (("watches", JOB), "DELETE", None),
    (("watches", "x"), "DELETE", None),
    (("openapi.json",), "GET", None),
]


async def test_real_answers_match_the_document(api):
    seen = set()
    for parts, method, params in CALLS:
        reply = await api(*parts, method=method, params=params)
        check(parts, method, reply)
        seen.add((_template(parts), reply.code))
        no_auth = await api(*parts, method=method, params=params, headers={"Authorization": ""})
        check(parts, method, no_auth)
    assert {code for _, code in seen} >= {200, 400, 404, 409}


@pytest.mark.parametrize(
    ("route", "fault", "code"),
    [
        ("list_versions", {"kind": "error", "status": 500}, 502),
        ("list_versions", {"kind": "error", "status": 401, "error_code": "APIGW.0301"}, 502),
        ("stop_version", {"kind": "throttle", "retry_after": 2}, 503),
    ],
)
async def test_error_answers_match_the_document(api, emulator, route, fault, code):
    emulator.set_fault(route, **fault)
    parts = (
        ("training-jobs", JOB, "versions")
        if route == "list_versions"
        else ("training-jobs", JOB, "versions", RUNNING, "stop")
    )
    method = "GET" if route == "list_versions" else "POST"
    reply = await api(*parts, method=method)
    assert reply.code == code
    check(parts, method, reply)


@pytest.mark.modelarts(connect_timeout=0.2, request_timeout=0.2)
async def test_timeout_answer_matches_the_document(api, emulator):
    emulator.set_fault("get_version", "latency", latency=1.0)
    parts = ("training-jobs", JOB, "versions", RUNNING)
    reply = await api(*parts)
    assert reply.code == 504
    check(parts, "GET", reply)
    await asyncio.sleep(1.1)  # let the abandoned calls finish in the shared emulator


@pytest.mark.modelarts(access_key=None, secret_key_file=None)
async def test_no_credentials_answers_match_the_document(api):
    for parts in (("session",), ("training-jobs",)):
        reply = await api(*parts)
        check(parts, "GET", reply)
    assert reply.code == 502


def _parameters(path: str) -> dict[str, dict]:
    operation = next(iter(DOC["paths"][path].values()))
    return {p["name"]: p for p in operation.get("parameters", [])}


def test_job_list_parameters_are_the_documented_rule():
    """The document's query rule is client/query.py's, the one the routes enforce."""
    documented = _parameters("/jupyterlab-modelarts/training-jobs")
    assert set(documented) == set(JOB_QUERY_PARAMS)
    params = {name: parameter["schema"] for name, parameter in documented.items()}
    assert set(params["sort_by"]["enum"]) == set(SORT_KEYS)
    assert set(params["order"]["enum"]) == set(ORDERS)
    assert params["search"]["maxLength"] == MAX_SEARCH_LENGTH
    assert (params["page"]["minimum"], params["page"]["maximum"]) == (MIN_PAGE, MAX_PAGE)
    per_page = params["per_page"]
    assert (per_page["minimum"], per_page["maximum"]) == (MIN_PER_PAGE, MAX_PER_PAGE)


def test_status_kinds_and_the_id_rule_are_the_servers():
    assert DOC["components"]["schemas"]["StatusKind"]["enum"] == list(STATUS_KINDS)
    v1_paths = [path for path in DOC["paths"] if "/v2/" not in path]  # v2 ids: test_v2_routes
    path_ids = [p for path in v1_paths for p in _parameters(path).values() if p["in"] == "path"]
    assert len(path_ids) == 10  # job_id on 6 paths (watches included), version_id on 4
    for parameter in path_ids:
        assert parameter["schema"]["pattern"] == f"^{ID_SYNTAX}$"
        assert str(MAX_ID) in parameter["description"], parameter
    # The run ids the panel keys on (and its generated ID_PATTERN) state the same syntax.
    for schema in ("Job", "Version"):
        assert (
            DOC["components"]["schemas"][schema]["properties"]["id"]["pattern"] == f"^{ID_SYNTAX}$"
        )
