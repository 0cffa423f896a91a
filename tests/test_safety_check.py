"""The minibus's daily safety check: confirmed once per vehicle per day, on whichever laptop."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sessions.clock import instant
from sessions.registry import EntryError
from sessions.store import Store
from sessions.trip_log import SafetyCheck, safety_check_done
from sessions.trips import OpenTrip, open_trip
from tests.conftest import Clock
from tests.sync_helpers import deliver, deliver_logs

START_KM = 84210


def _vehicle(store: Store, clock: Clock, name: str = "Renault Trafic") -> dict:
    return store.registry.add_item(
        "vehicles", clock(), name=name, plate="HN-4521", seats=8, wheelchair_places=2, lift=True, odometer=START_KM
    )


def _open(store: Store, clock: Clock, vehicle: dict, *, checked: bool, driver: str = "Jānis Ozols") -> OpenTrip:
    return open_trip(
        store,
        vehicle_id=vehicle["id"],
        driver=driver,
        purpose="excursion",
        destination="Aglona",
        departure=clock(),
        odometer_start=START_KM,
        safety_check=checked,
        now=clock(),
    )


def test_the_check_is_asked_for_a_vehicles_first_trip_of_the_day_only(store: Store, clock: Clock) -> None:
    minibus, car = _vehicle(store, clock), _vehicle(store, clock, "Škoda Octavia")
    with pytest.raises(EntryError) as refused:
        _open(store, clock, minibus, checked=False)
    assert refused.value.field == "safety_check"
    assert safety_check_done(store, minibus["id"], clock().date()) is None

    first = _open(store, clock, minibus, checked=True)
    clock.tick(hours=3)
    second = _open(store, clock, minibus, checked=False, driver="Edgars Putniņš")
    assert second.record["safety_check"] is True  # filed as checked: the day's check covers it
    done = safety_check_done(store, minibus["id"], clock().date())
    assert done == SafetyCheck(at=instant(first.record["created"]), driver="Jānis Ozols")

    with pytest.raises(EntryError):  # another vehicle has its own check
        _open(store, clock, car, checked=False)
    clock.tick(days=1)
    with pytest.raises(EntryError):  # and the next day is another day
        _open(store, clock, minibus, checked=False)


def test_a_check_confirmed_on_another_laptop_counts(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path / "hall", device="hall") as hall:
        minibus = _vehicle(hall, clock)
        _open(hall, clock, minibus, checked=True, driver="Jānis Ozols")
        (tmp_path / "bus" / "registry").mkdir(parents=True)
        (tmp_path / "bus" / "logs").mkdir()
        deliver(hall.registry_path, tmp_path / "bus" / "registry")
        deliver_logs(hall.data_dir, tmp_path / "bus", "hall")
    with Store(tmp_path / "bus", device="bus") as bus:
        later = clock.tick(hours=2)
        done = safety_check_done(bus, minibus["id"], later.date())
        assert done is not None and done.driver == "Jānis Ozols"
        trip = _open(bus, clock, minibus, checked=False, driver="Edgars Putniņš")
        assert trip.record["device"] == "bus" and trip.record["safety_check"] is True
        assert safety_check_done(bus, minibus["id"], (later + timedelta(days=1)).date()) is None
