"""Minibus trips: open one, know what it carries, close it with the odometer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypedDict, cast

from sessions.clock import by_moment, from_iso, iso, sort_instant, week_key
from sessions.i18n import N_, _
from sessions.kinds import BoardingRecord, ListEntry, ScanEvent, TripRecord, VehicleRecord
from sessions.limits import one_line, too_long
from sessions.readings import not_in_future, read_end_odometer, read_odometer
from sessions.records import new_record
from sessions.registry import EntryError, Registry
from sessions.storage.durable import DamagedFile
from sessions.store import Store, WeekLog
from sessions.trip_log import safety_check_done

__all__ = [
    "DEFAULT_PURPOSES",
    "Load",
    "OpenTrip",
    "OverCapacity",
    "TripSummary",
    "close_trip",
    "ensure_purposes",
    "new_trip_record",
    "open_trip",
    "open_trips",
    "summarise_trip",
    "update_record",
]

#: The purposes offered when the list is empty; staff may edit the list.
DEFAULT_PURPOSES = (
    N_("service transport"),
    N_("excursion"),
    N_("medical visit"),
    N_("shopping"),
    N_("other"),
)
#: How many recent destinations the form offers.
RECENT_DESTINATIONS = 8
#: A trip may be opened a little before the minibus leaves.
DEPARTURE_AHEAD = timedelta(hours=1)


@dataclass(frozen=True)
class Load:
    """What a trip carries against what the vehicle holds."""

    passengers: int
    wheelchair: int
    lift: int
    escorts: int
    guests: int
    seats: int
    wheelchair_places: int

    @property
    def seats_used(self) -> int:
        """Passengers not in a wheelchair, their escorts and the guests each take a seat."""
        return self.passengers - self.wheelchair + self.escorts + self.guests

    def worse_than(self, before: Load) -> bool:
        """True when this load goes over a limit that `before` did not go further over."""
        return self.seats_worse_than(before) or self.places_worse_than(before)

    def seats_worse_than(self, before: Load) -> bool:
        """True when this load takes more seats than there are, and more than `before` did."""
        return self.seats_used > self.seats and self.seats_used > before.seats_used

    def places_worse_than(self, before: Load) -> bool:
        """True when this load takes more wheelchair places than there are, and more than `before` did."""
        return self.wheelchair > self.wheelchair_places and self.wheelchair > before.wheelchair


class OverCapacity(EntryError):
    """A change that would carry more than the vehicle holds; allowed only with an override."""

    def __init__(self, load: Load) -> None:
        super().__init__(
            "capacity",
            _(
                "That is more than the minibus holds: "
                "{seats} of {total} seats, {places} of {places_total} wheelchair places."
            ).format(
                seats=load.seats_used, total=load.seats, places=load.wheelchair, places_total=load.wheelchair_places
            ),
        )
        self.load = load


@dataclass
class OpenTrip:
    """A trip logged on this laptop, with its boardings and scans in memory."""

    record: TripRecord
    log: WeekLog
    boardings: list[BoardingRecord] = field(default_factory=list)
    scans: list[ScanEvent] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def closed(self) -> bool:
        return self.record.get("closed_at") is not None

    @property
    def departure(self) -> datetime:
        return from_iso(self.record["departure"])

    def active(self) -> list[BoardingRecord]:
        """Boardings that stand (not removed), in the order they happened."""
        return [b for b in self.boardings if not b.get("voided_at")]

    @property
    def count(self) -> int:
        return len(self.active())

    def boarding_of(self, participant_id: str) -> BoardingRecord | None:
        for boarding in self.active():
            if boarding["participant_id"] == participant_id:
                return boarding
        return None

    def load(self, changed: BoardingRecord | None = None, guests: int | None = None) -> Load:
        """The load now, or as it would be with one boarding `changed` or another guest count."""
        aboard = [changed if changed and b["id"] == changed["id"] else b for b in self.active()]
        if changed and all(b["id"] != changed["id"] for b in aboard):
            aboard.append(changed)
        return Load(
            passengers=len(aboard),
            wheelchair=sum(1 for b in aboard if b.get("wheelchair")),
            lift=sum(1 for b in aboard if b.get("lift")),
            escorts=sum(int(b.get("escorts") or 0) for b in aboard),
            guests=int(self.record.get("guests") or 0) if guests is None else guests,
            seats=int(self.record.get("seats") or 0),
            wheelchair_places=int(self.record.get("wheelchair_places") or 0),
        )


#: What closing a trip sets.
_Return = TypedDict(
    "_Return", {"return": str | None, "odometer_end": int | None, "closed_at": str | None, "note": str | None}
)


@dataclass(frozen=True)
class TripSummary:
    """What a driver sees when a trip is closed."""

    vehicle: str
    destination: str
    departure: datetime
    returned: datetime
    km: int
    load: Load
    removed: int


def update_record(log: WeekLog, table: str, record_id: str, changes: dict[str, Any]) -> None:
    """Change one record of a week log in place (only for work still open)."""
    tbl = log.table(table)
    doc_ids = [d.doc_id for d in tbl.all() if d["id"] == record_id]
    tbl.update(changes, doc_ids=doc_ids)


def ensure_purposes(registry: Registry, now: datetime) -> list[ListEntry]:
    """The purposes on the list, seeded with the usual five the first time (not when all were taken off)."""
    purposes = registry.items("purposes")
    if not registry.items("purposes", include_archived=True):
        with registry.writing():
            for name in DEFAULT_PURPOSES:
                registry.add_item("purposes", now, name=_(name))
        purposes = registry.items("purposes")
    return purposes


def _check_opening(registry: Registry, vehicle_id: str, driver: str, purpose: str, destination: str) -> VehicleRecord:
    # In the order the form asks: what changes per trip first.
    if not destination.strip():
        raise EntryError("destination", _("Type where the trip goes."))
    if not purpose.strip():
        raise EntryError("purpose", _("Choose the purpose of the trip."))
    if not driver.strip():
        raise EntryError("driver", _("Choose the driver."))
    vehicle = registry.item("vehicles", vehicle_id) if vehicle_id else None
    if vehicle is None:
        raise EntryError("vehicle", _("Choose the vehicle."))
    for name, text in (("driver", driver), ("destination", destination)):
        if problem := too_long(name, one_line(text)):
            raise EntryError(name, problem)
    return vehicle


def new_trip_record(
    device: str,
    now: datetime,
    vehicle: VehicleRecord,
    *,
    driver: str,
    purpose: str,
    destination: str,
    departure: datetime,
    odometer_start: int,
    project_id: str | None = None,
) -> TripRecord:
    """A trip as filed when it is opened: the vehicle's capacity copied in, nothing closed yet."""
    trip = new_record(
        device,
        now,
        vehicle_id=vehicle["id"],
        vehicle=vehicle["name"],
        plate=vehicle.get("plate", ""),
        seats=int(vehicle.get("seats") or 0),
        wheelchair_places=int(vehicle.get("wheelchair_places") or 0),
        vehicle_lift=bool(vehicle.get("lift")),
        driver=driver,
        purpose=purpose,
        destination=destination,
        departure=iso(departure),
        **{"return": None},
        odometer_start=odometer_start,
        odometer_end=None,
        safety_check=True,
        guests=0,
        note=None,
        closed_at=None,
        project_id=project_id,
    )
    return cast(TripRecord, trip)


