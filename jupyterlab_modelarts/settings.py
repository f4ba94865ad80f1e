"""The extension's settings checked as a whole: one message per invalid setting, no fallback.

An invalid setting never falls back to a default (that once turned a typo in
``credential_sources`` into "every source, the metadata probe included"): the
extension logs one ERROR line naming each setting and its valid values, and
every route answers 503 ``jupyterlab-modelarts.config`` with that text until
the configuration is fixed.

Secrets are never taken from the Jupyter configuration or command line:
traitlets prints the whole configuration at debug level (from Jupyter's own
code, before and around any extension) and a command line is visible to
``ps``. They come from the environment (the client's credential chain reads
it) or from a file named by a ``*_file`` setting; a secret given as a value is
refused like any other invalid setting.
"""

from __future__ import annotations

from ast import literal_eval
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from traitlets import Any as AnyTrait
from traitlets import List, Unicode
from traitlets.config import Config

from .client import CREDENTIAL_SOURCES

#: Secret -> (the setting naming the file that holds it, the environment variable).
SECRET_SOURCES: dict[str, tuple[str, str]] = {
    "secret_key": ("secret_key_file", "HUAWEICLOUD_SDK_SK"),
    "security_token": ("security_token_file", "HUAWEICLOUD_SDK_SECURITY_TOKEN"),
    "password": ("password_file", "MODELARTS_PASSWORD"),
}

#: Numeric settings and the smallest value each accepts.
MINIMUMS: dict[str, float] = {
    "connect_timeout": 0.001,
    "request_timeout": 0.001,
    "cache_ttl": 0.0,
    "cache_max_entries": 0,
    "cache_max_bytes": 0,
    "max_body_bytes": 1,
}

_SECTION = "ModelArtsExtension"


class NameList(List):
    """A list of names where one string is one item.

    ``--ModelArtsExtension.credential_sources="IAM password"`` and
    ``"credential_sources": "config"`` mean a one-item list, as they read; by
    default traitlets turns the former into "unset" without a word.
    """

    def validate(self, obj: Any, value: Any) -> Any:
        """A single string becomes a one-item list; anything else as ``List`` checks it."""
        return super().validate(obj, [value] if isinstance(value, str) else value)

    def from_string(self, s: str) -> Any:
        """A command-line value: a Python list literal, else the text as one item."""
        try:
            value = literal_eval(s)
        except (ValueError, SyntaxError):
            value = s
        return self.validate(None, value)


def refused_secret(name: str) -> str:
    """Why ``name`` set as a value is refused, and what to use instead."""
    file_setting, variable = SECRET_SOURCES[name]
    return (
        f"{_SECTION}.{name}: a secret is not accepted as a setting (Jupyter's debug log prints "
        f"its configuration and `ps` shows its command line); name a file holding it with "
        f"{_SECTION}.{file_setting}, or set {variable} in the server's environment"
    )


def read_secret(path: str) -> str:
    """The secret in the file at ``path`` (surrounding whitespace and newline removed)."""
    return Path(path).expanduser().read_text(encoding="utf-8").strip()


def unknown_sources(sources: Optional[Sequence[str]]) -> Optional[str]:
    """The problem with ``credential_sources``, or None when every name is known."""
    unknown = [s for s in sources or () if s not in CREDENTIAL_SOURCES]
    if not unknown:
        return None
    valid = ", ".join(repr(s) for s in CREDENTIAL_SOURCES)
    return (
        f"{_SECTION}.credential_sources: unknown source(s) {', '.join(map(repr, unknown))}; "
        f"valid: a list of {valid}"
    )


def problems(values: dict[str, Any]) -> list[str]:
    """Every problem of the settings in ``values`` (trait name -> value), one line each.

    Never includes a secret's value: a refused secret is named, a file is named
    by its path and the reason it cannot be read.
    """
    found: list[str] = []
    sources = unknown_sources(values.get("credential_sources"))
    if sources:
        found.append(sources)
    for name, (file_setting, _) in SECRET_SOURCES.items():
        if values.get(name) is not None:
            found.append(refused_secret(name))
        path = values.get(file_setting)
        if path:
            try:
                read_secret(path)
            except (OSError, UnicodeDecodeError) as exc:
                found.append(
                    f"{_SECTION}.{file_setting}: cannot read {path!r} ({type(exc).__name__})"
                )
    for name, minimum in MINIMUMS.items():
        value = values.get(name)
        if value is not None and not value >= minimum:  # `not >=` also catches NaN
            found.append(f"{_SECTION}.{name}: {value!r} is invalid; valid: a number >= {minimum:g}")
    return found


def optional_text(help_text: str) -> Unicode:
    """A configurable string setting that is unset (None) unless given."""
    return Unicode(None, allow_none=True, config=True, help=help_text)


def refused_setting(secret: str) -> AnyTrait:
    """A secret's old setting: kept only to refuse it by name (see ``settings.py``)."""
    file_setting, variable = SECRET_SOURCES[secret]
    return AnyTrait(
        None,
        allow_none=True,
        config=True,
        help=f"Not accepted (a setting reaches Jupyter's debug log): use {file_setting} or "
        f"{variable}.",
    )


#: The settings whose value is hidden in the web app's copy of the configuration.
_HIDDEN = ("access_key", *SECRET_SOURCES)


def redacted(config: Config) -> Config:
    """A copy of ``config`` with every secret-related setting that is set shown as ``***``."""
    copy = Config(config)
    for name in _HIDDEN:
        if copy.get(name):
            copy[name] = "***"
    return copy
