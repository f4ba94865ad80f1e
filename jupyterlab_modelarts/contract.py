"""The REST contract in code: path ids, the job-list query, and the views of every answer.

``openapi.json`` documents the shapes; this module is the only code that builds
them (tests/server/test_openapi.py holds the two together). The routes, the
service, ``localapi`` and the SDK surface check ids and build the job-list query
here, so a value is accepted or refused the same way on every path, before any
upstream call.

Every version view carries the upstream fields plus ``status_name``,
``status_label``, ``status_kind``, ``stoppable`` and the *run* fields ``id``
(the id as a string: exact beyond 2^53) and ``name``; every job view the same
without ``stoppable``. All status fields come from the one status table,
``client/status.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from .client import ClientConfig, NoCredentialsError, SessionInfo
from .client.advice import DOCTOR_COMMAND, next_step, steps
from .client.api_v2 import DEFAULT_TASK, parse_task
from .client.ids import parse_id, parse_uuid
from .client.logs import LogChunk, LogFiles, LogQuery
from .client.models import Job, JobList, JobVersion, VersionList
from .client.models_v2 import LogPreview, TrainingJob, TrainingJobList
from .client.query import JobQuery
from .client.query_v2 import TrainingJobSearch
from .client.status import describe

#: A JSON object as the routes answer it (``json.dumps``-ready).
JsonObject = dict[str, Any]

#: A JSON answer, serialised once (the cache keeps and serves these bytes).
Payload = bytes

#: The query parameters of ``GET jupyterlab-modelarts/training-jobs``.
JOB_QUERY_PARAMS: tuple[str, ...] = ("search", "status", "page", "per_page", "sort_by", "order")
#: The query parameters of ``GET …/versions/{version_id}/log``.
LOG_QUERY_PARAMS: tuple[str, ...] = ("log_file", "base_line", "lines", "order")


#: The fields the views add to upstream records (everything else is ModelArts' own).
VIEW_FIELDS: frozenset[str] = frozenset(
    {"id", "name", "status_name", "status_label", "status_kind", "stoppable"}
)
#: A version in the summary shape: what a row shows (panel, notebook output, events).
SUMMARY_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "version_id",
    "version_name",
    "status",
    "status_name",
    "status_label",
    "status_kind",
    "stoppable",
    "create_time",
    "duration",
    "engine_name",
    "engine_version",
    "spec_code",
)


def encode(body: JsonObject) -> Payload:
    """``body`` as strict JSON (no ``NaN``/``Infinity``, which ``JSON.parse`` refuses)."""
    return json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")


# -- ids and the job-list query ------------------------------------------------


def job_ref(job_id: object) -> str:
    """A job id as the routes take it: canonical ("007" -> "7"), else ``BadRequestError``."""
    return parse_id("job_id", job_id)


def version_ref(job_id: object, version_id: object) -> tuple[str, str]:
    """A (job id, version id) pair, both checked by the one id rule."""
    return parse_id("job_id", job_id), parse_id("version_id", version_id)


def job_query(params: Mapping[str, object]) -> JobQuery:
    """The one ``JobQuery`` for route, ``localapi`` or SDK parameters.

    Values may be strings (a URL) or ints (a caller); ``None`` and ``""`` mean
    unset. ``search``/``search_content`` and ``sort_by``/``sortBy`` are the same
    parameter. Raises ``BadRequestError`` (ModelArts.0104) by the documented rule.
    """
    return JobQuery.from_params({k: None if v is None else str(v) for k, v in params.items()})


def log_query(params: Mapping[str, object]) -> LogQuery:
    """The one ``LogQuery`` for route or caller parameters (``None``/``""`` mean unset)."""
    return LogQuery.from_params({k: None if v is None else str(v) for k, v in params.items()})


# -- views ---------------------------------------------------------------------


def _with_status(item: JsonObject, *, stoppable: bool) -> JsonObject:
    """``item`` plus the status fields of its ``status`` code (``stoppable`` for versions)."""
    info = describe(item.get("status"))
    item["status_name"] = info.name
    item["status_label"] = info.label
    item["status_kind"] = info.kind
    if stoppable:
        item["stoppable"] = info.stoppable
    return item


def _with_run_fields(item: JsonObject, id_field: str, name_field: str) -> JsonObject:
    """The *run* fields every row carries: ``id`` as a string, ``name``."""
    raw_id = item.get(id_field)
    item["id"] = "" if raw_id is None else str(raw_id)
    item["name"] = str(item.get(name_field) or "")
    return item


def version_view(version: JobVersion) -> JsonObject:
    """A version as the routes show it: every upstream field, status and run fields."""
    body = version.to_dict()
    body.pop("is_success", None)
    return _with_run_fields(_with_status(body, stoppable=True), "version_id", "version_name")


def version_summary(version: JobVersion) -> JsonObject:
    """A version in the summary shape (``SUMMARY_FIELDS``)."""
    view = version_view(version)
    return {name: view.get(name) for name in SUMMARY_FIELDS}


def job_view(job: Job) -> JsonObject:
    """A job-list row: upstream fields, status fields (of its latest version), run fields."""
    return _with_run_fields(_with_status(job.to_dict(), stoppable=False), "job_id", "job_name")


def version_list_view(result: VersionList) -> JsonObject:
    """``GET .../training-jobs/{job_id}/versions``: the job and every version, newest first."""
    return {
        "job_id": result.job_id,
        "job_name": result.job_name,
        "job_desc": result.job_desc,
        "version_count": result.version_count,
        "versions": [version_view(v) for v in result.versions],
    }


def job_list_view(result: JobList) -> JsonObject:
    """``GET .../training-jobs``: the ModelArts shape (``is_success`` included), rows as views."""
    body = result.to_dict()
    body["job_total_count"] = result.job_total_count
    body["jobs"] = [job_view(job) for job in result.jobs]
    return body


def log_files_view(files: LogFiles) -> JsonObject:
    """``GET …/versions/{version_id}/log-files``: one log file per node."""
    return {"log_file_list": list(files.log_file_list)}


def log_chunk_view(chunk: LogChunk) -> JsonObject:
    """``GET …/versions/{version_id}/log``: lines and their positions (decimal strings)."""
    return {
        "content": chunk.content,
        "lines": chunk.lines,
        "start_line": chunk.start_line,
        "end_line": chunk.end_line,
    }


def session_view(info: SessionInfo, *, emulated: bool) -> JsonObject:
    """``GET .../session``: which credential source won and where calls go; never a secret."""
    return {
        "source": "emulator" if emulated else info.source,
        "region": info.region,
        "project_id": info.project_id,
        "endpoint": info.endpoint,
        "emulated": emulated,
        "notebook": info.notebook,
        "detail": info.detail,
    }


def no_session_view(config: ClientConfig, err: NoCredentialsError, *, emulated: bool) -> JsonObject:
    """``GET .../session`` without credentials: an answer, naming every source tried and why,
    with the doctor's steps and the one thing to do next (the panel's banner shows them)."""
    return {
        "source": None,
        "region": config.region,
        "project_id": config.project_id,
        "endpoint": config.modelarts_url(config.region),
        "emulated": emulated,
        "notebook": err.notebook,
        "detail": None,
        "error": err.message,
        "sources_tried": tried_sources(err),
        "doctor": {
            "command": DOCTOR_COMMAND,
            "steps": steps(err.notebook, err.tried),
            "next_step": next_step(err.notebook, err.tried),
        },
    }


def tried_sources(err: NoCredentialsError) -> list[JsonObject]:
    """The credential sources a ``NoCredentialsError`` tried, as the contract lists them."""
    return [{"name": name, "reason": why} for name, why in err.tried]


# -- new-version (v2) training jobs --------------------------------------------

#: The fields of a *run* (a v1 version or a v2 job) that every row and event carries.
RUN_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "status_name",
    "status_label",
    "status_kind",
    "stoppable",
    "create_time",
    "duration",
)
#: A v2 job in the summary shape (its run fields): what a watch event carries of it.
V2_SUMMARY_FIELDS: tuple[str, ...] = ("api", *RUN_FIELDS)
#: The fields the v2 views add to the upstream job record (all else is ModelArts' own).
V2_VIEW_FIELDS: frozenset[str] = frozenset(V2_SUMMARY_FIELDS) | {"terminal", "start_time"}


def training_job_ref(job_id: object) -> str:
    """A v2 job id as the routes take it (canonical lower-case UUID), else ``BadRequestError``."""
    return parse_uuid("training_job_id", job_id)


def training_job_search(params: Mapping[str, object]) -> TrainingJobSearch:
    """The one ``TrainingJobSearch`` for route or caller parameters (``None``/``""`` unset)."""
    return TrainingJobSearch.from_params(params)


def task_ref(task_id: object) -> str:
    """A log task name (default ``worker-0``), else ``BadRequestError``."""
    return parse_task(DEFAULT_TASK if task_id in (None, "") else task_id)


def training_job_view(job: TrainingJob) -> JsonObject:
    """A v2 job as a *run*: the upstream record plus id, name, status and time fields.

    ``create_time`` and ``start_time`` are epoch ms and ``duration`` is ms, as in
    the v1 views; all status fields come from the phase table in ``client/status.py``.
    """
    info = job.phase_info
    body = job.to_dict()
    body.update(
        api="v2",
        id=job.id,
        name=job.name,
        status_name=info.phase,
        status_label=info.label,
        status_kind=info.kind,
        stoppable=info.stoppable,
        terminal=info.terminal,
        create_time=job.create_time,
        start_time=job.start_time,
        duration=job.duration,
    )
    return body


def training_job_list_view(result: TrainingJobList) -> JsonObject:
    """``GET …/v2/training-jobs``: a window of the runs, newest first."""
    return {
        "total": result.total,
        "offset": result.offset,
        "limit": result.limit,
        "has_more": result.has_more,
        "items": [training_job_view(job) for job in result.items],
    }


def log_preview_view(preview: LogPreview) -> JsonObject:
    """``GET …/v2/training-jobs/{id}/log-preview``: the tail of one task's log."""
    return asdict(preview)
