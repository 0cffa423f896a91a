"""Week logs: a whole file plus an append-only journal of the writes made since it was written.

A check-in appends one line to the journal and waits for it to reach the
disk, so it costs the same on a Friday evening as on a Monday morning. Once
the journal outgrows the file (and at least `COMPACT_AT` bytes), the whole
file is rewritten atomically after that write's line is on disk, and the
journal starts again.

A journal line sets records (`"s"`), removes records (`"d"`) and drops
tables (`"x"`). The file is only ever rewritten from a state the journal
already holds, and replaying the journal over that state gives the same
tables: a crash between writing the file and removing the journal loses and
doubles nothing, and a reader that finds the new file beside the old
journal sees the same tables. A last line cut short by a crash was never
confirmed: it is left out, and cut off before the next append.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from sessions.i18n import _
from sessions.storage import _records
from sessions.storage.durable import FILE_MODE, DamagedFile, DurableStorage, atomic_write_bytes, fsync_dir, parse_tables

__all__ = ["COMPACT_AT", "JOURNAL_SUFFIX", "JournalStorage", "discard_journal", "journal_path", "log_bytes", "read_log"]

COMPACT_AT = 64 * 1024
JOURNAL_SUFFIX = ".journal"
#: Flush a file's data (and its size) to the disk; fsync where fdatasync does not exist (macOS).
_datasync = getattr(os, "fdatasync", os.fsync)

Tables = dict[str, dict[str, Any]]


def journal_path(path: Path) -> Path:
    """`2026-W48.hall.json` → `2026-W48.hall.journal`."""
    return path.with_name(path.stem + JOURNAL_SUFFIX)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _apply(tables: Tables, change: Any) -> bool:
    """Apply one parsed journal line; False (and nothing changed) when it is not a journal line."""
    if not isinstance(change, dict):
        return False
    drops, removed, saved = change.get("x", []), change.get("d", {}), change.get("s", {})
    if not (
        isinstance(drops, list)
        and isinstance(removed, dict)
        and isinstance(saved, dict)
        and all(isinstance(keys, list) for keys in removed.values())
        and all(isinstance(records, dict) for records in saved.values())
    ):
        return False
    for name in drops:
        tables.pop(name, None)
    for name, keys in removed.items():
        table = tables.get(name)
        for key in keys if isinstance(table, dict) else ():
            table.pop(key, None)  # type: ignore[union-attr]
    for name, records in saved.items():
        table = tables.get(name)
        if not isinstance(table, dict):
            table = tables[name] = {}
        table.update(records)
    return True


def replay(tables: Tables, raw: bytes, path: Path) -> int:
    """Apply the journal's whole lines to `tables`; the length of the part that holds.

    A last line without its newline, or a damaged last line, was cut short
    by a crash and is left out. A damaged line with whole lines after it is
    damage: DamagedFile, naming the log file.
    """
    lines = raw.split(b"\n")
    good = 0
    for n, line in enumerate(lines[:-1]):  # the piece after the last newline is never whole
        try:
            change = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError):
            change = None
        if change is None or not _apply(tables, change):
            if any(rest.strip() for rest in lines[n + 1 :]):
                raise DamagedFile(path, _("line {n} of its journal is damaged").format(n=n + 1))
            break
        good += len(line) + 1
    return good


def _snapshot(path: Path) -> tuple[bytes | None, bytes | None]:
    """The file and its journal as they were at one moment, though the app may be writing them.

    The app rewrites the file (a new inode) before it removes the journal: if
    the file read is still the one in place once the journal is read, the two
    belong together. The file stays open meanwhile, so its inode is not reused.
    """
    journal = journal_path(path)
    for _attempt in range(50):
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            handle = None
        with handle if handle is not None else nullcontext():
            inode = os.fstat(handle.fileno()).st_ino if handle is not None else None
            main = handle.read() if handle is not None else None
            appended = _read(journal)
            try:
                now: int | None = path.stat().st_ino
            except FileNotFoundError:
                now = None
        if now == inode:
            return main, appended
    raise OSError(errno.EAGAIN, f"{path.name} kept changing while it was read; try again")


def read_log(path: Path) -> Tables | None:
    """A week log's tables: the file, then its journal. None when neither exists; DamagedFile if broken."""
    main, appended = _snapshot(path)
    tables = parse_tables(path, main) if main is not None else None
    if appended:
        named = path if tables is not None else journal_path(path)  # a week held only in its journal names it
        tables = tables if tables is not None else {}
        replay(tables, appended, named)
    return tables


