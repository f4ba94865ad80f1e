"""Every client call, written once as a sans-IO exchange over the client's shared state.

Each public method of :class:`Operations` returns an exchange (see
:mod:`.exchange`) that the sync and async drivers in :mod:`.client` run. The
rules live here, once:

* credentials (:mod:`.credentials`): resolved by the chain on first use and
  renewed before they expire; concurrent callers share one acquisition and its
  outcome, and a failed one is backed off;
* every request is signed, then sent with retries: idempotent requests (GETs)
  are re-sent after a connection failure or 429/502/503/504, waiting as a
  :class:`~.exchange.Sleep` step (Retry-After honoured, capped); a stop (POST)
  is never retried;
* a 401 from the gateway renews renewable credentials once and re-sends once,
  a stop included: the gateway refused it before ModelArts saw it;
* list-versions follows every page, newest first;
* upstream messages are scrubbed of every secret before they leave.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from . import api_v1, api_v2, logs
from .auth import Identity
from .config import ClientConfig
from .credentials import Credentials
from .errors import ConfigurationError, ModelArtsError
from .exchange import Exchange, compute, pause, send
from .hints import JOB_LIST_PERMISSION, LIST_PERMISSION, STOP_PERMISSION, explain
from .http import Request, Response, RetryPolicy
from .logs import LogChunk, LogFiles, LogQuery
from .models import JobList, JobVersion, VersionList
from .models_v2 import LogPreview, TrainingJob, TrainingJobList
from .notebook_env import is_modelarts_notebook
from .query import JobQuery
from .query_v2 import TrainingJobSearch
from .responses import JsonObject

T = TypeVar("T")
#: Builds a request from the ModelArts endpoint and the project id.
Build = Callable[[str, str], Request]
#: The shortest secret worth scrubbing (shorter ones would blank ordinary words).
MIN_SCRUBBED_LENGTH = 4


@dataclass(frozen=True)
class SessionInfo:
    """Which credential source won and where the client points (no secrets)."""

    source: str
    region: str | None
    project_id: str | None
    endpoint: str
    #: True inside a ModelArts notebook (``notebook_env.is_modelarts_notebook``).
    notebook: bool = False
    #: Where the credential came from beyond the source's name (an interpreter's path).
    detail: str | None = None


def with_retries(policy: RetryPolicy, request: Request) -> Exchange[Response]:
    """Send ``request``; re-send it as ``policy`` allows, sleeping in between.

    Only failures before anything reached the server (``retry_safe``) and
    429/502/503/504 answers are retried, and only for a ``retryable`` request;
    an answer whose Retry-After exceeds the retry budget is returned at once.
    """
    attempt = 0
    while True:
        try:
            response = yield from send(request)
        except ModelArtsError as exc:
            if not (exc.retry_safe and policy.should_retry(request, attempt, None)):
                raise
            yield from pause(policy.delay(attempt))
        else:
            hint = response.header("retry-after")
            retry = policy.should_retry(request, attempt, response.status)
            if not (retry and policy.honours(hint)):
                return response
            yield from pause(policy.delay(attempt, hint, response.status))
        attempt += 1


def scrub(error: ModelArtsError, secrets: list[str]) -> ModelArtsError:
    """``error`` with every secret in its message replaced by ``***``."""
    message = error.message
    for secret in secrets:
        if len(secret) >= MIN_SCRUBBED_LENGTH:
            message = message.replace(secret, "***")
    if message != error.message:
        error.message = message
        error.args = (message,)
    return error


class Operations:
    """The client's state (config, the resolved identity) and its calls as exchanges."""

    def __init__(self, config: ClientConfig, env: Mapping[str, str] | None = None) -> None:
        self.config = config
        self._env = env
        self.credentials = Credentials(config, lambda: self.env)
        self.policy = RetryPolicy(config.max_retries, config.backoff_base, config.backoff_cap)

    @property
    def identity(self) -> Identity | None:
        """The resolved identity (None until the chain has run)."""
        return self.credentials.identity

    @property
    def env(self) -> Mapping[str, str]:
        """The environment the chain reads (``os.environ`` at call time unless given)."""
        return os.environ if self._env is None else self._env

    # -- the calls --------------------------------------------------------------

    def session_info(self) -> Exchange[SessionInfo]:
        """Resolve the credential chain (and log in if needed); raises NoCredentialsError."""
        return self._scrubbed(self._session_info())

    def list_versions(self, job_id: object) -> Exchange[VersionList]:
        """Every version of ``job_id``, following every page, newest first."""
        return self.list_versions_into(job_id, api_v1.VersionCollector())

    def list_versions_into(self, job_id: object, sink: api_v1.VersionSink[Any, T]) -> Exchange[T]:
        """Every version of ``job_id``, page by page into ``sink``; what ``sink`` makes of them."""
        return self._scrubbed(self._list_versions(job_id, sink))

    def get_version(self, job_id: object, version_id: object) -> Exchange[JobVersion]:
        """One version's details."""
        return self._scrubbed(
            self._parsed(
                lambda e, p: api_v1.get_version_request(e, p, job_id, version_id),
                api_v1.parse_version,
            )
        )

    def list_jobs(self, query: JobQuery) -> Exchange[JobList]:
        """One page of training jobs, filtered and sorted as ``query`` asks."""
        return self._scrubbed(
            self._parsed(lambda e, p: api_v1.list_jobs_request(e, p, query), api_v1.parse_job_list),
            JOB_LIST_PERMISSION,
        )

    def stop_version(self, job_id: object, version_id: object) -> Exchange[JsonObject]:
        """POST stop once (never retried once sent); raises on refusal. Returns the body."""
        return self._scrubbed(
            self._parsed(
                lambda e, p: api_v1.stop_version_request(e, p, job_id, version_id),
                api_v1.parse_stop,
            ),
            STOP_PERMISSION,
        )

    def list_log_files(self, job_id: object, version_id: object) -> Exchange[LogFiles]:
        """The names of a version's log files (one per node)."""
        return self._scrubbed(
            self._parsed(
                lambda e, p: logs.log_files_request(e, p, job_id, version_id),
                logs.parse_log_files,
            )
        )

    def read_log(self, job_id: object, version_id: object, query: LogQuery) -> Exchange[LogChunk]:
        """Lines of one log file, as ``query`` asks."""
        return self._scrubbed(
            self._parsed(
                lambda e, p: logs.read_log_request(e, p, job_id, version_id, query),
                logs.parse_log_chunk,
            )
        )

    # -- new-version (v2) training jobs ------------------------------------------

    def list_training_jobs(self, search: TrainingJobSearch) -> Exchange[TrainingJobList]:
        """The search's window of v2 jobs, walking upstream pages from the first (de-duplicated)."""
        return self._scrubbed(self._list_training_jobs(search))

    def get_training_job(self, job_id: object) -> Exchange[TrainingJob]:
        """One v2 job."""
        return self._scrubbed(
            self._parsed(lambda e, p: api_v2.show_request(e, p, job_id), api_v2.parse_job)
        )

    def terminate_training_job(self, job_id: object) -> Exchange[TrainingJob]:
        """POST the terminate action once (never retried once sent); the job, now Terminating."""
        return self._scrubbed(
            self._parsed(lambda e, p: api_v2.terminate_request(e, p, job_id), api_v2.parse_job)
        )

    def training_job_log_preview(self, job_id: object, task_id: str) -> Exchange[LogPreview]:
        """The tail of one task's log (``ready`` False before any log exists)."""
        return self._scrubbed(
            self._parsed(
                lambda e, p: api_v2.log_preview_request(e, p, job_id, task_id),
                lambda response: api_v2.parse_log_preview(response, task_id),
            )
        )

    def _list_training_jobs(self, search: TrainingJobSearch) -> Exchange[TrainingJobList]:
        identity = yield from self._ready()
        endpoint, project = self._target(identity)
        pager = api_v2.TrainingJobPager(
            endpoint, project, search, offset_mode=self.config.v2_offset_mode
        )
        while (request := pager.next_request()) is not None:
            identity = yield from self._ready()  # a long walk may outlive the credentials
            pager.feed((yield from self._signed(identity, project, request)))
        return pager.result()

    # -- how each call is made ----------------------------------------------------

    def _session_info(self) -> Exchange[SessionInfo]:
        identity = yield from self._ready()
        endpoint = self.config.modelarts_url(identity.region) or ""
        return SessionInfo(
            identity.source,
            identity.region,
            identity.effective_project_id(),
            endpoint,
            notebook=is_modelarts_notebook(self.env),
            detail=identity.auth.detail,
        )

    def _list_versions(self, job_id: object, sink: api_v1.VersionSink[Any, T]) -> Exchange[T]:
        identity = yield from self._ready()
        endpoint, project = self._target(identity)
        pager = api_v1.VersionPager(
            endpoint, project, job_id, per_page=self.config.page_size, sink=sink
        )
        while (request := pager.next_request()) is not None:
            identity = yield from self._ready()  # a long walk may outlive the credentials
            response = yield from self._signed(identity, project, request)
            pager.take((yield from compute(sink.reader, response, portable=sink.portable)))
        return pager.result()

    def _parsed(self, build: Build, parse: Callable[[Response], T]) -> Exchange[T]:
        identity = yield from self._ready()
        endpoint, project = self._target(identity)
        response = yield from self._signed(identity, project, build(endpoint, project))
        return parse(response)

    def _signed(self, identity: Identity, project: str, request: Request) -> Exchange[Response]:
        """Sign and send (with retries); after a 401, renew once and re-send once."""
        generation = identity.auth.generation
        response = yield from with_retries(self.policy, identity.auth.apply(request, project))
        # A 401 is the gateway refusing the credential before ModelArts acted, so even a
        # stop may be re-sent once with renewed credentials.
        if response.status == 401 and identity.auth.renew_on_401:
            yield from self.credentials.renew_after_401(identity, generation)
            response = yield from with_retries(self.policy, identity.auth.apply(request, project))
        return response

    def _scrubbed(self, exchange: Exchange[T], permission: str = LIST_PERMISSION) -> Exchange[T]:
        """``exchange`` whose errors carry no secret of the resolved identity, and say
        what to do about a refusal (``permission``: the IAM action the call needs)."""
        try:
            return (yield from exchange)
        except ModelArtsError as exc:
            secrets = self.identity.auth.secrets() if self.identity is not None else []
            raise scrub(explain(exc, permission), secrets) from None

    # -- credentials -------------------------------------------------------------

    def _ready(self) -> Exchange[Identity]:
        """The resolved identity with usable credentials."""
        return self.credentials.ready()

    def _target(self, identity: Identity) -> tuple[str, str]:
        """The ModelArts endpoint and project id, or ConfigurationError saying what is missing."""
        endpoint = self.config.modelarts_url(identity.region)
        if not endpoint:
            raise ConfigurationError(
                "no ModelArts endpoint: set region (MODELARTS_REGION) "
                "or endpoint (MODELARTS_ENDPOINT)"
            )
        project = identity.effective_project_id()
        if not project:
            raise ConfigurationError(
                f"no project id (credentials from {identity.source}): "
                "set project_id or MODELARTS_PROJECT_ID"
            )
        return endpoint, project
