"""Notebook code -> the REST routes of the Jupyter server this kernel runs under.

    from jupyterlab_modelarts import local_api
    api = local_api()   # a LocalAPI, found by find_server()
    api.list_versions("182626")
    api.stop_version("182626", "278813")

The calls go through the server, so they use the server's ModelArts session,
cache and stop guard, exactly like the JupyterLab panel. Ids and job-list
parameters are checked here first, by the same rule as the routes
(``contract.py``): a refused value raises ``LocalAPIError`` with status 400
before anything is sent.

How the server is found: ``server_discovery.py``.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar

import requests

from .client.config import DEFAULT_LOCAL_API_TIMEOUT
from .client.errors import BadRequestError
from .contract import (
    JsonObject,
    job_query,
    job_ref,
    version_ref,
)
from .contract_v2 import task_ref, training_job_ref, training_job_search
from .sdk_display import RunsAnswer, TrainingJobsAnswer
from .server_discovery import LocalAPIError, ServerRef, find_server

__all__ = ["LocalAPI", "LocalAPIError", "ServerRef", "find_server"]

T = TypeVar("T")

_PREFIX = "jupyterlab-modelarts"


class LocalAPI:
    """Synchronous calls to this server's jupyterlab-modelarts routes; answers are dicts."""

    def __init__(
        self,
        server: ServerRef,
        timeout: Optional[float] = None,
        session: Optional[requests.Session] = None,
    ) -> None:
        self.server = server
        self.timeout = DEFAULT_LOCAL_API_TIMEOUT if timeout is None else timeout
        self._http = session or requests.Session()

    def __repr__(self) -> str:  # never the token
        return f"LocalAPI({self.server.url!r}, found by {self.server.how})"

    def _call(self, method: str, path: str, params: Optional[dict[str, str]] = None) -> JsonObject:
        """One route call; every failure (unreachable, error status, not JSON) is LocalAPIError."""
        headers = {"Authorization": f"token {self.server.token}"} if self.server.token else {}
        url = f"{self.server.url}{_PREFIX}/{path}"
        try:
            answer = self._http.request(
                method, url, params=params, headers=headers, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise LocalAPIError(
                f"The Jupyter server at {self.server.url} did not answer {method} {_PREFIX}/{path}"
                f" ({type(exc).__name__}; found by {self.server.how})"
            ) from None
        try:
            body = answer.json()
        except ValueError:  # not JSON (a proxy's page, an HTML login form...)
            body = None
        status = answer.status_code
        if status >= 400:
            raise _route_error(status, body if isinstance(body, dict) else {}, answer.reason)
        if not isinstance(body, dict):
            raise LocalAPIError(
                f"HTTP {status}: the Jupyter server at {self.server.url} did not answer JSON "
                f"to {method} {_PREFIX}/{path} (is jupyterlab-modelarts enabled there?)",
                status=status,
            )
        return body

    def session(self) -> JsonObject:
        """Which credential source the server uses, its region, project and endpoint."""
        return self._call("GET", "session")

    def list_jobs(
        self,
        search: Optional[str] = None,
        status: Optional[int] = None,
        page: Optional[int] = None,
        per_page: Optional[int] = None,
        sort_by: Optional[str] = None,
        order: Optional[str] = None,
    ) -> JsonObject:
        """One page of the training-job list (``job_total_count``, ``jobs``)."""
        query = _checked(
            job_query,
            {
                "search": search,
                "status": status,
                "page": page,
                "per_page": per_page,
                "sort_by": sort_by,
                "order": order,
            },
        )
        return self._call("GET", "training-jobs", query.params())

    def list_versions(self, job_id: str | int) -> JsonObject:
        """Every version of ``job_id``, newest first (``versions`` list); a table in a notebook."""
        job = _checked(job_ref, job_id)
        return RunsAnswer(self._call("GET", f"training-jobs/{job}/versions"))

    def get_version(self, job_id: str | int, version_id: str | int) -> JsonObject:
        """One version, with its status fields (``status_kind``, ``stoppable`` ...)."""
        job, version = _checked(version_ref, job_id, version_id)
        return self._call("GET", f"training-jobs/{job}/versions/{version}")

    def stop_version(self, job_id: str | int, version_id: str | int) -> JsonObject:
        """Stop a running version; raises ``LocalAPIError`` (status 409) if it is not running."""
        job, version = _checked(version_ref, job_id, version_id)
        return self._call("POST", f"training-jobs/{job}/versions/{version}/stop")

    # -- new-version (v2) training jobs ----------------------------------------

    def list_training_jobs(
        self,
        search: Optional[str] = None,
        status_kind: Optional[str] = None,
        offset: Optional[int] = None,
        limit: Optional[int] = None,
    ) -> JsonObject:
        """A window of v2 jobs as runs, newest first (``total``, ``has_more``, ``items``);
        a table in a notebook."""
        given = {"search": search, "status_kind": status_kind, "offset": offset, "limit": limit}
        _checked(training_job_search, given)
        params = {name: str(value) for name, value in given.items() if value not in (None, "")}
        return TrainingJobsAnswer(self._call("GET", "v2/training-jobs", params))

    def get_training_job(self, job_id: str) -> JsonObject:
        """One v2 job as a run (``status_kind``, ``stoppable``, ``metadata``, ``status`` ...)."""
        job = _checked(training_job_ref, job_id)
        return self._call("GET", f"v2/training-jobs/{job}")

    def stop_training_job(self, job_id: str) -> JsonObject:
        """Terminate a v2 job; raises ``LocalAPIError`` (409) if its phase is not stoppable."""
        job = _checked(training_job_ref, job_id)
        return self._call("POST", f"v2/training-jobs/{job}/stop")

    def training_job_log_preview(self, job_id: str, task_id: str = "worker-0") -> JsonObject:
        """The tail of one task's log (``content``, ``ready`` ...)."""
        job, task = _checked(training_job_ref, job_id), _checked(task_ref, task_id)
        return self._call("GET", f"v2/training-jobs/{job}/log-preview", {"task_id": task})


def _route_error(status: int, body: JsonObject, reason: str = "") -> LocalAPIError:
    """The ``LocalAPIError`` for an error answer of a route."""
    detail = body.get("error_msg") or body.get("message") or reason
    code = body.get("error_code")
    return LocalAPIError(
        f"HTTP {status} {code or ''}: {detail}".replace("  ", " "), status=status, body=body
    )


def _checked(check: Callable[..., T], *args: Any) -> T:
    """``check(*args)``; a refusal raises the ``LocalAPIError`` the route would have answered."""
    try:
        return check(*args)
    except BadRequestError as err:
        from .http_errors import http_error  # the one error table (imports tornado)

        status, body, _ = http_error(err)
        raise _route_error(status, body) from None
