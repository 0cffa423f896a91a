"""One week's export and the ten-year indicator report, timed in a process of their own.

    python -m benchmarks.reports DATA_DIR WEEK FIRST_DAY LAST_DAY

prints JSON: seconds for each, how often progress was reported, and the
process's peak resident memory. A fresh process, as `centrelog export` and
`centrelog report` run beside the app.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["measure_reports", "peak_memory_mb"]


def peak_memory_mb() -> float:
    """This process's highest resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _run(data_dir: Path, week: str, first: date, last: date) -> dict[str, Any]:
    from sessions.store import Store

    try:
        from exports.periods import between
        from exports.report import write_report
        from exports.weekly import export_week
    except ImportError as error:
        return {"missing": str(error)}
    found: dict[str, Any] = {}
    with Store(data_dir, read_only=True) as store, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        exported = export_week(store, week, out=Path(out) / "week")
        found["week_export_s"] = time.perf_counter() - started
        found["week_attendances"] = getattr(exported, "attendances", None)
        steps: list[tuple[int, int]] = []
        started = time.perf_counter()
        result = write_report(
            store, between(first, last), out=Path(out) / "report", progress=lambda d, t: steps.append((d, t))
        )
        found["report_s"] = time.perf_counter() - started
        found["report_files"] = result.files_read
        found["report_progress_calls"] = len(steps)
        found["report_attendances"] = result.indicators.value("attendances")
    found["peak_memory_mb"] = peak_memory_mb()
    return found


def measure_reports(data_dir: Path, week: str, first: date, last: date) -> dict[str, Any]:
    """Run the export and the report in a fresh Python process and return its figures."""
    command = [sys.executable, "-m", "benchmarks.reports", str(data_dir), week, first.isoformat(), last.isoformat()]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parents[1])
    if done.returncode:
        return {"failed": (done.stderr or done.stdout)[-2000:]}
    return dict(json.loads(done.stdout.splitlines()[-1]))


if __name__ == "__main__":
    data_dir, week, first, last = sys.argv[1:5]
    print(json.dumps(_run(Path(data_dir), week, date.fromisoformat(first), date.fromisoformat(last))))
