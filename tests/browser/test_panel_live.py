"""The live panel in a real JupyterLab: changes pushed over JupyterLab's event stream, a
notification when a watched version ends (also with the panel closed), the Running sidebar's
section of watched versions, and watches that survive a reload.

Statuses are changed with the emulator's admin API (pin); the server's watcher polls a leased
job every ``watch_interval`` (5 s by default) and emits the change on the event bus.
"""

from __future__ import annotations

import re
import time

import pytest
from lab_panel import PANEL, TAB, open_lab, open_on_job, row
from playwright.sync_api import Page, Request, expect

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

TOAST = ".Toastify__toast"
RUNNING_TAB = ".lm-TabBar-tab[data-id='jp-running-sessions']"
RUNNING_ITEM = f".jp-ModelArts-RunningItem[data-context='{MNIST_JOB}:{MNIST_RUNNING_VERSION}']"
#: Time for the server watcher's first poll of a new lease (its baseline) to complete.
BASELINE_SETTLE_S = 1.5


def _is_versions_list(request: Request) -> bool:
    return request.method == "GET" and bool(
        re.search(rf"/training-jobs/{MNIST_JOB}/versions(\?|$)", request.url)
    )


def _open_live(page: Page) -> None:
    """Open the panel on the mnist job and wait until the server watches it."""
    with page.expect_response(
        lambda r: r.request.method == "PUT" and f"/watches/{MNIST_JOB}" in r.url, timeout=20_000
    ) as lease:
        open_on_job(page, MNIST_JOB)
    assert lease.value.ok
    time.sleep(BASELINE_SETTLE_S)


def _pin(lab_server, status: int) -> None:
    lab_server.emulator(
        "PUT",
        f"/_emulator/jobs/{MNIST_JOB}/versions/{MNIST_RUNNING_VERSION}",
        json={"status": status},
    ).raise_for_status()


def test_a_pushed_status_change_needs_no_versions_request(page: Page, lab_server):
    _open_live(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if _is_versions_list(r) else None)
    _pin(lab_server, 10)  # completed
    badge = row(page, MNIST_RUNNING_VERSION).locator(".jp-ModelArts-StatusBadge")
    expect(badge).to_have_attribute("data-kind", "completed", timeout=20_000)
    assert requests == [], f"the panel asked for the versions: {requests}"
    # The version was running when the job was opened: it was watched, so its end is told.
    toast = page.locator(TOAST).filter(has_text="mnist-resnet V0004 ended")
    expect(toast).to_contain_text("Completed")


def test_a_watched_version_ending_is_notified_with_the_panel_closed(page: Page, lab_server):
    _open_live(page)
    bell = row(page, MNIST_RUNNING_VERSION).locator("button.jp-ModelArts-watchButton")
    expect(bell).to_have_attribute("aria-pressed", "true")
    page.locator(TAB).click()  # collapse the sidebar: the panel is closed
    expect(page.locator(PANEL)).to_be_hidden()
    _pin(lab_server, 11)  # failed
    toast = page.locator(TOAST).filter(has_text="mnist-resnet V0004 ended")
    expect(toast).to_contain_text("Failed", timeout=20_000)
    toast.get_by_text("Open").click()
    expect(page.locator(PANEL)).to_be_visible()
    expect(row(page, MNIST_RUNNING_VERSION).locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-kind", "failed"
    )


def test_the_running_sidebar_stops_a_watched_version(page: Page, lab_server):
    _open_live(page)
    page.locator(RUNNING_TAB).click()
    item = page.locator(RUNNING_ITEM)
    expect(item).to_contain_text("mnist-resnet · V0004")
    item.hover()
    item.locator(".jp-RunningSessions-itemShutdown").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("mnist-resnet")
    dialog.locator("button.jp-mod-warn").click()
    stopped = page.locator(TOAST).filter(has_text="Stop requested for mnist-resnet V0004")
    expect(stopped).to_be_visible()
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("stop_version") == 1, stats["counts"]
    # The stop is pushed back: the version leaves the section once it is no longer running.
    expect(item).to_have_count(0, timeout=30_000)


def _workspace_saved(page: Page):
    """Wait for JupyterLab to save the workspace (where the state database lives)."""
    return page.expect_response(
        lambda r: "/lab/api/workspaces" in r.url and r.request.method == "PUT", timeout=20_000
    )


def _reload(page: Page, lab_server) -> None:
    """Load JupyterLab again on the same workspace (not `?reset`, which clears the state)."""
    page.goto(f"{lab_server.url}/lab?token={lab_server.token}")
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=60_000)
    page.wait_for_selector(TAB, timeout=60_000)
    if not page.locator(PANEL).is_visible():
        page.locator(TAB).click()


def test_watches_survive_a_reload(browser, emulator_reset):
    page, errors = open_lab(browser, emulator_reset)
    try:
        open_on_job(page, MNIST_JOB)
        bell = row(page, MNIST_RUNNING_VERSION).locator("button.jp-ModelArts-watchButton")
        expect(bell).to_have_attribute("aria-pressed", "true")
        with _workspace_saved(page):
            bell.click()  # unwatch: implicit watching must not add it back
        expect(bell).to_have_attribute("aria-pressed", "false")
        _reload(page, emulator_reset)
        expect(row(page, MNIST_RUNNING_VERSION)).to_be_visible(timeout=20_000)
        expect(bell).to_have_attribute("aria-pressed", "false")
        with _workspace_saved(page):
            bell.click()
        expect(bell).to_have_attribute("aria-pressed", "true")
        _reload(page, emulator_reset)
        expect(bell).to_have_attribute("aria-pressed", "true", timeout=20_000)
    finally:
        page.context.close()
    assert not errors, errors
