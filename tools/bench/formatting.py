"""Number formatting shared by the benchmark tables."""

from __future__ import annotations

from typing import Any, Optional

Results = dict[str, Any]


def num(value: Optional[float], digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def kib(value: Optional[float]) -> str:
    return "—" if value is None else f"{num(value / 1024)} KiB"


def mib(value: Optional[float]) -> str:
    return "—" if value is None else f"{num(value / 1024, 0)} MiB"


def verdict(met: Optional[bool]) -> str:
    return {True: "**met**", False: "**missed**", None: "not measured"}[met]


def stats_row(name: str, s: dict[str, float], digits: int = 2) -> str:
    """One row of a statistics table (median, p99, min, max of ``s``)."""
    cells = [num(s[key], digits) for key in ("median", "p99", "min", "max")]
    return f"| {name} | {s['n']} | " + " | ".join(cells) + " |"


STATS_HEAD = ["| | n | median | p99 | min | max |", "|---|---|---|---|---|---|"]
