"""Benchmark harness: the processes under test, timing statistics and machine facts.

Everything binds 127.0.0.1 only and is stopped by its own handle. The emulator
runs as its own process (``python -m jupyterlab_modelarts.emulator``) so the
Jupyter server under test does not share an event loop or a GIL with it.
"""

from __future__ import annotations

import json
import math
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import requests

REPO = Path(__file__).resolve().parents[2]
LABEXT_NAME = "jupyterlab-modelarts"


# -- statistics ------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank): with few samples p99 is the maximum, as it should be."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    """n, median, p99, min, max of a sample (same unit as the values)."""
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p99": percentile(values, 99),
        "min": min(values),
        "max": max(values),
    }


def ms(seconds: Sequence[float]) -> list[float]:
    """Seconds -> milliseconds."""
    return [s * 1000 for s in seconds]


# -- processes -------------------------------------------------------------------


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env() -> dict[str, str]:
    """The environment for child processes: no real cloud credentials, the repo importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "MODELARTS_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _wait(url: str, proc: subprocess.Popen, log: Path, timeout: float, **kwargs: Any) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if requests.get(url, timeout=2, **kwargs).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{url} did not come up:\n{log.read_text(errors='replace')[-3000:]}")


class Process:
    """A child process with its log file; ``stop()`` terminates it by its handle."""

    def __init__(self, cmd: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
        self.log_path = log
        self._log = log.open("w")
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


class EmulatorProcess(Process):
    """``python -m jupyterlab_modelarts.emulator --port N`` plus its admin API."""

    def __init__(self, workdir: Path, kill_delay: float = 1.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable, "-m", "jupyterlab_modelarts.emulator",
            "--port", str(self.port), "--kill-delay", str(kill_delay),
        ]  # fmt: skip
        super().__init__(cmd, base_env(), workdir, workdir / "emulator.log")
        _wait(f"{self.url}/_emulator/config", self.proc, self.log_path, 60)
        self.config = self.admin("GET", "config")

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        """One admin API call (``/_emulator/{path}``); raises on an error status."""
        headers = {"Content-Type": "application/json"}  # the admin API takes JSON only
        url = f"{self.url}/_emulator/{path}"
        answer = requests.request(method, url, json=body, headers=headers, timeout=60)
        answer.raise_for_status()
        return answer.json() if answer.content else None

    def counts(self) -> dict[str, int]:
        return self.admin("GET", "stats")["counts"]

    def clear_stats(self) -> None:
        self.admin("DELETE", "stats")

    def set_fault(self, route: str, kind: str, **options: Any) -> None:
        self.admin("POST", "faults", {"route": route, "kind": kind, **options})

    def clear_faults(self) -> None:
        self.admin("DELETE", "faults")


@dataclass
class LabProcess(Process):
    """``python -m jupyterlab`` with the extension pointed at an emulator."""

    workdir: Path
    emulator: EmulatorProcess
    traits: dict[str, Any] = field(default_factory=dict)
    labextension: Optional[Path] = None
    lab_settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(16)
        home = self.workdir
        emu = self.emulator.config
        config_dir, settings_dir = home / "config", home / "settings"
        config_dir.mkdir(parents=True, exist_ok=True)
        secret_key_file = config_dir / "secret_key"  # secrets are settings only as files
        secret_key_file.write_text(emu["secret_key"])
        traits = {
            "endpoint": self.emulator.url,
            "region": emu["region"],
            "project_id": emu["project_id"],
            "access_key": emu["access_key"],
            "secret_key_file": str(secret_key_file),
            "credential_sources": ["config"],
            **self.traits,
        }
        config = {
            "ServerApp": {"jpserver_extensions": {"jupyterlab_modelarts": True}},
            "ModelArtsExtension": traits,
        }
        (config_dir / "jupyter_server_config.json").write_text(json.dumps(config))
        settings = {
            "@jupyterlab/apputils-extension/notification": {
                "fetchNews": "false",
                "checkForUpdates": False,
            },
            **self.lab_settings,
        }
        for plugin, values in settings.items():
            package, name = plugin.rsplit("/", 1)
            target = settings_dir / package / f"{name}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        env = base_env()
        env.update(
            JUPYTER_CONFIG_DIR=str(config_dir),
            JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        )
        if self.labextension is not None:
            # JUPYTER_PATH comes first in the labextensions path: this build wins.
            data = home / "data" / "labextensions"
            data.mkdir(parents=True, exist_ok=True)
            (data / LABEXT_NAME).symlink_to(self.labextension)
            env["JUPYTER_PATH"] = str(home / "data")
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={home}", "--LabApp.expose_app_in_browser=True",
        ]  # fmt: skip
        if os.getuid() == 0:
            cmd.append("--allow-root")
        super().__init__(cmd, env, home, home / "lab.log")
        headers = {"Authorization": f"token {self.token}"}
        _wait(
            f"{self.url}/jupyterlab-modelarts/session",
            self.proc,
            self.log_path,
            90,
            headers=headers,
        )
        self.session = requests.Session()
        self.session.headers.update(headers)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 120)
        return self.session.get(f"{self.url}/{path}", **kwargs)

    def rss_kib(self) -> tuple[int, int]:
        """(current RSS, peak RSS) of the server process, in KiB, from /proc."""
        fields = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

    def worker_peak_rss_kib(self) -> int:
        """The largest peak RSS (KiB) of the server's worker processes (0 when none runs)."""
        peaks = [0]
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                if b"client.worker" not in (proc / "cmdline").read_bytes():
                    continue
                status = (proc / "status").read_text().splitlines()
            except OSError:  # gone meanwhile
                continue
            fields = dict(line.partition(":")[::2] for line in status)
            if int(fields["PPid"].strip()) == self.pid:
                peaks.append(int(fields["VmHWM"].split()[0]))
        return max(peaks)


# -- machine -------------------------------------------------------------------


def _command_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not available"


def machine() -> dict[str, Any]:
    """Where the numbers were measured."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem_kib = int(line.split()[1])
    import jupyter_server
    import jupyterlab
    import tornado

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    commit = _command_version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": _command_version(["node", "--version"]),
        "chromium": _command_version([chromium, "--version"]) if chromium else "not installed",
        "jupyterlab": jupyterlab.__version__,
        "jupyter_server": jupyter_server.__version__,
        "tornado": tornado.version,
        "commit": commit,
        "load_average": os.getloadavg(),
    }
