"""The bundled translations: complete, in sync with the code, and found by JupyterLab.

The check and update modes run as `make lint` and `make translations` run them
(tools/i18n/translations.py), on a copy of the tree so the real catalogs stay
untouched; JupyterLab's own lookup (jupyterlab_server) reads the installed one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "i18n" / "translations.py"
CATALOG = Path("jupyterlab_modelarts/locale/zh_CN/LC_MESSAGES/jupyterlab_modelarts")


def _run(mode: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), mode, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The parts of the checkout the extraction reads, copied."""
    for rel in ("src", "schema", "jupyterlab_modelarts"):
        shutil.copytree(
            ROOT / rel,
            tmp_path / rel,
            ignore=shutil.ignore_patterns("labextension", "__pycache__", "node_modules"),
        )
    return tmp_path


def _add_source(tree: Path, text: str) -> None:
    (tree / "src" / "widgets" / "Extra.ts").write_text(text, encoding="utf-8")


def test_the_committed_catalog_is_complete():
    proc = _run("check", ROOT)
    assert proc.returncode == 0, proc.stdout


def test_a_new_string_without_a_translation_fails_the_check(tree: Path):
    _add_source(tree, "export const t = (trans: any) => trans.__('Brand new message %1', 1);\n")
    proc = _run("check", tree)
    assert proc.returncode == 1
    assert "missing: 'Brand new message %1' from src/widgets/Extra.ts" in proc.stdout


def test_a_string_gone_from_the_code_fails_the_check(tree: Path):
    sections = tree / "src" / "widgets" / "details" / "sections.ts"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text.replace("'Resource pool'", "'Pool of resources'"), encoding="utf-8")
    proc = _run("check", tree)
    assert proc.returncode == 1
    assert "unused: 'Resource pool'" in proc.stdout
    assert "missing: 'Pool of resources'" in proc.stdout


def test_schema_titles_are_checked_in_their_context(tree: Path):
    schema = tree / "schema" / "plugin.json"
    data = json.loads(schema.read_text(encoding="utf-8"))
    data["properties"]["confirmStop"]["title"] = "Ask before stopping"
    schema.write_text(json.dumps(data), encoding="utf-8")
    proc = _run("check", tree)
    assert "missing: 'Ask before stopping' (context 'settings')" in proc.stdout


@pytest.mark.parametrize(
    "code",
    [
        "trans.__('Stopped ' + name)",
        "trans.__(message)",
        "trans._n('%1 run', plural, n)",
    ],
)
def test_computed_or_concatenated_messages_are_refused(tree: Path, code: str):
    _add_source(tree, f"export const t = (trans: any, name: string) => {code};\n")
    proc = _run("check", tree)
    assert proc.returncode == 1
    assert "cannot extract the messages: src/widgets/Extra.ts:1" in proc.stdout


def test_update_adds_new_messages_untranslated_and_the_check_names_them(tree: Path):
    _add_source(
        tree,
        "export const t = (trans: any, n: number) =>\n"
        "  trans._n('%1 new run', '%1 new runs', n);\n",
    )
    assert _run("update", tree).returncode == 0
    po = (tree / CATALOG.with_suffix(".po")).read_text(encoding="utf-8")
    assert 'msgid "%1 new run"\nmsgid_plural "%1 new runs"\nmsgstr[0] ""' in po
    catalog = json.loads((tree / CATALOG.with_suffix(".json")).read_text(encoding="utf-8"))
    assert "%1 new run" not in catalog  # untranslated: JupyterLab falls back to English
    assert catalog["Running"] == ["运行中"]  # the translations made before are kept
    proc = _run("check", tree)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].endswith("untranslated: '%1 new run'")


def test_a_json_catalog_edited_by_hand_fails_the_check(tree: Path):
    path = tree / CATALOG.with_suffix(".json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["Running"] = ["跑步"]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    proc = _run("check", tree)
    assert proc.returncode == 1
    assert "jupyterlab_modelarts.json: out of date with its .po" in proc.stdout


def test_the_catalog_header_is_what_the_front_end_requires():
    data = json.loads((ROOT / CATALOG.with_suffix(".json")).read_text(encoding="utf-8"))
    header = data[""]
    # The translator ignores a catalog whose language is not spelt like its own code.
    assert header["language"] == "zh-CN"
    assert header["domain"] == "jupyterlab_modelarts"
    plurals = [forms for key, forms in data.items() if key and len(forms) > 1]
    assert plurals and all(len(forms) == 2 for forms in plurals)


def test_jupyterlab_finds_the_bundled_catalog():
    translation_utils = pytest.importorskip("jupyterlab_server.translation_utils")
    found, message = translation_utils.get_installed_packages_locale("zh_CN")
    assert not message.strip(), message
    assert found["jupyterlab_modelarts"][""]["language"] == "zh-CN"
    # With JupyterLab's own zh_CN pack installed, the language the panel can switch to
    # carries this extension's domain.
    pack, _ = translation_utils.get_language_pack("zh_CN")
    assert pack["jupyterlab_modelarts"]["Stop"] == ["停止"]


def test_contexts_and_plural_contexts_are_extracted(tree: Path):
    _add_source(
        tree,
        "export const t = (trans: any, n: number) => [\n"
        "  trans._p('menu', 'Stop'),\n"
        "  trans._np('menu', '%1 file', '%1 files', n)\n"
        "];\n",
    )
    assert _run("update", tree).returncode == 0
    po = (tree / CATALOG.with_suffix(".po")).read_text(encoding="utf-8")
    assert 'msgctxt "menu"\nmsgid "Stop"\nmsgstr ""' in po
    assert 'msgctxt "menu"\nmsgid "%1 file"\nmsgid_plural "%1 files"\nmsgstr[0] ""' in po