def log_bytes(path: Path) -> bytes:
    """A week log as one whole file (for a backup): its bytes, or the file and journal written as one."""
    main, appended = _snapshot(path)
    if main is None and not appended:
        raise FileNotFoundError(path)
    tables = parse_tables(path, main) if main is not None else {}
    if not appended:
        return main or b""
    replay(tables, appended, path)
    return _records.dumps(tables).encode("utf-8")


def discard_journal(path: Path) -> None:
    """Remove a log's journal once its file holds everything the journal held."""
    journal = journal_path(path)
    if journal.exists():
        journal.unlink()
        fsync_dir(path.parent)


class JournalStorage(DurableStorage):
    """DurableStorage for a week log: writes append to the journal; the file is rewritten now and then.

    Memory is the file plus the journal. A write that fails leaves the disk
    as it was and reads memory back from it, as DurableStorage does.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.journal = journal_path(self.path)
        self._batch_depth = 0
        self._dirty = False
        self._fd: int | None = None
        #: An append failed and could not be cut off: the journal is folded before the next write.
        self._must_rewrite = False
        #: Reading the disk back after a failed write failed too: memory cannot be trusted.
        self._unread = False
        self._load()

    def _load(self, journal_up_to: int | None = None) -> None:
        """Read the file, then the journal (only its first `journal_up_to` bytes, when given)."""
        main = _read(self.path)
        self._data = parse_tables(self.path, main) if main is not None else None
        self._file_size = len(main) if main is not None else -1
        appended = (_read(self.journal) or b"")[:journal_up_to]
        if appended:
            self._data = self._data if self._data is not None else {}
            self._good = replay(self._data, appended, self.path)
        else:
            self._good = 0
        self._settled()
        for table in (self._data or {}).values():
            if isinstance(table, dict):  # as on disk: a write sends only what changes from here
                for key, record in list(table.items()):
                    if isinstance(record, dict):
                        table[key] = _clean(record, key)

    # what changed since the disk was last written ------------------------

    def _settled(self) -> None:
        """Memory and disk agree: forget what was noted as changed."""
        self._known = {name: table for name, table in (self._data or {}).items() if isinstance(table, dict)}
        self._touched: dict[str, set[str]] = {}
        self._removed: dict[str, set[str]] = {}

    def forget_unwritten(self) -> None:
        """A write failed before reaching the disk: memory goes back to what the disk holds."""
        if not self._batch_depth:
            self._restore()

    def tracked(self, name: str) -> tuple[set[str], set[str]]:
        """The ids of `name` a write has set or read, and those it removed (filled in by JournalTable)."""
        return self._touched.setdefault(name, set()), self._removed.setdefault(name, set())

    def _changes(self) -> str:
        """One journal line for what changed since the disk was written; "" for nothing."""
        data = self._data or {}
        saved, removed, dropped = [], [], [name for name in self._known if name not in data]
        for name, table in data.items():
            if not isinstance(table, dict):
                raise TypeError(f"table {name!r} of {self.path.name} is not a table of records")
            whole = table is not self._known.get(name)  # a new table, or one replaced whole
            if whole:
                dropped += [name] if name in self._known else []
                keys: Iterable[str] = list(table)
            else:
                touched = (key for key in self._touched.get(name, ()) if key in table and _changed(table, key))
                keys = sorted(touched, key=_id_order)  # in the order the table holds them
                gone = [key for key in self._removed.get(name, ()) if key not in table]
                if gone:
                    removed.append(f"{_records.label(name)}:{_records.dumps(sorted(gone))}")
            entries = [_records.entry(table, key, table[key]) for key in keys]
            if entries or whole:
                saved.append(f"{_records.label(name)}:{{{','.join(entries)}}}")
        parts = [f'"x":{_records.dumps(dropped)}'] if dropped else []
        parts += [f'"d":{{{",".join(removed)}}}'] if removed else []
        parts += [f'"s":{{{",".join(saved)}}}'] if saved else []
        return "{" + ",".join(parts) + "}" if parts else ""

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def rewrite(self) -> None:
        """Write the whole file from memory (at start and stop, or after the file on disk was set aside).

        Memory then holds nothing that is not on disk already (or, after a
        set-aside, nothing is on disk), so replaying the journal over the new
        file changes nothing.
        """
        self._compact()

    def _flush(self) -> None:
        """Put what changed on disk: one journal line, then the whole file when the journal has grown.

        The file is only ever rewritten from a state the journal already
        holds: a crash before the journal is removed replays it over the new
        file, which then changes nothing.
        """
        self._dirty = False
        try:
            if self._unread:
                self._restore()
                raise OSError(errno.EIO, "the week log had to be read again; nothing was saved")
            if self._must_rewrite:
                self._fold_disk()
            change = self._changes()
            if change:
                self._append(change)
        except BaseException:
            self._restore()
            raise
        if self._file_size < 0 or self._good > max(COMPACT_AT, self._file_size):
            try:
                self._compact()
            except OSError:
                pass  # the journal holds every write; the next one tries again

    def _restore(self) -> None:
        """After a failed write: memory goes back to what the disk holds (the journal's whole lines
        before the failed append only, in case that append could not be cut off)."""
        self._dirty = False
        self.close()
        try:
            self._load(journal_up_to=self._good if self._must_rewrite else None)
        except BaseException:
            self._unread = True
            raise
        self._unread = False

    def _fold_disk(self) -> None:
        """Rewrite the file from what is on disk before the failed append, then start a new journal."""
        tables = parse_tables(self.path, _read(self.path) or b"{}")
        replay(tables, (_read(self.journal) or b"")[: self._good], self.path)
        text = _records.dumps(tables).encode("utf-8")
        atomic_write_bytes(self.path, text)
        self._file_size = len(text)
        self.close()
        discard_journal(self.path)
        self._good = 0
        self._must_rewrite = False

    def _compact(self) -> None:
        text = _records.serialise(self._data or {}).encode("utf-8")
        atomic_write_bytes(self.path, text)
        self._file_size = len(text)
        self.close()
        discard_journal(self.path)
        self._good = 0
        self._settled()

    def _journal_fd(self) -> int:
        if self._fd is None:
            created = not self.journal.exists()
            fd = os.open(self.journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
            try:
                size = os.fstat(fd).st_size
                if size > self._good:
                    os.ftruncate(fd, self._good)  # a line a crash cut short
                elif size < self._good:  # replaced meanwhile (a restore wrote the file whole): go on from it
                    self._good = size
                if created:
                    fsync_dir(self.path.parent)
            except BaseException:
                os.close(fd)
                raise
            self._fd = fd
        return self._fd

    def _append(self, change: str) -> None:
        line = memoryview((change + "\n").encode("utf-8"))
        fd = self._journal_fd()
        try:
            rest = line
            while rest:
                rest = rest[os.write(fd, rest) :]
            _datasync(fd)
        except BaseException:
            try:
                os.ftruncate(fd, self._good)
                if not self._good:  # an empty journal holds nothing: the folder stays as it was
                    self.close()
                    discard_journal(self.path)
            except OSError:
                self._must_rewrite = True  # the next write starts the journal afresh
            raise
        self._good += len(line)
        self._settled()


def _changed(table: dict[str, Any], key: str) -> bool:
    """Whether a record differs from its text on disk (TinyDB changes records only through dict methods)."""
    record = table[key]
    return not (type(record) is _records.Record and record.text is not None and record.key == key)


def _clean(record: dict[str, Any], key: str) -> _records.Record:
    """A record just read: unchanged, its text made only when the whole file is written."""
    kept = _records.Record(record)
    kept.text, kept.key = "", key
    return kept


def _id_order(key: str) -> tuple[int, str]:
    """TinyDB's ids in the order it gave them (as numbers, not as text)."""
    return len(key), key
