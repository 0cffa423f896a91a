"""Demo minibus trips: a few a week over the demo's weeks, some carrying wheelchair users."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sessions.checkin import Outcome, scan_event
from sessions.clock import from_iso, iso, week_key
from sessions.demo_centres import DAUGAVPILS, DemoCentre
from sessions.i18n import _
from sessions.kinds import VehicleRecord
from sessions.records import new_record
from sessions.registry import Participant
from sessions.store import Store
from sessions.trips import ensure_purposes, new_trip_record

__all__ = ["seed_trips"]

# (weekday, hour, minute, purpose, passengers, round-trip km, hours away); where each goes is the centre's.
_PLAN = [
    (1, 9, 40, "medical visit", (1, 3), (6, 18), 2),
    (2, 13, 20, "service transport", (3, 6), (8, 14), 2),
    (3, 11, 0, "shopping", (2, 5), (5, 12), 2),
    (4, 10, 0, "excursion", (5, 8), (20, 190), 6),
]


#: The demo's week logs as they will be written: week, table, its records (of that table's kind).
_Weeks = dict[str, dict[str, list[Any]]]


def seed_trips(
    store: Store,
    people: list[Participant],
    start: datetime,
    now: datetime,
    seed: int = 7,
    *,
    projects: Mapping[str, str] | None = None,
    stopped: Mapping[str, date] | None = None,
    centre: DemoCentre = DAUGAVPILS,
) -> None:
    """Add closed trips from `start` to yesterday, with boardings, scans and one staff correction.

    `projects`: the project a trip of each purpose is counted for; `stopped`: the day from which each of
    those who stopped coming no longer rides either.
    """
    rng = random.Random(f"trips-{seed}")
    registry = store.registry
    ensure_purposes(registry, start)
    vehicles = registry.items("vehicles")
    drivers = [s["name"] for s in registry.items("staff") if "driver" in s.get("roles", [])]
    if not vehicles or not drivers:
        return
    vehicle = vehicles[0]
    km = int(vehicle.get("odometer") or 0)
    by_week: _Weeks = {}
    day = start.date()
    while day < now.date():
        for plan in _PLAN:
            if day.weekday() == plan[0] and not (plan[3] == "excursion" and day.isocalendar()[1] % 2):
                places = centre.destinations[plan[3]]
                riders = [p for p in people if _still_registered(p, day) and (stopped or {}).get(p.id, date.max) > day]
                project = (projects or {}).get(plan[3])
                trip = (*plan[:4], places, *plan[4:])
                km = _seed_trip(store.device, rng, by_week, vehicle, drivers, riders, trip, day, km, now, project)
        day += timedelta(days=1)
    _seed_correction(store.device, by_week, now, centre.corrected_by)
    for week, tables in sorted(by_week.items()):
        log = store.week_log(week)
        with log.batch():
            for table, records in tables.items():
                if records:
                    log.table(table).insert_multiple(records)
    registry.update_item("vehicles", vehicle["id"], now, odometer=km)
    latest = [t["destination"] for w in sorted(by_week, reverse=True) for t in reversed(by_week[w]["trips"])]
    registry.set_settings({"recent_destinations": list(dict.fromkeys(latest))[:8]})


def _still_registered(person: Participant, day: date) -> bool:
    """True when `person` is not archived by the end of `day` (someone archived later still rode before)."""
    return person.archived_at is None or from_iso(person.archived_at).date() > day


def _seed_trip(
    device: str,
    rng: random.Random,
    by_week: _Weeks,
    vehicle: VehicleRecord,
    drivers: list[str],
    riders: list[Participant],
    plan: tuple[Any, ...],
    day: date,
    km: int,
    now: datetime,
    project_id: str | None = None,
) -> int:
    _weekday, hour, minute, purpose, places, (low, high), (near, far), hours = plan
    left = datetime(day.year, day.month, day.day, hour, minute, tzinfo=now.tzinfo)
    trip = new_trip_record(
        device,
        left - timedelta(minutes=15),
        vehicle,
        driver=rng.choice(drivers),
        purpose=_(purpose),
        destination=rng.choice(places),
        departure=left,
        odometer_start=km,
        project_id=project_id,
    )
    tables = by_week.setdefault(week_key(left), {"trips": [], "boardings": [], "scans": [], "corrections": []})
    chairs = [p for p in riders if p.uses_wheelchair]
    walkers = [p for p in riders if not p.uses_wheelchair]
    aboard = rng.sample(chairs, k=min(len(chairs), rng.randint(0, int(trip["wheelchair_places"]))))
    wanted = max(0, rng.randint(low, high) - len(aboard))
    aboard += rng.sample(walkers, k=min(len(walkers), wanted, int(trip["seats"])))
    moment = left - timedelta(minutes=8)
    for person in aboard:
        moment += timedelta(seconds=rng.randint(20, 90))
        manual = rng.random() < 0.1
        tables["boardings"].append(
            new_record(
                device,
                moment,
                trip_id=trip["id"],
                participant_id=person.id,
                at=iso(moment),
                method="manual" if manual else "scan",
                code=None if manual else person.code,
                wheelchair=person.uses_wheelchair,
                lift=person.uses_wheelchair,
                escorts=1 if person.uses_wheelchair and rng.random() < 0.3 else 0,
                override=False,
                voided_at=None,
                voided_by=None,
                void_reason=None,
            )
        )
        tables["scans"].append(
            scan_event(
                device,
                moment,
                "" if manual else (person.code or ""),
                "manual" if manual else "scan",
                Outcome.BOARDED,
                person,
                trip_id=trip["id"],
            )
        )
    back = left + timedelta(hours=hours, minutes=rng.randint(0, 50))
    end = km + rng.randint(near, far)
    trip.update(
        {
            "return": iso(back),
            "odometer_end": end,
            "closed_at": iso(back + timedelta(minutes=5)),
            "guests": 1 if rng.random() < 0.2 else 0,
        }
    )
    tables["trips"].append(trip)
    return end


def _seed_correction(device: str, by_week: _Weeks, now: datetime, by: str) -> None:
    """The first demo trip was logged 10 km short; staff corrected it the next Monday."""
    if not by_week:
        return
    first = by_week[min(by_week)]["trips"][0]
    logged = first["odometer_end"] - 10
    first["odometer_end"] = logged
    closed = datetime.fromisoformat(first["closed_at"])
    monday = (closed + timedelta(days=7 - closed.weekday())).replace(hour=9, minute=15)
    if monday > now:
        return
    tables = by_week.setdefault(week_key(monday), {"trips": [], "boardings": [], "scans": [], "corrections": []})
    tables["corrections"].append(
        new_record(
            device,
            monday,
            target_table="trips",
            target_id=first["id"],
            changes={"odometer_end": {"before": logged, "after": logged + 10}},
            by=by,
            reason="the odometer was read wrong",
        )
    )
