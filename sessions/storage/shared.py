"""The registry shared by several laptops: each writes its own file, every laptop reads them all.

`registry/<device>.json` is written by the laptop `<device>` alone (atomically,
as DurableStorage does). It holds everything that laptop knows: its own
changes and what it has read from the others. Each record is the same record
on every laptop by its id (a setting by its key), and each field carries the
stamp of its last change (sessions/storage/stamps.py): merging two files
keeps, field by field, the value with the later stamp. So every laptop ends
with the same registry whatever order the files arrive in, and however often.

Files the sync engine is still writing (`.syncthing.*`, `~syncthing~*`) and
this app's temp files are never read. A conflict copy
(`<device>.sync-conflict-<when>-<who>.json`) is merged like any other file;
a copy of this laptop's own file is then removed, its records being in the
file again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from sessions.storage.durable import DamagedFile, DurableStorage, atomic_write_bytes, load_json
from sessions.storage.shapes import check_shape
from sessions.storage.stamps import STAMPS, Clock, as_stamp, merge_records, record_key

__all__ = [
    "REGISTRY_FOLDER",
    "Merged",
    "RegistryDB",
    "SharedStorage",
    "absorb_into",
    "conflict_copy_of",
    "merged_registry",
    "registry_files",
]

REGISTRY_FOLDER = "registry"
#: A laptop's registry file, or the sync engine's conflict copy of one.
_FILE = re.compile(r"^(?P<device>[A-Za-z0-9_-]+)(?P<copy>\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]{7})?\.json$")
#: Tables that belong to one laptop and are never merged from another's file.
LOCAL_TABLES = frozenset({"open"})
#: The centre a registry file belongs to, `{"id": ...}`: files of two centres are never merged.
CENTRE_TABLE = "_centre"
#: Settings that belong to one laptop (what it chose last, its language, its backup stick, its camera): never shared.
LOCAL_SETTING_PREFIXES = ("last_", "recent_", "camera_")
LOCAL_SETTINGS = frozenset({"language", "backup_mirror"})


def local_setting(key: str) -> bool:
    """A setting kept by this laptop alone, outside the shared registry."""
    return key.startswith(LOCAL_SETTING_PREFIXES) or key in LOCAL_SETTINGS


def registry_files(folder: Path) -> list[tuple[str, Path]]:
    """(device, path) of every laptop's registry file and conflict copy in `folder`, by name."""
    found = []
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    for name in names:
        match = _FILE.match(name)
        if match:
            found.append((match["device"], folder / name))
    return found


def conflict_copy_of(path: Path) -> bool:
    match = _FILE.match(path.name)
    return bool(match and match["copy"])


@dataclass
class Merged:
    """What reading the other laptops' files changed here."""

    tables: set[str] = field(default_factory=set)
    #: Files that could not be read this time (damaged, or not ours to judge yet): named, never changed.
    unreadable: list[DamagedFile] = field(default_factory=list)
    #: This laptop's own conflict copies, merged: to be removed once the own file holds them.
    own_copies: list[Path] = field(default_factory=list)
    #: Registry files of another centre (a laptop used on its own before its folder was shared): never merged.
    other_centre: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tables)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass(frozen=True)
class Read:
    """Another laptop's registry file as read at one version: its tables, or why they do not read."""

    device: str
    path: Path
    signature: tuple[int, int, int]
    tables: dict[str, Any] | None
    problem: DamagedFile | None


