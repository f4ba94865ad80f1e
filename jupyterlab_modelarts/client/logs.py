"""A version's logs (v1): the log-file names and the lines of one file, sans-IO.

``GET …/versions/{version_id}/log/file-names`` lists one file per node and
``GET …/versions/{version_id}/aom-log`` reads lines of one file around a
*base line* (``../shared/modelarts-v1-api.md`` §17). :class:`LogQuery` holds
the documented rule for the second call, once, for the REST route, the client
and the emulator. The wire's types are unsure (§17.2: ``lines`` and the
positions are sometimes quoted, sometimes not), so parsing accepts both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .api_v1 import _base, _version_path
from .errors import BadRequestError
from .http import Request, Response
from .ids import parse_id
from .responses import parse_success

#: Lines per read: the documented default and range.
DEFAULT_LOG_LINES = 50
MAX_LOG_LINES = 500
LOG_ORDERS = ("asc", "desc")
#: ``desc`` reads towards newer lines (and, with no base line, returns the newest).
DEFAULT_LOG_ORDER = "desc"
#: Log file names as ModelArts forms them (``job-{job_name}.{node}``): no path separators.
MAX_POSITION_DIGITS = 19
_LOG_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,255}")


def _bad(message: str) -> BadRequestError:
    return BadRequestError(message, error_code="ModelArts.0104")


@dataclass(frozen=True)
class LogQuery:
    """Which lines of which file: validated on construction by the documented rule."""

    log_file: str
    base_line: str | None = None
    lines: int = DEFAULT_LOG_LINES
    order: str = DEFAULT_LOG_ORDER

    def __post_init__(self) -> None:
        if not isinstance(self.log_file, str) or not _LOG_FILE.fullmatch(self.log_file):
            raise _bad("log_file must be a log file name from the version's log-file list")
        if self.base_line is not None:
            # A position is a Long (epoch ms * 10^6 + sequence): the id rule's syntax and range.
            object.__setattr__(self, "base_line", parse_id("base_line", self.base_line))
        text = str(self.lines)
        if isinstance(self.lines, bool) or not text.isascii() or not text.isdigit():
            raise _bad(f"lines must be an integer in [0, {MAX_LOG_LINES}]")
        if not 0 <= int(text) <= MAX_LOG_LINES:
            raise _bad(f"lines must be an integer in [0, {MAX_LOG_LINES}]")
        object.__setattr__(self, "lines", int(text))
        if self.order not in LOG_ORDERS:
            raise _bad("order must be asc or desc")

    @classmethod
    def from_params(cls, params: Mapping[str, str | None]) -> LogQuery:
        """Build from URL parameters; empty values count as absent."""

        def get(name: str) -> str | None:
            value = params.get(name)
            return value if value not in (None, "") else None

        return cls(
            log_file=get("log_file") or "",
            base_line=get("base_line"),
            lines=get("lines") or DEFAULT_LOG_LINES,  # type: ignore[arg-type]  # validated above
            order=get("order") or DEFAULT_LOG_ORDER,
        )

    def cache_key(self) -> tuple[object, ...]:
        """A hashable identity of the query."""
        return (self.log_file, self.base_line, self.lines, self.order)


@dataclass(frozen=True)
class LogFiles:
    """The names of a version's log files, one per node."""

    log_file_list: list[str]


@dataclass(frozen=True)
class LogChunk:
    """Lines of one log file and where they sit, for reading on from either end."""

    content: str
    lines: int
    start_line: str | None
    end_line: str | None


def log_files_request(
    base_url: str, project_id: str, job_id: object, version_id: object
) -> Request:
    """``GET …/versions/{version_id}/log/file-names``."""
    path = _version_path(project_id, job_id, version_id) + "/log/file-names"
    return Request("GET", _base(base_url), path, retryable=True)


def read_log_request(
    base_url: str, project_id: str, job_id: object, version_id: object, query: LogQuery
) -> Request:
    """``GET …/versions/{version_id}/aom-log?log_file=&base_line=&lines=&order=``."""
    pairs = [("log_file", query.log_file), ("lines", str(query.lines)), ("order", query.order)]
    if query.base_line is not None:
        pairs.append(("base_line", query.base_line))
    path = _version_path(project_id, job_id, version_id) + "/aom-log"
    return Request("GET", _base(base_url), path, pairs, retryable=True)


def parse_log_files(response: Response) -> LogFiles:
    """The file names (a JSON array of strings on the wire; anything else is dropped)."""
    body = parse_success(response, "the log-file list")
    names = body.get("log_file_list")
    listed = names if isinstance(names, list) else []
    return LogFiles([name for name in listed if isinstance(name, str)])


def _position(value: object) -> str | None:
    """A line position as a decimal string, whether the wire quoted it or not."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    return text if text.isascii() and text.isdigit() and len(text) <= MAX_POSITION_DIGITS else None


def parse_log_chunk(response: Response) -> LogChunk:
    """Lines of a log file (``content``, ``lines``, ``start_line``, ``end_line``)."""
    body = parse_success(response, "the log")
    content = body.get("content")
    text = content if isinstance(content, str) else ""
    count = _position(body.get("lines"))
    return LogChunk(
        content=text,
        lines=int(count) if count is not None else len(text.splitlines()),
        start_line=_position(body.get("start_line")),
        end_line=_position(body.get("end_line")),
    )
