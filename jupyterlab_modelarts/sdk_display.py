"""How the SDK's version lists look in a notebook: a static HTML table, labels not codes.

``get_job_version_object_list()`` returns a :class:`VersionObjectList` (a plain
``list`` of ``TrainingJob``) that Jupyter renders with :meth:`_repr_html_`: the
same columns as the printed ``is_show`` table, status labels from the one status
table, escaped, no script. Front ends without HTML show the ``list`` repr.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from .client.status import describe

COLUMNS = ("Version", "Version ID", "Status", "Created", "Duration")
_MS = 1000


class VersionLike(Protocol):
    """What a row needs of a version."""

    version_name: str
    version_id: int
    status: int
    create_time: int | None
    duration: int | None


def format_ms_time(value: int | None) -> str:
    """An epoch-ms time as local ``YYYY-MM-DD HH:MM:SS`` ("-" when unknown)."""
    if not value:
        return "-"
    return datetime.fromtimestamp(value / _MS).strftime("%Y-%m-%d %H:%M:%S")


def format_duration(value: int | None) -> str:
    """Milliseconds as ``H:MM:SS`` ("-" when unknown)."""
    if value is None:
        return "-"
    seconds = int(value) // _MS
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def version_row(version: VersionLike) -> tuple[str, str, str, str, str]:
    """The five cells of one version, as text."""
    return (
        version.version_name or "-",
        str(version.version_id),
        describe(version.status).label,
        format_ms_time(version.create_time),
        format_duration(version.duration),
    )


def version_table(versions: Iterable[VersionLike]) -> str:
    """The ``is_show`` text table: one row per version, columns padded."""
    rows = [COLUMNS, *(version_row(v) for v in versions)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def version_html(versions: Iterable[VersionLike]) -> str:
    """The same table as escaped HTML, with the status kind as a class for styling."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    body = []
    for version in versions:
        cells = version_row(version)
        kind = describe(version.status).kind
        tds = "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
        body.append(f'<tr class="jp-ModelArts-kind-{kind}">{tds}</tr>')
    return (
        '<table class="jp-ModelArts-versions">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


class VersionObjectList(list):
    """The versions of a job as ``TrainingJob`` objects; shown in a notebook as a table."""

    def _repr_html_(self) -> str:
        return version_html(job.version for job in self)

    def __getitem__(self, index: Any) -> Any:
        item = super().__getitem__(index)
        return VersionObjectList(item) if isinstance(index, slice) else item
