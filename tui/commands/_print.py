"""`--print [PRINTER]` and `--copies N`, shared by the commands that write a PDF: the file first, then the printer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.printing import LAST_PRINTER, MAX_COPIES, find_printers, pick_printer, print_pdf
from sessions.i18n import _
from sessions.store import Store

__all__ = ["EXIT_NOT_PRINTED", "add_print_arguments", "copies_problem", "print_written"]

#: The file was written, but not printed (the sentence says why and where the file is).
EXIT_NOT_PRINTED = 9


def _copies(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_COPIES:
        raise argparse.ArgumentTypeError(_("the number of copies is from 1 to {most}").format(most=MAX_COPIES))
    return int(text)


def add_print_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """--print [PRINTER] and --copies N; `what` names what is printed in the help."""
    parser.add_argument(
        "--print",
        dest="printer",
        nargs="?",
        const="",
        default=None,
        metavar=_("PRINTER"),
        help=_(
            "also print {what} (written first) on {printer}, or without a name on the printer this laptop printed on"
            " last, else the system's default; give it after the other arguments"
        ).format(what=what, printer=_("PRINTER")),
    )
    parser.add_argument("--copies", type=_copies, default=None, metavar="N", help=_("copies to print (default 1)"))


def copies_problem(args: argparse.Namespace) -> str | None:
    """--copies without --print: a sentence (the command then writes nothing)."""
    if args.copies is not None and args.printer is None:
        return _("--copies goes with --print.")
    return None


def print_written(store: Store, args: argparse.Namespace, pdf: Path, title: str) -> bool:
    """Print the PDF already written when --print was given and say how it went; False when it was not printed."""
    if args.printer is None:
        return True
    printer: str | None = args.printer
    if not printer:
        printers = find_printers()
        if printers.sentence:
            print(printers.sentence, _("The PDF is saved: {path}").format(path=pdf), file=sys.stderr)
            return False
        printer = pick_printer(printers, store.registry.setting(LAST_PRINTER))
    result = print_pdf(pdf, printer, args.copies or 1, title)
    print(result.sentence(), file=sys.stdout if result.printed else sys.stderr)
    return result.printed
