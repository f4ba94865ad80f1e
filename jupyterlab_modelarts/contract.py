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
from collections.abc import Callable, Mapping
from typing import Any

from .client import ClientConfig, NoCredentialsError, SessionInfo
from .client.advice import DOCTOR_COMMAND, next_step, steps
from .client.errors import BadRequestError
from .client.ids import parse_id
from .client.logs import LogChunk, LogFiles, LogQuery
from .client.models import Job, JobList, JobVersion, VersionList
from .client.query import JobQuery
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
#: A version in the summary shape, the ONE list of summary fields: watch events and the
#: notebook's table show all of them; the ``view=summary`` version list (what the panel
#: reads, at most 300 bytes a version) leaves out ``SUMMARY_EXTRA_FIELDS``.
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
#: What the list's summary view leaves out to stay within 300 bytes a version: ``name``
#: repeats ``version_name`` and ``status_name`` spells out ``status``. It keeps ``id``, the
#: version id as a decimal string, because a JSON number loses ids beyond 2^53.
SUMMARY_EXTRA_FIELDS: frozenset[str] = frozenset({"name", "status_name"})
#: A version in the ``view=summary`` version list: the row fields of issue 13 and ``id``.
ROW_FIELDS: tuple[str, ...] = tuple(f for f in SUMMARY_FIELDS if f not in SUMMARY_EXTRA_FIELDS)
#: The job fields every version list carries, whatever its view.
VERSION_LIST_JOB_FIELDS: tuple[str, ...] = ("job_id", "job_name", "job_desc", "version_count")
#: The views of ``GET …/training-jobs/{job_id}/versions`` (``view``); the first is the default.
VERSION_VIEWS: tuple[str, ...] = ("full", "summary")


#: The one encoder of every answer (one instance: ``json.dumps`` with options builds one a call).
_ENCODER = json.JSONEncoder(allow_nan=False, separators=(",", ":"))


def encode(body: JsonObject) -> Payload:
    """``body`` as strict JSON (no ``NaN``/``Infinity``, which ``JSON.parse`` refuses)."""
    return _ENCODER.encode(body).encode("utf-8")


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


def version_list_view_name(value: object) -> str:
    """The ``view`` of a version list: ``full`` (unset) or ``summary``, else ``BadRequestError``."""
    if value is None or value == "":
        return VERSION_VIEWS[0]
    if value not in VERSION_VIEWS:
        shown = str(value)[:40]
        raise BadRequestError(
            f"view must be one of {', '.join(VERSION_VIEWS)} (got {shown!r})",
            error_code="ModelArts.0104",
        )
    return str(value)


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
    """A version as the routes show it: every upstream field, status and run fields.

    A shallow copy of the body as received: nested upstream values are shared, not
    copied (the view is only read, to be encoded).
    """
    body = dict(version.raw)
    body.pop("is_success", None)
    return _with_run_fields(_with_status(body, stoppable=True), "version_id", "version_name")


def version_summary(version: JobVersion, names: tuple[str, ...] = SUMMARY_FIELDS) -> JsonObject:
    """A version in the summary shape: the fields ``names`` (``SUMMARY_FIELDS``), in order."""
    return _summary_of(version.raw, names)


def event_version(row: Mapping[str, object]) -> JsonObject:
    """A ``view=summary`` row in the events' shape (``SUMMARY_FIELDS``): the run and status
    fields the row leaves out come from the same rule and status table as every view's."""
    return _summary_of(row, SUMMARY_FIELDS)


def _summary_of(fields: Mapping[str, object], names: tuple[str, ...]) -> JsonObject:
    own = {name: fields.get(name) for name in ("status", "version_id", "version_name")}
    added = _with_run_fields(_with_status(own, stoppable=True), "version_id", "version_name")
    return {name: added[name] if name in added else fields.get(name) for name in names}


def version_row(version: JobVersion) -> JsonObject:
    """A version in the ``view=summary`` list: ``ROW_FIELDS`` only."""
    return version_summary(version, ROW_FIELDS)


def job_view(job: Job) -> JsonObject:
    """A job-list row: upstream fields, status fields (of its latest version), run fields."""
    return _with_run_fields(_with_status(job.to_dict(), stoppable=False), "job_id", "job_name")


def version_list_head(result: VersionList) -> JsonObject:
    """The job fields of a version list (``VERSION_LIST_JOB_FIELDS``), any view."""
    return {name: getattr(result, name) for name in VERSION_LIST_JOB_FIELDS}


#: How each view of the version list shows one version.
VERSION_ITEM_VIEWS: dict[str, Callable[[JobVersion], JsonObject]] = {
    "full": version_view,
    "summary": version_row,
}


def version_list_view(result: VersionList, view: str = VERSION_VIEWS[0]) -> JsonObject:
    """``GET .../training-jobs/{job_id}/versions``: the job and every version, newest first,
    each version in ``view`` (``full``: every upstream field; ``summary``: ``ROW_FIELDS``)."""
    item = VERSION_ITEM_VIEWS[view]
    return {**version_list_head(result), "versions": [item(v) for v in result.versions]}


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
