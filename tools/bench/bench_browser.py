"""Benchmarks 4 (browser side) and 5: the panel in real headless Chromium (Debian's).

Timings are taken inside the page with ``performance.now()`` and checked
every animation frame (what a person could see), starting right before the
action: ``app.commands.execute('jupyterlab-modelarts:open', {jobId})`` for a
list, ``button.click()`` on a row's Stop button for a stop.

The versions table renders incrementally (200 rows, then 200 more each time
the "show more" row scrolls into view), so for a list three moments are
recorded: the first row (the newest version) in the DOM, the first page
(200 rows) in the DOM, and *all* rows in the DOM while the script activates
the table's "Show more versions" button once per frame (the UI's own way to
load the next 200; scrolling the "show more" row into view does the same).

Why not scroll: jumping the scroll container to its bottom on every frame
stalls, because the "show more" row is back in view before the intersection
observer ever sees it leave, so it never reports a new intersection; a
person scrolling does not move that fast, and a scripted page-by-page scroll
would time the scroll speed rather than the rendering.
"""

from __future__ import annotations

import shutil
from typing import Any, Optional

from harness import LabProcess, summary

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# A function (not a bare statement): Playwright would call a string that looks like one.
WAIT_FOR = """
() => { window.__benchWait = (predicate, timeout) => new Promise((resolve, reject) => {
  const started = performance.now();
  const tick = () => {
    let value = false;
    try { value = predicate(); } catch (e) { value = false; }
    if (value) { resolve(performance.now()); return; }
    if (performance.now() - started > timeout) { reject(new Error('timed out')); return; }
    requestAnimationFrame(tick);
  };
  tick();
}); }
"""

LIST_SCRIPT = """
async ({jobId, firstId, lastId, count}) => {
  const rows = () => document.querySelectorAll('tr.jp-ModelArts-VersionRow').length;
  const has = id => document.querySelector(`tr[data-version-id="${id}"]`) !== null;
  const t0 = performance.now();
  await window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: String(jobId)});
  const first = await window.__benchWait(() => has(firstId), 120000);
  const page = await window.__benchWait(() => rows() >= Math.min(200, count), 120000);
  const scroller = document.querySelector('.jp-ModelArts-VersionsTable');
  const steps = [page];
  let seen = rows();
  const all = await window.__benchWait(() => {
    if (rows() !== seen) { seen = rows(); steps.push(performance.now()); }
    if (rows() === count && has(lastId)) { return true; }
    const more = document.querySelector('.jp-ModelArts-showMoreButton');
    if (more && more.isConnected) { more.click(); }
    return false;
  }, 300000);
  const gaps = steps.slice(1).map((t, i) => t - steps[i]);
  return {first: first - t0, page: page - t0, all: all - t0, rows: rows(),
          scrollHeight: scroller.scrollHeight, steps: gaps.length,
          first_step: gaps.length ? gaps[0] : 0,
          last_step: gaps.length ? gaps[gaps.length - 1] : 0};
}
"""

STOP_SCRIPT = """
async ({jobId, versionId}) => {
  await window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: String(jobId)});
  const row = () => document.querySelector(`tr[data-version-id="${versionId}"]`);
  const button = () => row().querySelector('.jp-ModelArts-stopButton');
  await window.__benchWait(() => row() && !button().disabled, 60000);
  const t0 = performance.now();
  button().click();
  const stopping = await window.__benchWait(
    () => button().textContent.includes('Stopping'), 30000);
  const done = await window.__benchWait(() => {
    const badge = row().querySelector('.jp-ModelArts-StatusBadge');
    return ['JOBSTAT_KILLED', 'JOBSTAT_CANCELED'].includes(badge.dataset.status);
  }, 60000);
  const label = row().querySelector('.jp-ModelArts-StatusBadge').textContent;
  return {stopping: stopping - t0, canceled: done - t0, label};
}
"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("Debian chromium is not installed (apt-get install -y chromium)")
    return found


def _open_lab(browser: Any, lab: LabProcess) -> tuple[Any, Any]:
    """A new page with JupyterLab loaded and the extension's command registered."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{lab.url}/lab?token={lab.token}")
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=120_000)
    # The splash goes before plugins activate: wait for the restored app and the command.
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.evaluate("() => window.jupyterapp.restored.then(() => true)")
    page.wait_for_function(
        "() => window.jupyterapp.commands.hasCommand('jupyterlab-modelarts:open')",
        timeout=60_000,
    )
    page.evaluate(WAIT_FOR)
    return context, page


def _lists(page: Any, lists: list[dict[str, Any]], rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    samples: dict[str, dict[str, list[float]]] = {}
    for _ in range(rounds):
        for spec in lists:
            result = page.evaluate(LIST_SCRIPT, spec)
            assert result["rows"] == spec["count"], result
            keys = ("first", "page", "all", "first_step", "last_step")
            bucket = samples.setdefault(spec["label"], {k: [] for k in keys})
            for key in bucket:
                bucket[key].append(result[key])
            out.setdefault(spec["label"], {})["scroll_height_px"] = result["scrollHeight"]
            out[spec["label"]]["steps"] = result["steps"]
    for label, bucket in samples.items():
        out[label].update({f"{k}_ms": summary(v) for k, v in bucket.items()})
    return out


def _stops(page: Any, stops: dict[str, Any]) -> dict[str, Any]:
    stopping, canceled, labels = [], [], set()
    for version in stops["versionIds"]:
        result = page.evaluate(STOP_SCRIPT, {"jobId": stops["jobId"], "versionId": version})
        stopping.append(result["stopping"])
        canceled.append(result["canceled"])
        labels.add(result["label"])
    return {
        "stopping_ms": summary(stopping),
        "canceled_ms": summary(canceled),
        "labels": sorted(labels),
    }


def run(
    lab: LabProcess,
    lists: list[dict[str, Any]],
    stops: dict[str, Any],
    rounds: int,
    compare: Optional[tuple[LabProcess, dict[str, Any]]] = None,
) -> dict[str, Any]:
    """``lists``: [{label, jobId, firstId, lastId, count}]; ``stops``: {jobId, versionIds}.

    ``compare``: another server and stops to time there too (the same stop
    with ``cache_ttl=0``, to measure what the cache costs a stop).
    """
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            context, page = _open_lab(browser, lab)
            out["lists"] = _lists(page, lists, rounds)
            out["stop"] = _stops(page, stops)
            context.close()
            if compare is not None:
                context, page = _open_lab(browser, compare[0])
                out["stop_no_cache"] = _stops(page, compare[1])
                context.close()
        finally:
            browser.close()
    return out
