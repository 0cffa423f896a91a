"""Restore from a backup: the current state is backed up first, and nothing recorded since is lost."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessions.backup import Backup, merge_tables, read_member, take_backup, verify_backup
from sessions.damage import pending_damaged, set_aside_seen
from sessions.durable import DamagedFile, atomic_write_bytes
from sessions.journal import read_log
from sessions.store import Store

__all__ = ["Restored", "restore_backup"]


@dataclass(frozen=True)
class Restored:
    """What a restore did: the safety backup taken first, the files and records brought back."""

    safety: Backup
    files: tuple[str, ...]
    records_added: int


def _current(store: Store, path: Path, now: datetime) -> dict | None:
    try:
        return read_log(path)
    except DamagedFile:
        store.set_aside_damaged(path, now)
        return None


def restore_backup(store: Store, backup: Path, now: datetime, members: list[str] | None = None) -> Restored:
    """Bring back the files of a backup (or only `members`), merged with what is there now.

    Every record the backup holds and the current file lacks is added back;
    records present in both keep their current state, so a restore never
    undoes what was recorded after the backup. Damaged files the restore
    covers stop being reported. Runs on the writer thread in the app.
    """
    names = verify_backup(backup)
    wanted = [n for n in names if members is None or n in members]
    safety = take_backup(store.data_dir, now, rotating=False)
    added = 0
    for name in wanted:
        path = store.data_dir / name
        if name == "device.json":
            if not path.exists():
                with zipfile.ZipFile(backup) as archive:
                    atomic_write_bytes(path, archive.read(name))
            continue
        if name.startswith("logs/"):
            # Whole first: a journal left beside the merged file would be replayed over it.
            store.fold_journal(path)
        merged, count = merge_tables(_current(store, path, now), read_member(backup, name))
        atomic_write_bytes(path, json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        store.reopen(path)
        added += count
    if "registry.json" in wanted:
        from sessions.privacy import reapply_erasures

        reapply_erasures(store, now)
    for aside in pending_damaged(store.data_dir):
        if aside.member in wanted:
            set_aside_seen(aside)
    return Restored(safety, tuple(wanted), added)
