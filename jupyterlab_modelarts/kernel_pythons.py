"""The interpreters the user's notebooks run in, read from the server's kernelspecs.

A kernelspec whose ``argv[0]`` is a Python names exactly the environment the
user's notebook code (and so the legacy SDK) runs in. The default kernel comes
first. A bare ``python`` is jupyter_client's own native kernel, i.e. the
server's Python, which the in-process attempt already covers.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
from collections.abc import Mapping
from typing import Any, Optional

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


async def server_kernel_pythons(
    serverapp: Any, log: logging.Logger
) -> list[tuple[str, Optional[str]]]:
    """:func:`kernel_pythons` of a running Jupyter server, its kernelspecs read off the loop."""
    if serverapp is None:
        return []
    loop = asyncio.get_running_loop()
    try:
        specs = await loop.run_in_executor(None, serverapp.kernel_spec_manager.get_all_specs)
    except Exception as exc:  # a broken kernelspec must not stop the extension
        log.warning("jupyterlab_modelarts: kernelspecs unreadable (%s)", type(exc).__name__)
        return []
    return kernel_pythons(specs, serverapp.kernel_manager.default_kernel_name, sys.executable)
