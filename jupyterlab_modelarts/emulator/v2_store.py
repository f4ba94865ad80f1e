"""New-version (v2) training jobs in memory, and how their phase moves with the clock.

A v2 job runs on the same lifecycle engine as a v1 version (``lifecycle.py``):
the v1 status it computes is read as a v2 phase through :data:`PHASE_OF_CODE`
(1/2/4 Creating, 7 Pending, 8 Running, 10 Completed, 11 Failed, 9 Terminating,
12 Terminated, 14 Abnormal), so the clock, ``phase_seconds`` and ``kill_delay``
(the time a terminated job stays ``Terminating``) mean the same for both APIs.

Data-set format: an optional ``"training_jobs"`` list beside ``"jobs"``::

    {"jobs": [], "training_jobs": [
      {"id": "3faf5c03-aaa1-4cbe-879d-24b05d997347", "name": "mnist-v2",
       "lifecycle": {"start": -600, "run_seconds": null, "outcome": "Completed"},
       "nodes": 2, "metadata": {"description": "..."}, "spec": {...}},
      {"id": "...", "name": "done", "phase": "Failed",
       "create_time": 1700000000000, "duration": 532003}
    ]}

``lifecycle.outcome`` is Completed, Failed or Abnormal; without ``lifecycle``
the job keeps a fixed ``phase`` (default Completed). Other top-level keys
replace the generated object's (``metadata`` and ``status`` are merged).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..client.ids import is_uuid
from .lifecycle import Lifecycle, Snapshot, snapshot
from .store import DataError, _parse_life

#: v1 status code (the engine's) -> v2 phase.
PHASE_OF_CODE: dict[int, str] = {
    1: "Creating",
    2: "Creating",
    4: "Creating",
    7: "Pending",
    8: "Running",
    9: "Terminating",
    10: "Completed",
    11: "Failed",
    12: "Terminated",
    14: "Abnormal",
}
#: v2 phase -> the v1 code the engine keeps for it (fixed phases and outcomes).
CODE_OF_PHASE: dict[str, int] = {
    "Creating": 1,
    "Pending": 7,
    "Running": 8,
    "Terminating": 9,
    "Completed": 10,
    "Failed": 11,
    "Terminated": 12,
    "Abnormal": 14,
}
#: The documented secondary phase of each phase.
SECONDARY: dict[str, str] = {"Pending": "Queuing", "Abnormal": "CreateFailed"}
_RESERVED = ("id", "name", "lifecycle", "phase", "create_time", "duration", "nodes")


@dataclass
class V2Record:
    """One stored v2 job: id, name, node count, its lifecycle and fields to show as given."""

    id: str
    name: str
    nodes: int
    life: Lifecycle
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def tasks(self) -> list[str]:
        """The job's task names (``status.tasks``, the log ``task_id`` values)."""
        return [f"worker-{n}" for n in range(self.nodes)]


@dataclass(frozen=True)
class PhaseSnapshot:
    """What the v2 API shows at one instant: phase and times (ms)."""

    phase: str
    secondary_phase: str
    create_time: int
    start_time: int
    duration: int


class V2Store:
    """Every v2 job of the project, by id, with the shared lifecycle arithmetic."""

    def __init__(self, phases: dict[int, float], kill_delay: float) -> None:
        self.phases = phases
        self.kill_delay = kill_delay
        self.jobs: dict[str, V2Record] = {}

    def load(self, raw_jobs: Any, now: float) -> None:
        """Replace every v2 job with ``raw_jobs`` (see the module docstring)."""
        if not isinstance(raw_jobs, list):
            raise DataError("training_jobs must be a list")
        jobs: dict[str, V2Record] = {}
        for position, raw in enumerate(raw_jobs):
            record = _parse(raw, position, now)
            if record.id in jobs:
                raise DataError(f"duplicate training job id {record.id}")
            jobs[record.id] = record
        self.jobs = jobs

    def job(self, job_id: str) -> Optional[V2Record]:
        """The job (ids compare case-insensitively), or None."""
        return self.jobs.get(job_id.lower()) if is_uuid(job_id) else None

    def snapshot(self, record: V2Record, now: float) -> PhaseSnapshot:
        """Phase and derived times of ``record`` at ``now``."""
        snap: Snapshot = snapshot(record.life, now, self.phases, self.kill_delay)
        phase = PHASE_OF_CODE.get(snap.status, "Abnormal")
        never_ran = phase in ("Creating", "Pending") or (
            phase == "Abnormal" and record.life.fixed_status is None
        )
        return PhaseSnapshot(
            phase=phase,
            secondary_phase=SECONDARY.get(phase, phase),
            create_time=snap.create_time,
            start_time=0 if never_ran else snap.start_time,
            duration=0 if never_ran else snap.duration,
        )


def _parse(raw: Any, position: int, now: float) -> V2Record:
    if not isinstance(raw, dict):
        raise DataError("each training job must be an object")
    job_id = raw.get("id")
    if not is_uuid(job_id):
        raise DataError(f"training job {job_id!r}: id must be a UUID")
    where = f"training job {job_id}"
    nodes = raw.get("nodes", 1)
    if not isinstance(nodes, int) or not 1 <= nodes <= 64:
        raise DataError(f"{where}: nodes must be an integer in [1, 64]")
    spec = dict(raw)
    life = spec.get("lifecycle")
    try:
        if isinstance(life, dict):
            spec["lifecycle"] = {**life, "outcome": _code(life.get("outcome", "Completed"))}
        else:
            spec["status"] = _code(raw.get("phase", "Completed"))
        parsed = _parse_life(spec, position, now)
    except (TypeError, ValueError) as error:
        raise DataError(f"{where}: {error}") from None
    fields = {k: v for k, v in raw.items() if k not in _RESERVED}
    name = str(raw.get("name") or f"job-{str(job_id)[:8]}")
    return V2Record(str(job_id).lower(), name, nodes, parsed, fields)


def _code(phase: object) -> int:
    if phase not in CODE_OF_PHASE:
        raise ValueError(f"unknown phase {phase!r}; one of {sorted(CODE_OF_PHASE)}")
    return CODE_OF_PHASE[str(phase)]
