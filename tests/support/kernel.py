"""A real ``jupyter server`` process with the extension (emulate mode) and code run in its kernels.

What notebook code meets: the server's sessions API starts a real ipykernel,
whose parent is the server, and code runs in it over the kernel protocol.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

TOKEN = "real-server-test-token"
#: Seconds to wait for the server to answer and for a kernel to be ready.
START_TIMEOUT = 60.0
RUN_TIMEOUT = 120.0
STOP_TIMEOUT = 15.0


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RealServer:
    """A running server: its URL (base_url included), auth headers and folders."""

    url: str
    headers: dict[str, str]
    runtime: Path
    root: Path
    proc: subprocess.Popen[bytes]


@dataclass
class KernelRun:
    """What one execution left: its status, the printed text, and the rich outputs."""

    status: str
    text: str
    outputs: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def real_server(tmp_path: Path, base_url: str = "/", *extra_args: str) -> Iterator[RealServer]:
    """Start ``jupyter server`` with the extension on the in-process emulator; stop it after."""
    runtime, config, root = tmp_path / "runtime", tmp_path / "config", tmp_path / "root"
    for folder in (runtime, config, root):
        folder.mkdir()
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {"jupyterlab_modelarts": True}}})
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "JPY_", "MODELARTS_", "HUAWEICLOUD_"))
    }
    env.update(JUPYTER_RUNTIME_DIR=str(runtime), JUPYTER_CONFIG_DIR=str(config))
    # The kernel starts in root_dir: let it import this source tree even when not installed.
    repo = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (repo, env.get("PYTHONPATH")) if p)
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
            f"--ServerApp.base_url={base_url}",
            "--ModelArtsExtension.emulate=True",
            *extra_args,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = RealServer(
        f"http://127.0.0.1:{port}{base_url}",
        {"Authorization": f"token {TOKEN}"},
        runtime,
        root,
        proc,
    )
    try:
        _wait_until_up(server)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def _wait_until_up(server: RealServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            if requests.get(server.url + "api/status", headers=server.headers, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        if server.proc.poll() is not None or time.monotonic() > deadline:
            server.proc.kill()
            tail = server.proc.stderr.read().decode()[-2000:] if server.proc.stderr else ""
            raise RuntimeError("jupyter server did not start: " + tail)
        time.sleep(0.2)


def _collect(run: KernelRun, msg: dict[str, Any]) -> None:
    """Keep what a notebook shows of one message: text, tracebacks, rich outputs."""
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        run.text += content["text"]
    elif kind == "error":
        run.text += "\n".join(content["traceback"])
    elif kind in ("execute_result", "display_data"):
        run.outputs.append(content["data"])


def run_in_kernel(server: RealServer, *cells: str, notebook: str = "demo.ipynb") -> list[KernelRun]:
    """Start a kernel through the server's sessions API and run each cell in turn."""
    from jupyter_client import BlockingKernelClient

    answer = requests.post(
        server.url + "api/sessions",
        headers=server.headers,
        json={"path": notebook, "type": "notebook", "kernel": {"name": "python3"}},
        timeout=START_TIMEOUT,
    )
    answer.raise_for_status()
    kernel_id = answer.json()["kernel"]["id"]
    client = BlockingKernelClient(connection_file=str(server.runtime / f"kernel-{kernel_id}.json"))
    client.load_connection_file()
    client.start_channels()
    runs = []
    try:
        client.wait_for_ready(timeout=START_TIMEOUT)
        for cell in cells:
            run = KernelRun("", "")
            reply = client.execute_interactive(
                cell, output_hook=lambda msg, run=run: _collect(run, msg), timeout=RUN_TIMEOUT
            )
            run.status = reply["content"]["status"]
            runs.append(run)
    finally:
        client.stop_channels()
    return runs
