"""The summary table: each benchmark's target and whether this run met it."""

from __future__ import annotations

from formatting import Results, kib, mib, num, verdict
from report_live import live_summary_rows


def summary_table(r: Results) -> list[str]:
    rows = ["| # | benchmark | target | measured | |", "|---|---|---|---|---|"]
    p = (r.get("proxy") or {}).get("latencies", {})
    zero, fifty = p.get(0) or p.get("0"), p.get(50) or p.get("50")
    if zero:
        added = zero["added_ms_median"]
        rows.append(
            f"| 1 | proxy overhead, 0 ms upstream | ≤ 3 ms added (median) | "
            f"{num(added, 2)} ms added | {verdict(added <= 3)} |"
        )
    if fifty:
        ratio = fifty["ratio_median"]
        rows.append(
            f"| 1 | proxy overhead, 50 ms upstream | ≤ 5 % added (median) | "
            f"{num((ratio - 1) * 100, 1)} % added | {verdict(ratio <= 1.05)} |"
        )
    resp = r.get("responsiveness")
    if resp:
        p99 = resp["status_loaded_ms"]["p99"]
        ok = resp["list_codes"].get(200, resp["list_codes"].get("200", 0))
        rows.append(
            f"| 2 | `/api/status` with 100 slow list calls in flight | p99 < 50 ms | "
            f"p99 {num(p99)} ms (list calls answered 200: {ok} of {resp['list_calls']}) | "
            f"{verdict(p99 < 50)} |"
        )
    share = r.get("sharing")
    if share:
        rows.append(
            f"| 3 | 20 pollers, 1 s apart, for {share['duration_s']:.0f} s "
            f"| ≤ {share['bound']} upstream calls | {share['upstream_calls']} upstream calls "
            f"| {verdict(share['met'])} |"
        )
    scale = (r.get("scale") or {}).get("jobs", {})
    for job in scale.values():
        rows.append(
            f"| 4 | list {job['versions']:,} versions through the extension | — | "
            f"median {num(job['list_s']['median'] * 1000, 0)} ms, server peak RSS "
            f"{mib(job['rss_peak_kib'])} | |"
        )
    for job in scale.values():
        if "summary_ratio" not in job:
            continue
        versions = f"{job['versions']:,}"
        rows.append(
            f"| 4 | summary view of {versions} versions (cache off) vs raw fetch + json.loads "
            f"| ≤ {num(job['summary_target'], 1)}x | {num(job['summary_ratio'], 2)}x | "
            f"{verdict(job['summary_ratio'] <= job['summary_target'])} |"
        )
        if job["versions"] >= 10_000:  # the target's size: smaller lists are mostly warm-up
            rows.append(
                f"| 4 | server peak RSS growth, {versions} versions, vs the full body | "
                f"≤ {num(job['rss_target'], 1)}x | {num(job['rss_growth_ratio'], 2)}x | "
                f"{verdict(job['rss_growth_ratio'] <= job['rss_target'])} |"
            )
        rows.append(
            f"| 4 | bytes per version, {versions} versions: full / summary / summary gzip; 304 "
            f"| summary ≤ 300 B; 304 < 1 KB | {num(job['full_per_version'], 0)} / "
            f"{num(job['summary_per_version'], 0)} / {num(job['summary_gzip_per_version'], 1)} B;"
            f" {job['not_modified_bytes']} B | "
            f"{verdict(job['summary_per_version'] <= 300 and job['not_modified_bytes'] < 1024)} |"
        )
    client = r.get("client")
    if client:
        rows.append(
            f"| 4 | client `list_versions`, {client['versions']:,} versions, vs raw fetch + "
            f"json.loads | ≤ {num(client['target_ratio'], 1)}x | {num(client['ratio'], 2)}x | "
            f"{verdict(client['met'])} |"
        )
    lists = (r.get("browser") or {}).get("lists", {})
    for label, data in lists.items():
        if "first_ms" in data and "over_list_ms" in data:
            first, over = data["first_ms"]["median"], data["over_list_ms"]["median"]
            rows.append(
                f"| 4 | browser, {label} versions: first row after the list arrives | ≤ 300 ms | "
                f"{num(over, 0)} ms (first row {num(first, 0)} ms) | {verdict(over <= 300)} |"
            )
    stop = (r.get("browser") or {}).get("stop")
    if stop:
        rows.append(
            f"| 5 | stop: click → “Stopping…” / → canceled | — | "
            f"{num(stop['stopping_ms']['median'], 0)} ms / "
            f"{num(stop['canceled_ms']['median'], 0)} ms (median) | |"
        )
    bundle = r.get("bundle")
    if bundle:
        rows.append(
            f"| 6 | production labextension bundle | — | {kib(bundle['total_bytes'])} "
            f"({kib(bundle['total_gzip_bytes'])} gzipped) | |"
        )
    status = r.get("status")
    if status:
        for name, label in (
            ("cached_readers", "cached readers (full view)"),
            ("large_bodies", "large bodies (full view)"),
            ("cached_readers_full_gzip", "cached readers (full view, gzip)"),
            ("large_bodies_full_gzip", "large bodies (full view, gzip)"),
            ("cached_readers_panel", "cached readers (panel: summary, gzip, ETag)"),
            ("large_bodies_panel", "large bodies (panel: summary, gzip, ETag)"),
        ):
            if name not in status:
                continue
            p99 = status[name]["status_ms"]["p99"]
            rows.append(
                f"| 7 | `/api/status` p99 with {label} | < 50 ms | {num(p99)} ms | "
                f"{verdict(p99 < 50)} |"
            )
    rows += live_summary_rows(r)
    return [*rows, ""]
