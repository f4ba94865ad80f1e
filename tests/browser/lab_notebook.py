"""Notebooks in the browser tests: written through the contents API, opened and run in the lab."""

from __future__ import annotations

from typing import Any

import nbformat
from playwright.sync_api import Locator, Page, expect

#: The seed's list call, as the README shows it.
SEED_LIST = (
    "from jupyterlab_modelarts.sdk import Session, Estimator\n"
    "Estimator(Session(), job_id='182626').get_job_version_object_list(is_show=False)"
)
OUTPUT = ".jp-ModelArts-RunsOutput"
#: Seconds for a kernel to start and a cell to run.
KERNEL_TIMEOUT_MS = 90_000


def write_notebook(lab_server, name: str, cells: list[nbformat.NotebookNode]) -> None:
    """Save a python3 notebook of ``cells`` at ``name`` in the server's root."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = cells
    answer = lab_server.api(
        "PUT",
        f"/api/contents/{name}",
        json={"type": "notebook", "format": "json", "content": notebook},
    )
    answer.raise_for_status()


def read_notebook(lab_server, name: str) -> dict[str, Any]:
    """The saved notebook ``name`` (its JSON)."""
    answer = lab_server.api("GET", f"/api/contents/{name}")
    answer.raise_for_status()
    return answer.json()["content"]


def open_notebook(page: Page, name: str, *, kernel: bool = True) -> None:
    """Open a notebook in the main area; with ``kernel``, wait until its kernel is idle."""
    page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", name)
    expect(page.locator(".jp-NotebookPanel:visible")).to_be_visible(timeout=30_000)
    if kernel:
        page.wait_for_function(
            """() => {
                const w = window.jupyterapp.shell.currentWidget;
                const kernel = w && w.sessionContext && w.sessionContext.session
                    && w.sessionContext.session.kernel;
                return kernel && kernel.status === 'idle';
            }""",
            timeout=KERNEL_TIMEOUT_MS,
        )


def run_all(page: Page) -> None:
    """Run every cell of the current notebook (and wait for the kernel to finish)."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            return w.content.widgets.every(c => c.model.type !== 'code' ||
                (c.model.executionCount !== null && c.promptNode.textContent !== '[*]:'));
        }""",
        timeout=KERNEL_TIMEOUT_MS,
    )


def save(page: Page) -> None:
    """Save the current notebook."""
    with page.expect_response(
        lambda r: "/api/contents/" in r.url and r.request.method == "PUT", timeout=20_000
    ):
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")


def output_row(page: Page, version_id: int | str, nth: int = 0) -> Locator:
    """The row of a version in the ``nth`` runs output of the page."""
    return (
        page.locator(OUTPUT)
        .nth(nth)
        .locator(f"tr.jp-ModelArts-VersionRow[data-version-id='{version_id}']")
    )
