"""Where a ModelArts notebook keeps its Python environments and its legacy SDK.

In a real notebook the Jupyter server runs in the platform's own conda
(``/modelarts/authoring/notebook-conda``) while the legacy SDK that builds the
implicit ``Session()`` lives with the kernels or in a bundled SDK folder
(``../shared/modelarts-v1-api.md`` §16.2). This module only *names* the places:
which interpreters to ask, in which order, and with which ``PYTHONPATH``. It
never adds an SDK folder to this process's ``sys.path`` (those folders bundle
their own pandas/numpy and are known to break an environment).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Folders that exist only in ModelArts notebook images (§16.2).
NOTEBOOK_MARKER_DIRS: tuple[str, ...] = (
    "/modelarts/authoring",
    "/opt/huawei/modelarts-dev",
    "/home/ma-user/modelarts-sdk",
)
#: Where the bundled legacy SDK has lived, newest first (``~`` is the notebook user's home).
SDK_FOLDERS: tuple[str, ...] = (
    "/opt/huawei/modelarts-dev/modelarts-sdk",
    "~/modelarts-dev/modelarts-sdk",
    "/home/ma-user/modelarts-sdk",
    "/modelarts/tools/sdk",
)
#: The platform conda that runs the notebook's JupyterLab.
PLATFORM_PYTHON = "/modelarts/authoring/notebook-conda/bin/python"
_ANACONDA = "/home/ma-user/anaconda3"

Exists = Callable[[str], bool]


@dataclass(frozen=True)
class Candidate:
    """One interpreter to ask for the notebook's ``Session()``.

    ``pythonpath`` leads the child's ``PYTHONPATH`` (an SDK folder or a
    kernelspec's own setting); ``origin`` says why it is on the list.
    """

    python: str
    pythonpath: str | None
    origin: str

    def describe(self) -> str:
        """A short, secret-free label: the interpreter, and the SDK folder when one is added."""
        return self.python if not self.pythonpath else f"{self.python} (+ {self.pythonpath})"


def is_modelarts_notebook(env: Mapping[str, str], exists: Exists = os.path.isdir) -> bool:
    """True inside a ModelArts notebook: both ``INSTANCE_ID`` and ``PROJECT_ID`` are set,
    or one of the image's own folders exists."""
    if env.get("INSTANCE_ID") and env.get("PROJECT_ID"):
        return True
    return any(exists(folder) for folder in NOTEBOOK_MARKER_DIRS)


def first_sdk_folder(env: Mapping[str, str], exists: Exists = os.path.isdir) -> str | None:
    """The first bundled SDK folder that exists, ``~`` expanded with the environment's HOME."""
    home = env.get("HOME") or os.path.expanduser("~")
    for folder in SDK_FOLDERS:
        path = home + folder[1:] if folder.startswith("~") else folder
        if exists(path):
            return path
    return None


def image_interpreters(env: Mapping[str, str]) -> list[str]:
    """The documented interpreters of a notebook image, the default kernel env first."""
    found = []
    if env.get("ENV_NAME"):
        found.append(f"{_ANACONDA}/envs/{env['ENV_NAME']}/bin/python")
    found += [f"{_ANACONDA}/bin/python", PLATFORM_PYTHON]
    return found


def candidates(
    *,
    configured_python: str | None,
    configured_sdk_path: str | None,
    kernel_pythons: Sequence[tuple[str, str | None]],
    env: Mapping[str, str],
    exists: Exists = os.path.isdir,
) -> list[Candidate]:
    """Every interpreter to try, in order, each once.

    a. the configured interpreter (``notebook_python`` / ``MODELARTS_NOTEBOOK_PYTHON``)
       with the configured SDK path; b. the kernelspecs' interpreters as given
       (``(python, pythonpath)``, the default kernel first); c. the image's
       interpreters, each plain and then with the first existing SDK folder.
    """
    found: list[Candidate] = []
    if configured_python:
        found.append(Candidate(configured_python, configured_sdk_path, "configured"))
    found += [Candidate(python, path, "kernelspec") for python, path in kernel_pythons]
    sdk = first_sdk_folder(env, exists)
    for python in image_interpreters(env):
        found.append(Candidate(python, None, "image"))
        if sdk:
            found.append(Candidate(python, sdk, "image + SDK folder"))
    return list(_unique(found))


def _unique(items: Iterable[Candidate]) -> Iterable[Candidate]:
    seen: set[tuple[str, str | None]] = set()
    for item in items:
        key = (os.path.normpath(item.python), item.pythonpath)
        if key not in seen:
            seen.add(key)
            yield item
