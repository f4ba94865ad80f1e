"""Jobs and versions in memory, loaded from a JSON-shaped data set.

Data-set format (a file for ``--data`` / ``EmulatorConfig.data_file``, or the
body of ``PUT /_emulator/data``)::

    {"jobs": [
      {"job_id": 182626, "job_name": "mnist-resnet", "job_desc": "...",
       "versions": [
         {"version_id": 278813, "version_name": "V0004",
          "lifecycle": {"start": -600, "run_seconds": null, "outcome": 10},
          "engine_name": "PyTorch", ...any documented or extra field...},
         {"version_id": 278812, "status": 10, "create_time": 1700000000000,
          "duration": 532003}
       ]}
    ]}

Per version: ``lifecycle.start`` is seconds relative to load time (negative =
in the past); ``run_seconds`` null runs forever; ``outcome`` 10 or 11. Without
``lifecycle`` the version keeps a fixed ``status`` (default 10) and its
``create_time`` (epoch ms, default: load time minus one hour per position)
and ``duration`` (ms). Missing documented fields are filled with plausible
values; unknown fields are kept and returned as given (a job's extra fields
appear in its job-list entry). Version order in the
file does not matter: the API lists newest (highest ``version_id``) first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from ..client.ids import is_id
from .lifecycle import Lifecycle, Snapshot, snapshot
from .version_fields import default_fields

COMPUTED = ("status", "create_time", "start_time", "duration")


class DataError(ValueError):
    """The data set is not in the documented format."""


@dataclass
class VersionRecord:
    """One stored training-job version: its static fields and its lifecycle."""

    version_id: int
    fields: dict[str, Any]
    life: Lifecycle


@dataclass
class JobRecord:
    """One stored training job and its versions (kept newest first)."""

    job_id: int
    job_name: str
    job_desc: str
    versions: list[VersionRecord] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


class Store:
    """All jobs, plus the status arithmetic the handlers need."""

    def __init__(self, phases: dict[int, float], kill_delay: float) -> None:
        self.phases = phases
        self.kill_delay = kill_delay
        self.jobs: dict[int, JobRecord] = {}

    def load(self, data: dict[str, Any], now: float) -> None:
        """Replace everything with ``data`` (see module docstring); ``now`` anchors times."""
        if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
            raise DataError('data set must be an object with a "jobs" list')
        jobs: dict[int, JobRecord] = {}
        for raw in data["jobs"]:
            job = _parse_job(raw, now)
            if job.job_id in jobs:
                raise DataError(f"duplicate job_id {job.job_id}")
            jobs[job.job_id] = job
        self.jobs = jobs

    def load_file(self, path: str, now: float) -> None:
        """Load a data-set file."""
        with open(path, encoding="utf-8") as handle:
            self.load(json.load(handle), now)

    def job(self, job_id: int) -> Optional[JobRecord]:
        """The job, or None."""
        return self.jobs.get(job_id)

    def version(self, job_id: int, version_id: int) -> Optional[VersionRecord]:
        """The version of that job, or None."""
        job = self.jobs.get(job_id)
        if job is None:
            return None
        return next((v for v in job.versions if v.version_id == version_id), None)

    def snapshot(self, version: VersionRecord, now: float) -> Snapshot:
        """Status and derived times of ``version`` at ``now``."""
        return snapshot(version.life, now, self.phases, self.kill_delay)


def _int(raw: dict[str, Any], key: str, where: str) -> int:
    try:
        value = raw[key]
    except KeyError:
        raise DataError(f"{where}: {key} is required") from None
    if not is_id(value):
        raise DataError(f"{where}: {key} must be an id (a non-negative 64-bit integer)")
    return int(value)


def _parse_job(raw: Any, now: float) -> JobRecord:
    if not isinstance(raw, dict):
        raise DataError("each job must be an object")
    job_id = _int(raw, "job_id", "job")
    where = f"job {job_id}"
    raw_versions = raw.get("versions", [])
    if not isinstance(raw_versions, list):
        raise DataError(f"{where}: versions must be a list")
    extra = {
        k: v for k, v in raw.items() if k not in ("job_id", "job_name", "job_desc", "versions")
    }
    job = JobRecord(
        job_id, str(raw.get("job_name", f"job-{job_id}")), str(raw.get("job_desc", "")), extra=extra
    )
    ordered = sorted(
        raw_versions, key=lambda v: -_int(v, "version_id", where) if isinstance(v, dict) else 0
    )
    seen: set[int] = set()
    for position, raw_version in enumerate(ordered):
        version = _parse_version(raw_version, job_id, position, len(ordered), now)
        if version.version_id in seen:
            raise DataError(f"{where}: duplicate version_id {version.version_id}")
        seen.add(version.version_id)
        job.versions.append(version)
    return job


def _parse_version(raw: Any, job_id: int, position: int, total: int, now: float) -> VersionRecord:
    if not isinstance(raw, dict):
        raise DataError(f"job {job_id}: each version must be an object")
    version_id = _int(raw, "version_id", f"job {job_id}")
    fields = default_fields(job_id, version_id, total - position)
    # The store owns the loaded data set (callers pass freshly parsed JSON): no copies.
    fields.update({k: v for k, v in raw.items() if k not in COMPUTED and k != "lifecycle"})
    try:
        life = _parse_life(raw, position, now)
    except (TypeError, ValueError) as error:
        raise DataError(f"version {version_id}: {error}") from None
    return VersionRecord(version_id, fields, life)


def _parse_life(raw: dict[str, Any], position: int, now: float) -> Lifecycle:
    spec = raw.get("lifecycle")
    if spec is not None:
        if not isinstance(spec, dict):
            raise TypeError("lifecycle must be an object")
        run = spec.get("run_seconds")
        return Lifecycle(
            started=now + float(spec.get("start", 0)),
            run_seconds=None if run is None else float(run),
            outcome=int(spec.get("outcome", 10)),
        )
    created = raw.get("create_time")
    started = (
        created / 1000.0 if isinstance(created, (int, float)) else now - 3600.0 * (position + 1)
    )
    return Lifecycle(
        started=started,
        run_seconds=float(raw.get("duration", 532003)) / 1000.0,
        fixed_status=int(raw.get("status", 10)),
    )
