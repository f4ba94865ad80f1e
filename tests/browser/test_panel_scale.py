"""A 10,000-version job in the windowed table: scrolled to its end with a bounded DOM, the
keyboard across the window, and its running version (the oldest, the last row) stopped."""

from __future__ import annotations

import re
import time

import pytest
from lab_panel import PANEL, ROW, open_on_job, row
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import demo_data

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(240)]

JOB, COUNT = 990000, 10_000
FIRST_ID = 700000 + COUNT
RUNNING_ID = 700001
#: Far fewer rows than the job has: the rows in view plus the overscan, whatever the size.
MAX_ROWS = 120

#: Scroll the table from top to bottom one step per frame; the most rows the DOM held.
SCROLL_THROUGH = """async (scroller) => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
    const rows = () => scroller.querySelectorAll('tr.jp-ModelArts-VersionRow').length;
    let most = rows();
    const end = scroller.scrollHeight - scroller.clientHeight;
    for (let step = 1; step <= 60; step++) {
        scroller.scrollTop = end * step / 60;
        await frame();
        most = Math.max(most, rows());
    }
    return most;
}"""


def _scale_job(now_ms: int) -> dict:
    """COUNT versions, newest first by id; the oldest runs for good."""
    versions = [
        {
            "version_id": 700000 + n,
            "version_name": f"V{n:05d}",
            "status": 11 if n % 97 == 0 else 10,
            "create_time": now_ms - (COUNT - n + 2) * 60 * 1000,
            "duration": 60000 + n,
        }
        for n in range(2, COUNT + 1)
    ]
    running = {
        "version_id": RUNNING_ID,
        "version_name": "V00001",
        "lifecycle": {"start": -COUNT * 60 - 600, "run_seconds": None},
    }
    return {"job_id": JOB, "job_name": "scale-10k", "versions": [running, *versions]}


@pytest.fixture
def scale_job(emulator_reset):
    """The demo data plus the 10,000-version job (the next test's reset removes it)."""
    data = demo_data(int(time.time() * 1000))
    data["jobs"].append(_scale_job(int(time.time() * 1000)))
    emulator_reset.emulator("PUT", "/_emulator/data", json=data).raise_for_status()
    return emulator_reset


def test_ten_thousand_versions_scroll_to_the_end_and_stop(page: Page, scale_job):
    open_on_job(page, JOB)
    table = page.locator(f"{PANEL} .jp-ModelArts-jobRuns table.jp-ModelArts-table")
    expect(table).to_have_attribute("aria-rowcount", str(COUNT + 1))
    expect(row(page, FIRST_ID)).to_have_attribute("aria-rowindex", "2")
    scroller = page.locator(f"{PANEL} .jp-ModelArts-VersionsTable.jp-ModelArts-jobRuns")
    most = scroller.evaluate(SCROLL_THROUGH)
    assert most <= MAX_ROWS, most
    last = row(page, RUNNING_ID)
    expect(last).to_be_visible()
    expect(last).to_have_attribute("aria-rowindex", str(COUNT + 1))
    assert page.locator(ROW).count() <= MAX_ROWS

    # Home and End move over every run, rendered or not.
    last.click()
    last.press("Home")
    first = row(page, FIRST_ID)
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-selected", "true")
    assert page.locator(ROW).count() <= MAX_ROWS
    first.press("End")
    expect(last).to_be_focused()
    expect(last).to_have_attribute("aria-selected", "true")

    scale_job.emulator("DELETE", "/_emulator/stats").raise_for_status()
    button = last.locator("button.jp-ModelArts-stopButton")
    expect(button).to_be_enabled()
    button.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("scale-10k")
    dialog.locator("button.jp-mod-warn").click()
    expect(last.locator(".jp-ModelArts-StatusBadge")).to_have_attribute(
        "data-status", re.compile("Stopping|Canceled"), timeout=30_000
    )
    stats = scale_job.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("stop_version") == 1, stats["counts"]
    assert page.locator(ROW).count() <= MAX_ROWS
