"""Sans-IO ModelArts v2 (new-version training jobs): request builders and response parsers.

The four calls of ``../shared/modelarts-v2-api.md``: search (§4), show (§5),
terminate (§6) and a task's log preview (§7). Like :mod:`.api_v1`, nothing here
signs or sends; :mod:`.operations` does. Job ids go through
:func:`~.ids.parse_uuid`, the list through a :class:`~.query_v2.TrainingJobSearch`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .errors import BadRequestError
from .http import Request, Response
from .ids import parse_uuid
from .models_v2 import LogPreview, TrainingJob, TrainingJobList
from .query_v2 import DEFAULT_OFFSET_MODE, MAX_V2_LIMIT, OffsetMode, TrainingJobSearch
from .responses import error_from_response, parse_success

#: What the official SDK sends with the two POSTs.
JSON_UTF8 = "application/json;charset=UTF-8"
#: The answer (any HTTP status) that means "no log yet" (documented with HTTP 204).
LOG_NOT_READY = "ModelArts.2776"
#: Task names as ModelArts forms them (``worker-0``, ``worker-1``...): no path separators.
TASK_SYNTAX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
_TASK = re.compile(TASK_SYNTAX)
DEFAULT_TASK = "worker-0"


def _project_path(project_id: str) -> str:
    if not project_id:
        raise BadRequestError(
            "no project id: set project_id or MODELARTS_PROJECT_ID", error_code="ModelArts.0101"
        )
    return "/v2/" + quote(project_id, safe="")


def _job_path(project_id: str, job_id: object) -> str:
    return f"{_project_path(project_id)}/training-jobs/{parse_uuid('training_job_id', job_id)}"


def parse_task(value: object) -> str:
    """A task name (``worker-0``...) as a path segment, else ``BadRequestError``."""
    if not isinstance(value, str) or not _TASK.fullmatch(value):
        raise BadRequestError(
            "task_id must be a task name from the job's status.tasks, e.g. worker-0",
            error_code="ModelArts.0104",
        )
    return value


def _json_post(base_url: str, path: str, body: Mapping[str, Any], retryable: bool) -> Request:
    data = json.dumps(body, separators=(",", ":")).encode()
    headers = {"Content-Type": JSON_UTF8}
    return Request(
        "POST", base_url.rstrip("/"), path, headers=headers, body=data, retryable=retryable
    )


def search_body(search: TrainingJobSearch, offset: int, limit: int) -> dict[str, Any]:
    """The ``JobSearches`` body of one upstream page (``offset`` as the reading wants it)."""
    body: dict[str, Any] = {
        "offset": offset,
        "limit": limit,
        "sort_by": search.sort_by,
        "order": search.order,
    }
    filters = search.filters()
    if filters:
        body["filters"] = filters
    return body


def search_request(base_url: str, project_id: str, body: Mapping[str, Any]) -> Request:
    """``POST /v2/{project_id}/training-job-searches`` (a read: safe to re-send)."""
    path = f"{_project_path(project_id)}/training-job-searches"
    return _json_post(base_url, path, body, retryable=True)


def show_request(base_url: str, project_id: str, job_id: object) -> Request:
    """``GET /v2/{project_id}/training-jobs/{training_job_id}``."""
    return Request("GET", base_url.rstrip("/"), _job_path(project_id, job_id), retryable=True)


def terminate_request(base_url: str, project_id: str, job_id: object) -> Request:
    """``POST …/{training_job_id}/actions`` with ``{"action_type": "terminate"}``; never retried."""
    path = _job_path(project_id, job_id) + "/actions"
    return _json_post(base_url, path, {"action_type": "terminate"}, retryable=False)


def log_preview_request(base_url: str, project_id: str, job_id: object, task_id: object) -> Request:
    """``GET …/{training_job_id}/tasks/{task_id}/logs/preview``."""
    path = f"{_job_path(project_id, job_id)}/tasks/{parse_task(task_id)}/logs/preview"
    return Request("GET", base_url.rstrip("/"), path, retryable=True)


def parse_job(response: Response) -> TrainingJob:
    """The job object of show (200) or terminate (202)."""
    return TrainingJob.from_dict(parse_success(response, "the training job"))


def parse_log_preview(response: Response, task_id: str) -> LogPreview:
    """The log tail; 204, an empty body or ``ModelArts.2776`` mean "no log yet"."""
    if response.status == 204 or (response.status < 400 and not response.body.strip()):
        return LogPreview(task_id, "", 0, 0, ready=False)
    if response.status >= 400:
        error = error_from_response(response, "the log preview")
        if error.error_code == LOG_NOT_READY:
            return LogPreview(task_id, "", 0, 0, ready=False)
        raise error
    body = parse_success(response, "the log preview")
    # Before 2022-03-01 the field was called ``context``.
    content = body.get("content", body.get("context"))
    text = content if isinstance(content, str) else ""
    current, full = body.get("current_size"), body.get("full_size")
    return LogPreview(
        task_id,
        text,
        current if isinstance(current, int) else len(text.encode()),
        full if isinstance(full, int) else len(text.encode()),
        ready=True,
    )


@dataclass
class TrainingJobPager:
    """Walks the search from its first page until the search's row window is in.

    Pages are asked for as ``offset`` = 0, 1, 2… (page reading, the default) or
    0, 50, 100… (row reading), each of ``page_size`` rows. Jobs are
    de-duplicated by id, so under either reading every job is listed once; the
    page reading is also complete when the server reads rows (only slower).
    Stops once one row past the window is known, a page comes back short or
    adds nothing new, or after ``max_pages``.
    """

    base_url: str
    project_id: str
    search: TrainingJobSearch
    offset_mode: OffsetMode = DEFAULT_OFFSET_MODE
    page_size: int = MAX_V2_LIMIT
    max_pages: int = 1_000
    _page: int = 0
    _done: bool = False
    _total: int | None = None
    _items: dict[str, TrainingJob] = field(default_factory=dict)

    def next_request(self) -> Request | None:
        """The next page's request, or None when the window is in."""
        if self._done or self._page >= self.max_pages:
            return None
        offset = self._page if self.offset_mode == "page" else self._page * self.page_size
        body = search_body(self.search, offset, self.page_size)
        return search_request(self.base_url, self.project_id, body)

    def feed(self, response: Response) -> None:
        """Take one page's response (raises the typed error on failure)."""
        body = parse_success(response, "the training job list")
        self._page += 1
        if self._total is None and isinstance(body.get("total"), int):
            self._total = body["total"]
        listed = body.get("items")
        page = [TrainingJob.from_dict(i) for i in listed or [] if isinstance(i, Mapping)]
        added = 0
        for job in page:
            if job.id and job.id not in self._items:
                self._items[job.id] = job
                added += 1
        wanted = self.search.offset + self.search.limit + 1
        if len(page) < self.page_size or added == 0 or len(self._items) >= wanted:
            self._done = True

    def result(self) -> TrainingJobList:
        """The search's window of every job seen, in the search's order."""
        newest_first = self.search.order == "desc"
        ordered = sorted(self._items.values(), key=lambda j: _created(j, newest_first))
        start, end = self.search.offset, self.search.offset + self.search.limit
        return TrainingJobList(
            total=self._total,
            offset=self.search.offset,
            limit=self.search.limit,
            has_more=len(ordered) > end,
            items=tuple(ordered[start:end]),
        )


def _created(job: TrainingJob, newest_first: bool) -> tuple[bool, int]:
    # Jobs without a creation time go last either way; the sort is stable.
    when = job.create_time
    if when is None:
        return (True, 0)
    return (False, -when if newest_first else when)
