"""The v1 log routes: a version's log-file names and its lines, growing while it runs.

``GET …/versions/{version_id}/log/file-names`` lists ``job-{job_name}.{node}``
for each of ``worker_server_num`` nodes; ``GET …/aom-log`` pages over lines
generated from the version's run time (one every ``LINE_EVERY_S`` seconds of
``duration``), so a running version's log grows with the emulated clock.
Positions are ``line_time_ms * 10^6 + sequence`` as decimal strings, and a base
line is exclusive (``../shared/modelarts-v1-api.md`` §17.2, §17.7).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from ..client.errors import BadRequestError
from ..client.logs import LogQuery
from . import errors
from .routes import V1Handler
from .store import JobRecord, VersionRecord

#: Seconds of run time per generated log line, and the most lines a version keeps.
LINE_EVERY_S = 2
MAX_LINES = 20_000
_SEQUENCE = 10**6


def log_file_names(job: JobRecord, version: VersionRecord) -> list[str]:
    """One log file per node, named as ModelArts names them."""
    nodes = version.fields.get("worker_server_num", 1)
    count = nodes if isinstance(nodes, int) and 0 < nodes <= 64 else 1
    return [f"job-{job.job_name}.{node}" for node in range(count)]


class GeneratedLog:
    """The lines one node has written so far (none before the run starts); texts on demand."""

    def __init__(self, version_id: int, node: str, start_ms: int, duration_ms: int) -> None:
        self.version_id, self.node, self.start_ms = version_id, node, start_ms
        self.count = min(MAX_LINES, 1 + duration_ms // (LINE_EVERY_S * 1000)) if start_ms else 0

    def position(self, index: int) -> int:
        """Line ``index``'s position: its time in ms * 10^6 + its sequence number."""
        return (self.start_ms + index * LINE_EVERY_S * 1000) * _SEQUENCE + index

    def index_after(self, base: int) -> int:
        """The first index whose position is greater than ``base``."""
        low, high = 0, self.count
        while low < high:
            middle = (low + high) // 2
            if self.position(middle) <= base:
                low = middle + 1
            else:
                high = middle
        return low

    def text(self, index: int) -> str:
        """Line ``index`` as a training script would print it."""
        at_ms = self.start_ms + index * LINE_EVERY_S * 1000
        stamp = datetime.fromtimestamp(at_ms / 1000, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        seed = hashlib.sha256(f"{self.version_id}/{self.node}/{index}".encode()).digest()
        loss = 2.5 / (1 + index / 50) + seed[0] / 2550
        return f"[{stamp}] [{self.node}] step {index * 10}: loss={loss:.4f} lr=0.0100"


def page(log: GeneratedLog, query: LogQuery) -> dict:
    """The aom-log answer: ``desc`` reads towards newer lines, ``asc`` towards older ones."""
    if query.base_line is None:
        first = max(0, log.count - query.lines) if query.order == "desc" else 0
        last = log.count if query.order == "desc" else min(log.count, query.lines)
    elif query.order == "desc":
        first = log.index_after(int(query.base_line))
        last = min(log.count, first + query.lines)
    else:
        last = log.index_after(int(query.base_line) - 1)  # lines strictly before the base
        first = max(0, last - query.lines)
    chosen = range(first, last) if query.lines else range(0)
    edge = query.base_line or ""
    return {
        "is_success": True,
        "content": "\n".join(log.text(index) for index in chosen),
        "lines": len(chosen),
        "start_line": str(log.position(chosen[0])) if chosen else edge,
        "end_line": str(log.position(chosen[-1])) if chosen else edge,
    }


class LogFilesHandler(V1Handler):
    """GET /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}/log/file-names"""

    route = "log_file_names"

    def get(self, project_id: str, job_id: str, version_id: str) -> None:
        """The version's log-file names."""

        def work() -> dict:
            job = self.find_job(job_id)
            version = self.find_version(job, version_id)
            return {"is_success": True, "log_file_list": log_file_names(job, version)}

        self.guarded(project_id, work)


class AomLogHandler(V1Handler):
    """GET /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}/aom-log"""

    route = "aom_log"

    def get(self, project_id: str, job_id: str, version_id: str) -> None:
        """Lines of one log file around ``base_line``."""
        self.guarded(project_id, lambda: self._read(job_id, version_id))

    def _read(self, job_id: str, version_id: str) -> dict:
        job = self.find_job(job_id)
        version = self.find_version(job, version_id)
        arg = self.get_query_argument
        try:
            query = LogQuery.from_params(
                {name: arg(name, None) for name in ("log_file", "base_line", "lines", "order")}
            )
        except BadRequestError as error:
            raise errors.bad_parameter(
                self.state.config.bad_request_status, error.message
            ) from None
        if query.log_file not in log_file_names(job, version):
            raise errors.modelarts_error(
                self.state.config.bad_request_status,
                "ModelArts.2818",
                "the log file is not generated",
            )
        snap = self.state.store.snapshot(version, self.state.clock.now())
        log = GeneratedLog(version.version_id, query.log_file, snap.start_time, snap.duration)
        return page(log, query)


def log_routes(state) -> list:
    """URL table for the v1 log routes."""
    base = r"/v1/([^/]+)/training-jobs/([^/]+)/versions/([^/]+)"
    args = {"state": state}
    return [
        (base + r"/log/file-names", LogFilesHandler, args),
        (base + r"/aom-log", AomLogHandler, args),
    ]
