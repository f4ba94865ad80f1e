"""Keep the bundled translations complete: check them, or update them from the code.

    python tools/i18n/translations.py check    fail when a message of the code has no
                                                translation, an entry is no longer used,
                                                or a JSON catalog differs from its .po
    python tools/i18n/translations.py update   add new messages to every .po (empty
                                                translation), drop unused ones, refresh
                                                the references, rebuild the JSON catalogs

``make translations`` runs ``update``; ``make lint`` runs ``check``. The sources are
``jupyterlab_modelarts/locale/<ll_CC>/LC_MESSAGES/jupyterlab_modelarts.po`` and the
JSON beside each is what JupyterLab loads (found through the ``jupyterlab.locale``
entry point). ``--root`` points at another checkout (the tests use a copy).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the modules beside this script import flat

from extract import ExtractionError, Message, extract  # noqa: E402
from po import Catalog, Entry, format_po, read_po, to_jupyterlab_json  # noqa: E402

#: The gettext domain: what the front end passes to translator.load().
DOMAIN = "jupyterlab_modelarts"
LOCALE_DIR = Path("jupyterlab_modelarts") / "locale"


def catalogs(root: Path) -> list[Path]:
    """The .po source of every bundled language."""
    return sorted((root / LOCALE_DIR).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def json_text(catalog: Catalog) -> str:
    """The JSON catalog JupyterLab loads, as committed (stable, readable, UTF-8)."""
    data = to_jupyterlab_json(catalog, DOMAIN)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def problems(catalog: Catalog, messages: list[Message]) -> list[str]:
    """What keeps a catalog from matching the code: missing, unused, untranslated, stale."""
    wanted = {m.key: m for m in messages}
    have = {e.key: e for e in catalog.entries}
    out = []
    for key, message in wanted.items():
        entry = have.get(key)
        where = ", ".join(message.references)
        label = f"{message.msgid!r}" + (f" (context {key[0]!r})" if key[0] else "")
        if entry is None:
            out.append(f"missing: {label} from {where}")
        elif entry.msgid_plural != message.msgid_plural:
            out.append(f"plural changed: {label}")
        elif not entry.translated:
            out.append(f"untranslated: {label}")
    out.extend(
        f"unused: {entry.msgid!r} is in the catalog but no longer in the code"
        for key, entry in have.items()
        if key not in wanted
    )
    return out


def updated(catalog: Catalog, messages: list[Message]) -> Catalog:
    """The catalog with exactly the code's messages: translations kept, new ones empty."""
    have = {e.key: e for e in catalog.entries}
    entries = []
    for message in messages:
        old = have.get(message.key)
        forms = old.msgstr if old and old.msgid_plural == message.msgid_plural else [""]
        entries.append(
            Entry(
                msgid=message.msgid,
                msgctxt=message.msgctxt,
                msgid_plural=message.msgid_plural,
                msgstr=forms,
                references=list(message.references),
            )
        )
    return Catalog(header=catalog.header, entries=entries)


def check(root: Path) -> int:
    """0 when every catalog matches the code and its JSON; else print why and 1."""
    messages = extract(root)
    failures = []
    for po_path in catalogs(root):
        catalog = read_po(po_path)
        rel = po_path.relative_to(root)
        failures += [f"{rel}: {p}" for p in problems(catalog, messages)]
        if format_po(updated(catalog, messages)) != po_path.read_text(encoding="utf-8"):
            failures.append(f"{rel}: references or order differ from the code")
        json_path = po_path.with_suffix(".json")
        if not json_path.is_file() or json_path.read_text(encoding="utf-8") != json_text(catalog):
            failures.append(f"{json_path.relative_to(root)}: out of date with its .po")
    if not catalogs(root):
        failures.append(f"no catalog under {LOCALE_DIR}")
    for failure in failures:
        print(failure)
    if failures:
        print("Run `make translations`, then fill in the empty msgstr lines of the .po files.")
        return 1
    print(f"translations: {len(messages)} messages, every catalog complete")
    return 0


def update(root: Path) -> int:
    """Bring every .po in line with the code and rebuild its JSON; list what needs a translator."""
    messages = extract(root)
    for po_path in catalogs(root):
        catalog = updated(read_po(po_path), messages)
        po_path.write_text(format_po(catalog), encoding="utf-8")
        po_path.with_suffix(".json").write_text(json_text(catalog), encoding="utf-8")
        todo = [e.msgid for e in catalog.entries if not e.translated]
        print(f"{po_path.relative_to(root)}: {len(messages)} messages, {len(todo)} to translate")
        for msgid in todo:
            print(f"  {msgid!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line entry: ``check`` or ``update``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("check", "update"))
    parser.add_argument("--root", type=Path, default=HERE.parents[1])
    args = parser.parse_args(argv)
    try:
        return check(args.root) if args.mode == "check" else update(args.root)
    except ExtractionError as error:
        print(f"cannot extract the messages: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
