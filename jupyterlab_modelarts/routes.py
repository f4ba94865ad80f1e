"""REST handlers of the server extension, registered as one table (``HANDLERS``).

Handlers check ids and queries through ``contract.py``, call
``ModelArtsService`` (or the ``Watcher``) and write the serialised answer; they
never touch the client. Errors become HTTP statuses only in ``http_errors.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files

import tornado.web
from jupyter_server.auth.decorator import authorized

from .apis import Api
from .client.query_v2 import V2_QUERY_PARAMS
from .contract import (
    JOB_QUERY_PARAMS,
    LOG_QUERY_PARAMS,
    Payload,
    encode,
    job_query,
    job_ref,
    log_query,
    version_list_view_name,
    version_ref,
)
from .contract_v2 import task_ref, training_job_ref, training_job_search
from .handler_base import SERVICE_SETTING, SETTINGS_ERROR_SETTING, WATCHER_SETTING, ModelArtsHandler
from .watcher import Watcher

#: The settings keys live with the handlers' base; the extension app reads them here.
__all__ = ["HANDLERS", "SERVICE_SETTING", "SETTINGS_ERROR_SETTING", "WATCHER_SETTING"]


@lru_cache(maxsize=1)
def openapi_document() -> str:
    """The OpenAPI 3 document of these routes, as shipped in the package."""
    return files(__package__).joinpath("openapi.json").read_text(encoding="utf-8")


class SessionHandler(ModelArtsHandler):
    """GET: which credential source won, region, project, endpoint; never a secret."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        await self.reply(lambda: self.service.session())


class JobsHandler(ModelArtsHandler):
    """GET: one page of the training-job list."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        params = {name: self.get_query_argument(name, None) for name in JOB_QUERY_PARAMS}
        await self.reply(lambda: self.service.list_jobs(job_query(params)))


class VersionsHandler(ModelArtsHandler):
    """GET: every version of a job, newest first, in the ``view`` asked (full or summary)."""

    @tornado.web.authenticated
    @authorized
    async def get(self, job_id: str) -> None:
        view = self.get_query_argument("view", None)
        await self.reply(
            lambda: self.service.list_versions(job_ref(job_id), version_list_view_name(view))
        )


class VersionHandler(ModelArtsHandler):
    """GET: one version of a job."""

    @tornado.web.authenticated
    @authorized
    async def get(self, job_id: str, version_id: str) -> None:
        await self.reply(lambda: self.service.get_version(*version_ref(job_id, version_id)))


class StopHandler(ModelArtsHandler):
    """POST: stop a version if (and only if) it is running."""

    @tornado.web.authenticated
    @authorized
    async def post(self, job_id: str, version_id: str) -> None:
        await self.reply(lambda: self.service.stop_version(*version_ref(job_id, version_id)))


class LogFilesHandler(ModelArtsHandler):
    """GET: the names of a version's log files (one per node)."""

    @tornado.web.authenticated
    @authorized
    async def get(self, job_id: str, version_id: str) -> None:
        await self.reply(lambda: self.service.list_log_files(*version_ref(job_id, version_id)))


class LogHandler(ModelArtsHandler):
    """GET: lines of one log file of a version."""

    @tornado.web.authenticated
    @authorized
    async def get(self, job_id: str, version_id: str) -> None:
        params = {name: self.get_query_argument(name, None) for name in LOG_QUERY_PARAMS}
        await self.reply(
            lambda: self.service.read_log(*version_ref(job_id, version_id), log_query(params))
        )


class _LeaseHandler(ModelArtsHandler):
    """The watcher's leases, keyed by (api, id): one poller per leased job."""

    async def lease(self, api: Api, ref: Callable[[], str], *, end: bool = False) -> None:
        """Renew (or ``end``) the lease on the job ``ref()`` names, checked inside ``reply``."""

        async def act() -> Payload:
            self.check_settings()
            watcher: Watcher = self.settings[WATCHER_SETTING]
            return encode(await (watcher.end if end else watcher.renew)(ref(), api))

        await self.reply(act)


