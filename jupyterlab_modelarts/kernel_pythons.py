"""The interpreters the user's notebooks run in, read from the server's kernelspecs.

A kernelspec whose ``argv[0]`` is a Python names exactly the environment the
user's notebook code (and so the legacy SDK) runs in. The default kernel comes
first. A bare ``python`` is jupyter_client's own native kernel, i.e. the
server's Python, which the in-process attempt already covers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

_PYTHON = re.compile(r"python[0-9.]*(\.exe)?", re.IGNORECASE)
_NATIVE = ("python", "python3")


def kernel_pythons(
    specs: Mapping[str, Any], default_name: str | None, server_python: str
) -> list[tuple[str, str | None]]:
    """``(interpreter, PYTHONPATH or None)`` per Python kernelspec, the default first.

    ``specs`` is ``KernelSpecManager.get_all_specs()``. Specs that are not a
    Python, the server's own interpreter and duplicates are left out.
    """
    names = sorted(specs, key=lambda name: (name != default_name, name))
    found: list[tuple[str, str | None]] = []
    for name in names:
        spec = (specs[name] or {}).get("spec") or {}
        argv = spec.get("argv") or []
        if not argv or not isinstance(argv[0], str):
            continue
        python = argv[0]
        if python in _NATIVE or not _PYTHON.fullmatch(os.path.basename(python)):
            continue
        # Not realpath: a virtual environment's python is a symlink to a shared base
        # interpreter, yet a different environment (its own site-packages).
        if os.path.abspath(python) == os.path.abspath(server_python):
            continue
        env = spec.get("env") or {}
        path = env.get("PYTHONPATH") if isinstance(env.get("PYTHONPATH"), str) else None
        entry = (python, path or None)
        if entry not in found:
            found.append(entry)
    return found
