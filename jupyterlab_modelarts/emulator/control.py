"""A tiny synchronous client for the ``/_emulator/`` admin API (stdlib only).

Safe to call from a test (even an ``async def`` one) when the emulator runs
on another thread, e.g. the one :func:`run_in_thread` starts.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Optional


class AdminClient:
    """Admin calls against the emulator at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """One admin request; returns the parsed JSON, raises RuntimeError on 4xx/5xx."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 (http on loopback only)
            self.url + "/_emulator/" + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (loopback)
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            raise RuntimeError(
                f"{method} /_emulator/{path}: {error.code} {error.read().decode(errors='replace')}"
            ) from None

    def set_fault(self, route: str = "*", kind: str = "error", **options: Any) -> dict:
        """Install a fault (see faults.py for options, e.g. count=1, status=503)."""
        return self.call("POST", "faults", {"route": route, "kind": kind, **options})["faults"][0]

    def faults(self) -> list[dict]:
        """The installed faults."""
        return self.call("GET", "faults")["faults"]

    def clear_faults(self, route: Optional[str] = None) -> None:
        """Remove all faults (or one route's)."""
        self.call("DELETE", "faults" + (f"?route={route}" if route else ""))

    def stats(self) -> dict:
        """``{"counts": {route: n}, "total": n, "log": [...]}``."""
        return self.call("GET", "stats")

    def count(self, route: str) -> int:
        """Requests received on ``route`` since the last reset."""
        return self.stats()["counts"].get(route, 0)

    def clear_stats(self) -> None:
        """Forget counts and the request log."""
        self.call("DELETE", "stats")

    def reset(self) -> None:
        """Data, faults, counters and clock back to start-up."""
        self.call("POST", "reset")

    def clock(self, **changes: Any) -> dict:
        """Read or change the lifecycle clock (advance=s, freeze=bool, speed=x)."""
        return self.call("POST", "clock", changes) if changes else self.call("GET", "clock")

    def advance(self, seconds: float) -> dict:
        """Move the lifecycle clock forward."""
        return self.clock(advance=seconds)

    def freeze(self, frozen: bool = True) -> dict:
        """Stop (or restart) the lifecycle clock."""
        return self.clock(freeze=frozen)

    def load_data(self, data: dict) -> None:
        """Replace the data set until the next reset."""
        self.call("PUT", "data", data)

    def expire(self, tokens: bool = True, credentials: bool = True) -> None:
        """Expire issued IAM tokens and/or temporary credentials now."""
        self.call("POST", "expire", {"tokens": tokens, "credentials": credentials})

    def pin_status(self, job_id: int, version_id: int, status: int) -> None:
        """Fix a version's status (e.g. 8 to make it stoppable)."""
        self.call("PUT", f"jobs/{job_id}/versions/{version_id}", {"status": status})

    def pin_phase(self, job_id: str, phase: str) -> None:
        """Fix a v2 job's phase (e.g. "Running" to make it terminable)."""
        self.call("PUT", f"v2/training-jobs/{job_id}", {"phase": phase})

    def remote_config(self) -> dict:
        """The running configuration."""
        return self.call("GET", "config")
