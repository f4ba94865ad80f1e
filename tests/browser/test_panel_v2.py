"""New-version (v2) training jobs in the panel, in headless Chromium, on the in-process emulator.

A v2 job is a run: listed on the home view and in the job picker, opened in the same details
view (with its log preview), stopped with the same confirmation, watched (the server's lease and
event) and notified when it ends; and a cloud without v1 shows a working panel.
"""

from __future__ import annotations

import re
import time

import pytest
from lab_panel import DETAILS, PANEL, TAB, open_lab, open_panel
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.v2_demo import V2_COMPLETED, V2_RUNNING

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

JOBS = f"{PANEL} .jp-ModelArts-TrainingJobsView"
JOB_ROW = f"{JOBS} tr.jp-ModelArts-VersionRow"
TOAST = ".Toastify__toast"
RUNNING_TAB = ".lm-TabBar-tab[data-id='jp-running-sessions']"
#: Time for the server watcher's first poll of a new lease (its baseline) to complete.
BASELINE_SETTLE_S = 1.5


def _job_row(page: Page, job_id: str):
    return page.locator(f"{JOB_ROW}[data-version-id='{job_id}']")


def test_a_v2_job_is_listed_opened_and_stopped_once(page: Page, lab_server):
    open_panel(page)
    expect(page.locator(JOBS)).to_be_visible()
    expected = lab_server.api("GET", "/jupyterlab-modelarts/v2/training-jobs?limit=20").json()
    rows = page.locator(JOB_ROW)
    expect(rows).to_have_count(len(expected["items"]), timeout=20_000)
    shown = rows.evaluate_all("rows => rows.map(r => r.dataset.versionId)")
    assert shown == [job["id"] for job in expected["items"]], "newest first, as the server"
    row = _job_row(page, V2_RUNNING)
    expect(row.locator(".jp-ModelArts-StatusBadge")).to_have_attribute("data-status", "Running")
    expect(row.locator("button.jp-ModelArts-stopButton")).to_be_enabled()
    finished = _job_row(page, V2_COMPLETED).locator("button.jp-ModelArts-stopButton")
    expect(finished).to_be_disabled()

    # Opened: the same details view, fields from the v2 record, and its log preview.
    row.locator(".jp-ModelArts-runName").click()
    details = page.locator(f"{DETAILS}[data-version-id='{V2_RUNNING}']")
    expect(details).to_be_visible(timeout=20_000)
    expect(details.locator(".jp-ModelArts-detailsTitle")).to_have_text("mnist-v2")
    resources = details.locator("[data-section='resources']")
    expect(resources).to_contain_text("PyTorch")
    expect(resources).to_contain_text("modelarts.vm.pnt1.large.eco")
    expect(resources).to_contain_text("2")
    log = details.locator(".jp-ModelArts-logContent")
    expect(log).not_to_be_empty(timeout=20_000)
    expect(details.locator(".jp-ModelArts-logTask select option")).to_have_count(2)

    # Stopped: the same confirmation, "Stopping…", exactly one terminate upstream.
    lab_server.emulator("DELETE", "/_emulator/stats").raise_for_status()
    # A slower upstream terminate keeps "Stopping…" on screen long enough to be seen.
    lab_server.emulator(
        "POST",
        "/_emulator/faults",
        json={"route": "terminate_training_job", "kind": "latency", "latency": 1.0},
    ).raise_for_status()
    button = row.locator("button.jp-ModelArts-stopButton")
    button.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("mnist-v2")
    expect(dialog).to_contain_text("Stop training job")
    dialog.locator("button.jp-mod-warn").click()
    expect(button).to_have_text(re.compile("Stopping"))
    expect(button).to_be_disabled()
    expect(row.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", re.compile("Stopp"), timeout=30_000
    )
    expect(row.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", "Stopped", timeout=30_000
    )
    expect(button).to_be_disabled()
    expect(details.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", "Stopped", timeout=30_000
    )
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("terminate_training_job") == 1, stats["counts"]
    job = lab_server.api("GET", f"/jupyterlab-modelarts/v2/training-jobs/{V2_RUNNING}").json()
    assert job["status_name"] == "Terminated"


