"""What the REST handlers ask of ModelArts: cached reads and the guarded stop.

No tornado handler knowledge lives here: the service takes checked ids and a
``JobQuery`` (see ``contract.py``), returns the contract's views and raises the
client's ``ModelArtsError`` subclasses; ``routes.py`` turns those into HTTP.
Reads go through ``cache.ResponseCache``; a stop invalidates the job's entries
(and the job list, whose rows carry the latest version's status).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import Callable, Optional, TypeVar

from .answer import Answer
from .apis import Api, ApiAvailability
from .cache import ResponseCache, Scope, SingleFlight
from .client import AsyncModelArtsClient, NoCredentialsError, NotRunningError
from .client.config import DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_CACHE_TTL
from .client.errors import NotTerminableError
from .client.logs import LogQuery
from .client.query import JobQuery
from .client.query_v2 import TrainingJobSearch
from .client.status import describe
from .contract import (
    VERSION_VIEWS,
    JsonObject,
    Payload,
    encode,
    job_list_view,
    log_chunk_view,
    log_files_view,
    no_session_view,
    session_view,
    version_view,
)
from .contract_v2 import log_preview_view, training_job_list_view, training_job_view
from .version_body import EncodedVersionList

T = TypeVar("T")

#: Returns the ready client; called before every upstream call (may start it lazily).
ClientProvider = Callable[[], Awaitable[AsyncModelArtsClient]]

_JOB_LIST_SCOPE: Scope = ("jobs",)


def _job_scope(job_id: str) -> Scope:
    return ("job", job_id)


async def _rendered(result: T, view: Callable[[T], JsonObject]) -> Answer:
    """``view(result)`` serialised (and hashed), in a worker thread: a large answer takes
    long enough to build and encode that the event loop (every other request of the
    Jupyter server) must not wait for it."""
    return await asyncio.get_running_loop().run_in_executor(
        None, lambda: Answer.of(encode(view(result)))
    )


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
        cache_max_entries: int = DEFAULT_CACHE_MAX_ENTRIES,
        cache_max_bytes: int = DEFAULT_CACHE_MAX_BYTES,
        emulated: bool = False,
        log: Optional[logging.Logger] = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client_provider
        self.emulated = emulated
        self.log = log or logging.getLogger(__name__)
        self.cache = ResponseCache(
            cache_ttl,
            max_entries=cache_max_entries,
            max_bytes=cache_max_bytes,
            clock=clock,
            log=self.log,
        )
        self._stops = SingleFlight()
        #: Called with the job id and its API after a stop reached ModelArts (the watcher
        #: polls it now).
        self.on_stop: Callable[[str, Api], None] | None = None
        self.apis = ApiAvailability()

    # -- reads ---------------------------------------------------------------

    async def session(self) -> Payload:
        """Which credential source won and where calls go; never a secret.

        Missing credentials are an answer here, not an error: the panel shows
        ``error`` and ``sources_tried`` instead of a list.
        """
        client = await self._client()

        # Not cached: after the first resolution the client answers from memory, and
        # ``apis`` must say what the latest answers taught.
        try:
            view = session_view(await client.session_info(), emulated=self.emulated)
        except NoCredentialsError as err:
            view = no_session_view(client.config, err, emulated=self.emulated)
        return encode({**view, "apis": self.apis.view()})

    async def list_jobs(self, query: JobQuery) -> Answer:
        """One page of the training-job list (``query`` as the route built it)."""

        async def fetch() -> Answer:
            client = await self._client()
            return await _rendered(
                await self.apis.watch("v1", client.list_jobs(query)), job_list_view
            )

        return await self.cache.get(("jobs", *query.cache_key()), _JOB_LIST_SCOPE, fetch)

    async def list_versions(self, job_id: str, view: str = VERSION_VIEWS[0]) -> Answer:
        """Every version of ``job_id`` (all pages, newest first) in ``view``: a name of
        ``VERSION_ITEM_VIEWS`` (the route's ``VERSION_VIEWS``, or ``events``). Each page is
        encoded as it arrives (``version_body``), so the parsed pages never pile up."""

        async def fetch() -> Answer:
            client = await self._client()
            listing = client.list_versions_into(job_id, EncodedVersionList(view))
            return await self.apis.watch("v1", listing)

        return await self.cache.get(("versions", job_id, view), _job_scope(job_id), fetch)

    async def version_rows_body(self, job_id: str) -> bytes:
        """The version list in the panel's ``summary`` view, for the watcher: its polls and
        the panels' reads share one cache entry (and one upstream call)."""
        return (await self.list_versions(job_id, "summary")).body()

    async def get_version(self, job_id: str, version_id: str) -> Answer:
        """One version of ``job_id``."""

        async def fetch() -> Answer:
            client = await self._client()
            return await _rendered(await client.get_version(job_id, version_id), version_view)

        return await self.cache.get(("version", job_id, version_id), _job_scope(job_id), fetch)

    async def list_log_files(self, job_id: str, version_id: str) -> Answer:
        """The names of a version's log files (one per node)."""

        async def fetch() -> Answer:
            client = await self._client()
            return Answer.of(
                encode(log_files_view(await client.list_log_files(job_id, version_id)))
            )

        key = ("log-files", job_id, version_id)
        return await self.cache.get(key, _job_scope(job_id), fetch)

    async def read_log(self, job_id: str, version_id: str, query: LogQuery) -> Answer:
        """Lines of one log file; identical reads in flight share one upstream call."""

        async def fetch() -> Answer:
            client = await self._client()
            return await _rendered(await client.read_log(job_id, version_id, query), log_chunk_view)

        key = ("log", job_id, version_id, *query.cache_key())
        return await self.cache.get(key, _job_scope(job_id), fetch)

    # -- the stop ------------------------------------------------------------

    async def stop_version(self, job_id: str, version_id: str) -> Payload:
        """Stop a version the status table calls ``stoppable``: a fresh read, then one stop.

        Raises ``NotRunningError`` (ModelArts.0105) without calling the stop
        API otherwise. Concurrent stops of one version share a single attempt
        and its outcome.
        """
        key = (job_id, version_id)
        if self._stops.in_flight(key):
            self.log.debug("modelarts stop of %s/%s joins the one in flight", job_id, version_id)
        return await self._stops.run(key, lambda: self._stop_once(job_id, version_id))

    async def _stop_once(self, job_id: str, version_id: str) -> Payload:
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
            if self.on_stop is not None:
                self.on_stop(job_id, "v1")
        return encode({"is_success": True})

    def invalidate_job(self, job_id: str) -> None:
        """Drop cached answers about ``job_id`` and the job list."""
        self.cache.invalidate(_job_scope(job_id))
        self.cache.invalidate(_JOB_LIST_SCOPE)

    # -- new-version (v2) training jobs --------------------------------------

    async def list_training_jobs(self, search: TrainingJobSearch) -> Answer:
        """A window of v2 jobs as runs, newest first (``search`` as the route built it)."""

        async def fetch() -> Answer:
            client = await self._client()
            result = await self.apis.watch("v2", client.list_training_jobs(search))
            return await _rendered(result, training_job_list_view)

        return await self.cache.get(("v2-jobs", *search.cache_key()), _V2_LIST_SCOPE, fetch)

    async def get_training_job(self, job_id: str) -> Answer:
        """One v2 job as a run."""

        async def fetch() -> Answer:
            client = await self._client()
            job = await self.apis.watch("v2", client.get_training_job(job_id))
            return await _rendered(job, training_job_view)

        return await self.cache.get(("v2-job", job_id), _v2_job_scope(job_id), fetch)

    async def training_job_log_preview(self, job_id: str, task_id: str) -> Answer:
        """The tail of one task's log."""

        async def fetch() -> Answer:
            client = await self._client()
            preview = await client.training_job_log_preview(job_id, task_id)
            return await _rendered(preview, log_preview_view)

        return await self.cache.get(("v2-log", job_id, task_id), _v2_job_scope(job_id), fetch)

    async def stop_training_job(self, job_id: str) -> Payload:
        """Terminate a v2 job whose phase is stoppable: a fresh read, then one terminate.

        Raises ``NotTerminableError`` (409, ModelArts.2796) without calling the
        terminate action otherwise; concurrent stops of one job share one attempt.
        """
        return await self._stops.run(("v2", job_id), lambda: self._terminate_once(job_id))

    async def _terminate_once(self, job_id: str) -> Payload:
        client = await self._client()
        # Fresh on purpose: a cached "Running" may be seconds old.
        info = (await client.get_training_job(job_id)).phase_info
        if not info.stoppable:
            raise NotTerminableError(
                f"The job cannot be terminated in phase {info.phase} ({info.label}).",
                error_code="ModelArts.2796",
            )
        try:
            await client.terminate_training_job(job_id)
        finally:
            # Even a failed terminate may have reached ModelArts: do not serve stale rows.
            self.cache.invalidate(_v2_job_scope(job_id))
            self.cache.invalidate(_V2_LIST_SCOPE)
            if self.on_stop is not None:
                self.on_stop(job_id, "v2")
        return encode({"is_success": True})


_V2_LIST_SCOPE: Scope = ("v2-jobs",)


def _v2_job_scope(job_id: str) -> Scope:
    return ("v2-job", job_id)
