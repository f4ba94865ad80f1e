"""How the SDK's version lists look in a notebook.

``get_job_version_object_list()`` returns a :class:`VersionObjectList` (a plain
``list`` of ``TrainingJob``) whose ``_repr_mimebundle_`` offers three
representations: :data:`RUNS_MIME` (what the job is and its rows in the summary
shape, when they were read: the labextension renders it as live rows with Stop
buttons), ``text/html`` (a static, escaped table with status labels for
nbconvert, GitHub and front ends without the extension; never a script) and
``text/plain`` (the ``list`` repr). A single ``TrainingJob`` shows as one row.
Nothing in a bundle is a secret: it holds ids, names, statuses and times.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from .client.models import JobVersion
from .client.status import describe
from .contract import JsonObject, version_summary

#: The MIME type of a runs bundle (the labextension registers a renderer for it).
RUNS_MIME = "application/vnd.jupyterlab-modelarts.runs+json"

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
    try:
        return datetime.fromtimestamp(value / _MS).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):  # beyond what a calendar date can be
        return "-"


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


def runs_bundle(
    versions: list[JobVersion], *, job_id: object, job_name: str | None, read_at: float
) -> JsonObject:
    """The :data:`RUNS_MIME` payload: the job, its rows (summary shape), when they were read."""
    return {
        "api": "v1",
        "job_id": str(job_id),
        "job_name": job_name or "",
        "read_at": int(read_at * _MS),
        "rows": [version_summary(v) for v in versions],
    }


def mimebundle(
    versions: list[JobVersion], *, job_id: object, job_name: str | None, read_at: float, text: str
) -> dict[str, Any]:
    """The three representations of some versions of one job."""
    return {
        RUNS_MIME: runs_bundle(versions, job_id=job_id, job_name=job_name, read_at=read_at),
        "text/html": version_html(versions),
        "text/plain": text,
    }


class VersionObjectList(list):
    """The versions of a job as ``TrainingJob`` objects; a live table in JupyterLab."""

    def __init__(
        self, items: Iterable[Any] = (), *, job_id: object = None, job_name: str | None = None
    ) -> None:
        super().__init__(items)
        self.job_id = job_id
        self.job_name = job_name
        #: When the versions were read (epoch seconds): the snapshot's "as of".
        self.read_at = time.time()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return mimebundle(
            [job.version for job in self],
            job_id=self.job_id,
            job_name=self.job_name,
            read_at=self.read_at,
            text=repr(self),
        )

    def _repr_html_(self) -> str:
        return version_html(job.version for job in self)

    def __getitem__(self, index: Any) -> Any:
        item = super().__getitem__(index)
        if not isinstance(index, slice):
            return item
        part = VersionObjectList(item, job_id=self.job_id, job_name=self.job_name)
        part.read_at = self.read_at
        return part
