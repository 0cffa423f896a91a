"""The staff PIN a backup holds: read bounded and checked, so that a restore asks for it and keeps it."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from sessions.backup_check import check_entries, read_checked
from sessions.i18n import _
from sessions.pin import PIN_SETTING, pin_in_tables
from sessions.storage.backup import BACKUPS, BackupFailed, backups_in
from sessions.storage.damage import pending_damaged
from sessions.store import Store

__all__ = ["backup_with_pin", "new_pin_refused", "pin_in_backup", "pin_to_restore"]

REGISTRY = "registry.json"


def pin_in_backup(backup: Path, data_dir: Path) -> dict[str, Any] | None:
    """The PIN hash in a backup's registry, or None when it holds none; BackupRefused/BackupFailed as a restore."""
    try:
        with zipfile.ZipFile(backup) as archive:
            entries = {info.filename: info for info in check_entries(archive, data_dir)}
            return pin_in_tables(read_checked(archive, entries[REGISTRY])) if REGISTRY in entries else None
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupFailed(f"{backup.name}: {error}") from None


def backup_with_pin(data_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    """The newest backup of the data folder whose registry holds a staff PIN, and that PIN's hash."""
    for backup in backups_in(data_dir / BACKUPS):
        try:
            stored = pin_in_backup(backup, data_dir)
        except BackupFailed:
            continue  # a backup a restore would refuse guards nothing
        if stored is not None:
            return backup, stored
    return None


def pin_to_restore(store: Store, backup: Path | None = None) -> dict[str, Any] | None:
    """The PIN hash a restore checks: the registry's, else the backup's (or the newest in the folder with one).

    Into a stand-in registry the backup's PIN comes back over any chosen
    since, so that is the one asked for, whatever the stand-in holds.
    """
    current = store.registry.setting(PIN_SETTING)
    if current and not stands_in(store):
        return dict(current)
    if backup is not None:
        theirs = pin_in_backup(backup, store.data_dir)
    else:
        found = backup_with_pin(store.data_dir)
        theirs = found[1] if found else None
    return theirs or (dict(current) if current else None)


def stands_in(store: Store) -> bool:
    """True when the registry in use stands in for one set aside as damaged, or holds nobody yet."""
    return registry_set_aside(store.data_dir) or not store.registry.participants(include_archived=True)


def registry_set_aside(data_dir: Path) -> bool:
    """True while a damaged registry waits for staff to restore it (or keep things as they are)."""
    return any(aside.member == REGISTRY for aside in pending_damaged(data_dir))


def new_pin_refused(store: Store) -> str | None:
    """Why no new staff PIN may be chosen now (the register's own PIN must come back first), or None."""
    if store.registry.setting(PIN_SETTING):
        return None
    if registry_set_aside(store.data_dir) or backup_with_pin(store.data_dir) is not None:
        return _(
            "The register is set aside as damaged or was replaced, and a backup may hold its staff PIN: restore the "
            "register first (F5 on the home screen, or centrelog restore). No new PIN can be chosen until then."
        )
    return None
