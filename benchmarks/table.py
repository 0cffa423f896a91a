"""The figures of a run as a Markdown table: against the brief's targets and the naive baseline."""

from __future__ import annotations

from typing import Any

__all__ = ["FIGURES", "missing", "render", "render_laptops"]

#: Every figure a run must produce (dotted paths into the results).
FIGURES = (
    "checkin.ten_years.p99_ms",
    "checkin.no_history.p99_ms",
    "checkin.first_week.p99_ms",
    "naive_checkin.ten_years.p99_ms",
    "naive_checkin.no_history.p99_ms",
    "app_ten_years.ready_median_s",
    "app_ten_years.scan_to_answer.p99_ms",
    "app_ten_years.memory_ready_mb",
    "app_ten_years.burst.lost",
    "app_ten_years.burst.reordered",
    "app_ten_years.burst.merged",
    "app_no_history.ready_median_s",
    "app_no_history.scan_to_answer.p99_ms",
    "reports.week_export_s",
    "reports.report_s",
    "reports.report_progress_calls",
    "naive_reads.open_s",
    "naive_reads.week_export_s",
    "naive_reads.report_s",
    "naive_reads.peak_memory_mb",
    "checkin.three_laptops.p99_ms",
    "app_three_laptops.ready_median_s",
    "app_three_laptops.scan_to_answer.p99_ms",
    "app_three_laptops.memory_ready_mb",
    "app_three_laptops.memory_peak_mb",
    "app_three_laptops.burst.lost",
    "app_three_laptops.burst.reordered",
    "app_three_laptops.burst.merged",
    "reports_three_laptops.week_export_s",
    "reports_three_laptops.report_s",
    "reports_three_laptops.report_progress_calls",
)


def _get(results: dict[str, Any], path: str) -> Any:
    value: Any = results
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def missing(results: dict[str, Any]) -> list[str]:
    """Figures the run did not produce."""
    return [path for path in FIGURES if not isinstance(_get(results, path), int | float)]


def _ms(value: Any) -> str:
    return "—" if value is None else f"{value:.1f} ms" if value < 100 else f"{value / 1e3:.2f} s"


def _s(value: Any) -> str:
    return "—" if value is None else f"{value * 1e3:.0f} ms" if value < 1 else f"{value:.2f} s"


def _ratio(a: Any, b: Any) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}"


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else "✅ met" if ok else "❌ missed"


def _latency_rows(r: dict[str, Any]) -> list[list[str]]:
    rows = []
    for label, part in (("p50", "p50_ms"), ("p99", "p99_ms")):
        ten, zero = _get(r, f"checkin.ten_years.{part}"), _get(r, f"checkin.no_history.{part}")
        week = _get(r, f"checkin.first_week.{part}")
        naive_ten, naive_zero = _get(r, f"naive_checkin.ten_years.{part}"), _get(r, f"naive_checkin.no_history.{part}")
        ok = ten is not None and zero and (label == "p50" or ten <= 15) and ten / zero <= 1.5
        rows.append(
            [
                f"check-in {label}: scan parsed, rules, durable write (domain, in-process)",
                "p99 ≤ 15 ms; ten years ÷ none ≤ 1.5",
                _ms(ten),
                _ms(zero),
                _ratio(ten, zero),
                f"{_ms(week)} (÷ {_ratio(ten, week)})",
                _ms(naive_ten),
                _ms(naive_zero),
                _ratio(naive_ten, naive_zero),
                _ratio(naive_ten, ten),
                _mark(bool(ok)),
            ]
        )
    for label, part in (("p50", "p50_ms"), ("p99", "p99_ms")):
        ten, zero = (
            _get(r, f"app_ten_years.scan_during_backup.{part}"),
            _get(r, f"app_no_history.scan_during_backup.{part}"),
        )
        rows.append(
            [
                f"scan → answer on screen {label}, first seconds after start (start-up backup running)",
                "p99 ≤ 15 ms",
                _ms(ten),
                _ms(zero),
                _ratio(ten, zero),
                "",
                "",
                "",
                "",
                "",
                "—" if label == "p50" else _mark((ten or 99) <= 15),
            ]
        )
    ten, zero = _get(r, "app_ten_years.cpu_per_scan_ms"), _get(r, "app_no_history.cpu_per_scan_ms")
    rows.append(
        ["app CPU time per scan (keys, check-in, repaint)", "", _ms(ten), _ms(zero), _ratio(ten, zero), *[""] * 5, "—"]
    )
    for label, part in (("p50", "p50_ms"), ("p99", "p99_ms")):
        ten, zero = _get(r, f"app_ten_years.scan_to_answer.{part}"), _get(r, f"app_no_history.scan_to_answer.{part}")
        ok = ten is not None and zero and (label == "p50" or ten <= 15) and ten / zero <= 1.5
        rows.append(
            [
                f"scan → answer on screen {label} (real app, terminal)",
                "p99 ≤ 15 ms; ratio ≤ 1.5",
                _ms(ten),
                _ms(zero),
                _ratio(ten, zero),
                "",
                "",
                "",
                "",
                "",
                _mark(bool(ok)),
            ]
        )
    return rows


