"""Fault injection per route (start-up config or ``/_emulator/faults``).

A fault is a JSON object::

    {"route": "list_versions",   # a route name below, or "*" for every route
     "kind": "error",            # see KINDS
     "count": 2,                 # only the next N matching requests (omit: until cleared)
     "latency": 0.5,             # kind "latency": seconds added before answering
     "status": 503,              # kind "error" / "non_json": HTTP status
     "error_code": "ModelArts.0010", "error_msg": "Internal error.",   # kind "error"
     "retry_after": 2,           # kind "throttle": Retry-After seconds (any text is sent as is)
     "body": "<html>...",        # kind "non_json" / "raw": the text to send
     "headers": {"Retry-After": "inf"}}   # kind "raw": extra response headers

Kind ``raw`` answers exactly ``status`` (default 200), ``headers`` and ``body``
(default empty; ``Content-Type`` application/json unless ``headers`` names one):
hostile-upstream tests send any body and header through it.

Latency faults stack with one answering fault; the first matching answering
fault (in the order added) wins. ``token_expired`` / ``credential_expired``
are only consumed by requests that authenticated with a token / a temporary
credential and are answered with the gateway's expiry error.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

ROUTES = frozenset(
    {
        "list_jobs",
        "list_versions",
        "get_version",
        "stop_version",
        "log_file_names",
        "aom_log",
        "list_training_jobs",
        "show_training_job",
        "terminate_training_job",
        "training_job_log_preview",
        "training_job_tasks",
        "training_jobs_get",
        "iam_token",
        "metadata_token",
        "metadata",
    }
)
ANSWERING = frozenset(
    {"error", "throttle", "malformed_json", "truncated_json", "non_json", "raw", "drop"}
)
AUTH_KINDS = {"token_expired": "token", "credential_expired": "temporary"}
KINDS = ANSWERING | {"latency"} | frozenset(AUTH_KINDS)


@dataclass
class Fault:
    """One installed fault; ``count`` None means unlimited."""

    id: int
    route: str
    kind: str
    count: Optional[int] = None
    latency: float = 0.0
    status: Optional[int] = None
    error_code: str = "ModelArts.0010"
    error_msg: str = "Internal error."
    retry_after: Any = 1
    body: Optional[str] = None
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0

    def public(self) -> dict[str, Any]:
        """JSON view for the admin API."""
        return asdict(self)


class Faults:
    """The installed faults, in the order added."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.items: list[Fault] = []

    def add(self, spec: dict[str, Any]) -> Fault:
        """Validate ``spec`` and install it; raises ValueError on bad input."""
        if not isinstance(spec, dict):
            raise ValueError("a fault must be a JSON object")
        unknown = set(spec) - {
            "route",
            "kind",
            "count",
            "latency",
            "status",
            "error_code",
            "error_msg",
            "retry_after",
            "body",
            "headers",
        }
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        route, kind = spec.get("route", "*"), spec.get("kind")
        if route != "*" and route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; one of {sorted(ROUTES)} or '*'")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; one of {sorted(KINDS)}")
        headers = spec.get("headers") or {}
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise ValueError("headers must be an object of strings")
        body = spec.get("body")
        if body is not None and not isinstance(body, str):
            raise ValueError("body must be a string")
        count = spec.get("count")
        if count is not None and (not isinstance(count, int) or count < 1):
            raise ValueError("count must be a positive integer")
        fault = Fault(
            next(self._ids),
            route,
            kind,
            count,
            latency=float(spec.get("latency", 0.0)),
            status=None if spec.get("status") is None else int(spec["status"]),
            error_code=str(spec.get("error_code", "ModelArts.0010")),
            error_msg=str(spec.get("error_msg", "Internal error.")),
            retry_after=spec.get("retry_after", 1),
            body=body,
            headers=dict(headers),
        )
        self.items.append(fault)
        return fault

    def clear(self, route: Optional[str] = None) -> None:
        """Remove all faults, or only those installed for ``route``."""
        self.items = [f for f in self.items if route is not None and f.route != route]

    def remove(self, fault_id: int) -> bool:
        """Remove one fault by id; False if there was none."""
        before = len(self.items)
        self.items = [f for f in self.items if f.id != fault_id]
        return len(self.items) != before

    def take(self, route: str, caller_kind: Optional[str] = None) -> tuple[float, Optional[Fault]]:
        """Consume what applies to one request: (added latency, answering fault or None).

        Without ``caller_kind`` this is the pre-auth pass (latency + answering
        faults); with it, only the matching expiry faults are considered.
        """
        latency, answer = 0.0, None
        for fault in list(self.items):
            if fault.route not in ("*", route):
                continue
            if caller_kind is None:
                if fault.kind == "latency":
                    latency += fault.latency
                elif fault.kind in ANSWERING and answer is None:
                    answer = fault
                else:
                    continue
            elif AUTH_KINDS.get(fault.kind) == caller_kind and answer is None:
                answer = fault
            else:
                continue
            self._consume(fault)
        return latency, answer

    def _consume(self, fault: Fault) -> None:
        fault.hits += 1
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                self.items = [f for f in self.items if f.id != fault.id]
