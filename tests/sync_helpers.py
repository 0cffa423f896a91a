"""Files copied between data folders as a sync engine does: a temp name, then a rename, never older over newer."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from sessions.records import new_record
from sessions.storage.journal import read_log

#: A conflict copy's part of a name, as Syncthing writes it.
CONFLICT = ".sync-conflict-20261123-101500-ABCDEFG"


def deliver(source: Path, folder: Path, name: str | None = None) -> Path:
    """Copy `source` into `folder` as Syncthing would: `.syncthing.NAME.tmp`, its mtime kept, renamed into place."""
    final = folder / (name or source.name)
    temp = folder / f".syncthing.{final.name}.tmp"
    temp.write_bytes(source.read_bytes())
    seen = source.stat()
    os.utime(temp, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    os.replace(temp, final)
    return final


def deliver_logs(source: Path, target: Path, device: str) -> list[Path]:
    """Every week file (and journal) `device` wrote, from one data folder to the other."""
    return [deliver(path, target / "logs") for path in sorted((source / "logs").glob(f"*.{device}.*"))]


def conflict_copy(log: Path, folder: Path, extra: dict[str, list[dict[str, Any]]]) -> Path:
    """A conflict copy of week log `log` in `folder`: its tables as they are, and `extra` records only it holds."""
    tables = read_log(log) or {}
    for table, records in extra.items():
        into = tables.setdefault(table, {})
        for record in records:
            into[str(len(into) + 100)] = record
    name = log.name.removesuffix(".json") + CONFLICT + ".json"
    staged = folder / f"staged-{name}"
    staged.write_text(json.dumps(tables), encoding="utf-8")
    final = deliver(staged, folder, name)
    staged.unlink()
    return final


def checkin_record(device: str, session_id: str, participant_id: str, at: Any) -> dict[str, Any]:
    """A check-in as a laptop writes it (for a conflict copy that holds one the file lost)."""
    return new_record(
        device,
        at,
        session_id=session_id,
        participant_id=participant_id,
        at=at.isoformat(),
        method="manual",
        code=None,
        override=False,
        voided_at=None,
    )


#: What a sync engine shares: the data folder but for what .stignore keeps on each laptop.
_KEPT_HERE = ("local", "backups", "exports")


def shared_files(data: Path) -> list[Path]:
    """Every file of a data folder that the sync engine carries (relative paths)."""
    found = []
    for path in sorted(data.rglob("*")):
        rel = path.relative_to(data)
        if path.is_file() and rel.parts[0] not in _KEPT_HERE and not rel.name.startswith("."):
            found.append(rel)
    return found


def carry(source: Path, target: Path, *, only: str | None = None) -> list[Path]:
    """Carry the files `source` has and `target` lacks or holds older, the way Syncthing does.

    A file goes when `target` lacks it or holds an older version of it.
    Written to a temp name, then renamed (the final name never holds half a
    file); the file's time is kept. `target`'s own files are never overwritten
    by another laptop's copy of them. `only` limits it to one sub-folder.
    """
    own = device_of(target)
    carried = []
    for rel in shared_files(source):
        if only is not None and rel.parts[0] != only:
            continue
        if f".{own}." in f".{rel.name}" or rel.name.startswith(f"{own}."):
            continue  # its own file: only that laptop writes it
        src, dst = source / rel, target / rel
        if dst.exists() and (dst.stat().st_mtime_ns >= src.stat().st_mtime_ns or dst.read_bytes() == src.read_bytes()):
            continue  # as new or newer here: a sync engine never carries an older version over a newer one
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".syncthing.{dst.name}.tmp")
        shutil.copyfile(src, tmp)
        shutil.copystat(src, tmp)
        os.replace(tmp, dst)
        carried.append(rel)
    return carried


def device_of(data: Path) -> str:
    return str(json.loads((data / "local" / "device.json").read_text("utf-8"))["device"])
