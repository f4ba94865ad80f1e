"""Selectors and steps shared by the browser tests of the versions panel."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

PANEL = "#jupyterlab-modelarts-versions"
TAB = ".lm-TabBar-tab[data-id='jupyterlab-modelarts-versions']"
#: The rows of the chosen job's runs (the home view's v2 training jobs are rows of another table).
ROW = f"{PANEL} .jp-ModelArts-jobRuns tr.jp-ModelArts-VersionRow"
DETAILS = ".jp-ModelArts-RunDetails"
MENU = ".lm-Menu"


def open_lab(browser, lab_server, width: int = 1280, height: int = 800, scale: float = 1):
    """A new browser context and page on a reset workspace of JupyterLab, the extension loaded.

    ``scale`` is the device pixel ratio: a 1280-pixel window at 150 % zoom is
    ``width=853, scale=1.5`` (the layout sees 853 CSS pixels).
    Returns the page and the list its uncaught errors are appended to.
    """
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{lab_server.url}/lab?reset&token={lab_server.token}")
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=60_000)
    # The extension's sidebar tab appears once its plugin (and commands) are active.
    page.wait_for_selector(
        ".lm-TabBar-tab[data-id='jupyterlab-modelarts-versions']", timeout=60_000
    )
    return page, errors


def open_on_job(page: Page, job_id: int) -> None:
    """Open the panel on a job through the extension's command; wait for its rows."""
    page.evaluate(
        "(job) => window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: job})",
        str(job_id),
    )
    expect(page.locator(PANEL)).to_be_visible()
    expect(page.locator(ROW).first).to_be_visible(timeout=20_000)


def open_panel(page: Page) -> None:
    """Show the panel from its sidebar tab."""
    if not page.locator(PANEL).is_visible():
        page.locator(TAB).click()
    expect(page.locator(PANEL)).to_be_visible()


def widen_sidebar(page: Page, pixels: int = 420) -> None:
    """Drag the left sidebar's edge so every column fits, as a user would for the screenshot."""
    box = page.locator(PANEL).bounding_box()
    assert box is not None
    set_sidebar_width(page, box["width"] + pixels)


def set_sidebar_width(page: Page, width: float) -> None:
    """Drag the left sidebar's edge until the panel is ``width`` CSS pixels wide."""
    box = page.locator(PANEL).bounding_box()
    assert box is not None
    edge_x, mid_y = box["x"] + box["width"] + 2, box["y"] + box["height"] / 2
    page.mouse.move(edge_x, mid_y)
    page.mouse.down()
    page.mouse.move(box["x"] + width + 2, mid_y, steps=5)
    page.mouse.up()


def row(page: Page, version_id: int | str) -> Locator:
    """The row of a version."""
    return page.locator(f"{ROW}[data-version-id='{version_id}']")


def watch_clipboard(page: Page) -> None:
    """Record what the page copies (JupyterLab copies through a `copy` event)."""
    page.evaluate(
        """() => {
            window.__copied = [];
            window.addEventListener('copy', e =>
                window.__copied.push(e.clipboardData.getData('text/plain')));
        }"""
    )


def copied(page: Page) -> list[str]:
    """What the page copied since `watch_clipboard`."""
    return page.evaluate("() => window.__copied")
