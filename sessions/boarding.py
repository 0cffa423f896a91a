"""Boarding passengers on a trip: the scan answers, wheelchair and lift use, escorts, guests."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sessions.checkin import Outcome, ScanResult, ScanRules
from sessions.clock import iso
from sessions.i18n import _
from sessions.kinds import BoardingRecord
from sessions.readings import read_count
from sessions.registry import EntryError, Participant, Registry
from sessions.trips import OpenTrip, OverCapacity, update_record

__all__ = [
    "MAX_ESCORTS",
    "MAX_GUESTS",
    "board",
    "board_person",
    "change_boarding",
    "set_guests",
    "void_boarding",
]

MAX_ESCORTS = 9
MAX_GUESTS = 50


class _BoardingRules(ScanRules[OpenTrip, BoardingRecord]):
    admitted = Outcome.BOARDED
    already = Outcome.ALREADY_ABOARD
    table = "boardings"
    owner_field = "trip_id"

    def first_of(self, person: Participant) -> BoardingRecord | None:
        return self.owner.boarding_of(person.id)

    def entry(self, person: Participant, now: datetime, method: str, override: bool) -> BoardingRecord | Outcome:
        trip = self.owner
        wheelchair = person.uses_wheelchair
        entry = self.new_entry(
            person,
            now,
            method,
            wheelchair=wheelchair,
            lift=wheelchair and bool(trip.record.get("vehicle_lift")),
            escorts=0,
            override=False,
            voided_at=None,
            voided_by=None,
            void_reason=None,
        )
        boarding = cast(BoardingRecord, entry)
        before, after = trip.load(), trip.load(boarding)
        over = after.worse_than(before)
        if over and not override:
            # Say which limit it is: a wheelchair user may find every seat free and no place.
            return Outcome.FULL if after.seats_worse_than(before) else Outcome.NO_WHEELCHAIR_PLACE
        boarding["override"] = over
        return boarding

    def remember(self, entry: BoardingRecord) -> None:
        self.owner.boardings.append(entry)

    def capacity(self) -> int:
        return int(self.owner.record.get("seats") or 0)


def board(
    trip: OpenTrip, registry: Registry, raw: str, now: datetime, *, override: bool = False, method: str = "scan"
) -> ScanResult:
    """Answer a scanned (or typed) card code on a trip and log the attempt; `method` "camera" for the camera's."""
    return _BoardingRules(trip, registry).scan(raw, now, override, method)


def board_person(
    trip: OpenTrip, registry: Registry, participant_id: str, now: datetime, *, override: bool = False
) -> ScanResult:
    """Board someone chosen by name (a forgotten card); logged as manual."""
    return _BoardingRules(trip, registry).by_name(participant_id, now, override)


def _open_only(trip: OpenTrip) -> None:
    if trip.closed:
        raise EntryError("trip", _("This trip is closed; staff correct closed trips."))


def change_boarding(
    trip: OpenTrip, boarding_id: str, now: datetime, *, override: bool = False, **changes: Any
) -> BoardingRecord:
    """Set wheelchair, lift or escorts of one passenger; over capacity needs `override`."""
    _open_only(trip)
    boarding = next(b for b in trip.active() if b["id"] == boarding_id)
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name in ("wheelchair", "lift"):
            clean[name] = bool(value)
        elif name == "escorts":
            clean[name] = read_count(value, "escorts", MAX_ESCORTS)
        else:
            raise EntryError(name, _("This cannot be changed on a boarding."))
    changed = cast(BoardingRecord, {**boarding, **clean})
    if trip.load(changed).worse_than(trip.load()):
        if not override:
            raise OverCapacity(trip.load(changed))
        clean["override"] = True
    clean["updated"] = iso(now)
    update_record(trip.log, "boardings", boarding_id, clean)
    boarding.update(clean)  # type: ignore[typeddict-item]  # the changes name fields of the record
    return boarding


def set_guests(trip: OpenTrip, value: str | int, now: datetime, *, override: bool = False) -> int:
    """Set how many guests without a card ride along; over capacity needs `override`."""
    _open_only(trip)
    guests = read_count(value, "guests", MAX_GUESTS)
    changes: dict[str, Any] = {"guests": guests}
    if trip.load(guests=guests).worse_than(trip.load()):
        if not override:
            raise OverCapacity(trip.load(guests=guests))
        changes["guests_override"] = True
    update_record(trip.log, "trips", trip.id, changes)
    trip.record.update(changes)  # type: ignore[typeddict-item]  # the changes name fields of the record
    return guests


def void_boarding(trip: OpenTrip, boarding_id: str, now: datetime, by: str, reason: str) -> BoardingRecord:
    """Take a passenger off; the boarding stays in the log, marked voided, never deleted."""
    _open_only(trip)
    boarding = next(b for b in trip.boardings if b["id"] == boarding_id)
    changes = {"voided_at": iso(now), "voided_by": by, "void_reason": reason}
    update_record(trip.log, "boardings", boarding_id, changes)
    boarding.update(changes)  # type: ignore[typeddict-item]  # the changes name fields of the record
    return boarding