class SharedStorage(DurableStorage):
    """This laptop's registry file, merged with every other laptop's as they arrive."""

    def __init__(self, folder: Path, device: str, memory: Path | None = None, centre: str | None = None) -> None:
        self.folder = Path(folder)
        self.device = device
        self.clock = Clock(device)
        self._clock_set = False
        #: The instant the change being written was made (set by the registry around each write).
        self.moment: datetime | None = None
        self.erasing = False
        self._local_setting = local_setting
        self._seen: dict[Path, tuple[int, int, int] | None] = {}
        #: Where this laptop remembers which versions of the others' files its own file already holds
        #: (None: a reader, which writes nothing).
        self.memory = memory
        #: Records merged from other laptops that this laptop's file does not hold yet.
        self.unsaved = False
        super().__init__(self.folder / f"{device}.json")
        #: The centre of this laptop's registry: what its own file says; a file from before files said so
        #: takes the folder's; a laptop with nothing of its own yet takes the first centre it reads.
        own = self._data or {}
        self.centre = file_centre(own) or (centre if _holds_records(own) else None)
        self._folder_centre = centre
        self._recall()

    def _recall(self) -> None:
        """The other files whose versions this laptop's own file already holds: not read again at start."""
        if self.memory is None:
            return
        try:
            memory = load_json(self.memory) or {}
        except DamagedFile:
            return
        own = memory.get("own")
        if not isinstance(own, list) or tuple(own) != _signature(self.path):
            return  # this laptop's file changed since (a restore, a file set aside): read everything
        for name, signature in (memory.get("holds") or {}).items():
            if isinstance(name, str) and isinstance(signature, list) and "/" not in name:
                self._seen[self.folder / name] = (int(signature[0]), int(signature[1]), int(signature[2]))

    def _remember(self) -> None:
        if self.memory is None:
            return
        payload = {
            "own": list(_signature(self.path) or ()),
            "holds": {path.name: list(sig) for path, sig in self._seen.items() if sig is not None},
        }
        try:
            atomic_write_bytes(self.memory, json.dumps(payload).encode("utf-8"))
        except OSError:
            pass  # only a start that reads every file again

    def _flush(self) -> None:
        if self.centre is None:
            self.centre = self._folder_centre
        if self.centre and self._data is not None and file_centre(self._data) != self.centre:
            self._data[CENTRE_TABLE] = {"id": self.centre}
        super()._flush()
        self.unsaved = False
        self._remember()

    # reading the others -------------------------------------------------

    def read_changed(self, ready: dict[Path, Read] | None = None) -> list[Read]:
        """Every other file that changed since it was last merged, read and checked (by size, time and inode).

        Only reads, so the app calls it on a thread of its own: parsing another
        laptop's file never holds up a scan on the writer thread. A file found in
        `ready` at the version now on disk is taken from there, not read again.
        """
        found = []
        for device, path in registry_files(self.folder):
            if path == self.path:
                continue
            signature = _signature(path)
            if signature is None or self._seen.get(path) == signature:
                continue
            earlier = (ready or {}).get(path)
            if earlier is not None and earlier.signature == signature:
                found.append(earlier)
                continue
            try:
                found.append(Read(device, path, signature, check_shape(path, load_json(path) or {}), None))
            except DamagedFile as problem:
                found.append(Read(device, path, signature, None, problem))
        return found

    def merge_others(self, read: list[Read] | None = None) -> Merged:
        """Merge every other file that changed since last read; `read`: those read already (`read_changed`)."""
        result = Merged()
        for fresh in self.read_changed({r.path: r for r in read or ()}):
            device, path, signature, theirs = fresh.device, fresh.path, fresh.signature, fresh.tables
            if fresh.problem is not None:
                result.unreadable.append(fresh.problem)
                continue
            self._seen[path] = signature
            if theirs is None:
                continue
            theirs_of = file_centre(theirs)
            if self.centre is None and theirs_of:
                self.centre = theirs_of  # nothing of its own yet: it joins the centre it finds
            if self.centre and theirs_of and theirs_of != self.centre:
                result.other_centre.append(path)  # its people, cards and PIN are another centre's
                continue
            result.tables |= self.absorb(theirs)
            if device == self.device and conflict_copy_of(path):
                result.own_copies.append(path)
        return result

    def absorb(self, theirs: Mapping[str, Any]) -> set[str]:
        """Merge another laptop's tables into this one's, in memory; the tables that changed."""
        data = self._data if self._data is not None else {}
        if self._clock_set:
            self._see_stamps(theirs)
        changed = absorb_into(data, theirs, self._local_setting)
        self._data = data
        self.unsaved = self.unsaved or bool(changed)
        return changed

    def _see_stamps(self, data: Mapping[str, Any]) -> None:
        for records in data.values():
            if not isinstance(records, dict):
                continue
            for doc in records.values():
                stamps = doc.get(STAMPS) if isinstance(doc, dict) else None
                if isinstance(stamps, dict):
                    for raw in stamps.values():
                        self.clock.seen(as_stamp(raw))

    def _restore(self) -> None:
        # A write the disk refused: back to the file as it is, then the others' changes again.
        super()._restore()
        self._seen.clear()
        self.merge_others()

    # stamps for what this laptop writes ----------------------------------

    def stamp(self) -> list[Any]:
        if not self._clock_set:  # once, at the first change: the latest stamp this laptop has seen
            self._see_stamps(self._data or {})
            self._clock_set = True
        return self.clock.tick(self.moment or datetime.now().astimezone(), erased=self.erasing)

    @contextmanager
    def changing(self, moment: datetime | None, *, erased: bool = False) -> Iterator[None]:
        """Stamp what is written in the block with `moment` (an erasure's stamps beat any change)."""
        before = self.moment, self.erasing
        self.moment, self.erasing = moment, erased or self.erasing
        try:
            yield
        finally:
            self.moment, self.erasing = before


