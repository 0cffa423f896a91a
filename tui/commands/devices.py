"""`centrelog devices`: the laptops of the centre, when each was last seen, what is wrong; `--name` names this one."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from sessions.clock import now
from sessions.devices import rename
from sessions.i18n import N_, _
from sessions.laptops import Overview, cells, headers, overview, this_laptop_line
from sessions.store import Store
from tui.cli import EXIT_OK, EXIT_USAGE
from tui.guide import guide_path

HELP = N_("the laptops of this centre (synced by Syncthing): last seen, warnings; --name names this laptop")


def READ_ONLY(args: argparse.Namespace) -> bool:
    """Listing runs beside the app; naming this laptop writes its files, so it takes the folder."""
    return args.name is None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", metavar=_("NAME"), help=_('name this laptop, such as "hall laptop"'))


def run(args: argparse.Namespace, store: Store) -> int:
    moment = now()
    if args.name is not None:
        try:
            rename(store, args.name, moment)
        except ValueError as error:
            print(error, file=sys.stderr)
            return EXIT_USAGE
        print(_("This laptop is now called {name}.").format(name=args.name.strip()))
    print(table(overview(store, moment), moment))
    return EXIT_OK


def table(seen: Overview, moment: datetime) -> str:
    """The overview as text: the folder, one line a laptop, then the warnings."""
    rows = [headers(), *(cells(laptop, moment) for laptop in seen.laptops)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [_("Data folder (share this one folder with Syncthing): {folder}").format(folder=seen.data_dir)]
    lines += [this_laptop_line(seen), ""]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    warned = [(laptop, text) for laptop in seen.laptops for text in laptop.warnings]
    if warned or seen.notes:
        lines += ["", _("Warnings:")]
        lines += [f"- {text}" for text in seen.notes]
        lines += [f"- {laptop.name} ({laptop.device}): {text}" for laptop, text in warned]
    lines += ["", _("How to pair a laptop: {guide}").format(guide=guide_path())]
    return "\n".join(lines)
