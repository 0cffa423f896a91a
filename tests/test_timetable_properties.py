"""The timetable's rules as properties: over any timetable, changes of dates, holidays and periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from sessions.clock import week_key, week_of
from sessions.planned import STATUSES, count_planned
from sessions.public_holidays import holidays_between
from sessions.recurrence import Occurrence, expand

RIGA = ZoneInfo("Europe/Riga")
ACTIVITIES = {"gym": {"id": "gym", "name": "Gym", "capacity": 12}}
EARLIEST, LATEST = date(2025, 1, 1), date(2029, 12, 31)

Record = dict[str, Any]

days = st.dates(min_value=EARLIEST, max_value=LATEST)


@st.composite
def plans(draw: st.DrawFn) -> list[Record]:
    found = []
    for number in range(draw(st.integers(1, 3))):
        begins = draw(days)
        hour, minutes = draw(st.integers(7, 19)), draw(st.sampled_from([0, 15, 30, 45]))
        length = draw(st.integers(1, 3))
        ends = draw(st.none() | st.integers(0, 400).map(lambda n, b=begins: b + timedelta(days=n)))
        found.append(
            {
                "id": f"plan-{number}",
                "activity_id": "gym",
                "weekday": draw(st.integers(1, 7)),
                "start": f"{hour:02d}:{minutes:02d}",
                "end": f"{hour + length:02d}:{minutes:02d}",
                "place": "Zāle",
                "instructor": "Olga",
                "capacity": None,
                "valid_from": begins.isoformat(),
                "valid_to": ends.isoformat() if ends else None,
                "project_id": draw(st.sampled_from([None, "LLI-550", "LLI-425"])),
                "regulars": [],
                "archived_at": None,
            }
        )
    return found


@st.composite
def changes(draw: st.DrawFn, plans: list[Record]) -> list[Record]:
    """Changes of the plans' own days (mostly) and of other days, made at any moment, some withdrawn."""
    found = []
    for number in range(draw(st.integers(0, 8))):
        plan = draw(st.sampled_from(plans))
        first = date.fromisoformat(plan["valid_from"])
        on = first + timedelta(days=(plan["weekday"] - first.isoweekday()) % 7, weeks=draw(st.integers(0, 30)))
        if draw(st.booleans()):
            on = draw(days)  # perhaps not a day of the plan: applies to nothing
        kind = draw(st.sampled_from(["cancelled", "moved", "added"]))
        moved_to = on + timedelta(days=draw(st.integers(-10, 10)))
        found.append(
            {
                "id": f"change-{number}",
                "created": f"2025-01-01T09:{draw(st.integers(0, 59)):02d}:00+02:00",
                "device": draw(st.sampled_from(["hall", "office"])),
                "plan_id": None if kind == "added" else plan["id"],
                "day": on.isoformat(),
                "kind": kind,
                "reason": "Ill" if kind == "cancelled" else None,
                "new_day": moved_to.isoformat() if kind != "cancelled" else None,
                "start": "12:00" if kind != "cancelled" else None,
                "end": "13:00" if kind != "cancelled" else None,
                "activity_id": "gym" if kind == "added" else None,
                "archived_at": "2025-01-02T09:00:00+02:00" if draw(st.integers(0, 4)) == 0 else None,
            }
        )
    return found


@st.composite
def timetables(draw: st.DrawFn) -> tuple[list[Record], list[Record]]:
    made = draw(plans())
    return made, draw(changes(made))


@st.composite
def periods(draw: st.DrawFn) -> tuple[list[Record], list[Record], date, date]:
    """A timetable and a period over some of its weeks (where its changes are)."""
    made, changed = draw(timetables())
    begins = date.fromisoformat(draw(st.sampled_from(made))["valid_from"])
    first = begins + timedelta(days=draw(st.integers(-20, 150)))
    return made, changed, first, first + timedelta(days=draw(st.integers(0, 120)))


def _expand(made: list[Record], changed: list[Record], first: date, last: date) -> list[Occurrence]:
    return expand(made, changed, ACTIVITIES, first, last, holidays_between(first, last, "LV"), RIGA)


@given(periods(), st.integers(0, 120))
def test_a_period_split_in_two_holds_the_same_sessions_each_once(
    period: tuple[list[Record], list[Record], date, date], split: int
) -> None:
    made, changed, first, last = period
    middle = min(first + timedelta(days=split), last)
    whole = _expand(made, changed, first, last)
    parts = _expand(made, changed, first, middle) + _expand(made, changed, middle + timedelta(days=1), last)
    assert sorted(o.key for o in whole) == sorted(o.key for o in parts)
    assert len({o.key for o in whole}) == len(whole)  # each planned session once: a change applied once
    assert all(first <= o.day <= last for o in whole)  # a moved one on its new day only


