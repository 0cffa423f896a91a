"""Today's planned sessions for the instructor: what each is now (held, open here or elsewhere, cancelled,
a holiday, to start), which one is current or next, and starting one with everything filled in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sessions.attendance import OpenSession, start_session
from sessions.clock import centre_zone, iso, week_key
from sessions.devices import laptop_name
from sessions.held import read_held
from sessions.public_holidays import holiday_country
from sessions.recurrence import Occurrence, occurrences
from sessions.store import Store

__all__ = ["LineState", "TodayLine", "match_sessions", "start_planned", "today", "today_lines"]


class LineState(StrEnum):
    """What a planned session of today is now."""

    HELD = "held"
    OPEN_HERE = "open_here"
    OPEN_ELSEWHERE = "open_elsewhere"
    CANCELLED = "cancelled"
    HOLIDAY = "holiday"
    PLANNED = "planned"


#: Where the highlight may go: a session to start, or one open here to go back to.
_CANDIDATES = (LineState.PLANNED, LineState.OPEN_HERE)


@dataclass(frozen=True)
class TodayLine:
    """One of today's planned sessions and what it is now."""

    occurrence: Occurrence
    state: LineState
    #: The session that holds it (held or open), if any.
    session_id: str | None = None
    #: The laptop it is open on (OPEN_ELSEWHERE), by the name people gave it.
    laptop: str | None = None
    #: People checked in (the check-ins that stand), when held or open.
    attendance: int = 0
    #: "current" (now between its start and end) or "next" (the next to start) on one line at most.
    when: str | None = None

    @property
    def startable(self) -> bool:
        """Enter starts it: nobody has started it, and it takes place."""
        return self.state is LineState.PLANNED


def today(store: Store, now: datetime) -> list[TodayLine]:
    """Today's planned sessions (by the centre's clock), by start, each with its state, one marked current or next.

    Sessions on every laptop of this week are looked at (a week file that does not read is passed over).
    """
    day = now.astimezone(centre_zone(holiday_country(store.registry))).date()
    planned = occurrences(store.registry, day, day)
    held = read_held(store, [week_key(day)], tables=("sessions", "checkins"))
    names: dict[str, str] = {}

    def laptop(device: str) -> str:
        return names.setdefault(device, laptop_name(store, device))

    return today_lines(planned, held.sessions.values(), held.checkins, now, store.device, laptop)


def today_lines(
    planned: list[Occurrence],
    sessions: Iterable[Mapping[str, Any]],
    checkins: Iterable[Mapping[str, Any]],
    now: datetime,
    device: str,
    laptop: Callable[[str], str] = str,
) -> list[TodayLine]:
    """The rule of `today` on plain records: `sessions` and their standing `checkins`, this laptop's id `device`,
    `laptop(device)` naming another laptop."""
    matched = match_sessions(planned, sessions)
    present: dict[str, set[str]] = {}
    for checkin in checkins:
        if not checkin.get("voided_at"):
            present.setdefault(str(checkin.get("session_id")), set()).add(str(checkin.get("participant_id")))
    lines = []
    for occurrence in planned:
        held = matched.get(occurrence.key, [])
        state, session = _state(occurrence, held, device)
        came = set().union(*(present.get(str(s["id"]), set()) for s in held))
        where = laptop(str(session.get("device"))) if session and state is LineState.OPEN_ELSEWHERE else None
        lines.append(TodayLine(occurrence, state, session["id"] if session else None, where, len(came)))
    return _highlight(lines, now)


def match_sessions(
    planned: Iterable[Occurrence], sessions: Iterable[Mapping[str, Any]]
) -> dict[tuple[str, str], list[Mapping[str, Any]]]:
    """The sessions held of each planned one, by its key (plan_id, planned_day); sessions of none are left out."""
    keys = {occurrence.key for occurrence in planned}
    found: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for session in sessions:
        key = (str(session.get("plan_id") or ""), str(session.get("planned_day") or ""))
        if key in keys and not session.get("voided_at"):
            found.setdefault(key, []).append(session)
    return found


def _state(
    occurrence: Occurrence, held: list[Mapping[str, Any]], device: str
) -> tuple[LineState, Mapping[str, Any] | None]:
    """Open here, open elsewhere, held: whatever the timetable says; else holiday, cancelled or planned."""
    open_ones = [s for s in held if s.get("end") is None]
    for session in open_ones:
        if session.get("device") == device:
            return LineState.OPEN_HERE, session
    if open_ones:
        return LineState.OPEN_ELSEWHERE, open_ones[0]
    if held:
        return LineState.HELD, held[0]
    if occurrence.holiday:
        return LineState.HOLIDAY, None
    if occurrence.cancelled:
        return LineState.CANCELLED, None
    return LineState.PLANNED, None


def _highlight(lines: list[TodayLine], now: datetime) -> list[TodayLine]:
    """Mark the current session (started, not ended), else the next to start: one to start or open here."""
    candidates = [i for i, line in enumerate(lines) if line.state in _CANDIDATES]
    current = [i for i in candidates if lines[i].occurrence.start <= now < lines[i].occurrence.end]
    coming = [i for i in candidates if lines[i].occurrence.start > now]
    if current:
        chosen, when = current[0], "current"
    elif coming:
        chosen, when = coming[0], "next"
    else:
        return lines
    line = lines[chosen]
    lines[chosen] = TodayLine(line.occurrence, line.state, line.session_id, line.laptop, line.attendance, when)
    return lines


def start_planned(store: Store, occurrence: Occurrence, now: datetime) -> OpenSession:
    """Start a planned session with everything filled in from the timetable (EntryError as start_session's).

    The session carries plan_id (the plan's, or an added one-off's change id), planned_day, planned_end,
    project_id and the plan's capacity (0: no limit).
    """
    planned = {
        "plan_id": occurrence.planned_by,
        "planned_day": occurrence.planned_day.isoformat(),
        "planned_end": iso(occurrence.end),
        "project_id": occurrence.project_id,
        "capacity": int(occurrence.capacity or 0),
    }
    return start_session(store, occurrence.activity_id, occurrence.place, occurrence.instructor, now, planned)
