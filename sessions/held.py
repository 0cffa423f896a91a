"""Sessions held (and trips made) in some weeks, read from every laptop's week logs and merged by record id.

For what the app shows of a few weeks (today's sessions, regulars, who has not
come lately); a report over a long period reads with exports/readers.py
`load_logs` in a process of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sessions.clock import week_key
from sessions.storage.copies import heavier
from sessions.storage.durable import DamagedFile
from sessions.store import Store

__all__ = ["Held", "read_held", "weeks_between"]

_TABLES = ("sessions", "checkins", "trips", "boardings")


@dataclass
class Held:
    """The standing records of some weeks, each once: voided ones and those of voided sessions or trips left out."""

    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    checkins: list[dict[str, Any]] = field(default_factory=list)
    trips: dict[str, dict[str, Any]] = field(default_factory=dict)
    boardings: list[dict[str, Any]] = field(default_factory=list)
    #: Week files that could not be read (damaged, or set aside waiting for staff): what they hold is missing.
    unread: list[Path] = field(default_factory=list)


def weeks_between(first: date, last: date) -> list[str]:
    """The ISO weeks from the one holding `first` to the one holding `last`."""
    weeks, day = [], first - timedelta(days=first.weekday())
    while day <= last:
        weeks.append(week_key(day))
        day += timedelta(weeks=1)
    return weeks


def read_held(store: Store, weeks: Iterable[str], *, tables: Iterable[str] = _TABLES) -> Held:
    """What every laptop's logs of `weeks` hold (its conflict copies taken in); a file that does not read is named
    in `unread` and passed over."""
    wanted, names = set(weeks), tuple(tables)
    raw: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in _TABLES}
    unread = []
    for _week, _device, path in store.log_files(wanted):
        try:
            log = store.read_log(path)
        except (DamagedFile, OSError):
            unread.append(path)
            continue
        for name in names:
            merged = raw[name]
            for record in (log.get(name) or {}).values():
                kept = merged.get(record["id"])
                if kept is None or heavier(record) > heavier(kept):
                    merged[record["id"]] = record
    sessions = {sid: s for sid, s in raw["sessions"].items() if not s.get("voided_at")}
    trips = {tid: t for tid, t in raw["trips"].items() if not t.get("voided_at")}
    return Held(
        sessions=sessions,
        checkins=[c for c in raw["checkins"].values() if c.get("session_id") in sessions and not c.get("voided_at")],
        trips=trips,
        boardings=[b for b in raw["boardings"].values() if b.get("trip_id") in trips and not b.get("voided_at")],
        unread=unread,
    )
