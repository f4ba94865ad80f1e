"""Render docs/benchmarks.md from one run's results (never hand-typed numbers).

Every figure below comes from ``results`` as run.py collected it; the prose
around a missed target is chosen from the measured numbers too.
"""

from __future__ import annotations

import math
from typing import Any, Optional

Results = dict[str, Any]


def _f(value: Optional[float], digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _kib(value: Optional[float]) -> str:
    return "—" if value is None else f"{value / 1024:,.1f} KiB"


def _mib(kib: Optional[float]) -> str:
    return "—" if kib is None else f"{kib / 1024:,.0f} MiB"


def _verdict(met: Optional[bool]) -> str:
    return {True: "**met**", False: "**missed**", None: "not measured"}[met]


def _machine(r: Results) -> list[str]:
    m = r["machine"]
    load = ", ".join(f"{x:.2f}" for x in m["load_average"])
    return [
        f"Run on {r['date']} ({'quick run: small samples' if r['quick'] else 'full run'}), "
        f"commit `{m['commit']}`, {r['wall_s']:.0f} s wall time in all.",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {m['cpu']} — {m['cores']} cores |",
        f"| memory | {m['memory_gib']} GiB |",
        f"| OS | {m['os']} |",
        f"| Python / Node | {m['python']} / {m['node']} |",
        f"| JupyterLab / jupyter_server / tornado | {m['jupyterlab']} / {m['jupyter_server']} / "
        f"{m['tornado']} |",
        f"| browser | {m['chromium']} (headless, Playwright) |",
        f"| load average at start (1/5/15 min) | {load} |",
        "",
        "The machine is shared with other work (2 cores), so absolute times carry noise; the "
        "ratios in benchmark 1 are measured side by side, interleaved, in the same run, which "
        "cancels most of it. Medians and p99 (nearest rank: with fewer than 100 samples p99 is "
        "the maximum) are over repeated runs.",
        "",
    ]


def _summary_table(r: Results) -> list[str]:
    rows = ["| # | benchmark | target | measured | |", "|---|---|---|---|---|"]
    p = (r.get("proxy") or {}).get("latencies", {})
    zero, fifty = p.get(0) or p.get("0"), p.get(50) or p.get("50")
    if zero:
        added = zero["added_ms_median"]
        rows.append(
            f"| 1 | proxy overhead, 0 ms upstream | ≤ 3 ms added (median) | "
            f"{_f(added, 2)} ms added | {_verdict(added <= 3)} |"
        )
    if fifty:
        ratio = fifty["ratio_median"]
        rows.append(
            f"| 1 | proxy overhead, 50 ms upstream | ≤ 5 % added (median) | "
            f"{_f((ratio - 1) * 100, 1)} % added | {_verdict(ratio <= 1.05)} |"
        )
    resp = r.get("responsiveness")
    if resp:
        p99 = resp["status_loaded_ms"]["p99"]
        ok = resp["list_codes"].get(200, resp["list_codes"].get("200", 0))
        rows.append(
            f"| 2 | `/api/status` with 100 slow list calls in flight | p99 < 50 ms | "
            f"p99 {_f(p99)} ms (list calls answered 200: {ok} of {resp['list_calls']}) | "
            f"{_verdict(p99 < 50)} |"
        )
    share = r.get("sharing")
    if share:
        rows.append(
            f"| 3 | 20 pollers, 1 s apart, for {share['duration_s']:.0f} s "
            f"| ≤ {share['bound']} upstream calls | {share['upstream_calls']} upstream calls "
            f"| {_verdict(share['met'])} |"
        )
    scale = (r.get("scale") or {}).get("jobs", {})
    for job in scale.values():
        rows.append(
            f"| 4 | list {job['versions']:,} versions through the extension | — | "
            f"median {_f(job['list_s']['median'] * 1000, 0)} ms, server peak RSS "
            f"{_mib(job['rss_peak_kib'])} | |"
        )
    lists = (r.get("browser") or {}).get("lists", {})
    for label, data in lists.items():
        if "first_ms" in data:
            first, every = data["first_ms"]["median"], data["all_ms"]["median"]
            rows.append(
                f"| 4 | browser, {label} versions | — | first row {_f(first, 0)} ms,"
                f" all rows {_f(every, 0)} ms (median) | |"
            )
    stop = (r.get("browser") or {}).get("stop")
    if stop:
        rows.append(
            f"| 5 | stop: click → “Stopping…” / → canceled | — | "
            f"{_f(stop['stopping_ms']['median'], 0)} ms / {_f(stop['canceled_ms']['median'], 0)} ms"
            " (median) | |"
        )
    bundle = r.get("bundle")
    if bundle:
        rows.append(
            f"| 6 | production labextension bundle | — | {_kib(bundle['total_bytes'])} "
            f"({_kib(bundle['total_gzip_bytes'])} gzipped) | |"
        )
    return [*rows, ""]


def _stats_row(name: str, s: dict[str, float], scale: float = 1.0, digits: int = 2) -> str:
    cells = [_f(s[key] * scale, digits) for key in ("median", "p99", "min", "max")]
    return f"| {name} | {s['n']} | " + " | ".join(cells) + " |"


STATS_HEAD = ["| | n | median | p99 | min | max |", "|---|---|---|---|---|---|"]


def _proxy(r: Results) -> list[str]:
    p = r.get("proxy")
    out = ["## 1. Proxy overhead", ""]
    if not p:
        return [*out, "Not measured (see errors).", ""]
    out += [
        "`GET jupyterlab-modelarts/training-jobs/182626/versions` (4 versions, one upstream call) "
        "through the extension, against the same upstream call made straight to the emulator "
        "with the project's own signed client (`ModelArtsClient`: requests + SDK-HMAC-SHA256), "
        "interleaved in one loop (the order alternates every round). The server runs with "
        "**`cache_ttl=0`**, so every call goes upstream. Jupyter's own `GET /api/status` is timed "
        "in the same loop as the floor cost of any authenticated request to a Jupyter server. "
        "Emulator latency is injected with its `latency` fault on `list_versions`.",
        "",
    ]
    for latency, data in p["latencies"].items():
        out += [f"**Upstream latency {latency} ms** (ms)", "", *STATS_HEAD]
        out.append(_stats_row("through the extension", data["extension_ms"]))
        out.append(_stats_row("straight to the emulator", data["direct_ms"]))
        out.append(_stats_row("Jupyter `/api/status` (floor)", data["jupyter_status_ms"]))
        out += [
            "",
            f"Added by the extension: {_f(data['added_ms_median'], 2)} ms at the median; ratio "
            f"{_f(data['ratio_median'], 3)} (median) / {_f(data['ratio_p99'], 3)} (p99). Upstream "
            f"calls counted by the emulator: {data['upstream_calls']} (expected "
            f"{data['expected_upstream_calls']}: one per call on each path).",
            "",
        ]
    zero = p["latencies"].get(0) or p["latencies"].get("0")
    fifty = p["latencies"].get(50) or p["latencies"].get("50")
    if zero and zero["added_ms_median"] > 3:
        floor = zero["jupyter_status_ms"]["median"]
        own = zero["added_ms_median"] - floor
        out += [
            f"**Gap at 0 ms.** The target (≤ 3 ms) is missed by "
            f"{_f(zero['added_ms_median'] - 3, 2)} ms. Measured cause: a bare authenticated "
            f"`/api/status` on this server already costs {_f(floor, 2)} ms at the median (tornado "
            "request handling, token authentication, the access log, a second loopback hop) — "
            "a cost any request to Jupyter pays before the extension runs. The remainder, "
            f"{_f(own, 2)} ms, is the extension's own work: its handler and service, the "
            "asynchronous upstream client (tornado `AsyncHTTPClient`) and re-serialising the JSON.",
            "",
        ]
    if fifty and fifty["ratio_median"] > 1.05:
        budget = 0.05 * fifty["direct_ms"]["median"]
        floor = fifty["jupyter_status_ms"]["median"]
        out += [
            f"**Gap at 50 ms.** The extension adds {_f((fifty['ratio_median'] - 1) * 100, 1)} % "
            f"({_f(fifty['added_ms_median'], 2)} ms) instead of ≤ 5 %. 5 % of the direct "
            f"{_f(fifty['direct_ms']['median'], 2)} ms is a budget of {_f(budget, 2)} ms, while a "
            f"bare authenticated `/api/status` to the same server costs {_f(floor, 2)} ms at the "
            "median in the same loop: any extra HTTP hop through a Jupyter server on this machine "
            f"{'exceeds' if floor > budget else 'nearly fills'} the budget before the extension "
            f"runs. The extension's own share is {_f(fifty['added_ms_median'] - floor, 2)} ms "
            "(added minus that floor); the fixed cost does not grow with the upstream latency.",
            "",
        ]
    return out


def _responsiveness(r: Results) -> list[str]:
    d = r.get("responsiveness")
    out = ["## 2. Responsiveness under slow upstream load", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    out += [
        f"Upstream latency {d['upstream_latency_s']:.0f} s on `list_versions`; {d['list_calls']} "
        "list calls for 100 *different* jobs (single flight cannot merge them) are sent at once "
        "from 100 client threads; meanwhile a prober calls Jupyter's `GET /api/status` back to "
        "back (20 ms pause) until the last list call has answered. Server A (`cache_ttl=0`).",
        "",
        *STATS_HEAD,
        _stats_row("`/api/status`, idle (ms)", d["status_idle_ms"]),
        _stats_row("`/api/status`, 100 list calls in flight (ms)", d["status_loaded_ms"]),
        _stats_row("one list call (s)", d["list_call_s"]),
        "",
        f"List answers: {d['list_codes']}; the 100 calls took {_f(d['list_wall_s'], 1)} s "
        f"together; upstream `list_versions` calls counted: {d['upstream_list_calls']}.",
        "",
    ]
    loaded = d["status_loaded_ms"]
    if 40 <= loaded["p99"] < 50:
        out += [
            f"The p99 ({_f(loaded['p99'])} ms) is close to the 50 ms target and the slowest probe "
            f"took {_f(loaded['max'])} ms, against a median of {_f(loaded['median'])} ms. The "
            "tail was not broken down further in this run; in that window the server's one "
            "event loop also parses, enriches and serialises the 100 answers, and the load "
            "generator's threads share the same 2 cores.",
            "",
        ]
    waves = d["list_wall_s"] / d["upstream_latency_s"]
    if waves > 1.5:
        out += [
            f"The 100 calls needed about {waves:.0f} latency periods: the upstream client holds "
            "a bounded number of connections (`ClientConfig.max_connections`) and queues the "
            "rest.",
            "",
        ]
    failed = d["list_calls"] - d["list_codes"].get(200, d["list_codes"].get("200", 0))
    latency = d["upstream_latency_s"]
    expected = 10 * (math.floor(5.0 / latency) + 1)  # 10 connections, 5 s default queue limit
    if failed:
        out += [
            f"**Found: {failed} of the {d['list_calls']} list calls failed** "
            f"({d['list_codes']}), and the emulator received only {d['upstream_list_calls']} "
            "list calls: the others never reached it. The extension's upstream client is "
            "tornado's `SimpleAsyncHTTPClient` with its default `max_clients=10`; calls beyond "
            "10 wait in tornado's queue, which gives up after min(`connect_timeout`, "
            "`request_timeout`) = 5 s with “Timeout in request queue”, and the transport reports "
            f"that as a ModelArts read timeout (504). With {latency:.0f} s per call, 10 "
            f"connections start 10 calls every {latency:.0f} s, so about {expected} can start "
            "before the 5 s queue limit. The event loop itself stays free (the status numbers "
            "above). "
            "`tests/reliability/test_concurrency.py` reproduces this (strict xfail).",
            "",
        ]
    if d["status_loaded_ms"]["p99"] >= 50:
        out += [
            f"**Gap.** p99 is {_f(d['status_loaded_ms']['p99'])} ms against < 50 ms (idle p99 "
            f"{_f(d['status_idle_ms']['p99'])} ms). The status call shares the server's single "
            "event loop with 100 list handlers; the slow probes coincide with the moments the "
            "list answers are parsed, enriched and serialised, and the load generator's 100 "
            "threads compete for the same 2 cores.",
            "",
        ]
    return out


def _sharing(r: Results) -> list[str]:
    d = r.get("sharing")
    out = ["## 3. Sharing one job between pollers", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    return [
        *out,
        f"{d['clients']} clients each poll `GET …/training-jobs/182626/versions` every "
        f"{d['interval_s']:.0f} s for {d['duration_s']:.0f} s (phases spread over the first "
        f"second). Server B with the default `cache_ttl` = {d['cache_ttl_s']:.0f} s. "
        "Upstream calls are counted by the emulator (`GET /_emulator/stats`).",
        "",
        "| polls answered | 200 OK | upstream `list_versions` calls "
        "| bound: ⌈duration / ttl⌉ + 1 | |",
        "|---|---|---|---|---|",
        f"| {d['polls']} | {d['polls_ok']} | {d['upstream_calls']} | {d['bound']} | "
        f"{_verdict(d['met'])} |",
        "",
    ]


def _scale(r: Results) -> list[str]:
    d = r.get("scale")
    out = ["## 4. Scale: 1,000 and 10,000 versions", "", "### Server"]
    if not d:
        return [*out, "", "Not measured (see errors).", ""]
    out += [
        "",
        "Server A (`cache_ttl=0`: every list pages through ModelArts, 1,000 versions per page). "
        "RSS of the `jupyter lab` process sampled from `/proc/PID/status` every 10 ms during the "
        f"timed calls; it was {_mib(d['rss_start_kib'])} before the first of them.",
        "",
        "| versions | response | list time median | p99 | n | same list, direct client (median)"
        " | upstream pages per list | peak RSS (sampled) | VmHWM after | RSS after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for job in d["jobs"].values():
        s, direct = job["list_s"], job["direct_list_s"]
        out.append(
            f"| {job['versions']:,} | {_kib(job['response_bytes'])} | "
            f"{_f(s['median'] * 1000, 0)} ms | {_f(s['p99'] * 1000, 0)} ms | {s['n']} | "
            f"{_f(direct['median'] * 1000, 0)} ms | "
            f"{_f(job['upstream_pages_per_list'], 0)} | {_mib(job['rss_peak_kib'])} | "
            f"{_mib(job['rss_hwm_kib'])} | {_mib(job['rss_after_kib'])} |"
        )
    out.append("")
    for label, job in d["jobs"].items():
        total, direct = job["list_s"]["median"], job["direct_list_s"]["median"]
        out.append(
            f"- {label}: of {_f(total, 2)} s, {_f(direct, 2)} s is ModelArts paging plus the "
            f"client's parsing (the direct column); the extension adds {_f(total - direct, 2)} s "
            f"to enrich every version, serialise {_kib(job['response_bytes'])} of JSON "
            f"({_f(job['response_bytes'] / job['versions'] / 1024, 1)} KiB per version: the "
            "emulator fills every documented field) and send it. Peak RSS grows by "
            f"{_mib(job['rss_peak_kib'] - d['rss_start_kib'])} over the server's start level: "
            "the parsed pages, the enriched copies and the serialised body exist at the same time."
        )
    out.append("")
    b = (r.get("browser") or {}).get("lists")
    out += ["### Browser", ""]
    if not b:
        return [*out, "Not measured (see errors).", ""]
    out += [
        "Headless Debian Chromium under Playwright, JupyterLab with the extension's "
        f"{r.get('labextension', '?')}, server B (default cache). Timed inside the "
        "page with `performance.now()`, checked every animation frame, from the call of the "
        "command `jupyterlab-modelarts:open` with `{jobId}` (the two jobs alternate, so every "
        "open is a job switch with a fresh fetch). The table renders incrementally — 200 rows, "
        "then 200 more whenever its “show more” row scrolls into view — so three moments are "
        "recorded: the newest version's row (`tr[data-version-id]`) in the DOM; the first page "
        "(200 rows) in the DOM; and **all rows in the DOM** while the script activates the "
        "table's “Show more versions” button once per frame (the UI's own way to load the next "
        "200; the row scrolling into view does the same). Scrolling was not used to drive it: "
        "jumping the scroll container to its bottom every frame stalls the observer (the row "
        "never leaves the view between two renders, so no new intersection is reported), and a "
        "page-by-page scroll would time the scroll speed instead of the rendering.",
        "",
        "| versions | n | first row median | p99 | first 200 rows median | all rows median | p99 |"
        " show-more steps | first step | last step | scroll height when complete |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, data in b.items():
        if "first_ms" not in data:
            continue
        first, page, every = data["first_ms"], data["page_ms"], data["all_ms"]
        out.append(
            f"| {label} | {first['n']} | {_f(first['median'], 0)} ms | {_f(first['p99'], 0)} ms | "
            f"{_f(page['median'], 0)} ms | {_f(every['median'], 0)} ms | {_f(every['p99'], 0)} ms "
            f"| {data['steps']} | {_f(data['first_step_ms']['median'], 0)} ms "
            f"| {_f(data['last_step_ms']['median'], 0)} ms | {data['scroll_height_px']:,} px |"
        )
    out.append("")
    server = d["jobs"] if d else {}
    for label, data in b.items():
        if "first_ms" not in data or label not in server:
            continue
        listed = server[label]["list_s"]["median"] * 1000
        first = data["first_ms"]["median"]
        size = _kib(server[label]["response_bytes"])
        if listed < 0.8 * first:
            where = (
                f"the server-side list of the same job takes {_f(listed, 0)} ms (median, above) "
                f"of the {_f(first, 0)} ms to the first row; the rest is moving and parsing "
                f"{size} of JSON in the page and rendering the first 200 rows."
            )
        else:
            where = (
                f"the {_f(first, 0)} ms to the first row are dominated by the server-side list "
                f"({_f(listed, 0)} ms median above, measured on server A, alongside the RSS "
                f"sampler and the direct listings), then {size} of JSON to move and parse."
            )
        first_step, last_step = data["first_step_ms"]["median"], data["last_step_ms"]["median"]
        steps = (
            f"The “show more” steps grow from {_f(first_step, 0)} ms to {_f(last_step, 0)} ms: "
            "each builds only its 200 new rows (`VersionsTable.showMore`), so what grows is the "
            "page's work over every row already shown (style and layout of the whole table, and "
            "the 5 s poll re-rendering all shown rows), not broken down further here."
            if last_step > 1.5 * first_step
            else f"The “show more” steps take {_f(first_step, 0)} to {_f(last_step, 0)} ms each."
        )
        out.append(f"- {label}: {where} {steps}")
    return [*out, ""]


def _stop(r: Results) -> list[str]:
    d = (r.get("browser") or {}).get("stop")
    nc = (r.get("browser") or {}).get("stop_no_cache")
    out = ["## 5. Stop", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    return [
        *out,
        "A running version's Stop button is clicked (`button.click()` in the page, confirmation "
        "turned off in the panel's settings so one click is the whole action); timed to the "
        "button reading “Stopping…” and to the row's status badge showing the canceled state "
        "(`data-status` JOBSTAT_KILLED / JOBSTAT_CANCELED). The emulator takes 1 s to stop a "
        "version (`--kill-delay 1`); server B keeps the default 2 s cache, which a stop "
        "invalidates. Each run stops a different running version.",
        "",
        *STATS_HEAD,
        _stats_row("click → “Stopping…” visible (ms)", d["stopping_ms"], digits=0),
        _stats_row("click → canceled shown (ms)", d["canceled_ms"], digits=0),
        *(
            [
                _stats_row(
                    "same, server A `cache_ttl=0`: → canceled (ms)", nc["canceled_ms"], digits=0
                )
            ]
            if nc
            else []
        ),
        "",
        f"Badge label at the end: {', '.join(d['labels'])}.",
        "",
        "Where the canceled time goes: the stop request itself (a fresh read, then the stop), "
        "ModelArts' own 1 s in “Stopping” (the emulator's kill delay), and the panel's follow-up "
        "polls (every 1 s after a stop). The answer the panel fetches right after its stop shows "
        "“Stopping”, and server B caches it for `cache_ttl` (2 s), so follow-up polls inside "
        "that window read the cached “Stopping”"
        + (
            f"; the same stop on server A without the cache shows canceled after "
            f"{_f(nc['canceled_ms']['median'], 0)} ms (median), which measures what the cache "
            f"costs here: {_f(d['canceled_ms']['median'] - nc['canceled_ms']['median'], 0)} ms."
            if nc
            else "."
        ),
        "",
    ]


def _bundle(r: Results) -> list[str]:
    d = r.get("bundle")
    out = ["## 6. Production bundle", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    out += [
        "`jlpm build:prod` in a throw-away copy of the front-end sources (node_modules linked), "
        f"so the shared tree keeps its development build; the build took {_f(d['build_s'], 0)} s. "
        "Sizes of `labextension/static`, raw and gzip -9:",
        "",
        "| file | bytes | gzip |",
        "|---|---|---|",
    ]
    for f in d["files"]:
        out.append(f"| `{f['file']}` | {f['bytes']:,} | {f['gzip_bytes']:,} |")
    out += [
        f"| **total** | **{d['total_bytes']:,}** | **{d['total_gzip_bytes']:,}** |",
        f"| JavaScript only | {d['js_bytes']:,} | {d['js_gzip_bytes']:,} |",
        "",
    ]
    if d.get("dev_build_total_bytes"):
        out += [
            f"For comparison, the development build in the tree is "
            f"{d['dev_build_total_bytes']:,} bytes (unminified, with source maps).",
            "",
        ]
    return out


def render(r: Results) -> str:
    """The whole of docs/benchmarks.md."""
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`tests/benchmarks/run.py`) — do not edit by hand; rerun it. "
        "Everything runs on 127.0.0.1: a standalone emulator "
        "(`python -m jupyterlab_modelarts.emulator`) and two `jupyter lab` servers on it, "
        "**A** with `cache_ttl=0` and **B** with the defaults.",
        "",
        *_machine(r),
        "## Summary",
        "",
        *_summary_table(r),
        *_proxy(r),
        *_responsiveness(r),
        *_sharing(r),
        *_scale(r),
        *_stop(r),
        *_bundle(r),
    ]
    if r.get("errors"):
        lines += ["## Errors in this run", ""]
        lines += [f"- **{name}**: `{text}`" for name, text in r["errors"].items()]
        lines.append("")
    return "\n".join(lines)
