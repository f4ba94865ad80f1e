"""The ModelArts v1 training-job routes."""

from __future__ import annotations

from typing import Optional

from ..client.errors import BadRequestError
from ..client.ids import is_id
from ..client.query import JobQuery
from . import errors
from .base import EmulatorHandler
from .store import JobRecord, VersionRecord
from .version_fields import detail, list_item

#: Sort when the caller names none (the documented keys are ``client.query.SORT_KEYS``).
DEFAULT_SORT = "job_name"


class V1Handler(EmulatorHandler):
    """Shared helpers: integer query parsing and job/version lookup by the one id rule."""

    def int_arg(self, name: str, default: int, low: int, high: int) -> int:
        """A query integer in [low, high]; otherwise ModelArts.0104."""
        raw = self.get_query_argument(name, None)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise errors.bad_parameter(
                self.state.config.bad_request_status, f"{name} must be an integer"
            ) from None
        if not low <= value <= high:
            raise errors.bad_parameter(
                self.state.config.bad_request_status, f"{name} must be in [{low}, {high}]"
            )
        return value

    def find_job(self, job_id: str) -> JobRecord:
        """The job or ModelArts.0102 (an id ModelArts cannot hold names no job)."""
        job = self.state.store.job(int(job_id)) if is_id(job_id) else None
        if job is None:
            raise errors.not_found(self.state.config.not_found_status, f"job_id {job_id}")
        return job

    def find_version(self, job: JobRecord, version_id: str) -> VersionRecord:
        """The version or ModelArts.0102."""
        version = (
            self.state.store.version(job.job_id, int(version_id)) if is_id(version_id) else None
        )
        if version is None:
            raise errors.not_found(
                self.state.config.not_found_status,
                f"version_id {version_id} of job_id {job.job_id}",
            )
        return version

    def job_summary(self, job: JobRecord, now: float) -> dict:
        """A ``jobs[]`` element of the job-list API (latest version's status)."""
        latest = job.versions[0] if job.versions else None
        snap = self.state.store.snapshot(latest, now) if latest else None
        created = min(
            (self.state.store.snapshot(v, now).create_time for v in job.versions[-1:]),
            default=int(now * 1000),
        )
        return {
            **job.extra,
            "job_id": job.job_id,
            "job_name": job.job_name,
            "version_id": latest.version_id if latest else 0,
            "status": snap.status if snap else 0,
            "create_time": created,
            "duration": snap.duration if snap else 0,
            "job_desc": job.job_desc,
            "version_count": len(job.versions),
        }

    def guarded(self, project_id: str, work) -> None:
        """Authenticate, then run ``work()`` turning ApiError into an error answer."""
        if self._finished or self.authenticate(project_id) is None:
            return
        try:
            self.send_json(200, work())
        except errors.ApiError as error:
            self.send_error_obj(error)


class JobsHandler(V1Handler):
    """GET /v1/{project_id}/training-jobs"""

    route = "list_jobs"

    def get(self, project_id: str) -> None:
        """Filter, sort and page the jobs."""
        self.guarded(project_id, self._list)

    def _query(self) -> JobQuery:
        """Page, sort and search by the documented rule (``client/query.py``), else 0104."""
        arg = self.get_query_argument
        try:
            return JobQuery.from_params(
                {
                    "page": arg("page", None),
                    "per_page": arg("per_page", None),
                    "sortBy": arg("sortBy", None) or arg("sort_by", None),
                    "order": arg("order", None),
                    "search_content": arg("search_content", None),
                }
            )
        except BadRequestError as error:
            raise errors.bad_parameter(
                self.state.config.bad_request_status, error.message
            ) from None

    def _list(self) -> dict:
        query = self._query()
        sort_by = query.sort_by or DEFAULT_SORT
        now = self.state.clock.now()
        jobs = [self.job_summary(job, now) for job in self.state.store.jobs.values()]
        search = (query.search_content or "").lower()
        if search:
            jobs = [j for j in jobs if search in j["job_name"].lower()]
        statuses = _status_filter(self.get_query_argument("status", None))
        if statuses is not None:
            jobs = [j for j in jobs if j["status"] in statuses]
        jobs.sort(key=lambda j: (j[sort_by], j["job_id"]), reverse=query.order == "desc")
        page, per_page = query.page, query.per_page
        start = (page - 1) * per_page
        return {
            "is_success": True,
            "job_total_count": len(jobs),
            "job_count_limit": 1000,
            "quotas": 1000,
            "jobs": jobs[start : start + per_page],
        }


def _status_filter(raw: Optional[str]) -> Optional[set[int]]:
    """``status=8`` or ``status=3,5,6,13``; blank means no filter."""
    if not raw:
        return None
    try:
        return {int(part) for part in raw.split(",") if part.strip()}
    except ValueError:
        return set()


class VersionsHandler(V1Handler):
    """GET /v1/{project_id}/training-jobs/{job_id}/versions"""

    route = "list_versions"

    def get(self, project_id: str, job_id: str) -> None:
        """All versions (page=0) or one page, newest first."""
        self.guarded(project_id, lambda: self._list(job_id))

    def _list(self, job_id: str) -> dict:
        per_page = self.int_arg("per_page", 10, 1, 1000)
        page = self.int_arg("page", 0, 0, 2**31 - 1)
        job = self.find_job(job_id)
        now = self.state.clock.now()
        chosen = (
            job.versions if page == 0 else job.versions[(page - 1) * per_page : page * per_page]
        )
        return {
            "is_success": True,
            "job_id": job.job_id,
            "job_name": job.job_name,
            "job_desc": job.job_desc,
            "version_count": len(job.versions),
            "versions": [list_item(v.fields, self.state.store.snapshot(v, now)) for v in chosen],
        }


class VersionHandler(V1Handler):
    """GET /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}"""

    route = "get_version"

    def get(self, project_id: str, job_id: str, version_id: str) -> None:
        """One version's details (system_metric_list as an object)."""
        self.guarded(project_id, lambda: self._detail(job_id, version_id))

    def _detail(self, job_id: str, version_id: str) -> dict:
        job = self.find_job(job_id)
        version = self.find_version(job, version_id)
        return detail(
            job, version.fields, self.state.store.snapshot(version, self.state.clock.now())
        )


class StopHandler(V1Handler):
    """POST /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}/stop"""

    route = "stop_version"

    def post(self, project_id: str, job_id: str, version_id: str) -> None:
        """Accept a stop only in a stoppable status; the version then goes 9 -> 12."""
        self.guarded(project_id, lambda: self._stop(job_id, version_id))

    def _stop(self, job_id: str, version_id: str) -> dict:
        job = self.find_job(job_id)
        version = self.find_version(job, version_id)
        now = self.state.clock.now()
        status = self.state.store.snapshot(version, now).status
        if status not in self.state.config.stoppable_statuses:
            raise errors.modelarts_error(
                self.state.config.not_stoppable_status,
                "ModelArts.0105",
                f"This job can't be stop. job status: {status}",
            )
        version.life.stopped_at = now
        return {"is_success": True}


def v1_routes(state) -> list:
    """URL table for the v1 API (path ids captured as strings)."""
    base = r"/v1/([^/]+)/training-jobs"
    args = {"state": state}
    return [
        (base, JobsHandler, args),
        (base + r"/([^/]+)/versions", VersionsHandler, args),
        (base + r"/([^/]+)/versions/([^/]+)", VersionHandler, args),
        (base + r"/([^/]+)/versions/([^/]+)/stop", StopHandler, args),
    ]
