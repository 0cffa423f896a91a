"""A report counted from the closed weeks' summaries equals the report counted from the files alone, figure by figure.

Random histories on real files: sessions and trips on two laptops, check-ins and boardings
(some voided), voided sessions and trips, corrections in the same week and weeks later
(a trip's odometer, a session's start moved, a check-in voided by a correction), a file
that arrives late from a third laptop after the summaries were made, an erased person,
a damaged summary or people table, sessions in the weeks of the clock changes, late at night, and in ISO
week 53. The weeks of a finished year are added up into a roll-up (exports/rollups.py); so that periods
cut through roll-ups and corrections reach into them, half the examples roll up every ten weeks instead.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports import rollups
from exports.periods import Period, between, parse_month, parse_week
from exports.report import period_report, period_report_from_files
from exports.summaries import summaries_dir
from sessions.clock import iso, week_key
from sessions.privacy import erase_participant
from sessions.records import new_record
from sessions.store import Store
from sessions.timetable import add_plan
from tests.export_helpers import boarding, checkin, session, trip, write_log

#: Weeks of 2026 and 2027 with their pitfalls: the spring and autumn clock changes, week 53, the year's turn.
DAYS = [
    "2026-03-23", "2026-03-27", "2026-03-29",  # W13: summer time begins on Sunday 29 March
    "2026-10-19", "2026-10-25",  # W43: winter time on Sunday 25 October
    "2026-11-16", "2026-11-18",
    "2026-12-28", "2026-12-31", "2027-01-03",  # W53 of 2026
    "2027-01-04", "2027-01-08",
]  # fmt: skip
HOURS = [0, 1, 9, 10, 17, 23]
RIGA = ZoneInfo("Europe/Riga")  # the clock changes, not a fixed offset
DEVICES = ["hall", "minibus"]
PERIODS = [
    between(date(2026, 1, 1), date(2027, 12, 31)),
    parse_week("2026-W53"),
    parse_month("2026-12"),
    between(date(2026, 3, 25), date(2026, 10, 25)),
    parse_week("2026-W13"),
]
NOWS = [datetime(2027, 3, 1, 12, tzinfo=RIGA), datetime(2027, 1, 6, 12, tzinfo=RIGA)]

moments = st.builds(
    lambda day, hour, minute: _moment(day, hour, minute),
    st.sampled_from(DAYS),
    st.sampled_from(HOURS),
    st.integers(0, 59),
)


def _moment(day: str, hour: int, minute: int) -> datetime:
    year, month, dom = map(int, day.split("-"))
    return datetime(year, month, dom, hour, minute, tzinfo=RIGA)


held_sessions = st.lists(
    st.fixed_dictionaries(
        {
            "start": moments,
            "device": st.sampled_from(DEVICES),
            "activity": st.sampled_from(["Gym", "Cigun", "Pool"]),
            "planned": st.booleans(),
            "project": st.sampled_from([None, "p-lli", "p-esf"]),
            "voided": st.sampled_from([False, False, True]),
            "came": st.lists(st.tuples(st.integers(0, 11), st.booleans()), max_size=6),
        }
    ),
    max_size=6,
)
trips_made = st.lists(
    st.fixed_dictionaries(
        {
            "departure": moments,
            "km": st.integers(-5, 80),
            "guests": st.integers(0, 2),
            "project": st.sampled_from([None, "p-lli"]),
            "voided": st.sampled_from([False, False, True]),
            "rode": st.lists(st.tuples(st.integers(0, 5), st.booleans(), st.integers(0, 1), st.booleans()), max_size=4),
        }
    ),
    max_size=4,
)
#: (what is corrected, its index, weeks later the correction is made, the change)
fixes = st.lists(
    st.tuples(
        st.sampled_from(["trips", "sessions", "checkins"]), st.integers(0, 5), st.integers(0, 3), st.integers(0, 3)
    ),
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sessions=held_sessions,
    trips=trips_made,
    fixes=fixes,
    late=held_sessions,
    erase=st.integers(-1, 11),
    damage=st.sampled_from([None, "week", "people"]),
    now=st.sampled_from(NOWS),
    tens=st.booleans(),
)
def test_the_report_from_summaries_equals_the_report_from_the_files(
    sessions: list[dict[str, Any]],
    trips: list[dict[str, Any]],
    fixes: list[tuple[str, int, int, int]],
    late: list[dict[str, Any]],
    erase: int,
    damage: str | None,
    now: datetime,
    tens: bool,
) -> None:
    unit = (lambda week: week[:7]) if tens else rollups.unit_of  # "2026-W1": weeks 10 to 19
    with (
        patch.object(rollups, "unit_of", unit),
        tempfile.TemporaryDirectory() as folder,
        Store(Path(folder) / "data") as store,
    ):
        people, plan = _centre(store)
        _history(store, people, plan, sessions, trips, fixes)
        for period in PERIODS:
            _same(store, period, now)  # the summaries made
            _same(store, period, now)  # the summaries read
        _late_file(store, people, late)  # a third laptop's files arrive after the summaries were made
        if 0 <= erase < len(people):
            erase_participant(store, people[erase], now)
        kept = sorted(summaries_dir(store.data_dir).glob("*-W*.json"))
        rolled = sorted((summaries_dir(store.data_dir) / "years").glob("*.json"))
        if damage == "week" and kept:
            kept[0].write_text('{"format": 1, "files": [', "utf-8")
        if damage == "week" and rolled:
            rolled[-1].write_text('{"format": 1, "rollup": true, "files": {', "utf-8")
        if damage == "people" and kept:  # the table the summaries number persons by: every summary made again
            (summaries_dir(store.data_dir) / "people.json").write_text('{"table": "0", "ids": "a\\nb"}', "utf-8")
        for period in PERIODS:
            _same(store, period, now)


def _same(store: Store, period: Period, now: datetime) -> None:
    expected, _files = period_report_from_files(store, period, now=now)
    found, _read = period_report(store, period, now=now)
    assert dict(_keyed(found.rows)) == dict(_keyed(expected.rows))
    assert found.rows == expected.rows
    assert found.weeks == expected.weeks
    assert found.days == expected.days
    assert found.plans == expected.plans
    assert found.projects == expected.projects


def _keyed(rows: list[tuple[str, str, int]]) -> list[tuple[tuple[str, str], int]]:
    return [((measure, part), value) for measure, part, value in rows]


def _centre(store: Store) -> tuple[list[str], dict[str, Any]]:
    registry = store.registry
    monday = datetime(2026, 1, 5, 9, tzinfo=RIGA)
    people = [
        registry.add_participant(
            monday, first_name=f"Persona{n}", last_name="Kalniņa", birth_year=1940 + 7 * n, gender="FM"[n % 2],
            groups=[["senior"], ["disability"], ["senior", "wheelchair"], []][n % 4],
        ).id
        for n in range(12)
    ]  # fmt: skip
    gym = registry.add_item("activities", monday, name="Gym", capacity=12)
    plan = add_plan(
        registry, monday, activity_id=gym["id"], weekday=1, start="10:00", end="11:00", place="Zāle",
        instructor="Olga", valid_from="2026-01-05",
    )  # fmt: skip
    return people, dict(plan)


def _history(
    store: Store,
    people: list[str],
    plan: dict[str, Any],
    sessions: list[dict[str, Any]],
    trips: list[dict[str, Any]],
    fixes: list[tuple[str, int, int, int]],
) -> bool:
    tables: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}

    def put(week: str, device: str, table: str, record: dict[str, Any]) -> None:
        tables.setdefault((week, device), {}).setdefault(table, []).append(record)

    made = _sessions(sessions, people, plan, put)
    rides = _trips(trips, people, put)
    for table, index, later, change in fixes:
        targets = {"trips": rides, "sessions": made[0], "checkins": made[1]}[table]
        if not targets:
            continue
        target, week = targets[index % len(targets)]
        when = datetime.fromisoformat(_monday_of(week)).replace(hour=12, tzinfo=RIGA) + timedelta(weeks=later, days=2)
        put(week_key(when), "minibus", "corrections", _correction(when, table, target, change))
    for (week, device), records in tables.items():
        write_log(store, week, device, records)
    return bool(tables)


def _sessions(
    sessions: list[dict[str, Any]], people: list[str], plan: dict[str, Any], put: Any
) -> tuple[list[tuple[dict[str, Any], str]], list[tuple[dict[str, Any], str]]]:
    made, came = [], []
    for s in sessions:
        start: datetime = s["start"]
        fields: dict[str, Any] = {"project_id": s["project"]}
        if s["planned"]:
            monday = start.date() - timedelta(days=start.weekday())
            fields |= {"plan_id": plan["id"], "planned_day": monday.isoformat()}
        record = session(s["device"], start, s["activity"], **fields)
        if s["voided"]:
            record["voided_at"] = iso(start)
        week = week_key(start)
        put(week, s["device"], "sessions", record)
        made.append((record, week))
        for n, (person, voided) in enumerate(s["came"]):
            record_in = checkin(s["device"], record, people[person], n, voided_at=iso(start) if voided else None)
            put(week, s["device"], "checkins", record_in)
            came.append((record_in, week))
    return made, came


def _trips(trips: list[dict[str, Any]], people: list[str], put: Any) -> list[tuple[dict[str, Any], str]]:
    made = []
    for t in trips:
        departure: datetime = t["departure"]
        record = trip("minibus", departure, (1000, 1000 + t["km"]), guests=t["guests"], project_id=t["project"])
        if t["voided"]:
            record["voided_at"] = iso(departure)
        week = week_key(departure)
        put(week, "minibus", "trips", record)
        made.append((record, week))
        for person, wheelchair, escorts, voided in t["rode"]:
            voided_at = iso(departure) if voided else None
            rode = boarding("minibus", record, people[person], wheelchair, escorts=escorts, voided_at=voided_at)
            put(week, "minibus", "boardings", rode)
    return made


def _correction(when: datetime, table: str, target: dict[str, Any], change: int) -> dict[str, Any]:
    if table == "trips":
        changes = {"odometer_end": {"before": target["odometer_end"], "after": target["odometer_end"] + change * 7}}
    elif table == "sessions":
        moved = datetime.fromisoformat(target["start"]) + timedelta(days=change * 3 - 4)
        changes = {"start": {"before": target["start"], "after": iso(moved)}}
    else:
        changes = {"voided_at": {"before": None, "after": iso(when)}}
    return new_record("minibus", when, target_table=table, target_id=target["id"], changes=changes, by="staff",
                      reason="put right")  # fmt: skip


def _monday_of(week: str) -> str:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1).isoformat()


def _late_file(store: Store, people: list[str], late: list[dict[str, Any]]) -> None:
    tables: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for s in late:
        record = session("office", s["start"], s["activity"], project_id=s["project"])
        week = tables.setdefault(week_key(s["start"]), {"sessions": [], "checkins": []})
        week["sessions"].append(record)
        week["checkins"] += [checkin("office", record, people[p], n) for n, (p, _v) in enumerate(s["came"])]
    for week, records in tables.items():
        write_log(store, week, "office", records)
