"""`centrelog import FILE`: register participants from a CSV or XLSX list, and print their cards."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.cards import default_sheet_path, write_card_sheet
from sessions.clock import now
from sessions.i18n import N_, _
from sessions.import_columns import guess_mapping
from sessions.importing import (
    ImportProblem,
    describe_mapping,
    describe_source,
    import_participants,
    override_mapping,
    plan_import,
    read_table,
)
from sessions.storage.disk import write_problem
from sessions.store import Store
from tui.commands._export_args import out_problem
from tui.commands._pin import EXIT_PIN, require_pin

HELP = N_("register participants from a CSV or XLSX list (with --dry-run: only check it)")

EXIT_OK, EXIT_USAGE, EXIT_ROWS_LEFT_OUT, EXIT_UNREADABLE, EXIT_NOT_WRITTEN = 0, 2, 5, 6, 7


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=_("FILE"), help=_("a .csv or .xlsx file; the first row names the columns"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("check the file and show what would happen; write nothing")
    )
    parser.add_argument(
        "--column",
        metavar=_("FIELD=COLUMN"),
        action="append",
        default=[],
        help=_("choose the column of a field by header or number, e.g. birth_year=Dzimis or gender= (none)"),
    )
    parser.add_argument("--include-duplicates", action="store_true", help=_("import likely duplicates too"))
    parser.add_argument("--cards", metavar=_("FILE.pdf"), help=_("where the new people's card sheet goes"))


def _overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep:
            raise ImportProblem(
                _("--column takes FIELD=COLUMN, such as birth_year=Dzimis; not “{pair}”.").format(pair=pair)
            )
        overrides[name.strip()] = column
    return overrides


def run(args: argparse.Namespace, store: Store) -> int:
    wrong = _("The card sheet is a PDF: give a file name ending in .pdf.")
    if problem := out_problem(store, Path(args.cards) if args.cards else None, (".pdf",), wrong):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if not require_pin(store):
        return EXIT_PIN
    registry = store.registry
    started = now()
    try:
        overrides = _overrides(args.column)
        table = read_table(Path(args.file))
        mapping = override_mapping(table.headers, guess_mapping(table.headers), overrides)
        plan = plan_import(table, mapping, registry, started.date())
    except ImportProblem as error:
        print(error, file=sys.stderr)
        return EXIT_UNREADABLE
    print(describe_source(table))
    print(_("Columns:"), "; ".join(describe_mapping(table.headers, mapping)))
    for line in plan.problems():
        print(line)
    ready = plan.ready(args.include_duplicates)
    print(
        _("Rows ready: {ready}, with errors: {bad}, likely duplicates: {dup}.").format(
            ready=len(ready), bad=len(plan.bad), dup=len(plan.duplicates)
        )
    )
    left_out = len(plan.rows) - len(ready)
    if args.dry_run or not ready:
        print(_("Nothing was written."))
        return EXIT_ROWS_LEFT_OUT if left_out or not ready else EXIT_OK
    try:
        added = import_participants(registry, plan, started, include_duplicates=args.include_duplicates)
    except OSError as error:
        print(_("Nothing was written: {reason}.").format(reason=write_problem(error)), file=sys.stderr)
        return EXIT_NOT_WRITTEN
    print(_("{n} participants added.").format(n=len(added)))
    out = Path(args.cards) if args.cards else default_sheet_path(store.data_dir, "import", started)
    try:
        write_card_sheet(out, registry, added)
    except OSError as error:
        print(
            _("The cards could not be written to {path}: {reason}. Print them with `centrelog cards`.").format(
                path=out, reason=write_problem(error)
            ),
            file=sys.stderr,
        )
        return EXIT_NOT_WRITTEN
    print(_("Their cards: {path}").format(path=out))
    return EXIT_ROWS_LEFT_OUT if left_out else EXIT_OK
