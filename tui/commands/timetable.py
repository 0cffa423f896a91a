"""`centrelog timetable`: the week's timetable, printed as text or written as a PDF for the notice board."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.periods import Period, parse_week
from exports.timetable_pdf import default_timetable_path, write_timetable_pdf
from exports.timetable_week import week_text, week_timetable_of
from sessions.clock import now, week_key
from sessions.i18n import N_, _, current_language
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.cli import EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED
from tui.commands._export_args import as_week, out_problem

READ_ONLY = True
HELP = N_("the week's timetable (default: this week) as text, or with --pdf / --out FILE.pdf for the notice board")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", type=as_week, metavar="YYYY-Www", help=_("an ISO week, such as 2026-W49"))
    parser.add_argument(
        "--pdf", action="store_true", help=_("write an A4 PDF to <data folder>/exports/timetable/ instead of printing")
    )
    parser.add_argument("--out", type=Path, metavar=_("FILE.pdf"), help=_("write the A4 PDF to this file"))


def run(args: argparse.Namespace, store: Store) -> int:
    period: Period = args.week or parse_week(week_key(now()))
    wrong = _("The timetable is written as a PDF: give a file name ending in .pdf.")
    if problem := out_problem(store, args.out, (".pdf",), wrong):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    week = week_timetable_of(store.registry, period.name)
    if not (args.out or args.pdf):
        print(week_text(week))
        return EXIT_OK
    out = args.out or default_timetable_path(store, period.name, current_language())
    try:
        write_timetable_pdf(week, out, now())
    except OSError as error:
        print(
            _("Could not write the timetable: {reason}. Nothing was changed.").format(reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    print(_("The timetable for {week} is written to {path}.").format(week=period.name, path=out))
    return EXIT_OK
