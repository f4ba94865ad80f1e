"""Strict decoding of upstream JSON: finite numbers, bounded depth, and no long GIL hold.

``loads_strict`` is what every upstream body goes through. A large body (a
10,000-version page, or a hostile 40 MB answer) is decoded a member at a time:
``json.loads`` is one C call that keeps the GIL for the whole parse, so the
event loop of the Jupyter server (which needs the GIL for every request) would
stall for as long as the parse of the biggest body takes.
"""

from __future__ import annotations

import json
import math
import re
from itertools import compress
from typing import Any

#: Deeper than any documented answer (about 4 levels); deeper bodies are refused, since
#: copying or re-encoding them would exhaust Python's recursion limit.
MAX_JSON_DEPTH = 64


def _finite(text: str) -> float | None:
    """A JSON number with a fraction or exponent; ``1e400`` (infinite) becomes None."""
    number = float(text)
    return number if math.isfinite(number) else None


def _no_constant(_name: str) -> None:
    """``NaN``/``Infinity``/``-Infinity`` are not JSON: they become null."""
    return None


#: True for the types JSON nests (``json.loads`` makes no other containers).
_IS_CONTAINER = frozenset({dict, list}).__contains__


def _depth_ok(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True unless ``value`` nests non-empty lists/objects deeper than ``limit``.

    Level by level, with the scalars skipped in C (``compress`` over the value
    types): a 10,000-version list has half a million scalars and few containers.
    """
    level: list[Any] = [value] if _IS_CONTAINER(type(value)) else []
    depth = 1
    while level:
        level = [item for item in level if item]
        if level and depth > limit:
            return False
        children: list[Any] = []
        for item in level:
            values = item.values() if type(item) is dict else item
            children.extend(compress(values, map(_IS_CONTAINER, map(type, values))))
        level = children
        depth += 1
    return True


#: Bodies longer than this (characters) are decoded a member at a time.
PIECEWISE_CHARS = 256 * 1024

_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant)
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at


def _expect(text: str, at: int, char: str) -> int:
    """The position after ``char`` (and the whitespace after it) at ``at``, else ValueError."""
    if not text.startswith(char, at):
        raise ValueError(f"expected {char!r} at {at}")
    return _skip(text, at + 1)


def _array(text: str, at: int) -> tuple[list[Any], int]:
    """The array starting at ``at``, one element per decoder call; the position after it."""
    items: list[Any] = []
    at = _expect(text, at, "[")
    if text.startswith("]", at):
        return items, at + 1
    while True:
        item, at = _DECODER.raw_decode(text, at)
        items.append(item)
        at = _skip(text, at)
        if text.startswith("]", at):
            return items, at + 1
        at = _expect(text, at, ",")


def _object_piecewise(text: str) -> dict[str, Any]:
    """``json.loads(text)`` of an object: one member (or one element of an array member) per
    decoder call, so the GIL is let go between them. Same result, same errors (ValueError)."""
    out: dict[str, Any] = {}
    at = _expect(text, _skip(text, 0), "{")
    if not text.startswith("}", at):
        while True:
            if not text.startswith('"', at):
                raise ValueError(f"expected a member name at {at}")
            key, at = _DECODER.raw_decode(text, at)
            at = _expect(text, _skip(text, at), ":")
            if text.startswith("[", at):
                out[key], at = _array(text, at)
            else:
                out[key], at = _DECODER.raw_decode(text, at)
            at = _skip(text, at)
            if not text.startswith(",", at):
                break
            at = _skip(text, at + 1)
    at = _skip(text, at)
    if not text.startswith("}", at) or _skip(text, at + 1) != len(text):
        raise ValueError(f"expected the end of the object at {at}")
    return out


def loads_strict(data: bytes) -> object:
    """Decode upstream JSON into finite numbers and bounded depth; ValueError otherwise.

    Non-finite numbers become None, so nothing we re-emit needs ``NaN``; any
    other trouble (bad UTF-8, bad JSON, too deep) is a ValueError.
    """
    try:
        text = data.decode("utf-8")
        if len(text) > PIECEWISE_CHARS and text.lstrip(" \t\n\r").startswith("{"):
            decoded: object = _object_piecewise(text)
        else:
            decoded = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(type(exc).__name__) from None
    if not _depth_ok(decoded):
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    return decoded
