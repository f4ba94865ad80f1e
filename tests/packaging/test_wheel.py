"""The wheel carries everything: prebuilt labextension and server config, no Node needed.

Builds the wheel from a clean copy of the tracked tree (so no stale dev build
can sneak in), installs it into a fresh venv whose PATH has no `node`, and asks
Jupyter whether both halves of the extension are found and enabled.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line and (ROOT / line).is_file()]


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _plain(proc: subprocess.CompletedProcess) -> str:
    return ANSI.sub("", proc.stdout + proc.stderr)


def _may_hold_node(entry: str) -> bool:
    try:
        return (Path(entry) / "node").exists()
    except OSError:  # e.g. another user's folder left on PATH: drop it too
        return True


def _path_without_node() -> str:
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(e for e in entries if e and not _may_hold_node(e))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build a wheel from a clean copy of the tree (node and jlpm are needed here only)."""
    if shutil.which("node") is None:
        pytest.skip("building the wheel needs Node.js")
    src = tmp_path_factory.mktemp("clean-tree")
    for rel in _tracked_files():
        dest = src / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest)
    # The dependencies are the locked ones; linking them saves a minute of copying.
    if (ROOT / "node_modules").is_dir():
        (src / "node_modules").symlink_to(ROOT / "node_modules")
    assert not (src / "jupyterlab_modelarts" / "labextension").exists()
    outdir = tmp_path_factory.mktemp("dist")
    # jlpm and jupyter live beside this interpreter.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir)],
        cwd=src,
        env=env,
    )
    (built,) = outdir.glob("jupyterlab_modelarts-*.whl")
    return built


def test_wheel_contains_prebuilt_labextension_and_server_config(wheel: Path):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if ".data/data/" in n]
    lab = "share/jupyter/labextensions/jupyterlab-modelarts/"
    assert any(n.endswith(lab + "package.json") for n in data), data
    assert any(n.endswith(lab + "install.json") for n in data), data
    assert any(lab + "static/remoteEntry." in n for n in data), data
    assert any(n.endswith(lab + "schemas/jupyterlab-modelarts/plugin.json") for n in data), data
    assert any(
        n.endswith("etc/jupyter/jupyter_server_config.d/jupyterlab_modelarts.json") for n in data
    ), data
    assert "jupyterlab_modelarts/openapi.json" in names


def test_wheel_carries_the_bundled_translations(wheel: Path):
    import zipfile

    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    catalog = "jupyterlab_modelarts/locale/zh_CN/LC_MESSAGES/jupyterlab_modelarts.json"
    assert catalog in names, [n for n in names if "/locale/" in n]
    assert archive.read(catalog) == (ROOT / catalog).read_bytes()
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    # jupyterlab_server looks the catalog up by this entry point's name (the domain).
    assert "[jupyterlab.locale]\njupyterlab_modelarts = jupyterlab_modelarts" in text, text


def test_wheel_installs_and_enables_without_node(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{_path_without_node()}"}
    for var in ("JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "VIRTUAL_ENV"):
        env.pop(var, None)
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "jupyter-config")
    _run([str(py), "-m", "pip", "install", "-q", str(wheel), "jupyterlab>=4,<5"], env=env)
    assert (
        subprocess.run(
            [str(py), "-c", "import shutil,sys; sys.exit(shutil.which('node') is not None)"],
            env=env,
        ).returncode
        == 0
    ), "node is still on PATH"

    labext = _plain(_run([str(env_dir / "bin" / "jupyter"), "labextension", "list"], env=env))
    (lab_line,) = [ln for ln in labext.splitlines() if "jupyterlab-modelarts" in ln]
    assert "enabled" in lab_line and "OK" in lab_line, labext

    server = _plain(
        _run([str(env_dir / "bin" / "jupyter"), "server", "extension", "list"], env=env)
    )
    lines = server.splitlines()
    assert any(ln.split() == ["jupyterlab_modelarts", "enabled"] for ln in lines), server
    assert any(
        ln.split()[:1] == ["jupyterlab_modelarts"] and ln.split()[-1] == "OK" for ln in lines
    ), server
