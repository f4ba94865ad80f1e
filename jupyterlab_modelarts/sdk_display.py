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
from .contract import SUMMARY_FIELDS, JsonObject, version_summary
from .contract_v2 import V2_VIEW_FIELDS

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


def version_html(versions: Iterable[JobVersion]) -> str:
    """The same table as escaped HTML, with the status kind as a class for styling."""
    return runs_html([version_summary(v) for v in versions], "v1")


#: The status colours of the static table (inline: nbconvert and GitHub drop stylesheets).
_KIND_COLOURS = {
    "running": "#1565c0",
    "pending": "#6d4c41",
    "stopping": "#ef6c00",
    "completed": "#2e7d32",
    "failed": "#c62828",
    "canceled": "#616161",
}


def runs_html(rows: Iterable[JsonObject], api: str) -> str:
    """Runs in the summary shape (v1 versions or v2 jobs) as an escaped, styled HTML table."""
    columns = COLUMNS if api == "v1" else ("Training job", "ID", *COLUMNS[2:])
    head = "".join(f'<th style="text-align:left">{html.escape(c)}</th>' for c in columns)
    body = []
    for row in rows:
        kind = str(row.get("status_kind") or "unknown")
        cells = (
            str(row.get("name") or "-"),
            str(row.get("id") or "-"),
            str(row.get("status_label") or "-"),
            format_ms_time(_ms(row.get("create_time"))),
            format_duration(_ms(row.get("duration"))),
        )
        tds = [f"<td>{html.escape(cell)}</td>" for cell in cells]
        colour = _KIND_COLOURS.get(kind)
        if colour:
            tds[2] = f'<td style="color:{colour};font-weight:600">{html.escape(cells[2])}</td>'
        body.append(f'<tr class="jp-ModelArts-kind-{html.escape(kind)}">{"".join(tds)}</tr>')
    return (
        f'<table class="jp-ModelArts-versions jp-ModelArts-runs-{api}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _ms(value: object) -> int | None:
    """A time or duration field in ms, or None when it is not a number."""
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def runs_bundle(
    rows: list[JsonObject],
    *,
    api: str,
    job_id: object,
    job_name: str | None,
    read_at: float,
    complete: bool,
) -> JsonObject:
    """The :data:`RUNS_MIME` payload: which API, the job, its rows (summary shape), when
    they were read, and whether they are all the job's runs (else a chosen few)."""
    return {
        "api": api,
        "job_id": "" if job_id is None else str(job_id),
        "job_name": job_name or "",
        "read_at": int(read_at * _MS),
        "complete": complete,
        "rows": rows,
    }


def mimebundle(
    versions: list[JobVersion],
    *,
    job_id: object,
    job_name: str | None,
    read_at: float,
    text: str,
    complete: bool = False,
) -> dict[str, Any]:
    """The three representations of some versions of one job."""
    rows = [version_summary(v) for v in versions]
    return {
        RUNS_MIME: runs_bundle(
            rows, api="v1", job_id=job_id, job_name=job_name, read_at=read_at, complete=complete
        ),
        "text/html": runs_html(rows, "v1"),
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
        #: Whether these are all the job's versions (a slice is not).
        self.complete = True

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return mimebundle(
            [job.version for job in self],
            job_id=self.job_id,
            job_name=self.job_name,
            read_at=self.read_at,
            text=repr(self),
            complete=self.complete,
        )

    def _repr_html_(self) -> str:
        return version_html(job.version for job in self)

    def __getitem__(self, index: Any) -> Any:
        item = super().__getitem__(index)
        if not isinstance(index, slice):
            return item
        part = VersionObjectList(item, job_id=self.job_id, job_name=self.job_name)
        part.read_at = self.read_at
        part.complete = False
        return part


#: The fields of a v2 job's row (its summary shape): the summary fields a v2 view has.
V2_ROW_FIELDS: tuple[str, ...] = tuple(f for f in SUMMARY_FIELDS if f in V2_VIEW_FIELDS)


class RunsAnswer(dict):
    """A route's answer, a plain ``dict`` to code, shown as the runs table in a notebook."""

    api = "v1"

    def __init__(self, body: JsonObject) -> None:
        super().__init__(body)
        #: When the answer was read (epoch seconds): the snapshot's "as of".
        self.read_at = time.time()

    def rows(self) -> list[JsonObject]:
        """The answer's runs in the summary shape."""
        return [_pick(v, SUMMARY_FIELDS) for v in self.get("versions") or []]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        # No text/plain: IPython adds its own pretty-printed dict, as before.
        rows = self.rows()
        v1 = self.api == "v1"
        bundle = runs_bundle(
            rows,
            api=self.api,
            job_id=self.get("job_id") if v1 else None,
            job_name=self.get("job_name") if v1 else None,
            read_at=self.read_at,
            complete=v1,
        )
        return {RUNS_MIME: bundle, "text/html": runs_html(rows, self.api)}


class TrainingJobsAnswer(RunsAnswer):
    """The v2 job list answer (``items``): each job is a run."""

    api = "v2"

    def rows(self) -> list[JsonObject]:
        """The listed v2 jobs in their summary shape."""
        return [_pick(job, V2_ROW_FIELDS) for job in self.get("items") or []]


def _pick(record: object, fields: tuple[str, ...]) -> JsonObject:
    """The named fields of a record (a route's row); nothing else, so no stray field leaks."""
    return {name: record.get(name) for name in fields} if isinstance(record, dict) else {}
