"""The versions table inside a notebook (issue 17) in a real JupyterLab with a real kernel.

The seed's list call runs in a kernel of the lab server (demo configuration: the
in-process emulator); its output is the extension's live table. The screenshot
notebook-output.png goes to a temp dir; `make screenshots` writes it to docs/.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from lab_notebook import (
    OUTPUT,
    SEED_LIST,
    open_notebook,
    output_row,
    read_notebook,
    run_all,
    save,
    write_notebook,
)
from lab_panel import PANEL, open_on_job, row
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.sdk_display import RUNS_MIME

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]

BADGE = ".jp-ModelArts-StatusBadge"
STOP = "button.jp-ModelArts-stopButton"
#: The server watcher's poll interval (client/config.py DEFAULT_WATCH_INTERVAL).
WATCH_INTERVAL_S = 5.0
#: How many watcher intervals the upstream calls are counted over.
COUNTED_INTERVALS = 4


def _versions_reads(lab_server) -> int:
    """Upstream reads of the mnist job's versions so far (the emulator's log)."""
    log = lab_server.emulator("GET", "/_emulator/stats").json()["log"]
    return sum(
        1 for e in log if e["route"] == "list_versions" and f"/{MNIST_JOB}/" in e["path"] + "/"
    )


def test_the_seed_list_is_a_live_table_that_stops_the_running_version(
    page: Page, lab_server, screenshot_dir: Path
):
    write_notebook(lab_server, "seed.ipynb", [nbformat.v4.new_code_cell(SEED_LIST)])
    open_notebook(page, "seed.ipynb")
    run_all(page)
    output = page.locator(OUTPUT)
    expect(output).to_have_attribute("data-state", "live", timeout=20_000)
    expect(output.locator(".jp-ModelArts-outputTitle")).to_contain_text("mnist-resnet")
    running = output_row(page, MNIST_RUNNING_VERSION)
    expect(running.locator(BADGE)).to_have_attribute("data-kind", "running")
    # Stop only on the running version; the duration ticks.
    expect(output.locator(f"{STOP}:enabled")).to_have_count(1)
    duration = running.locator(".jp-ModelArts-cell-duration")
    before = duration.text_content()
    expect(duration).not_to_have_text(before or "", timeout=5_000)
    output.screenshot(path=str(screenshot_dir / "notebook-output.png"))

    lab_server.emulator("DELETE", "/_emulator/stats").raise_for_status()
    running.locator(STOP).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("mnist-resnet")
    dialog.locator("button.jp-mod-warn").click()
    expect(running.locator(BADGE)).to_have_attribute("data-kind", "canceled", timeout=30_000)
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("stop_version") == 1, stats["counts"]

    # "Open in sidebar" shows the job in the panel.
    output.locator("button.jp-ModelArts-openInSidebar").click()
    expect(page.locator(PANEL)).to_be_visible()
    expect(row(page, MNIST_RUNNING_VERSION).locator(BADGE)).to_have_attribute(
        "data-kind", "canceled", timeout=20_000
    )


def test_two_outputs_and_the_sidebar_cost_one_upstream_poll_per_interval(page: Page, lab_server):
    cells = [nbformat.v4.new_code_cell(SEED_LIST), nbformat.v4.new_code_cell(SEED_LIST)]
    write_notebook(lab_server, "twice.ipynb", cells)
    open_notebook(page, "twice.ipynb")
    run_all(page)
    outputs = page.locator(OUTPUT)
    expect(outputs).to_have_count(2)
    for nth in range(2):
        expect(outputs.nth(nth)).to_have_attribute("data-state", "live", timeout=20_000)
    open_on_job(page, MNIST_JOB)
    # Settled: the first reads of each view and the leases are done.
    time.sleep(WATCH_INTERVAL_S)
    start = _versions_reads(lab_server)
    time.sleep(WATCH_INTERVAL_S * COUNTED_INTERVALS)
    reads = _versions_reads(lab_server) - start
    # One poll per interval (the server watcher's), give or take the interval edge.
    assert reads <= COUNTED_INTERVALS + 1, reads
    # The three views show the same row.
    for nth in range(2):
        expect(output_row(page, MNIST_RUNNING_VERSION, nth).locator(BADGE)).to_have_attribute(
            "data-kind", "running"
        )


def _saved_output(kernel_output: dict) -> nbformat.NotebookNode:
    """A notebook cell holding ``kernel_output`` as its saved execute_result."""
    cell = nbformat.v4.new_code_cell(SEED_LIST)
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data=kernel_output, execution_count=1)
    ]
    return cell


def test_a_saved_notebook_shows_its_snapshot_then_live_rows(page: Page, lab_server):
    # Run and save, as a user would; then change what ModelArts says.
    write_notebook(lab_server, "saved.ipynb", [nbformat.v4.new_code_cell(SEED_LIST)])
    open_notebook(page, "saved.ipynb")
    run_all(page)
    expect(page.locator(OUTPUT)).to_have_attribute("data-state", "live", timeout=20_000)
    save(page)
    saved = read_notebook(lab_server, "saved.ipynb")
    data = saved["cells"][0]["outputs"][0]["data"]
    assert {RUNS_MIME, "text/html", "text/plain"} <= set(data)
    # A hostile edit of the file: markup in a name, an id that breaks the rule.
    data[RUNS_MIME]["job_name"] = "<img src=x onerror=window.__pwned=1>"
    data[RUNS_MIME]["rows"].append({**data[RUNS_MIME]["rows"][0], "id": "../stop"})
    write_notebook(lab_server, "reopened.ipynb", [_saved_output(data)])
    lab_server.emulator(
        "PUT",
        f"/_emulator/jobs/{MNIST_JOB}/versions/{MNIST_RUNNING_VERSION}",
        json={"status": 10},
    ).raise_for_status()
    # The first read is slow: the snapshot shows, "as of" its time, nothing stoppable.
    lab_server.emulator(
        "POST", "/_emulator/faults", json={"route": "list_versions", "kind": "latency", "latency": 4}
    ).raise_for_status()
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:close-all-files')")
    open_notebook(page, "reopened.ipynb", kernel=False)
    output = page.locator(OUTPUT)
    expect(output).to_have_attribute("data-state", "snapshot")
    expect(output.locator(".jp-ModelArts-outputAsOf")).to_contain_text("as of")
    expect(output.locator(f"{STOP}:enabled")).to_have_count(0)
    snapshot_badge = output_row(page, MNIST_RUNNING_VERSION).locator(BADGE)
    expect(snapshot_badge).to_have_attribute("data-kind", "running")
    expect(output.locator("tr.jp-ModelArts-VersionRow")).to_have_count(4)
    # Then the live rows (the version has completed since).
    expect(output).to_have_attribute("data-state", "live", timeout=30_000)
    expect(snapshot_badge).to_have_attribute("data-kind", "completed")
    expect(output.locator(".jp-ModelArts-outputAsOf")).to_be_empty()
    assert page.evaluate("() => window.__pwned") is None
    expect(output.locator("img")).to_have_count(0)
    lab_server.emulator("DELETE", "/_emulator/faults").raise_for_status()
