"""How notebook code finds the Jupyter server its kernel runs under (and its token).

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
from typing import Any, Callable, Optional

import requests

from .contract import JsonObject


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
