"""Single flight and a short time-to-live cache for the service's upstream reads.

Why a cache at all: every open panel (and every browser tab) polls the versions
of the job it shows. Identical GETs that overlap share one upstream call, and
an answer is reused for ``ttl`` seconds, so N pollers cost one upstream call
per interval. Errors are never cached, and the cache is bounded (entries and
bytes) with expired answers purged, so a burst of distinct keys does not stay.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections import OrderedDict
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .answer import Answer
from .client.config import DEFAULT_CACHE_MAX_BYTES, DEFAULT_CACHE_MAX_ENTRIES

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
    size: int


def size_of(value: object) -> int:
    """What a cached value costs, in bytes (the service caches serialised answers)."""
    if isinstance(value, (bytes, bytearray, str)):
        return len(value)
    if isinstance(value, Answer):
        return value.size
    return sys.getsizeof(value)


class ResponseCache:
    """Single flight for identical keys plus a short time-to-live for successful answers.

    ``get(key, scope, fetch)`` returns a fresh cached value, joins an identical
    call already in flight, or starts ``fetch()``. ``invalidate(scope)`` drops a
    scope's values and makes calls already in flight for it not store their
    (possibly stale) result.

    Bounded: expired values are purged (a sweep at most once per ``ttl``), and
    beyond ``max_entries`` values or ``max_bytes`` the least recently used go
    first; a value larger than ``max_bytes`` is served but not kept.
    """

    def __init__(
        self,
        ttl: float,
        *,
        max_entries: int = DEFAULT_CACHE_MAX_ENTRIES,
        max_bytes: int = DEFAULT_CACHE_MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
        log: Optional[logging.Logger] = None,
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._clock = clock
        self._log = log or logging.getLogger(__name__)
        self._values: OrderedDict[Hashable, _Cached] = OrderedDict()
        self._bytes = 0
        self._next_sweep = clock() + ttl
        self._flights = SingleFlight()
        self._generation: dict[Scope, int] = {}

    def __len__(self) -> int:
        """Values held now (expired ones included until the next sweep)."""
        return len(self._values)

    @property
    def bytes(self) -> int:
        """What the values held now cost (see ``size_of``)."""
        return self._bytes

    async def get(self, key: Hashable, scope: Scope, fetch: Callable[[], Awaitable[Any]]) -> Any:
        """The value for ``key``: cached, shared with an identical call in flight, or fetched."""
        now = self._clock()
        self._sweep(now)
        cached = self._values.get(key)
        if cached is not None:
            if cached.expires > now:
                self._values.move_to_end(key)
                self._log.debug("modelarts cache hit %s", key)
                return cached.value
            self._drop(key)
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
            self._store(key, _Cached(scope, self._clock() + self.ttl, value, size_of(value)))
        return value

    def _store(self, key: Hashable, entry: _Cached) -> None:
        if key in self._values:
            self._drop(key)
        if entry.size > self.max_bytes or self.max_entries < 1:
            return
        self._values[key] = entry
        self._bytes += entry.size
        while len(self._values) > self.max_entries or self._bytes > self.max_bytes:
            self._drop(next(iter(self._values)))  # the least recently used

    def _drop(self, key: Hashable) -> None:
        entry = self._values.pop(key)
        self._bytes -= entry.size

    def _sweep(self, now: float) -> None:
        """Purge expired values, at most once per ``ttl``."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.ttl
        for key in [k for k, v in self._values.items() if v.expires <= now]:
            self._drop(key)

    def invalidate(self, scope: Scope) -> None:
        """Forget every value of ``scope``; results of calls in flight will not be stored."""
        self._generation[scope] = self._generation.get(scope, 0) + 1
        for key in [k for k, v in self._values.items() if v.scope == scope]:
            self._drop(key)

    def clear(self) -> None:
        """Forget everything (values only; calls in flight finish for their callers)."""
        for scope in list(self._generation) + [v.scope for v in self._values.values()]:
            self.invalidate(scope)
