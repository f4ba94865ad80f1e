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

How the server is found (first rule that applies wins):

1. ``JUPYTER_SERVER_URL`` (and ``JUPYTER_SERVER_TOKEN`` or ``JUPYTER_TOKEN``) if set.
2. JupyterHub: ``JUPYTERHUB_SERVICE_URL`` with ``JUPYTERHUB_API_TOKEN``; when only
   ``JUPYTERHUB_SERVICE_PREFIX`` is set, the running server whose base_url is that prefix.
3. Among ``jupyter_server.serverapp.list_running_servers()`` (Unix-socket servers skipped):
   a. the server whose pid is ``JPY_PARENT_PID`` (the server that launched this kernel);
   b. the server that lists this kernel's id (from its connection file) in ``api/kernels``;
   c. the server whose ``root_dir`` contains ``JPY_SESSION_NAME`` (the notebook path),
      else the current directory (deepest root wins);
   d. the only running server.

Otherwise ``LocalAPIError`` says what was tried.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, TypeVar

import requests

from .client.config import DEFAULT_LOCAL_API_TIMEOUT
from .client.errors import BadRequestError
from .contract import (
    JsonObject,
    job_query,
    job_ref,
    task_ref,
    training_job_ref,
    training_job_search,
    version_ref,
)

__all__ = ["LocalAPI", "LocalAPIError", "ServerRef", "find_server"]

T = TypeVar("T")

_PREFIX = "jupyterlab-modelarts"


class LocalAPIError(Exception):
    """A route answered an error (``status``, ``body``) or no server could be found."""

    def __init__(
        self, message: str, *, status: Optional[int] = None, body: Optional[JsonObject] = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = body or {}
        self.error_code = self.body.get("error_code")


@dataclass(frozen=True)
class ServerRef:
    """Where a Jupyter server answers (base URL ending in ``/``) and its token."""

    url: str
    token: str = field(repr=False)
    how: str  # which rule found it, for error messages and debugging

    def __repr__(self) -> str:  # the token masked: notebooks print what they hold
        return (
            f"ServerRef(url={self.url!r}, token={'***' if self.token else ''!r}, how={self.how!r})"
        )


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _kernel_id() -> Optional[str]:
    """This kernel's id, from its connection file name (``kernel-<id>.json``)."""
    try:
        from ipykernel.connect import get_connection_file

        path = get_connection_file()
    except Exception:  # not inside an ipykernel
        return None
    match = re.search(r"kernel-([^/\\]+)\.json$", path)
    return match.group(1) if match else None


def _lists_kernel(server: dict[str, Any], kernel_id: str, timeout: float) -> bool:
    try:
        answer = requests.get(
            _with_slash(server["url"]) + "api/kernels",
            headers={"Authorization": f"token {server.get('token', '')}"},
            timeout=timeout,
        )
        return answer.ok and any(k.get("id") == kernel_id for k in answer.json())
    except (requests.RequestException, ValueError, AttributeError):
        return False


def _inside(path: str, root: str) -> bool:
    path, root = os.path.realpath(path), os.path.realpath(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def find_server(
    env: Optional[dict[str, str]] = None,
    servers: Optional[Callable[[], Iterable[dict[str, Any]]]] = None,
    timeout: float = 5.0,  # per server asked for its kernels; not the route timeout
) -> ServerRef:
    """Find the Jupyter server this code runs under (see the module docstring for the rules)."""
    env = dict(os.environ) if env is None else env
    if env.get("JUPYTER_SERVER_URL"):
        token = env.get("JUPYTER_SERVER_TOKEN") or env.get("JUPYTER_TOKEN") or ""
        return ServerRef(_with_slash(env["JUPYTER_SERVER_URL"]), token, "JUPYTER_SERVER_URL")
    if env.get("JUPYTERHUB_SERVICE_URL") and env.get("JUPYTERHUB_API_TOKEN"):
        return ServerRef(
            _with_slash(env["JUPYTERHUB_SERVICE_URL"]),
            env["JUPYTERHUB_API_TOKEN"],
            "JUPYTERHUB_SERVICE_URL",
        )

    if servers is None:
        from jupyter_server.serverapp import list_running_servers

        servers = list_running_servers
    running = [s for s in servers() if s.get("url") and not s.get("sock")]
    hub_prefix = env.get("JUPYTERHUB_SERVICE_PREFIX")
    hub_token = env.get("JUPYTERHUB_API_TOKEN")

    def ref(server: dict[str, Any], how: str) -> ServerRef:
        token = server.get("token") or (hub_token if hub_prefix else "") or ""
        return ServerRef(_with_slash(server["url"]), token, how)

    if hub_prefix:
        for server in running:
            if _with_slash(server.get("base_url", "/")) == _with_slash(hub_prefix):
                return ref(server, "JUPYTERHUB_SERVICE_PREFIX")
    parent = env.get("JPY_PARENT_PID")
    for server in running:
        if parent and str(server.get("pid")) == parent:
            return ref(server, "JPY_PARENT_PID")
    kernel_id = _kernel_id()
    if kernel_id:
        for server in running:
            if _lists_kernel(server, kernel_id, timeout):
                return ref(server, "kernel id")
    for where, path in (("JPY_SESSION_NAME", env.get("JPY_SESSION_NAME")), ("cwd", os.getcwd())):
        if not path or not os.path.isabs(path):
            continue
        roots = [s for s in running if s.get("root_dir") and _inside(path, s["root_dir"])]
        if roots:
            deepest = max(roots, key=lambda s: len(os.path.realpath(s["root_dir"])))
            return ref(deepest, f"root_dir contains {where}")
    if len(running) == 1:
        return ref(running[0], "the only running server")
    raise LocalAPIError(
        f"Could not tell which Jupyter server runs this code ({len(running)} running). Tried "
        "JUPYTER_SERVER_URL, JUPYTERHUB_SERVICE_URL, JUPYTERHUB_SERVICE_PREFIX, JPY_PARENT_PID, "
        "the kernel id, root_dir; set JUPYTER_SERVER_URL and JUPYTER_SERVER_TOKEN."
    )


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
        """Every version of ``job_id``, newest first (``versions`` list)."""
        job = _checked(job_ref, job_id)
        return self._call("GET", f"training-jobs/{job}/versions")

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
        """A window of v2 jobs as runs, newest first (``total``, ``has_more``, ``items``)."""
        given = {"search": search, "status_kind": status_kind, "offset": offset, "limit": limit}
        _checked(training_job_search, given)
        params = {name: str(value) for name, value in given.items() if value not in (None, "")}
        return self._call("GET", "v2/training-jobs", params)

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
        from .routes import http_error  # the routes' one error table (imports jupyter_server)

        status, body, _ = http_error(err)
        raise _route_error(status, body) from None
