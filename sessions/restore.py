"""Restore from a backup: the current state is backed up first, and nothing recorded since is lost."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sessions.backup_check import BackupRefused, check_entries, read_checked
from sessions.backup_owner import centre_to_take
from sessions.backup_pin import stands_in
from sessions.centre import write_centre
from sessions.i18n import _
from sessions.pin import PIN_SETTING, pin_in_tables
from sessions.storage.backup import Backup, BackupFailed, merge_tables, take_backup
from sessions.storage.damage import pending_damaged, set_aside_seen
from sessions.storage.durable import DamagedFile, atomic_write_bytes
from sessions.storage.journal import read_log
from sessions.storage.shared import CENTRE_TABLE, LOCAL_TABLES, local_setting
from sessions.storage.stamps import STAMPS
from sessions.store import Store

__all__ = ["Restored", "restore_backup"]


@dataclass(frozen=True)
class Restored:
    """What a restore did: the safety backup taken first, the files and records brought back."""

    safety: Backup
    files: tuple[str, ...]
    records_added: int


def _current(store: Store, path: Path, now: datetime) -> dict[str, Any] | None:
    try:
        return read_log(path)
    except DamagedFile:
        store.set_aside_damaged(path, now)
        return None


def _open(backup: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(backup)
    except zipfile.BadZipFile as error:
        raise BackupRefused(_("{name} is not a backup zip ({reason})").format(name=backup.name, reason=error)) from None
    except OSError as error:
        raise BackupFailed(f"{backup.name}: {error}") from None


def _merged(name: str) -> bool:
    """The files a restore brings back (the centre id and the count of wrong PIN tries stay as they are)."""
    return name in ("registry.json", "device.json") or name.startswith("logs/")


def restore_backup(store: Store, backup: Path, now: datetime, members: list[str] | None = None) -> Restored:
    """Bring back the files of a backup (or only `members`), merged with what is there now.

    Every entry is checked first (BackupRefused names the first that is
    wrong, and nothing is written); so is whose backup it is. Every record
    the backup holds and the current file lacks is added back; records
    present in both keep their current state, so a restore never undoes what
    was recorded after the backup; but into a registry that stands in for a
    damaged one (or holds nobody), the backup's staff PIN comes back over any
    PIN chosen since. Damaged files the restore covers stop
    being reported. Runs on the writer thread in the app.
    """
    with _open(backup) as archive:
        entries = {info.filename: info for info in check_entries(archive, store.data_dir)}
        centre = centre_to_take(store, archive, entries)
        wanted = [n for n in entries if _merged(n) and (members is None or n in members)]
        replacing = stands_in(store)
        safety = take_backup(store.data_dir, now, rotating=False)
        if centre is not None:
            write_centre(store.data_dir, centre, now)
            store.centre = centre
        added = sum(_restore_file(store, name, read_checked(archive, entries[name]), now, replacing) for name in wanted)
    if "registry.json" in wanted:
        from sessions.privacy import erase_arrived, reapply_erasures

        reapply_erasures(store, now)
        erase_arrived(store, now)  # erased on another laptop: the restored file names them no more
    for aside in pending_damaged(store.data_dir):
        if aside.member in wanted:
            set_aside_seen(aside)
    return Restored(safety, tuple(wanted), added)


def _backup_pin_wins(merged: dict[str, Any], older: dict[str, Any], stamp: list[Any]) -> dict[str, Any]:
    """The backup's staff PIN replaces one chosen in a stand-in registry: whoever sat at it cannot keep theirs."""
    stored = pin_in_tables(older)
    if stored is None:
        return merged
    settings = merged.setdefault("settings", {})
    for key, doc in list(settings.items()):
        if isinstance(doc, dict) and doc.get("key") == PIN_SETTING:
            # Stamped now: on every laptop, the PIN brought back wins over one chosen before.
            settings[key] = {**doc, "value": stored, STAMPS: {**doc.get(STAMPS, {}), "value": stamp}}
    return merged


def _restore_file(store: Store, name: str, older: dict[str, Any], now: datetime, replacing: bool = False) -> int:
    """Merge one checked file of the backup into the data folder; the number of records added back."""
    path = store.data_dir / name
    if name == "device.json":
        return 0  # a laptop keeps its own id: another's, brought back, would write that laptop's files
    if name == "registry.json":
        # Into this laptop's own registry file; the other laptops' files are theirs to write.
        shared = {table: docs for table, docs in older.items() if table not in LOCAL_TABLES and table != CENTRE_TABLE}
        if isinstance(shared.get("settings"), dict):
            shared["settings"] = {
                k: doc for k, doc in shared["settings"].items() if not local_setting(str(doc.get("key", "")))
            }
        merged, count = merge_tables(store.registry.storage.read(), shared)
        if replacing:
            merged = _backup_pin_wins(merged, older, store.registry.storage.stamp())
        store.registry.storage.write(merged)
        store.reopen(store.registry_path)
        return count
    if name.startswith("logs/"):
        # Whole first: a journal left beside the merged file would be replayed over it.
        store.write_journal_into_file(path)
    merged, count = merge_tables(_current(store, path, now), older)
    atomic_write_bytes(path, json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    store.reopen(path)
    return count
