"""`centrelog export`: a week's bundle of CSV files (or one XLSX) for sending on."""

from __future__ import annotations

import argparse
import sys

from exports.periods import last_complete_week
from exports.weekly import export_week
from sessions.clock import now
from sessions.i18n import N_, _, format_week
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.cli import EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED
from tui.commands._export_args import add_output_arguments, as_week, out_problem
from tui.commands._pin import EXIT_PIN, require_pin

READ_ONLY = True
HELP = N_("write a week's sessions, attendance, trips, passengers and summary (default: the last complete week)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", type=as_week, metavar="YYYY-Www", help=_("ISO week such as 2026-W47"))
    add_output_arguments(parser)
    parser.add_argument(
        "--pseudonymise",
        "--pseudonymize",
        action="store_true",
        help=_("participant codes instead of names, no health-related columns"),
    )


def run(args: argparse.Namespace, store: Store) -> int:
    if problem := out_problem(store, args.out):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if not require_pin(store):
        return EXIT_PIN
    week = args.week.name if args.week else last_complete_week(now().date())
    try:
        result = export_week(
            store,
            week,
            out=args.out,
            fmt=args.format,
            delimiter=args.delimiter,
            pseudonymise=args.pseudonymise,
            column_keys=args.column_keys,
        )
    except OSError as error:
        print(
            _("Could not write the export: {reason}. Nothing was changed.").format(reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    folder = result.paths[0].parent
    if result.empty:
        print(
            _("No sessions or trips in {week}: wrote {n} files with headers only to {folder}.").format(
                week=format_week(result.period.start, year=True), n=len(result.paths), folder=folder
            )
        )
    else:
        print(
            _(
                "Exported {week}: {sessions} sessions, {attendances} attendances, {trips} trips, "
                "{boardings} boardings; {n} files in {folder}."
            ).format(
                week=format_week(result.period.start, year=True),
                sessions=result.sessions,
                attendances=result.attendances,
                trips=result.trips,
                boardings=result.boardings,
                n=len(result.paths),
                folder=folder,
            )
        )
    return EXIT_OK
