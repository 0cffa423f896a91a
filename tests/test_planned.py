"""Planned against held: each planned session counted once, unplanned ones apart, per project and regular session."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sessions.planned import count_planned, planned_between
from sessions.recurrence import Occurrence, expand, occurrences
from sessions.store import Store
from sessions.timetable import add_plan, start_planned
from tests.conftest import MONDAY
from tests.export_helpers import session, write_log

RIGA = ZoneInfo("Europe/Riga")
ACTIVITIES = {"gym": {"id": "gym", "name": "Gym", "capacity": 10}, "cigun": {"id": "cigun", "name": "Cigun"}}
#: Gym on Mondays for LLI-550, Cigun on Wednesdays for no project, from 2 November 2026.
PLANS = [
    {
        "id": "p-gym",
        "activity_id": "gym",
        "weekday": 1,
        "start": "10:00",
        "end": "11:00",
        "place": "Zāle",
        "instructor": "Olga",
        "capacity": None,
        "valid_from": "2026-11-02",
        "valid_to": None,
        "project_id": "LLI-550",
        "regulars": [],
    },
    {
        "id": "p-cigun",
        "activity_id": "cigun",
        "weekday": 3,
        "start": "11:00",
        "end": "12:00",
        "place": "Zāle",
        "instructor": "Kārlis",
        "capacity": 20,
        "valid_from": "2026-11-02",
        "valid_to": None,
        "project_id": None,
        "regulars": [],
    },
]
HOLIDAYS = {date(2026, 11, 18): "Proclamation Day"}
#: After Monday 23 November's gym, before its Cigun on Wednesday the 25th.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=RIGA)


def _planned(changes: list[dict[str, Any]] | None = None) -> list[Occurrence]:
    return expand(PLANS, changes or [], ACTIVITIES, date(2026, 11, 2), date(2026, 11, 29), HOLIDAYS, RIGA)


def _session(sid: str, plan: str | None, day: str | None, **fields: Any) -> dict[str, Any]:
    return {"id": sid, "plan_id": plan, "planned_day": day, "start": f"{day or '2026-11-10'}T10:00:00+02:00", **fields}


def _came(session_id: str, *people: str) -> list[dict[str, Any]]:
    return [
        {"id": f"{session_id}-{person}", "session_id": session_id, "participant_id": person, "voided_at": None}
        for person in people
    ]


def test_each_planned_session_is_counted_once_as_held_holiday_cancelled_not_held_or_to_come() -> None:
    cancelled = {"id": "c1", "plan_id": "p-cigun", "day": "2026-11-11", "kind": "cancelled", "reason": "Ill"}
    planned = _planned([{**cancelled, "created": "2026-11-01T09:00:00+02:00"}])
    held = [_session("s1", "p-gym", "2026-11-02"), _session("s2", "p-gym", "2026-11-09")]
    figures = count_planned(planned, held, _came("s1", "a", "b") + _came("s2", "a"), NOW)
    total = figures.total
    # Gym: 2, 9 held; 16, 23 not held (ended before now); 30 is outside. Cigun: 4 not held, 11 cancelled,
    # 18 a holiday, 25 to come.
    assert (total.planned, total.held, total.cancelled, total.not_held, total.to_come, total.holidays) == (
        7,
        2,
        1,
        3,
        1,
        1,
    )
    assert total.planned == total.held + total.cancelled + total.not_held + total.to_come
    assert total.attendance == 3 and total.reasons == {"Ill": 1}
    assert figures.statuses[("p-cigun", "2026-11-18")] == "holiday"


def test_a_session_held_though_cancelled_or_on_a_holiday_counts_as_held_only() -> None:
    cancelled = {"id": "c1", "plan_id": "p-gym", "day": "2026-11-16", "kind": "cancelled", "reason": "Ill"}
    planned = _planned([cancelled])
    held = [_session("s1", "p-gym", "2026-11-16"), _session("s2", "p-cigun", "2026-11-18")]
    total = count_planned(planned, held, [], NOW).total
    assert (total.held, total.cancelled, total.holidays, total.planned) == (2, 0, 0, 8)  # the holiday held: planned
    assert not total.reasons


def test_two_sessions_of_one_planned_session_hold_it_once_with_their_people_once() -> None:
    held = [_session("s1", "p-gym", "2026-11-02"), _session("s2", "p-gym", "2026-11-02")]
    figures = count_planned(_planned(), held, _came("s1", "a", "b") + _came("s2", "b", "c"), NOW)
    assert (figures.total.held, figures.total.attendance, figures.total.unplanned) == (1, 3, 0)


def test_sessions_of_no_planned_session_are_unplanned_counted_for_their_own_project() -> None:
    held = [
        _session("s1", None, None, project_id="LLI-425"),
        {"id": "s2", "start": "2026-11-12T10:00:00+02:00"},  # from before the timetable: no field at all
        _session("s3", "p-withdrawn", "2026-11-03"),
        _session("s4", None, None, voided_at="2026-11-10T10:05:00+02:00"),
    ]
    figures = count_planned(_planned(), held, _came("s1", "a", "b") + _came("s2", "c"), NOW)
    assert (figures.total.unplanned, figures.total.unplanned_attendance) == (3, 3)
    assert figures.projects["LLI-425"].unplanned == 1 and figures.projects["LLI-425"].unplanned_attendance == 2
    assert figures.projects[None].unplanned == 2


def test_figures_per_project_add_up_to_the_total() -> None:
    held = [_session("s1", "p-gym", "2026-11-02"), _session("s2", "p-cigun", "2026-11-04")]
    figures = count_planned(_planned(), held, _came("s1", "a") + _came("s2", "a", "b"), NOW)
    gym, none = figures.projects["LLI-550"], figures.projects[None]
    assert (gym.planned, gym.held, gym.attendance) == (4, 1, 1)
    assert (none.planned, none.held, none.holidays, none.attendance) == (3, 1, 1, 2)
    assert gym.planned + none.planned == figures.total.planned


def test_attendance_against_capacity_per_regular_session() -> None:
    held = [_session("s1", "p-gym", "2026-11-02"), _session("s2", "p-gym", "2026-11-09")]
    people = _came("s1", *"abcde") + _came("s2", *"abcdefghij")
    people.append({"id": "v", "session_id": "s1", "participant_id": "z", "voided_at": "2026-11-02T10:01:00+02:00"})
    figures = count_planned(_planned(), held, people, NOW)
    gym = next(plan for plan in figures.plans if plan.plan_id == "p-gym")
    assert (gym.activity, gym.weekday, gym.start, gym.project_id) == ("Gym", 1, "10:00", "LLI-550")
    assert (gym.tally.held, gym.tally.attendance, gym.places, gym.filled) == (2, 15, 20, 15)
    assert gym.fill == 0.75 and gym.average == 7.5
    cigun = next(plan for plan in figures.plans if plan.plan_id == "p-cigun")
    assert cigun.fill is None and cigun.average is None


def test_a_moved_session_counts_once_on_its_new_day() -> None:
    moved = {"id": "m1", "plan_id": "p-gym", "day": "2026-11-16", "kind": "moved", "new_day": "2026-11-17"}
    planned = _planned([moved])
    held = [_session("s1", "p-gym", "2026-11-16", start="2026-11-17T10:00:00+02:00")]
    figures = count_planned(planned, held, _came("s1", "a"), NOW)
    assert figures.statuses[("p-gym", "2026-11-16")] == "held"
    assert (figures.total.held, figures.total.unplanned, figures.total.planned) == (1, 0, 7)
    gym = next(plan for plan in figures.plans if plan.plan_id == "p-gym")
    assert (gym.weekday, gym.start) == (1, "10:00")


def test_the_figures_of_a_few_weeks_are_read_from_every_laptops_logs(store: Store) -> None:
    registry = store.registry
    gym = registry.add_item("activities", MONDAY, name="Gym", capacity=10)
    plan = add_plan(
        registry,
        MONDAY,
        activity_id=gym["id"],
        weekday=1,
        start="10:00",
        end="11:00",
        place="Zāle",
        instructor="Olga",
        valid_from="2026-11-02",
    )
    here = start_planned(store, occurrences(registry, date(2026, 11, 23), date(2026, 11, 23))[0], MONDAY)
    elsewhere = session("hall", datetime(2026, 11, 16, 10, tzinfo=RIGA), "Gym", plan_id=plan["id"])
    elsewhere["planned_day"] = "2026-11-16"
    unplanned = session("hall", datetime(2026, 11, 17, 10, tzinfo=RIGA), "Gym")
    write_log(store, "2026-W47", "hall", {"sessions": [elsewhere, unplanned], "checkins": _came(elsewhere["id"], "a")})
    figures = planned_between(store, date(2026, 11, 9), date(2026, 11, 29), MONDAY)
    assert figures.statuses == {
        (plan["id"], "2026-11-09"): "not_held",
        (plan["id"], "2026-11-16"): "held",
        (plan["id"], "2026-11-23"): "held",
    }
    assert (figures.total.planned, figures.total.held, figures.total.not_held, figures.total.unplanned) == (3, 2, 1, 1)
    assert here.record["plan_id"] == plan["id"]
