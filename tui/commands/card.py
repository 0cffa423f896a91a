"""`centrelog card CODE`: one participant's card as a PNG or SVG picture, and with --print on paper."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.cards import cards_dir, safe_file_name, write_card_image, write_card_sheet
from sessions.i18n import N_, _
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.commands._export_args import out_problem
from tui.commands._pin import EXIT_PIN, require_pin
from tui.commands._print import EXIT_NOT_PRINTED, add_print_arguments, copies_problem, print_written
from tui.commands.cards import EXIT_NOT_WRITTEN, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, card_holder

READ_ONLY = True
HELP = N_("write one participant's card as a PNG or SVG picture")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", metavar=_("CODE"), nargs="+", help=_("the card code (spaces as printed are fine)"))
    parser.add_argument("--out", metavar=_("FILE.png|svg"), help=_("where to write (default: a PNG in exports/cards/)"))
    add_print_arguments(
        parser, _("the card (an A4 page with the card and cut marks, written beside the picture as .pdf)")
    )


def run(args: argparse.Namespace, store: Store) -> int:
    wrong = _("A card is written as .png or .svg: give a file name ending in one of them.")
    if problem := copies_problem(args) or out_problem(
        store, Path(args.out) if args.out else None, (".png", ".svg"), wrong
    ):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if not require_pin(store):
        return EXIT_PIN
    person, reason = card_holder(store.registry, "".join(args.code))
    if person is None:
        print(reason, file=sys.stderr)
        return EXIT_REFUSED
    out = (
        Path(args.out)
        if args.out
        else cards_dir(store.data_dir) / f"{safe_file_name(person.full_name)}-{person.code}.png"
    )
    page = out.with_suffix(".pdf")
    try:
        write_card_image(out, store.registry, person)
        if args.printer is not None:
            write_card_sheet(page, store.registry, [person])
    except OSError as error:
        print(
            _("{path} could not be written: {reason}.").format(path=out, reason=write_problem(error)),
            file=sys.stderr,
        )
        return EXIT_NOT_WRITTEN
    print(_("The card of {name} is in {path}").format(name=person.full_name, path=out))
    title = _("Card of {name}").format(name=person.full_name)
    return EXIT_OK if print_written(store, args, page, title) else EXIT_NOT_PRINTED
