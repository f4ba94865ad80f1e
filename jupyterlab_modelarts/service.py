"""What the REST handlers ask of ModelArts: single flight, a short cache, the stop guard.

No tornado handler knowledge lives here: the service takes ids, returns plain
JSON-ready dicts and raises the client's ``ModelArtsError`` subclasses; the
routes module turns those into HTTP.

Why a cache at all: every open panel (and every browser tab) polls the
versions of the job it shows. Identical GETs that overlap share one upstream
call, and an answer is reused for ``cache_ttl`` seconds, so N pollers cost one
upstream call per interval. Errors are never cached. A stop invalidates the
job's entries (and the job list, whose rows carry the latest version's status).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .client.config import DEFAULT_CACHE_TTL
from .client.errors import NoCredentialsError, NotRunningError
from .client.query import JobQuery
from .client.status import describe

JSON = dict[str, Any]

#: Returns the ready client; called before every upstream call (may start it lazily).
ClientProvider = Callable[[], Awaitable[Any]]

# Cache scopes: entries are dropped per scope when a stop changes a job.
_JOB_LIST_SCOPE = ("jobs",)


def _job_scope(job_id: str) -> tuple[str, str]:
    return ("job", str(job_id))


def with_status(item: JSON, *, stoppable: bool = False) -> JSON:
    """A copy of ``item`` with ``status_name``, ``status_label`` and ``status_kind`` added
    (and ``stoppable``), all read from the one status table."""
    info = describe(item.get("status"))
    out = dict(item)
    out["status_name"] = info.name
    out["status_label"] = info.label
    out["status_kind"] = info.kind
    if stoppable:
        out["stoppable"] = info.stoppable
    return out


def _run_fields(item: JSON, id_field: str, name_field: str) -> JSON:
    """The *run* fields every row carries: ``id`` as a string (exact beyond 2^53), ``name``."""
    raw_id = item.get(id_field)
    item["id"] = "" if raw_id is None else str(raw_id)
    item["name"] = str(item.get(name_field) or "")
    return item


def job_dict(job: Any) -> JSON:
    """A ``Job`` as the REST layer shows it: upstream fields, status fields, run fields."""
    return _run_fields(with_status(job.to_dict()), "job_id", "job_name")


def version_dict(version: Any) -> JSON:
    """A ``JobVersion`` as the REST layer shows it: every upstream field, plus status fields."""
    body = version.to_dict()
    body.pop("is_success", None)
    return _run_fields(with_status(body, stoppable=True), "version_id", "version_name")


@dataclass
class _Cached:
    scope: tuple[str, ...]
    expires: float
    value: Any


class ResponseCache:
    """Single flight for identical keys plus a short time-to-live for successful answers.

    ``get(key, scope, fetch)`` returns a fresh cached value, joins an identical
    call already in flight, or starts ``fetch()`` as a task that outlives its
    first caller (a disconnecting browser must not cancel the others' answer).
    ``invalidate(scope)`` drops a scope's values and makes calls already in
    flight for it not store their (possibly stale) result.
    """

    def __init__(
        self,
        ttl: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        log: Optional[logging.Logger] = None,
    ) -> None:
        self.ttl = ttl
        self._clock = clock
        self._log = log or logging.getLogger(__name__)
        self._values: dict[Hashable, _Cached] = {}
        self._inflight: dict[Hashable, asyncio.Future] = {}
        self._generation: dict[tuple[str, ...], int] = {}

    async def get(
        self,
        key: Hashable,
        scope: tuple[str, ...],
        fetch: Callable[[], Awaitable[Any]],
    ) -> Any:
        """The value for ``key``: cached, shared with an identical call in flight, or fetched."""
        cached = self._values.get(key)
        if cached is not None:
            if cached.expires > self._clock():
                self._log.debug("modelarts cache hit %s", key)
                return cached.value
            del self._values[key]
        task = self._inflight.get(key)
        if task is not None:
            self._log.debug("modelarts cache join %s", key)
        else:
            self._log.debug("modelarts cache miss %s", key)
            # The generation is read now, not when the task first runs: an invalidation
            # between the two must still keep this answer out of the cache.
            generation = self._generation.get(scope, 0)
            task = asyncio.ensure_future(self._fetch(key, scope, generation, fetch))
            self._inflight[key] = task
            task.add_done_callback(self._forget(key))
        return await asyncio.shield(task)

    async def _fetch(self, key: Hashable, scope: tuple[str, ...], generation: int, fetch) -> Any:
        value = await fetch()
        if self.ttl > 0 and self._generation.get(scope, 0) == generation:
            self._values[key] = _Cached(scope, self._clock() + self.ttl, value)
        return value

    def _forget(self, key: Hashable) -> Callable[[asyncio.Future], None]:
        def done(task: asyncio.Future) -> None:
            if self._inflight.get(key) is task:
                del self._inflight[key]
            if not task.cancelled():
                task.exception()  # mark retrieved: every waiter may have gone away

        return done

    def invalidate(self, scope: tuple[str, ...]) -> None:
        """Forget every value of ``scope``; results of calls in flight will not be stored."""
        self._generation[scope] = self._generation.get(scope, 0) + 1
        for key in [k for k, v in self._values.items() if v.scope == scope]:
            del self._values[key]

    def clear(self) -> None:
        """Forget everything (values only; calls in flight finish for their callers)."""
        for scope in list(self._generation) + [v.scope for v in self._values.values()]:
            self.invalidate(scope)


class ModelArtsService:
    """List and stop training-job versions through an ``AsyncModelArtsClient``.

    ``client_provider`` is awaited before each upstream call, which lets the
    extension create the client (and, in emulate mode, the emulator) on the
    running event loop the first time it is needed.
    """

    def __init__(
        self,
        client_provider: ClientProvider,
        *,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        emulated: bool = False,
        log: Optional[logging.Logger] = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client_provider
        self.emulated = emulated
        self.log = log or logging.getLogger(__name__)
        self.cache = ResponseCache(cache_ttl, clock=clock, log=self.log)
        self._stops: dict[tuple[str, str], asyncio.Future] = {}

    # -- reads ---------------------------------------------------------------

    async def session(self) -> JSON:
        """Which credential source won and where calls go; never a secret.

        Missing credentials are an answer here, not an error: the panel shows
        ``error`` and ``sources_tried`` instead of a list.
        """
        client = await self._client()
        try:
            info = await self.cache.get(("session",), ("session",), client.session_info)
        except NoCredentialsError as err:
            config = client.config
            return {
                "source": None,
                "region": config.region,
                "project_id": config.project_id,
                "endpoint": config.modelarts_url(config.region),
                "emulated": self.emulated,
                "error": err.message,
                "sources_tried": [{"name": name, "reason": why} for name, why in err.tried],
            }
        return {
            "source": "emulator" if self.emulated else info.source,
            "region": info.region,
            "project_id": info.project_id,
            "endpoint": info.endpoint,
            "emulated": self.emulated,
        }

    async def list_jobs(self, query: JobQuery) -> JSON:
        """One page of the training-job list; each job gains status and run fields."""

        async def fetch() -> JSON:
            client = await self._client()
            result = await client.list_jobs(query)
            body = result.to_dict()  # the ModelArts shape, is_success included
            body["job_total_count"] = result.job_total_count
            body["jobs"] = [job_dict(job) for job in result.jobs]
            return body

        return await self.cache.get(("jobs", *query.cache_key()), _JOB_LIST_SCOPE, fetch)

    async def list_versions(self, job_id: str) -> JSON:
        """Every version of ``job_id`` (all pages, newest first), with status fields."""

        async def fetch() -> JSON:
            client = await self._client()
            result = await client.list_versions(job_id)
            return {
                "job_id": result.job_id,
                "job_name": result.job_name,
                "job_desc": result.job_desc,
                "version_count": result.version_count,
                "versions": [version_dict(v) for v in result.versions],
            }

        return await self.cache.get(("versions", job_id), _job_scope(job_id), fetch)

    async def get_version(self, job_id: str, version_id: str) -> JSON:
        """One version of ``job_id``, with status fields."""

        async def fetch() -> JSON:
            client = await self._client()
            return version_dict(await client.get_version(job_id, version_id))

        return await self.cache.get(("version", job_id, version_id), _job_scope(job_id), fetch)

    # -- the stop ------------------------------------------------------------

    async def stop_version(self, job_id: str, version_id: str) -> JSON:
        """Stop a running version: a fresh read, then one upstream stop if it is running.

        Raises ``NotRunningError`` (ModelArts.0105) without calling the stop
        API when the version is not running. Concurrent stops of one version
        share a single attempt and its outcome.
        """
        key = (job_id, version_id)
        task = self._stops.get(key)
        if task is None:
            task = asyncio.ensure_future(self._stop_once(job_id, version_id))
            self._stops[key] = task

            def done(t: asyncio.Future) -> None:
                if self._stops.get(key) is t:
                    del self._stops[key]
                if not t.cancelled():
                    t.exception()

            task.add_done_callback(done)
        else:
            self.log.debug("modelarts stop of %s/%s joins the one in flight", job_id, version_id)
        return await asyncio.shield(task)

    async def _stop_once(self, job_id: str, version_id: str) -> JSON:
        client = await self._client()
        # Fresh on purpose: a cached "Running" may be seconds old.
        version = await client.get_version(job_id, version_id)
        info = describe(version.status)
        if not info.stoppable:
            raise NotRunningError(
                f"This job can't be stop. job status: {info.code} ({info.label})",
                error_code="ModelArts.0105",
            )
        try:
            await client.stop_version(job_id, version_id)
        finally:
            # Even a failed stop may have reached ModelArts: do not serve stale rows.
            self.invalidate_job(job_id)
        return {"is_success": True}

    def invalidate_job(self, job_id: str) -> None:
        """Drop cached answers about ``job_id`` and the job list."""
        self.cache.invalidate(_job_scope(job_id))
        self.cache.invalidate(_JOB_LIST_SCOPE)
