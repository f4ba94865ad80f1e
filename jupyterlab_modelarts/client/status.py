"""Training-job version status codes (ModelArts v1, "Job Statuses" table).

The table is the single source of truth for names, labels, the *kind* the
panel renders (``pending``, ``running``, ``stopping``, ``completed``,
``failed``, ``canceled``, ``unknown``) and which codes count as running,
terminal or stoppable. The emulator, the REST layer (which sends
``status_kind`` and ``stoppable`` with every version) and, through it, the
front end read it from here; nothing else keeps a status table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

#: What the panel renders a status as; the REST contract's ``status_kind`` values.
StatusKind = Literal["pending", "running", "stopping", "completed", "failed", "canceled", "unknown"]
STATUS_KINDS: tuple[StatusKind, ...] = (
    "pending",
    "running",
    "stopping",
    "completed",
    "failed",
    "canceled",
    "unknown",
)


class Status(enum.IntEnum):
    """A version's ``status`` code, 0-22, named as ModelArts documents it."""

    JOBSTAT_UNKNOWN = 0
    JOBSTAT_INIT = 1
    JOBSTAT_IMAGE_CREATING = 2
    JOBSTAT_IMAGE_FAILED = 3
    JOBSTAT_SUBMIT_TRYING = 4
    JOBSTAT_SUBMIT_FAILED = 5
    JOBSTAT_DELETE_FAILED = 6
    JOBSTAT_WAITING = 7
    JOBSTAT_RUNNING = 8
    JOBSTAT_KILLING = 9
    JOBSTAT_COMPLETED = 10
    JOBSTAT_FAILED = 11
    JOBSTAT_KILLED = 12
    JOBSTAT_CANCELED = 13
    JOBSTAT_LOST = 14
    JOBSTAT_SCALING = 15
    JOBSTAT_SUBMIT_MODEL_FAILED = 16
    JOBSTAT_DEPLOY_SERVICE_FAILED = 17
    JOBSTAT_CHECK_INIT = 18
    JOBSTAT_CHECK_RUNNING = 19
    JOBSTAT_CHECK_RUNNING_COMPLETED = 20
    JOBSTAT_CHECK_FAILED = 21
    MOUNT_FAILED = 22

    @property
    def label(self) -> str:
        """A short human label, e.g. ``Running``."""
        return _LABELS[self]

    @property
    def kind(self) -> StatusKind:
        """The coarse group the panel shows (badge icon and colour, filters)."""
        return _KINDS[self]

    @property
    def stoppable(self) -> bool:
        """True when the documented API accepts a stop in this status (only Running)."""
        return int(self) in STOPPABLE_DOCUMENTED

    @property
    def is_running(self) -> bool:
        """True only for JOBSTAT_RUNNING, the one state the docs say can be stopped."""
        return self is Status.JOBSTAT_RUNNING

    @property
    def is_terminal(self) -> bool:
        """True when the version will not change state any more."""
        return self in TERMINAL


_LABELS: dict[Status, str] = {
    Status.JOBSTAT_UNKNOWN: "Unknown",
    Status.JOBSTAT_INIT: "Initializing",
    Status.JOBSTAT_IMAGE_CREATING: "Creating image",
    Status.JOBSTAT_IMAGE_FAILED: "Image failed",
    Status.JOBSTAT_SUBMIT_TRYING: "Submitting",
    Status.JOBSTAT_SUBMIT_FAILED: "Submit failed",
    Status.JOBSTAT_DELETE_FAILED: "Delete failed",
    Status.JOBSTAT_WAITING: "Queued",
    Status.JOBSTAT_RUNNING: "Running",
    Status.JOBSTAT_KILLING: "Stopping",
    Status.JOBSTAT_COMPLETED: "Completed",
    Status.JOBSTAT_FAILED: "Failed",
    Status.JOBSTAT_KILLED: "Canceled",
    Status.JOBSTAT_CANCELED: "Canceled",
    Status.JOBSTAT_LOST: "Lost",
    Status.JOBSTAT_SCALING: "Scaling",
    Status.JOBSTAT_SUBMIT_MODEL_FAILED: "Model submit failed",
    Status.JOBSTAT_DEPLOY_SERVICE_FAILED: "Deploy failed",
    Status.JOBSTAT_CHECK_INIT: "Review initializing",
    Status.JOBSTAT_CHECK_RUNNING: "In review",
    Status.JOBSTAT_CHECK_RUNNING_COMPLETED: "Review completed",
    Status.JOBSTAT_CHECK_FAILED: "Review failed",
    Status.MOUNT_FAILED: "Mount failed",
}

