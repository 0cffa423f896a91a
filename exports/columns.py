"""A sheet's columns each defined once: the header, what the column holds, and how a record gives its cell."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from exports.spreadsheet import Column, Sheet

__all__ = ["Field", "column", "table"]

R = TypeVar("R")


@dataclass(frozen=True)
class Field(Generic[R]):
    """One column of a sheet and the cell it takes from each record."""

    column: Column
    value: Callable[[R], Any]


def column(
    key: str,
    label: str,
    value: Callable[[R], Any],
    *,
    personal: bool = False,
    health: bool = False,
    words: Mapping[str, str] | None = None,
) -> Field[R]:
    """A column: its stable key, its label (marked with N_), its cell of a record, whether personal or health.

    `words`: what each stable value of the cell says to a person (marked with N_), as `scan` → "card scanned";
    a file for people writes those words in its language, one with column keys the value itself.
    """
    return Field(Column(key, label, personal=personal, health=health, words=words), value)


def table(name: str, title: str, fields: Sequence[Field[R]], records: Iterable[R]) -> Sheet:
    """The sheet of `records`, one row each, its columns and cells in the order of `fields`."""
    cells = [f.value for f in fields]
    return Sheet(name, title, [f.column for f in fields], [[cell(record) for cell in cells] for record in records])
