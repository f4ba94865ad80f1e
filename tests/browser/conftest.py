"""A real JupyterLab with the extension on its in-process emulator, driven by headless Chromium."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from lab_panel import open_lab

#: Where screenshots go when set (`make screenshots` points it at docs/); a temp dir otherwise,
#: so a test run never rewrites tracked files.
SCREENSHOTS_ENV = "JUPYTERLAB_MODELARTS_SCREENSHOTS"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def jp_asyncio_loop():
    """Replace pytest-jupyter's loop: these tests are synchronous and Playwright's
    sync API keeps its own loop marked as running between calls, which
    pytest-jupyter would then try to close."""
    yield None


@pytest.fixture(autouse=True)
def jp_server_cleanup():
    """No in-process ServerApp here (the server is a subprocess): nothing to clean."""
    yield


@dataclass
class LabServer:
    """A running `jupyter lab` subprocess and how to reach it."""

    url: str
    token: str
    emulator_url: str

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call this server's REST API with its token."""
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=10, **kwargs)

    def emulator(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the in-process emulator's admin API (JSON only, as it requires)."""
        kwargs.setdefault("headers", {"Content-Type": "application/json"})
        return requests.request(method, f"{self.emulator_url}{path}", timeout=10, **kwargs)


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory) -> Iterator[LabServer]:
    """JupyterLab with `--ModelArtsExtension.emulate=True` on a free loopback port."""
    yield from _lab(tmp_path_factory)


@pytest.fixture(scope="module")
def lab_server_v2_only(tmp_path_factory) -> Iterator[LabServer]:
    """The same on a cloud that serves only new-version (v2) training jobs."""
    yield from _lab(tmp_path_factory, "--ModelArtsExtension.emulator_serves_v1=False")


def _lab(tmp_path_factory, *extra_args: str) -> Iterator[LabServer]:
    """Run JupyterLab on the emulator (with ``extra_args``) until the test module ends."""
    if _chromium() is None:
        pytest.skip("Debian chromium is not installed (make test installs it when it can)")
    home = tmp_path_factory.mktemp("lab")
    settings = home / "settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    # Keep the "news" toast from covering the page.
    (
        settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    ).write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
    }
    for name in list(env):
        if name.startswith(("HUAWEICLOUD_SDK_", "MODELARTS_")):
            env.pop(name)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={home}",
        "--ModelArtsExtension.emulate=True",
        "--ServerApp.open_browser=False",
        # Lets the tests run commands (jupyterapp.commands) as another extension would.
        "--LabApp.expose_app_in_browser=True",
        *extra_args,
    ]
    if os.getuid() == 0:
        cmd.append("--allow-root")
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=home)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (home / "server.log").read_text()
            try:
                resp = requests.get(
                    f"{url}/jupyterlab-modelarts/session",
                    headers={"Authorization": f"token {token}"},
                    timeout=2,
                )
                if resp.ok:
                    break
            except (requests.ConnectionError, requests.Timeout):  # not up yet, or busy
                pass
            assert time.monotonic() < deadline, (home / "server.log").read_text()
            time.sleep(0.3)
        session = resp.json()
        assert session["emulated"] is True, session
        yield LabServer(url=url, token=token, emulator_url=session["endpoint"].rstrip("/"))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """The folder screenshots are written to: $JUPYTERLAB_MODELARTS_SCREENSHOTS or a temp dir."""
    configured = os.environ.get(SCREENSHOTS_ENV)
    return Path(configured) if configured else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser():
    """Debian chromium under Playwright (Playwright's own browser download does not work here)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        pytest.skip("Debian chromium is not installed")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def emulator_reset(lab_server):
    """Put the in-process emulator back to its demo data with no faults."""
    lab_server.emulator("POST", "/_emulator/reset").raise_for_status()
    return lab_server


@pytest.fixture
def page(browser, emulator_reset):
    """A fresh browser page on a reset workspace of JupyterLab."""
    page, errors = open_lab(browser, emulator_reset)
    yield page
    page.context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
