"""The REST contract of the new-version (v2) training jobs: ids, the search, the views.

The v2 counterpart of ``contract.py``: a v2 job is shown as a *run* (the same
row fields as a v1 version), with every status field from the phase table in
``client/status.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from .client.api_v2 import DEFAULT_TASK, parse_task
from .client.ids import parse_uuid
from .client.models_v2 import LogPreview, TrainingJob, TrainingJobList
from .client.query_v2 import TrainingJobSearch
from .contract import JsonObject

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
