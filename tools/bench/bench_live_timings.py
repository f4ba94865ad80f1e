"""Benchmark 8's timings: an upstream status change to the open panel's row, and a watched
version's end to JupyterLab's notification with the panel closed.

The emulator's admin API makes the change; the page records (every animation frame) when
what a person would see is in the DOM. Browser and bench clocks are matched before each
sample: the offset between ``performance.timeOrigin + performance.now()`` and
``time.time()`` at the midpoint of a round trip.
"""

from __future__ import annotations

import time
from typing import Any

from harness import EmulatorProcess, LabProcess, percentile, summary
from live_setup import LATENCY_VERSION, LIVE_JOB, NOTIFY_VERSIONS, OPEN_JOB, open_tab, route_of

TAB = ".lm-TabBar-tab[data-id='jupyterlab-modelarts-versions']"
PANEL = "#jupyterlab-modelarts-versions"
#: The two statuses the latency version alternates between (Queued, Running): neither ends it.
FLIP = {7: "Queued", 8: "Running"}  # the badges' data-status: the status label

NOW = "() => performance.timeOrigin + performance.now()"
# Resolves with the browser's wall clock (ms) at the first frame the predicate holds.
ARM = """
({name, selector, text, status}) => {
  const seen = () => Array.from(document.querySelectorAll(selector)).some(
    el => (status ? el.dataset.status === status : el.textContent.includes(text)));
  window[name] = window.__benchWait(seen, 30000).then(t => performance.timeOrigin + t);
}
"""


def _offset(page: Any) -> float:
    """Browser wall clock minus the bench's (ms), at the midpoint of one round trip."""
    before = time.time() * 1000
    browser_now = page.evaluate(NOW)
    after = time.time() * 1000
    return browser_now - (before + after) / 2


def _timed(page: Any, emulator: EmulatorProcess, version: int, status: int, arm: dict) -> float:
    """Pin ``version`` to ``status`` and wait for what ``arm`` waits for; ms between the two."""
    name = arm["name"]
    page.evaluate(ARM, arm)
    offset = _offset(page)
    started = time.time() * 1000
    emulator.admin("PUT", f"jobs/{LIVE_JOB}/versions/{version}", {"status": status})
    seen = page.evaluate(f"() => window.{name}")
    return seen - offset - started


def _spread(index: int, interval: float) -> float:
    """A pause that puts successive changes at evenly spread phases of the watch cycle."""
    return 0.3 + (index * 0.618034 % 1.0) * interval


def latency_and_notify(
    browser: Any, lab: LabProcess, emulator: EmulatorProcess, plan: dict[str, Any], interval: float
) -> dict[str, Any]:
    """Upstream status change -> row (panel open), then version end -> notification (closed)."""
    tab = open_tab(browser, lab, "bench-latency")
    page = tab["page"]
    try:
        with page.expect_response(
            lambda r: r.request.method == "PUT" and f"/watches/{LIVE_JOB}" in r.url, timeout=60_000
        ) as lease:
            page.evaluate(OPEN_JOB, str(LIVE_JOB))
        assert lease.value.ok, lease.value.status
        page.wait_for_selector(f"tr[data-version-id='{LATENCY_VERSION}']", timeout=60_000)
        page.wait_for_timeout((interval + 1.0) * 1000)  # the watcher's first poll (its baseline)
        lists_before = sum(1 for r in tab["sent"] if route_of(r).endswith("/versions"))
        changes = []
        for i in range(plan["changes"]):
            status = 7 if i % 2 == 0 else 8
            row = f"tr[data-version-id='{LATENCY_VERSION}'] .jp-ModelArts-StatusBadge"
            arm = {"name": "__benchRow", "selector": row, "status": FLIP[status]}
            changes.append(_timed(page, emulator, LATENCY_VERSION, status, arm))
            page.wait_for_timeout(_spread(i, interval) * 1000)
        lists = sum(1 for r in tab["sent"] if route_of(r).endswith("/versions")) - lists_before
        page.locator(TAB).click()  # collapse the sidebar: the panel is closed
        page.wait_for_selector(PANEL, state="hidden")
        ends = []
        for i, version in enumerate(NOTIFY_VERSIONS[: plan["ends"]]):
            text = f"live-bench L{version - LATENCY_VERSION:02d} ended"
            arm = {"name": "__benchToast", "selector": ".Toastify__toast", "text": text}
            ends.append(_timed(page, emulator, version, 10 if i % 2 == 0 else 11, arm))
            page.wait_for_timeout(_spread(i, interval) * 1000)
    finally:
        tab["context"].close()
    change_p95, end_max = percentile(changes, 95), max(ends)
    return {
        "latency": {
            "watch_interval_s": interval,
            "cache_ttl_s": lab.traits.get("cache_ttl"),
            "ms": summary(changes),
            "p95_ms": change_p95,
            "target_ms": interval * 1000 + 200,
            "met": change_p95 <= interval * 1000 + 200,
            "versions_requests": lists,
        },
        "notify": {
            "watch_interval_s": interval,
            "ms": summary(ends),
            "target_ms": interval * 1000 + 1000,
            "met": end_max <= interval * 1000 + 1000,
        },
    }
