"""Everything one emulator instance remembers, and how a reset restores it."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Optional

from .auth import Gatekeeper
from .clock import Clock
from .config import EmulatorConfig
from .demo import demo_data
from .faults import Faults
from .store import Store
from .v2_demo import v2_demo_jobs
from .v2_store import V2Store


class Stats:
    """Requests received per route and a bounded request log."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.reset()

    def reset(self) -> None:
        """Forget every request seen so far."""
        self.counts: Counter[str] = Counter()
        self.log: list[dict[str, Any]] = []

    def record(
        self,
        method: str,
        path: str,
        route: str,
        status: Optional[int],
        request_id: str,
        identity: Optional[dict[str, Any]] = None,
    ) -> None:
        """Log one answered (status) or dropped (status None) request.

        ``identity``: how it authenticated (``auth`` kind, ``signed_headers``,
        whether a ``security_token`` came, the ``user_id`` header); no secret.
        """
        self.counts[route] += 1
        self.log.append(
            {
                "method": method,
                "path": path,
                "route": route,
                "status": status,
                "request_id": request_id,
                **(identity or {}),
            }
        )
        if len(self.log) > self.limit:
            del self.log[: len(self.log) - self.limit]

    def public(self) -> dict[str, Any]:
        """JSON view for ``GET /_emulator/stats``."""
        return {
            "counts": dict(self.counts),
            "total": sum(self.counts.values()),
            "log": list(self.log),
        }


class State:
    """Config, clock, data, credentials, faults and counters of one emulator."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.clock = Clock(config.clock_speed)
        self.store = Store(config.phase_seconds, config.kill_delay)
        self.v2 = V2Store(config.phase_seconds, config.kill_delay)
        self.auth = Gatekeeper(config)
        self.faults = Faults()
        self.stats = Stats(config.request_log_limit)
        self.initial_data: Optional[dict[str, Any]] = None
        self.metadata_sessions: dict[str, float] = {}
        self.reset()

    def reset(self) -> None:
        """Data, faults, counters and clock back to start-up (issued credentials kept)."""
        self.clock.reset(self.config.clock_speed)
        self.load_data(self.initial_data)
        self.faults.clear()
        for spec in self.config.faults:
            self.faults.add(dict(spec))
        self.stats.reset()

    def load_data(self, data: Optional[dict[str, Any]]) -> None:
        """Load ``data``, else the configured file, else the demo set (times from now)."""
        now = self.clock.now()
        if data is None and self.config.data_file:
            with open(self.config.data_file, encoding="utf-8") as handle:
                data = json.load(handle)
        if data is None:
            data = demo_data(int(now * 1000))
            data["training_jobs"] = v2_demo_jobs(int(now * 1000))
        # Both parts are checked before either is replaced.
        staged = V2Store(self.v2.phases, self.v2.kill_delay)
        if isinstance(data, dict):
            staged.load(data.get("training_jobs", []), now)
        self.store.load(data, now)
        self.v2.jobs = staged.jobs
