"""Gateway authentication: SDK-HMAC-SHA256 signatures, IAM tokens, temporary keys.

The canonical request is rebuilt from what arrived on the wire (raw path,
every query pair including repeats and blanks, exactly the SignedHeaders the
client listed) with the shared signer primitives, so a client and the
emulator can only agree when the client signed what it actually sent.
Expiry and X-Sdk-Date checks use the wall clock, not the lifecycle clock.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional
from urllib.parse import parse_qsl

from ..client.signer import (
    DATE_FORMAT,
    EMPTY_BODY_SHA256,
    UNSIGNED_PAYLOAD,
    canonical_request,
    parse_authorization,
    payload_hash,
    signature,
    string_to_sign,
)
from . import errors
from .config import EmulatorConfig

EXPIRES_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def format_expiry(epoch: float) -> str:
    """IAM's ``expires_at`` style, e.g. ``2019-02-13T06:52:13.855000Z``."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime(EXPIRES_FORMAT)


@dataclass
class Token:
    """An IAM token the emulator issued (always project-scoped)."""

    project_id: str
    expires_at: float


@dataclass
class TempCredential:
    """A temporary AK/SK + security token from the metadata endpoint."""

    secret: str
    security_token: str
    expires_at: float


@dataclass(frozen=True)
class Caller:
    """Who a request authenticated as: ``token``, ``aksk`` or ``temporary``."""

    kind: str
    project_id: str


class Gatekeeper:
    """The emulated gateway's credentials: issued tokens and temporary keys, and the checks
    every request goes through (not the client's ``Auth``, which signs requests)."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.tokens: dict[str, Token] = {}
        self.temporary: dict[str, TempCredential] = {}

    # --- issuing -------------------------------------------------------
    def issue_token(self, project_id: str) -> tuple[str, Token]:
        """A new project-scoped token valid for ``token_lifetime`` seconds."""
        value = "MIIEMU" + secrets.token_urlsafe(96)
        token = Token(project_id, time.time() + self.config.token_lifetime)
        self.tokens[value] = token
        return value, token

    def issue_temporary(self) -> dict[str, str]:
        """A temporary credential in the metadata service's JSON shape."""
        access = "EMUTEMP" + secrets.token_hex(8).upper()
        cred = TempCredential(
            secrets.token_urlsafe(30),
            "EMUSECTOKEN" + secrets.token_urlsafe(64),
            time.time() + self.config.temp_credential_lifetime,
        )
        self.temporary[access] = cred
        return {
            "access": access,
            "secret": cred.secret,
            "securitytoken": cred.security_token,
            "expires_at": format_expiry(cred.expires_at),
        }

    def expire(self, tokens: bool = True, credentials: bool = True) -> None:
        """Make everything issued so far expire now (tests of refresh paths)."""
        past = time.time() - 1
        if tokens:
            for token in self.tokens.values():
                token.expires_at = min(token.expires_at, past)
        if credentials:
            for cred in self.temporary.values():
                cred.expires_at = min(cred.expires_at, past)

    # --- checking ------------------------------------------------------
    def authenticate(self, method: str, path: str, query: str, headers, body: bytes) -> Caller:
        """Check a request's credentials; raise :class:`errors.ApiError` (401) if bad.

        ``headers`` is a case-insensitive mapping (tornado's HTTPHeaders).
        """
        authorization = headers.get("Authorization")
        if authorization:
            return self._check_signature(method, path, query, headers, body, authorization)
        token = headers.get("X-Auth-Token")
        if token:
            return self._check_token(token)
        raise errors.auth_error(errors.TOKEN_NOT_FOUND)

    def _check_token(self, value: str) -> Caller:
        token = self.tokens.get(value)
        if token is None:
            raise errors.auth_error(errors.TOKEN_DECRYPT_FAIL)
        if time.time() >= token.expires_at:
            raise errors.token_expired(format_expiry(token.expires_at))
        return Caller("token", token.project_id)

    def _check_signature(self, method, path, query, headers, body, authorization) -> Caller:
        parsed = parse_authorization(authorization)
        if parsed is None:
            raise errors.auth_error(errors.SIGNATURE_FAIL)
        access, signed, given = parsed
        signed = [name.lower() for name in signed if name]
        if "x-sdk-date" not in signed or not self._fresh(headers.get("X-Sdk-Date", "")):
            raise errors.auth_error(errors.SIGNATURE_FAIL)

        if access == self.config.access_key:
            secret, kind = self.config.secret_key, "aksk"
            if headers.get("X-Security-Token") is not None:
                raise errors.auth_error(errors.SIGNATURE_FAIL)
        elif access in self.temporary:
            cred = self.temporary[access]
            secret, kind = cred.secret, "temporary"
            sent = headers.get("X-Security-Token")
            if (
                "x-security-token" not in signed
                or sent is None
                or not _same(sent, cred.security_token)
            ):
                raise errors.auth_error(errors.SIGNATURE_FAIL)
        else:
            raise errors.auth_error(errors.AK_NOT_EXIST)

        pairs = parse_qsl(query, keep_blank_values=True)
        signed_values = {name: headers.get(name, "") for name in signed}
        if not any(
            _same(
                given,
                self._sign(
                    secret,
                    method,
                    path,
                    pairs,
                    signed_values,
                    signed,
                    candidate,
                    headers["X-Sdk-Date"],
                ),
            )
            for candidate in _payload_candidates(headers, body)
        ):
            raise errors.auth_error(errors.SIGNATURE_FAIL)
        if kind == "temporary" and time.time() >= self.temporary[access].expires_at:
            raise errors.token_expired(format_expiry(self.temporary[access].expires_at))
        project = headers.get("X-Project-Id") or self.config.project_id
        return Caller(kind, project)

    @staticmethod
    def _sign(secret, method, path, pairs, values, signed, body_hash, date) -> str:
        canonical = canonical_request(method, path, pairs, values, signed, body_hash)
        return signature(secret, string_to_sign(canonical, date))

    def _fresh(self, sdk_date: str) -> bool:
        try:
            moment = datetime.strptime(sdk_date, DATE_FORMAT).replace(tzinfo=timezone.utc)
        except ValueError:
            return False
        return abs(moment.timestamp() - time.time()) <= self.config.max_clock_skew


def _same(sent: str, expected: str) -> bool:
    """Constant-time comparison that tolerates non-ASCII header text."""
    return hmac.compare_digest(sent.encode("utf-8", "replace"), expected.encode("utf-8"))


def _payload_candidates(headers, body: bytes) -> list[str]:
    """Body hashes a correct client may have used.

    huaweicloudsdkcore hashes an empty body as the empty-string digest even when
    it sent ``X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD``; the published algorithm
    uses the literal. Accept either for an empty body only.
    """
    primary = payload_hash(headers, body)
    if not body and primary == UNSIGNED_PAYLOAD:
        return [primary, EMPTY_BODY_SHA256]
    return [primary]


def project_error(caller: Caller, url_project: str) -> Optional[errors.ApiError]:
    """ModelArts.0210 when the URL's project is not the caller's project."""
    return None if caller.project_id == url_project else errors.project_mismatch()
