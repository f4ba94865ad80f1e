"""Benchmark 6: size of the production labextension bundle.

Built with ``jlpm build:prod`` in a throw-away copy of the front-end sources
(node_modules linked, not copied), so the shared dev tree keeps its dev build.
The built directory is returned so the browser benchmarks load this
production build rather than the tree's development one.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from harness import REPO, base_env

COPY = ["package.json", "tsconfig.json", "yarn.lock", ".yarnrc.yml", "LICENSE", "README.md",
        "install.json", "src", "style", "schema"]  # fmt: skip


def build(workdir: Path) -> tuple[Path, float, str]:
    """(labextension dir, build seconds, build log tail) of a prod build in ``workdir``."""
    tree = workdir / "frontend"
    tree.mkdir()
    for name in COPY:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__tests__"))
        elif source.exists():
            shutil.copy2(source, tree / name)
    (tree / ".yarn").mkdir()
    state = REPO / ".yarn" / "install-state.gz"
    if state.exists():
        shutil.copy2(state, tree / ".yarn" / "install-state.gz")
    (tree / "node_modules").symlink_to(REPO / "node_modules")
    (tree / "jupyterlab_modelarts").mkdir()
    jlpm = Path(sys.executable).parent / "jlpm"
    env = base_env()
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
    started = time.perf_counter()
    done = subprocess.run(
        [str(jlpm), "build:prod"], cwd=tree, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    log = (done.stdout + done.stderr)[-2000:]
    output = tree / "jupyterlab_modelarts" / "labextension"
    if done.returncode != 0 or not (output / "static").is_dir():
        raise RuntimeError(f"jlpm build:prod failed ({done.returncode}):\n{log}")
    return output, seconds, log


def measure(static: Path) -> dict[str, Any]:
    """Bytes and gzip -9 bytes of every file, largest first, and the totals."""
    files = []
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files.append(
            {
                "file": str(path.relative_to(static)),
                "bytes": len(data),
                "gzip_bytes": len(gzip.compress(data, 9)),
            }
        )
    files.sort(key=lambda f: -f["bytes"])
    return {
        "files": files,
        "total_bytes": sum(f["bytes"] for f in files),
        "total_gzip_bytes": sum(f["gzip_bytes"] for f in files),
        "js_bytes": sum(f["bytes"] for f in files if f["file"].endswith(".js")),
        "js_gzip_bytes": sum(f["gzip_bytes"] for f in files if f["file"].endswith(".js")),
    }


def run(workdir: Path) -> tuple[dict[str, Any], Path]:
    output, seconds, _ = build(workdir)
    result = measure(output / "static")
    result["build_s"] = seconds
    dev_static = REPO / "jupyterlab_modelarts" / "labextension" / "static"
    if dev_static.is_dir():
        result["dev_build_total_bytes"] = measure(dev_static)["total_bytes"]
    return result, output