_KINDS: dict[Status, StatusKind] = {
    Status.JOBSTAT_UNKNOWN: "unknown",
    Status.JOBSTAT_INIT: "pending",
    Status.JOBSTAT_IMAGE_CREATING: "pending",
    Status.JOBSTAT_IMAGE_FAILED: "failed",
    Status.JOBSTAT_SUBMIT_TRYING: "pending",
    Status.JOBSTAT_SUBMIT_FAILED: "failed",
    Status.JOBSTAT_DELETE_FAILED: "failed",
    Status.JOBSTAT_WAITING: "pending",
    Status.JOBSTAT_RUNNING: "running",
    Status.JOBSTAT_KILLING: "stopping",
    Status.JOBSTAT_COMPLETED: "completed",
    Status.JOBSTAT_FAILED: "failed",
    Status.JOBSTAT_KILLED: "canceled",
    Status.JOBSTAT_CANCELED: "canceled",
    Status.JOBSTAT_LOST: "failed",
    Status.JOBSTAT_SCALING: "running",
    Status.JOBSTAT_SUBMIT_MODEL_FAILED: "failed",
    Status.JOBSTAT_DEPLOY_SERVICE_FAILED: "failed",
    Status.JOBSTAT_CHECK_INIT: "pending",
    Status.JOBSTAT_CHECK_RUNNING: "running",
    Status.JOBSTAT_CHECK_RUNNING_COMPLETED: "completed",
    Status.JOBSTAT_CHECK_FAILED: "failed",
    Status.MOUNT_FAILED: "failed",
}

TERMINAL: frozenset[Status] = frozenset(
    Status(code) for code in (3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 21, 22)
)

#: Codes the documented API accepts a stop in. Third-party code also stops
#: 1, 2, 4 and 7; the emulator can be configured to accept those too.
STOPPABLE_DOCUMENTED: frozenset[int] = frozenset({int(Status.JOBSTAT_RUNNING)})


@dataclass(frozen=True)
class StatusInfo:
    """A status code as the REST layer presents it; survives unknown codes."""

    code: int
    name: str
    label: str
    kind: StatusKind
    running: bool
    terminal: bool
    stoppable: bool


def describe(code: object) -> StatusInfo:
    """Describe any ``status`` value; unknown or malformed codes become "unknown (N)"."""
    if type(code) is int:  # the usual case: one shared, immutable description per code
        known = _DESCRIBED.get(code)
        if known is not None:
            return known
    return _describe(code)


def _describe(code: object) -> StatusInfo:
    try:
        number = int(code)  # type: ignore[call-overload]
        status = Status(number)
    except (TypeError, ValueError, OverflowError):
        text = f"unknown ({code})"
        return StatusInfo(
            code=-1 if not isinstance(code, int) else code,
            name=text,
            label=text,
            kind="unknown",
            running=False,
            terminal=False,
            stoppable=False,
        )
    return StatusInfo(
        code=number,
        name=status.name,
        label=status.label,
        kind=status.kind,
        running=status.is_running,
        terminal=status.is_terminal,
        stoppable=status.stoppable,
    )


#: Every documented code's description, made once (a list of 10,000 versions asks 10,000 times).
_DESCRIBED: dict[int, StatusInfo] = {int(status): _describe(int(status)) for status in Status}


# -- new-version (v2) training jobs: ``status.phase`` ---------------------------
# ../shared/modelarts-v2-api.md §3.1. A v2 job has no versions: each job is a run,
# and its phase maps to the same ``status_kind`` values as a v1 version's status.


@dataclass(frozen=True)
class PhaseInfo:
    """A v2 ``status.phase`` as the REST layer presents it; survives unknown phases."""

    phase: str
    label: str
    kind: StatusKind
    stoppable: bool
    terminal: bool


#: phase -> (label, kind). Abnormal is final for the UI (whether it recovers is unknown).
_PHASES: dict[str, tuple[str, StatusKind]] = {
    "Creating": ("Creating", "pending"),
    "Pending": ("Pending", "pending"),
    "Running": ("Running", "running"),
    "Failed": ("Failed", "failed"),
    "Completed": ("Completed", "completed"),
    "Terminating": ("Stopping", "stopping"),
    "Terminated": ("Stopped", "canceled"),
    "Abnormal": ("Abnormal", "failed"),
}

#: The phases the terminate action accepts (documented: creating, pending, running).
STOPPABLE_PHASES: frozenset[str] = frozenset({"Creating", "Pending", "Running"})
#: Phases a job never leaves (clients poll while a job is in any other phase).
TERMINAL_PHASES: frozenset[str] = frozenset({"Failed", "Completed", "Terminated", "Abnormal"})
#: Every documented phase, in lifecycle order.
PHASES: tuple[str, ...] = tuple(_PHASES)


def describe_phase(phase: object) -> PhaseInfo:
    """Describe any ``status.phase``; an unknown one is shown verbatim with kind ``unknown``."""
    name = phase if isinstance(phase, str) else ("" if phase is None else str(phase))
    label, kind = _PHASES.get(name, (name or "Unknown", "unknown"))
    return PhaseInfo(
        phase=name,
        label=label,
        kind=kind,
        stoppable=name in STOPPABLE_PHASES,
        terminal=name in TERMINAL_PHASES,
    )


def phases_of_kind(kind: str) -> tuple[str, ...]:
    """The documented phases the panel shows as ``kind`` (empty for ``unknown``)."""
    return tuple(phase for phase, (_, k) in _PHASES.items() if k == kind)
