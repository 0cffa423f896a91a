"""The data folder: the registry file, per-week per-device logs, one writer."""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from sessions.centre import ensure_centre, read_centre
from sessions.clock import now as clock_now
from sessions.clock import week_key
from sessions.i18n import _
from sessions.participants import Participant
from sessions.registry import Registry
from sessions.storage.copies import copy_files, heavier, log_name, merge_copies
from sessions.storage.damage import (
    SetAside,
    pending_damaged,
    refuse_waiting,
    remove_stale_temps,
    set_aside_if_damaged,
)
from sessions.storage.durable import FILE_MODE, DamagedFile, atomic_write_bytes, fsync_dir, load_json
from sessions.storage.journal import JOURNAL_SUFFIX, JournalStorage, journal_path, read_log
from sessions.storage.journal_table import WeekDB
from sessions.storage.local import LOCAL_FOLDER, ensure_stignore, identity, take_new_id
from sessions.storage.shapes import check_shape
from sessions.storage.shared import REGISTRY_FOLDER, Merged, Read, file_centre

__all__ = ["LOG_TABLES", "AlreadyOpen", "Refreshed", "Store", "WeekLog"]

#: Tables a week log may hold.
LOG_TABLES = ("sessions", "checkins", "scans", "trips", "boardings", "corrections")


@dataclass(frozen=True)
class Refreshed:
    """What a look at the other laptops' files found."""

    registry: Merged
    #: (person, the code they lost, their new code): cards this laptop reissued after a clash.
    reissued: list[tuple[Participant, str, str]]


