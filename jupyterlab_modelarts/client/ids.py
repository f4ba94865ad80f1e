"""The one rule for ModelArts v1 ids (jobs and versions are Java ``Long`` values).

Every layer that accepts an id — REST routes, the client's request builders,
``local_api``, the SDK surface and the emulator — calls :func:`parse_id`, so an
id is either accepted everywhere or rejected everywhere, before any upstream call.
"""

from __future__ import annotations

import re

from .errors import BadRequestError

#: The largest Java ``long``: ModelArts ids are Longs, so nothing larger exists upstream.
MAX_ID = 2**63 - 1
#: The syntax: decimal digits only (openapi.json states it as the ids' ``pattern``).
ID_SYNTAX = "[0-9]{1,19}"
#: ``fullmatch`` so a trailing newline is not accepted.
_DIGITS = re.compile(ID_SYNTAX)


def parse_id(name: str, value: object) -> str:
    """``value`` as a canonical decimal id string ("007" -> "7"), else ``BadRequestError``.

    Accepts an ``int`` or a string of 1-19 ASCII digits whose value is at most
    ``MAX_ID``; ``bool``, signs, spaces and anything else are refused with
    ``ModelArts.0104`` and a message naming the parameter.
    """
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not _DIGITS.fullmatch(text) or int(text) > MAX_ID:
        raise BadRequestError(
            f"{name} must be a decimal number of 1 to 19 digits, at most {MAX_ID}",
            error_code="ModelArts.0104",
        )
    # Canonical form, so "0182626" and "182626" share cache entries and single flight.
    return str(int(text))


def is_id(value: object) -> bool:
    """True when :func:`parse_id` would accept ``value``."""
    try:
        parse_id("id", value)
    except BadRequestError:
        return False
    return True
