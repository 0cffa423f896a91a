"""`centrelog report`: the funders' indicators for a period, written as CSV or XLSX and as one PDF."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from exports.centres import TOTAL_NOTE, NotACentre, open_centres
from exports.indicators import MEASURES, Indicators, breakdown_label
from exports.periods import Period, between
from exports.report import ReportResult, write_report
from exports.summaries import summarising_words
from sessions.clock import week_of
from sessions.i18n import N_, _
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.cli import EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED
from tui.commands._export_args import add_output_arguments, as_date, as_month, as_quarter, as_week, out_problem
from tui.commands._print import EXIT_NOT_PRINTED, add_print_arguments, copies_problem, print_written

READ_ONLY = True
HELP = N_(
    "count the funders' indicators for a period (--from/--to, --month, --quarter, --week or --all): "
    "CSV or XLSX, and a PDF"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="start", type=as_date, metavar=_("DATE"), help=_("first day, such as 2026-10-01")
    )
    parser.add_argument("--to", dest="end", type=as_date, metavar=_("DATE"), help=_("last day, included"))
    parser.add_argument("--month", type=as_month, metavar="YYYY-MM", help=_("a month, such as 2026-10"))
    parser.add_argument("--quarter", type=as_quarter, metavar="YYYY-Qn", help=_("a quarter, such as 2026-Q3"))
    parser.add_argument("--week", type=as_week, metavar="YYYY-Www", help=_("an ISO week, such as 2026-W47"))
    parser.add_argument("--all", action="store_true", help=_("the whole history in the logs"))
    parser.add_argument("--show", action="store_true", help=_("also print the figures"))
    parser.add_argument(
        "--centre",
        dest="centres",
        action="append",
        type=Path,
        default=[],
        metavar=_("DIR"),
        help=_(
            "also count another centre's data folder (a synced copy, only read; repeat for more centres): "
            "the figures per centre and in total"
        ),
    )
    add_output_arguments(parser)
    add_print_arguments(parser, _("the report's PDF"))


def whole_history(store: Store, others: Sequence[Store] = ()) -> Period | None:
    """From the Monday of the first logged week (of any of the centres) to the Sunday of the last; None without logs."""
    weeks = [week for each in (store, *others) for week, _device, _path in each.log_files()]
    if not weeks:
        return None
    return between(week_of(min(weeks))[0], week_of(max(weeks))[1])


def _period(args: argparse.Namespace, store: Store, others: Sequence[Store]) -> Period | str:
    chosen = [p for p in (args.month, args.quarter, args.week) if p] + (["all"] if args.all else [])
    dates = args.start is not None or args.end is not None
    if len(chosen) + dates != 1:
        return _("Give one period: --from DATE --to DATE, --month, --quarter, --week or --all.")
    if dates:
        if args.start is None or args.end is None:
            return _("--from and --to go together.")
        try:
            return between(args.start, args.end)
        except ValueError as error:
            return str(error)
    if chosen[0] == "all":
        return whole_history(store, others) or _("There are no logs yet.")
    return chosen[0]  # type: ignore[no-any-return]


def run(args: argparse.Namespace, store: Store) -> int:
    try:
        with open_centres(store, args.centres) as others:
            return _report(args, store, others)
    except NotACentre as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE


def _say_summarising() -> Callable[[int, int], None]:
    """Say on stderr how far summarising closed weeks got: at the start, every tenth and at the end."""

    def say(done: int, total: int) -> None:
        if done in (0, total) or done * 10 // total != (done - 1) * 10 // total:
            print(summarising_words(done, total), file=sys.stderr, flush=True)

    return say


def _report(args: argparse.Namespace, store: Store, others: list[Store]) -> int:
    period = _period(args, store, others)
    if isinstance(period, str):
        print(period, file=sys.stderr)
        return EXIT_USAGE
    if problem := copies_problem(args) or out_problem(store, args.out):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    try:
        result = write_report(
            store,
            period,
            out=args.out,
            fmt=args.format,
            delimiter=args.delimiter,
            column_keys=args.column_keys,
            others=others,
            summarising=_say_summarising(),
        )
    except OSError as error:
        print(
            _("Could not write the report: {reason}. Nothing was changed.").format(reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    figures = result.indicators
    if args.show:
        _show(result)
    print(
        _(
            "Report {start}–{end}: {sessions} sessions, {attendances} attendances, {persons} unique persons, "
            "{trips} trips{empty}; written to {folder}."
        ).format(
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            sessions=figures.value("sessions"),
            attendances=figures.value("attendances"),
            persons=figures.value("unique_persons"),
            trips=figures.value("trips"),
            empty=_(" (no data in this period)") if result.empty else "",
            folder=result.paths[0].parent,
        )
    )
    if figures.value("planned") or figures.value("holidays"):
        print(planned_line(figures))
    for centre in result.centres:
        print("  " + centre_line(centre.name, centre.indicators))
    if result.centres:
        print(_(TOTAL_NOTE))
    return EXIT_OK if _print_report(store, args, result) else EXIT_NOT_PRINTED


def _print_report(store: Store, args: argparse.Namespace, result: ReportResult) -> bool:
    """With --print, print the report's PDF (written beside its spreadsheets)."""
    if args.printer is None:
        return True
    title = _("Report {start}–{end}").format(start=result.period.start.isoformat(), end=result.period.end.isoformat())
    return all([print_written(store, args, page, title) for page in result.paths if page.suffix.lower() == ".pdf"])


def centre_line(name: str, figures: Indicators) -> str:
    """One centre's main figures on a line."""
    return _(
        "{centre}: {sessions} sessions, {attendances} attendances, {persons} unique persons, {trips} trips"
    ).format(
        centre=name,
        sessions=figures.value("sessions"),
        attendances=figures.value("attendances"),
        persons=figures.value("unique_persons"),
        trips=figures.value("trips"),
    )


def planned_line(figures: Indicators) -> str:
    """The timetable's sessions of the period against those held, on a line (per project in the files)."""
    return _(
        "Planned sessions: {planned} (held: {held}, cancelled: {cancelled}, not held: {not_held}, "
        "still to come: {to_come}); on public holidays: {holidays}; held without a plan: {unplanned}."
    ).format(
        **{key: figures.value(key) for key in ("planned", "cancelled", "not_held", "to_come", "holidays")},
        held=figures.value("planned_held"),
        unplanned=figures.value("unplanned"),
    )


def _show(result: ReportResult) -> None:
    """Every figure on a line, tab-separated; of several centres, each centre's then the total's."""
    if not result.centres:
        for key, part, value in result.indicators.rows:
            print(f"{_(MEASURES[key])}\t{breakdown_label(part, False)}\t{value}")
        return
    named = [(c.name, c.indicators) for c in result.centres] + [(_("All centres"), result.indicators)]
    for name, figures in named:
        for key, part, value in figures.rows:
            print(f"{name}\t{_(MEASURES[key])}\t{breakdown_label(part, False)}\t{value}")
    print(f"{_('Note')}\t{_(TOTAL_NOTE)}")
