"""The new-version (v2) training-job routes: search, show, terminate, log preview, tasks.

Same gateway auth, faults, clock and request log as the v1 routes
(``base.EmulatorHandler``). Errors carry ``error_code``, ``error_msg`` and
``error_solution``; an unknown job is 400 ``ModelArts.2775``; terminate is 202
with the job in ``Terminating`` when the phase is Creating, Pending or Running
(the status table's stoppable phases), else 409 ``ModelArts.2796``.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, Callable

from ..client.status import STOPPABLE_PHASES
from . import errors
from .base import EmulatorHandler
from .logs import GeneratedLog
from .v2_fields import job_object
from .v2_search import search
from .v2_store import V2Record

#: The most log bytes a preview returns (documented: 5 MB).
MAX_PREVIEW_BYTES = 5 * 1024 * 1024
Work = Callable[[], tuple[int, Any]]


class V2Handler(EmulatorHandler):
    """Shared helpers: authentication, the JSON body, job lookup, the job object now."""

    def answer(self, project_id: str, work: Work) -> None:
        """Authenticate, then run ``work()`` -> (status, body), turning ApiError into its answer."""
        if self._finished or self.authenticate(project_id) is None:
            return
        try:
            status, body = work()
        except errors.ApiError as error:
            self.send_error_obj(error)
            return
        if status == 204:
            self.set_status(204)
            self.finish()
        else:
            self.send_json(status, body)

    def body_json(self) -> Any:
        """The request body as JSON (empty: ``{}``), else 400 ``ModelArts.2787``."""
        if not self.request.body.strip():
            return {}
        try:
            return json.loads(self.request.body)
        except ValueError:
            raise errors.v2_bad_param("ModelArts.2787", "Invalid JSON request body.") from None

    def find(self, job_id: str) -> V2Record:
        """The job, or 400 ``ModelArts.2775``."""
        record = self.state.v2.job(job_id)
        if record is None:
            raise errors.v2_job_not_found(job_id)
        return record

    def shown(self, record: V2Record) -> dict[str, Any]:
        """The job object at the emulated now."""
        return job_object(record, self.state.v2.snapshot(record, self.state.clock.now()))


class SearchHandler(V2Handler):
    """POST /v2/{project_id}/training-job-searches"""

    route = "list_training_jobs"

    def post(self, project_id: str) -> None:
        """Filter, sort and page the project's jobs."""
        self.answer(project_id, self._search)

    def _search(self) -> tuple[int, Any]:
        now = self.state.clock.now()
        records = list(self.state.v2.jobs.values())
        rows = []
        for index, record in enumerate(records):
            snap = self.state.v2.snapshot(record, now)
            rows.append(
                {
                    "index": index,
                    "id": record.id,
                    "name": record.name,
                    "phase": snap.phase,
                    "kind": record.fields.get("kind", "job"),
                    "create_time": snap.create_time,
                }
            )
        config = self.state.config
        body = search(
            self.body_json(),
            rows,
            offset_mode=config.v2_offset_mode,
            default_limit=config.v2_default_limit,
        )
        body["items"] = [self.shown(records[row["index"]]) for row in body.pop("rows")]
        return 200, body


class ShowHandler(V2Handler):
    """GET /v2/{project_id}/training-jobs/{training_job_id}"""

    route = "show_training_job"

    def get(self, project_id: str, job_id: str) -> None:
        """One job."""
        self.answer(project_id, lambda: (200, self.shown(self.find(job_id))))


class ActionsHandler(V2Handler):
    """POST /v2/{project_id}/training-jobs/{training_job_id}/actions"""

    route = "terminate_training_job"

    def post(self, project_id: str, job_id: str) -> None:
        """``{"action_type": "terminate"}``: 202 Terminating, or 409 ModelArts.2796."""
        self.answer(project_id, lambda: self._act(job_id))

    def _act(self, job_id: str) -> tuple[int, Any]:
        record = self.find(job_id)
        action = self.body_json()
        kind = action.get("action_type") if isinstance(action, dict) else None
        if kind != "terminate":
            raise errors.v2_bad_param("ModelArts.2812", f"Unsupported action type:{kind}")
        now = self.state.clock.now()
        if self.state.v2.snapshot(record, now).phase not in STOPPABLE_PHASES:
            raise errors.v2_error(
                409,
                "ModelArts.2796",
                "The job cannot be terminated.",
                "Check whether the job status is valid.",
            )
        record.life.stopped_at = now
        return 202, self.shown(record)


class LogPreviewHandler(V2Handler):
    """GET /v2/{project_id}/training-jobs/{training_job_id}/tasks/{task_id}/logs/preview"""

    route = "training_job_log_preview"

    def get(self, project_id: str, job_id: str, task_id: str) -> None:
        """The tail of one task's log (generated lines that grow while the job runs)."""
        self.answer(project_id, lambda: self._preview(job_id, task_id))

    def _preview(self, job_id: str, task_id: str) -> tuple[int, Any]:
        record = self.find(job_id)
        if task_id not in record.tasks:
            raise errors.v2_bad_param("ModelArts.2788", f"Invalid parameter({task_id}).")
        snap = self.state.v2.snapshot(record, self.state.clock.now())
        if not snap.start_time:
            status = self.state.config.v2_log_not_ready_status
            if status == 204:
                return 204, None
            raise errors.v2_error(
                status,
                "ModelArts.2776",
                "not ready for fetch log, wait for training to return data",
                "Please try again later.",
            )
        seed = zlib.crc32(record.id.encode())
        log = GeneratedLog(seed, task_id, snap.start_time, snap.duration)
        text = "\n".join(log.text(index) for index in range(log.count)).encode()
        tail = text[-MAX_PREVIEW_BYTES:]
        return 200, {
            "content": tail.decode(errors="ignore"),
            "current_size": len(tail),
            "full_size": len(text),
        }


class TasksHandler(V2Handler):
    """GET /v2/{project_id}/training-jobs/{training_job_id}/tasks (a bare JSON array)."""

    route = "training_job_tasks"

    def get(self, project_id: str, job_id: str) -> None:
        """Each task with its (emulated) addresses."""

        def work() -> tuple[int, Any]:
            record = self.find(job_id)
            return 200, [
                {
                    "task": task,
                    "ip": f"192.168.0.{n + 10}",
                    "host_ip": "10.0.0.1",
                    "schedule_count": 0,
                }
                for n, task in enumerate(record.tasks)
            ]

        self.answer(project_id, work)


class JobsPathHandler(V2Handler):
    """GET /v2/{project_id}/training-jobs: there is no plain list (405 ModelArts.2803)."""

    route = "training_jobs_get"

    def get(self, project_id: str) -> None:
        """Listing is the POST search."""

        def work() -> tuple[int, Any]:
            raise errors.v2_error(
                405, "ModelArts.2803", "Method not allowed.", "Use the training-job-searches API."
            )

        self.answer(project_id, work)


def v2_routes(state: Any) -> list:
    """URL table for the v2 training-job API."""
    base = r"/v2/([^/]+)"
    job = base + r"/training-jobs/([^/]+)"
    args = {"state": state}
    return [
        (base + r"/training-job-searches", SearchHandler, args),
        (base + r"/training-jobs", JobsPathHandler, args),
        (job, ShowHandler, args),
        (job + r"/actions", ActionsHandler, args),
        (job + r"/tasks", TasksHandler, args),
        (job + r"/tasks/([^/]+)/logs/preview", LogPreviewHandler, args),
    ]
