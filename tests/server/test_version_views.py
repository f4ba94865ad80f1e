"""Issue 13 item 2: the summary view of a version list (``view=summary``) and its byte budget."""

from __future__ import annotations

import json

import jsonschema
from support import assert_error_body

from jupyterlab_modelarts.contract import ROW_FIELDS, SUMMARY_FIELDS, VERSION_LIST_JOB_FIELDS
from jupyterlab_modelarts.emulator.demo import BIG_JOB, BIG_JOB_VERSIONS, MNIST_JOB

from .test_openapi import COMPONENTS, DOC, _json_schema

#: What issue 13 asks a summary row to hold (ROW_FIELDS; SUMMARY_FIELDS is its superset).
ISSUE_ROW_FIELDS = {
    "version_id",
    "version_name",
    "status",
    "status_label",
    "status_kind",
    "stoppable",
    "create_time",
    "duration",
    "engine_name",
    "engine_version",
    "spec_code",
}
#: The byte budget of one version in the summary view.
MAX_SUMMARY_BYTES = 300


def _validates(body: object) -> None:
    path = DOC["paths"]["/jupyterlab-modelarts/training-jobs/{job_id}/versions"]["get"]
    schema = path["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(body, {**_json_schema(schema), "components": COMPONENTS})


async def test_summary_has_the_row_fields_and_the_job_fields(api):
    full = await api("training-jobs", str(MNIST_JOB), "versions")
    summary = await api("training-jobs", str(MNIST_JOB), "versions", params={"view": "summary"})
    assert summary.code == 200 == full.code
    # Plus `id`, the exact decimal-string id the panel keys its rows on.
    assert set(ROW_FIELDS) == ISSUE_ROW_FIELDS | {"id"} and set(ROW_FIELDS) <= set(SUMMARY_FIELDS)
    assert {k: summary.body[k] for k in VERSION_LIST_JOB_FIELDS} == {
        k: full.body[k] for k in VERSION_LIST_JOB_FIELDS
    }
    assert [v["version_id"] for v in summary.body["versions"]] == [
        v["version_id"] for v in full.body["versions"]
    ]
    for short, long in zip(summary.body["versions"], full.body["versions"]):
        assert list(short) == list(ROW_FIELDS)  # nothing else, in the one order
        ticking = {"duration"}  # a running version's duration grows between the two reads
        assert {k: v for k, v in short.items() if k not in ticking} == {
            name: long.get(name) for name in ROW_FIELDS if name not in ticking
        }
    _validates(summary.body)
    _validates(full.body)


async def test_summary_stays_within_300_bytes_a_version(api):
    reply = await api("training-jobs", str(BIG_JOB), "versions", params={"view": "summary"})
    assert reply.code == 200 and len(reply.body["versions"]) == BIG_JOB_VERSIONS
    sizes = [len(json.dumps(v, separators=(",", ":")).encode()) for v in reply.body["versions"]]
    assert max(sizes) <= MAX_SUMMARY_BYTES
    assert len(reply.text.encode()) <= MAX_SUMMARY_BYTES * BIG_JOB_VERSIONS + 1000


async def test_full_is_the_default_view(api):
    default = await api("training-jobs", str(MNIST_JOB), "versions")
    full = await api("training-jobs", str(MNIST_JOB), "versions", params={"view": "full"})
    assert default.body == full.body
    assert "train_url" in default.body["versions"][0]  # every upstream field


async def test_an_unknown_view_is_400_without_an_upstream_call(api, emulator):
    reply = await api("training-jobs", str(MNIST_JOB), "versions", params={"view": "bogus"})
    assert_error_body(reply, 400)
    assert "view must be one of full, summary" in reply.body["error_msg"]
    assert emulator.count("list_versions") == 0
