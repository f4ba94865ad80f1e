"""The server watches leased jobs and tells the browsers when their runs change.

A browser (the panel's plugin, or a notebook output) *leases* a job with
``PUT jupyterlab-modelarts/watches/{job_id}`` (a v1 job: its versions are the
runs) or ``PUT jupyterlab-modelarts/v2/watches/{training_job_id}`` (a v2 job: it
is its own one run) and renews it every ``LEASE_RENEW_SECONDS``; a lease not
renewed for ``LEASE_SECONDS`` expires, and ``DELETE`` ends it. A lease is keyed
by (api, id). While a job is leased, one task polls it every ``watch_interval``
(every ``quick_interval`` while a run is stopping) through the service, i.e.
through the same single-flight cache as the REST routes, so any number of
leases and panels cost one upstream call per interval. A job with no lease is
not polled at all.

When a status changes or a version appears (a duration tick is not a change),
:class:`Watcher` calls ``emit`` with the event's data: the job id, the changed
runs in the summary shape, and ``version_count`` (a v2 event also says
``"api": "v2"``, and its one run is the job); ``app.py`` sends it on
jupyter_server's event bus under :data:`EVENT_SCHEMA_ID`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Optional

from .apis import Api
from .client.config import (
    DEFAULT_WATCH_BACKOFF_CAP,
    DEFAULT_WATCH_INTERVAL,
    DEFAULT_WATCH_QUICK_INTERVAL,
)
from .client.errors import ModelArtsError
from .contract import JsonObject, event_version
from .contract_v2 import V2_SUMMARY_FIELDS

if TYPE_CHECKING:
    from .service import ModelArtsService

#: The ``$id`` of the event schema this extension registers (event_schemas/versions_changed.json).
EVENT_SCHEMA_ID = "https://events.jupyter.org/jupyterlab_modelarts/versions_changed/v1"
#: A lease lives this long without a renewal; clients renew every LEASE_RENEW_SECONDS.
LEASE_SECONDS = 90.0
LEASE_RENEW_SECONDS = 30.0

#: Reads one leased job through the service: a v1 job's version list, or a v2 job's run view.
ReadJob = Callable[[str], Awaitable[JsonObject]]
ListVersions = ReadJob
Emit = Callable[[JsonObject], None]
#: A lease's key: the API and the job id (v1 decimal, v2 UUID).
WatchKey = tuple[Api, str]
#: Run id -> status as last seen (a v1 version's code, a v2 job's phase).
Statuses = dict[Any, Any]


def decoded(read: Callable[[str], Awaitable[bytes]]) -> ReadJob:
    """``read`` (a service read's serialised answer) decoded off the event loop."""

    async def body(job_id: str) -> JsonObject:
        payload = await read(job_id)
        answer: JsonObject = await asyncio.get_running_loop().run_in_executor(
            None, json.loads, payload
        )
        return answer

    return body


def event_schema_path() -> Any:
    """The event schema file shipped in the package (a Traversable jupyter_events can read)."""
    return files(__package__).joinpath("event_schemas", "versions_changed.json")


def changed_versions(before: Mapping[Any, Any], versions: list[JsonObject]) -> list[JsonObject]:
    """Versions that are new or whose status differs from ``before`` (version id -> status)."""
    return [v for v in versions if before.get(v.get("version_id")) != v.get("status")]


def summary(version: JsonObject) -> JsonObject:
    """A version (a ``view=summary`` row) in the events' shape (no other upstream field,
    never a secret)."""
    return event_version(version)


def run_summary(job: JsonObject) -> JsonObject:
    """A v2 job's run view in the v2 summary shape (the run fields only, never a secret)."""
    return {name: job.get(name) for name in V2_SUMMARY_FIELDS}


@dataclass(frozen=True)
class Observation:
    """What one poll of a leased job saw: its runs, their statuses and the event due."""

    statuses: Statuses
    #: Whether a run is being stopped (poll at the quick interval).
    stopping: bool
    #: The event's data if something changed since ``before``, else None.
    event: Optional[JsonObject]


def observe_versions(job_id: str, body: JsonObject, before: Optional[Statuses]) -> Observation:
    """A v1 job's version list: a new version or a changed status code is a change."""
    versions = list(body.get("versions", []))
    event: Optional[JsonObject] = None
    if before is not None:
        changed = changed_versions(before, versions)
        if changed:
            event = {
                "job_id": job_id,
                "versions": [summary(v) for v in changed],
                "version_count": body.get("version_count", len(versions)),
            }
    return Observation(
        statuses={v.get("version_id"): v.get("status") for v in versions},
        stopping=any(v.get("status_kind") == "stopping" for v in versions),
        event=event,
    )


def observe_training_job(job_id: str, body: JsonObject, before: Optional[Statuses]) -> Observation:
    """A v2 job (one run): a changed phase is a change; the event carries the run."""
    statuses = {job_id: body.get("status_name")}
    event: Optional[JsonObject] = None
    if before is not None and before != statuses:
        event = {"api": "v2", "job_id": job_id, "versions": [run_summary(body)], "version_count": 1}
    return Observation(statuses, body.get("status_kind") == "stopping", event)


_OBSERVERS: dict[Api, Callable[[str, JsonObject, Optional[Statuses]], Observation]] = {
    "v1": observe_versions,
    "v2": observe_training_job,
}


@dataclass
class _Watch:
    """One leased job: when its lease ends and the task that polls it."""

    expires: float
    task: asyncio.Task[None] | None = None
    statuses: Statuses | None = None
    failures: int = 0
    #: Set to cut the wait short (a stop was just sent).
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Watcher:
    """Leases on jobs (v1 and v2, keyed by (api, id)) and one polling task per leased job."""

    def __init__(
        self,
        list_versions: ListVersions,
        emit: Emit,
        *,
        show_training_job: Optional[ReadJob] = None,
        interval: float = DEFAULT_WATCH_INTERVAL,
        quick_interval: float = DEFAULT_WATCH_QUICK_INTERVAL,
        backoff_cap: float = DEFAULT_WATCH_BACKOFF_CAP,
        clock: Callable[[], float] = time.monotonic,
        log: logging.Logger | None = None,
    ) -> None:
        self._readers: dict[Api, ReadJob] = {"v1": list_versions}
        if show_training_job is not None:
            self._readers["v2"] = show_training_job
        self._emit = emit
        self.interval = interval
        self.quick_interval = quick_interval
        self.backoff_cap = backoff_cap
        self._clock = clock
        self._log = log or logging.getLogger(__name__)
        self._watches: dict[WatchKey, _Watch] = {}

    async def renew(self, job_id: str, api: Api = "v1") -> JsonObject:
        """Start or renew the lease on ``job_id`` of ``api``; its poller starts if not running."""
        if api not in self._readers:
            raise ValueError(f"this watcher has no reader of {api} jobs")
        key: WatchKey = (api, job_id)
        watch = self._watches.get(key)
        expires = self._clock() + LEASE_SECONDS
        if watch is None:
            watch = self._watches[key] = _Watch(expires)
        watch.expires = expires
        if watch.task is None or watch.task.done():
            watch.task = asyncio.ensure_future(self._poll(key, watch))
        return self.describe(job_id, api)

    async def end(self, job_id: str, api: Api = "v1") -> JsonObject:
        """End the lease on ``job_id`` of ``api`` now; its poller stops."""
        watch = self._watches.pop((api, job_id), None)
        if watch is not None and watch.task is not None:
            watch.task.cancel()
        return {"api": api, "job_id": job_id, "expires_in": 0.0}

    def wake(self, job_id: str, api: Api = "v1") -> None:
        """A stop was just sent: poll ``job_id`` now (then at the quick interval while stopping)."""
        watch = self._watches.get((api, job_id))
        if watch is not None:
            watch.wake.set()

    def describe(self, job_id: str, api: Api = "v1") -> JsonObject:
        """The lease as the route answers it."""
        watch = self._watches[(api, job_id)]
        return {
            "api": api,
            "job_id": job_id,
            "expires_in": max(0.0, round(watch.expires - self._clock(), 3)),
            "renew_every": LEASE_RENEW_SECONDS,
            "interval": self.interval,
        }

    def watched(self) -> list[str]:
        """Job ids with a live lease (v1 decimal ids and v2 UUIDs never collide)."""
        now = self._clock()
        return [job for (_, job), watch in self._watches.items() if watch.expires > now]

    async def close(self) -> None:
        """Stop every poller (the extension is stopping)."""
        watches, self._watches = self._watches, {}
        tasks = [w.task for w in watches.values() if w.task is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _poll(self, key: WatchKey, watch: _Watch) -> None:
        """Poll until the lease expires or is ended; emit what changed."""
        while self._watches.get(key) is watch and watch.expires > self._clock():
            delay = await self._poll_once(key, watch)
            watch.wake.clear()
            try:
                await asyncio.wait_for(watch.wake.wait(), delay)
            except asyncio.TimeoutError:
                pass
        if self._watches.get(key) is watch:
            del self._watches[key]

    async def _poll_once(self, key: WatchKey, watch: _Watch) -> float:
        """One poll; returns the seconds until the next one."""
        api, job_id = key
        try:
            body = await self._readers[api](job_id)
        except ModelArtsError as error:
            watch.failures += 1
            delay = min(self.backoff_cap, self.interval * 2**watch.failures)
            self._log.debug("modelarts watch of %s failed (%s); next in %ss", job_id, error, delay)
            return delay
        watch.failures = 0
        seen = _OBSERVERS[api](job_id, body, watch.statuses)
        if seen.event is not None:
            self._emit(seen.event)
        watch.statuses = seen.statuses
        return self.quick_interval if seen.stopping else self.interval


def service_watcher(
    service: ModelArtsService, emit: Emit, *, interval: float, log: logging.Logger
) -> Watcher:
    """The extension's watcher: leased jobs read through ``service`` (v1 versions, v2 jobs)."""

    async def training_job_body(training_job_id: str) -> bytes:
        return (await service.get_training_job(training_job_id)).body()

    return Watcher(
        decoded(service.version_rows_body),
        emit,
        show_training_job=decoded(training_job_body),
        interval=interval,
        log=log,
    )