def _holds_records(data: Mapping[str, Any]) -> bool:
    return any(isinstance(records, dict) and records for table, records in data.items() if table != CENTRE_TABLE)


def file_centre(data: Mapping[str, Any]) -> str | None:
    """The centre a registry file says it belongs to; None in a file from before it said so."""
    marker = data.get(CENTRE_TABLE)
    centre = marker.get("id") if isinstance(marker, dict) else None
    return centre if isinstance(centre, str) and centre else None


def absorb_into(data: dict[str, Any], theirs: Mapping[str, Any], local: Callable[[str], bool]) -> set[str]:
    """Merge one file's tables into `data` record by record, field by field; the tables that changed."""
    changed: set[str] = set()
    for table, records in theirs.items():
        if table in LOCAL_TABLES or table == CENTRE_TABLE or not isinstance(records, dict):
            continue
        mine = data.setdefault(table, {})
        keys = {record_key(table, doc): doc_id for doc_id, doc in mine.items() if isinstance(doc, dict)}
        next_id = max((int(k) for k in mine if k.isdigit()), default=0) + 1
        for doc in records.values():
            if not isinstance(doc, dict):
                continue
            key = record_key(table, doc)
            if key is None or (table == "settings" and local(key)):
                continue
            doc_id = keys.get(key)
            if doc_id is None:
                mine[str(next_id)] = dict(doc)
                keys[key] = str(next_id)
                next_id += 1
                changed.add(table)
                continue
            if mine[doc_id] == doc:
                continue  # the same version on both laptops: most records, once files have synced
            merged = merge_records(mine[doc_id], doc)
            if merged is not None:
                mine[doc_id] = merged
                changed.add(table)
    for table in changed:
        # A fresh dict per changed table: readers that hold the old one see the change.
        data[table] = dict(data[table])
    return changed


def merged_registry(folder: Path, local: Callable[[str], bool] = local_setting) -> dict[str, Any]:
    """Every laptop's registry file in `folder` merged (for a backup, or a reader outside the app)."""
    data: dict[str, Any] = {}
    for _device, path in registry_files(folder):
        theirs = load_json(path)
        if theirs is not None:
            absorb_into(data, theirs, local)
    return data


class StampedTable(Table):
    """TinyDB's Table, stamping every field it writes with this laptop's clock."""

    def _stamp(self) -> list[Any] | None:
        storage = self.storage
        if isinstance(storage, SharedStorage) and self.name not in LOCAL_TABLES:
            return storage.stamp()
        return None

    def insert(self, document: Mapping[Any, Any]) -> int:
        stamp = self._stamp()
        return super().insert({**document, STAMPS: {"*": stamp}} if stamp else document)

    def insert_multiple(self, documents: Iterable[Mapping[Any, Any]]) -> list[int]:
        stamp = self._stamp()
        if stamp is None:
            return super().insert_multiple(documents)
        return super().insert_multiple([{**doc, STAMPS: {"*": stamp}} for doc in documents])

    def update(  # type: ignore[override]
        self,
        fields: Mapping[str, Any],
        cond: Any = None,
        doc_ids: Iterable[int] | None = None,
    ) -> list[int]:
        stamp = self._stamp()
        if stamp is None or callable(fields):
            return super().update(fields, cond, doc_ids)
        changes = dict(fields)

        def change(doc: MutableMapping[str, Any]) -> None:
            doc.update(changes)
            stamps = dict(doc.get(STAMPS) or {})
            stamps.update(dict.fromkeys(changes, stamp))
            doc[STAMPS] = stamps

        return super().update(change, cond, doc_ids)


class RegistryDB(TinyDB):
    """The registry's database: SharedStorage underneath, StampedTable on top."""

    table_class = StampedTable
