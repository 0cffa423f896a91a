"""Regulars: the usual participants of a regular session, who of them did not come, who to propose, and the
people who came regularly and have not been seen for some weeks (staff call them).

**Came regularly**: visited on at least `REGULAR_VISITS` (4) different days in the
`REGULAR_WEEKS` (8) weeks up to their last visit. A visit is a check-in to a
session or a boarding of a trip, on any laptop (each day once).

**Not seen for N weeks**: came regularly, and their last visit is N weeks
(N × 7 days) or more before today; N is the `not_seen_weeks` setting (3 unless
staff set it). People archived or erased are not listed, nor those whose last
visit is more than `LISTED_FOR` (26) weeks past the N: the list is of people who
stopped lately, not of everyone who ever left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sessions.clock import centre_zone, from_iso
from sessions.held import read_held, weeks_between
from sessions.i18n import _
from sessions.names import search_key
from sessions.participants import Participant
from sessions.public_holidays import holiday_country
from sessions.registry import EntryError, Registry
from sessions.store import Store

__all__ = [
    "LISTED_FOR",
    "NOT_SEEN_WEEKS",
    "REGULAR_VISITS",
    "REGULAR_WEEKS",
    "NotSeen",
    "Proposal",
    "missing_regulars",
    "not_seen",
    "not_seen_weeks",
    "propose_regulars",
    "set_not_seen_weeks",
    "stopped_coming",
]

REGULAR_VISITS, REGULAR_WEEKS = 4, 8
#: N, unless staff set `not_seen_weeks`.
NOT_SEEN_WEEKS = 3
#: How long past the N weeks someone stays on the list.
LISTED_FOR = 26
#: How far a session of the plan's activity (not started from the timetable) may start from the plan's time
#: and still count as the plan's when proposing regulars.
SAME_SESSION = timedelta(minutes=90)


@dataclass(frozen=True)
class Proposal:
    """Someone who came to a regular session in the last weeks: how many of the times it was held."""

    participant: Participant
    visits: int
    held: int
    #: Already one of its regulars.
    regular: bool


@dataclass(frozen=True)
class NotSeen:
    """Someone who came regularly and has not been seen for some weeks."""

    participant: Participant
    last_visit: date
    #: Days visited in the REGULAR_WEEKS up to the last visit.
    visits: int
    #: Whole weeks since the last visit.
    weeks_away: int

    @property
    def contact(self) -> str:
        """Their phone or contact note, as the registry has it ("" when none)."""
        return self.participant.contact


def missing_regulars(
    registry: Registry, session: Mapping[str, Any], checkins: Iterable[Mapping[str, Any]]
) -> list[Participant]:
    """The regulars of the session's plan who are not checked in to it (those archived since left out), by name."""
    plan = registry.record("timetable", str(session.get("plan_id") or ""))
    if plan is None:
        return []
    ours = (c for c in checkins if c.get("session_id") == session["id"] and not c.get("voided_at"))
    came = {c.get("participant_id") for c in ours}
    people = [registry.participant(pid) for pid in plan.get("regulars") or () if pid not in came]
    return sorted((p for p in people if p is not None and not p.archived), key=_by_name)


def propose_regulars(store: Store, plan_id: str, now: datetime, weeks: int = REGULAR_WEEKS) -> list[Proposal]:
    """Who came to a regular session in the last `weeks`, most often first (then by name).

    Its sessions are those started from it, and, from before it was in the
    timetable, the sessions of its activity on its weekday within 90 minutes of its time.
    """
    registry = store.registry
    plan = registry.record("timetable", plan_id)
    if plan is None:
        raise EntryError("plan", _("This session is no longer in the timetable."))
    today = _today(store, now)
    first = today - timedelta(weeks=weeks)
    held = read_held(store, weeks_between(first, today), tables=("sessions", "checkins"))
    ours = {sid for sid, s in held.sessions.items() if _of_plan(plan, s) and first <= _day(s.get("start")) <= today}
    visits: dict[str, set[str]] = {}
    for checkin in held.checkins:
        if checkin.get("session_id") in ours:
            visits.setdefault(str(checkin.get("participant_id")), set()).add(str(checkin["session_id"]))
    regulars = set(plan.get("regulars") or ())
    found = []
    for pid, sessions in visits.items():
        person = registry.participant(pid)
        if person is not None and not person.archived:
            found.append(Proposal(person, len(sessions), len(ours), pid in regulars))
    return sorted(found, key=lambda p: (-p.visits, *_by_name(p.participant)))


