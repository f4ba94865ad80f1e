"""New-version (v2) training jobs in the panel, in headless Chromium, on the in-process emulator.

A v2 job is a run: listed on the home view, opened in the same details view (with its log
preview), stopped with the same confirmation; and a cloud without v1 shows a working panel.
"""

from __future__ import annotations

import re

import pytest
from lab_panel import DETAILS, PANEL, open_lab, open_panel
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.v2_demo import V2_COMPLETED, V2_RUNNING

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

JOBS = f"{PANEL} .jp-ModelArts-TrainingJobsView"
JOB_ROW = f"{JOBS} tr.jp-ModelArts-VersionRow"


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
        "data-status", re.compile("Terminat"), timeout=30_000
    )
    expect(row.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", "Terminated", timeout=30_000
    )
    expect(button).to_be_disabled()
    expect(details.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", "Terminated", timeout=30_000
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
