"""Arguments the export commands share: where to write, in which format, with which headers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from exports.periods import Period, parse_date, parse_month, parse_quarter, parse_week
from sessions.i18n import _
from sessions.out_paths import out_path_problem
from sessions.store import Store

__all__ = ["add_output_arguments", "as_date", "as_month", "as_quarter", "as_week", "out_problem"]


def _typed(parse: Callable[[str], object]) -> Callable[[str], object]:
    def convert(text: str) -> object:
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


as_week: Callable[[str], Period] = _typed(parse_week)  # type: ignore[assignment]
as_month: Callable[[str], Period] = _typed(parse_month)  # type: ignore[assignment]
as_quarter: Callable[[str], Period] = _typed(parse_quarter)  # type: ignore[assignment]
as_date: Callable[[str], date] = _typed(parse_date)  # type: ignore[assignment]


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """--out, --format, --delimiter and --column-keys."""
    parser.add_argument("--out", type=Path, metavar=_("DIR"), help=_("write here instead of <data folder>/exports/…"))
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", help=_("csv (default) or xlsx"))
    parser.add_argument(
        "--delimiter",
        choices=(";", ","),
        default=";",
        help=_("CSV delimiter: ';' (default, Latvian spreadsheets) or ','"),
    )
    parser.add_argument(
        "--column-keys",
        action="store_true",
        help=_(
            "for scripts: stable English keys for the headers and the values (scan, held, 1 or 0) "
            "instead of the language's words"
        ),
    )


def out_problem(store: Store, out: Path | None, suffixes: tuple[str, ...] = (), wrong_suffix: str = "") -> str | None:
    """Why `--out` may not be written (the wrong suffix, a place in the data folder), or None; None when not given."""
    if out is None:
        return None
    if suffixes and out.suffix.lower() not in suffixes:
        return wrong_suffix
    return out_path_problem(store.data_dir, out)
