"""The period report: figures counted by the test from the records it wrote, on two laptops."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from exports.people import People
from exports.periods import between, parse_month, parse_quarter, parse_week
from exports.report import period_report, write_report
from exports.spreadsheet import Sheet
from sessions.registry import Participant
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import Centre, read_csv


@pytest.fixture
def centre(store: Store, clock: Clock) -> Centre:
    return Centre(store, clock())


def _expected(centre: Centre, start: str, end: str) -> dict[tuple[str, str], int]:
    """The test's own count of the indicators, straight from the records it created."""
    sessions = centre.standing("sessions", start, end)
    checkins = centre.standing("checkins", start, end)
    trips = centre.standing("trips", start, end)
    boardings = centre.standing("boardings", start, end)
    activity = {s["id"]: s["activity"] for s in sessions}
    people = {p.id: p for p in (centre.anna, centre.janis, centre.ivan, centre.galina, centre.kersti)}
    persons = {c["participant_id"] for c in checkins} | {b["participant_id"] for b in boardings}
    year = int(end[:4])
    expected = {
        ("sessions", "all"): len(sessions),
        ("attendances", "all"): len(checkins),
        ("unique_persons", "all"): len(persons),
        ("unique_persons_sessions", "all"): len({c["participant_id"] for c in checkins}),
        ("trips", "all"): len(trips),
        ("boardings", "all"): len(boardings),
        ("unique_passengers", "all"): len({b["participant_id"] for b in boardings}),
        ("wheelchair_trips", "all"): len({b["trip_id"] for b in boardings if b["wheelchair"]}),
        ("new_participants", "all"): sum(1 for p in people.values() if start <= (p.consent_date or "") <= end),
        ("unique_persons", "65+"): sum(
            1
            for pid in persons
            if people[pid].birth_year and year - people[pid].birth_year >= 65  # type: ignore[operator]
        ),
        ("unique_persons", "age_unknown"): sum(1 for pid in persons if not people[pid].birth_year),
        ("unique_persons", "F"): sum(1 for pid in persons if people[pid].gender == "F"),
        ("unique_persons", "gender_unknown"): sum(1 for pid in persons if not people[pid].gender),
    }
    for group in ("senior", "disability", "wheelchair"):
        expected["unique_persons", group] = sum(1 for pid in persons if group in people[pid].groups)
    for name, count in Counter(activity.values()).items():
        expected["sessions", name] = count
        expected["attendances", name] = sum(1 for c in checkins if activity[c["session_id"]] == name)
        expected["unique_persons_sessions", name] = len(
            {c["participant_id"] for c in checkins if activity[c["session_id"]] == name}
        )
    return expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-11-16", "2026-11-22"),
        ("2026-11-01", "2026-11-30"),
        ("2026-11-16", "2027-01-10"),
        ("2027-01-01", "2027-01-31"),
        ("2026-12-28", "2027-01-03"),
    ],
)
def test_indicators_match_the_records(centre: Centre, store: Store, start: str, end: str) -> None:
    figures, _files = period_report(store, between(date.fromisoformat(start), date.fromisoformat(end)))
    for (measure, breakdown), value in _expected(centre, start, end).items():
        assert figures.value(measure, breakdown) == value, (measure, breakdown)


def test_km_count_corrections_and_not_voided_trips(centre: Centre, store: Store) -> None:
    figures, _files = period_report(store, parse_month("2026-11"))
    trips = centre.standing("trips", "2026-11-01", "2026-11-30")
    assert len(trips) == 1  # the voided trip is left out
    fixed = dict(trips[0])
    for correction in sorted(centre.records["corrections"], key=lambda c: c["created"]):
        if correction["target_id"] == fixed["id"]:
            fixed.update({name: change["after"] for name, change in correction["changes"].items()})
    assert fixed["odometer_end"] != trips[0]["odometer_end"]
    assert figures.value("km") == fixed["odometer_end"] - fixed["odometer_start"]