@given(periods())
def test_sessions_take_place_only_on_their_plans_days_within_its_bounds(
    period: tuple[list[Record], list[Record], date, date],
) -> None:
    made, changed, first, last = period
    by_id = {plan["id"]: plan for plan in made}
    found = _expand(made, changed, first, last)
    for occurrence in found:
        if occurrence.plan_id is None:
            assert occurrence.change == "added"
            continue
        plan = by_id[occurrence.plan_id]
        assert occurrence.planned_day.isoweekday() == plan["weekday"]
        assert plan["valid_from"] <= occurrence.planned_day.isoformat() <= (plan["valid_to"] or "9999")
    # Every day of a plan in the period is there, unless its date was moved out of the period.
    keys = {o.key for o in found}
    moved_out = {(c["plan_id"], c["day"]) for c in changed if c["kind"] == "moved" and not c["archived_at"]}
    for plan in made:
        day = first
        while day <= last:
            bounded = plan["valid_from"] <= day.isoformat() <= (plan["valid_to"] or "9999")
            if day.isoweekday() == plan["weekday"] and bounded and (plan["id"], day.isoformat()) not in moved_out:
                assert (plan["id"], day.isoformat()) in keys
            day += timedelta(days=1)


@given(periods())
def test_a_holiday_falls_on_the_timetables_own_days_and_is_never_a_session_held_cancelled_or_missed(
    period: tuple[list[Record], list[Record], date, date],
) -> None:
    made, changed, first, last = period
    holidays = holidays_between(first - timedelta(days=30), last + timedelta(days=30), "LV")
    found = _expand(made, changed, first, last)
    for occurrence in found:
        on_holiday = occurrence.planned_day in holidays and occurrence.change not in ("moved", "added")
        assert (occurrence.holiday is not None) is on_holiday
        assert not (occurrence.holiday and occurrence.takes_place)
    figures = count_planned(found, [], [], datetime(2031, 1, 1, tzinfo=RIGA))
    assert figures.total.holidays == sum(1 for o in found if o.holiday)
    assert figures.total.not_held + figures.total.cancelled == figures.total.planned


@given(periods(), st.data())
def test_a_session_is_never_both_held_and_cancelled_and_each_is_counted_once(
    period: tuple[list[Record], list[Record], date, date], data: st.DataObject
) -> None:
    made, changed, first, last = period
    found = _expand(made, changed, first, last)
    held = data.draw(st.sets(st.sampled_from([o.key for o in found]))) if found else set()
    sessions = [{"id": f"s{n}", "plan_id": pid, "planned_day": day} for n, (pid, day) in enumerate(sorted(held))]
    sessions += [{"id": "again", "plan_id": pid, "planned_day": day} for pid, day in sorted(held)[:1]]
    sessions.append({"id": "by-hand", "plan_id": None, "planned_day": None})
    now = datetime.combine(data.draw(days), time(12), RIGA)
    figures = count_planned(found, sessions, [], now)
    assert set(figures.statuses) == {o.key for o in found}
    assert set(figures.statuses.values()) <= set(STATUSES)
    for occurrence in found:
        status = figures.statuses[occurrence.key]
        assert (status == "held") is (occurrence.key in held)
        assert status != "cancelled" or (occurrence.cancelled and occurrence.key not in held)
    total = figures.total
    assert total.held == len(held) and total.unplanned == 1
    assert total.planned == total.held + total.cancelled + total.not_held + total.to_come
    assert total.planned + total.holidays == len(found)
    assert sum(t.planned for t in figures.projects.values()) == total.planned


@given(st.integers(2025, 2035), st.sampled_from([3, 10]), st.integers(1, 7), st.integers(7, 20))
def test_a_session_keeps_its_wall_clock_time_across_the_clock_change(
    year: int, month: int, weekday: int, hour: int
) -> None:
    # The last Sunday of March (summer time begins) or of October (it ends) in Riga.
    change = max(date(year, month, d) for d in range(25, 32) if date(year, month, d).isoweekday() == 7)
    plan = {
        "id": "p",
        "activity_id": "gym",
        "weekday": weekday,
        "start": f"{hour:02d}:00",
        "end": f"{hour + 1:02d}:00",
        "valid_from": "2020-01-01",
        "valid_to": None,
    }
    # The week before the change, and the week from it (the Sunday itself is after the change at 03:00-04:00).
    found = expand([plan], [], ACTIVITIES, change - timedelta(days=7), change + timedelta(days=6), {}, RIGA)
    assert len(found) == 2
    before, after = found
    for occurrence in found:
        assert (occurrence.start.hour, occurrence.start.minute) == (hour, 0)
        assert occurrence.end - occurrence.start == timedelta(hours=1)
    assert before.start.utcoffset() != after.start.utcoffset()
    # A week apart on the wall clock, an hour less (March) or more (October) in time elapsed.
    elapsed = after.start.astimezone(UTC) - before.start.astimezone(UTC)
    assert elapsed == timedelta(weeks=1) - (after.start.utcoffset() - before.start.utcoffset())
    winter, summer = timedelta(hours=2), timedelta(hours=3)
    assert (before.start.utcoffset(), after.start.utcoffset()) == ((winter, summer) if month == 3 else (summer, winter))


