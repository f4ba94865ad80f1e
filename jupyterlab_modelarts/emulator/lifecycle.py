"""How a version's status moves with the emulated clock.

A version either has a fixed ``status`` or a lifecycle: it is created at
``started`` and walks 1 -> 2 -> 4 -> 7 -> 8 (each preparation phase lasting
``phase_seconds[status]``), runs for ``run_seconds`` (forever when None) and
ends in ``outcome`` (10 completed or 11 failed). A successful stop at time T
shows 9 (KILLING) until ``T + kill_delay`` and 12 (KILLED) after. Status is
computed on read, so nothing needs a timer and the clock can jump freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..client.status import Status

PREPARATION = (1, 2, 4, 7)


@dataclass
class Lifecycle:
    """Timing of one version; all times are emulated epoch seconds."""

    started: float
    run_seconds: Optional[float] = None
    outcome: int = int(Status.JOBSTAT_COMPLETED)
    fixed_status: Optional[int] = None
    stopped_at: Optional[float] = None


@dataclass(frozen=True)
class Snapshot:
    """What the API shows at one instant: status plus the derived times (ms)."""

    status: int
    create_time: int
    start_time: int
    duration: int


def running_since(life: Lifecycle, phases: dict[int, float]) -> float:
    """When the version reaches RUNNING (8)."""
    return life.started + sum(phases.get(code, 0.0) for code in PREPARATION)


def snapshot(life: Lifecycle, now: float, phases: dict[int, float], kill_delay: float) -> Snapshot:
    """The version as seen at ``now``."""
    create_ms = int(life.started * 1000)
    run_start = running_since(life, phases)
    if life.fixed_status is not None and life.stopped_at is None:
        status = life.fixed_status
        # A fixed terminal version reports a plausible past run.
        end = run_start + (life.run_seconds or 0.0)
        if status in PREPARATION or status == Status.JOBSTAT_UNKNOWN:
            return Snapshot(status, create_ms, 0, 0)
        running = status == Status.JOBSTAT_RUNNING
        duration = (now if running else end) - run_start
        return Snapshot(status, create_ms, int(run_start * 1000), max(0, round(duration * 1000)))

    status, end = _walk(life, now, phases, run_start)
    if life.stopped_at is not None and now >= life.stopped_at:
        status = 12 if now >= life.stopped_at + kill_delay else 9
        end = life.stopped_at
    started_running = now >= run_start and (life.stopped_at is None or life.stopped_at >= run_start)
    start_ms = int(run_start * 1000) if started_running else 0
    duration = round(max(0.0, min(now, end) - run_start) * 1000) if started_running else 0
    return Snapshot(status, create_ms, start_ms, duration)


def _walk(life: Lifecycle, now: float, phases: dict[int, float], run_start: float):
    """Status from the timeline alone; also the instant the run ends (or ``now``)."""
    at = life.started
    for code in PREPARATION:
        at += phases.get(code, 0.0)
        if now < at:
            return code, now
    if life.run_seconds is not None and now >= run_start + life.run_seconds:
        return life.outcome, run_start + life.run_seconds
    return int(Status.JOBSTAT_RUNNING), now
