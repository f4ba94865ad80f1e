"""The server watches leased jobs and tells the browsers when their versions change.

A browser (the panel's plugin, or a notebook output) *leases* a job with
``PUT jupyterlab-modelarts/watches/{job_id}`` and renews it every
``LEASE_RENEW_SECONDS``; a lease not renewed for ``LEASE_SECONDS`` expires, and
``DELETE`` ends it. While a job is leased, one task polls its versions every
``watch_interval`` (every ``quick_interval`` while a version is stopping) through
the service, i.e. through the same single-flight cache as the REST routes, so
any number of leases and panels cost one upstream call per interval. A job with
no lease is not polled at all.

When a status changes or a version appears (a duration tick is not a change),
:class:`Watcher` calls ``emit`` with the event's data: the job id, the changed
versions in the summary shape, and ``version_count``; ``app.py`` sends it on
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
from typing import Any

from .client.config import (
    DEFAULT_WATCH_BACKOFF_CAP,
    DEFAULT_WATCH_INTERVAL,
    DEFAULT_WATCH_QUICK_INTERVAL,
)
from .client.errors import ModelArtsError
from .contract import SUMMARY_FIELDS, JsonObject

#: The ``$id`` of the event schema this extension registers (event_schemas/versions_changed.json).
EVENT_SCHEMA_ID = "https://events.jupyter.org/jupyterlab_modelarts/versions_changed/v1"
#: A lease lives this long without a renewal; clients renew every LEASE_RENEW_SECONDS.
LEASE_SECONDS = 90.0
LEASE_RENEW_SECONDS = 30.0

ListVersions = Callable[[str], Awaitable[JsonObject]]
Emit = Callable[[JsonObject], None]


def decoded(list_versions: Callable[[str], Awaitable[bytes]]) -> ListVersions:
    """``list_versions`` (the service's serialised answer) decoded off the event loop."""

    async def versions(job_id: str) -> JsonObject:
        payload = await list_versions(job_id)
        body: JsonObject = await asyncio.get_running_loop().run_in_executor(
            None, json.loads, payload
        )
        return body

    return versions


def event_schema_path() -> Any:
    """The event schema file shipped in the package (a Traversable jupyter_events can read)."""
    return files(__package__).joinpath("event_schemas", "versions_changed.json")


def changed_versions(before: Mapping[Any, Any], versions: list[JsonObject]) -> list[JsonObject]:
    """Versions that are new or whose status differs from ``before`` (version id -> status)."""
    return [v for v in versions if before.get(v.get("version_id")) != v.get("status")]


def summary(version: JsonObject) -> JsonObject:
    """A version view in the summary shape (no other upstream field, never a secret)."""
    return {name: version.get(name) for name in SUMMARY_FIELDS}


@dataclass
class _Watch:
    """One leased job: when its lease ends and the task that polls it."""

    expires: float
    task: asyncio.Task[None] | None = None
    statuses: dict[int, Any] | None = None
    failures: int = 0
    #: Set to cut the wait short (a stop was just sent).
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class Watcher:
    """Leases on jobs and one polling task per leased job."""

    def __init__(
        self,
        list_versions: ListVersions,
        emit: Emit,
        *,
        interval: float = DEFAULT_WATCH_INTERVAL,
        quick_interval: float = DEFAULT_WATCH_QUICK_INTERVAL,
        backoff_cap: float = DEFAULT_WATCH_BACKOFF_CAP,
        clock: Callable[[], float] = time.monotonic,
        log: logging.Logger | None = None,
    ) -> None:
        self._list_versions = list_versions
        self._emit = emit
        self.interval = interval
        self.quick_interval = quick_interval
        self.backoff_cap = backoff_cap
        self._clock = clock
        self._log = log or logging.getLogger(__name__)
        self._watches: dict[str, _Watch] = {}

    async def renew(self, job_id: str) -> JsonObject:
        """Start or renew the lease on ``job_id``; its poller starts if it is not running."""
        watch = self._watches.get(job_id)
        expires = self._clock() + LEASE_SECONDS
        if watch is None:
            watch = self._watches[job_id] = _Watch(expires)
        watch.expires = expires
        if watch.task is None or watch.task.done():
            watch.task = asyncio.ensure_future(self._poll(job_id, watch))
        return self.describe(job_id)

    async def end(self, job_id: str) -> JsonObject:
        """End the lease on ``job_id`` now; its poller stops."""
        watch = self._watches.pop(job_id, None)
        if watch is not None and watch.task is not None:
            watch.task.cancel()
        return {"job_id": job_id, "expires_in": 0.0}

    def wake(self, job_id: str) -> None:
        """A stop was just sent: poll ``job_id`` now (then at the quick interval while stopping)."""
        watch = self._watches.get(job_id)
        if watch is not None:
            watch.wake.set()

    def describe(self, job_id: str) -> JsonObject:
        """The lease as the route answers it."""
        watch = self._watches[job_id]
        return {
            "job_id": job_id,
            "expires_in": max(0.0, round(watch.expires - self._clock(), 3)),
            "renew_every": LEASE_RENEW_SECONDS,
            "interval": self.interval,
        }

    def watched(self) -> list[str]:
        """Job ids with a live lease."""
        now = self._clock()
        return [job for job, watch in self._watches.items() if watch.expires > now]

    async def close(self) -> None:
        """Stop every poller (the extension is stopping)."""
        watches, self._watches = self._watches, {}
        tasks = [w.task for w in watches.values() if w.task is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _poll(self, job_id: str, watch: _Watch) -> None:
        """Poll until the lease expires or is ended; emit what changed."""
        while self._watches.get(job_id) is watch and watch.expires > self._clock():
            delay = await self._poll_once(job_id, watch)
            watch.wake.clear()
            try:
                await asyncio.wait_for(watch.wake.wait(), delay)
            except asyncio.TimeoutError:
                pass
        if self._watches.get(job_id) is watch:
            del self._watches[job_id]

    async def _poll_once(self, job_id: str, watch: _Watch) -> float:
        """One poll; returns the seconds until the next one."""
        try:
            body = await self._list_versions(job_id)
        except ModelArtsError as error:
            watch.failures += 1
            delay = min(self.backoff_cap, self.interval * 2**watch.failures)
            self._log.debug("modelarts watch of %s failed (%s); next in %ss", job_id, error, delay)
            return delay
        watch.failures = 0
        versions = list(body.get("versions", []))
        if watch.statuses is not None:
            changed = changed_versions(watch.statuses, versions)
            if changed:
                self._emit(
                    {
                        "job_id": job_id,
                        "versions": [summary(v) for v in changed],
                        "version_count": body.get("version_count", len(versions)),
                    }
                )
        watch.statuses = {v.get("version_id"): v.get("status") for v in versions}
        stopping = any(v.get("status_kind") == "stopping" for v in versions)
        return self.quick_interval if stopping else self.interval
