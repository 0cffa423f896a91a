"""The period report: the funders' indicators of any range of days, written as CSV or XLSX and as one PDF."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from exports.centres import CentreFigures, centre_name, centre_names, centre_sheets, centres_progress, total_of
from exports.held_count import count_held
from exports.held_read import Summarising, read_held
from exports.indicators import Indicators, count_indicators, indicator_sheets
from exports.people import People
from exports.periods import Period
from exports.projects import count_projects, plan_rows, plan_sheet, project_titles, timetable_of, with_projects
from exports.readers import Progress, load_logs, paused_gc
from exports.report_pdf import ReportPaper, write_report_pdf
from exports.spreadsheet import write_sheets
from exports.summaries import summaries_dir
from exports.weekly import exports_folder
from sessions.clock import now as clock_now
from sessions.store import Store

__all__ = ["ReportResult", "period_report", "period_report_from_files", "write_report"]


@dataclass(frozen=True)
class ReportResult:
    """The indicators of a period and the files they were written to.

    Of several centres, `indicators` is their total and `centres` holds each one's (this one first).
    """

    period: Period
    indicators: Indicators
    paths: list[Path]
    files_read: int
    centres: tuple[CentreFigures, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.indicators.value("sessions") and not self.indicators.value("trips")


def period_report(
    store: Store,
    period: Period,
    progress: Progress | None = None,
    now: datetime | None = None,
    summarising: Summarising | None = None,
    kept: Path | None = None,
) -> tuple[Indicators, int]:
    """Count a period's indicators from every device's logs, and its planned sessions against those held
    (a planned session not ended by `now`, default the clock's, is still to come); also how many files were read.

    Closed weeks are counted from their summaries (exports/summaries.py), made first where missing
    or stale (`summarising` is told how far that got) and kept in `kept` (default: the store's own);
    the other weeks from their files.
    """
    now = now or clock_now()
    with paused_gc():
        held = read_held(store, period, now, progress, summarising, kept)
        return count_held(held, People(store.registry), timetable_of(store.registry, period, now)), held.files


def period_report_from_files(
    store: Store, period: Period, progress: Progress | None = None, now: datetime | None = None
) -> tuple[Indicators, int]:
    """period_report from every week's files alone, no summary read or made (the figures summaries must equal)."""
    with paused_gc():
        logs = load_logs(store, period, progress, indicators_only=True)
        indicators = count_indicators(logs, People(store.registry))
        timetable = timetable_of(store.registry, period, now or clock_now())
        return with_projects(indicators, count_projects(logs, timetable), timetable), logs.files


def write_report(
    store: Store,
    period: Period,
    *,
    out: Path | None = None,
    fmt: str = "csv",
    delimiter: str = ";",
    column_keys: bool = False,
    progress: Progress | None = None,
    others: Sequence[Store] = (),
    now: datetime | None = None,
    summarising: Summarising | None = None,
) -> ReportResult:
    """Count and write the period report into <data folder>/exports/report-<period>/ or `out`: the sheets (CSV
    files or one workbook), then the same figures as one PDF (report-<period>.pdf) in the language chosen.

    With `others` (other centres' data folders, opened read-only), each centre is counted
    apart and the total added up; every centre is counted before anything is written.
    `now` (default: the clock's) tells planned sessions still to come from those not held.
    """
    now = now or clock_now()
    if others:
        stores = [store, *others]
        names, last = centre_names(stores), len(stores) - 1
        centres = tuple(
            CentreFigures(
                names[i],
                each.data_dir,
                *period_report(
                    each,
                    period,
                    _progress(centres_progress(progress, i, len(stores)), i == last),
                    now,
                    summarising,
                    summaries_dir(store.data_dir, each.data_dir if i else None),
                ),
            )
            for i, each in enumerate(stores)
        )
        indicators = total_of([c.indicators for c in centres])
        files = sum(c.files_read for c in centres)
        sheets = centre_sheets(centres, indicators, column_keys=column_keys)
    else:
        centres = ()
        indicators, files = period_report(store, period, _progress(progress, True), now, summarising)
        sheets = indicator_sheets(indicators, column_keys=column_keys)
        sheets.append(plan_sheet(plan_rows(indicators)))
    folder = out or exports_folder(store, f"report-{period.name}")
    paths = write_sheets(
        folder, sheets, fmt=fmt, delimiter=delimiter, column_keys=column_keys, book_name=f"report-{period.name}"
    )
    paths.append(write_report_pdf(_paper(store, others, period, indicators, centres, now), folder))
    return ReportResult(period, indicators, paths, files, centres)


def _progress(progress: Progress | None, last: bool) -> Progress | None:
    """`progress`; while the last centre is read, also the PDF writer imported on a thread of its own.

    fpdf2 takes half a second to import: spent while the worker processes parse the logs, not after them.
    Started at the first file read, once the workers are forked (a fork beside a thread that imports is
    unsafe; exports/readers.py reads alone beside a thread), and at the last centre, so that no centre
    after it is read alone.
    """
    if not last:
        return progress
    started = False

    def step(done: int, total: int) -> None:
        nonlocal started
        if not started:
            started = True
            threading.Thread(target=importlib.import_module, args=("fpdf",), daemon=True).start()
        if progress is not None:
            progress(done, total)

    return step


def _paper(
    store: Store,
    others: Sequence[Store],
    period: Period,
    indicators: Indicators,
    centres: tuple[CentreFigures, ...],
    now: datetime,
) -> ReportPaper:
    """What the PDF says besides the figures: the centre or centres, the projects' titles, when it was counted."""
    titles: dict[str, str] = {}
    for each in reversed([store, *others]):  # of two centres' titles for one name, this centre's
        titles |= project_titles(each.registry)
    centre = ", ".join(c.name for c in centres) if centres else centre_name(store)
    return ReportPaper(centre, period, indicators, centres, titles, now)
