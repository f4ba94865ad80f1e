"""Benchmarks 4 (browser side) and 5: the panel in real headless Chromium (Debian's).

Timings are taken inside the page with ``performance.now()`` and checked
every animation frame (what a person could see), starting right before the
action: ``app.commands.execute('jupyterlab-modelarts:open', {jobId})`` for a
list, ``button.click()`` on a row's Stop button for a stop.

The versions table is windowed (issue 13): whatever the number of versions,
the DOM holds the rows in view plus an overscan. For a list:

* ``first_ms``: the command → the newest version's row in the DOM;
  ``list_ms``: the command → the list's answer fully received (the
  browser's resource timing of the versions request), so ``first_ms -
  list_ms`` is what the panel adds to the server's list time (target
  ≤ 300 ms); ``page_ms``: the command → the rows in view rendered;
* a jump to the end (``scrollTop = scrollHeight``): ``jump_frames`` animation
  frames until the oldest version's row is in the DOM (target 1: rendered in
  the frame of the scroll) and ``jump_ms``; ``all_ms``: the command → the
  oldest version on screen that way;
* a scroll from top to bottom, one step per frame (60 steps): the long tasks
  (``PerformanceObserver`` ``longtask``: over 50 ms) seen meanwhile, whoever ran
  them (a poll's answer parsed meanwhile counts too), ``render_ms``: the
  longest the table's own scroll handler took for one step (the window's
  rows rendered), and the most rows the DOM held (``max_rows``);
* ``sort_ms``: a click on the order button (every run re-sorted, oldest first)
  → the oldest version shown first; ``filter_ms``: typing a name filter that
  keeps 9 versions → they are shown; each includes the wait for the next frame;
  the filter is put back afterwards (it is remembered per job).

For the report's current table the old keys stay: ``steps`` is
``jump_frames``, ``first_step_ms``/``last_step_ms`` are ``jump_ms``, and
``scroll_height_px`` the table's scroll height.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
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
  const ROW = '.jp-ModelArts-jobRuns tr.jp-ModelArts-VersionRow';
  const rows = () => document.querySelectorAll(ROW).length;
  const has = id => document.querySelector(`${ROW}[data-version-id="${id}"]`) !== null;
  const top = () => document.querySelector(ROW)?.dataset.versionId;
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  performance.setResourceTimingBufferSize(100000);
  performance.clearResourceTimings();
  const t0 = performance.now();
  await window.jupyterapp.commands.execute('jupyterlab-modelarts:open', {jobId: String(jobId)});
  const first = await window.__benchWait(() => has(firstId), 120000);
  const scroller = document.querySelector('.jp-ModelArts-VersionsTable.jp-ModelArts-jobRuns');
  const page = await window.__benchWait(
    () => scroller.clientHeight > 0 && rows() >= Math.min(count, 5), 120000);
  // The answer the first row came from: the last one received before it.
  const answers = performance.getEntriesByType('resource').filter(
    e => e.name.includes(`/training-jobs/${jobId}/versions`)
      && e.responseEnd >= t0 && e.responseEnd <= first);
  const list = answers.length ? answers[answers.length - 1].responseEnd - t0 : null;

  const jumped = performance.now();
  scroller.scrollTop = scroller.scrollHeight;
  let frames = 0;
  while (!has(lastId)) { await frame(); frames++; if (frames > 600) break; }
  const all = performance.now();

  scroller.scrollTop = 0;
  await frame(); await frame();
  const longtasks = [];
  const observer = new PerformanceObserver(found => {
    for (const entry of found.getEntries()) { longtasks.push(entry.duration); }
  });
  observer.observe({type: 'longtask'});
  let most = rows();
  const renders = [];
  const end = scroller.scrollHeight - scroller.clientHeight;
  for (let step = 1; step <= 60; step++) {
    scroller.scrollTop = end * step / 60;
    // The table's own work for this step: its scroll handler, run now (the browser's
    // scroll event then finds the window already in place).
    const r0 = performance.now();
    scroller.dispatchEvent(new Event('scroll'));
    renders.push(performance.now() - r0);
    await frame();
    most = Math.max(most, rows());
  }
  await frame();
  observer.disconnect();

  const order = document.querySelector('.jp-ModelArts-orderButton');
  const s0 = performance.now();
  order.click();
  const sorted = await window.__benchWait(() => top() === String(lastId), 30000);
  order.click();
  await window.__benchWait(() => top() === String(firstId), 30000);
  const input = document.querySelector('.jp-ModelArts-nameFilter');
  const f0 = performance.now();
  input.value = 'V0000';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const filtered = await window.__benchWait(
    () => top() === String(lastId + 8) && rows() === 9, 30000);
  input.value = '';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await window.__benchWait(() => top() === String(firstId), 30000);
  return {first: first - t0, page: page - t0, list, all: all - t0,
          jump: all - jumped, frames, rows: rows(), most,
          longtasks: longtasks.length, longest: Math.max(0, ...longtasks),
          render: Math.max(...renders),
          sort: sorted - s0, filter: filtered - f0,
          scrollHeight: scroller.scrollHeight};
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
    return badge.dataset.status === 'Canceled';
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
    keys = ("first", "list", "page", "all", "jump", "sort", "filter", "longest", "render")
    for _ in range(rounds):
        for spec in lists:
            result = page.evaluate(LIST_SCRIPT, spec)
            assert result["rows"] < spec["count"] or spec["count"] <= 100, result
            bucket = samples.setdefault(spec["label"], {k: [] for k in keys})
            for key in keys:
                if result[key] is not None:
                    bucket[key].append(result[key])
            if result["list"] is not None:
                bucket.setdefault("over_list", []).append(result["first"] - result["list"])
            data = out.setdefault(
                spec["label"], {"jump_frames": [], "longtasks": [], "max_rows": 0}
            )
            data["jump_frames"].append(result["frames"])
            data["longtasks"].append(result["longtasks"])
            data["max_rows"] = max(data["max_rows"], result["most"])
            data["scroll_height_px"] = result["scrollHeight"]
    for label, bucket in samples.items():
        data = out[label]
        data.update({f"{k}_ms": summary(v) for k, v in bucket.items() if v})
        # The report's current table reads these (see the module docstring).
        data["steps"] = max(data["jump_frames"])
        data["first_step_ms"] = data["last_step_ms"] = data["jump_ms"]
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


def lists() -> list[dict[str, Any]]:
    """The lists timed: the benchmark data set's 1,000- and 10,000-version jobs."""
    from datasets import JOB_1K, JOB_10K

    return [
        {"label": "1k", "jobId": JOB_1K, "firstId": 501000, "lastId": 500001, "count": 1000},
        {"label": "10k", "jobId": JOB_10K, "firstId": 610000, "lastId": 600001, "count": 10000},
    ]


def main(argv: list[str]) -> int:
    """Run this benchmark alone (``python tools/bench/bench_browser.py [--rounds N]``) on its
    own emulator and server with the benchmark data set; print the results as JSON."""
    from datasets import STOP_JOB, STOP_VERSIONS, bench_data
    from harness import EmulatorProcess

    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 1
    workdir = Path(tempfile.mkdtemp(prefix="jlma-bench-browser-"))
    (workdir / "emu").mkdir()
    (workdir / "lab").mkdir()
    emulator = EmulatorProcess(workdir / "emu", kill_delay=1.0)
    lab: Optional[LabProcess] = None
    try:
        emulator.admin("PUT", "data", bench_data())
        lab = LabProcess(
            workdir / "lab",
            emulator,
            lab_settings={"jupyterlab-modelarts/plugin": {"confirmStop": False}},
        )
        stops = {"jobId": STOP_JOB, "versionIds": STOP_VERSIONS[:1]}
        print(json.dumps(run(lab, lists(), stops, rounds), indent=2))
    finally:
        if lab is not None:
            lab.stop()
        emulator.stop()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main(sys.argv[1:]))
