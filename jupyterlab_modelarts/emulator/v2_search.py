"""The v2 job search: the ``JobSearches`` body checked and applied (§4 and §9.3 of the v2 notes).

Accepts an empty body (``order`` desc, ``sort_by`` create_time, ``offset`` 0,
``limit`` the configured default); refuses a ``limit`` outside 1..50 (2816 above,
2788 below), an unsupported ``sort_by`` (2790), an unknown filter key (2807) or
operator (2808). Filters: ``name`` like (case-insensitive substring), ``phase``,
``id`` and ``kind`` in, ``create_time`` between (epoch ms or RFC 3339); a filter
whose values are all blank is a no-op, as upstream. ``offset`` is read as the
configured ``v2_offset_mode`` says (a page index by default, or a row offset).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..client.query_v2 import MAX_V2_LIMIT, MIN_V2_LIMIT, V2_SORT_KEYS
from . import errors

#: Filter keys and the operators each accepts here.
FILTERS: dict[str, tuple[str, ...]] = {
    "name": ("like",),
    "phase": ("in",),
    "id": ("in",),
    "kind": ("in",),
    "create_time": ("between",),
}
OPERATORS = ("between", "like", "in", "not")
#: One job's searchable values: name, phase, id, kind, create_time (ms).
Row = dict[str, Any]


def _int_field(body: dict[str, Any], name: str, default: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise errors.v2_bad_param("ModelArts.2788", f"Invalid parameter({name}).")
    return value


def _moment_ms(text: str) -> int:
    if text.strip().isdigit():
        return int(text)
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def _predicate(spec: Any) -> Callable[[Row], bool] | None:
    """One filter as a test on a row (None when its values are all blank)."""
    if not isinstance(spec, dict):
        raise errors.v2_bad_param("ModelArts.2787", "Invalid JSON request body.")
    key, operator, values = spec.get("key"), spec.get("operator"), spec.get("value")
    if key not in FILTERS:
        raise errors.v2_bad_param("ModelArts.2807", f"Unsupported condition key ({key})")
    if operator not in FILTERS[str(key)]:
        raise errors.v2_bad_param("ModelArts.2808", f"Unsupported condition operator ({operator})")
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise errors.v2_bad_param("ModelArts.2809", f"Unsupported condition value ({values})")
    given = [v for v in values if v.strip()]
    if not given:
        return None
    if operator == "like":
        needle = given[0].lower()
        return lambda row: needle in str(row[key]).lower()
    if operator == "in":
        wanted = set(given)
        return lambda row: str(row[key]) in wanted
    try:
        low, high = _moment_ms(values[0] or "0"), _moment_ms(values[1] or str(2**62))
    except (IndexError, ValueError):
        raise errors.v2_bad_param(
            "ModelArts.2809", f"Unsupported condition value ({values})"
        ) from None
    return lambda row: low <= row[key] <= high


def search(body: Any, rows: list[Row], *, offset_mode: str, default_limit: int) -> dict[str, Any]:
    """Check ``body`` and answer the search over ``rows`` (indices into the caller's jobs)."""
    if not isinstance(body, dict):
        raise errors.v2_bad_param("ModelArts.2787", "Invalid JSON request body.")
    limit = _int_field(body, "limit", default_limit)
    if limit > MAX_V2_LIMIT:
        raise errors.v2_bad_param(
            "ModelArts.2816", f"The parameter(limit) exceeds the upper limit {MAX_V2_LIMIT}."
        )
    offset = _int_field(body, "offset", 0)
    if limit < MIN_V2_LIMIT or offset < 0:
        raise errors.v2_bad_param("ModelArts.2788", "Invalid parameter(limit/offset).")
    sort_by, order = body.get("sort_by", "create_time"), body.get("order", "desc")
    if sort_by not in V2_SORT_KEYS:
        raise errors.v2_bad_param("ModelArts.2790", "Unsupported sorting item.")
    if order not in ("asc", "desc"):
        raise errors.v2_bad_param("ModelArts.2788", "Invalid parameter(order).")
    filters = body.get("filters") or []
    if not isinstance(filters, list):
        raise errors.v2_bad_param("ModelArts.2787", "Invalid JSON request body.")
    tests = [t for t in (_predicate(spec) for spec in filters) if t is not None]
    matched = [row for row in rows if all(test(row) for test in tests)]
    # Ties broken by id so pages never overlap or skip under either reading.
    matched.sort(key=lambda row: (row["create_time"], row["id"]), reverse=order == "desc")
    start = offset * limit if offset_mode == "page" else offset
    return {
        "total": len(rows),
        "count": len(matched),
        "limit": limit,
        "offset": offset,
        "sort_by": sort_by,
        "order": order,
        "group_by": "",
        "workspace_id": "0",
        "ai_project": "default-ai-project",
        "rows": matched[start : start + limit],
    }