def _other_rows(r: dict[str, Any]) -> list[list[str]]:
    ready, ready_zero = _get(r, "app_ten_years.ready_median_s"), _get(r, "app_no_history.ready_median_s")
    burst = _get(r, "app_ten_years.burst") or {}
    bad = [burst.get(k) for k in ("lost", "reordered", "merged")]
    week, report = _get(r, "reports.week_export_s"), _get(r, "reports.report_s")
    calls = _get(r, "reports.report_progress_calls")
    memory, peak = _get(r, "app_ten_years.memory_ready_mb"), _get(r, "app_ten_years.memory_peak_mb")
    naive = _get(r, "naive_reads") or {}
    blank = ["", "", "", ""]
    return [
        [
            "start → ready-to-scan (real app, median of starts)",
            "≤ 1 s",
            _s(ready),
            _s(ready_zero),
            _ratio(ready, ready_zero),
            "",
            _s(naive.get("open_s")),
            "",
            "",
            _ratio(naive.get("open_s"), ready),
            _mark(ready is not None and ready <= 1),
        ],
        [
            f"scanner burst: {burst.get('sent', '?')} cards, 1 ms a character: lost / reordered / merged",
            "0 / 0 / 0",
            " / ".join(str(b) for b in bad),
            "",
            "",
            *blank,
            "",
            _mark(bad == [0, 0, 0]),
        ],
        [
            "one week's export (CSV bundle)",
            "≤ 0.3 s",
            _s(week),
            "",
            "",
            "",
            _s(naive.get("week_export_s")),
            "",
            "",
            _ratio(naive.get("week_export_s"), week),
            _mark(week is not None and week <= 0.3),
        ],
        [
            f"ten-year indicator report ({calls} progress reports)",
            "≤ 3 s, progress shown",
            _s(report),
            "",
            "",
            "",
            _s(naive.get("report_s")),
            "",
            "",
            _ratio(naive.get("report_s"), report),
            _mark(report is not None and report <= 3 and bool(calls)),
        ],
        [
            "memory: app's peak resident (VmHWM) at ready-to-scan",
            "≤ 120 MB",
            f"{memory:.0f} MB" if memory else "—",
            f"{_get(r, 'app_no_history.memory_ready_mb') or 0:.0f} MB",
            "",
            "",
            f"{naive.get('peak_memory_mb', 0):.0f} MB",
            "",
            "",
            _ratio(naive.get("peak_memory_mb"), memory),
            _mark(memory is not None and memory <= 120),
        ],
        [
            "memory: app's peak after the single scans and the burst",
            "≤ 120 MB",
            f"{peak:.0f} MB" if peak else "—",
            "",
            "",
            "",
            *blank,
            _mark(peak is not None and peak <= 120),
        ],
    ]


