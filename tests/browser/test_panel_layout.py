"""The panel at any width and zoom: compact rows in a narrow sidebar, the table when wide,
nothing scrolling sideways, overlapping or clipped.

Narrow and wide screenshots (panel-narrow.png, panel-wide.png) go to a temp dir;
`make screenshots` writes them to docs/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lab_panel import PANEL, ROW, open_lab, open_on_job, open_panel, row, set_sidebar_width
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(180)]

#: Finds what overflows, clips or overlaps in the panel; returns a list of problems.
LAYOUT_PROBLEMS = """(panel) => {
    const problems = [];
    const name = el => el.className.baseVal ?? el.className;
    const scrolls = [panel, ...panel.querySelectorAll(
        '.jp-SidePanel-content, .jp-ModelArts-VersionsTable, .jp-ModelArts-FilterBar')];
    for (const el of scrolls) {
        if (el.scrollWidth > el.clientWidth) {
            problems.push(`${name(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
        }
    }
    const edge = panel.getBoundingClientRect();
    for (const el of panel.querySelectorAll(
            '.jp-ModelArts-StatusBadge, .jp-ModelArts-stopButton')) {
        const box = el.getBoundingClientRect();
        if (box.width === 0) continue;
        if (el.scrollWidth > el.clientWidth) {
            problems.push(`${name(el)} clipped: ${el.scrollWidth} > ${el.clientWidth}`);
        }
        if (box.left < edge.left - 0.5 || box.right > edge.right + 0.5) {
            problems.push(`${name(el)} outside the panel: ${box.left}-${box.right}`);
        }
    }
    for (const tr of panel.querySelectorAll('tr.jp-ModelArts-VersionRow')) {
        const cells = [...tr.children].map(td => td.getBoundingClientRect())
            .filter(box => box.width > 0 && box.height > 0);
        for (let i = 0; i < cells.length; i++) {
            for (let j = i + 1; j < cells.length; j++) {
                const a = cells[i], b = cells[j];
                const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (x > 0.5 && y > 0.5) {
                    problems.push(`cells ${i} and ${j} of ${tr.dataset.versionId} overlap`);
                }
            }
        }
    }
    return problems;
}"""


def _assert_readable(page: Page) -> None:
    """No sideways scrolling, clipped badge or overlap; Stop of the running row on top."""
    problems = page.locator(PANEL).evaluate(LAYOUT_PROBLEMS)
    assert problems == [], problems
    stop = row(page, MNIST_RUNNING_VERSION).locator("button.jp-ModelArts-stopButton")
    expect(stop).to_be_visible()
    expect(stop).to_be_in_viewport()
    on_top = stop.evaluate(
        """(button) => {
            const box = button.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return button.contains(hit) || (hit ? hit.outerHTML.slice(0, 200) : 'nothing');
        }"""
    )
    assert on_top is True, f"something covers the Stop button: {on_top}"


def _layout(page: Page) -> str:
    """'compact' when rows are two-line grids, else 'table'."""
    return (
        page.locator(ROW)
        .first.evaluate("tr => getComputedStyle(tr).display")
        .replace("grid", "compact")
        .replace("table-row", "table")
    )


@pytest.mark.parametrize(("width", "layout"), [(250, "compact"), (450, "compact"), (800, "table")])
def test_readable_at_any_width(page: Page, width: int, layout: str, screenshot_dir: Path):
    open_on_job(page, MNIST_JOB)
    set_sidebar_width(page, width)
    box = page.locator(PANEL).bounding_box()
    assert box is not None and abs(box["width"] - width) <= 4, box
    assert _layout(page) == layout
    _assert_readable(page)
    running = row(page, MNIST_RUNNING_VERSION)
    if layout == "compact":
        # Name and badge on the first line; duration, relative created and Stop on the second.
        name = running.locator(".jp-ModelArts-cell-name").bounding_box()
        badge = running.locator(".jp-ModelArts-StatusBadge").bounding_box()
        stop = running.locator(".jp-ModelArts-stopButton").bounding_box()
        duration = running.locator(".jp-ModelArts-cell-duration").bounding_box()
        assert name and badge and stop and duration
        assert abs(name["y"] - badge["y"]) < badge["height"]
        assert duration["y"] > name["y"] + name["height"] / 2
        assert abs(stop["y"] + stop["height"] / 2 - (duration["y"] + duration["height"] / 2)) < 8
        relative = running.locator(".jp-ModelArts-created-relative")
        expect(relative).to_be_visible()
        # Created half an hour before the emulator's reset; the exact time on hover.
        expect(relative).to_have_text(re.compile(r"^3\dm ago$"))
        expect(relative).to_have_attribute("title", re.compile(r"\d"))
        expect(running.locator(".jp-ModelArts-created-exact")).to_be_hidden()
    else:
        for part in ("id", "created", "duration", "engine"):
            expect(running.locator(f".jp-ModelArts-cell-{part}")).to_be_visible()
    if width in (250, 800):
        name = "panel-narrow.png" if width == 250 else "panel-wide.png"
        page.locator(PANEL).screenshot(path=str(screenshot_dir / name))


def test_readable_at_150_percent_zoom(browser, emulator_reset):
    # A 1280 x 800 window at 150 %: the layout sees 853 x 533 CSS pixels.
    page, errors = open_lab(browser, emulator_reset, width=853, height=533, scale=1.5)
    try:
        open_panel(page)
        open_on_job(page, MNIST_JOB)
        _assert_readable(page)
        assert _layout(page) == "compact"
    finally:
        page.context.close()
    assert not errors, errors


def test_running_duration_ticks_and_never_goes_back(page: Page):
    open_on_job(page, MNIST_JOB)
    duration = row(page, MNIST_RUNNING_VERSION).locator(".jp-ModelArts-cell-duration")
    page.evaluate(
        """(selector) => {
            const cell = document.querySelector(selector);
            const seconds = () => cell.textContent.split(':')
                .reduce((total, part) => total * 60 + Number(part), 0);
            window.__durations = { last: seconds(), backwards: [] };
            new MutationObserver(() => {
                const now = seconds();
                if (now < window.__durations.last) {
                    window.__durations.backwards.push([window.__durations.last, now]);
                }
                window.__durations.last = now;
            }).observe(cell, { childList: true, characterData: true, subtree: true });
        }""",
        f"{ROW}[data-version-id='{MNIST_RUNNING_VERSION}'] .jp-ModelArts-cell-duration",
    )
    first = duration.text_content()
    # Several refreshes (every 5 s, and on demand) while the clock ticks every second.
    for _ in range(4):
        page.locator(f"{PANEL} .jp-ModelArts-refreshButton").click()
        page.wait_for_timeout(1100)
    expect(duration).not_to_have_text(first or "")
    assert page.evaluate("() => window.__durations.backwards") == []


def test_narrow_dark_theme_stays_readable(page: Page, screenshot_dir: Path):
    open_on_job(page, MNIST_JOB)
    set_sidebar_width(page, 250)
    page.evaluate(
        "() => window.jupyterapp.commands.execute('apputils:change-theme',"
        " {theme: 'JupyterLab Dark'})"
    )
    expect(page.locator("body")).to_have_attribute("data-jp-theme-light", "false", timeout=20_000)
    # The theme change shows the splash screen for a moment.
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=20_000)
    _assert_readable(page)
    # Theme CSS variables fade in with a transition; let it finish before the picture.
    page.wait_for_timeout(1000)
    page.locator(PANEL).screenshot(path=str(screenshot_dir / "panel-narrow-dark.png"))
