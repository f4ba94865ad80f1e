"""Finding and acting on versions in a real JupyterLab: the home view, filters, the rows'
context menu (mouse and keyboard) and the details of a version in the main area.

The details screenshot (details.png) goes to a temp dir; `make screenshots` writes it to docs/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lab_panel import (
    DETAILS,
    MENU,
    PANEL,
    ROW,
    copied,
    open_on_job,
    open_panel,
    row,
    watch_clipboard,
)
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import (
    BERT_JOB,
    BIG_JOB,
    MNIST_JOB,
    MNIST_RUNNING_VERSION,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

HOME = f"{PANEL} .jp-ModelArts-HomeView"


def _chip(page: Page, kind: str):
    return page.locator(f"{PANEL} .jp-ModelArts-kindChip[data-kind='{kind}']")


def test_home_lists_jobs_newest_first_and_opens_one(page: Page, lab_server):
    open_panel(page)
    home = page.locator(HOME)
    expect(home).to_be_visible()
    expected = lab_server.api(
        "GET",
        "/jupyterlab-modelarts/training-jobs?sort_by=create_time&order=desc&per_page=20",
    ).json()["jobs"]
    jobs = home.locator("button.jp-ModelArts-homeJob")
    expect(jobs).to_have_count(len(expected))
    shown = jobs.evaluate_all("items => items.map(i => i.dataset.jobId)")
    assert shown == [job["id"] for job in expected]
    first = jobs.first
    expect(first.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", expected[0]["status_label"]
    )
    expect(home.locator(".jp-ModelArts-pageLabel")).to_have_text("Page 1 of 1")
    home.locator("input.jp-ModelArts-homeSearch").fill("bert")
    expect(jobs).to_have_count(1)
    jobs.first.click()
    expect(page.locator(f"{PANEL} .jp-ModelArts-jobName")).to_have_text("bert-finetune")
    expect(home).to_be_hidden()
    expect(page.locator(ROW).first).to_be_visible(timeout=20_000)
    page.locator(f"{PANEL} .jp-ModelArts-homeButton").click()
    expect(home).to_be_visible()
    expect(page.locator(ROW)).to_have_count(0)
    assert str(BERT_JOB) in shown


def test_home_says_how_many_versions_each_job_has_running(page: Page):
    open_panel(page)
    home = page.locator(HOME)
    expect(home).to_be_visible()
    mnist = home.locator(f"button.jp-ModelArts-homeJob[data-job-id='{MNIST_JOB}']")
    expect(mnist.locator(".jp-ModelArts-homeJob-running")).to_have_text("1 running", timeout=20_000)
    # bert-finetune has one version running and one queued: only the running one counts.
    bert = home.locator(f"button.jp-ModelArts-homeJob[data-job-id='{BERT_JOB}']")
    expect(bert.locator(".jp-ModelArts-homeJob-running")).to_have_text("1 running", timeout=20_000)


def test_filters_find_failed_runs_and_are_remembered_per_job(page: Page, lab_server):
    open_on_job(page, BIG_JOB)
    versions = lab_server.api(
        "GET", f"/jupyterlab-modelarts/training-jobs/{BIG_JOB}/versions"
    ).json()["versions"]
    failed = [v for v in versions if v["status_kind"] == "failed"]
    expect(_chip(page, "failed")).to_have_text(f"Failed {len(failed)}")
    _chip(page, "failed").click()
    # The table is windowed: it says how many rows it has (plus its head row).
    table = page.locator(f"{PANEL} .jp-ModelArts-jobRuns table")
    expect(table).to_have_attribute("aria-rowcount", str(len(failed) + 1))
    kinds = page.locator(f"{ROW} .jp-ModelArts-StatusBadge").evaluate_all(
        "badges => [...new Set(badges.map(b => b.dataset.kind))]"
    )
    assert kinds == ["failed"]
    # Longest first, then a name filter.
    page.locator(f"{PANEL} select.jp-ModelArts-sortSelect").select_option("duration")
    longest = max(failed, key=lambda v: v["duration"])
    expect(page.locator(ROW).first).to_have_attribute("data-version-id", longest["id"])
    page.locator(f"{PANEL} input.jp-ModelArts-nameFilter").fill(failed[0]["name"])
    expect(page.locator(ROW)).to_have_count(1)
    expect(page.locator(f"{PANEL} .jp-ModelArts-filterStatus")).to_have_text(
        f"1 of {len(versions)} versions shown"
    )
    # Another job starts unfiltered; coming back restores this job's filter.
    open_on_job(page, MNIST_JOB)
    expect(_chip(page, "all")).to_have_attribute("aria-pressed", "true")
    open_on_job(page, BIG_JOB)
    expect(_chip(page, "failed")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(ROW)).to_have_count(1)


def test_context_menu_by_mouse_and_keyboard(page: Page, lab_server):
    open_on_job(page, MNIST_JOB)
    watch_clipboard(page)
    page.evaluate("() => { window.open = (url) => { window.__opened = url; return null; }; }")
    running = row(page, MNIST_RUNNING_VERSION)
    running.click(button="right")
    menu = page.locator(MENU)
    expect(menu).to_be_visible()
    for label in (
        "View Version Details",
        "Copy Version ID",
        "Copy Train URL",
        "Open in ModelArts Console",
        "Stop Version",
    ):
        expect(menu.get_by_text(label, exact=True)).to_be_visible()
    menu.get_by_text("Copy Version ID", exact=True).click()
    assert copied(page) == [str(MNIST_RUNNING_VERSION)]

    record = lab_server.api(
        "GET",
        f"/jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions/{MNIST_RUNNING_VERSION}",
    ).json()
    running.click(button="right")
    page.locator(MENU).get_by_text("Copy Train URL", exact=True).click()
    # The rows are summaries: the command reads the version's full record first.
    page.wait_for_function("() => window.__copied.length === 2")
    assert copied(page)[-1] == record["train_url"]

    running.click(button="right")
    page.locator(MENU).get_by_text("Open in ModelArts Console", exact=True).click()
    region = lab_server.api("GET", "/jupyterlab-modelarts/session").json()["region"]
    opened = page.evaluate("() => window.__opened")
    assert opened.startswith(f"https://console.huaweicloud.com/modelarts/?region={region}")
    assert f"jobId={MNIST_JOB}" in opened and f"versionId={MNIST_RUNNING_VERSION}" in opened

    # Keyboard: the selected row's Shift+F10 opens the same menu; Stop asks first.
    running.focus()
    page.keyboard.press("Shift+F10")
    expect(page.locator(MENU)).to_be_visible()
    page.locator(MENU).get_by_text("Stop Version", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("mnist-resnet")
    dialog.locator("button.jp-mod-reject").click()
    expect(dialog).to_have_count(0)
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert not stats["counts"].get("stop_version"), stats["counts"]


def test_details_open_in_the_main_area(page: Page, lab_server, screenshot_dir: Path):
    open_on_job(page, MNIST_JOB)
    record = lab_server.api(
        "GET",
        f"/jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions/{MNIST_RUNNING_VERSION}",
    ).json()
    row(page, MNIST_RUNNING_VERSION).locator(".jp-ModelArts-runName").click()
    details = page.locator(f"{DETAILS}[data-version-id='{MNIST_RUNNING_VERSION}']")
    expect(details).to_be_visible(timeout=20_000)
    expect(details.locator(".jp-ModelArts-detailsTitle")).to_have_text("mnist-resnet · V0004")
    expect(details.locator(".jp-ModelArts-StatusBadge").first).to_have_attribute(
        "data-kind", "running"
    )
    sections = details.locator(".jp-ModelArts-detailsSection").evaluate_all(
        "nodes => nodes.map(n => n.dataset.section)"
    )
    assert sections == ["status", "resources", "parameters", "metrics", "locations", "logs"]
    expect(details.locator("[data-section='parameters']")).to_contain_text(
        record["parameter"][0]["label"]
    )
    expect(details.locator("[data-section='metrics']")).to_contain_text("accuracy")
    expect(details.locator(".jp-ModelArts-logsSlot")).to_be_attached()
    page.locator(DETAILS).first.screenshot(path=str(screenshot_dir / "details.png"))
    duration = details.locator(".jp-ModelArts-detailsDuration")
    first = duration.text_content()
    expect(duration).not_to_have_text(first or "", timeout=5_000)
    watch_clipboard(page)
    details.locator(f".jp-ModelArts-copyButton[data-copy='{record['train_url']}']").click()
    assert copied(page) == [record["train_url"]]

    # Enter on the selected row opens (here: reveals) the details of another version.
    other = page.locator(ROW).nth(1)
    other_id = other.get_attribute("data-version-id")
    other.click()
    other.press("Enter")
    expect(page.locator(f"{DETAILS}[data-version-id='{other_id}']")).to_be_visible()
    expect(page.locator(DETAILS)).to_have_count(2)
    expect(page.locator(".lm-DockPanel-tabBar")).to_contain_text(re.compile(r"V0004"))
