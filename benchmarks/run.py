"""One benchmark run: the centre generated (or reused), every figure measured, side by side."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.burst import run_burst
from benchmarks.generate import BIG_DAY_CAPACITY, Centre, Generated, ensure
from benchmarks.latency import (
    app_checkins,
    empty_copy,
    naive_checkins,
    naive_empty,
    one_week_copy,
    percentile,
    work_copy,
)
from benchmarks.naive import measure_naive
from benchmarks.reports import measure_reports
from benchmarks.startup import AppRun, cards_to_scan, ready_to_scan, single_scans, wait_for_backup
from benchmarks.three_laptops import ensure_three
from sessions.clock import now, week_key, week_start

__all__ = ["FULL", "SMOKE", "Plan", "first_in_line", "run"]


@dataclass(frozen=True)
class Plan:
    """How much of everything one run does."""

    centre: Centre
    checkins: int  # per round, through the domain
    rounds: int
    naive_empty: int
    naive_full: int
    starts: int
    singles: int
    burst: int


def _plans(today: date) -> tuple[Plan, Plan]:
    full = Plan(
        Centre.ten_years(today), checkins=100, rounds=2, naive_empty=100, naive_full=5, starts=3, singles=40, burst=200
    )
    smoke = Plan(
        Centre.one_week(today), checkins=10, rounds=1, naive_empty=5, naive_full=2, starts=1, singles=3, burst=10
    )
    return full, smoke


FULL, SMOKE = _plans(now().date())


def summary(samples: list[float]) -> dict[str, float]:
    """p50, p99 and max in milliseconds, and how many samples."""
    return {
        "p50_ms": percentile(samples, 0.50) * 1e3,
        "p99_ms": percentile(samples, 0.99) * 1e3,
        "max_ms": max(samples) * 1e3,
        "n": len(samples),
    }


def domain_latency(generated: Generated, three: Path, runs: Path, plan: Plan) -> dict[str, Any]:
    """Check-ins through the real domain and store: ten years, first week only, nothing at all, three laptops.

    Rounds alternate between the folders so that a busy moment of the
    machine does not fall on one of them alone.
    """
    week = generated.last_week
    samples: dict[str, list[float]] = {"ten_years": [], "first_week": [], "no_history": [], "three_laptops": []}
    for n in range(plan.rounds):
        folders = {
            "ten_years": work_copy(generated.data_dir, runs / "ten"),
            "first_week": one_week_copy(generated.data_dir, runs / "week", week),
            "no_history": empty_copy(generated.data_dir, runs / "zero"),
            "three_laptops": work_copy(three, runs / "three"),
        }
        for name, folder in folders.items():
            samples[name] += app_checkins(folder, week, plan.checkins, seed=n)
    return {name: summary(values) for name, values in samples.items()}


def naive_latency(generated: Generated, runs: Path, plan: Plan) -> dict[str, Any]:
    """Check-in inserts into the one-file TinyDB: with ten years in it, and with the registry only."""
    week = generated.last_week
    empty = naive_empty(generated.data_dir, runs / "naive-empty.json")
    return {
        "ten_years": summary(naive_checkins(generated.naive_file, runs / "naive-work.json", week, plan.naive_full)),
        "no_history": summary(naive_checkins(empty, runs / "naive-empty-work.json", week, plan.naive_empty)),
    }


def _scan_and_burst(
    terminal: Any, data_dir: Path, cards: list[str], plan: Plan, run: AppRun, found: dict[str, Any] | None
) -> None:
    """Single cards while the start-up backup runs, single cards after it, then the burst."""
    k = plan.singles
    run.scan_during_backup_s = single_scans(terminal, cards[:k], BIG_DAY_CAPACITY)
    run.backup_done_s = wait_for_backup(data_dir)
    cpu = terminal.cpu_seconds()
    run.scan_s = single_scans(terminal, cards[k : 2 * k], BIG_DAY_CAPACITY, already=k)
    run.cpu_per_scan_s = (terminal.cpu_seconds() - cpu) / k
    if found is not None:
        found["burst"] = asdict(run_burst(terminal, data_dir, cards[2 * k :], already=2 * k))


def app_runs(source: Path, work: Path, plan: Plan, *, burst: bool) -> dict[str, Any]:
    """Start the real app `plan.starts` times; the first start also scans single cards (and a burst)."""
    runs: list[AppRun] = []
    found: dict[str, Any] = {}
    for n in range(plan.starts):
        data_dir = work_copy(source, work)
        cards = cards_to_scan(data_dir, 2 * plan.singles + plan.burst)
        run = AppRun()
        terminal = ready_to_scan(data_dir, run)
        try:
            if n == 0:
                _scan_and_burst(terminal, data_dir, cards, plan, run, found if burst else None)
            run.memory_end_mb = terminal.peak_memory_mb() if terminal.process.poll() is None else run.memory_ready_mb
        finally:
            # Also when a measurement fails: an app left behind keeps running (and using the processor).
            run.exit_code = terminal.quit()
        runs.append(run)
    found["home_s"] = [r.home_s for r in runs]
    found["ready_s"] = [r.ready_s for r in runs]
    found["ready_median_s"] = statistics.median(found["ready_s"])
    found["scan_to_answer"] = summary(runs[0].scan_s)
    found["scan_during_backup"] = summary(runs[0].scan_during_backup_s)
    found["cpu_per_scan_ms"] = runs[0].cpu_per_scan_s * 1e3
    found["backup_done_after_s"] = runs[0].backup_done_s
    found["memory_ready_mb"] = max(r.memory_ready_mb for r in runs)
    burst_peak = found.get("burst", {}).get("peak_memory_mb", 0.0)
    found["memory_peak_mb"] = max(burst_peak, *(max(r.memory_end_mb, r.memory_ready_mb) for r in runs))
    found["exit_codes"] = [r.exit_code for r in runs]
    return found


def machine(data_dir: Path) -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    mounts = [line.split()[:3] for line in Path("/proc/mounts").read_text().splitlines()]
    target = str(data_dir.resolve())
    device, point, fstype = max((m for m in mounts if target.startswith(m[1])), key=lambda m: len(m[1]))
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "disk": f"{device} ({fstype}) mounted on {point}",
        "disk_free_gb": round(shutil.disk_usage(data_dir).free / 1e9),
        "load_average_1m_at_start": round(os.getloadavg()[0], 2),
    }


def first_in_line() -> int:
    """Ask for a higher priority (nice -10), when allowed, so that other work on the machine
    distorts the figures less; the app started from here inherits it. The niceness is reported."""
    try:
        return os.nice(-10 - os.nice(0))
    except OSError:
        return os.nice(0)


def run(root: Path, *, smoke: bool = False, say: Any = print) -> dict[str, Any]:
    """Every figure of the brief, on the generated centre under `root`."""
    plan = SMOKE if smoke else FULL
    niceness = os.nice(0)
    say(f"centre: {'one small week' if smoke else 'ten years'} under {root} (generated once, then reused)")
    generated = ensure(root / ("smoke" if smoke else "ten-years"), plan.centre)
    runs = generated.root / "runs"
    runs.mkdir(exist_ok=True)
    last = date.fromisoformat(plan.centre.end)
    export_week = week_key(last - timedelta(days=7)) if plan.centre.weeks > 1 else generated.last_week
    monday = week_start(export_week)
    first_day = week_start(generated.last_week) - timedelta(weeks=plan.centre.weeks - 1)
    found: dict[str, Any] = {
        "machine": machine(root),
        "centre": {**asdict(plan.centre), **generated.counts, "log_records": generated.records},
    }
    say("the same centre on three laptops (generated once, then reused) …")
    three, found["three_laptops_centre"] = ensure_three(generated)
    say("check-ins through the domain …")
    found["checkin"] = domain_latency(generated, three, runs, plan)
    say("check-ins into the naive single file …")
    found["naive_checkin"] = naive_latency(generated, runs, plan)
    say("the real app in a terminal: ten years …")
    found["app_ten_years"] = app_runs(generated.data_dir, runs / "app", plan, burst=True)
    say("the real app in a terminal: no history …")
    found["app_no_history"] = app_runs(
        empty_copy(generated.data_dir, runs / "zero-source"), runs / "app-zero", plan, burst=False
    )
    say("the real app in a terminal: ten years on three laptops, started as the hall laptop …")
    found["app_three_laptops"] = app_runs(three, runs / "app-three", plan, burst=True)
    say("week export and the whole-history report …")
    found["reports"] = measure_reports(work_copy(generated.data_dir, runs / "reports"), export_week, first_day, last)
    say("week export and the whole-history report: three laptops …")
    found["reports_three_laptops"] = measure_reports(
        work_copy(three, runs / "reports-three"), export_week, first_day, last
    )
    say("the naive single file: open, a week, everything …")
    found["naive_reads"] = measure_naive(generated.naive_file, monday, monday + timedelta(days=6))
    found["machine"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    found["machine"]["niceness"] = niceness
    found["command"] = " ".join(["python -m benchmarks", *sys.argv[1:]])
    shutil.rmtree(runs, ignore_errors=True)
    return found
