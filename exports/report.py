"""The period report: the funders' indicators of any range of days, written as CSV or XLSX."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exports.indicators import Indicators, count_indicators, indicator_sheets
from exports.people import People
from exports.periods import Period
from exports.readers import Progress, load_logs, paused_gc
from exports.spreadsheet import write_sheets
from exports.weekly import exports_folder
from sessions.store import Store

__all__ = ["ReportResult", "period_report", "write_report"]


@dataclass(frozen=True)
class ReportResult:
    """The indicators of a period and the files they were written to."""

    period: Period
    indicators: Indicators
    paths: list[Path]
    files_read: int

    @property
    def empty(self) -> bool:
        return not self.indicators.value("sessions") and not self.indicators.value("trips")


def period_report(store: Store, period: Period, progress: Progress | None = None) -> tuple[Indicators, int]:
    """Count a period's indicators from every device's logs; also how many files were read."""
    with paused_gc():
        logs = load_logs(store, period, progress, indicators_only=True)
        return count_indicators(logs, People(store.registry)), logs.files


def write_report(
    store: Store,
    period: Period,
    *,
    out: Path | None = None,
    fmt: str = "csv",
    delimiter: str = ";",
    column_keys: bool = False,
    progress: Progress | None = None,
) -> ReportResult:
    """Count and write the period report into <data folder>/exports/report-<period>/ or `out`."""
    indicators, files = period_report(store, period, progress)
    folder = out or exports_folder(store, f"report-{period.name}")
    sheets = indicator_sheets(indicators, column_keys=column_keys)
    paths = write_sheets(
        folder, sheets, fmt=fmt, delimiter=delimiter, column_keys=column_keys, book_name=f"report-{period.name}"
    )
    return ReportResult(period, indicators, paths, files)
