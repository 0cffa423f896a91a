"""Boarding passengers on a trip: the scan answers, wheelchair and lift use, escorts, guests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sessions.checkin import Outcome, ScanResult, look_up, scan_event
from sessions.clock import from_iso, iso
from sessions.i18n import _
from sessions.readings import read_count
from sessions.records import new_record
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


def board(trip: OpenTrip, registry: Registry, raw: str, now: datetime, *, override: bool = False) -> ScanResult:
    """Answer a scanned (or typed) card code on a trip and log the attempt."""
    found = look_up(registry, raw)
    if trip.closed:
        return _refuse(trip, registry, raw, now, "scan", Outcome.CLOSED, found.participant)
    if found.outcome is not None:
        return _refuse(
            trip,
            registry,
            raw,
            now,
            "scan",
            found.outcome,
            found.participant,
            problem=found.problem,
            revoked_at=found.revoked_at,
        )
    assert found.participant is not None
    return _admit(trip, registry, found.participant, raw, now, "scan", override)


def board_person(
    trip: OpenTrip, registry: Registry, participant_id: str, now: datetime, *, override: bool = False
) -> ScanResult:
    """Board someone chosen by name (a forgotten card); logged as manual."""
    person = registry.participant(participant_id)
    if trip.closed:
        return _refuse(trip, registry, "", now, "manual", Outcome.CLOSED, person)
    if person is None:
        return _refuse(trip, registry, "", now, "manual", Outcome.UNKNOWN_CARD, None)
    if person.archived:
        return _refuse(trip, registry, "", now, "manual", Outcome.ARCHIVED, person)
    return _admit(trip, registry, person, "", now, "manual", override)


def _admit(
    trip: OpenTrip, registry: Registry, person: Participant, raw: str, now: datetime, method: str, override: bool
) -> ScanResult:
    first = trip.boarding_of(person.id)
    if first is not None:
        return _refuse(trip, registry, raw, now, method, Outcome.ALREADY_ABOARD, person, first_at=from_iso(first["at"]))
    wheelchair = person.uses_wheelchair
    boarding = new_record(
        registry.device,
        now,
        trip_id=trip.id,
        participant_id=person.id,
        at=iso(now),
        method=method,
        code=person.code if method == "scan" else None,
        wheelchair=wheelchair,
        lift=wheelchair and bool(trip.record.get("vehicle_lift")),
        escorts=0,
        override=False,
        voided_at=None,
        voided_by=None,
        void_reason=None,
    )
    over = trip.load(boarding).worse_than(trip.load())
    if over and not override:
        return _refuse(trip, registry, raw, now, method, Outcome.FULL, person)
    boarding["override"] = over
    event = scan_event(registry.device, now, raw, method, Outcome.BOARDED, person, trip_id=trip.id)
    try:
        with trip.log.batch():
            trip.log.table("boardings").insert(boarding)
            trip.log.table("scans").insert(event)
    except OSError as error:
        return _result(trip, Outcome.NOT_SAVED, person, error=error.strerror or str(error))
    trip.boardings.append(boarding)
    trip.scans.append(event)
    return _result(trip, Outcome.BOARDED, person, first_at=now)


def _result(trip: OpenTrip, outcome: Outcome, person: Participant | None, **details: Any) -> ScanResult:
    return ScanResult(outcome, person, count=trip.count, capacity=int(trip.record.get("seats") or 0), **details)


def _refuse(
    trip: OpenTrip,
    registry: Registry,
    raw: str,
    now: datetime,
    method: str,
    outcome: Outcome,
    person: Participant | None,
    **details: Any,
) -> ScanResult:
    event = scan_event(registry.device, now, raw, method, outcome, person, trip_id=trip.id)
    try:
        trip.log.table("scans").insert(event)
    except OSError as error:
        return _result(trip, Outcome.NOT_SAVED, person, error=error.strerror or str(error))
    trip.scans.append(event)
    return _result(trip, outcome, person, **details)


def _open_only(trip: OpenTrip) -> None:
    if trip.closed:
        raise EntryError("trip", _("This trip is closed; staff correct closed trips."))


def change_boarding(
    trip: OpenTrip, boarding_id: str, now: datetime, *, override: bool = False, **changes: Any
) -> dict[str, Any]:
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
    changed = {**boarding, **clean}
    if trip.load(changed).worse_than(trip.load()):
        if not override:
            raise OverCapacity(trip.load(changed))
        clean["override"] = True
    clean["updated"] = iso(now)
    update_record(trip.log, "boardings", boarding_id, clean)
    boarding.update(clean)
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
    trip.record.update(changes)
    return guests


def void_boarding(trip: OpenTrip, boarding_id: str, now: datetime, by: str, reason: str) -> dict[str, Any]:
    """Take a passenger off; the boarding stays in the log, marked voided, never deleted."""
    _open_only(trip)
    boarding = next(b for b in trip.boardings if b["id"] == boarding_id)
    changes = {"voided_at": iso(now), "voided_by": by, "void_reason": reason}
    update_record(trip.log, "boardings", boarding_id, changes)
    boarding.update(changes)
    return boarding
