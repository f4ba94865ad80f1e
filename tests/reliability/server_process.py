"""A real ``jupyter server`` subprocess with the extension, on a free loopback port.

Used where the test client must not share the server's event loop (hypothesis
examples are synchronous; the load test measures a server under real
concurrency) and where the server's whole log file matters (secrets).
Configuration goes through a ``jupyter_server_config.json`` in a private
config dir, as a deployment would; the process is stopped by its handle.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

import requests

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """``python -m jupyter_server`` with ``ModelArtsExtension`` traits from a config file."""

    def __init__(
        self,
        home: Path,
        traits: dict[str, Any],
        log_level: str = "DEBUG",
        extra_args: tuple[str, ...] = (),
        module: str = "jupyter_server",
        env: Optional[dict[str, str]] = None,
        enable_in_config: bool = True,
    ) -> None:
        self.home = home
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = home / "server.log"
        config_dir = home / "config"
        config_dir.mkdir(parents=True, exist_ok=True)
        server_app: dict[str, Any] = {"allow_unauthenticated_access": False}
        if enable_in_config:  # else enabled as `make install` does (sys-prefix config.d)
            server_app["jpserver_extensions"] = {"jupyterlab_modelarts": True}
        config = {"ServerApp": server_app, "ModelArtsExtension": traits}
        (config_dir / "jupyter_server_config.json").write_text(json.dumps(config))
        env_extra = env or {}
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "MODELARTS_"))
        }
        env.update(env_extra)
        env["JUPYTER_CONFIG_DIR"] = str(config_dir)
        # The package may not be pip-installed in the venv; the tests run from the repo.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        cmd = [
            sys.executable, "-m", module, "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={home}", f"--log-level={log_level}",
            *extra_args,
        ]  # fmt: skip
        if os.getuid() == 0:
            cmd.append("--allow-root")
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT, cwd=home
        )
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.token}"

    def wait_ready(self, timeout: float = 60.0, expect_status: int = 200) -> None:
        """Until the extension answers ``expect_status`` (or raise with the log)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if self.get("jupyterlab-modelarts/session", timeout=2).status_code == expect_status:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("jupyter server did not start:\n" + self.log_text()[-3000:])

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        """GET ``path`` (relative to the server root) with the token."""
        kwargs.setdefault("timeout", 30)
        return self.session.get(f"{self.url}/{path}", **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        """POST ``path`` with the token (token requests need no XSRF cookie)."""
        kwargs.setdefault("timeout", 30)
        return self.session.post(f"{self.url}/{path}", **kwargs)

    def log_text(self) -> str:
        """Everything the process has written so far."""
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout: Optional[float] = 15) -> None:
        """Terminate the process (kill it if it lingers)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.session.close()
        self._log.close()