def _of_plan(plan: Mapping[str, Any], session: Mapping[str, Any]) -> bool:
    if session.get("plan_id"):
        return bool(session["plan_id"] == plan["id"])
    if session.get("activity_id") != plan.get("activity_id"):
        return False
    try:
        started = from_iso(str(session.get("start")))
        planned = datetime.combine(started.date(), datetime.strptime(str(plan["start"]), "%H:%M").time())
    except ValueError:
        return False
    wall = started.replace(tzinfo=None)
    return started.isoweekday() == plan.get("weekday") and abs(wall - planned) <= SAME_SESSION


# who has not come lately ------------------------------------------------


def not_seen_weeks(registry: Registry) -> int:
    """N of "not seen for N weeks": the `not_seen_weeks` setting, 3 unless staff set it."""
    value = registry.setting("not_seen_weeks")
    return value if isinstance(value, int) and 1 <= value <= 52 else NOT_SEEN_WEEKS


def set_not_seen_weeks(registry: Registry, weeks: Any, now: datetime) -> int:
    """Set N of "not seen for N weeks" (a whole number from 1 to 52)."""
    text = str(weeks).strip()
    if not text.isdigit() or not 1 <= int(text) <= 52:
        raise EntryError("not_seen_weeks", _("The weeks are a whole number from 1 to 52."))
    registry.set_settings({"not_seen_weeks": int(text)}, now)
    return int(text)


def not_seen(store: Store, now: datetime, weeks: int | None = None) -> list[NotSeen]:
    """People who came regularly and have not been seen for `weeks` (the setting's N unless given), longest
    away first. Every laptop's logs of the weeks it takes are read (a week that does not read is passed over)."""
    registry = store.registry
    weeks = weeks or not_seen_weeks(registry)
    today = _today(store, now)
    first = today - timedelta(weeks=weeks + LISTED_FOR + REGULAR_WEEKS)
    held = read_held(store, weeks_between(first, today))
    days: dict[str, set[date]] = {}
    for record in (*held.checkins, *held.boardings):
        day = _day(record.get("at"))
        if first <= day <= today:
            days.setdefault(str(record.get("participant_id")), set()).add(day)
    found = []
    for pid, last, visits in stopped_coming(days, today, weeks):
        person = registry.participant(pid)
        if person is not None and not person.archived:
            found.append(NotSeen(person, last, visits, (today - last).days // 7))
    return sorted(found, key=lambda n: (n.last_visit, *_by_name(n.participant)))


def stopped_coming(visits: Mapping[str, Iterable[date]], today: date, weeks: int) -> list[tuple[str, date, int]]:
    """The rule of `not_seen` on visit days by person: (id, last visit, days visited in the REGULAR_WEEKS up to
    it) of those who came regularly and were last seen `weeks` weeks or more, and at most LISTED_FOR more, ago."""
    found = []
    for pid, days in visits.items():
        seen = set(days)
        last = max(seen, default=None)
        if last is None or not timedelta(weeks=weeks) <= today - last <= timedelta(weeks=weeks + LISTED_FOR):
            continue
        before = sum(1 for day in seen if last - timedelta(weeks=REGULAR_WEEKS) < day <= last)
        if before >= REGULAR_VISITS:
            found.append((pid, last, before))
    return found


def _today(store: Store, now: datetime) -> date:
    return now.astimezone(centre_zone(holiday_country(store.registry))).date()


def _day(stamp: Any) -> date:
    """The day a stored time names, as written (the laptop's own day); a missing one is long ago."""
    try:
        return date.fromisoformat(str(stamp)[:10])
    except ValueError:
        return date.min


def _by_name(person: Participant) -> tuple[str, str]:
    return search_key(person.last_name), search_key(person.first_name)
