"""A closed week summarised once: what the report counts of it, kept beside this laptop's data as derived data.

A summary is `local/summaries/<week>.json`: the week's standing sessions and trips with
who came to each (exports/held_entries.py), made from every laptop's files of that week
merged by id, the week's own corrections applied. It is local (never synced: `local/` is
in `.stignore`), because every laptop can make it from the files it already has, and a
synced copy would only be a second thing to keep in step. It names the files it came from
(name, size, mtime, inode of each file, journal and conflict copy of the week): when any
of them changed, came late or went, the summary is stale and the week's files are read
instead (and it is made again). A summary that does not read is passed over the same way.
It is never trusted over the files; it only saves reading them.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from exports.held_entries import (
    Part,
    held_entries,
    joined,
    numbered,
    part_from_json,
    part_of,
    part_to_json,
    ride_entries,
    split,
)
from exports.readers import _INDICATOR_FIELDS, _apply_corrections, _from_rows, _merge, _read_file
from sessions.centre import read_centre
from sessions.clock import centre_zone, week_start
from sessions.i18n import _
from sessions.storage.local import LOCAL_FOLDER

__all__ = [
    "CLOSED_AFTER",
    "PeopleTable",
    "Summary",
    "fingerprint",
    "opened",
    "part",
    "read_summary",
    "summaries_dir",
    "summarise",
    "summarising_words",
    "week_closed",
]

#: Bumped whenever what a summary holds changes: an older one is then made again.
FORMAT = 1
#: A week is closed once this long has passed after its Sunday: no laptop should write it again.
#: (One that does, a late synced file or a correction, only makes its summary stale.)
CLOSED_AFTER = timedelta(days=2)

#: A summary as stored (see the module): plain JSON.
Summary = dict[str, Any]


def summarising_words(done: int, total: int) -> str:
    """What a report says while it summarises closed weeks that had no summary (or whose files changed)."""
    return _("Summarising closed weeks once (later reports read the summaries): {done} of {total}…").format(
        done=done, total=total
    )


def summaries_dir(data_dir: Path, centre: Path | None = None) -> Path:
    """Where this laptop keeps its summaries of closed weeks (local: never synced).

    Of another centre's folder (`centre`, read-only: nothing is ever written there), in a
    folder of this laptop's own named by that centre's id and where its folder is.
    """
    kept = Path(data_dir) / LOCAL_FOLDER / "summaries"
    if centre is None:
        return kept
    where = hashlib.sha256(str(Path(centre).resolve()).encode()).hexdigest()[:12]
    return kept / "centres" / f"{read_centre(Path(centre)) or 'folder'}-{where}"


def week_closed(week: str, now: datetime) -> bool:
    """Whether `week` ended at least CLOSED_AFTER before `now` (the centre's days)."""
    today = now.astimezone(centre_zone()).date() if now.tzinfo else now.date()
    return today >= week_start(week) + timedelta(days=7) + CLOSED_AFTER


def fingerprint(paths: Iterable[Path]) -> list[list[Any]]:
    """Name, size, mtime and inode of each of the week's files (and journals) that exists, by name."""
    found = []
    for path in paths:
        text = str(path)
        for name in (text, text[:-5] + ".journal" if text.endswith(".json") else text + ".journal"):
            try:
                stat = os.stat(name)
            except FileNotFoundError:
                continue
            found.append([os.path.basename(name), stat.st_size, stat.st_mtime_ns, stat.st_ino])
    return sorted(found)


def summarise(paths: list[Path]) -> Summary:
    """The summary of one week from its files (every laptop's, conflict copies included), read whole and checked.

    Raises DamagedFile as the report's own reading does. Runs in a worker process when many are made.
    """
    before = fingerprint(paths)
    raw: dict[str, dict[str, Any]] = {
        name: {} for name in ("sessions", "checkins", "trips", "boardings", "corrections")
    }
    shared: dict[str, str] = {}
    for path in paths:
        tables = _read_file(path, True)
        for name, records in tables.items():
            _merge(raw[name], _from_rows(name, records, shared) if name in _INDICATOR_FIELDS else records)
    own: list[dict[str, Any]] = []
    foreign: list[dict[str, Any]] = []
    for correction in raw["corrections"].values():
        table = raw.get(str(correction.get("target_table")))
        mine = table is not None and correction.get("target_id") in table
        (own if mine else foreign).append(correction)
    _apply_corrections(raw, own)
    sessions = {sid: s for sid, s in raw["sessions"].items() if not s.get("voided_at")}
    trips = {tid: t for tid, t in raw["trips"].items() if not t.get("voided_at")}
    checkins = [c for c in raw["checkins"].values() if not c.get("voided_at")]
    boardings = [b for b in raw["boardings"].values() if not b.get("voided_at")]
    loose = {("sessions", c.get("session_id")) for c in checkins if c.get("session_id") not in raw["sessions"]}
    loose |= {("trips", b.get("trip_id")) for b in boardings if b.get("trip_id") not in raw["trips"]}
    return {
        "format": FORMAT,
        # Files that changed while read: counted as read, never kept (None never matches).
        "files": before if fingerprint(paths) == before else None,
        "part": part_to_json(part_of(held_entries(sessions, checkins), ride_entries(trips, boardings))),
        "ids": {"sessions": joined(sorted(raw["sessions"])), "trips": joined(sorted(raw["trips"]))},
        "foreign": foreign,
        "loose": sorted([table, str(ref)] for table, ref in loose),
    }


def part(summary: Summary) -> Part:
    """What a summary holds to be counted (read once, then kept with it)."""
    found = summary.get("_part")
    if found is None:
        found = summary["_part"] = part_from_json(summary["part"])
    return found


def read_summary(folder: Path, week: str, paths: list[Path], table: PeopleTable) -> Summary | None:
    """The week's summary when it was made from the files there now and numbered with `table`; None when
    missing, stale or unreadable."""
    try:
        summary = json.loads((folder / f"{week}.json").read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(summary, dict) or summary.get("format") != FORMAT:
        return None
    if summary.get("files") != fingerprint(paths) or not table.stands(summary):
        return None
    try:
        opened(summary)
        if int(summary["top"]) > len(table.ids):
            return None  # numbered after the table was read: made again
        summary["weeks"] = [week]
        return summary  # a summary cut or edited by hand is passed over, never half-counted
    except (KeyError, IndexError, TypeError, ValueError, StopIteration):
        return None


def opened(summary: Summary) -> Summary:
    """A summary as stored, ready to count: its part read, its ids as lists (once kept: they are written joined)."""
    part(summary)
    summary["ids"] = {table: split(summary["ids"][table]) for table in ("sessions", "trips")}
    summary["foreign"], summary["loose"]
    return summary


def _write(path: Path, payload: dict[str, Any]) -> bool:
    """Keep a summary or the table (temp file, rename); False when the folder cannot be written."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        stored = {key: value for key, value in payload.items() if key != "_part"}
        temp.write_bytes(json.dumps(stored, separators=(",", ":")).encode())
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        return False
    return True


class PeopleTable:
    """Every participant id the summaries of one folder name, numbered once for all of them (`people.json`).

    A summary names persons by these numbers, so ten years of summaries read as numbers, not as
    ids. Numbers are only ever added; a summary made with another table (one lost, damaged or
    made again: its `table` differs) is stale. Made summaries are kept under a lock
    (`people.lock`), so that two reports summarising at once never number one id twice.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.token, self.ids = self._read()
        self.numbers = {pid: n for n, pid in enumerate(self.ids)}
        self.kept = len(self.ids)

    def _read(self) -> tuple[str, list[Any]]:
        try:
            data = json.loads((self.folder / "people.json").read_bytes())
            return str(data["table"]), split(data["ids"])
        except (OSError, ValueError, KeyError, TypeError):
            return secrets.token_hex(8), []

    def number(self, pid: Any) -> int:
        """The number of `pid`, given now if it has none (kept with the next summaries)."""
        found = self.numbers.get(pid)
        if found is None:
            found = self.numbers[pid] = len(self.ids)
            self.ids.append(pid)
        return found

    def stands(self, summary: Summary) -> bool:
        """Whether a summary was numbered with this table."""
        return bool(summary.get("table") == self.token)

    def keep(self, made: dict[str, Summary]) -> bool:
        """Number the persons of the summaries `made` (each by its own `people`) and keep them with the table.

        Under the lock the table is read again first: another report may have numbered more ids
        since (they are taken). False, and nothing numbered, when the table itself was made anew
        meanwhile (one lost or damaged): the summaries read with the old one no longer count with it.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            lock = open(self.folder / "people.lock", "a+b")
        except OSError:  # a folder that cannot be written: counted all the same, nothing kept
            self._number(made)
            return True
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            token, ids = self._read()
            if (self.folder / "people.json").exists() and (
                token != self.token or ids[: self.kept] != self.ids[: self.kept]
            ):
                return False
            for pid in ids[self.kept :]:
                self.number(pid)
            self._number(made)
            if len(self.ids) > len(ids) or not (self.folder / "people.json").exists():
                _write(self.folder / "people.json", {"table": self.token, "ids": joined(self.ids)})
            self.kept = len(self.ids)
            for week, summary in made.items():
                if summary["files"] is not None:
                    _write(self.folder / f"{week}.json", summary)
        return True

    def _number(self, made: dict[str, Summary]) -> None:
        for summary in made.values():
            summary["part"] = numbered(summary["part"], self.number)
            summary["table"], summary["top"] = self.token, len(self.ids)
