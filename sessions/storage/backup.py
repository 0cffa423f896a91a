"""Backups of the data folder: zip snapshots, verified after writing, rotated, optionally mirrored."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sessions.storage import _records
from sessions.storage.copies import copies_in, log_name, merge_copies
from sessions.storage.damage import pending_damaged
from sessions.storage.durable import FILE_MODE, DamagedFile, fsync_dir, parse_tables
from sessions.storage.journal import log_bytes, read_log
from sessions.storage.local import LOCAL_FOLDER
from sessions.storage.shapes import check_shape
from sessions.storage.shared import REGISTRY_FOLDER, merged_registry

__all__ = [
    "Backup",
    "BackupFailed",
    "backups_in",
    "files_to_back_up",
    "find_in_backups",
    "merge_tables",
    "read_member",
    "rotate",
    "take_backup",
    "verify_backup",
]

BACKUPS = "backups"
KEEP_DAILY, KEEP_WEEKLY = 14, 8
#: The newest few are kept whatever their day, so a bad hour never leaves one backup only.
KEEP_RECENT = 3
_NAME = re.compile(r"^centrelog-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.zip$")
#: Top-level files worth keeping; the registry goes last so that it is the newest file in the zip.
_TOP = ("centre.json", "device.json", "registry.json")


class BackupFailed(Exception):
    """A backup that could not be written or does not verify."""


@dataclass(frozen=True)
class Backup:
    """One backup zip: where it is, when it was taken, what it left out."""

    path: Path
    taken: datetime
    members: tuple[str, ...] = ()
    left_out: tuple[Path, ...] = field(default=())
    #: What is wrong with each file left out, in the order of `left_out` (it does not parse, or is not of its shape).
    left_out_why: tuple[str, ...] = field(default=())


def files_to_back_up(data_dir: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for the logs, then device and registry; no exports, no backups.

    A week log is its file, its journal and its conflict copies, backed up as one (see take_backup).
    """
    found = []
    logs = data_dir / "logs"
    if logs.is_dir():
        mains = sorted({log.main for p in logs.iterdir() if (log := log_name(p.name))})
        found = [(f"logs/{main}", logs / main) for main in mains]
    for name in _TOP:
        path = data_dir / name
        if name == "device.json" and (data_dir / LOCAL_FOLDER / name).exists():
            path = data_dir / LOCAL_FOLDER / name
        if name == "registry.json" and (data_dir / REGISTRY_FOLDER).is_dir() and not path.exists():
            path = data_dir / REGISTRY_FOLDER  # every laptop's registry file, merged into one
        if path.exists():
            found.append((name, path))
    return found


def _member_bytes(name: str, path: Path, copies: list[Path], damaged: list[DamagedFile]) -> bytes:
    if name.startswith("logs/"):
        return _log_bytes(path, copies, damaged)
    if path.is_dir():
        merged = merged_registry(path)
        return json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return path.read_bytes()


def _log_bytes(path: Path, copies: list[Path], damaged: list[DamagedFile]) -> bytes:
    """A week log as one file, its conflict copies' records taken in; a damaged copy is noted in `damaged`."""
    try:
        raw: bytes | None = log_bytes(path)
    except FileNotFoundError:
        if not copies:
            raise
        raw = None
    readable = []
    for copy in copies:
        try:
            readable.append(check_shape(copy, read_log(copy) or {}))
        except DamagedFile as error:
            damaged.append(error)
    if not readable:
        if raw is None:
            raise FileNotFoundError(path)
        return raw
    tables = check_shape(path, parse_tables(path, raw)) if raw is not None else {}
    return _records.dumps(merge_copies(tables, readable)).encode("utf-8")


def _private_folder(folder: Path, own: bool = False) -> Path:
    """A folder for backups: the owner's alone when centrelog makes it or it is the data folder's own.

    Someone else's folder (a USB stick, `--to DIR`) keeps its permissions; the zips in it are 0600.
    """
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if made or own:
        os.chmod(folder, 0o700)
    return folder


def _free_name(folder: Path, now: datetime) -> Path:
    stem = f"centrelog-{now:%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}.zip", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.zip"
    return path