class AlreadyOpen(Exception):
    """Another copy of centrelog holds the data folder."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            _(
                "centrelog is already open on this laptop (data folder {folder}). "
                "Use that window, or close it first. This copy has changed nothing."
            ).format(folder=data_dir)
        )
        self.data_dir = data_dir


class WeekLog:
    """One device's log file for one ISO week, held in memory once opened."""

    def __init__(self, path: Path, week: str) -> None:
        self.path = path
        self.week = week
        self.db = WeekDB(path, storage=JournalStorage)

    @property
    def storage(self) -> JournalStorage:
        storage = self.db.storage
        assert isinstance(storage, JournalStorage)
        return storage

    def table(self, name: str) -> Any:
        return self.db.table(name, cache_size=0)

    def records(self, name: str) -> list[dict[str, Any]]:
        """The raw records of a table, as held in memory (do not modify)."""
        data = self.storage.read() or {}
        return list(data.get(name, {}).values())

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Everything written in the block lands in one durable write, or none of it does."""
        with self.storage.batch():
            yield


class Store:
    """Everything centrelog keeps, in one data folder.

    Opening takes the folder's lock: a second copy of the app gets
    AlreadyOpen and writes nothing. `read_only=True` opens without the lock,
    for commands that only read (a week's export beside a running app).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        read_only: bool = False,
        device: str | None = None,
        repair: bool = False,
        now: datetime | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.read_only = read_only
        self._lock: FileLock | None = None
        #: Damaged files moved aside while opening (only with repair=True).
        self.set_aside: list[SetAside] = []
        if not read_only:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.data_dir, 0o700)
            self.local_dir.mkdir(exist_ok=True, mode=0o700)
            self._lock = FileLock(self.local_dir / ".centrelog.lock", timeout=0)
            try:
                self._lock.acquire()
            except Timeout:
                raise AlreadyOpen(self.data_dir) from None
            (self.data_dir / "logs").mkdir(exist_ok=True, mode=0o700)
            (self.data_dir / REGISTRY_FOLDER).mkdir(exist_ok=True, mode=0o700)
            ensure_stignore(self.data_dir)
        moment = now or clock_now()
        #: The id a folder copied from another laptop brought along (this laptop then took a new one).
        self.copied_from: str | None = None
        if repair and not read_only:
            remove_stale_temps(self.data_dir)
            self._set_aside(self.local_dir / "device.json", moment)
            self._set_aside(self.data_dir / "device.json", moment)
            self._set_aside(self.data_dir / "registry.json", moment)  # a folder from before several laptops
        self.device = device or self._device_id()
        if repair and not read_only:  # this laptop's registry file is checked as it is opened (below), once
            self._set_aside(self.local_dir / "state.json", moment)
        #: Which centre this folder belongs to (None: read-only before the first start, or a damaged file).
        self.centre = read_centre(self.data_dir) if read_only else ensure_centre(self.data_dir, moment)
        if not read_only:
            migrate_registry(self, moment)
        self.registry = self._open_registry_repairing(moment) if repair and not read_only else self._open_registry()
        self._logs: dict[str, WeekLog] = {}
        #: Week logs set aside as damaged and not yet dealt with, by their own path (see log_files).
        self._waiting: dict[Path, SetAside] = {}
        #: Conflict copies of each week log, by the log's own path (see log_files).
        self._copies: dict[Path, list[Path]] = {}
        if repair and not read_only:
            weeks = {week_key(moment)} | {
                m["week"] for kind in ("session", "trip") for m in self.registry.open_work(kind)
            }
            for week in sorted(weeks):
                self._open_or_set_aside(week, moment)
        if not read_only:
            self.write_journals_into_files()
            self.absorb_own_copies()

    def _set_aside(self, path: Path, moment: datetime) -> None:
        found = set_aside_if_damaged(path, moment)
        if found is not None:
            self.set_aside.append(found)

    def _open_registry_repairing(self, moment: datetime) -> Registry:
        """Open the registry; this laptop's own file found damaged is set aside, and the registry opened without it."""
        try:
            return self._open_registry()
        except DamagedFile as error:
            if error.path != self.registry_path:
                raise
            self._set_aside(self.registry_path, moment)
            return self._open_registry()

    def _open_or_set_aside(self, week: str, moment: datetime) -> None:
        """Open a week log the app is about to use (read once), or set it aside when it is damaged."""
        try:
            self.week_log(week)
        except DamagedFile:
            self._set_aside(self.log_path(week), moment)

    def set_aside_damaged(self, path: Path, moment: datetime) -> SetAside | None:
        """Move a file found damaged while running aside; a file held in memory is written again.

        A conflict copy of another laptop's week is left where it is (named when read): only its laptop moves it.
        """
        name = log_name(path.name)
        if name is not None and name.copy and name.device != self.device:
            return None
        found = set_aside_if_damaged(path, moment)
        for log in self._logs.values():
            if found is not None and log.path == path and log.storage.read() is not None:
                log.storage.rewrite()
        return found

    @property
    def local_dir(self) -> Path:
        """What this laptop keeps for itself (never synced): its id, lock, own settings."""
        return self.data_dir / LOCAL_FOLDER

    @property
    def registry_dir(self) -> Path:
        return self.data_dir / REGISTRY_FOLDER

    @property
    def registry_path(self) -> Path:
        """This laptop's own registry file (every laptop's together make the registry)."""
        return self.registry_dir / f"{self.device}.json"

    def _open_registry(self) -> Registry:
        registry = self._registry_of_this_centre()
        legacy = self.data_dir / "registry.json"
        if self.read_only and legacy.exists() and not any(self.registry_dir.glob("*.json")):
            # A folder from before several laptops, read without being changed.
            registry.absorb_file(legacy)
        return registry

    def _registry_of_this_centre(self) -> Registry:
        registry = Registry.open(
            self.registry_dir, self.device, self.local_dir / "state.json", read_only=self.read_only, centre=self.centre
        )
        own = registry.storage.read()
        if not self.read_only and own and registry.storage.centre and file_centre(own) is None:
            # A file from before files said their centre: it says so now, so another centre's never mixes in.
            try:
                with registry.writing():
                    registry.storage.write(own)
            except OSError:
                pass  # said at the next write
        return registry

    def reopen(self, path: Path) -> None:
        """Read a file again after it was replaced on disk (a restore)."""
        if path in (self.registry_path, self.data_dir / "registry.json"):
            by = self.registry.acting_role
            self.registry.close()
            self.registry = self._open_registry()
            self.registry.acting_role = by
            return
        for week, log in list(self._logs.items()):
            if log.path == path:
                log.db.close()
                del self._logs[week]

    def refresh(self, now: datetime, read: list[Read] | None = None) -> Refreshed:
        """Take in what other laptops' files brought since the last look (the app calls it every few seconds).

        Runs on the app's one writer thread: a card code another laptop gave
        someone else at the same time is reissued here when this laptop gave it last.
        """
        merged = self.registry.refresh(read)
        reissued = [] if self.read_only or not self.registry.clashes else self.registry.reissue_clashes(now)
        return Refreshed(merged, reissued)

    # the device ---------------------------------------------------------

    def _device_id(self) -> str:
        if self.read_only:
            for path in (self.local_dir / "device.json", self.data_dir / "device.json"):
                data = load_json(path)
                if data is not None:
                    return str(check_shape(path, data)["device"])
            return "reader"
        # Its id becomes part of file names: a damaged device file is damage, never replaced.
        found = identity(self.data_dir)
        if found.copied_from is None and _written_as(self.data_dir, found.device):
            found = take_new_id(self.data_dir)  # a cloned disk: the other computer keeps the id
        if found.copied_from is not None:
            self.copied_from = found.copied_from
            # The work open in the copy is the other laptop's to close.
            (self.local_dir / "state.json").unlink(missing_ok=True)
        return found.device

    # logs ---------------------------------------------------------------

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    def log_path(self, week: str, device: str | None = None) -> Path:
        return self.logs_dir / f"{week}.{device or self.device}.json"

    def week_log(self, week: str) -> WeekLog:
        """This laptop's log for `week`, opened once and then held."""
        log = self._logs.get(week)
        if log is None:
            log = WeekLog(self.log_path(week), week)
            try:
                check_shape(log.path, log.storage.read() or {})
            except DamagedFile:
                log.db.close()
                raise
            self._logs[week] = log
        return log

    def log_files(self, weeks: Collection[str] | None = None) -> list[tuple[str, str, Path]]:
        """Every device's week logs as (week, device, path of the .json), oldest week first; only of `weeks` if given.

        A week held only in its journal is listed too (its .json path does not
        exist yet); read_log reads the file and the journal together. A conflict
        copy (`*.sync-conflict-*`) is not listed on its own: read_log takes its
        records into the week log it is a copy of (listed even when only the copy is there).
        Naming the weeks spares looking at every name of ten years of files.
        """
        found = set()
        copies: dict[Path, set[Path]] = {}
        logs = self.logs_dir
        self._waiting = {aside.original: aside for aside in pending_damaged(self.data_dir)}
        names = os.listdir(logs) if logs.is_dir() else []
        # a week whose file was set aside is still a week of the centre
        names += [original.name for original in self._waiting if original.parent == logs]
        if weeks is not None:
            names = [name for name in names if name.partition(".")[0] in weeks]
        for name in map(log_name, names):
            if name is not None:
                main = logs / name.main
                found.add((name.week, name.device, main))
                if name.copy:
                    copies.setdefault(main, set()).add(logs / name.read_as)
        listed = {main: sorted(paths) for main, paths in copies.items()}
        if weeks is not None:  # the other weeks' copies as the last full look found them
            listed |= {main: paths for main, paths in self._copies.items() if main.name.partition(".")[0] not in weeks}
        self._copies = listed
        return sorted(found)

    def log_copies(self, path: Path) -> list[Path]:
        """The conflict copies of a week log found by the last log_files (read through their .json names)."""
        return self._copies.get(path, [])

    def waiting_damage(self, path: Path) -> SetAside | None:
        """The damaged copy of a week log that was set aside and that staff have not yet dealt with."""
        return self._waiting.get(path)

    def read_log(self, path: Path) -> dict[str, dict[str, Any]]:
        """The tables of a log file, its conflict copies' records taken in: from memory when this store holds it.

        A week whose file was set aside as damaged, and not yet restored or kept as it is,
        raises DamagedFile naming the set-aside copy: without it the week is not whole.
        """
        refuse_waiting(self.waiting_damage(path))
        held = next((log for log in self._logs.values() if log.path == path), None)
        tables = (held.storage.read() or {}) if held is not None else check_shape(path, read_log(path) or {})
        copies = self.log_copies(path)
        if not copies:
            return tables
        return merge_copies(tables, [self._read_copy(copy) for copy in copies])

    def _read_copy(self, copy: Path) -> dict[str, dict[str, Any]]:
        refuse_waiting(self.waiting_damage(copy))
        return check_shape(copy, read_log(copy) or {})  # type: ignore[no-any-return]

    def absorb_own_copies(self) -> list[Path]:
        """Fold the conflict copies of this laptop's own week logs into its files, then remove the copies.

        Copies of other laptops' files are only read (their laptop folds them in).
        A copy that cannot be folded in now (a full disk, damage) stays, and is read with its file.
        """
        if self.read_only:
            return []
        names = os.listdir(self.logs_dir) if self.logs_dir.is_dir() else []
        weeks = {name.partition(".")[0] for name in names if ".sync-conflict-" in name}
        if not weeks:  # no copy: ten years of names are not looked at one by one
            return []
        self.log_files(weeks)
        absorbed = []
        for main, copies in self._copies.items():
            name = log_name(main.name)
            if name is None or name.device != self.device or name.week not in weeks:
                continue
            for copy in copies:
                try:
                    self._absorb(name.week, copy)
                except (OSError, DamagedFile):
                    continue
                absorbed.append(copy)
        if absorbed:
            self.log_files(weeks)
        return absorbed

    def _absorb(self, week: str, copy: Path) -> None:
        tables = self._read_copy(copy)
        held = week in self._logs
        log = self.week_log(week)
        try:
            with log.batch():
                for table_name, records in tables.items():
                    table = log.table(table_name)
                    own = {doc.get("id"): doc for doc in table.all()}
                    for record in records.values():
                        mine = own.get(record.get("id"))
                        if mine is None:
                            table.insert(dict(record))
                        elif heavier(record) > heavier(mine):
                            table.update(dict(record), doc_ids=[mine.doc_id])
        finally:
            if not held:
                self._logs.pop(week).db.close()
        copy_name = log_name(copy.name)
        assert copy_name is not None
        for path in copy_files(self.logs_dir, copy_name):  # only once its records are on disk in the file
            path.unlink(missing_ok=True)
        fsync_dir(self.logs_dir)

    def write_journals_into_files(self) -> None:
        """Write this laptop's week logs whole again, so a journal lasts no longer than one run of the app.

        A log that cannot be written now (a full disk) or read (damage, named
        when it is read) keeps its journal; nothing in it is lost.
        """
        for journal in sorted(self.logs_dir.glob(f"*.{self.device}{JOURNAL_SUFFIX}")):
            try:
                self.write_journal_into_file(journal.with_suffix(".json"))
            except (OSError, DamagedFile):
                continue

    def write_journal_into_file(self, path: Path) -> None:
        """Write one week log whole from the file and its journal, and remove the journal."""
        if not journal_path(path).exists():
            return
        held = next((log for log in self._logs.values() if log.path == path), None)
        if held is not None:
            held.storage.rewrite()
            return
        with closing(JournalStorage(path)) as storage:
            storage.rewrite()

    def close(self) -> None:
        """Write the week logs whole, then let go of the files and the folder's lock."""
        if self._lock is not None:
            self.write_journals_into_files()
        for log in self._logs.values():
            log.db.close()
        self.registry.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def owner_only(path: Path) -> None:
    """Make a file the app wrote readable by its owner alone."""
    os.chmod(path, FILE_MODE)


