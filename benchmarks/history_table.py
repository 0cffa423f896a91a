"""The history benchmark's figures as one Markdown table (docs/benchmarks.md)."""

from __future__ import annotations

from typing import Any

__all__ = ["render_history"]


def _s(value: Any) -> str:
    if not isinstance(value, int | float):
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _ms(value: Any) -> str:
    return f"{value * 1000:.1f} ms" if isinstance(value, int | float) else "—"


def _naive(found: dict[str, Any]) -> Any:
    naive = found.get("naive", {})
    if "open_s" in naive and "report_s" in naive:
        return naive["open_s"] + naive["report_s"]
    return None


def _row(what: str, found: dict[str, Any], target: str) -> str:
    files, first, kept = (found.get(m, {}) for m in ("files", "first", "summaries"))
    cells = [
        what,
        target,
        _s(kept.get("seconds")),
        _s(files.get("seconds")),
        _s(first.get("seconds")),
        f"{first.get('summarised', '—')} / {kept.get('files_read', '—')}",
        _s(_naive(found)),
    ]
    return "| " + " | ".join(cells) + " |"


def render_history(found: dict[str, Any]) -> str:
    """Reports side by side, then the summary job and the app beside it."""
    head = (
        "| whole-history report | target | summaries present (best of 5 fresh processes) | files alone (before) "
        "| first report (summarises, then counts) | weeks summarised / files read with summaries | naive single file |"
    )
    lines = [head, "| --- | --- | --- | --- | --- | --- | --- |"]
    ten = found.get("y10", {}).get("summaries", {}).get("seconds")
    for years in (1, 5, 10, 20):
        each = found.get(f"y{years}", {})
        target = "≤ 1 s" if years == 10 else ("≤ 1.2 × ten years" if years == 20 else "")
        if years == 20 and isinstance(ten, float) and "seconds" in each.get("summaries", {}):
            target += f" (× {each['summaries']['seconds'] / ten:.2f})"
        lines.append(
            _row(
                f"{years} year{'s' if years > 1 else ''}, one laptop ({each.get('records', 0):,} records)", each, target
            )
        )
    lines.append(_row("10 years, three laptops", found.get("three", {}), "≤ 1 s"))
    lines.append(_row("project report, six centres of 10 years", found.get("six", {}), "≤ 2 s"))
    job, app, before = found.get("job_alone", {}), found.get("app", {}), found.get("app_before", {})
    lines += [
        "",
        "| ten years | target | now | before |",
        "| --- | --- | --- | --- |",
        f"| every closed week summarised from scratch by the app's job (one process, idle class), alone "
        f"| | {_s(job.get('seconds'))} ({job.get('made', '—')} weeks) | — |",
        f"| the same job beside the running app, from its first summary to its last "
        f"| | {_s(app.get('job_beside_app_s'))} | — |",
        f"| start → ready-to-scan (median of 3, a morning's start) | ≤ 0.5 s | {_s(app.get('ready_median_s'))} "
        f"| {_s(before.get('ready_median_s'))} |",
        f"| the first start on the generated folder → home screen | | {_s(app.get('first_start_home_s'))} "
        f"| {_s(before.get('first_start_home_s'))} |",
        f"| scan → answer p99, 40 cards right after start (start-up backup running) | ≤ 10 ms "
        f"| {_ms(app.get('scan_p99_after_start_s'))} | {_ms(before.get('scan_p99_after_start_s'))} |",
        f"| scan → answer p99, {app.get('scans_beside_job', 0)} cards while the summary job runs | ≤ 10 ms "
        f"| {_ms(app.get('scan_p99_beside_job_s'))} | — |",
    ]
    machine = found.get("machine", {})
    lines += [
        "",
        f"Machine: {machine.get('nproc')} CPUs ({machine.get('cpu')}), load average "
        f"{machine.get('load_average_1m_at_start')} at the start and "
        f"{machine.get('load_average_1m_at_end')} at the end.",
    ]
    return "\n".join(lines)
