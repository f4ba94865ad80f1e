"""Typed views of new-version (v2) training-job bodies that lose nothing.

A v2 job (``../shared/modelarts-v2-api.md`` §3) is a nested object: ``kind``,
``metadata``, ``status``, ``algorithm``, ``spec`` and more. These records read
the fields the extension uses, forgivingly typed, and keep the body they were
parsed from (``raw``) without copying it: parsed once, shared read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .fields import as_int, as_str
from .status import PhaseInfo, describe_phase

#: A JSON object as ModelArts sent it.
Raw = Mapping[str, Any]


def _object(value: Any) -> Raw:
    return value if isinstance(value, Mapping) else {}


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


@dataclass(frozen=True)
class TrainingJob:
    """One v2 training job (a list item, the show answer or the terminate answer)."""

    id: str
    name: str
    kind: str
    phase: str
    secondary_phase: str | None
    create_time: int | None
    start_time: int | None
    duration: int | None
    tasks: tuple[str, ...]
    raw: Raw = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: Raw) -> TrainingJob:
        """Read the documented fields; never fails on odd types or extra keys."""
        if not isinstance(data, Mapping):
            raise TypeError(f"TrainingJob expects a JSON object, got {type(data).__name__}")
        metadata, status = _object(data.get("metadata")), _object(data.get("status"))
        return cls(
            id=as_str(metadata.get("id")) or "",
            name=as_str(metadata.get("name")) or "",
            kind=as_str(data.get("kind")) or "job",
            phase=as_str(status.get("phase")) or "",
            secondary_phase=as_str(status.get("secondary_phase")),
            create_time=as_int(metadata.get("create_time")),
            start_time=as_int(status.get("start_time")),
            duration=as_int(status.get("duration")),
            tasks=_strings(status.get("tasks")),
            raw=data,
        )

    @property
    def phase_info(self) -> PhaseInfo:
        """Label, kind, stoppable and terminal of ``phase`` (from the one status table)."""
        return describe_phase(self.phase)

    def to_dict(self) -> dict[str, Any]:
        """The body as ModelArts sent it (a shallow copy: nested values are shared)."""
        return dict(self.raw)


@dataclass(frozen=True)
class TrainingJobList:
    """A window of the v2 job list, newest first, merged from the upstream pages it took.

    ``total`` is upstream's count of all the project's jobs (unfiltered);
    ``has_more`` says whether rows exist after this window.
    """

    total: int | None
    offset: int
    limit: int
    has_more: bool
    items: tuple[TrainingJob, ...]


@dataclass(frozen=True)
class LogPreview:
    """The tail of one task's log (at most 5 MB); ``ready`` is False before any log exists."""

    task_id: str
    content: str
    current_size: int
    full_size: int
    ready: bool
