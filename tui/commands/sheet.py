"""`centrelog sheet`: the attendance sheet of one session as a PDF, for an auditor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.sheet import (
    AmbiguousSession,
    SessionNotFound,
    default_sheet_path,
    find_session,
    sheet_title,
    write_attendance_sheet,
)
from sessions.clock import now
from sessions.i18n import N_, _
from sessions.kinds import SessionRecord
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.cli import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, EXIT_WRITE_FAILED
from tui.commands._export_args import as_week, out_problem
from tui.commands._pin import EXIT_PIN, require_pin
from tui.commands._print import EXIT_NOT_PRINTED, add_print_arguments, copies_problem, print_written

READ_ONLY = True
HELP = N_("write a session's attendance sheet (PDF with a signature column); see `centrelog sessions` for ids")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session", metavar=_("SESSION"), help=_("the session's id, or its first characters"))
    parser.add_argument(
        "--out", type=Path, metavar=_("FILE.pdf"), help=_("where to write (default: <data folder>/exports/sheets/)")
    )
    parser.add_argument("--week", type=as_week, metavar="YYYY-Www", help=_("look only in this ISO week (faster)"))
    add_print_arguments(parser, _("the sheet"))


def describe(session: SessionRecord) -> str:
    """One line naming a session: short id, start, activity, place."""
    start = str(session.get("start") or "")
    what = f"{session.get('activity', '')}  {session.get('place', '')}"
    return f"{session['id'][:8]}  {start[:10]} {start[11:16]}  {what}"


def run(args: argparse.Namespace, store: Store) -> int:
    wrong = _("The attendance sheet is a PDF: give a file name ending in .pdf.")
    if problem := copies_problem(args) or out_problem(store, args.out, (".pdf",), wrong):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if not require_pin(store):
        return EXIT_PIN
    try:
        session = find_session(store, args.session, args.week.name if args.week else None)
    except SessionNotFound:
        message = _("No session has the id {ref}. `centrelog sessions` lists them.").format(ref=args.session)
        print(message, file=sys.stderr)
        return EXIT_NOT_FOUND
    except AmbiguousSession as error:
        print(
            _("{n} sessions start with {ref}; give more of the id:").format(n=len(error.matches), ref=args.session),
            file=sys.stderr,
        )
        for match in error.matches:
            print("  " + describe(match), file=sys.stderr)
        return EXIT_USAGE
    out = args.out or default_sheet_path(store, session)
    try:
        sheet = write_attendance_sheet(store, session, out, now())
    except OSError as error:
        print(
            _("Could not write the sheet: {reason}. Nothing was changed.").format(reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    print(
        _("Attendance sheet of {session} (participants: {n}) written to {path}.").format(
            session=describe(session).strip(), n=sheet.participants, path=sheet.path
        )
    )
    return EXIT_OK if print_written(store, args, sheet.path, sheet_title(session)) else EXIT_NOT_PRINTED