def test_a_month_reads_the_week_that_straddles_it(centre: Centre, store: Store) -> None:
    figures, files = period_report(store, parse_month("2027-01"))
    sessions = centre.standing("sessions", "2027-01-01", "2027-01-31")
    assert {s["start"][:10] for s in sessions} == {"2027-01-01", "2027-01-04"}
    assert figures.value("sessions") == len(sessions)
    assert files == 2  # 2026-W53 (holding 1 January) and 2027-W01


def test_weeks_add_up_to_the_period(centre: Centre, store: Store) -> None:
    figures, _files = period_report(store, between(date(2026, 11, 16), date(2027, 1, 10)))
    assert [w.week for w in figures.weeks][:2] == ["2026-W47", "2026-W48"]
    assert [w.week for w in figures.weeks][-2:] == ["2026-W53", "2027-W01"]
    assert sum(w.attendances for w in figures.weeks) == figures.value("attendances")
    assert sum(w.sessions for w in figures.weeks) == figures.value("sessions")
    w47 = next(w for w in figures.weeks if w.week == "2026-W47")
    persons = {c["participant_id"] for c in centre.standing("checkins", "2026-11-16", "2026-11-22")}
    persons |= {b["participant_id"] for b in centre.standing("boardings", "2026-11-16", "2026-11-22")}
    assert w47.unique_persons == len(persons)


def test_progress_is_reported_file_by_file(centre: Centre, store: Store) -> None:
    calls: list[tuple[int, int]] = []
    period_report(store, parse_quarter("2026-Q4"), progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total > 2
    assert [done for done, _t in calls] == sorted(done for done, _t in calls)


def test_the_report_is_written_with_bom_and_translatable_headers(centre: Centre, store: Store) -> None:
    result = write_report(store, parse_week("2026-W47"))
    assert [p.name for p in result.paths] == [
        "indicators.csv", "weeks.csv", "regular_sessions.csv", "report-2026-W47.pdf"
    ]  # fmt: skip
    assert result.paths[0].parent == store.data_dir / "exports" / "report-2026-W47"
    rows = read_csv(result.paths[0])
    assert list(rows[0]) == ["Measure", "Breakdown", "Value"]
    weeks = read_csv(result.paths[1])
    assert [w["Week"] for w in weeks] == ["2026-W47"]


def test_people_age_band_uses_the_period_end(store: Store, clock: Clock) -> None:
    person: Participant = store.registry.add_participant(clock(), first_name="A", last_name="B", birth_year=1961)
    people = People(store.registry)
    from exports.people import age_band

    assert age_band(people.get(person.id), date(2025, 12, 31)) == "under_65"
    assert age_band(people.get(person.id), date(2026, 1, 1)) == "65+"


def test_pseudonymised_sheet_drops_flagged_columns() -> None:
    from exports.spreadsheet import Column

    sheet = Sheet(
        "x",
        "X",
        [
            Column("code", "Code"),
            Column("name", "Name", personal=True),
            Column("wheelchair", "Wheelchair", health=True),
        ],
        [["1", "Anna", True]],
    )
    plain = sheet.pseudonymised()
    assert [c.key for c in plain.columns] == ["code"] and plain.rows == [["1"]]


def test_a_copy_that_was_voided_later_wins_over_the_older_copy(centre: Centre, store: Store) -> None:
    from sessions.clock import iso
    from tests.export_helpers import at, write_log

    before, _files = period_report(store, parse_week("2026-W47"))
    undone = dict(next(c for c in centre.records["checkins"] if c["session_id"] == centre.cigun["id"]))
    undone["voided_at"] = iso(at("2026-11-18", 11, 30))
    write_log(store, "2026-W47", "laptop3", {"checkins": [undone]})
    after, _files = period_report(store, parse_week("2026-W47"))
    assert after.value("attendances") == before.value("attendances") - 1
