"""A hand-made timetable and its history over weeks 46 and 47 of 2026 (Proclamation Day on Wednesday 18 November).

The timetable (from 2 November): Gym on Mondays 10:00 (LLI-550, 10 places), Cigun on Wednesdays 11:00
(LLI-425), the pool on Thursdays 14:00 (no project). Its dates changed:

- week 46: Cigun on the 11th cancelled ("Zāle aizņemta") and held all the same: it counts as held;
  the pool on the 12th nobody started: not held;
- week 47: Gym on the 16th cancelled ("Instruktore slima") and not held; Cigun on the 18th falls on the
  holiday; the pool moved from Thursday the 19th to Friday the 20th at 13:00 and held there; Cigun added
  on Saturday the 21st and held; a Gym nobody planned held on Friday the 20th at 16:00 (unplanned).

Gym on the 9th was started on two laptops (this one and "laptop2"): one planned session held, its people
once. Two trips: one for LLI-550, one of no project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sessions.attendance import end_session, start_session
from sessions.checkin import check_in_person
from sessions.participants import Participant
from sessions.records import new_record
from sessions.store import Store
from sessions.timetable import add_date, add_plan, add_project, cancel_date, move_date, occurrences, start_planned
from tests.conftest import MONDAY, RIGA
from tests.export_helpers import boarding, trip, write_log

WEEK = "2026-W47"
CENTRE = "Daugavpils dienas centrs"
HOLIDAY = date(2026, 11, 18)
GYM_CANCELLED, CIGUN_CANCELLED = "Instruktore slima", "Zāle aizņemta"


@dataclass
class Timetable:
    """What the hand-made timetable is made of, by name."""

    projects: dict[str, str] = field(default_factory=dict)
    activities: dict[str, str] = field(default_factory=dict)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: list[Participant] = field(default_factory=list)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, in Riga."""
    return datetime(2026, 11, day, hour, minute, tzinfo=RIGA)


def hand_made_timetable(store: Store) -> Timetable:
    """The timetable above, with its dates changed: plans, projects, activities (no sessions held)."""
    registry, made = store.registry, Timetable()
    registry.set_settings({"centre_name": CENTRE})
    for name in ("LLI-550", "LLI-425"):
        made.projects[name] = add_project(registry, MONDAY, name)["id"]
    for name, capacity in (("Gym", 12), ("Cigun", 20), ("Pool", 8)):
        made.activities[name] = registry.add_item("activities", MONDAY, name=name, capacity=capacity)["id"]
    for name, weekday, start, end, place, instructor, project, capacity in (
        ("Gym", 1, "10:00", "11:00", "Sporta zāle", "Olga Vasiļjeva", "LLI-550", 10),
        ("Cigun", 3, "11:00", "12:00", "Sporta zāle", "Kārlis Miezis", "LLI-425", None),
        ("Pool", 4, "14:00", "15:00", "Peldbaseins", "Olga Vasiļjeva", None, None),
    ):
        made.plans[name] = dict(
            add_plan(
                registry,
                MONDAY,
                activity_id=made.activities[name],
                weekday=weekday,
                start=start,
                end=end,
                place=place,
                instructor=instructor,
                capacity=capacity,
                valid_from="2026-11-02",
                project_id=made.projects[project] if project else None,
            )
        )
    cancel_date(registry, made.plans["Cigun"]["id"], "2026-11-11", CIGUN_CANCELLED, MONDAY)
    cancel_date(registry, made.plans["Gym"]["id"], "2026-11-16", GYM_CANCELLED, MONDAY)
    move_date(
        registry, made.plans["Pool"]["id"], "2026-11-19", MONDAY, new_day="2026-11-20", start="13:00", end="14:00"
    )
    add_date(
        registry,
        MONDAY,
        day="2026-11-21",
        activity_id=made.activities["Cigun"],
        start="10:00",
        end="11:00",
        place="Stropu parks",
        instructor="Kārlis Miezis",
        project_id=made.projects["LLI-425"],
    )
    return made


def _hold(store: Store, made: Timetable, day: date, activity: str, people: range, minutes: int = 60) -> str:
    """Start the planned session of `activity` on `day` (by its timetable's day), let `people` in, end it."""
    planned = occurrences(store.registry, day - timedelta(days=7), day + timedelta(days=7))
    occurrence = next(o for o in planned if o.activity == activity and o.day == day)
    opened = start_planned(store, occurrence, occurrence.start)
    for index in people:
        check_in_person(opened, store.registry, made.people[index].id, occurrence.start + timedelta(minutes=index))
    end_session(store, opened, occurrence.start + timedelta(minutes=minutes))
    return opened.id


def hand_made_history(store: Store) -> Timetable:
    """The timetable above and the sessions and trips held in weeks 46 and 47."""
    made = hand_made_timetable(store)
    registry = store.registry
    for index in range(8):
        made.people.append(registry.add_participant(MONDAY, first_name=f"Person{index}", last_name="Bērziņa"))
    gym_9 = _hold(store, made, date(2026, 11, 9), "Gym", range(3))
    _hold(store, made, date(2026, 11, 11), "Cigun", range(2, 4))  # cancelled, and held all the same
    _hold(store, made, date(2026, 11, 20), "Pool", range(4))  # moved from Thursday the 19th
    _hold(store, made, date(2026, 11, 21), "Cigun", range(5, 7))  # added
    unplanned = start_session(store, made.activities["Gym"], "Sporta zāle", "Olga Vasiļjeva", at(20, 16))
    for index in (0, 7):
        check_in_person(unplanned, registry, made.people[index].id, at(20, 16, index))
    end_session(store, unplanned, at(20, 17))
    # The same Gym of the 9th started on another laptop too: one more person, and one already counted.
    other = "laptop2"
    copy = new_record(
        other,
        at(9, 10),
        activity_id=made.activities["Gym"],
        activity="Gym",
        place="Sporta zāle",
        instructor="Olga Vasiļjeva",
        start=at(9, 10).isoformat(),
        end=at(9, 11).isoformat(),
        capacity=10,
        note=None,
        plan_id=made.plans["Gym"]["id"],
        planned_day="2026-11-09",
        planned_end=at(9, 11).isoformat(),
        project_id=made.projects["LLI-550"],
    )
    came = [
        new_record(
            other, at(9, 10, m), session_id=copy["id"], participant_id=made.people[i].id, at=at(9, 10, m).isoformat()
        )
        for m, i in ((1, 0), (2, 7))
    ]
    for record in came:
        record |= {"method": "manual", "code": None, "override": False, "voided_at": None}
    write_log(store, "2026-W46", other, {"sessions": [copy], "checkins": came})
    assert gym_9 != copy["id"]
    for departure, project, riders in ((at(17, 9), "LLI-550", (0, 1)), (at(19, 9), None, (2,))):
        ride = trip(store.device, departure, (1000, 1030), project_id=made.projects[project] if project else None)
        aboard = [boarding(store.device, ride, made.people[i].id) for i in riders]
        write_log(store, WEEK, store.device, {"trips": [ride], "boardings": aboard})
    return made