def open_trip(
    store: Store,
    *,
    vehicle_id: str,
    driver: str,
    purpose: str,
    destination: str,
    departure: datetime,
    odometer_start: str | int,
    safety_check: bool,
    now: datetime,
    project_id: str | None = None,
) -> OpenTrip:
    """Open a trip; it is filed in the week of its departure and stays open until closed.

    `safety_check` is the daily check confirmed on the form; it is asked once per vehicle
    per day, so it may be False when a trip with this vehicle leaving that day already had
    it confirmed (on any laptop). The trip is filed as checked either way. `project_id`:
    the funder project the trip is counted for (one of the "projects" list), or None.
    """
    registry = store.registry
    vehicle = _check_opening(registry, vehicle_id, driver, purpose, destination)
    if project_id and registry.item("projects", project_id) is None:
        raise EntryError("project_id", _("Choose a project from the list."))
    destination, driver = one_line(destination), one_line(driver)
    not_in_future(departure, now, "departure", DEPARTURE_AHEAD)
    start_km = read_odometer(odometer_start, "odometer_start")
    if not safety_check and not _checked_on_the_day(store, vehicle_id, departure):
        raise EntryError("safety_check", _("Confirm the daily safety check (lift, belts, lights, tyres) first."))
    week = week_key(departure)
    record = new_trip_record(
        store.device,
        now,
        vehicle,
        driver=driver.strip(),
        purpose=purpose.strip(),
        destination=destination,
        departure=departure,
        odometer_start=start_km,
        project_id=project_id or None,
    )
    recent = [d for d in registry.setting("recent_destinations", []) if d != destination]
    # The open marker goes first: a crash between the two writes leaves a
    # marker to a trip that does not exist, which open_trips passes over.
    with registry.writing():
        registry.set_settings(
            {
                "last_vehicle": vehicle_id,
                "last_driver": driver.strip(),
                "last_purpose": purpose.strip(),
                "last_project": project_id or None,
                "recent_destinations": [destination, *recent][:RECENT_DESTINATIONS],
            }
        )
        registry.mark_open("trip", record["id"], week)
    log = store.week_log(week)
    log.table("trips").insert(record)
    return OpenTrip(record=record, log=log)


