"""The one rule for ModelArts ids: v1 jobs and versions are Java ``Long`` values, v2 jobs UUIDs.

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


# -- new-version (v2) training jobs: UUIDs --------------------------------------

#: The syntax of a v2 training-job id (openapi.json states it as the ``pattern``).
UUID_SYNTAX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_UUID = re.compile(UUID_SYNTAX)


def parse_uuid(name: str, value: object) -> str:
    """A v2 job id in canonical (lower-case) form, else ``BadRequestError`` (ModelArts.0104).

    v2 training jobs are named by UUIDs (``metadata.id``, e.g.
    ``3faf5c03-aaa1-4cbe-879d-24b05d997347``); anything else is refused before
    any upstream call, by every layer (routes, local_api, sdk, client, emulator).
    """
    text = value if isinstance(value, str) else ""
    if not _UUID.fullmatch(text):
        raise BadRequestError(
            f"{name} must be a training job UUID (8-4-4-4-12 hexadecimal digits)",
            error_code="ModelArts.0104",
        )
    return text.lower()


def is_uuid(value: object) -> bool:
    """True when :func:`parse_uuid` would accept ``value``."""
    try:
        parse_uuid("id", value)
    except BadRequestError:
        return False
    return True
