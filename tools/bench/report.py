"""Render one run's figures as Markdown tables (never hand-typed numbers).

``make bench`` writes these tables between the markers of docs/benchmarks.md
(``BEGIN``/``END``) and the raw results to docs/benchmarks.json; what the
figures mean is written by hand around the markers, not generated.
"""

from __future__ import annotations

from pathlib import Path

from formatting import STATS_HEAD, Results, num, stats_row, verdict
from report_live import live_section
from report_scale import client_section, scale_section, status_section
from summary import summary_table


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
    ]


def _proxy(r: Results) -> list[str]:
    p = r.get("proxy")
    out = ["### 1. Proxy overhead", ""]
    if not p:
        return [*out, "Not measured (see errors).", ""]
    for latency, data in p["latencies"].items():
        out += [f"**Upstream latency {latency} ms** (ms)", "", *STATS_HEAD]
        out.append(stats_row("through the extension", data["extension_ms"]))
        out.append(stats_row("straight to the emulator", data["direct_ms"]))
        out.append(stats_row("Jupyter `/api/status` (floor)", data["jupyter_status_ms"]))
        out += [
            "",
            f"Added by the extension: {num(data['added_ms_median'], 2)} ms at the median; "
            f"ratio {num(data['ratio_median'], 3)} (median) / {num(data['ratio_p99'], 3)} (p99). "
            f"Upstream calls counted by the emulator: {data['upstream_calls']} (expected "
            f"{data['expected_upstream_calls']}: one per call on each path).",
            "",
        ]
    return out


def _responsiveness(r: Results) -> list[str]:
    d = r.get("responsiveness")
    out = ["### 2. Responsiveness under slow upstream load", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    return [
        *out,
        *STATS_HEAD,
        stats_row("`/api/status`, idle (ms)", d["status_idle_ms"]),
        stats_row("`/api/status`, 100 list calls in flight (ms)", d["status_loaded_ms"]),
        stats_row("one list call (s)", d["list_call_s"]),
        "",
        f"Upstream latency {d['upstream_latency_s']:.0f} s; list answers {d['list_codes']} of "
        f"{d['list_calls']}; all answered after {num(d['list_wall_s'], 1)} s; upstream "
        f"`list_versions` calls: {d['upstream_list_calls']}.",
        "",
    ]


def _sharing(r: Results) -> list[str]:
    d = r.get("sharing")
    out = ["### 3. Sharing one job between pollers", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    return [
        *out,
        "| clients | interval | duration | cache ttl | polls answered | 200 OK "
        "| upstream calls | bound | |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {d['clients']} | {d['interval_s']:.0f} s | {d['duration_s']:.0f} s | "
        f"{d['cache_ttl_s']:.0f} s | {d['polls']} | {d['polls_ok']} | {d['upstream_calls']} | "
        f"{d['bound']} | {verdict(d['met'])} |",
        "",
    ]


def _browser(r: Results) -> list[str]:
    b = (r.get("browser") or {}).get("lists")
    out = ["### 4. Scale: browser (the windowed table)", ""]
    if not b:
        return [*out, "Not measured (see errors).", ""]
    out += [
        f"Labextension: {r.get('labextension', '?')}. Medians over the rounds; targets (issue 13):"
        " first row ≤ list received + 300 ms, the last row in 1 frame after a jump to the end,"
        " no long task (> 50 ms) while scrolling, sort and filter ≤ 50 ms.",
        "",
        "| versions | n | list received | first row | panel after the list (max) | jump to end:"
        " frames (max) / ms | long tasks while scrolling (per round) | longest | slowest scroll"
        " step | sort | filter | most rows in the DOM |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, data in b.items():
        if "first_ms" not in data:
            continue

        def ms(key: str, stat: str = "median", data: Results = data) -> str:
            return f"{num(data[key][stat], 0)} ms" if key in data else "—"

        out.append(
            f"| {label} | {data['first_ms']['n']} | {ms('list_ms')} | {ms('first_ms')} | "
            f"{ms('over_list_ms')} ({ms('over_list_ms', 'max')}) | "
            f"{max(data['jump_frames'])} / {ms('jump_ms')} | "
            f"{', '.join(str(n) for n in data['longtasks'])} | {ms('longest_ms', 'max')} | "
            f"{ms('render_ms', 'max')} | {ms('sort_ms')} | {ms('filter_ms')} | "
            f"{data['max_rows']} |"
        )
    return [*out, ""]


def _stop(r: Results) -> list[str]:
    d = (r.get("browser") or {}).get("stop")
    nc = (r.get("browser") or {}).get("stop_no_cache")
    out = ["### 5. Stop", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    out += [
        *STATS_HEAD,
        stats_row("click → “Stopping…” visible (ms)", d["stopping_ms"], digits=0),
        stats_row("click → canceled shown (ms)", d["canceled_ms"], digits=0),
    ]
    if nc:
        out.append(
            stats_row("same, server A `cache_ttl=0`: → canceled (ms)", nc["canceled_ms"], digits=0)
        )
    return [*out, "", f"Badge label at the end: {', '.join(d['labels'])}.", ""]


def _bundle(r: Results) -> list[str]:
    d = r.get("bundle")
    out = ["### 6. Production bundle", ""]
    if not d:
        return [*out, "Not measured (see errors).", ""]
    out += [
        f"`jlpm build:prod` in a throw-away copy: {num(d['build_s'], 0)} s.",
        "",
        "| file | bytes | gzip |",
        "|---|---|---|",
    ]
    out += [f"| `{f['file']}` | {f['bytes']:,} | {f['gzip_bytes']:,} |" for f in d["files"]]
    out += [
        f"| **total** | **{d['total_bytes']:,}** | **{d['total_gzip_bytes']:,}** |",
        f"| JavaScript only | {d['js_bytes']:,} | {d['js_gzip_bytes']:,} |",
    ]
    if d.get("dev_build_total_bytes"):
        out.append(f"| development build in the tree | {d['dev_build_total_bytes']:,} | |")
    return [*out, ""]


#: The generated block of docs/benchmarks.md lies between these two lines.
BEGIN = "<!-- make bench: figures begin (generated; edit the text around them) -->"
END = "<!-- make bench: figures end -->"


def render(r: Results) -> str:
    """The generated block: machine, summary and every benchmark's tables."""
    lines = [
        BEGIN,
        "",
        *_machine(r),
        "### Summary",
        "",
        *summary_table(r),
        *_proxy(r),
        *_responsiveness(r),
        *_sharing(r),
        *scale_section(r),
        *client_section(r),
        *_browser(r),
        *_stop(r),
        *_bundle(r),
        *status_section(r),
        *live_section(r),
    ]
    if r.get("errors"):
        lines += ["### Errors in this run", ""]
        lines += [f"- **{name}**: `{text}`" for name, text in r["errors"].items()]
        lines.append("")
    return "\n".join([*lines, END])


def write(path: Path, r: Results) -> None:
    """Replace the generated block of ``path`` with this run's tables (append it if absent)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    block = render(r)
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
