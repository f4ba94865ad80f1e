"""The v2 routes proven against huaweicloudsdkmodelarts, the official SDK (a test-only oracle).

The SDK's own client sends its requests (signed by huaweicloudsdkcore) to the
emulator and parses the answers into its models; every field the emulator
sends is checked against the type the SDK's models declare for it; and the
requests our client builds are the SDK's, in method, path and body.
"""

from __future__ import annotations

from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkmodelarts.v1 import ModelArtsClient as SdkClient
from huaweicloudsdkmodelarts.v1 import model as sdk

from jupyterlab_modelarts.client import ModelArtsClient
from jupyterlab_modelarts.client.api_v2 import search_body
from jupyterlab_modelarts.client.query_v2 import TrainingJobSearch
from jupyterlab_modelarts.emulator.v2_demo import (
    V2_COMPLETED,
    V2_DEMO_TOTAL,
    V2_PENDING,
    V2_RUNNING,
)

from .sdk import call

UNKNOWN = "00000000-0000-4000-8000-000000000000"
_PRIMITIVES = {"int": int, "str": str, "bool": bool, "float": (int, float)}


def sdk_client(emulator) -> SdkClient:
    config = emulator.config
    credentials = BasicCredentials(config.access_key, config.secret_key, config.project_id)
    return SdkClient.new_builder().with_credentials(credentials).with_endpoint(emulator.url).build()


def mismatches(value: Any, kind: str, where: str = "$") -> list[str]:
    """Where ``value`` differs from the SDK type ``kind`` (a model name or a type string)."""
    if value is None or kind == "object":
        return []
    if kind.startswith("list["):
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__} is not {kind}"]
        return [m for i, v in enumerate(value) for m in mismatches(v, kind[5:-1], f"{where}[{i}]")]
    if kind.startswith("dict("):
        inner = kind[kind.index(",") + 1 : -1].strip()
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__} is not {kind}"]
        return [m for k, v in value.items() for m in mismatches(v, inner, f"{where}.{k}")]
    if kind in _PRIMITIVES:
        ok = isinstance(value, _PRIMITIVES[kind]) and not (
            kind != "bool" and isinstance(value, bool)
        )
        return [] if ok else [f"{where}: {value!r} is not {kind}"]
    model = getattr(sdk, kind)
    if not isinstance(value, dict):
        return [f"{where}: {type(value).__name__} is not {kind}"]
    wire = {name: attr for attr, name in model.attribute_map.items()}
    out = []
    for key, item in value.items():
        if key not in wire:
            out.append(f"{where}.{key}: not a field of {kind}")
        else:
            out.extend(mismatches(item, model.openapi_types[wire[key]], f"{where}.{key}"))
    return out


def test_sdk_lists_shows_terminates_and_reads_logs(emulator):
    client = sdk_client(emulator)
    listed = client.list_training_jobs(
        sdk.ListTrainingJobsRequest(body=sdk.JobSearches(offset=0, limit=5))
    )
    assert listed.total == V2_DEMO_TOTAL
    assert len(listed.items) == 5
    assert all(isinstance(item, sdk.JobResponse) for item in listed.items)
    shown = client.show_training_job_details(
        sdk.ShowTrainingJobDetailsRequest(training_job_id=V2_RUNNING)
    )
    assert (shown.metadata.id, shown.status.phase) == (V2_RUNNING, "Running")
    assert shown.status.tasks == ["worker-0", "worker-1"]
    stopped = client.stop_training_job(
        sdk.StopTrainingJobRequest(
            training_job_id=V2_RUNNING, body=sdk.JobActionType(action_type="terminate")
        )
    )
    assert stopped.status_code == 202
    assert (stopped.status.phase, stopped.status.secondary_phase) == ("Terminating", "Terminating")
    preview = client.show_training_job_logs_preview(
        sdk.ShowTrainingJobLogsPreviewRequest(training_job_id=V2_COMPLETED, task_id="worker-0")
    )
    assert preview.content and preview.current_size == len(preview.content.encode())
    assert emulator.count("terminate_training_job") == 1


