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
