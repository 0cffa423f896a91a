"""A minibus trip opened on the demo data, as the driver's form would open it."""

from __future__ import annotations

from datetime import datetime

from sessions.store import Store
from sessions.trips import OpenTrip, ensure_purposes, open_trip

__all__ = ["open_demo_trip"]


def open_demo_trip(
    store: Store, now: datetime, *, destination: str = "Daugavpils", driver: str | None = None
) -> OpenTrip:
    """The demo's first vehicle, its first driver (or `driver`) and purpose, leaving at `now`, safety check done."""
    registry = store.registry
    drivers = [s["name"] for s in registry.items("staff") if "driver" in s.get("roles", [])]
    return open_trip(
        store,
        vehicle_id=registry.items("vehicles")[0]["id"],
        driver=driver or drivers[0],
        purpose=ensure_purposes(registry, now)[0]["name"],
        destination=destination,
        departure=now,
        odometer_start=84_000,
        safety_check=True,
        now=now,
    )
