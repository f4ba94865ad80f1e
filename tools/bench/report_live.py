"""Benchmark 8's rows of the summary and its section of the report (live updates, issue 14)."""

from __future__ import annotations

from typing import Any

from formatting import Results, num, verdict


def _mode_row(name: str, d: dict[str, Any]) -> str:
    per_tab = d["per_tab"]
    routes = ", ".join(f"`{route}` {n}" for route, n in sorted(d["routes"].items()))
    return (
        f"| {name} | {d['tabs']} ({d['visible_tabs']} visible) | {d['window_s']:.0f} s | "
        f"{min(per_tab)} to {max(per_tab)} | {num(d['per_tab_per_min_max'], 1)} | {routes} | "
        f"{d['refused_leases']} | {d['upstream_list_calls']} |"
    )


def live_section(r: Results) -> list[str]:
    """The tables of benchmark 8."""
    d = r.get("live")
    out = ["### 8. Live updates", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    tabs, latency, notify = d["tabs"], d["latency"], d["notify"]
    live = tabs["live"]
    out += [
        f"**Tabs on one job** (server B: watch interval {num(tabs['watch_interval_s'], 0)} s, "
        "default cache)",
        "",
        "| mode | tabs | window | requests per tab | per tab per minute (max) | requests by route "
        "| refused lease attempts | upstream list calls of the job |",
        "|---|---|---|---|---|---|---|---|",
        _mode_row("polling fallback (leases refused)", tabs["polling"]),
        _mode_row("live (leases, event stream)", live),
        "",
        f"Upstream bound while live: {live['upstream_bound']} list calls (one per watch interval, "
        f"+1). Extension requests before the job was opened (JupyterLab start-up): "
        f"{tabs['polling']['requests_before_open']} (polling), "
        f"{live['requests_before_open']} (live).",
        "",
        f"**Timings** (server C: watch interval {num(latency['watch_interval_s'], 0)} s, "
        f"cache ttl {num(latency.get('cache_ttl_s'), 0)} s; ms)",
        "",
        "| | n | median | p95 | p99 | min | max | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, data, p95, target in (
        ("upstream status change → row changed, panel open", latency, latency["p95_ms"], "p95"),
        ("watched version ends → notification, panel closed", notify, None, "every sample"),
    ):
        s = data["ms"]
        cells = [s["median"], p95, s["p99"], s["min"], s["max"]]
        out.append(
            f"| {name} | {s['n']} | "
            + " | ".join(num(c, 0) for c in cells)
            + f" | ≤ {num(data['target_ms'], 0)} ({target}) |"
        )
    out += [
        "",
        f"Versions requests from the open panel during the {latency['ms']['n']} changes: "
        f"{latency['versions_requests']}.",
        "",
    ]
    return out


def live_summary_rows(r: Results) -> list[str]:
    """Benchmark 8's rows of the summary table."""
    d = r.get("live")
    if not d:
        return []
    tabs, latency, notify = d["tabs"], d["latency"], d["notify"]
    live, polling = tabs["live"], tabs["polling"]
    interval, quick = num(tabs["watch_interval_s"], 0), num(latency["watch_interval_s"], 0)
    per_min = live["per_tab_per_min_max"]
    return [
        f"| 8 | {live['tabs']} tabs on one job, {live['window_s']:.0f} s: requests per tab per "
        f"minute (max) | ≤ 5 (today 12) | live {num(per_min, 1)}, polling fallback "
        f"{num(polling['per_tab_per_min_max'], 1)} | {verdict(per_min <= 5)} |",
        f"| 8 | same: upstream list calls of the job (watch interval {interval} s) | "
        f"≤ {live['upstream_bound']} | live {live['upstream_list_calls']}, polling fallback "
        f"{polling['upstream_list_calls']} | "
        f"{verdict(live['upstream_list_calls'] <= live['upstream_bound'])} |",
        f"| 8 | upstream change → row, p95 of {latency['ms']['n']} (watch interval {quick} s) | "
        f"≤ {num(latency['target_ms'], 0)} ms | {num(latency['p95_ms'], 0)} ms | "
        f"{verdict(latency['met'])} |",
        f"| 8 | watched version ends → notification, panel closed (watch interval {quick} s) | "
        f"≤ {num(notify['target_ms'], 0)} ms | median {num(notify['ms']['median'], 0)} ms, max "
        f"{num(notify['ms']['max'], 0)} ms | {verdict(notify['met'])} |",
    ]