def _checked_on_the_day(store: Store, vehicle_id: str, departure: datetime) -> bool:
    """True when the vehicle's safety check was already confirmed for a trip leaving on that day."""
    try:
        return safety_check_done(store, vehicle_id, departure.date()) is not None
    except DamagedFile:  # a week that does not read: the driver confirms the check again
        return False


def _load(store: Store, trip_id: str, week: str) -> OpenTrip | None:
    log = store.week_log(week)
    for record in log.records("trips"):
        if record["id"] == trip_id:
            boardings = sorted(
                (dict(b) for b in log.records("boardings") if b["trip_id"] == trip_id),
                key=lambda b: sort_instant(b.get("at")),
            )
            scans = sorted(
                (dict(s) for s in log.records("scans") if s.get("trip_id") == trip_id),
                key=lambda s: sort_instant(s.get("at")),
            )
            return OpenTrip(
                record=cast(TripRecord, dict(record)),
                log=log,
                boardings=cast(list[BoardingRecord], boardings),
                scans=cast(list[ScanEvent], scans),
            )
    return None


def open_trips(store: Store) -> list[OpenTrip]:
    """Trips this laptop has open, read back from their week files (also after a restart)."""
    found = []
    for marker in store.registry.open_work("trip"):
        trip = _load(store, marker["id"], marker["week"])
        if trip is not None and not trip.closed:
            found.append(trip)
    departure = by_moment("departure")
    return sorted(found, key=lambda t: departure(t.record))


def close_trip(
    store: Store, trip: OpenTrip, *, returned: datetime, odometer_end: str | int, now: datetime, note: str | None = None
) -> TripSummary:
    """Close a trip with its return time and end reading; a bad value leaves it open."""
    if trip.closed:
        raise EntryError("trip", _("This trip is already closed."))
    start_km = int(trip.record["odometer_start"])
    end_km = read_end_odometer(odometer_end, start_km)
    if returned < trip.departure:
        raise EntryError(
            "return",
            _("The return time is before the departure ({time}).").format(time=trip.departure.strftime("%d.%m %H:%M")),
        )
    not_in_future(returned, now, "return")
    if problem := too_long("note", note or ""):
        raise EntryError("note", problem)
    changes: _Return = {"return": iso(returned), "odometer_end": end_km, "closed_at": iso(now), "note": note or None}
    update_record(trip.log, "trips", trip.id, dict(changes))
    trip.record.update(changes)  # type: ignore[typeddict-item]  # the changes name fields of the record
    registry = store.registry
    vehicle = registry.item("vehicles", trip.record["vehicle_id"])
    with registry.writing():
        if vehicle is not None and end_km > int(vehicle.get("odometer") or 0):
            registry.update_item("vehicles", vehicle["id"], now, odometer=end_km)
        registry.mark_closed(trip.id)
    return summarise_trip(trip)


def summarise_trip(trip: OpenTrip) -> TripSummary:
    record = trip.record
    back = record.get("return")
    returned = from_iso(back) if back else trip.departure
    end_km = record.get("odometer_end")
    return TripSummary(
        vehicle=record["vehicle"],
        destination=record["destination"],
        departure=trip.departure,
        returned=returned,
        km=int(end_km) - int(record["odometer_start"]) if end_km is not None else 0,
        load=trip.load(),
        removed=sum(1 for b in trip.boardings if b.get("voided_at")),
    )
