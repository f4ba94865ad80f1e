"""The job-list query: one type, validated once by the documented rule, passed down.

``GET /v1/{project_id}/training-jobs`` (API reference modelarts_03_0046):
``per_page`` 1-1000 (default 10), ``page`` 1-65535 (default 1), ``sortBy`` one of
``SORT_KEYS``, ``order`` asc|desc, ``search_content`` 0-64 characters, ``status``
a status code. The REST route, ``local_api``, the SDK surface, the client and the
emulator all use this module, so a query is accepted or refused the same way
everywhere, before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import BadRequestError

#: The sort keys the API reference documents (the SDK page's ``engine_type`` is refused upstream).
SORT_KEYS: tuple[str, ...] = (
    "job_name",
    "job_desc",
    "status",
    "duration",
    "version_count",
    "create_time",
)
ORDERS: tuple[str, ...] = ("asc", "desc")
MAX_SEARCH_LENGTH = 64
MIN_PAGE, MAX_PAGE = 1, 65535
MIN_PER_PAGE, MAX_PER_PAGE = 1, 1000
DEFAULT_PAGE = 1
DEFAULT_PER_PAGE = 10
MAX_STATUS_CODE = 99
_INTEGER = re.compile(r"[0-9]{1,9}")


def _bad(message: str) -> BadRequestError:
    return BadRequestError(message, error_code="ModelArts.0104")


def _integer(name: str, value: object, low: int, high: int) -> int:
    """An int in [low, high] from an int or a digit string; else BadRequestError."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _bad(f"{name} must be an integer in [{low}, {high}]")
    text = str(value)
    if not _INTEGER.fullmatch(text) or not low <= int(text) <= high:
        raise _bad(f"{name} must be an integer in [{low}, {high}]")
    return int(text)


@dataclass(frozen=True)
class JobQuery:
    """Filters, sort and page of the job list; construction validates every field."""

    search_content: str | None = None
    status: int | None = None
    page: int = DEFAULT_PAGE
    per_page: int = DEFAULT_PER_PAGE
    sort_by: str | None = None
    order: str | None = None

    def __post_init__(self) -> None:
        search = self.search_content or None
        if search is not None and (not isinstance(search, str) or len(search) > MAX_SEARCH_LENGTH):
            raise _bad(f"search must be at most {MAX_SEARCH_LENGTH} characters")
        status = None
        if self.status is not None:
            status = _integer("status", self.status, 0, MAX_STATUS_CODE)
        if self.sort_by is not None and self.sort_by not in SORT_KEYS:
            raise _bad(f"sort_by must be one of {', '.join(SORT_KEYS)}")
        if self.order is not None and self.order not in ORDERS:
            raise _bad("order must be asc or desc")
        # Normalise in place (frozen): digit strings become ints, "" becomes None.
        object.__setattr__(self, "search_content", search)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "page", _integer("page", self.page, MIN_PAGE, MAX_PAGE))
        object.__setattr__(
            self, "per_page", _integer("per_page", self.per_page, MIN_PER_PAGE, MAX_PER_PAGE)
        )

    @classmethod
    def from_params(cls, params: Mapping[str, str | None]) -> JobQuery:
        """Build from string parameters as a URL carries them (``search`` or ``search_content``).

        Empty values count as absent. Unknown keys are ignored.
        """

        def get(*names: str) -> str | None:
            for name in names:
                value = params.get(name)
                if value not in (None, ""):
                    return value
            return None

        page, per_page = get("page"), get("per_page")
        return cls(
            search_content=get("search", "search_content"),
            status=get("status"),  # type: ignore[arg-type]  # validated in __post_init__
            page=page if page is not None else DEFAULT_PAGE,  # type: ignore[arg-type]
            per_page=per_page if per_page is not None else DEFAULT_PER_PAGE,  # type: ignore[arg-type]
            sort_by=get("sort_by", "sortBy"),
            order=get("order"),
        )

    def params(self) -> dict[str, str]:
        """The query as the REST route takes it (only what is set; ``search`` for the text)."""
        out = {"page": str(self.page), "per_page": str(self.per_page)}
        if self.search_content:
            out["search"] = self.search_content
        if self.status is not None:
            out["status"] = str(self.status)
        if self.sort_by:
            out["sort_by"] = self.sort_by
        if self.order:
            out["order"] = self.order
        return out

    def cache_key(self) -> tuple[object, ...]:
        """A hashable identity of the query, for single flight and the cache."""
        return (
            self.search_content,
            self.status,
            self.page,
            self.per_page,
            self.sort_by,
            self.order,
        )
