"""The naive baseline: every record in one stock TinyDB file, read the way stock TinyDB reads.

    python -m benchmarks.naive FILE FIRST_DAY LAST_DAY

prints JSON: seconds to open the file and reach the participants (what a
start needs), to pull the records of the days FIRST_DAY..LAST_DAY, to read everything for a
ten-year report, and the process's peak resident memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where

from benchmarks.reports import peak_memory_mb

__all__ = ["measure_naive"]

#: What a week's export and a period report read, and the field that dates each table.
DATED = {"sessions": "start", "checkins": "at", "trips": "departure", "boardings": "at"}


def _run(path: Path, first_day: date, last_day: date) -> dict[str, Any]:
    found: dict[str, Any] = {}
    started = time.perf_counter()
    db = TinyDB(path)
    participants = db.table("participants").all()
    found["open_s"] = time.perf_counter() - started
    found["participants"] = len(participants)
    start, end = first_day.isoformat(), (last_day + timedelta(days=1)).isoformat()
    started = time.perf_counter()
    week = {
        name: db.table(name).search((where(field) >= start) & (where(field) < end)) for name, field in DATED.items()
    }
    found["week_export_s"] = time.perf_counter() - started
    found["week_checkins"] = len(week["checkins"])
    started = time.perf_counter()
    everything = {name: db.table(name).all() for name in (*DATED, "corrections")}
    found["report_s"] = time.perf_counter() - started
    found["report_checkins"] = len(everything["checkins"])
    found["peak_memory_mb"] = peak_memory_mb()
    return found


def measure_naive(path: Path, week_first: date, week_last: date) -> dict[str, Any]:
    """Run the naive reads in a fresh Python process and return its figures."""
    command = [sys.executable, "-m", "benchmarks.naive", str(path), week_first.isoformat(), week_last.isoformat()]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[1])
    if done.returncode:
        return {"failed": (done.stderr or done.stdout)[-2000:]}
    return dict(json.loads(done.stdout.splitlines()[-1]))


if __name__ == "__main__":
    file, first, last = sys.argv[1:4]
    print(json.dumps(_run(Path(file), date.fromisoformat(first), date.fromisoformat(last))))