class WatchHandler(_LeaseHandler):
    """PUT: lease (or renew) the server's watch of a v1 job; DELETE: end it."""

    @tornado.web.authenticated
    @authorized
    async def put(self, job_id: str) -> None:
        await self.lease("v1", lambda: job_ref(job_id))

    @tornado.web.authenticated
    @authorized
    async def delete(self, job_id: str) -> None:
        await self.lease("v1", lambda: job_ref(job_id), end=True)


class TrainingJobWatchHandler(_LeaseHandler):
    """PUT: lease (or renew) the server's watch of a v2 job; DELETE: end it."""

    @tornado.web.authenticated
    @authorized
    async def put(self, job_id: str) -> None:
        await self.lease("v2", lambda: training_job_ref(job_id))

    @tornado.web.authenticated
    @authorized
    async def delete(self, job_id: str) -> None:
        await self.lease("v2", lambda: training_job_ref(job_id), end=True)


class TrainingJobsHandler(ModelArtsHandler):
    """GET: a window of the new-version (v2) training jobs as runs, newest first."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        params = {name: self.get_query_argument(name, None) for name in V2_QUERY_PARAMS}
        await self.reply(lambda: self.service.list_training_jobs(training_job_search(params)))


class TrainingJobHandler(ModelArtsHandler):
    """GET: one v2 training job as a run."""

    @tornado.web.authenticated
    @authorized
    async def get(self, job_id: str) -> None:
        await self.reply(lambda: self.service.get_training_job(training_job_ref(job_id)))


class TrainingJobStopHandler(ModelArtsHandler):
    """POST: terminate a v2 job if (and only if) its phase is stoppable."""

    @tornado.web.authenticated
    @authorized
    async def post(self, job_id: str) -> None:
        await self.reply(lambda: self.service.stop_training_job(training_job_ref(job_id)))


class TrainingJobLogHandler(ModelArtsHandler):
    """GET: the tail of one task's log (``task_id``, default worker-0)."""

    @tornado.web.authenticated
    @authorized
    async def get(self, job_id: str) -> None:
        task = self.get_query_argument("task_id", None)
        await self.reply(
            lambda: self.service.training_job_log_preview(training_job_ref(job_id), task_ref(task))
        )


class OpenAPIHandler(ModelArtsHandler):
    """GET: the OpenAPI 3 document of these routes."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        await self.reply(self._document)

    async def _document(self) -> Payload:
        self.check_settings()
        return openapi_document().encode("utf-8")


_PREFIX = "jupyterlab-modelarts"
_SEG = r"([^/]+)"  # any segment: ids are checked in the handler (400, not 404)

#: Every route of the extension, relative to the server's base_url.
HANDLERS: list[tuple[str, type[ModelArtsHandler]]] = [
    (rf"{_PREFIX}/session", SessionHandler),
    (rf"{_PREFIX}/training-jobs", JobsHandler),
    (rf"{_PREFIX}/training-jobs/{_SEG}/versions", VersionsHandler),
    (rf"{_PREFIX}/training-jobs/{_SEG}/versions/{_SEG}", VersionHandler),
    (rf"{_PREFIX}/training-jobs/{_SEG}/versions/{_SEG}/stop", StopHandler),
    (rf"{_PREFIX}/training-jobs/{_SEG}/versions/{_SEG}/log-files", LogFilesHandler),
    (rf"{_PREFIX}/training-jobs/{_SEG}/versions/{_SEG}/log", LogHandler),
    (rf"{_PREFIX}/watches/{_SEG}", WatchHandler),
    (rf"{_PREFIX}/v2/training-jobs", TrainingJobsHandler),
    (rf"{_PREFIX}/v2/training-jobs/{_SEG}", TrainingJobHandler),
    (rf"{_PREFIX}/v2/training-jobs/{_SEG}/stop", TrainingJobStopHandler),
    (rf"{_PREFIX}/v2/training-jobs/{_SEG}/log-preview", TrainingJobLogHandler),
    (rf"{_PREFIX}/v2/watches/{_SEG}", TrainingJobWatchHandler),
    (rf"{_PREFIX}/openapi\.json", OpenAPIHandler),
]
