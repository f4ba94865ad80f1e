"""Single flight and a short time-to-live cache for the service's upstream reads.

Why a cache at all: every open panel (and every browser tab) polls the versions
of the job it shows. Identical GETs that overlap share one upstream call, and
an answer is reused for ``ttl`` seconds, so N pollers cost one upstream call
per interval. Errors are never cached.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass
from typing import Any, Callable, Optional

#: A cache scope: values are dropped per scope when something changes upstream.
Scope = tuple[str, ...]


class SingleFlight:
    """At most one task per key; callers of a key already in flight share its outcome.

    The task outlives its first caller: a browser that disconnects must not
    cancel the answer (or the stop) the other callers wait for.
    """

    def __init__(self) -> None:
        self._tasks: dict[Hashable, asyncio.Future[Any]] = {}

    def in_flight(self, key: Hashable) -> bool:
        """True while a task for ``key`` runs."""
        return key in self._tasks

    async def run(self, key: Hashable, start: Callable[[], Awaitable[Any]]) -> Any:
        """Join the task for ``key``, or start ``start()`` as that task; its result."""
        task = self._tasks.get(key)
        if task is None:
            task = asyncio.ensure_future(start())
            self._tasks[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        return await asyncio.shield(task)

    def _forget(self, key: Hashable, task: asyncio.Future[Any]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]
        if not task.cancelled():
            task.exception()  # mark retrieved: every waiter may have gone away


@dataclass
class _Cached:
    scope: Scope
    expires: float
    value: Any


class ResponseCache:
    """Single flight for identical keys plus a short time-to-live for successful answers.

    ``get(key, scope, fetch)`` returns a fresh cached value, joins an identical
    call already in flight, or starts ``fetch()``. ``invalidate(scope)`` drops a
    scope's values and makes calls already in flight for it not store their
    (possibly stale) result.
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
        self._flights = SingleFlight()
        self._generation: dict[Scope, int] = {}

    async def get(self, key: Hashable, scope: Scope, fetch: Callable[[], Awaitable[Any]]) -> Any:
        """The value for ``key``: cached, shared with an identical call in flight, or fetched."""
        cached = self._values.get(key)
        if cached is not None:
            if cached.expires > self._clock():
                self._log.debug("modelarts cache hit %s", key)
                return cached.value
            del self._values[key]
        if self._flights.in_flight(key):
            self._log.debug("modelarts cache join %s", key)
        else:
            self._log.debug("modelarts cache miss %s", key)
        # The generation is read now, not when the fetch first runs: an invalidation
        # between the two must still keep this answer out of the cache.
        generation = self._generation.get(scope, 0)
        return await self._flights.run(key, lambda: self._fetch(key, scope, generation, fetch))

    async def _fetch(
        self, key: Hashable, scope: Scope, generation: int, fetch: Callable[[], Awaitable[Any]]
    ) -> Any:
        value = await fetch()
        if self.ttl > 0 and self._generation.get(scope, 0) == generation:
            self._values[key] = _Cached(scope, self._clock() + self.ttl, value)
        return value

    def invalidate(self, scope: Scope) -> None:
        """Forget every value of ``scope``; results of calls in flight will not be stored."""
        self._generation[scope] = self._generation.get(scope, 0) + 1
        for key in [k for k, v in self._values.items() if v.scope == scope]:
            del self._values[key]

    def clear(self) -> None:
        """Forget everything (values only; calls in flight finish for their callers)."""
        for scope in list(self._generation) + [v.scope for v in self._values.values()]:
            self.invalidate(scope)