def test_a_v2_only_cloud_shows_a_working_panel_without_v1(browser, lab_server_v2_only):
    lab_server_v2_only.emulator("POST", "/_emulator/reset").raise_for_status()
    page, errors = open_lab(browser, lab_server_v2_only)
    try:
        open_panel(page)
        expect(page.locator(JOB_ROW).first).to_be_visible(timeout=20_000)
        expect(_job_row(page, V2_RUNNING).locator("button.jp-ModelArts-stopButton")).to_be_enabled()
        # v1 is not offered: no list of old-version jobs, no job picker, and no error anywhere.
        expect(page.locator(f"{PANEL} .jp-ModelArts-HomeView")).to_be_hidden(timeout=20_000)
        expect(page.locator(f"{PANEL} .jp-ModelArts-JobPicker")).to_be_hidden()
        expect(page.locator(f"{PANEL} .jp-mod-error:visible")).to_have_count(0)
        expect(
            page.locator(f"{PANEL} .jp-ModelArts-StatusBanner[data-state='error']")
        ).to_have_count(0)
        # Still working: the search narrows the v2 jobs.
        page.locator(f"{JOBS} input.jp-ModelArts-trainingJobsSearch").fill("mnist")
        expect(page.locator(JOB_ROW)).to_have_count(1, timeout=20_000)
        expect(page.locator(f"{PANEL} .jp-mod-error:visible")).to_have_count(0)
        assert not errors, f"uncaught errors in the page: {errors}"
    finally:
        page.context.close()


def test_a_v2_job_is_watched_stopped_from_the_running_sidebar_and_notified(page: Page, lab_server):
    # Running when the home view opened: watched, so the server leases it (the v2 lease route).
    with page.expect_response(
        lambda r: r.request.method == "PUT" and f"/v2/watches/{V2_RUNNING}" in r.url,
        timeout=30_000,
    ) as lease:
        open_panel(page)
    assert lease.value.ok and lease.value.json()["api"] == "v2"
    time.sleep(BASELINE_SETTLE_S)
    # The Running sidebar replaces the panel: the v2 table no longer polls, so the end can
    # only reach the page through the watch (the server's event, or the watches' own read).
    page.locator(RUNNING_TAB).click()
    expect(page.locator(PANEL)).to_be_hidden()
    item = page.locator(f".jp-ModelArts-RunningItem[data-context='v2:{V2_RUNNING}']")
    expect(item).to_contain_text("mnist-v2")
    lab_server.emulator("DELETE", "/_emulator/stats").raise_for_status()
    item.hover()
    item.locator(".jp-RunningSessions-itemShutdown").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("mnist-v2")
    dialog.locator("button.jp-mod-warn").click()
    expect(page.locator(TOAST).filter(has_text="Stop requested for mnist-v2")).to_be_visible()
    ended = page.locator(TOAST).filter(has_text="mnist-v2 ended")
    expect(ended).to_contain_text("Stopped", timeout=30_000)
    expect(item).to_have_count(0)
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("terminate_training_job") == 1, stats["counts"]
    # The notification's action opens the job's details.
    ended.get_by_text("Open").click()
    details = page.locator(f"{DETAILS}[data-version-id='{V2_RUNNING}']")
    expect(details).to_be_visible(timeout=20_000)
    expect(details.locator(".jp-ModelArts-StatusBadge")).to_have_attribute("data-status", "Stopped")


def test_the_job_picker_lists_v2_jobs_and_opens_one(page: Page, lab_server):
    open_panel(page)
    search = page.locator(f"{PANEL} input.jp-ModelArts-jobSearch")
    search.fill("mnist")
    option = page.locator(
        f"{PANEL} li.jp-ModelArts-jobOption.jp-mod-trainingJob[data-training-job-id='{V2_RUNNING}']"
    )
    expect(option).to_contain_text("mnist-v2", timeout=20_000)
    expect(option.locator(".jp-ModelArts-jobOption-kind")).to_be_visible()
    # The v1 jobs are listed too, unmarked.
    expect(page.locator(f"{PANEL} li.jp-ModelArts-jobOption[data-job-id]").first).to_be_visible()
    option.click()
    details = page.locator(f"{DETAILS}[data-version-id='{V2_RUNNING}']")
    expect(details).to_be_visible(timeout=20_000)
    expect(details.locator(".jp-ModelArts-detailsTitle")).to_have_text("mnist-v2")
    expect(page.locator(TAB)).to_be_visible()
