"""How a week file's records are written as JSON: each remembers its own text until it changes."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["Record", "dumps", "entry", "label", "serialise"]


SEPARATORS = (",", ":")


class Record(dict):  # type: ignore[type-arg]
    """A stored record that remembers its own JSON until it is changed.

    TinyDB changes records in place (update, delete of a field), always
    through these methods, so each of them forgets the remembered text.
    A week file is then written by joining remembered texts: a check-in
    costs the same on a Friday as on a Monday.
    """

    #: `text` is None once changed, "" when unchanged since read but not yet encoded.
    __slots__ = ("key", "text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text: str | None = None
        self.key: Any = None

    def __setitem__(self, key: Any, value: Any) -> None:
        self.text = None
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self.text = None
        super().__delitem__(key)

    def __ior__(self, other: Any) -> Record:  # type: ignore[misc]
        self.text = None
        return super().__ior__(other)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.text = None
        super().update(*args, **kwargs)

    def pop(self, *args: Any) -> Any:
        self.text = None
        return super().pop(*args)

    def popitem(self) -> Any:
        self.text = None
        return super().popitem()

    def setdefault(self, *args: Any) -> Any:
        self.text = None
        return super().setdefault(*args)

    def clear(self) -> None:
        self.text = None
        super().clear()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=SEPARATORS)


def label(key: Any) -> str:
    """A key as json.dumps writes it (TinyDB's are digit strings: the quick case)."""
    if isinstance(key, str) and key.isdigit():
        return f'"{key}"'
    return dumps({key: 0})[1:-3]


def entry(table: dict[Any, Any], key: Any, record: Any) -> str:
    """`"key":{...}` for one record, remembered on the record until it changes."""
    if not isinstance(record, dict):
        return f"{label(key)}:{dumps(record)}"
    if type(record) is not Record:
        record = table[key] = Record(record)
    text = record.text = f"{label(key)}:{dumps(record)}"
    record.key = key
    return text


def serialise(data: Any) -> str:
    """The same text as a compact json.dumps(data), re-encoding only records that changed."""
    if not isinstance(data, dict) or not data:
        return dumps(data)
    tables = []
    for name, table in data.items():
        if isinstance(table, dict):
            entries = [
                record.text
                if type(record) is Record and record.text and record.key == key
                else entry(table, key, record)
                for key, record in table.items()
            ]
            tables.append(f"{label(name)}:{{{','.join(entries)}}}")
        else:
            tables.append(f"{label(name)}:{dumps(table)}")
    return "{" + ",".join(tables) + "}"
