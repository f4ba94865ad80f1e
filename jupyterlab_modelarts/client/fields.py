"""The documented fields of the v1 models: forgiving converters and a field read on demand.

A model keeps the body as received; each documented field is a :class:`Field`
that reads its value from the body and converts it the first time it is used,
then keeps it. Building a model is therefore one dict copy, however many
fields the documentation lists: a 10,000-version list is modelled at the speed
of ``json.loads`` and a field nobody reads is never converted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


def as_int(value: Any) -> int | None:
    """Long/Integer fields: ints, integral floats and digit strings; else None."""
    if type(value) is int:  # the usual case first (bool is not int's type)
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                number = float(value)
            except ValueError:
                return None
            return int(number) if number.is_integer() else None
    return None


def as_str(value: Any) -> str | None:
    """String fields; numbers (``core: 2``) become their text."""
    if type(value) is str:  # the usual case first
        return value
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    if isinstance(value, (int, float)):
        return bool(value)
    return None


def as_list(value: Any) -> list[Any]:
    """List fields: the list as received (not copied: it is only read); else empty."""
    if isinstance(value, list):
        return value
    return list(value) if isinstance(value, tuple) else []


def as_json_object(value: Any) -> dict[str, Any] | None:
    """Metric lists arrive as JSON-in-a-string or as an object; both become a dict."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


class Field(Generic[T]):
    """A documented field: read from the model's body and converted on first use, then kept.

    A non-data descriptor: the converted value is stored in the instance, so
    every later read is a plain attribute read (and an assignment replaces it).
    """

    __slots__ = ("convert", "default", "name")

    def __init__(self, convert: Callable[[Any], T | None], default: T) -> None:
        self.convert = convert
        self.default = default
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Field[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> Field[T] | T:
        if obj is None:
            return self
        body: Mapping[str, Any] = obj._raw  # type: ignore[attr-defined]
        converted = self.convert(body.get(self.name))
        value = self.default if converted is None else converted
        obj.__dict__[self.name] = value
        return value


def required(convert: Callable[[Any], T | None], default: T) -> Field[T]:
    """A field that always has a value (``default`` when absent or unreadable)."""
    return Field(convert, default)


def optional(convert: Callable[[Any], T | None]) -> Field[T | None]:
    """A field that is None when absent or unreadable."""
    return Field(convert, None)


def listed(convert: Callable[[Any], list[T]]) -> Field[list[T]]:
    """A list field (empty when absent or not a list)."""
    return Field(convert, [])


def documented(model: type) -> tuple[str, ...]:
    """The names of ``model``'s documented fields (its :class:`Field` attributes)."""
    names: dict[str, None] = {}
    for klass in reversed(model.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, Field):
                names[name] = None
    return tuple(names)
