"""The versions sidebar in a real JupyterLab, in headless Chromium, on the in-process emulator.

Screenshots of the panel (panel.png, panel-dark.png) go to a temp dir; `make screenshots`
writes them to docs/ for the README.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lab_panel import PANEL, ROW, TAB
from lab_panel import open_on_job as _open_on_job
from lab_panel import row as _row
from lab_panel import widen_sidebar as _widen_sidebar
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]


def test_panel_opens_from_the_sidebar_and_shows_a_job(page: Page, lab_server):
    tab = page.locator(TAB)
    expect(tab).to_be_visible()
    if not page.locator(PANEL).is_visible():
        tab.click()
    expect(page.locator(PANEL)).to_be_visible()
    job_input = page.locator(f"{PANEL} input.jp-ModelArts-jobIdInput")
    job_input.fill(str(MNIST_JOB))
    job_input.press("Enter")
    expect(page.locator(ROW).first).to_be_visible(timeout=20_000)
    expected = lab_server.api("GET", f"/jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions")
    body = expected.json()
    expect(page.locator(f"{PANEL} .jp-ModelArts-jobName")).to_have_text(body["job_name"])
    expect(page.locator(ROW)).to_have_count(len(body["versions"]))
    shown = page.locator(ROW).evaluate_all("rows => rows.map(r => r.dataset.versionId)")
    assert shown == [str(v["version_id"]) for v in body["versions"]], "newest first, as the server"


def test_panel_opens_from_the_command_palette(page: Page):
    page.keyboard.press("Control+Shift+C")
    palette = page.locator(".lm-CommandPalette-input")
    expect(palette).to_be_visible()
    palette.fill("Open ModelArts Training Versions")
    page.locator(
        ".lm-CommandPalette-item", has_text="Open ModelArts Training Versions"
    ).first.click()
    expect(page.locator(PANEL)).to_be_visible()


def test_stop_is_enabled_exactly_on_running_rows(page: Page, lab_server, screenshot_dir: Path):
    _open_on_job(page, MNIST_JOB)
    versions = lab_server.api(
        "GET", f"/jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions"
    ).json()["versions"]
    assert any(v["status"] == 8 for v in versions) and any(v["status"] != 8 for v in versions)
    for version in versions:
        row = _row(page, version["version_id"])
        expect(row.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
            "data-status", version["status_label"]
        )
        button = row.locator("button.jp-ModelArts-stopButton")
        if version["status"] == 8:
            expect(button).to_be_enabled()
            expect(button).to_have_attribute("aria-disabled", "false")
        else:
            expect(button).to_be_disabled()
            expect(button).to_have_attribute("aria-disabled", "true")
            expect(button).to_have_attribute("title", re.compile("Only running versions"))
    _widen_sidebar(page)
    page.locator(PANEL).screenshot(path=str(screenshot_dir / "panel.png"))


def test_stop_flow_ends_canceled(page: Page, lab_server):
    # A slower upstream stop keeps "Stopping…" on screen long enough to be seen.
    lab_server.emulator(
        "POST",
        "/_emulator/faults",
        json={"route": "stop_version", "kind": "latency", "latency": 1.0},
    ).raise_for_status()
    _open_on_job(page, MNIST_JOB)
    row = _row(page, MNIST_RUNNING_VERSION)
    button = row.locator("button.jp-ModelArts-stopButton")
    button.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("mnist-resnet")
    dialog.locator("button.jp-mod-warn").click()
    expect(button).to_have_text(re.compile("Stopping"))
    expect(button).to_be_disabled()
    expect(row.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", "Canceled", timeout=30_000
    )
    expect(button).to_be_disabled()
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("stop_version") == 1, stats["counts"]
    version = lab_server.api(
        "GET", f"/jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions/{MNIST_RUNNING_VERSION}"
    ).json()
    assert version["status"] == 12


def test_upstream_fault_shows_banner_and_keeps_rows(page: Page, lab_server):
    _open_on_job(page, MNIST_JOB)
    count = page.locator(ROW).count()
    lab_server.emulator(
        "POST",
        "/_emulator/faults",
        json={
            "route": "list_versions",
            "kind": "error",
            "status": 500,
            "error_code": "ModelArts.0010",
            "error_msg": "Internal error.",
        },
    ).raise_for_status()
    page.locator(f"{PANEL} .jp-ModelArts-refreshButton").click()
    banner = page.locator(f"{PANEL} .jp-ModelArts-StatusBanner[data-state='error']")
    expect(banner).to_be_visible(timeout=20_000)
    expect(banner).to_contain_text("ModelArts.0010")
    expect(page.locator(ROW)).to_have_count(count)
    expect(page.locator(f"{PANEL} .jp-ModelArts-jobRuns table.jp-ModelArts-table")).to_have_class(
        re.compile("jp-mod-stale")
    )
    lab_server.emulator("DELETE", "/_emulator/faults").raise_for_status()
    banner.locator("button.jp-ModelArts-retryButton").click()
    expect(banner).to_have_count(0, timeout=20_000)


UNREAD_JOB = "999999"


def test_missing_permission_is_named_in_the_banner(page: Page, lab_server):
    # The cloud refuses the versions call as it does for an agency without the permission.
    lab_server.emulator(
        "POST",
        "/_emulator/faults",
        json={
            "route": "list_versions",
            "kind": "error",
            "status": 403,
            "error_code": "ModelArts.0108",
        },
    ).raise_for_status()
    # A job no earlier test (nor the home view's running counts) read: nothing is cached.
    page.evaluate(
        "(job) => window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: job})",
        UNREAD_JOB,
    )
    banner = page.locator(f"{PANEL} .jp-ModelArts-StatusBanner[data-state='error']")
    expect(banner).to_be_visible(timeout=20_000)
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_contain_text("ModelArts.0108")
    expect(banner).to_contain_text("modelarts:trainJobVersion:list")
    expect(banner.locator("button.jp-ModelArts-retryButton")).to_be_visible()
    expect(page.locator(ROW)).to_have_count(0)


def test_dark_theme_renders(page: Page, screenshot_dir: Path):
    _open_on_job(page, MNIST_JOB)
    _widen_sidebar(page)
    light = page.locator(PANEL).evaluate("el => getComputedStyle(el).color")
    page.evaluate(
        "() => window.jupyterapp.commands.execute('apputils:change-theme',"
        " {theme: 'JupyterLab Dark'})"
    )
    expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "false", timeout=20_000)
    dark = page.locator(PANEL).evaluate("el => getComputedStyle(el).color")
    assert dark != light, (light, dark)
    expect(page.locator(ROW).first).to_be_visible()
    # Theme CSS variables fade in with a transition; let it finish before the picture.
    page.wait_for_timeout(1000)
    page.locator(PANEL).screenshot(path=str(screenshot_dir / "panel-dark.png"))