def migrate_registry(store: Store, now: datetime) -> None:
    """A folder from before several laptops: its registry.json becomes this laptop's registry file.

    A backup is taken first. The settings that belong to this laptop and the
    work it has open move to `local/state.json`; the rest is the registry as
    it was, its fields never stamped (so any change made since on any laptop
    wins over them).
    """
    legacy = store.data_dir / "registry.json"
    if not legacy.exists() or store.registry_path.exists():
        return
    from sessions.storage.backup import take_backup
    from sessions.storage.shared import local_setting

    tables = check_shape(legacy, load_json(legacy) or {})
    take_backup(store.data_dir, now, rotating=False)
    local: dict[str, Any] = {"open": tables.pop("open", {}), "settings": {}}
    settings = tables.get("settings", {})
    for key in [k for k, doc in settings.items() if local_setting(str(doc.get("key", "")))]:
        local["settings"][key] = settings.pop(key)
    state = store.local_dir / "state.json"
    if not state.exists():
        atomic_write_bytes(state, json.dumps(local, ensure_ascii=False).encode("utf-8"))
    atomic_write_bytes(store.registry_path, json.dumps(tables, ensure_ascii=False).encode("utf-8"))
    kept = store.local_dir / f"registry-before-sharing-{now:%Y%m%d-%H%M%S}.json"
    os.replace(legacy, kept)


def _written_as(data_dir: Path, device: str) -> bool:
    """Whether another computer has written as this laptop (its devices file holds a run this one never made)."""
    from sessions.devices import devices_dir, read_memory, written_by_another

    folder = devices_dir(data_dir)
    if any(folder.glob(f"{device}.sync-conflict-*.json")):
        return True
    try:
        published = load_json(folder / f"{device}.json")
    except DamagedFile:
        return False
    return published is not None and written_by_another(read_memory(data_dir, device), published)
