"""The panel in Simplified Chinese: JupyterLab's own zh_CN pack, the language switched in the
settings, the extension's bundled catalog doing the rest; and back to English.

The Chinese screenshot (panel-zh.png) goes to a temp dir; `make screenshots` writes it to docs/.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lab_panel import PANEL, open_lab, open_on_job, row, widen_sidebar
from playwright.sync_api import Page, expect

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(240)]

LANGUAGE_SETTINGS = "/lab/api/settings/@jupyterlab/translation-extension:plugin"
TOAST = ".Toastify__toast"
HEADERS = f"{PANEL} .jp-ModelArts-jobRuns thead th"


def _set_language(lab_server, locale: str) -> None:
    """What the Settings > Language menu stores (the page reads it when it loads)."""
    reply = lab_server.api(
        "PUT", LANGUAGE_SETTINGS, data=json.dumps({"raw": json.dumps({"locale": locale})})
    )
    assert reply.status_code == 204, reply.text


@pytest.fixture
def lab_page(browser, emulator_reset) -> Iterator[Callable[[str], Page]]:
    """A page opened after the test chose the language; the language is English again after."""
    pages: list[tuple[Page, list[str]]] = []

    def open_page(locale: str) -> Page:
        _set_language(emulator_reset, locale)
        page, errors = open_lab(browser, emulator_reset)
        pages.append((page, errors))
        return page

    yield open_page
    _set_language(emulator_reset, "en")
    for page, errors in pages:
        page.context.close()
        assert not errors, f"uncaught errors in the page: {errors}"


def _expect_headers(page: Page, names: list[str]) -> None:
    expect(page.locator(HEADERS)).to_have_text(names)


def test_panel_speaks_chinese_and_english_again(lab_page, lab_server, screenshot_dir: Path):
    page = lab_page("zh_CN")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    open_on_job(page, MNIST_JOB)
    expect(page.locator(f"{PANEL} .jp-ModelArts-title")).to_have_text("ModelArts 训练版本")
    _expect_headers(page, ["版本", "ID", "状态", "创建时间", "运行时长", "AI 引擎 / 规格", "操作"])
    running = row(page, MNIST_RUNNING_VERSION)
    badge = running.locator(".jp-ModelArts-StatusBadge")
    expect(badge).to_have_text("运行中")
    expect(badge).to_have_attribute("data-status", "Running")  # the English label stays
    button = running.locator("button.jp-ModelArts-stopButton")
    expect(button).to_have_text("停止")
    versions = lab_server.api(
        "GET", f"/jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions"
    ).json()["versions"]
    completed = next(v for v in versions if v["status_name"] == "JOBSTAT_COMPLETED")
    expect(row(page, completed["version_id"]).locator(".jp-ModelArts-StatusBadge")).to_have_text(
        "已完成"
    )
    widen_sidebar(page)
    page.locator(PANEL).screenshot(path=str(screenshot_dir / "panel-zh.png"))

    button.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("停止训练版本？")
    expect(dialog).to_contain_text("训练将结束且无法恢复。")
    expect(dialog.locator("button.jp-mod-reject")).to_have_text("取消")
    dialog.locator("button.jp-mod-warn").click()
    expect(page.locator(TOAST).filter(has_text="已请求停止 mnist-resnet")).to_be_visible(
        timeout=20_000
    )
    expect(badge).to_have_text("已取消", timeout=30_000)

    # The settings editor shows the schema's titles and descriptions in Chinese too.
    page.evaluate(
        "() => window.jupyterapp.commands.execute('settingeditor:open', {query: 'ModelArts'})"
    )
    editor = page.locator(".jp-SettingsPanel")
    expect(editor.get_by_text("停止前确认", exact=True)).to_be_visible(timeout=20_000)
    expect(editor.get_by_text("刷新间隔（秒）", exact=True)).to_be_visible()

    english = lab_page("en")
    expect(english.locator("html")).to_have_attribute("lang", "en")
    open_on_job(english, MNIST_JOB)
    expect(english.locator(f"{PANEL} .jp-ModelArts-title")).to_have_text(
        "ModelArts training versions"
    )
    _expect_headers(
        english, ["Version", "ID", "Status", "Created", "Duration", "Engine / spec", "Actions"]
    )
    stopped = row(english, MNIST_RUNNING_VERSION)
    expect(stopped.locator(".jp-ModelArts-StatusBadge")).to_have_text("Canceled")
    expect(stopped.locator("button.jp-ModelArts-stopButton")).to_have_text("Stop")
