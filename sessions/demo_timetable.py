"""The demo centre's timetable: the week its eight weeks of history follow, two funder projects, regulars,
a cancelled session, a moved one and a one-off added, and the people who stopped coming."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sessions.demo_centres import DAUGAVPILS, DemoCentre
from sessions.i18n import _
from sessions.participants import Participant
from sessions.public_holidays import holiday_country, holiday_name
from sessions.registry import Registry
from sessions.timetable_edit import add_date, add_plan, add_project, cancel_date, move_date

__all__ = ["DemoTimetable", "seed_timetable"]

#: (activity, weekday 1-7, start, end, place, instructor, project or None); the place and the instructor by their
#: place in the centre's lists (sessions/demo_centres.py).
_TIMETABLE = [
    ("Gym", 1, "10:00", "11:00", 0, 0, "LLI-550"),
    ("Gym", 3, "10:00", "11:00", 0, 0, "LLI-550"),
    ("Cigun", 2, "11:00", "12:00", 0, 1, "LLI-425"),
    ("Pool", 4, "14:00", "15:00", 1, 0, "LLI-550"),
    ("Outdoor exercise", 5, "15:00", "16:00", 2, 1, None),
]
#: Trips counted for a project, by purpose: outings for one, the ride to the pool for the other.
TRIP_PROJECTS = {"excursion": "LLI-425", "service transport": "LLI-550"}
#: Regulars of each plan.
_REGULARS = 6
#: People (by their place in the demo's list) who came regularly and stopped, and the week of the eight they
#: stopped in; each has a phone or a contact note (the centre's `contacts`). The Gym counts them among its regulars.
_STOPPED = {2: 3, 9: 4, 23: 4}


@dataclass
class DemoTimetable:
    """What the history needs of the timetable: the regulars of each plan, who stopped when, the projects."""

    regulars: dict[str, list[str]] = field(default_factory=dict)
    #: The first day each person who stopped coming no longer came.
    stopped: dict[str, date] = field(default_factory=dict)
    #: Project ids by name.
    projects: dict[str, str] = field(default_factory=dict)


def seed_timetable(
    registry: Registry,
    rng: random.Random,
    people: list[Participant],
    activities: dict[str, str],
    start: datetime,
    centre: DemoCentre = DAUGAVPILS,
) -> DemoTimetable:
    """The timetable from `start` on, its projects and regulars, contacts, and its dates changed; inside the
    caller's write."""
    made = DemoTimetable()
    for name, title in centre.projects:
        # A title marked with N_ is said in the demo's language; the centre's own stays as it is.
        made.projects[name] = add_project(registry, start, name, _(title))["id"]
    for index, contact in centre.contacts.items():
        registry.update_participant(people[index].id, start, contact=_(contact))
    stayed = [p for i, p in enumerate(people[:-1]) if i not in _STOPPED]
    gone = [people[i] for i in _STOPPED]
    for index, week in _STOPPED.items():
        made.stopped[people[index].id] = start.date() + timedelta(weeks=week)
    plans: dict[tuple[str, int], str] = {}
    for activity, weekday, begins, ends, place, instructor, project in _TIMETABLE:
        regulars = rng.sample(stayed, k=_REGULARS) + (gone if activity == "Gym" else [])
        plan = add_plan(
            registry,
            start,
            activity_id=activities[activity],
            weekday=weekday,
            start=begins,
            end=ends,
            place=centre.places[place],
            instructor=centre.instructors[instructor],
            valid_from=start.date(),
            project_id=made.projects[project] if project else None,
            regulars=[p.id for p in regulars],
        )
        plans[activity, weekday] = plan["id"]
        made.regulars[plan["id"]] = list(plan["regulars"])
    _change_dates(registry, plans, activities, made.projects, start, centre)
    return made


def _change_dates(
    registry: Registry,
    plans: dict[tuple[str, int], str],
    activities: dict[str, str],
    projects: dict[str, str],
    start: datetime,
    centre: DemoCentre,
) -> None:
    """Cigun cancelled on a Tuesday three weeks before now and made up on the Thursday; the pool moved from a
    Thursday two weeks before now to the Friday (working days each, whatever day the demo is made on)."""
    country = holiday_country(registry)
    cigun = _working_day(start.date() + timedelta(weeks=5), 2, country, also=2)
    cancel_date(registry, plans["Cigun", 2], cigun, _("The instructor is ill"), start)
    add_date(
        registry,
        start,
        day=cigun + timedelta(days=2),
        activity_id=activities["Cigun"],
        start="11:00",
        end="12:00",
        place=centre.places[0],
        instructor=centre.instructors[1],
        project_id=projects["LLI-425"],
        reason=_("Instead of the cancelled Tuesday"),
    )
    pool = _working_day(start.date() + timedelta(weeks=6), 4, country, also=1)
    move_date(
        registry,
        plans["Pool", 4],
        pool,
        start,
        new_day=pool + timedelta(days=1),
        start="13:00",
        end="14:00",
        reason=_("The pool is closed for cleaning"),
    )


def _working_day(week: date, weekday: int, country: str, also: int) -> date:
    """The `weekday` of the week of `week`, or of a week before when it, or the day `also` days after, is a
    public holiday."""
    day = week + timedelta(days=weekday - week.isoweekday())
    while holiday_name(day, country) is not None or holiday_name(day + timedelta(days=also), country) is not None:
        day -= timedelta(weeks=1)
    return day
