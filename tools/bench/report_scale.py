"""The server-side scale sections of the report: benchmark 4 (server and client) and 7."""

from __future__ import annotations

from formatting import STATS_HEAD, Results, kib, mib, num, stats_row


def scale_section(r: Results) -> list[str]:
    d = r.get("scale")
    out = ["### 4. Scale: server", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    out += [
        f"RSS before the timed calls: {mib(d['rss_start_kib'])}.",
        "",
        "| versions | response | list time median | p99 | n | direct client (median)"
        " | upstream pages per list | peak RSS (sampled) | VmHWM after | RSS after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for job in d["jobs"].values():
        s, direct = job["list_s"], job["direct_list_s"]
        out.append(
            f"| {job['versions']:,} | {kib(job['response_bytes'])} | "
            f"{num(s['median'] * 1000, 0)} ms | {num(s['p99'] * 1000, 0)} ms | {s['n']} | "
            f"{num(direct['median'] * 1000, 0)} ms | "
            f"{num(job['upstream_pages_per_list'], 0)} | {mib(job['rss_peak_kib'])} | "
            f"{mib(job['rss_hwm_kib'])} | {mib(job['rss_after_kib'])} |"
        )
    out += _scale_issue13(d)
    return [*out, ""]


def _scale_issue13(d: Results) -> list[str]:
    """The summary view, the bytes on the wire and the RSS growth (issue 13), if measured."""
    jobs = [job for job in d["jobs"].values() if "summary_ratio" in job]
    if not jobs:
        return []
    out = [
        "",
        "| versions | summary view (gzip) median | raw fetch + json.loads median | ratio "
        "| bytes/version full | full gzip | summary | summary gzip | 304 answer "
        "| RSS growth | growth / full body |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for job in jobs:
        summ, raw = job["summary_list_s"], job["raw_fetch_s"]
        growth = (job["rss_peak_kib"] - job["rss_before_kib"]) * 1024
        out.append(
            f"| {job['versions']:,} | {num(summ['median'] * 1000, 0)} ms | "
            f"{num(raw['median'] * 1000, 0)} ms | {num(job['summary_ratio'], 2)}x | "
            f"{num(job['full_per_version'], 0)} B | {num(job['full_gzip_per_version'], 0)} B | "
            f"{num(job['summary_per_version'], 0)} B | "
            f"{num(job['summary_gzip_per_version'], 1)} B | {job['not_modified_bytes']} B | "
            f"{mib(growth // 1024)} | {num(job['rss_growth_ratio'], 2)}x |"
        )
    return out


def client_section(r: Results) -> list[str]:
    d = r.get("client")
    out = ["### 4. Scale: the client", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    return [
        *out,
        *STATS_HEAD,
        stats_row(f"raw fetch + json.loads, {d['versions']:,} versions (ms)", d["raw_ms"], 0),
        stats_row(f"client `list_versions`, {d['versions']:,} versions (ms)", d["client_ms"], 0),
        "",
        f"Ratio (medians, interleaved in one loop): {num(d['ratio'], 2)} "
        f"(target ≤ {num(d['target_ratio'], 1)}).",
        "",
    ]


def status_section(r: Results) -> list[str]:
    d = r.get("status")
    out = ["### 7. `/api/status` while the extension serves heavy answers", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    out += STATS_HEAD
    notes = []
    for suffix, who in (
        ("", "full-view readers (uncompressed)"),
        ("_full_gzip", "full-view readers (gzip)"),
        ("_panel", "panel readers"),
    ):
        readers, bodies = d.get(f"cached_readers{suffix}"), d.get(f"large_bodies{suffix}")
        if readers:
            label = f"`/api/status`, {readers['readers']} cached {who} of 1,000 versions (ms)"
            out.append(stats_row(label, readers["status_ms"]))
            notes.append(f"cached {who}: answers {readers['reads']}")
        if bodies:
            label = (
                f"`/api/status`, {bodies['readers']} {who} of {bodies['body_mb']} MB bodies (ms)"
            )
            out.append(stats_row(label, bodies["status_ms"]))
            notes.append(
                f"large bodies, {who}: answers {bodies['codes']}, "
                f"server peak RSS {bodies['peak_rss_mb']} MB"
                + (
                    f", its worker's {bodies['worker_peak_rss_mb']} MB"
                    if bodies.get("worker_peak_rss_mb")
                    else ""
                )
            )
    return [*out, "", "; ".join(notes) + ".", ""]
