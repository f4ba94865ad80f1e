"""The logs of a version in its details view: the running demo version's lines appear and grow."""

from __future__ import annotations

import pytest
from lab_panel import DETAILS, open_on_job, row
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]


def test_log_lines_appear_and_grow_while_the_version_runs(page: Page):
    open_on_job(page, MNIST_JOB)
    row(page, MNIST_RUNNING_VERSION).locator(".jp-ModelArts-runName").click()
    details = page.locator(f"{DETAILS}[data-version-id='{MNIST_RUNNING_VERSION}']")
    logs = details.locator(".jp-ModelArts-Logs")
    expect(logs).to_have_attribute("data-state", "lines", timeout=20_000)
    expect(logs.locator("select.jp-ModelArts-logFile option").first).to_have_text(
        "job-mnist-resnet.0"
    )
    expect(logs.locator(".jp-ModelArts-logsFollowing")).to_have_text("Following new lines")
    lines = logs.locator("pre.jp-ModelArts-logLines")
    first = lines.text_content() or ""
    assert "step" in first and "loss=" in first
    # The emulator writes a line every 2 s of run time; the view reads on from the last line.
    expect(lines).not_to_have_text(first, timeout=15_000)
    grown = lines.text_content() or ""
    assert grown.startswith(first), "new lines are appended, the earlier ones stay"
    assert grown.count("\n") > first.count("\n")
    # Older lines: the first read showed only the newest page.
    older = logs.locator("button.jp-ModelArts-logsOlder")
    expect(older).to_be_visible()
    before = lines.text_content() or ""
    older.click()
    expect(lines).not_to_have_text(before, timeout=10_000)
    after = lines.text_content() or ""
    first_line = before.split("\n", 1)[0]
    assert after.index(first_line) > 0, "older lines come before the first one shown"
