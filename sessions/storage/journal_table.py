"""A TinyDB table for week logs that changes records in place and tells the journal which ones."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from sessions.storage.journal import JournalStorage

__all__ = ["JournalTable", "WeekDB"]


class _Tracked(MutableMapping[int, Any]):
    """A table's stored records as TinyDB's updaters see them (int ids), noting each id they reach.

    An id read may be changed in place (an update), so it is noted too; the
    journal then writes only the noted records whose text no longer holds.
    """

    def __init__(self, raw: dict[str, Any], touched: set[str], removed: set[str], id_class: type) -> None:
        self._raw, self._touched, self._removed, self._id_class = raw, touched, removed, id_class

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        record = self._raw[key]
        self._touched.add(key)
        return record

    def __setitem__(self, doc_id: int, record: Any) -> None:
        key = str(doc_id)
        self._raw[key] = record
        self._touched.add(key)

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self._raw[key]
        self._removed.add(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return map(self._id_class, self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class JournalTable(Table):
    """TinyDB's Table, but a write costs the records it changes, not the whole table.

    Stock TinyDB copies a table twice on every write (to int ids and back);
    on a Friday's week log that was half of a check-in. Here the updater
    works on the stored records themselves, and the storage learns which
    ones it reached.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self.storage
        if not isinstance(storage, JournalStorage):
            super()._update_table(updater)
            return
        tables = storage.read()
        if tables is None:
            tables = {}
        raw = tables.get(self.name)
        if raw is None:
            raw = tables[self.name] = {}
        try:
            updater(_Tracked(raw, *storage.tracked(self.name), self.document_id_class))  # type: ignore[arg-type]
        except BaseException:
            storage.forget_unwritten()
            raise
        storage.write(tables)
        self.clear_cache()


class WeekDB(TinyDB):
    """A week log's database: JournalStorage underneath, JournalTable on top."""

    table_class = JournalTable
