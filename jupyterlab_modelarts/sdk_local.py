"""The legacy SDK's calls through the REST routes of the Jupyter server this kernel runs under.

Inside a kernel started by a Jupyter server with this extension, ``Session()``
with no arguments uses :class:`ServerClient`: notebook code, the panel and the
REST routes then share one session, one cache (and, in the demo, the server's
emulator), and no secret ever enters the kernel. It answers with the client's
own models, so the SDK surface in ``sdk.py`` reads the same either way.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Callable, Optional, TypeVar

from .client.errors import (
    ConnectionFailure,
    ModelArtsError,
    NoCredentialsError,
    error_type_for,
)
from .client.models import JobList, JobVersion, VersionList
from .client.models_v2 import TrainingJob
from .client.operations import SessionInfo
from .client.query import JobQuery
from .contract import VIEW_FIELDS
from .contract_v2 import V2_VIEW_FIELDS
from .localapi import LocalAPI, LocalAPIError, find_server

T = TypeVar("T")
#: Seconds to wait for this server's routes (the server itself waits on ModelArts).
SERVER_TIMEOUT = 60.0


def _upstream_shape(body: Mapping[str, Any]) -> dict[str, Any]:
    """A view without the fields the routes add, so SDK dicts match the legacy SDK's."""
    return {key: value for key, value in body.items() if key not in VIEW_FIELDS}


def _as_modelarts_error(err: LocalAPIError) -> ModelArtsError:
    """The client's typed error for a route's error answer (ModelArts' own code kept)."""
    cls = error_type_for(err.status, err.error_code)
    message = str(err.body.get("error_msg") or err.body.get("message") or err)
    return cls(message, http_status=err.status, error_code=err.error_code)


class ServerClient:
    """The subset of ``ModelArtsClient`` the SDK surface uses, over ``LocalAPI``."""

    def __init__(self, api: LocalAPI) -> None:
        self.api = api

    def __repr__(self) -> str:
        return f"ServerClient({self.api!r})"

    def _call(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return call(*args, **kwargs)
        except LocalAPIError as err:
            if err.status is None:
                raise ConnectionFailure(str(err)) from None
            raise _as_modelarts_error(err) from None
        except OSError as err:  # requests' errors: the server went away
            raise ConnectionFailure(f"the Jupyter server did not answer: {err}") from None

    def session_info(self) -> SessionInfo:
        """The server's session (its source, region, project, endpoint); never a secret."""
        body = self._call(self.api.session)
        if body.get("source") is None:
            tried = [
                (s.get("name", "?"), s.get("reason", "")) for s in body.get("sources_tried", [])
            ]
            raise NoCredentialsError(tried)
        return SessionInfo(
            f"Jupyter server ({body['source']})",
            body.get("region"),
            body.get("project_id"),
            body.get("endpoint") or "",
        )

    def list_versions(self, job_id: object) -> VersionList:
        """Every version of the job, newest first."""
        body = self._call(self.api.list_versions, str(job_id))
        body["versions"] = [_upstream_shape(v) for v in body.get("versions", [])]
        return VersionList.from_dict(body)

    def get_version(self, job_id: object, version_id: object) -> JobVersion:
        """One version's details."""
        body = self._call(self.api.get_version, str(job_id), str(version_id))
        return JobVersion.from_dict(_upstream_shape(body))

    def list_jobs(self, query: Optional[JobQuery] = None) -> JobList:
        """One page of the job list."""
        params = (query or JobQuery()).params()
        body = self._call(self.api.list_jobs, **params)
        body["jobs"] = [_upstream_shape(job) for job in body.get("jobs", [])]
        return JobList.from_dict(body)

    def stop_version(self, job_id: object, version_id: object) -> dict[str, Any]:
        """Stop a running version through the server's stop guard."""
        return self._call(self.api.stop_version, str(job_id), str(version_id))

    def terminate_training_job(self, job_id: object) -> TrainingJob:
        """Terminate a v2 job through the server's stop guard; the job as it is now."""
        self._call(self.api.stop_training_job, str(job_id))
        body = self._call(self.api.get_training_job, str(job_id))
        return TrainingJob.from_dict({k: v for k, v in body.items() if k not in V2_VIEW_FIELDS})

    def close(self) -> None:
        """Nothing to release (requests pools per call)."""


def server_client(env: Optional[Mapping[str, str]] = None) -> Optional[ServerClient]:
    """A :class:`ServerClient` when this code runs under a Jupyter server with the extension.

    Only inside a kernel (``JPY_PARENT_PID`` or ``JUPYTER_SERVER_URL`` set), and only if
    the server answers the extension's session route; otherwise None (the credential
    chain applies, as in a plain script).
    """
    env = os.environ if env is None else env
    if not (env.get("JPY_PARENT_PID") or env.get("JUPYTER_SERVER_URL")):
        return None
    try:
        api = LocalAPI(find_server(env=dict(env)), timeout=SERVER_TIMEOUT)
        api.session()
    except (LocalAPIError, OSError):
        return None
    return ServerClient(api)
