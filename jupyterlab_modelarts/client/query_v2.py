"""The v2 training-job search: one type, validated once, passed down.

``POST /v2/{project_id}/training-job-searches`` (``../shared/modelarts-v2-api.md``
§4) takes filters, a sort and a page of 1-50 jobs. :class:`TrainingJobSearch`
is what the REST route, ``local_api``, the client and the emulator agree on:
a name search, the phases to keep, and a *row* window (``offset`` rows skipped,
``limit`` rows returned) of the newest-first list. How that window becomes
upstream pages is the pager's business (``api_v2.TrainingJobPager``), because
the sources disagree whether the upstream ``offset`` is a page number or a row
offset (:data:`OFFSET_MODES`; the page-number reading is the default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .errors import BadRequestError
from .query import MAX_SEARCH_LENGTH, ORDERS
from .status import PHASES, STATUS_KINDS, phases_of_kind

#: The upstream page size range (documented: 1..50).
MIN_V2_LIMIT, MAX_V2_LIMIT = 1, 50
DEFAULT_V2_LIMIT = MAX_V2_LIMIT
#: The furthest row a search may start at (bounds the pages one search walks).
MAX_V2_OFFSET = 10_000
#: The only sort key ever documented.
V2_SORT_KEYS: tuple[str, ...] = ("create_time",)
#: How the upstream ``offset`` is read: a 0-based page index, or a row offset.
OffsetMode = Literal["page", "row"]
OFFSET_MODES: tuple[OffsetMode, ...] = ("page", "row")
DEFAULT_OFFSET_MODE: OffsetMode = "page"
#: The v2 search's parameters on the REST route (and ``local_api``).
V2_QUERY_PARAMS: tuple[str, ...] = ("search", "status_kind", "offset", "limit")
#: The ``status_kind`` values a search can filter on (``unknown`` names no phase).
SEARCHABLE_KINDS: tuple[str, ...] = tuple(k for k in STATUS_KINDS if phases_of_kind(k))


def _bad(message: str) -> BadRequestError:
    return BadRequestError(message, error_code="ModelArts.0104")


def _bounded(name: str, value: object, low: int, high: int) -> int:
    """An int in [low, high] from an int or a digit string; else BadRequestError."""
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= 9) or not low <= int(text) <= high:
        raise _bad(f"{name} must be an integer in [{low}, {high}]")
    return int(text)


@dataclass(frozen=True)
class TrainingJobSearch:
    """Filters, sort and row window of the v2 job list; construction validates every field."""

    search: str | None = None
    phases: tuple[str, ...] = ()
    offset: int = 0
    limit: int = DEFAULT_V2_LIMIT
    sort_by: str = "create_time"
    order: str = "desc"

    def __post_init__(self) -> None:
        search = self.search or None
        if search is not None and (not isinstance(search, str) or len(search) > MAX_SEARCH_LENGTH):
            raise _bad(f"search must be at most {MAX_SEARCH_LENGTH} characters")
        phases = tuple(self.phases)
        unknown = [p for p in phases if p not in PHASES]
        if unknown:
            raise _bad(f"phases must be among {', '.join(PHASES)}")
        if self.sort_by not in V2_SORT_KEYS:
            raise _bad(f"sort_by must be one of {', '.join(V2_SORT_KEYS)}")
        if self.order not in ORDERS:
            raise _bad("order must be asc or desc")
        # Normalise in place (frozen): digit strings become ints, "" becomes None.
        object.__setattr__(self, "search", search)
        object.__setattr__(self, "phases", phases)
        object.__setattr__(self, "offset", _bounded("offset", self.offset, 0, MAX_V2_OFFSET))
        object.__setattr__(self, "limit", _bounded("limit", self.limit, MIN_V2_LIMIT, MAX_V2_LIMIT))

    @classmethod
    def from_params(cls, params: Mapping[str, object]) -> TrainingJobSearch:
        """Build from route parameters (``search``, ``status_kind``, ``offset``, ``limit``).

        Empty values count as absent; ``status_kind`` selects the phases the
        status table shows as that kind.
        """

        def get(name: str) -> Any:
            value = params.get(name)
            return None if value in (None, "") else value

        kind = get("status_kind")
        if kind is not None and kind not in SEARCHABLE_KINDS:
            raise _bad(f"status_kind must be one of {', '.join(SEARCHABLE_KINDS)}")
        return cls(
            search=get("search"),
            phases=phases_of_kind(kind) if kind is not None else (),
            offset=get("offset") if get("offset") is not None else 0,
            limit=get("limit") if get("limit") is not None else DEFAULT_V2_LIMIT,
        )

    def filters(self) -> list[dict[str, Any]]:
        """The upstream ``filters`` (only the set ones: blank filters are no-ops upstream)."""
        out: list[dict[str, Any]] = []
        if self.search:
            out.append({"key": "name", "operator": "like", "value": [self.search]})
        if self.phases:
            out.append({"key": "phase", "operator": "in", "value": list(self.phases)})
        return out

    def cache_key(self) -> tuple[object, ...]:
        """A hashable identity of the search, for single flight and the cache."""
        return (self.search, self.phases, self.offset, self.limit, self.sort_by, self.order)