@given(st.integers(2000, 2100).filter(lambda y: date(y, 12, 28).isocalendar()[1] == 53), st.integers(1, 7))
def test_week_53_has_its_sessions(year: int, weekday: int) -> None:
    week = f"{year}-W53"
    monday, sunday = week_of(week)
    plan = {
        "id": "p",
        "activity_id": "gym",
        "weekday": weekday,
        "start": "10:00",
        "end": "11:00",
        "valid_from": f"{year}-01-01",
    }
    (occurrence,) = expand([plan], [], ACTIVITIES, monday, sunday, {}, RIGA)
    assert week_key(occurrence.day) == week and occurrence.day.isoweekday() == weekday


def test_2026_has_53_iso_weeks() -> None:
    assert week_of("2026-W53") == (date(2026, 12, 28), date(2027, 1, 3))
    assert week_key(date(2027, 1, 3)) == "2026-W53"


@st.composite
def moves(draw: st.DrawFn) -> tuple[list[Record], list[Record], Record]:
    """A timetable, its changes, and a date of one of its plans moved last of all (so the move stands)."""
    made, changed = draw(timetables())
    plan = draw(st.sampled_from(made))
    begins = date.fromisoformat(plan["valid_from"])
    day = begins + timedelta(days=(plan["weekday"] - begins.isoweekday()) % 7, weeks=draw(st.integers(0, 20)))
    if plan["valid_to"] and day.isoformat() > plan["valid_to"]:
        day = begins + timedelta(days=(plan["weekday"] - begins.isoweekday()) % 7)
    if plan["valid_to"] and day.isoformat() > plan["valid_to"]:
        plan["valid_to"] = None
    move = {
        "id": "the-move",
        "created": "2025-01-01T10:00:00+02:00",
        "device": "hall",
        "plan_id": plan["id"],
        "day": day.isoformat(),
        "kind": "moved",
        "new_day": (day + timedelta(days=draw(st.integers(-10, 10)))).isoformat(),
        "start": "16:00",
        "end": "17:00",
        "archived_at": None,
    }
    return made, [*changed, move], move


@given(moves(), st.integers(-15, 15), st.integers(0, 30))
def test_a_moved_session_is_counted_once_on_its_new_day(
    moved: tuple[list[Record], list[Record], Record], offset: int, length: int
) -> None:
    made, changed, move = moved
    new_day, planned_day = date.fromisoformat(move["new_day"]), date.fromisoformat(move["day"])
    first = new_day + timedelta(days=offset)
    last = first + timedelta(days=length)
    key = (move["plan_id"], move["day"])
    found = [o for o in _expand(made, changed, first, last) if o.key == key]
    if first <= new_day <= last:
        (occurrence,) = found
        assert (occurrence.day, occurrence.planned_day, occurrence.change) == (new_day, planned_day, "moved")
        assert (occurrence.start.hour, occurrence.holiday) == (16, None)
    else:
        assert found == []


def test_of_two_changes_of_one_date_the_one_made_last_stands_whatever_order_they_come_in() -> None:
    plan = {"id": "p", "activity_id": "gym", "weekday": 1, "start": "10:00", "end": "11:00", "valid_from": "2026-11-02"}
    cancelled = {
        "id": "c1",
        "created": "2026-11-10T09:00:00+02:00",
        "device": "office",
        "plan_id": "p",
        "day": "2026-11-16",
        "kind": "cancelled",
        "reason": "Ill",
    }
    moved = {**cancelled, "id": "c2", "created": "2026-11-10T09:00:01+02:00", "device": "hall", "kind": "moved"}
    moved |= {"new_day": "2026-11-17", "start": "12:00", "end": "13:00", "reason": None}
    week = (date(2026, 11, 16), date(2026, 11, 22))
    for changes in ([cancelled, moved], [moved, cancelled]):
        (only,) = expand([plan], changes, ACTIVITIES, *week, {}, RIGA)
        assert (only.change, only.day, only.cancelled) == ("moved", date(2026, 11, 17), False)
    # Made at the same moment on two laptops: the laptop named last stands, on every laptop.
    same = {**moved, "created": cancelled["created"], "device": "alpha"}
    (only,) = expand([plan], [same, cancelled], ACTIVITIES, *week, {}, RIGA)
    assert only.change == "cancelled"


def test_a_session_moved_off_a_holiday_takes_place() -> None:
    plan = {"id": "p", "activity_id": "gym", "weekday": 3, "start": "10:00", "end": "11:00", "valid_from": "2026-11-02"}
    moved = {"id": "m", "plan_id": "p", "day": "2026-11-18", "kind": "moved", "new_day": "2026-11-19"}
    week = (date(2026, 11, 16), date(2026, 11, 22))
    holidays = holidays_between(*week, "LV")
    assert date(2026, 11, 18) in holidays
    (kept,) = expand([plan], [], ACTIVITIES, *week, holidays, RIGA)
    assert kept.holiday is not None and not kept.takes_place
    (moved_off,) = expand([plan], [moved], ACTIVITIES, *week, holidays, RIGA)
    assert moved_off.holiday is None and moved_off.takes_place and moved_off.day == date(2026, 11, 19)
