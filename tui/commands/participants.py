"""`centrelog participants`: list the register, with card codes on request."""

from __future__ import annotations

import argparse

from sessions.codes import format_code
from sessions.i18n import N_, _, ngettext
from sessions.store import Store
from tui.commands._pin import EXIT_PIN, require_pin

READ_ONLY = True
HELP = N_("list participants (with --codes: their card codes)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--codes", action="store_true", help=_("show each person's card code"))
    parser.add_argument("--all", action="store_true", help=_("include archived participants"))


def run(args: argparse.Namespace, store: Store) -> int:
    if not require_pin(store):
        return EXIT_PIN
    people = store.registry.participants(include_archived=args.all)
    for person in people:
        parts = [f"{person.last_name} {person.first_name}"]
        if args.codes:
            parts.insert(0, format_code(person.code) if person.code else "-")
        if person.archived:
            parts.append(_("(archived)"))
        print("  ".join(parts))
    print(ngettext("{n} participant.", "{n} participants.", len(people)).format(n=len(people)))
    return 0
