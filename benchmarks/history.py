"""Reports that do not grow with history: 1, 5, 10 and 20 years side by side, in one run.

    python -m benchmarks.history [--data DIR] [--json FILE] [--before CHECKOUT]

For each generated centre (one laptop: 1, 5, 10, 20 years; three laptops: 10 years) and for
six centres of ten years counted together (the funder's project report), the whole-history
report is timed in a fresh process, as `centrelog report --all` runs:

- **files alone**: every week read from its files (`period_report_from_files`, the counting
  of the version before summaries);
- **first report**: no summaries yet: the closed weeks are summarised (worker processes)
  and kept, then counted;
- **summaries present**: best of five fresh processes;
- **naive**: the same records in one stock TinyDB file, opened and read whole.

Then, on the ten-year centre: every closed week summarised from scratch by the job the app
runs (`python -m exports.summary_job`, one process in the idle scheduling class), alone; the real app started
(start → ready-to-scan, median of three, each on a copy of the folder as the app left it after one start:
a laptop's morning) and cards scanned right after start and while the
app's own summary job runs beside it; with `--before CHECKOUT` (a checkout of the version
before), the same starts and scans of that version.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.generate import BIG_DAY_CAPACITY, Centre, Generated, ensure
from benchmarks.latency import percentile, work_copy
from benchmarks.naive import measure_naive
from benchmarks.run import first_in_line, machine
from benchmarks.startup import HOME_TEXT, AppRun, cards_to_scan, ready_to_scan, single_scans
from benchmarks.terminal import AppTerminal, app_command
from benchmarks.three_laptops import ensure_three
from sessions.clock import now as clock_now
from sessions.clock import week_start

__all__ = ["run_history"]

REPO = Path(__file__).resolve().parents[1]
YEARS = (1, 5, 10, 20)
MODES = ("files", "first", "summaries")


def _child(data_dir: Path, first: str, last: str, mode: str, others: list[str]) -> dict[str, Any]:
    """In a fresh process: write_report over FIRST..LAST, counted as `mode` says; its seconds."""
    import exports.report as report
    from exports.centres import open_centres
    from exports.periods import between
    from sessions.store import Store

    if mode == "files":  # the counting before summaries: every file read, every time
        report.period_report = lambda store, period, progress=None, now=None, *_a, **_k: (  # type: ignore[assignment]
            report.period_report_from_files(store, period, progress, now)
        )
    import holidays  # noqa: F401  # imported with the report's modules before it was imported when first used

    built: list[int] = []
    with Store(data_dir, read_only=True) as store, open_centres(store, list(map(Path, others))) as centres:
        period = between(date.fromisoformat(first), date.fromisoformat(last))
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            result = report.write_report(
                store, period, out=Path(out), others=centres, summarising=lambda d, t: built.append(t)
            )
            seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "files_read": result.files_read,
        "summarised": max(built, default=0),
        "attendances": result.indicators.value("attendances"),
        "unique_persons": result.indicators.value("unique_persons"),
    }


def _report(data_dir: Path, first: date, last: date, mode: str, others: list[Path] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    command = [sys.executable, "-m", "benchmarks.history", "--child", str(data_dir), first.isoformat()]
    command += [last.isoformat(), mode, json.dumps([str(o) for o in others])]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode:
        return {"failed": (done.stderr or done.stdout)[-2000:]}
    return dict(json.loads(done.stdout.splitlines()[-1]))


def _fresh(source: Path, target: Path) -> Path:
    """A hard-linked copy of a centre without its summaries (the cache stays as generated)."""
    copy = work_copy(source, target)
    shutil.rmtree(copy / "local" / "summaries", ignore_errors=True)
    return copy


def _reports(data_dir: Path, first: date, last: date, others: list[Path] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    """The three modes on one centre (the first report leaves its summaries for the third)."""
    found = {"files": _report(data_dir, first, last, "files", others)}
    found["first"] = _report(data_dir, first, last, "summaries", others)
    tries = [_report(data_dir, first, last, "summaries", others) for _ in range(5)]
    found["summaries"] = min(tries, key=lambda t: t.get("seconds", 1e9))
    found["summaries"]["tries_s"] = [t.get("seconds") for t in tries]
    return found


def _period(generated: Generated) -> tuple[date, date]:
    last = date.fromisoformat(generated.centre.end)
    return week_start(generated.last_week) - timedelta(weeks=generated.centre.weeks - 1), last


def _six_centres(ten: Path, runs: Path) -> list[Path]:
    """Six copies of the ten-year centre, each a centre of its own (its own id in centre.json)."""
    copies = []
    for n in range(6):
        copy = _fresh(ten, runs / f"centre-{n}")
        (copy / "centre.json").unlink()
        payload = {"centre": f"{n + 1:032x}", "created": "2016-12-26T08:00:00.000+02:00"}
        (copy / "centre.json").write_text(json.dumps(payload))
        copies.append(copy)
    return copies


def _summary_job(data_dir: Path) -> dict[str, Any]:
    from exports.summary_job import summarise_in_child

    started = time.perf_counter()
    answer = summarise_in_child(data_dir, clock_now())
    return {"seconds": time.perf_counter() - started, **answer}


def _app(data_dir: Path, starts: int = 3, cards: int = 40, cwd: Path = REPO) -> dict[str, Any]:
    """Start the app (from `cwd`'s code) `starts` times; the first also scans after start and beside the job."""
    here = Path.cwd()
    ready: list[float] = []
    scans_start: list[float] = []
    scans_job: list[float] = []
    job_s: float | None = None
    used, first_home = _yesterday(data_dir, data_dir.parent / "yesterday", cwd)
    for n in range(starts):
        copy = _fresh(used, data_dir.parent / f"app-{n}")
        codes = cards_to_scan(copy, 2 * cards)
        run = AppRun()
        os.chdir(cwd)
        try:
            terminal = ready_to_scan(copy, run)
        finally:
            os.chdir(here)
        try:
            ready.append(run.ready_s)
            if n == 0:
                scans_start = single_scans(terminal, codes[:cards], BIG_DAY_CAPACITY)
                if cwd == REPO:  # the version before has no summary job
                    job_s = _while_job(terminal, copy, codes[cards:], cards, scans_job)
        finally:
            terminal.quit()
    return {
        "first_start_home_s": first_home,
        "ready_median_s": statistics.median(ready),
        "ready_s": ready,
        "scan_p99_after_start_s": percentile(scans_start, 0.99) if scans_start else None,
        "scan_p50_after_start_s": statistics.median(scans_start) if scans_start else None,
        "scan_p99_beside_job_s": percentile(scans_job, 0.99) if scans_job else None,
        "scans_beside_job": len(scans_job),
        "job_beside_app_s": job_s,
    }


def _yesterday(data_dir: Path, target: Path, cwd: Path) -> tuple[Path, float]:
    """The folder as the laptop left it the evening before: the generated folder started once by the version
    measured and quit from its home screen (what a first start does once is done: the registry file says its
    centre; Python's compiled modules are kept). Also how long that first start took to show the home screen."""
    copy = _fresh(data_dir, target)
    here = Path.cwd()
    os.chdir(cwd)
    try:
        terminal = AppTerminal(app_command(copy))
    finally:
        os.chdir(here)
    try:
        return copy, terminal.wait_for(HOME_TEXT)
    finally:
        terminal.quit()


def _job_running(copy: Path) -> bool:
    """Whether the app's summary job (a process of its own) is running on `copy`."""
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = status.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"exports.summary_job" in words and str(copy).encode() in words:
            return True
    return False


def _while_job(terminal: Any, copy: Path, codes: list[str], already: int, scans: list[float]) -> float | None:
    """Scan `codes` a moment apart while the app's own summary job runs (it starts ten seconds after the app);
    how long the job ran, seen from its process."""
    deadline = time.perf_counter() + 60
    while not _job_running(copy) and time.perf_counter() < deadline:
        time.sleep(0.01)
    started = time.perf_counter()
    for card in codes:
        if not _job_running(copy):
            break
        scans.extend(single_scans(terminal, [card], BIG_DAY_CAPACITY, already=already + len(scans)))
        time.sleep(0.1)  # cards a moment apart, as people come in
    while _job_running(copy) and time.perf_counter() < deadline + 600:
        time.sleep(0.05)
    return time.perf_counter() - started


def run_app_only(root: Path, before: Path | None, say: Any = print) -> dict[str, Any]:
    """Only the real app's figures on ten years (starts, scans, scans beside its summary job), beside `before`'s."""
    today = clock_now().date()
    found: dict[str, Any] = {"machine": machine(root), "started": datetime.now().isoformat(timespec="seconds")}
    ten = ensure(root / "y10", Centre(weeks=52 * 10, end=today.isoformat()))
    runs = root / "history-runs"
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir()
    say("the real app on ten years: starts, scans, scans beside its summary job …")
    found["app"] = _app(_fresh(ten.data_dir, runs / "app-source"))
    if before is not None:
        say(f"the real app on ten years, the version before ({before}) …")
        found["app_before"] = _app(_fresh(ten.data_dir, runs / "before-source"), cwd=before)
    found["machine"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    shutil.rmtree(runs, ignore_errors=True)
    return found


def run_history(root: Path, before: Path | None, say: Any = print) -> dict[str, Any]:
    """Every figure of docs/benchmarks.md's history table."""
    today = clock_now().date()
    found: dict[str, Any] = {"machine": machine(root), "started": datetime.now().isoformat(timespec="seconds")}
    centres = {y: ensure(root / f"y{y}", Centre(weeks=52 * y, end=today.isoformat())) for y in YEARS}
    three, _counts = ensure_three(centres[10])
    runs = root / "history-runs"
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir()
    for years, generated in centres.items():
        say(f"reports: {years} years …")
        first, last = _period(generated)
        copy = _fresh(generated.data_dir, runs / f"y{years}")
        found[f"y{years}"] = _reports(copy, first, last)
        found[f"y{years}"]["records"] = generated.records
        say(f"naive single file: {years} years …")
        found[f"y{years}"]["naive"] = measure_naive(generated.naive_file, first, first)
    say("reports: ten years on three laptops …")
    first, last = _period(centres[10])
    found["three"] = _reports(_fresh(three, runs / "three"), first, last)
    say("reports: six centres of ten years …")
    six = _six_centres(centres[10].data_dir, runs)
    found["six"] = _reports(six[0], first, last, six[1:])
    say("every closed week of ten years summarised by the app's job, alone …")
    found["job_alone"] = _summary_job(_fresh(centres[10].data_dir, runs / "job"))
    say("the real app on ten years: starts, scans, scans beside its summary job …")
    found["app"] = _app(_fresh(centres[10].data_dir, runs / "app-source"))
    if before is not None:
        say(f"the real app on ten years, the version before ({before}) …")
        found["app_before"] = _app(_fresh(centres[10].data_dir, runs / "before-source"), cwd=before)
    found["machine"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    shutil.rmtree(runs, ignore_errors=True)
    return found


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        data_dir, first, last, mode, others = argv[1:6]
        print(json.dumps(_child(Path(data_dir), first, last, mode, json.loads(others))))
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("/tmp/centrelog-history"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--before", type=Path, help="a checkout of the version before, for its starts and scans")
    parser.add_argument("--app-only", action="store_true", help="only the real app's starts and scans (JSON)")
    args = parser.parse_args(argv)
    first_in_line()
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    if args.app_only:
        found = run_app_only(args.data, args.before, say=say)
        print(json.dumps(found, indent=1))
        if args.json:
            args.json.write_text(json.dumps(found, indent=1))
        return 0
    found = run_history(args.data, args.before, say=say)
    if args.json:
        args.json.write_text(json.dumps(found, indent=1))
    from benchmarks.history_table import render_history

    print(render_history(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
