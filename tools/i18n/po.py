"""A gettext .po catalog read and written as plain data (the subset this project uses).

Entries carry an optional ``msgctxt``, a ``msgid``, an optional ``msgid_plural``
and their translations (``msgstr``, or ``msgstr[0..n]`` for plurals), plus the
``#:`` source references. Written entries are sorted by context and msgid so a
regenerated file changes only where the strings did.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

#: The gettext separator between a context and its msgid (the JSON catalog keys use it too).
CONTEXT_SEPARATOR = "\x04"


@dataclass
class Entry:
    """One translatable message and its translation forms (empty strings: untranslated)."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    references: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the message: its context and msgid."""
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        """True when every form has a translation."""
        return all(self.msgstr)


@dataclass
class Catalog:
    """A .po file: its header fields and its entries."""

    header: dict[str, str]
    entries: list[Entry]


_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _unquote(text: str) -> str:
    # A .po string is a C string; JSON reads the same escapes (\" \\ \n \t).
    return str(json.loads(text))


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def read_po(path: Path) -> Catalog:
    """Parse a .po file; the entry with an empty msgid is the header."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    plural_forms: dict[int, str] = {}
    references: list[str] = []
    last: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal fields, plural_forms, references, last
        if "msgid" in fields:
            forms = [plural_forms[i] for i in sorted(plural_forms)] or [fields.get("msgstr", "")]
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgctxt=fields.get("msgctxt"),
                    msgid_plural=fields.get("msgid_plural"),
                    msgstr=forms,
                    references=references,
                )
            )
        fields, plural_forms, references, last = {}, {}, [], None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#:"):
            references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and last is not None:
            name, index = last
            if name == "msgstr[]":
                plural_forms[index] += _unquote(line)
            else:
                fields[name] += _unquote(line)
        else:
            match = _LINE.match(line)
            if not match:
                raise ValueError(f"{path}:{number}: cannot read {raw!r}")
            name, form, text = match.groups()
            if name in ("msgctxt", "msgid") and "msgid" in fields:
                flush()  # a new entry without a blank line before it
            if form is not None:
                plural_forms[int(form)] = _unquote(text)
                last = ("msgstr[]", int(form))
            else:
                fields[name] = _unquote(text)
                last = (name, 0)
    flush()
    header: dict[str, str] = {}
    body: list[Entry] = []
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            for item in entry.msgstr[0].splitlines():
                name, _, value = item.partition(":")
                header[name.strip()] = value.strip()
        else:
            body.append(entry)
    return Catalog(header=header, entries=body)


def _sort_key(entry: Entry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def format_po(catalog: Catalog) -> str:
    """The .po text of a catalog, entries sorted by context and msgid."""
    head = "".join(f"{name}: {value}\n" for name, value in catalog.header.items())
    blocks = [f'msgid ""\nmsgstr {_quote(head)}\n']
    for entry in sorted(catalog.entries, key=_sort_key):
        lines = [f"#: {ref}" for ref in entry.references]
        if entry.msgctxt is not None:
            lines.append(f"msgctxt {_quote(entry.msgctxt)}")
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.msgid_plural is not None:
            lines.append(f"msgid_plural {_quote(entry.msgid_plural)}")
            lines.extend(f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(entry.msgstr))
        else:
            lines.append(f"msgstr {_quote(entry.msgstr[0])}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def to_jupyterlab_json(catalog: Catalog, domain: str) -> dict[str, object]:
    """The catalog as JupyterLab's front end loads it (the shape of its language packs).

    Keys are ``msgid`` or ``msgctxt + "\\x04" + msgid``; values the list of forms.
    The header's ``language`` uses a hyphen (``zh-CN``): the translator compares it
    with its own language code, spelt that way, and ignores a catalog that differs.
    Plural entries keep at least two forms even with ``nplurals=1``, as the front
    end's gettext reads the second one for counts other than one.
    """
    language = catalog.header.get("Language", "").replace("_", "-")
    data: dict[str, object] = {
        "": {
            "domain": domain,
            "language": language,
            "plural_forms": catalog.header.get("Plural-Forms", "nplurals=2; plural=(n != 1);"),
            "version": catalog.header.get("Project-Id-Version", "").rpartition(" ")[2],
        }
    }
    for entry in sorted(catalog.entries, key=_sort_key):
        if not entry.translated:
            continue
        key = entry.msgid
        if entry.msgctxt is not None:
            key = entry.msgctxt + CONTEXT_SEPARATOR + key
        forms = list(entry.msgstr)
        if entry.msgid_plural is not None and len(forms) < 2:
            forms.append(forms[0])
        data[key] = forms
    return data