def take_backup(
    data_dir: Path, now: datetime, *, folder: Path | None = None, mirror: Path | None = None, rotating: bool = True
) -> Backup:
    """Zip the data folder into `folder` (default <data>/backups), verify it, rotate old ones.

    Files are read from disk; every data file is replaced atomically, so each
    one is whole. A file that does not parse is left out and named in
    `left_out`. With `mirror`, the verified zip is also copied there.
    `rotating=False` keeps every older backup (a restore reads from one).
    """
    target = _private_folder(folder or data_dir / BACKUPS, own=folder is None)
    final = _free_name(target, now)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    members, left_out, why = [], [], []
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                copies = copies_in(data_dir / "logs")
                for name, path in files_to_back_up(data_dir):
                    damaged: list[DamagedFile] = []
                    try:
                        raw = _member_bytes(name, path, copies.get(path, []), damaged)
                        check_shape(path, parse_tables(path, raw))
                    except FileNotFoundError:
                        continue
                    except DamagedFile as error:
                        left_out.append(path)
                        why.append(error.reason)
                        continue
                    finally:
                        left_out.extend(error.path for error in damaged)
                        why.extend(error.reason for error in damaged)
                    archive.writestr(name, raw)
                    members.append(name)
            out.flush()
            os.fsync(out.fileno())
        verify_backup(tmp, members)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target)
    # While a damaged file waits for staff, older backups may be the only ones that hold it.
    if rotating and not pending_damaged(data_dir):
        rotate(target)
    if mirror is not None:
        copy_to(final, mirror)
    return Backup(final, now, tuple(members), tuple(left_out), tuple(why))


def copy_to(backup: Path, folder: Path) -> Path:
    """Copy a backup to a second folder (a USB stick), durably, and rotate there too."""
    target = _private_folder(folder)
    final = target / backup.name
    tmp = target / f".{backup.name}.{os.getpid()}.tmp"
    try:
        shutil.copyfile(backup, tmp)
        os.chmod(tmp, FILE_MODE)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        verify_backup(tmp)
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target)
    rotate(target)
    return final


def verify_backup(path: Path, expected: list[str] | None = None) -> list[str]:
    """Open the zip, check every member's checksum and parse every JSON file in it."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if expected is not None and sorted(names) != sorted(expected):
                raise BackupFailed(f"{path.name}: members differ from what was written")
            for name in names:
                json.loads(archive.read(name))  # read() checks the CRC
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        raise BackupFailed(f"{path.name}: {error}") from None
    return names


def taken_at(path: Path) -> datetime | None:
    """When a backup was taken, read from its name (local time)."""
    match = _NAME.match(path.name)
    return datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match else None


def backups_in(folder: Path) -> list[Path]:
    """Backup zips in a folder, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=lambda p: (taken_at(p), p.name), reverse=True)


def rotate(folder: Path, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Keep the newest backup of each of the last `daily` days and `weekly` ISO weeks (and the newest few)."""
    keep: set[Path] = set(backups_in(folder)[:KEEP_RECENT])
    days: list[object] = []
    weeks: list[object] = []
    for path in backups_in(folder):
        moment = taken_at(path)
        assert moment is not None
        day, week = moment.date(), moment.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < weekly:
            weeks.append(week)
            keep.add(path)
    removed = [p for p in backups_in(folder) if p not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def find_in_backups(folder: Path, member: str) -> Path | None:
    """The newest backup that holds `member` (such as 'registry.json')."""
    for path in backups_in(folder):
        try:
            with zipfile.ZipFile(path) as archive:
                if member in archive.namelist():
                    return path
        except (OSError, zipfile.BadZipFile):
            continue
    return None


def read_member(backup: Path, member: str) -> dict[str, Any]:
    """The tables of one file inside a backup."""
    with zipfile.ZipFile(backup) as archive:
        data = json.loads(archive.read(member))
    if not isinstance(data, dict):
        raise BackupFailed(f"{backup.name}: {member} does not hold tables")
    return data


def _key(doc: dict[str, Any]) -> str:
    if "id" in doc:
        return f"id:{doc['id']}"
    if "key" in doc:
        return f"key:{doc['key']}"
    return json.dumps(doc, sort_keys=True)


def merge_tables(current: dict[str, Any] | None, older: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Add to `current` every record of `older` it lacks (by id, or setting key); current wins."""
    merged = {table: dict(docs) for table, docs in (current or {}).items()}
    added = 0
    for table, docs in older.items():
        target = merged.setdefault(table, {})
        keys = {_key(doc) for doc in target.values()}
        next_id = max((int(k) for k in target if k.isdigit()), default=0) + 1
        for doc in docs.values():
            if _key(doc) in keys:
                continue
            target[str(next_id)] = doc
            keys.add(_key(doc))
            next_id += 1
            added += 1
    return merged, added
