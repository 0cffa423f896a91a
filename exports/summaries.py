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

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from exports.held_entries import Part, held_entries, part_from_json, part_of, part_to_json, ride_entries
from exports.readers import _INDICATOR_FIELDS, _apply_corrections, _from_rows, _merge, _read_file
from sessions.centre import read_centre
from sessions.clock import centre_zone, week_start
from sessions.i18n import _
from sessions.storage.local import LOCAL_FOLDER

__all__ = [
    "CLOSED_AFTER",
    "Summary",
    "fingerprint",
    "part",
    "read_summary",
    "summaries_dir",
    "summarise",
    "summarising_words",
    "week_closed",
    "write_summary",
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


def _with_journals(paths: Iterable[Path]) -> list[Path]:
    return [file for path in paths for file in (path, path.with_suffix(".journal"))]


def fingerprint(paths: Iterable[Path]) -> list[list[Any]]:
    """Name, size, mtime and inode of each of the week's files (and journals) that exists, by name."""
    found = []
    for path in _with_journals(paths):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        found.append([path.name, stat.st_size, stat.st_mtime_ns, stat.st_ino])
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
        "ids": {"sessions": sorted(raw["sessions"]), "trips": sorted(raw["trips"])},
        "foreign": foreign,
        "loose": sorted([table, str(ref)] for table, ref in loose),
    }


def part(summary: Summary) -> Part:
    """What a summary holds to be counted (read once, then kept with it)."""
    found = summary.get("_part")
    if found is None:
        found = summary["_part"] = part_from_json(summary["part"])
    return found


def read_summary(folder: Path, week: str, paths: list[Path]) -> Summary | None:
    """The week's summary when it was made from the files there now; None when missing, stale or unreadable."""
    try:
        summary = json.loads((folder / f"{week}.json").read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(summary, dict) or summary.get("format") != FORMAT:
        return None
    if summary.get("files") != fingerprint(paths):
        return None
    try:
        part(summary)  # a summary cut or edited by hand is passed over, never half-counted
        summary["ids"]["sessions"], summary["ids"]["trips"], summary["foreign"], summary["loose"]
    except (KeyError, IndexError, TypeError, ValueError, StopIteration):
        return None
    return summary


def write_summary(folder: Path, week: str, summary: Summary) -> bool:
    """Keep the summary in `folder` (temp file, rename); False when it cannot be written."""
    temp = folder / f".{week}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stored = {key: value for key, value in summary.items() if key != "_part"}
        temp.write_bytes(json.dumps(stored, separators=(",", ":")).encode())
        os.replace(temp, folder / f"{week}.json")
    except OSError:
        temp.unlink(missing_ok=True)
        return False
    return True
