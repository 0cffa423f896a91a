"""Today's planned sessions for the instructor: their states, the one highlighted, and starting one from its line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sessions.attendance import end_session
from sessions.checkin import check_in
from sessions.clock import from_iso
from sessions.resume import planned_end
from sessions.store import Store
from sessions.timetable import LineState, add_plan, add_project, cancel_date, start_planned, today
from tests.conftest import MONDAY, RIGA
from tests.export_helpers import session, write_log

#: Monday 23 November 2026: gym at 10:00, Cigun at 12:00, the pool at 14:00, painting at 16:00.
DAY = date(2026, 11, 23)


def _timetable(store: Store) -> dict[str, dict[str, Any]]:
    registry = store.registry
    project = add_project(registry, MONDAY, "LLI-550")
    found = {}
    for name, start, end, capacity in (
        ("Gym", "10:00", "11:00", None),
        ("Cigun", "12:00", "13:00", 15),
        ("Pool", "14:00", "15:00", None),
        ("Painting", "16:00", "17:30", None),
    ):
        activity = registry.add_item("activities", MONDAY, name=name, capacity=10)
        found[name] = dict(
            add_plan(
                registry,
                MONDAY,
                activity_id=activity["id"],
                weekday=1,
                start=start,
                end=end,
                place="Sporta zāle",
                instructor="Olga Vasiļjeva",
                capacity=capacity,
                valid_from="2026-11-02",
                project_id=project["id"] if name == "Gym" else None,
            )
        )
    return found


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=RIGA)


def test_the_next_session_is_highlighted_before_the_first_starts(store: Store) -> None:
    _timetable(store)
    lines = today(store, _at(9, 30))
    assert [line.occurrence.activity for line in lines] == ["Gym", "Cigun", "Pool", "Painting"]
    assert [line.state for line in lines] == [LineState.PLANNED] * 4
    assert [line.when for line in lines] == ["next", None, None, None]


def test_a_session_started_from_its_line_carries_its_plan_and_is_open_here(store: Store) -> None:
    plans = _timetable(store)
    gym = today(store, _at(9, 55))[0]
    opened = start_planned(store, gym.occurrence, _at(9, 55))
    record = opened.record
    assert record["plan_id"] == plans["Gym"]["id"] and record["planned_day"] == "2026-11-23"
    assert record["project_id"] == plans["Gym"]["project_id"] and record["capacity"] == 10
    assert from_iso(str(record["planned_end"])) == _at(11)
    assert planned_end(record) == _at(11)  # what decides whether it goes on after a restart
    assert (record["activity"], record["place"], record["instructor"]) == ("Gym", "Sporta zāle", "Olga Vasiļjeva")
    people = [store.registry.add_participant(MONDAY, first_name=n, last_name="Ozols") for n in ("Anna", "Juris")]
    for person in people:
        assert person.code is not None
        check_in(opened, store.registry, person.code, _at(10, 1))
    lines = today(store, _at(10, 5))
    assert (lines[0].state, lines[0].session_id, lines[0].attendance, lines[0].when) == (
        LineState.OPEN_HERE,
        opened.id,
        2,
        "current",
    )
    end_session(store, opened, _at(11))
    lines = today(store, _at(11, 5))
    assert (lines[0].state, lines[0].attendance, lines[0].when) == (LineState.HELD, 2, None)
    assert lines[1].when == "next"


def test_the_plans_own_capacity_goes_into_the_session(store: Store) -> None:
    _timetable(store)
    cigun = today(store, _at(11, 55))[1]
    assert start_planned(store, cigun.occurrence, _at(11, 55)).record["capacity"] == 15


def test_a_session_open_on_another_laptop_is_marked_with_that_laptops_name(store: Store) -> None:
    plans = _timetable(store)
    other = session("hall", _at(12, 2), "Cigun", plan_id=plans["Cigun"]["id"], planned_day="2026-11-23")
    other["end"] = None
    write_log(store, "2026-W48", "hall", {"sessions": [other]})
    cigun = today(store, _at(12, 10))[1]
    assert (cigun.state, cigun.laptop, cigun.session_id) == (LineState.OPEN_ELSEWHERE, "hall", other["id"])
    # The session open elsewhere is not offered: the next one to start is.
    assert [line.when for line in today(store, _at(12, 10))] == [None, None, "next", None]


def test_cancelled_and_holiday_sessions_are_marked_and_never_highlighted(store: Store) -> None:
    plans = _timetable(store)
    cancel_date(store.registry, plans["Gym"]["id"], DAY, "The hall is being painted", MONDAY)
    lines = today(store, _at(10, 10))
    assert lines[0].state is LineState.CANCELLED and lines[0].occurrence.reason == "The hall is being painted"
    assert lines[1].when == "next"
    # Wednesday 18 November 2026 is Proclamation Day: a Wednesday plan that day is the holiday.
    registry = store.registry
    add_plan(registry, MONDAY, **{**_copy(plans["Pool"]), "weekday": 3})
    (holiday,) = today(store, datetime(2026, 11, 18, 9, 0, tzinfo=RIGA))
    assert holiday.state is LineState.HOLIDAY and holiday.when is None


def test_a_session_held_in_the_timetables_place_counts_when_it_was_cancelled_too(store: Store) -> None:
    plans = _timetable(store)
    cancel_date(store.registry, plans["Pool"]["id"], DAY, "No water", MONDAY)
    held = session(store.device, _at(14), "Pool", plan_id=plans["Pool"]["id"], planned_day="2026-11-23")
    write_log(store, "2026-W48", store.device, {"sessions": [held]})
    assert today(store, _at(15, 30))[2].state is LineState.HELD


def test_an_unplanned_session_and_a_voided_one_hold_no_line(store: Store) -> None:
    plans = _timetable(store)
    unplanned = session(store.device, _at(10), "Gym")
    voided = session(store.device, _at(10), "Gym", plan_id=plans["Gym"]["id"], planned_day="2026-11-23")
    voided["voided_at"] = (_at(10) + timedelta(minutes=5)).isoformat()
    write_log(store, "2026-W48", store.device, {"sessions": [unplanned, voided]})
    assert today(store, _at(10, 30))[0].state is LineState.PLANNED


def test_today_is_the_centres_day_whatever_zone_the_clock_reads_in(store: Store) -> None:
    _timetable(store)
    # 23:30 UTC on Sunday the 22nd is 01:30 on Monday the 23rd in Riga.
    lines = today(store, datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    assert [line.occurrence.day for line in lines] == [DAY] * 4
    assert today(store, datetime(2026, 11, 22, 21, 30, tzinfo=UTC)) == []


def _copy(plan: dict[str, Any]) -> dict[str, Any]:
    keep = ("activity_id", "weekday", "start", "end", "place", "instructor", "capacity", "valid_from", "project_id")
    return {k: plan[k] for k in keep}
