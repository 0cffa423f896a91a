"""Files copied between two data folders the way a sync engine does it: a temp name, then a rename."""

from __future__ import annotations

import json
import os
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
