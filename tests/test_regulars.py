"""Regulars of a regular session, who of them did not come, who to propose, and who has not come lately."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from sessions.clock import week_key
from sessions.registry import EntryError
from sessions.regulars import (
    missing_regulars,
    not_seen,
    not_seen_weeks,
    propose_regulars,
    set_not_seen_weeks,
    stopped_coming,
)
from sessions.store import Store
from sessions.timetable import add_plan, set_regulars
from tests.conftest import MONDAY, RIGA
from tests.export_helpers import boarding, checkin, session, trip, write_log

Record = dict[str, Any]
TODAY = MONDAY.date()


def _gym(store: Store) -> dict[str, Any]:
    activity = store.registry.add_item("activities", MONDAY, name="Gym", capacity=12)
    return dict(
        add_plan(
            store.registry,
            MONDAY,
            activity_id=activity["id"],
            weekday=1,
            start="10:00",
            end="11:00",
            place="Zāle",
            instructor="Olga",
            valid_from="2026-09-07",
        )
    )


def _people(store: Store, *names: str, **fields: Any) -> list[Any]:
    return [store.registry.add_participant(MONDAY, first_name=n, last_name="Ozols", **fields) for n in names]


def _write(store: Store, records: dict[str, list[Record]], device: str = "hall") -> None:
    """Write each record into the week of its time."""
    by_week: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for table, found in records.items():
        for record in found:
            moment = record.get("start") or record.get("departure") or record["at"]
            by_week[week_key(datetime.fromisoformat(moment))][table].append(record)
    for week, tables in by_week.items():
        write_log(store, week, device, dict(tables))


def test_the_regulars_who_did_not_come_are_named(store: Store) -> None:
    plan = _gym(store)
    anna, juris, ilze, valdis = _people(store, "Anna", "Juris", "Ilze", "Valdis")
    set_regulars(store.registry, plan["id"], [anna.id, juris.id, ilze.id, valdis.id], MONDAY)
    store.registry.archive_participant(valdis.id, MONDAY)
    held = session("hall", MONDAY, "Gym", plan_id=plan["id"], planned_day=TODAY.isoformat())
    checkins = [checkin("hall", held, anna.id), checkin("hall", held, juris.id, voided_at=MONDAY.isoformat())]
    missing = missing_regulars(store.registry, held, checkins)
    assert [p.first_name for p in missing] == ["Ilze", "Juris"]
    assert missing_regulars(store.registry, session("hall", MONDAY, "Gym"), []) == []


def test_those_who_came_most_to_a_plan_are_proposed_first(store: Store) -> None:
    plan = _gym(store)
    anna, juris, ilze, dace = _people(store, "Anna", "Juris", "Ilze", "Dace")
    set_regulars(store.registry, plan["id"], [ilze.id], MONDAY)
    records: dict[str, list[Record]] = {"sessions": [], "checkins": []}
    for weeks_ago, people in ((1, [anna, juris]), (2, [anna]), (3, [anna, ilze])):
        day = MONDAY - timedelta(weeks=weeks_ago)
        held = session("hall", day.replace(hour=10), "Gym", plan_id=plan["id"], planned_day=day.date().isoformat())
        records["sessions"].append(held)
        records["checkins"] += [checkin("hall", held, p.id) for p in people]
    # From before the timetable: the gym on a Monday at 10:30 counts; on a Tuesday, or long ago, it does not.
    before = session("hall", (MONDAY - timedelta(weeks=4)).replace(hour=10, minute=30), "Gym")
    tuesday = session("hall", (MONDAY - timedelta(weeks=4, days=-1)).replace(hour=10), "Gym")
    long_ago = session("hall", (MONDAY - timedelta(weeks=9)).replace(hour=10), "Gym")
    for other in (before, tuesday, long_ago):
        other["activity_id"] = plan["activity_id"]
        records["sessions"].append(other)
        records["checkins"].append(checkin("hall", other, dace.id))
    records["checkins"].append(checkin("hall", before, juris.id))
    _write(store, records)
    proposed = propose_regulars(store, plan["id"], MONDAY)
    assert [(p.participant.first_name, p.visits, p.held, p.regular) for p in proposed] == [
        ("Anna", 3, 4, False),
        ("Juris", 2, 4, False),
        ("Dace", 1, 4, False),
        ("Ilze", 1, 4, True),
    ]
    with pytest.raises(EntryError):
        propose_regulars(store, "no-such-plan", MONDAY)


@pytest.mark.parametrize(
    ("visits", "listed"),
    [
        ([21, 28, 35, 42], True),  # four days in the eight weeks up to the last, three weeks ago
        ([21, 28, 35], False),  # three: not regular
        ([21, 21, 28, 35], False),  # twice on one day is one visit
        ([21, 28, 35, 77], False),  # the fourth falls out of the eight weeks before the last
        ([20, 28, 35, 42], False),  # seen 20 days ago: not yet three weeks
        ([21 + 7 * 26, 28 + 7 * 26, 35 + 7 * 26, 42 + 7 * 26], True),  # 29 weeks ago: still listed
        ([22 + 7 * 26, 28 + 7 * 26, 35 + 7 * 26, 42 + 7 * 26], False),  # longer ago: stopped long before
    ],
)
def test_came_regularly_and_not_seen_for_three_weeks(visits: list[int], listed: bool) -> None:
    days = {"p": [TODAY - timedelta(days=d) for d in visits]}
    found = stopped_coming(days, TODAY, 3)
    assert bool(found) is listed
    if listed:
        assert found == [("p", TODAY - timedelta(days=visits[0]), 4)]


def test_staff_see_who_stopped_coming_with_their_last_visit_and_contact(store: Store) -> None:
    anna, juris, ilze, valdis = _people(store, "Anna", "Juris", "Ilze", "Valdis")
    store.registry.update_participant(anna.id, MONDAY, contact="+371 20000001, daughter Ilze")
    records: dict[str, list[Record]] = {"sessions": [], "checkins": [], "trips": [], "boardings": []}
    for weeks_ago in range(4, 12):
        held = session("hall", MONDAY - timedelta(weeks=weeks_ago), "Gym")
        records["sessions"].append(held)
        records["checkins"] += [checkin("hall", held, p.id) for p in (anna, juris, ilze, valdis)]
    # Juris still rides the minibus: he has been seen. Ilze still comes. Valdis was archived.
    outing = trip("hall", datetime(2026, 11, 19, 10, tzinfo=RIGA), (100, 140))
    records["trips"].append(outing)
    records["boardings"].append(boarding("hall", outing, juris.id))
    recent = session("hall", MONDAY - timedelta(weeks=1), "Gym")
    records["sessions"].append(recent)
    records["checkins"].append(checkin("hall", recent, ilze.id))
    _write(store, records)
    store.registry.archive_participant(valdis.id, MONDAY)
    (away,) = not_seen(store, MONDAY)
    assert away.participant.id == anna.id and away.contact == "+371 20000001, daughter Ilze"
    assert (away.last_visit, away.visits, away.weeks_away) == (date(2026, 10, 26), 8, 4)
    assert not_seen(store, MONDAY, weeks=5) == []


def test_staff_set_the_weeks(store: Store) -> None:
    assert not_seen_weeks(store.registry) == 3
    set_not_seen_weeks(store.registry, " 5 ", MONDAY)
    assert not_seen_weeks(store.registry) == 5
    with pytest.raises(EntryError) as refused:
        set_not_seen_weeks(store.registry, "0", MONDAY)
    assert refused.value.field == "not_seen_weeks"
