"""SDK-HMAC-SHA256: the API-Gateway request signature used with AK/SK.

Written from the published algorithm (Huawei Cloud "API Request Signing
Guide"); ``tests/client/test_signer.py`` checks it against the official test
vector and against huaweicloudsdkcore's ``Signer`` as an oracle. The emulator
verifies signatures with :func:`canonical_request` and :func:`signature`, so
both sides share one definition.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


def _encode(text: str) -> str:
    return quote(text, safe="~")


def canonical_uri(path: str) -> str:
    """Each path segment percent-encoded (RFC 3986), always ending in ``/``."""
    encoded = "/".join(_encode(part) for part in unquote(path).split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(params: Iterable[tuple[str, object]]) -> str:
    """Sorted ``key=value`` pairs, repeated keys kept, booleans lower-cased.

    Pairs are sorted on the *unencoded* text, then encoded, as huaweicloudsdkcore
    and the APIG SDKs do; sorting encoded text differs as soon as a key or a
    repeated key's value holds a character such as ``{`` or a non-ASCII letter.
    """
    pairs = []
    for key, value in params:
        if isinstance(value, bool):
            value = str(value).lower()
        pairs.append((str(key), str(value)))
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(pairs))


def signed_header_names(headers: Iterable[str]) -> list[str]:
    """Lower-cased, sorted names; names with ``_`` are skipped as sdkcore does."""
    return sorted({name.lower() for name in headers if "_" not in name} - {"authorization"})


def canonical_request(
    method: str,
    path: str,
    query: Iterable[tuple[str, object]],
    headers: Mapping[str, str],
    signed_headers: list[str],
    payload_hash: str,
) -> str:
    """The canonical request both signer and verifier hash."""
    lowered = {name.lower(): value.strip() for name, value in headers.items()}
    header_lines = "".join(f"{name}:{lowered.get(name, '')}\n" for name in signed_headers)
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            canonical_query(query),
            header_lines,
            ";".join(signed_headers),
            payload_hash,
        ]
    )


def string_to_sign(canonical: str, sdk_date: str) -> str:
    """``ALGORITHM \\n date \\n hex(sha256(canonical request))``."""
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


def signature(secret_key: str, to_sign: str) -> str:
    """Hex HMAC-SHA256 keyed with the raw secret key."""
    return hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def payload_hash(headers: Mapping[str, str], body: bytes) -> str:
    """The body hash, or UNSIGNED-PAYLOAD when the request says so."""
    for name, value in headers.items():
        if name.lower() == "x-sdk-content-sha256" and value == UNSIGNED_PAYLOAD:
            return UNSIGNED_PAYLOAD
    return hashlib.sha256(body).hexdigest()


def format_date(moment: datetime | None = None) -> str:
    """``YYYYMMDDTHHMMSSZ`` in UTC."""
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime(DATE_FORMAT)


def sign_request(
    method: str,
    host: str,
    path: str,
    query: Iterable[tuple[str, object]],
    headers: Mapping[str, str],
    body: bytes,
    access_key: str,
    secret_key: str,
    *,
    security_token: str | None = None,
    now: datetime | None = None,
) -> dict[str, str]:
    """Return ``headers`` plus Host, X-Sdk-Date, X-Security-Token and Authorization.

    The security token is added before signing so the gateway sees it signed.
    ``host`` is ``host[:port]`` exactly as sent on the wire.
    """
    out = {name: value for name, value in headers.items() if name.lower() != "authorization"}
    content_type = next((v for k, v in out.items() if k.lower() == "content-type"), None)
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        out["X-Sdk-Content-Sha256"] = UNSIGNED_PAYLOAD
    out.setdefault(DATE_HEADER, format_date(now))
    if not any(k.lower() == "host" for k in out):
        out["Host"] = host
    if security_token:
        out["X-Security-Token"] = security_token
    names = signed_header_names(out)
    query = list(query)
    canonical = canonical_request(method, path, query, out, names, payload_hash(out, body))
    sig = signature(secret_key, string_to_sign(canonical, out[DATE_HEADER]))
    out["Authorization"] = (
        f"{ALGORITHM} Access={access_key}, SignedHeaders={';'.join(names)}, Signature={sig}"
    )
    return out


def parse_authorization(value: str) -> tuple[str, list[str], str] | None:
    """Split an Authorization header into (access key, signed headers, signature)."""
    if not value.startswith(ALGORITHM + " "):
        return None
    fields: dict[str, str] = {}
    for part in value[len(ALGORITHM) + 1 :].split(","):
        key, sep, val = part.strip().partition("=")
        if sep:
            fields[key] = val
    try:
        return fields["Access"], fields["SignedHeaders"].split(";"), fields["Signature"]
    except KeyError:
        return None
