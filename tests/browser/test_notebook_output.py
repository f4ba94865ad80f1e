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

from jupyterlab_modelarts.client import ModelArtsClient
from jupyterlab_modelarts.emulator import EmulatorConfig
from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION
from jupyterlab_modelarts.emulator.v2_demo import V2_RUNNING
from jupyterlab_modelarts.sdk import TrainingJob
from jupyterlab_modelarts.sdk_display import RUNS_MIME, VersionObjectList

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]

BADGE = ".jp-ModelArts-StatusBadge"
#: A demo job no other test of this module reads (182627 "cifar10-vgg").
CIFAR_JOB = 182627
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


def test_the_v2_job_list_is_a_live_table_that_stops_a_job(page: Page, lab_server):
    cell = "from jupyterlab_modelarts import local_api\nlocal_api().list_training_jobs()"
    write_notebook(lab_server, "v2.ipynb", [nbformat.v4.new_code_cell(cell)])
    open_notebook(page, "v2.ipynb")
    run_all(page)
    output = page.locator(OUTPUT)
    expect(output).to_have_attribute("data-state", "live", timeout=20_000)
    running = output_row(page, V2_RUNNING)
    expect(running.locator(BADGE)).to_have_attribute("data-kind", "running")
    lab_server.emulator("DELETE", "/_emulator/stats").raise_for_status()
    running.locator(STOP).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Stop training job")
    dialog.locator("button.jp-mod-warn").click()
    expect(running.locator(BADGE)).to_have_attribute("data-status", "Stopped", timeout=30_000)
    stats = lab_server.emulator("GET", "/_emulator/stats").json()
    assert stats["counts"].get("terminate_training_job") == 1, stats["counts"]


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
    cell.outputs = [nbformat.v4.new_output("execute_result", data=kernel_output, execution_count=1)]
    return cell


def _bundle_read_earlier(lab_server, job_id: int) -> dict:
    """What a notebook saved earlier holds for ``job_id``: read from ModelArts (not through
    the lab server, whose short cache must not be warmed) and shown by the SDK's display."""
    client = ModelArtsClient(EmulatorConfig().client_config(lab_server.emulator_url))
    try:
        versions = client.list_versions(str(job_id))
    finally:
        client.close()
    shown = VersionObjectList(
        (TrainingJob(None, versions.job_id, v) for v in versions.versions),  # type: ignore[arg-type]
        job_id=versions.job_id,
        job_name=versions.job_name,
    )
    return shown._repr_mimebundle_()


def test_a_saved_notebook_keeps_the_three_representations(page: Page, lab_server):
    write_notebook(lab_server, "saved.ipynb", [nbformat.v4.new_code_cell(SEED_LIST)])
    open_notebook(page, "saved.ipynb")
    run_all(page)
    expect(page.locator(OUTPUT)).to_have_attribute("data-state", "live", timeout=20_000)
    save(page)
    saved = read_notebook(lab_server, "saved.ipynb")
    data = saved["cells"][0]["outputs"][0]["data"]
    assert {RUNS_MIME, "text/html", "text/plain"} <= set(data)
    assert data[RUNS_MIME]["job_id"] == str(MNIST_JOB) and data[RUNS_MIME]["complete"] is True


def test_a_reopened_notebook_shows_its_snapshot_then_live_rows(page: Page, lab_server):
    first = lab_server.emulator("GET", "/_emulator/stats").json()["log"]
    assert not [e for e in first if f"/{CIFAR_JOB}/" in e["path"]], "the job was read already"
    data = _bundle_read_earlier(lab_server, CIFAR_JOB)
    runs = data[RUNS_MIME]
    newest = runs["rows"][0]["id"]
    # A hostile edit of the file: markup in a name, an id that breaks the rule.
    runs["job_name"] = "<img src=x onerror=window.__pwned=1>"
    runs["rows"].append({**runs["rows"][0], "id": "../stop"})
    runs["rows"][0].update(status_kind="running", status_label="Running", stoppable=True)
    write_notebook(lab_server, "reopened.ipynb", [_saved_output(data)])
    lab_server.emulator(
        "PUT", f"/_emulator/jobs/{CIFAR_JOB}/versions/{newest}", json={"status": 10}
    ).raise_for_status()
    # ModelArts fails at first: the snapshot shows, "as of" its time, nothing stoppable,
    # with the sidebar's error banner.
    lab_server.emulator(
        "POST", "/_emulator/faults", json={"route": "list_versions", "kind": "error", "status": 500}
    ).raise_for_status()
    open_notebook(page, "reopened.ipynb", kernel=False)
    output = page.locator(OUTPUT)
    expect(output).to_have_attribute("data-state", "snapshot")
    expect(output.locator(".jp-ModelArts-outputAsOf")).to_contain_text("as of")
    expect(output.locator(f"{STOP}:enabled")).to_have_count(0)
    badge = output_row(page, newest).locator(BADGE)
    expect(badge).to_have_attribute("data-kind", "running")
    expect(output.locator("tr.jp-ModelArts-VersionRow")).to_have_count(len(runs["rows"]) - 1)
    banner = output.locator(".jp-ModelArts-StatusBanner")
    expect(banner).to_have_attribute("data-state", "error", timeout=30_000)
    expect(output).to_have_attribute("data-state", "snapshot")
    # Then, ModelArts back and the banner's Retry pressed, the live rows (the version has
    # completed since).
    lab_server.emulator("DELETE", "/_emulator/faults").raise_for_status()
    banner.locator("button.jp-ModelArts-retryButton").click()
    expect(output).to_have_attribute("data-state", "live", timeout=30_000)
    expect(badge).to_have_attribute("data-kind", "completed")
    expect(output.locator(".jp-ModelArts-outputAsOf")).to_be_empty()
    assert page.evaluate("() => window.__pwned") is None
    expect(output.locator("img")).to_have_count(0)
