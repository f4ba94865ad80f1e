"""A simulated ModelArts notebook: a separate Python holding a stand-in legacy SDK.

Real notebooks run the Jupyter server in the platform's Python while the legacy
SDK lives with the kernels. This builds the same split on one machine: a second
virtual environment (never the test's own) whose ``modelarts.session.Session()``
reads an agency's temporary keys from a file the test writes and rotates, and a
kernelspec that names that environment's interpreter.

The stand-in SDK is the boundary faked here: Huawei's legacy SDK is not on any
registry this project can install from (its wheel is only on Huawei's OBS).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

#: The environment variable the stand-in ``Session()`` reads its key file's path from.
KEYS_ENV = "MODELARTS_STANDIN_KEYS"
#: If set, each ``Session()`` appends a line to this file: the witness of child processes.
CALLS_ENV = "MODELARTS_STANDIN_CALLS"

STANDIN_SESSION = f'''
"""Stand-in for the legacy SDK's modelarts.session (tests only)."""
import json
import os


class Session:
    """Reads the agency's temporary keys the way a notebook's implicit session holds them."""

    def __init__(self):
        calls = os.environ.get("{CALLS_ENV}")
        if calls:
            with open(calls, "a") as handle:
                handle.write("Session()\\n")
        path = os.environ.get("{KEYS_ENV}")
        if not path or not os.path.exists(path):
            raise RuntimeError("no agency credentials in this container")
        with open(path) as handle:
            keys = json.load(handle)
        if keys.get("broken"):
            raise ValueError("the SDK cannot build a session: " + keys.get("secret_key", ""))
        self.access_key = keys["access_key"]
        self.secret_key = keys["secret_key"]
        self.security_token = keys.get("security_token")
        self.project_id = keys.get("project_id")
        self.region_name = keys.get("region_name")
        self.user_id = keys.get("user_id")
'''


def make_kernel_python(root: Path) -> Path:
    """A new virtual environment under ``root`` with the stand-in SDK; its interpreter."""
    env = root / "kernel-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    package = Path(purelib) / "modelarts"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Stand-in legacy ModelArts SDK (tests only)."""\n')
    (package / "session.py").write_text(textwrap.dedent(STANDIN_SESSION))
    return python


def write_kernelspec(data_dir: Path, name: str, python: Path) -> Path:
    """A kernelspec ``name`` under ``data_dir/kernels`` whose interpreter is ``python``."""
    folder = data_dir / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"{name} (simulated ModelArts notebook)",
        "language": "python",
    }
    (folder / "kernel.json").write_text(json.dumps(spec))
    return folder


def write_keys(path: Path, credential: dict[str, str | None]) -> None:
    """Rotate the agency keys the stand-in ``Session()`` will read next."""
    path.write_text(json.dumps(credential))


def session_calls(path: Path) -> int:
    """How many ``Session()`` the stand-in built (one per child process that got that far)."""
    return len(path.read_text().splitlines()) if path.exists() else 0