def test_sdk_sees_the_documented_errors(emulator):
    client = sdk_client(emulator)
    terminate = sdk.JobActionType(action_type="terminate")
    with pytest.raises(ClientRequestException) as refused:
        client.stop_training_job(
            sdk.StopTrainingJobRequest(training_job_id=V2_COMPLETED, body=terminate)
        )
    assert (refused.value.status_code, refused.value.error_code) == (409, "ModelArts.2796")
    assert refused.value.request_id
    with pytest.raises(ClientRequestException) as unknown:
        client.show_training_job_details(sdk.ShowTrainingJobDetailsRequest(training_job_id=UNKNOWN))
    assert (unknown.value.status_code, unknown.value.error_code) == (400, "ModelArts.2775")
    with pytest.raises(ClientRequestException) as too_many:
        client.list_training_jobs(sdk.ListTrainingJobsRequest(body=sdk.JobSearches(limit=51)))
    assert (too_many.value.status_code, too_many.value.error_code) == (400, "ModelArts.2816")


def _json(emulator, method: str, path: str, body: bytes = b"") -> Any:
    answer = call(emulator, method, path, body=body)
    assert answer.status_code < 300, answer.text
    return answer.json()


def test_every_field_the_emulator_sends_has_the_sdk_models_type(emulator):
    v2 = f"/v2/{emulator.config.project_id}"
    answers = [
        (
            _json(emulator, "POST", f"{v2}/training-job-searches", b'{"limit": 50}'),
            "ListTrainingJobsResponse",
        ),
        (
            _json(emulator, "GET", f"{v2}/training-jobs/{V2_RUNNING}"),
            "ShowTrainingJobDetailsResponse",
        ),
        (
            _json(emulator, "GET", f"{v2}/training-jobs/{V2_PENDING}"),
            "ShowTrainingJobDetailsResponse",
        ),
        (
            _json(
                emulator, "GET", f"{v2}/training-jobs/{V2_COMPLETED}/tasks/worker-0/logs/preview"
            ),
            "ShowTrainingJobLogsPreviewResponse",
        ),
        (
            _json(
                emulator,
                "POST",
                f"{v2}/training-jobs/{V2_RUNNING}/actions",
                b'{"action_type":"terminate"}',
            ),
            "StopTrainingJobResponse",
        ),
    ]
    tasks = _json(emulator, "GET", f"{v2}/training-jobs/{V2_RUNNING}/tasks")
    problems = [p for body, kind in answers for p in mismatches(body, kind)]
    problems += mismatches(tasks, "list[TaskHistory]")
    assert problems == []
    # The check is not vacuous: a wrong type and an unknown field are both caught.
    assert len(mismatches({"status": {"duration": "5"}, "bogus": 1}, "JobResponse")) == 2


def test_our_requests_are_the_sdks(emulator):
    search = TrainingJobSearch(search="mnist", phases=("Running",), limit=7)
    ours = search_body(search, 0, 50)
    filters = [sdk.Filter(**f) for f in ours["filters"]]
    theirs = sdk.JobSearches(
        offset=0, limit=50, sort_by="create_time", order="desc", filters=filters
    )
    assert {k: v for k, v in theirs.to_dict().items() if v is not None} == ours
    assert sdk.JobActionType(action_type="terminate").to_dict() == {"action_type": "terminate"}

    client = sdk_client(emulator)
    client.list_training_jobs(sdk.ListTrainingJobsRequest(body=theirs))
    client.show_training_job_details(sdk.ShowTrainingJobDetailsRequest(training_job_id=V2_RUNNING))
    client.show_training_job_logs_preview(
        sdk.ShowTrainingJobLogsPreviewRequest(training_job_id=V2_RUNNING, task_id="worker-0")
    )
    client.stop_training_job(
        sdk.StopTrainingJobRequest(
            training_job_id=V2_RUNNING, body=sdk.JobActionType(action_type="terminate")
        )
    )
    sent_by_sdk = [(e["method"], e["path"]) for e in emulator.stats()["log"]]
    emulator.reset()
    with ModelArtsClient(emulator.client_config()) as ours_client:
        ours_client.list_training_jobs(TrainingJobSearch(limit=1))
        ours_client.get_training_job(V2_RUNNING)
        ours_client.training_job_log_preview(V2_RUNNING, "worker-0")
        ours_client.terminate_training_job(V2_RUNNING)
    sent_by_us = [(e["method"], e["path"]) for e in emulator.stats()["log"]]
    assert sent_by_us == sent_by_sdk
