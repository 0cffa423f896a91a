"""`centrelog cards`: the A4 card sheet (PDF) of every active participant, or of chosen codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.cards import default_sheet_path, write_card_sheet
from sessions.checkin import Outcome, look_up
from sessions.clock import now
from sessions.codes import format_code
from sessions.i18n import N_, _, ngettext
from sessions.registry import Participant, Registry
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.commands._export_args import out_problem
from tui.commands._pin import EXIT_PIN, require_pin
from tui.commands._print import EXIT_NOT_PRINTED, add_print_arguments, copies_problem, print_written

READ_ONLY = True
HELP = N_("write the card sheet (A4 PDF, ten cards a page) of all active participants or of chosen card codes")

EXIT_OK, EXIT_USAGE, EXIT_REFUSED, EXIT_NOT_WRITTEN = 0, 2, 5, 7


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help=_("every active participant"))
    which.add_argument("--participant", metavar=_("CODE"), action="append", help=_("a card code (repeat for more)"))
    parser.add_argument(
        "--out", metavar=_("FILE.pdf"), help=_("where to write (default: exports/cards/ in the data folder)")
    )
    add_print_arguments(parser, _("the sheet"))


def card_holder(registry: Registry, raw: str) -> tuple[Participant | None, str]:
    """The active person whose current card `raw` is, or a sentence saying why there is none."""
    found = look_up(registry, raw)
    if found.outcome is None and found.participant is not None:
        return found.participant, ""
    shown = format_code(found.code) if found.code else raw
    reasons = {
        Outcome.NOT_A_CARD: _("“{code}” is not a card code."),
        Outcome.UNKNOWN_CARD: _("{code} is not a card of this centre."),
        Outcome.REVOKED_CARD: _("{code} was replaced by a newer card ({name}'s card is {current})."),
        Outcome.ARCHIVED: _("{code} belongs to {name}, who is archived."),
    }
    person = found.participant
    current = format_code(person.code) if person and person.code else "-"
    text = reasons.get(found.outcome or Outcome.UNKNOWN_CARD, reasons[Outcome.UNKNOWN_CARD])
    return None, text.format(code=shown, name=person.full_name if person else "", current=current)


def run(args: argparse.Namespace, store: Store) -> int:
    wrong = _("The card sheet is a PDF: give a file name ending in .pdf.")
    if problem := copies_problem(args) or out_problem(store, Path(args.out) if args.out else None, (".pdf",), wrong):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if not require_pin(store):
        return EXIT_PIN
    registry = store.registry
    out = Path(args.out) if args.out else default_sheet_path(store.data_dir, "cards", now())
    if args.all:
        people = registry.participants(include_archived=False)
    else:
        people, refused = [], []
        for raw in args.participant:
            person, reason = card_holder(registry, raw)
            if person is None:
                refused.append(reason)
            elif person not in people:
                people.append(person)
        if refused:
            print("\n".join(refused), _("Nothing was written."), sep="\n", file=sys.stderr)
            return EXIT_REFUSED
    try:
        count = write_card_sheet(out, registry, people)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED
    except OSError as error:
        print(
            _("{path} could not be written: {reason}.").format(path=out, reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_NOT_WRITTEN
    print(_("{n} cards written to {path}").format(n=count, path=out))
    title = ngettext("Card sheet: {n} card", "Card sheet: {n} cards", count).format(n=count)
    return EXIT_OK if print_written(store, args, out, title) else EXIT_NOT_PRINTED
