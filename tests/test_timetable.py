"""The week's timetable: plans and the dates they change, as stored in the registry and read back as occurrences."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sessions.i18n import set_language
from sessions.registry import EntryError, Registry
from sessions.store import Store
from sessions.timetable import (
    add_date,
    add_plan,
    add_project,
    cancel_date,
    end_plan,
    move_date,
    occurrences,
    plans,
    replace_plan,
    set_holiday_country,
    set_regulars,
    update_plan,
    withdraw_change,
    withdraw_plan,
)
from tests.conftest import MONDAY

RIGA = ZoneInfo("Europe/Riga")
#: Wednesday 18 November 2026: Latvia's Proclamation Day.
PROCLAMATION = date(2026, 11, 18)


def _gym(store: Store, **fields: Any) -> dict[str, Any]:
    """A Monday gym plan at 10:00-11:00 from the first Monday of November 2026."""
    registry = store.registry
    activity = registry.add_item("activities", MONDAY, name="Gym", capacity=12)
    values = {
        "activity_id": activity["id"],
        "weekday": 1,
        "start": "10:00",
        "end": "11:00",
        "place": "Sporta zāle",
        "instructor": "Olga Vasiļjeva",
        "valid_from": "2026-11-02",
        **fields,
    }
    return dict(add_plan(registry, MONDAY, **values))


def _days(registry: Registry, first: date, last: date) -> list[date]:
    return [o.day for o in occurrences(registry, first, last)]


def test_a_plan_takes_place_on_its_weekday_at_its_time_on_the_centres_clock(store: Store) -> None:
    plan = _gym(store)
    found = occurrences(store.registry, date(2026, 11, 1), date(2026, 11, 30))
    assert [o.day for o in found] == [date(2026, 11, d) for d in (2, 9, 16, 23, 30)]
    first = found[0]
    assert first.start == datetime(2026, 11, 2, 10, 0, tzinfo=RIGA)
    assert first.end == datetime(2026, 11, 2, 11, 0, tzinfo=RIGA)
    assert (first.plan_id, first.activity, first.place, first.capacity) == (plan["id"], "Gym", "Sporta zāle", 12)
    assert first.key == (plan["id"], "2026-11-02")
    assert first.takes_place and first.change is None and first.holiday is None


def test_a_plan_runs_from_its_first_to_its_last_day(store: Store) -> None:
    plan = _gym(store, valid_from="09.11.2026", valid_to="2026-11-23")
    assert _days(store.registry, date(2026, 11, 1), date(2026, 12, 31)) == [date(2026, 11, d) for d in (9, 16, 23)]
    end_plan(store.registry, plan["id"], date(2026, 11, 16), MONDAY)
    assert _days(store.registry, date(2026, 11, 1), date(2026, 12, 31)) == [date(2026, 11, 9), date(2026, 11, 16)]


def test_a_plan_withdrawn_never_took_place(store: Store) -> None:
    plan = _gym(store)
    withdraw_plan(store.registry, plan["id"], MONDAY)
    assert occurrences(store.registry, date(2026, 11, 1), date(2026, 11, 30)) == []
    assert plans(store.registry) == [] and len(plans(store.registry, include_archived=True)) == 1


def test_capacity_is_the_plans_else_the_activitys(store: Store) -> None:
    plan = _gym(store, capacity="8")
    assert occurrences(store.registry, date(2026, 11, 2), date(2026, 11, 2))[0].capacity == 8
    update_plan(store.registry, plan["id"], MONDAY, capacity="")
    assert occurrences(store.registry, date(2026, 11, 2), date(2026, 11, 2))[0].capacity == 12


def test_a_cancelled_date_stays_marked_with_its_reason_until_withdrawn(store: Store) -> None:
    plan = _gym(store)
    change = cancel_date(store.registry, plan["id"], "16.11.2026", "  The instructor is ill ", MONDAY)
    found = {o.day: o for o in occurrences(store.registry, date(2026, 11, 9), date(2026, 11, 23))}
    assert found[date(2026, 11, 16)].cancelled and found[date(2026, 11, 16)].reason == "The instructor is ill"
    assert found[date(2026, 11, 16)].change_id == change["id"]
    assert not found[date(2026, 11, 9)].cancelled and not found[date(2026, 11, 23)].cancelled
    withdraw_change(store.registry, change["id"], MONDAY)
    assert not any(o.cancelled for o in occurrences(store.registry, date(2026, 11, 9), date(2026, 11, 23)))


def test_a_moved_date_takes_place_on_its_new_day_and_keeps_its_planned_day(store: Store) -> None:
    plan = _gym(store)
    moving = {"new_day": "2026-12-03", "start": "12:30", "end": "13:30", "reason": "Fair"}
    move_date(store.registry, plan["id"], date(2026, 11, 30), MONDAY, **moving)
    november = occurrences(store.registry, date(2026, 11, 24), date(2026, 11, 30))
    assert november == []  # moved out of the week it was planned in
    moved = occurrences(store.registry, date(2026, 12, 1), date(2026, 12, 6))
    assert [(o.day, o.planned_day, o.change) for o in moved] == [(date(2026, 12, 3), date(2026, 11, 30), "moved")]
    assert moved[0].start == datetime(2026, 12, 3, 12, 30, tzinfo=RIGA) and moved[0].reason == "Fair"
    assert not moved[0].cancelled and moved[0].takes_place
    assert moved[0].moved_from == (datetime(2026, 11, 30, 10, tzinfo=RIGA), datetime(2026, 11, 30, 11, tzinfo=RIGA))
    assert moved[0].key == (plan["id"], "2026-11-30")


def test_a_later_change_of_a_date_replaces_the_earlier(store: Store) -> None:
    plan = _gym(store)
    cancel_date(store.registry, plan["id"], date(2026, 11, 16), "Ill", MONDAY)
    move_date(store.registry, plan["id"], date(2026, 11, 16), MONDAY + timedelta(minutes=1), start="11:00", end="12:00")
    (only,) = occurrences(store.registry, date(2026, 11, 16), date(2026, 11, 16))
    assert (only.change, only.cancelled, only.start.hour) == ("moved", False, 11)
    standing = [c for c in store.registry.records("timetable_changes") if not c.get("archived_at")]
    assert len(standing) == 1


def test_an_added_session_is_a_one_off_of_no_plan(store: Store) -> None:
    _gym(store)
    pool = store.registry.add_item("activities", MONDAY, name="Pool", capacity=10)
    change = add_date(
        store.registry,
        MONDAY,
        day="2026-11-21",
        activity_id=pool["id"],
        start="9:30",
        end="11.00",
        place="Peldbaseins",
        instructor="Kārlis Miezis",
        reason="Make-up session",
    )
    (added,) = occurrences(store.registry, date(2026, 11, 21), date(2026, 11, 21))
    assert (added.plan_id, added.change, added.activity, added.capacity) == (None, "added", "Pool", 10)
    assert added.planned_by == change["id"] and added.start == datetime(2026, 11, 21, 9, 30, tzinfo=RIGA)
    assert added.reason == "Make-up session"


def test_a_session_on_a_public_holiday_is_the_holiday_named_in_the_apps_language(store: Store) -> None:
    _gym(store, weekday=3)
    set_language("lv")
    (holiday,) = occurrences(store.registry, PROCLAMATION, PROCLAMATION)
    assert holiday.holiday == "Latvijas Republikas Proklamēšanas diena"
    assert not holiday.takes_place and not holiday.cancelled
    set_language("en")
    assert occurrences(store.registry, PROCLAMATION, PROCLAMATION)[0].holiday == "Republic of Latvia Proclamation Day"


def test_a_partner_centre_in_lithuania_keeps_lithuanias_holidays(store: Store) -> None:
    _gym(store, weekday=3)
    set_holiday_country(store.registry, "lt", MONDAY)
    assert occurrences(store.registry, PROCLAMATION, PROCLAMATION)[0].holiday is None
    update_plan(store.registry, plans(store.registry)[0]["id"], MONDAY, weekday=1)
    # All Souls' Day, Monday 2 November 2026: named in Lithuanian, the library having no Latvian names for it.
    set_language("lv")
    assert occurrences(store.registry, date(2026, 11, 2), date(2026, 11, 2))[0].holiday == (
        "Mirusiųjų atminimo (Vėlinių) diena"
    )
    with pytest.raises(EntryError):
        set_holiday_country(store.registry, "EE", MONDAY)


def test_a_plan_changed_from_a_day_on_keeps_the_weeks_before(store: Store) -> None:
    plan = _gym(store)
    people = [store.registry.add_participant(MONDAY, first_name="Anna", last_name="Kalniņa")]
    set_regulars(store.registry, plan["id"], [people[0].id], MONDAY)
    new = replace_plan(store.registry, plan["id"], "2026-11-16", MONDAY, start="11:00", end="12:00")
    found = occurrences(store.registry, date(2026, 11, 1), date(2026, 11, 30))
    assert [(o.day.day, o.start.hour, o.plan_id) for o in found] == [
        (2, 10, plan["id"]),
        (9, 10, plan["id"]),
        (16, 11, new["id"]),
        (23, 11, new["id"]),
        (30, 11, new["id"]),
    ]
    assert found[-1].regulars == (people[0].id,)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weekday": 8}, "weekday"),
        ({"start": "25:00"}, "start"),
        ({"end": "09:00"}, "end"),
        ({"place": "  "}, "place"),
        ({"activity_id": "nothing"}, "activity_id"),
        ({"valid_to": "2026-10-01"}, "valid_to"),
        ({"valid_from": "soon"}, "valid_from"),
        ({"project_id": "nothing"}, "project_id"),
        ({"capacity": "0"}, "capacity"),
        ({"regulars": ["nobody"]}, "regulars"),
    ],
)
def test_a_plan_is_refused_naming_the_field_that_is_wrong(store: Store, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(EntryError) as refused:
        _gym(store, **fields)
    assert refused.value.field == field
    assert store.registry.records("timetable") == []


def test_a_date_is_changed_only_on_a_day_of_its_plan_and_cancelled_only_with_a_reason(store: Store) -> None:
    plan = _gym(store)
    with pytest.raises(EntryError) as refused:
        cancel_date(store.registry, plan["id"], date(2026, 11, 17), "Ill", MONDAY)  # a Tuesday
    assert refused.value.field == "day"
    with pytest.raises(EntryError) as refused:
        cancel_date(store.registry, plan["id"], date(2026, 11, 16), " ", MONDAY)
    assert refused.value.field == "reason"
    assert store.registry.records("timetable_changes") == []


def test_projects_are_a_list_and_writes_are_audited(store: Store) -> None:
    project = add_project(store.registry, MONDAY, "LLI-550", "Active seniors")
    plan = _gym(store, project_id=project["id"])
    assert occurrences(store.registry, date(2026, 11, 2), date(2026, 11, 2))[0].project_id == project["id"]
    assert [p["name"] for p in store.registry.items("projects")] == ["LLI-550"]
    with pytest.raises(EntryError):
        add_project(store.registry, MONDAY, "lli-550")
    targets = {entry["target"] for entry in store.registry.audit()}
    assert {f"timetable:{plan['id']}", f"projects:{project['id']}"} <= targets


def test_the_timetable_is_read_back_from_the_file(tmp_path: Any) -> None:
    with Store(tmp_path / "data") as store:
        plan = _gym(store)
        cancel_date(store.registry, plan["id"], date(2026, 11, 9), "Closed for repairs", MONDAY)
    with Store(tmp_path / "data") as again:
        found = occurrences(again.registry, date(2026, 11, 2), date(2026, 11, 9))
        shown = [(o.day.day, o.cancelled, o.reason) for o in found]
        assert shown == [(2, False, None), (9, True, "Closed for repairs")]
