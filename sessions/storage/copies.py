"""Week logs by name, and the conflict copies a sync engine makes of them (merged by record id, never ignored).

Syncthing names the losing side of a conflict `NAME.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.ext`,
so `2026-W49.hall.json` may have a `2026-W49.hall.sync-conflict-20261204-101500-ABCDEFG.json`
beside it. The copy holds records the file may lack: readers take them in, each record once
by its id, and only the laptop the file belongs to folds them into its own file and removes the copy.
Files the engine is still receiving (`.syncthing.NAME.tmp`, `~syncthing~NAME.tmp`) never
match a week log's name: the engine renames a file into place only once it is whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessions.storage.journal import JOURNAL_SUFFIX

__all__ = ["LOG_NAME", "LogName", "copies_in", "copy_files", "heavier", "log_name", "merge_copies"]

#: A week log or its journal, or a conflict copy of either (one or more `.sync-conflict-…` parts).
LOG_NAME = re.compile(
    r"^(?P<week>\d{4}-W\d{2})\.(?P<device>[A-Za-z0-9_-]+)"
    r"(?P<copy>(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+)+)?\.(?P<ext>json|journal)$"
)

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class LogName:
    """What a file's name says: the week, the laptop that writes it, and whether it is a conflict copy."""

    week: str
    device: str
    #: The `.sync-conflict-…` part ("" for the laptop's own file).
    copy: str

    @property
    def main(self) -> str:
        """The name of the week log this file belongs to."""
        return f"{self.week}.{self.device}.json"

    @property
    def read_as(self) -> str:
        """The name `read_log` is given: a journal is read through its .json name (which may not exist)."""
        return f"{self.week}.{self.device}{self.copy}.json"


def log_name(name: str) -> LogName | None:
    """The week log `name` is, or a copy of; None for any other file (temp files among them)."""
    match = LOG_NAME.match(name)
    if match is None:
        return None
    return LogName(match["week"], match["device"], match["copy"] or "")


def heavier(record: dict[str, Any]) -> tuple[bool, bool, int]:
    """Of two copies of one record, the later state wins: voided, then closed, then fuller."""
    return bool(record.get("voided_at")), bool(record.get("closed_at") or record.get("end")), len(record)


def merge_copies(tables: Tables, copies: Iterable[Tables]) -> Tables:
    """The tables of a week log with its copies' records taken in, each record once (by its id).

    A new dict: the tables given (perhaps the app's memory) are not changed.
    A record in both keeps its heavier state; one only in a copy gets the next free key.
    """
    merged: Tables = {name: dict(table) for name, table in tables.items()}
    for copy in copies:
        for name, table in copy.items():
            into = merged.setdefault(name, {})
            by_id = {record.get("id"): key for key, record in into.items() if isinstance(record, dict)}
            next_key = max((int(key) for key in into if str(key).isdigit()), default=0) + 1
            for record in table.values():
                key = by_id.get(record.get("id"))
                if key is None:
                    into[str(next_key)] = record
                    by_id[record.get("id")] = str(next_key)
                    next_key += 1
                elif heavier(record) > heavier(into[key]):
                    into[key] = record
    return merged


def copy_files(logs_dir: Path, name: LogName) -> list[Path]:
    """The files on disk that make up one conflict copy (its .json, its journal, or both)."""
    stem = f"{name.week}.{name.device}{name.copy}"
    return [path for path in (logs_dir / f"{stem}.json", logs_dir / f"{stem}{JOURNAL_SUFFIX}") if path.exists()]


def copies_in(logs_dir: Path) -> dict[Path, list[Path]]:
    """The conflict copies in a logs folder, by the week log each is a copy of (read through their .json names)."""
    found: dict[Path, set[Path]] = {}
    for path in logs_dir.iterdir() if logs_dir.is_dir() else ():
        name = log_name(path.name)
        if name is not None and name.copy:
            found.setdefault(logs_dir / name.main, set()).add(logs_dir / name.read_as)
    return {main: sorted(paths) for main, paths in found.items()}