def render(results: dict[str, Any]) -> str:
    """The table, one row per figure of the brief."""
    head = [
        "what",
        "target",
        "ten years",
        "no history",
        "ten ÷ none",
        "first week only (ten ÷ it)",
        "naive, ten years",
        "naive, no history",
        "naive ten ÷ none",
        "naive ÷ centrelog",
        "",
    ]
    rows = [head, ["---"] * len(head), *_latency_rows(results), *_other_rows(results)]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _burst(r: dict[str, Any], part: str) -> tuple[str, bool]:
    burst = _get(r, f"{part}.burst") or {}
    bad = [burst.get(k) for k in ("lost", "reordered", "merged", "duplicated")]
    return " / ".join(str(b) for b in bad), bad == [0, 0, 0, 0]


def render_laptops(results: dict[str, Any]) -> str:
    """One laptop beside three (the hall's, with the minibus's and the office's registry files): the brief's targets."""
    r = results
    rows: list[list[str]] = [
        ["what", "target", "one laptop", "three laptops", "three ÷ one", ""],
        ["---"] * 6,
    ]

    def timed(label: str, target: str, one: Any, three: Any, limit: float | None, fmt: Any = _ms) -> None:
        ok = None if limit is None else (three is not None and three <= limit and one is not None and one <= limit)
        rows.append([label, target, fmt(one), fmt(three), _ratio(three, one), _mark(ok)])

    timed(
        "check-in p99: scan parsed, rules, durable write (domain)",
        "≤ 15 ms",
        _get(r, "checkin.ten_years.p99_ms"),
        _get(r, "checkin.three_laptops.p99_ms"),
        15,
    )
    timed(
        "start → ready-to-scan (real app, median of starts)",
        "≤ 1 s",
        _get(r, "app_ten_years.ready_median_s"),
        _get(r, "app_three_laptops.ready_median_s"),
        1,
        _s,
    )
    for label, part in (("p50", "p50_ms"), ("p99", "p99_ms")):
        timed(
            f"scan → answer on screen {label} (real app, terminal)",
            "p99 ≤ 15 ms" if label == "p99" else "",
            _get(r, f"app_ten_years.scan_to_answer.{part}"),
            _get(r, f"app_three_laptops.scan_to_answer.{part}"),
            15 if label == "p99" else None,
        )
    timed(
        "scan → answer on screen p99, start-up backup running",
        "p99 ≤ 15 ms",
        _get(r, "app_ten_years.scan_during_backup.p99_ms"),
        _get(r, "app_three_laptops.scan_during_backup.p99_ms"),
        15,
    )
    timed(
        "app CPU time per scan",
        "",
        _get(r, "app_ten_years.cpu_per_scan_ms"),
        _get(r, "app_three_laptops.cpu_per_scan_ms"),
        None,
    )
    one, one_ok = _burst(r, "app_ten_years")
    three, three_ok = _burst(r, "app_three_laptops")
    sent = _get(r, "app_three_laptops.burst.sent") or "?"
    rows.append(
        [
            f"scanner burst: {sent} cards, 1 ms a character: lost / reordered / merged / duplicated",
            "0 / 0 / 0 / 0",
            one,
            three,
            "",
            _mark(one_ok and three_ok),
        ]
    )
    timed(
        "one week's export (CSV bundle)",
        "≤ 0.3 s",
        _get(r, "reports.week_export_s"),
        _get(r, "reports_three_laptops.week_export_s"),
        0.3,
        _s,
    )
    timed(
        "ten-year indicator report",
        "≤ 3 s",
        _get(r, "reports.report_s"),
        _get(r, "reports_three_laptops.report_s"),
        3,
        _s,
    )

    def mb(value: Any) -> str:
        return "—" if value is None else f"{value:.0f} MB"

    for label, part in (("at ready-to-scan", "memory_ready_mb"), ("after the scans and the burst", "memory_peak_mb")):
        timed(
            f"memory: app's peak resident (VmHWM) {label}",
            "≤ 120 MB",
            _get(r, f"app_ten_years.{part}"),
            _get(r, f"app_three_laptops.{part}"),
            120,
            mb,
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)
