"""The trip rules: open, board, capacity, close with the odometer, corrections, restart."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from sessions.boarding import board, board_person, change_boarding, set_guests, void_boarding
from sessions.checkin import Colour, Outcome
from sessions.clock import week_key, week_of
from sessions.codes import new_code
from sessions.records import new_record
from sessions.registry import EntryError
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.trip_log import TripRow, correct_trip, find_trip, trips_between
from sessions.trips import OverCapacity, close_trip, ensure_purposes, open_trip, open_trips
from tests.conftest import Clock

START_KM = 84210


def _setup(store: Store, clock: Clock, seats: int = 8, places: int = 2):
    vehicle = store.registry.add_item(
        "vehicles",
        clock(),
        name="Renault Trafic",
        plate="HN-4521",
        seats=seats,
        wheelchair_places=places,
        lift=True,
        odometer=START_KM,
    )
    people = [
        store.registry.add_participant(clock(), first_name=first, last_name=last, groups=groups)
        for first, last, groups in [
            ("Jānis", "Bērziņš", ["senior"]),
            ("Anna", "Kalniņa", ["senior", "wheelchair"]),
            ("Иван", "Петров", ["senior"]),
            ("Zane", "Ķēniņa", ["disability", "wheelchair"]),
            ("Māra", "Jansone", ["senior"]),
        ]
    ]
    return vehicle, people


def _open(store: Store, clock: Clock, vehicle: dict, **changes):
    fields = dict(
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination="Latgales vēstniecība GORS",
        departure=clock(),
        odometer_start=str(START_KM),
        safety_check=True,
        now=clock(),
    )
    return open_trip(store, **{**fields, **changes})


def _on_disk(store: Store, clock: Clock) -> dict:
    return read_log(store.log_path(week_key(clock()))) or {}


def test_a_trip_from_opening_to_closing(store: Store, clock: Clock) -> None:
    vehicle, people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    assert [t.id for t in open_trips(store)] == [trip.id]
    answers = [board(trip, store.registry, p.code, clock.tick(seconds=20)) for p in people]
    assert [a.outcome for a in answers] == [Outcome.BOARDED] * 5
    assert all(a.colour is Colour.GREEN for a in answers)
    again = board(trip, store.registry, people[0].code, clock.tick(seconds=5))
    assert again.colour is Colour.YELLOW and again.outcome is Outcome.ALREADY_ABOARD
    # wheelchair and lift come from the profile
    assert [b["wheelchair"] for b in trip.active()] == [p.uses_wheelchair for p in people]
    assert [b["lift"] for b in trip.active()] == [p.uses_wheelchair for p in people]
    change_boarding(trip, trip.active()[0]["id"], clock(), escorts=1)
    summary = close_trip(store, trip, returned=clock.tick(hours=2), odometer_end="84 262", now=clock())
    assert (summary.km, summary.load.passengers, summary.load.wheelchair, summary.load.escorts) == (52, 5, 2, 1)
    assert open_trips(store) == []
    assert store.registry.item("vehicles", vehicle["id"])["odometer"] == 84262
    data = _on_disk(store, clock)
    record = next(iter(data["trips"].values()))
    assert (record["odometer_start"], record["odometer_end"], record["closed_at"] is not None) == (
        START_KM,
        84262,
        True,
    )
    assert len(data["boardings"]) == 5
    scans = [s for s in data["scans"].values() if s.get("trip_id") == trip.id]
    assert [s["outcome"] for s in scans] == ["boarded"] * 5 + ["already_aboard"]
    assert board(trip, store.registry, people[0].code, clock()).outcome is Outcome.CLOSED


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("84100", "below"),
        (str(START_KM), "same"),
        (str(START_KM + 1001), "not plausible"),
        ("abc", "digits only"),
        ("", "missing"),
        ("  ", "missing"),
        ("84 3x0", "digits only"),
    ],
)
def test_bad_end_readings_keep_the_trip_open(store: Store, clock: Clock, typed: str, says: str) -> None:
    vehicle, _people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    before = _on_disk(store, clock)
    with pytest.raises(EntryError) as refused:
        close_trip(store, trip, returned=clock.tick(hours=1), odometer_end=typed, now=clock())
    assert says in refused.value.message and refused.value.field == "odometer_end"
    assert not trip.closed and [t.id for t in open_trips(store)] == [trip.id]
    assert _on_disk(store, clock) == before
    assert store.registry.item("vehicles", vehicle["id"])["odometer"] == START_KM


def test_a_trip_of_exactly_the_bound_closes(store: Store, clock: Clock) -> None:
    vehicle, _people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    assert close_trip(store, trip, returned=clock.tick(hours=9), odometer_end=START_KM + 1000, now=clock()).km == 1000


def test_opening_refuses_what_is_missing(store: Store, clock: Clock) -> None:
    vehicle, _people = _setup(store, clock)
    cases = {
        "vehicle": {"vehicle_id": ""},
        "driver": {"driver": " "},
        "destination": {"destination": ""},
        "safety_check": {"safety_check": False},
        "odometer_start": {"odometer_start": "84k"},
        "departure": {"departure": clock.now.replace(hour=23)},
    }
    for field, changes in cases.items():
        with pytest.raises(EntryError) as refused:
            _open(store, clock, vehicle, **changes)
        assert refused.value.field == field
    assert open_trips(store) == [] and "trips" not in _on_disk(store, clock)


def test_capacity_needs_an_override(store: Store, clock: Clock) -> None:
    vehicle, people = _setup(store, clock, seats=2, places=1)
    trip = _open(store, clock, vehicle)
    # people[1] and people[3] use wheelchairs: one place only
    assert board(trip, store.registry, people[1].code, clock()).outcome is Outcome.BOARDED
    assert board(trip, store.registry, people[3].code, clock()).outcome is Outcome.NO_WHEELCHAIR_PLACE
    assert board(trip, store.registry, people[0].code, clock()).outcome is Outcome.BOARDED
    assert board(trip, store.registry, people[2].code, clock()).outcome is Outcome.BOARDED
    assert board(trip, store.registry, people[4].code, clock()).outcome is Outcome.FULL
    forced = board_person(trip, store.registry, people[4].id, clock(), override=True)
    assert forced.outcome is Outcome.BOARDED and trip.active()[-1]["override"] is True
    assert trip.load().seats_used == 3
    with pytest.raises(OverCapacity):
        set_guests(trip, "1", clock())
    with pytest.raises(OverCapacity):
        change_boarding(trip, trip.active()[1]["id"], clock(), escorts=1)
    assert set_guests(trip, 1, clock(), override=True) == 1
    with pytest.raises(OverCapacity):  # out of the wheelchair, into a seat that is not there
        change_boarding(trip, trip.active()[0]["id"], clock(), wheelchair=False)
    assert set_guests(trip, 0, clock()) == 0  # giving a seat back is always allowed
    with pytest.raises(EntryError):
        set_guests(trip, "many", clock())


def test_removed_passengers_are_kept_voided(store: Store, clock: Clock) -> None:
    vehicle, people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    board(trip, store.registry, people[0].code, clock())
    void_boarding(trip, trip.active()[0]["id"], clock(), "Edgars Putniņš", "removed")
    assert trip.count == 0
    assert board(trip, store.registry, people[0].code, clock()).outcome is Outcome.BOARDED
    boardings = list(_on_disk(store, clock)["boardings"].values())
    assert len(boardings) == 2 and sum(1 for b in boardings if b["voided_at"]) == 1


def test_red_answers_are_those_of_check_in(store: Store, clock: Clock) -> None:
    vehicle, people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    store.registry.issue_card(people[1].id, clock())
    store.registry.archive_participant(people[2].id, clock())
    answers = [
        board(trip, store.registry, new_code({p.code for p in people}), clock()),
        board(trip, store.registry, people[1].code, clock()),
        board(trip, store.registry, people[2].code, clock()),
        board(trip, store.registry, "hello", clock()),
    ]
    assert [a.outcome for a in answers] == [
        Outcome.UNKNOWN_CARD,
        Outcome.REVOKED_CARD,
        Outcome.ARCHIVED,
        Outcome.NOT_A_CARD,
    ]
    assert trip.count == 0 and len(trip.scans) == 4


def test_a_restart_finds_the_open_trip(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        vehicle, people = _setup(store, clock)
        trip = _open(store, clock, vehicle)
        board(trip, store.registry, people[1].code, clock.tick(minutes=1))
    with Store(tmp_path) as store:
        found = open_trips(store)
        assert [t.id for t in found] == [trip.id]
        assert found[0].count == 1 and found[0].active()[0]["wheelchair"] is True
        assert board(found[0], store.registry, people[1].code, clock()).colour is Colour.YELLOW
        close_trip(store, found[0], returned=clock.tick(hours=1), odometer_end=START_KM + 12, now=clock())
    with Store(tmp_path) as store:
        assert open_trips(store) == []


def test_corrections_are_new_records_applied_in_order(store: Store, clock: Clock) -> None:
    vehicle, people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    board(trip, store.registry, people[1].code, clock())
    close_trip(store, trip, returned=clock.tick(hours=1), odometer_end=START_KM + 30, now=clock())
    day = clock().date()
    [row] = trips_between(store, day, day)
    assert (row.km, row.passengers, row.wheelchair) == (30, 1, 1)
    with pytest.raises(EntryError) as refused:
        correct_trip(store, row, clock(), "Inga", "typo", odometer_end=str(START_KM - 5))
    assert refused.value.field == "odometer_end"
    with pytest.raises(EntryError):
        correct_trip(store, row, clock(), "", "typo", odometer_end=str(START_KM + 40))
    first = correct_trip(store, row, clock.tick(minutes=1), "Inga", "read wrong", odometer_end=str(START_KM + 40))
    assert first["changes"] == {"odometer_end": {"before": START_KM + 30, "after": START_KM + 40}}
    [row] = trips_between(store, day, day)
    second = correct_trip(
        store, row, clock.tick(minutes=1), "Inga", "again", odometer_end=str(START_KM + 35), **{"return": "11:00"}
    )
    assert second["changes"]["odometer_end"]["before"] == START_KM + 40
    [row] = trips_between(store, day, day)
    assert row.km == 35 and row.corrections == 2 and row.record["return"].startswith(f"{day.isoformat()}T11:00")
    data = _on_disk(store, clock)
    assert next(iter(data["trips"].values()))["odometer_end"] == START_KM + 30  # never overwritten
    assert len(data["corrections"]) == 2


def _one_closed_trip(store: Store, clock: Clock) -> tuple[TripRow, date]:
    """A trip without passengers, 30 km, closed an hour after it left; and its day."""
    vehicle, _people = _setup(store, clock)
    trip = _open(store, clock, vehicle)
    close_trip(store, trip, returned=clock.tick(hours=1), odometer_end=START_KM + 30, now=clock())
    day = clock().date()
    [row] = trips_between(store, day, day)
    return row, day


def test_a_departure_cannot_be_corrected_out_of_the_week_it_is_logged_in(store: Store, clock: Clock) -> None:
    row, day = _one_closed_trip(store, clock)
    next_week = day + timedelta(days=7)
    with pytest.raises(EntryError) as refused:
        correct_trip(store, row, clock(), "Inga", "wrong day", departure=next_week.strftime("%d.%m.%Y 09:00"))
    assert refused.value.field == "departure" and "only be corrected within" in str(refused.value)
    assert trips_between(store, day, day)[0].corrections == 0  # nothing was written
    monday, _sunday = week_of(week_key(day))
    moved = correct_trip(store, row, clock(), "Inga", "wrong day", departure=monday.strftime("%d.%m.%Y 08:00"))
    assert moved["changes"]["departure"]["after"].startswith(f"{monday.isoformat()}T08:00")
    [row] = trips_between(store, monday, day)
    assert row.departure.date() == monday


def test_a_trip_moved_out_of_its_week_before_the_rule_can_be_moved_back(store: Store, clock: Clock) -> None:
    row, day = _one_closed_trip(store, clock)
    # A correction written before departures were held to their week moved this one a week on.
    moved = (row.departure + timedelta(days=7)).isoformat()
    change = {"departure": {"before": row.record["departure"], "after": moved}}
    legacy = new_record(store.device, clock(), target_table="trips", target_id=row.record["id"], changes=change)
    store.week_log(week_key(clock())).table("corrections").insert({**legacy, "by": "Inga", "reason": "old"})
    row = find_trip(store, row.record["id"], row.week)
    assert row is not None and row.departure.date() == day + timedelta(days=7)
    with pytest.raises(EntryError) as refused:  # its odometer alone: the departure must come back first
        correct_trip(store, row, clock(), "Inga", "km", odometer_end=str(START_KM + 31))
    assert refused.value.field == "departure"
    typed = f"{day.strftime('%d.%m.%Y')} {row.departure.strftime('%H:%M')}"  # its own day again
    back = correct_trip(store, row, clock(), "Inga", "back", departure=typed)
    assert back["changes"]["departure"]["after"].startswith(day.isoformat())
    assert trips_between(store, day, day)[0].record["id"] == row.record["id"]


def test_purposes_are_seeded_once(store: Store, clock: Clock) -> None:
    names = [p["name"] for p in ensure_purposes(store.registry, clock())]
    assert set(names) == {"service transport", "excursion", "medical visit", "shopping", "other"}
    store.registry.add_item("purposes", clock(), name="theatre")
    assert len(ensure_purposes(store.registry, clock())) == 6
    for purpose in store.registry.items("purposes"):  # all taken off: not seeded again
        store.registry.archive_item("purposes", purpose["id"], clock())
    assert ensure_purposes(store.registry, clock()) == []
    assert len(store.registry.items("purposes", include_archived=True)) == 6
