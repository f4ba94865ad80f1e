"""The translatable strings of the extension, found as gettext extraction finds them.

Three sources, each read where its strings live:

* ``src/**/*.ts(x)`` (specs excepted): the literal arguments of ``trans.__``,
  ``trans._n``, ``trans._p`` and ``trans._np`` calls (any bundle name, the method is what counts).
  A call whose message is not a literal is an error, unless it renders what the
  server sends from a fixed table: a status label (``….status_label``) or an
  error's message (``….message``), or translates the settings schema (``_p`` in
  the ``schema`` or ``settings`` context).
* ``schema/*.json``: titles and descriptions, in the contexts JupyterLab gives
  them (``schema`` at the top, ``settings`` for properties and the setting icon's
  label), which is how the front end looks them up too.
* the status table (``jupyterlab_modelarts/client/status.py``): every v1 status
  label and v2 phase label the server may send as ``status_label``;
* the error table (``jupyterlab_modelarts/http_errors.py``): the ``message`` the
  server answers with for each kind of error.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

#: A gettext call: the bundle method and its opening parenthesis.
_CALL = re.compile(r"\.\s*(__|_np|_n|_p)\s*\(")
#: A message argument that is not a literal but a server text from a fixed table.
_SERVER_TEXT = re.compile(r"^[\w.]+\.(status_label|message)\s*[,)]")
#: How many leading literal arguments each method takes.
_ARITY = {"__": 1, "_n": 2, "_p": 2, "_np": 3}
#: The contexts of schema strings: a `_p` call in one of them may take a variable.
SCHEMA_CONTEXTS = ("schema", "settings")
#: Schema keys (as /-joined paths, like jupyterlab_server's selectors) and their context.
_SCHEMA_SELECTORS = (
    (re.compile(r"^/(title|description)$"), "schema"),
    (re.compile(r"^/jupyter\.lab\.setting-icon-label$"), "settings"),
    (re.compile(r"^/properties/[^/]+/(title|description)$"), "settings"),
)


@dataclass
class Message:
    """One message to translate and where it is used."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    references: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the message: its context and msgid."""
        return (self.msgctxt, self.msgid)


class ExtractionError(Exception):
    """A call the extraction cannot read: a computed or concatenated message."""


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}


def _read_literal(text: str, start: int) -> tuple[str, int] | None:
    """The JS string literal at ``start`` (quotes or a plain template) and the index after it."""
    quote = text[start] if start < len(text) else ""
    if quote not in ("'", '"', "`"):
        return None
    out: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            nxt = text[i + 1]
            if nxt == "u":
                out.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if char == quote:
            return "".join(out), i + 1
        if quote == "`" and text.startswith("${", i):
            return None  # an interpolated template is not a message
        out.append(char)
        i += 1
    return None


def _skip_space(text: str, i: int) -> int:
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        else:
            break
    return i


def _call_literals(text: str, start: int, count: int, where: str) -> list[str] | None:
    """The first ``count`` literal arguments of the call opened at ``start``.

    None when the first argument is a server text from a fixed table; an error when an argument is
    computed or a literal is glued to something with ``+``.
    """
    values: list[str] = []
    i = _skip_space(text, start)
    if _SERVER_TEXT.match(text[i : i + 200]):
        return None
    for n in range(count):
        found = _read_literal(text, i)
        if found is None and n == 1 and values[0] in SCHEMA_CONTEXTS:
            return None  # the schema's own strings, extracted from schema/
        if found is None:
            raise ExtractionError(f"{where}: argument {n + 1} is not a string literal")
        value, i = found
        i = _skip_space(text, i)
        if text.startswith("+", i):
            raise ExtractionError(f"{where}: a concatenated message; use one string with %1")
        values.append(value)
        if n + 1 < count:
            if not text.startswith(",", i):
                raise ExtractionError(f"{where}: expected {count} literal arguments")
            i = _skip_space(text, i + 1)
    return values


def _add(found: dict[tuple[str | None, str], Message], message: Message, ref: str) -> None:
    known = found.setdefault(message.key, message)
    if known.msgid_plural != message.msgid_plural:
        raise ExtractionError(f"{ref}: {message.msgid!r} has two plural forms in the code")
    if ref not in known.references:
        known.references.append(ref)


def from_sources(root: Path, found: dict[tuple[str | None, str], Message]) -> None:
    """Add the messages of the TypeScript sources under ``root/src``."""
    for path in sorted((root / "src").rglob("*.ts*")):
        rel = path.relative_to(root).as_posix()
        if "__tests__" in path.parts or path.name.endswith(".d.ts"):
            continue
        text = path.read_text(encoding="utf-8")
        for match in _CALL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            ref = f"{rel}:{line}"
            method = match.group(1)
            values = _call_literals(text, match.end(), _ARITY[method], ref)
            if values is None:
                continue
            if method == "__":
                message = Message(msgid=values[0])
            elif method == "_n":
                message = Message(msgid=values[0], msgid_plural=values[1])
            elif method == "_p":
                message = Message(msgctxt=values[0], msgid=values[1])
            else:
                message = Message(msgctxt=values[0], msgid=values[1], msgid_plural=values[2])
            _add(found, message, ref.rpartition(":")[0])


def schema_messages(schema: dict[str, object], path: str = "") -> list[tuple[str, str]]:
    """(context, text) of every translatable title and description of a settings schema."""
    out: list[tuple[str, str]] = []
    for key, value in schema.items():
        here = f"{path}/{key}"
        if isinstance(value, str):
            for pattern, context in _SCHEMA_SELECTORS:
                if pattern.match(here):
                    out.append((context, value))
        elif isinstance(value, dict):
            out.extend(schema_messages(value, here))
    return out


def from_schemas(root: Path, found: dict[tuple[str | None, str], Message]) -> None:
    """Add the titles and descriptions of ``root/schema/*.json``."""
    for path in sorted((root / "schema").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        for context, text in schema_messages(schema):
            _add(found, Message(msgctxt=context, msgid=text), path.relative_to(root).as_posix())


def _server_module(root: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(f"jupyterlab_modelarts.{name}")
    finally:
        sys.path.remove(str(root))


def from_server_tables(root: Path, found: dict[tuple[str | None, str], Message]) -> None:
    """Add the texts the server sends from its tables: status labels, error messages."""
    status = _server_module(root, "client.status")
    labels = [code.label for code in status.Status]
    labels += [status.describe_phase(phase).label for phase in status.PHASES]
    for label in labels:
        _add(found, Message(msgid=label), "jupyterlab_modelarts/client/status.py")
    http_errors = _server_module(root, "http_errors")
    for _, _, message in http_errors.ERROR_TABLE:
        if message:
            _add(found, Message(msgid=message), "jupyterlab_modelarts/http_errors.py")


def extract(root: Path) -> list[Message]:
    """Every message of the extension under ``root``, in a stable order."""
    found: dict[tuple[str | None, str], Message] = {}
    from_sources(root, found)
    from_schemas(root, found)
    from_server_tables(root, found)
    return sorted(found.values(), key=lambda m: (m.msgctxt or "", m.msgid))
