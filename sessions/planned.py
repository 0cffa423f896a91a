"""Planned against held: the timetable's sessions of a period matched to the sessions held, and the figures.

The rule, in one place (records in, figures out: the reports and the weekly
export call `count_planned` on what exports/readers.py `load_logs` read, and
the independent recount in the tests reads the files itself):

- a held session is a session record of the period (open or closed, not
  voided, on any laptop). It belongs to the planned session whose key it
  carries: `plan_id` (the plan's id, or an added one-off's change id) and
  `planned_day`. Two sessions of one planned session (started on two
  laptops) hold it once: it counts one held session, their people once.
- a held session that carries no key, or one of no planned session of the
  period (its plan withdrawn since), is **unplanned**, counted for its own
  `project_id` (older sessions have none: no project).
- each planned session is counted once, as the first that applies of:
  **held** (even if cancelled, or on a holiday: it took place);
  **holiday** (on a public holiday: neither cancelled nor missed);
  **cancelled** (with its reason); **not held** (planned, not cancelled,
  ended before `now` and nobody started it); **to come** (not yet ended).
  `planned` counts those the centre meant to hold (every one but the
  holidays), so planned = held + cancelled + not held + to come.
- attendance is the people checked in (each person once per planned
  session); a regular session's **fill** is its attendance over the
  places offered (its capacity each time it was held, where it had one).

Per funder project: planned sessions by their plan's project, unplanned ones
by the session's own; `None` is no project. Everything in one pass over the
check-ins: ten years of a centre count in well under a second.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sessions.held import read_held, weeks_between
from sessions.recurrence import Occurrence, occurrences
from sessions.store import Store

__all__ = [
    "STATUSES",
    "HeldGroup",
    "PlanFigures",
    "PlannedFigures",
    "Tally",
    "count_planned",
    "count_planned_held",
    "planned_between",
    "status_of",
]

HELD, HOLIDAY, CANCELLED, NOT_HELD, TO_COME = "held", "holiday", "cancelled", "not_held", "to_come"
#: Each planned session is one of these (see the module).
STATUSES = (HELD, HOLIDAY, CANCELLED, NOT_HELD, TO_COME)


@dataclass
class Tally:
    """The figures of a set of sessions (all, or one project's, or one regular session's)."""

    planned: int = 0
    held: int = 0
    cancelled: int = 0
    not_held: int = 0
    to_come: int = 0
    holidays: int = 0
    unplanned: int = 0
    #: People checked in to the planned sessions held (each person once per planned session).
    attendance: int = 0
    #: People checked in to the unplanned sessions.
    unplanned_attendance: int = 0
    #: Why sessions were cancelled: each reason as staff typed it, and how many times.
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, status: str, people: int, reason: str | None = None) -> None:
        """Count one planned session of `status`, `people` having come."""
        if status == HOLIDAY:
            self.holidays += 1
            return
        self.planned += 1
        if status == HELD:
            self.held += 1
            self.attendance += people
        elif status == CANCELLED:
            self.cancelled += 1
            self.reasons[reason or ""] += 1
        elif status == NOT_HELD:
            self.not_held += 1
        else:
            self.to_come += 1


@dataclass
class PlanFigures:
    """One regular session of the timetable (a plan) over the period: its figures and how full it was."""

    plan_id: str
    activity: str
    #: 1 (Monday) to 7 (Sunday), "HH:MM", as planned last in the period.
    weekday: int
    start: str
    place: str
    project_id: str | None
    tally: Tally = field(default_factory=Tally)
    #: Places offered: the capacity of each time it was held, where it had one.
    places: int = 0
    #: People who came to the times held that had a capacity.
    filled: int = 0

    @property
    def fill(self) -> float | None:
        """Attendance against capacity (0.75 = three places in four taken); None when no time held had a capacity."""
        return self.filled / self.places if self.places else None

    @property
    def average(self) -> float | None:
        """People per time held; None when never held."""
        return self.tally.attendance / self.tally.held if self.tally.held else None


@dataclass
class PlannedFigures:
    """Planned against held in a period: in total, per funder project (None: no project), per regular session."""

    total: Tally
    projects: dict[str | None, Tally]
    plans: list[PlanFigures]
    #: Each planned session's status ("held", "holiday", ...), by its key (plan_id, planned_day).
    statuses: dict[tuple[str, str], str]


def status_of(occurrence: Occurrence, held: bool, now: datetime) -> str:
    """What a planned session counts as (see the module): held, holiday, cancelled, not held or to come."""
    if held:
        return HELD
    if occurrence.holiday:
        return HOLIDAY
    if occurrence.cancelled:
        return CANCELLED
    return NOT_HELD if occurrence.end <= now else TO_COME


def count_planned(
    planned: Iterable[Occurrence],
    sessions: Iterable[Mapping[str, Any]],
    checkins: Iterable[Mapping[str, Any]],
    now: datetime,
) -> PlannedFigures:
    """The figures of a period: its planned sessions (`occurrences` of the period), the `sessions` held in it,
    and their `checkins` (those of other sessions are passed over; voided ones are never counted)."""
    standing = [s for s in sessions if not s.get("voided_at")]
    came: dict[str, set[str]] = {str(s["id"]): set() for s in standing}
    for checkin in checkins:
        if not checkin.get("voided_at") and (persons := came.get(str(checkin.get("session_id")))) is not None:
            persons.add(str(checkin.get("participant_id")))
    held = [
        (
            (str(s.get("plan_id") or ""), str(s.get("planned_day") or "")),
            s.get("project_id") or None,
            1,
            0,
            len(came[str(s["id"])]),
            came[str(s["id"])],
        )
        for s in standing
    ]
    return count_planned_held(planned, held, now)


#: Sessions held alike, as planned-against-held counts them: (plan_id, planned_day), their own project, how many
#: sessions, their attendances, their persons added up session by session, and each person once.
HeldGroup = tuple[tuple[str, str], "str | None", int, int, int, "Collection[Any] | int"]


def count_planned_held(planned: Iterable[Occurrence], groups: Iterable[HeldGroup], now: datetime) -> PlannedFigures:
    """count_planned of sessions already read and grouped with who came (see HeldGroup)."""
    planned = list(planned)
    keys = {o.key for o in planned}
    came: dict[tuple[str, str], Any] = {}
    unplanned: list[tuple[str | None, int, int]] = []  # of sessions held without a plan: project, sessions, persons
    for key, project, sessions, _attendances, persons_added, persons in groups:
        if key not in keys:
            unplanned.append((project, sessions, persons_added))
        elif isinstance(persons, int):  # persons as the bits of a number (exports/held_entries.py `packed`)
            came[key] = came.get(key, 0) | persons
        else:
            came.setdefault(key, set()).update(persons)
    held = set(came)
    total = Tally()
    projects: dict[str | None, Tally] = {}
    plans: dict[str, PlanFigures] = {}
    statuses: dict[tuple[str, str], str] = {}
    for occurrence in planned:
        status = statuses[occurrence.key] = status_of(occurrence, occurrence.key in held, now)
        found = came.get(occurrence.key, ())
        people = found.bit_count() if isinstance(found, int) else len(found)
        for tally in (total, projects.setdefault(occurrence.project_id, Tally())):
            tally.add(status, people, occurrence.reason)
        if occurrence.plan_id is not None:
            _count_plan(plans, occurrence, status, people)
    for project, sessions, people in unplanned:
        for tally in (total, projects.setdefault(project, Tally())):
            tally.unplanned += sessions
            tally.unplanned_attendance += people
    ordered = sorted(plans.values(), key=lambda p: (p.weekday, p.start, p.activity, p.plan_id))
    return PlannedFigures(total, projects, ordered, statuses)


def planned_between(store: Store, first: date, last: date, now: datetime) -> PlannedFigures:
    """The figures from `first` to `last` read here, for a few weeks the app shows (every laptop's logs; a week
    file that does not read is passed over). A long period is counted by the reports, in a process of their own."""
    held = read_held(store, weeks_between(first, last), tables=("sessions", "checkins"))
    start, end = first.isoformat(), last.isoformat()
    sessions = [s for s in held.sessions.values() if start <= str(s.get("start") or "")[:10] <= end]
    return count_planned(occurrences(store.registry, first, last), sessions, held.checkins, now)


def _count_plan(plans: dict[str, PlanFigures], occurrence: Occurrence, status: str, people: int) -> None:
    """Count a planned session for its plan; the plan is described as the last of its dates not moved has it."""
    assert occurrence.plan_id is not None
    figures = plans.get(occurrence.plan_id)
    if figures is None:
        figures = plans[occurrence.plan_id] = PlanFigures(occurrence.plan_id, "", 0, "", "", None)
    if figures.weekday == 0 or occurrence.change != "moved":  # the occurrences come by start
        figures.activity, figures.place = occurrence.activity, occurrence.place
        figures.weekday, figures.start = occurrence.planned_day.isoweekday(), occurrence.start.strftime("%H:%M")
        figures.project_id = occurrence.project_id
    figures.tally.add(status, people, occurrence.reason)
    if status == HELD and occurrence.capacity:
        figures.places += occurrence.capacity
        figures.filled += people
