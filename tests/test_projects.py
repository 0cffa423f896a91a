"""Funder projects: a trip is counted for one (or none); older trips and sessions without the field still read."""

from __future__ import annotations

import pytest

from sessions.registry import EntryError
from sessions.store import Store
from sessions.timetable import add_project
from sessions.trips import OpenTrip, open_trip
from tests.conftest import Clock


def _open(store: Store, clock: Clock, project_id: str | None = None) -> OpenTrip:
    vehicle = store.registry.items("vehicles")[0] if store.registry.items("vehicles") else None
    vehicle = vehicle or store.registry.add_item(
        "vehicles", clock(), name="Renault Trafic", plate="HN-4521", seats=8, wheelchair_places=2, lift=True
    )
    return open_trip(
        store,
        vehicle_id=vehicle["id"],
        driver="Jānis Ozols",
        purpose="excursion",
        destination="Aglona",
        departure=clock(),
        odometer_start=84210,
        safety_check=True,
        now=clock(),
        project_id=project_id,
    )


def test_a_trip_carries_its_project_and_the_driver_is_offered_it_next_time(store: Store, clock: Clock) -> None:
    project = add_project(store.registry, clock(), "LLI-425")
    trip = _open(store, clock, project["id"])
    assert trip.record["project_id"] == project["id"]
    assert store.registry.setting("last_project") == project["id"]
    (stored,) = store.week_log("2026-W48").records("trips")
    assert stored["project_id"] == project["id"]


def test_a_trip_of_no_project_and_one_of_an_unknown_project(store: Store, clock: Clock) -> None:
    assert _open(store, clock).record["project_id"] is None
    with pytest.raises(EntryError) as refused:
        _open(store, clock, "no-such-project")
    assert refused.value.field == "project_id"
