"""Trips as read back from every laptop's week logs, with staff corrections applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sessions.clock import by_moment, from_iso, instant, iso, week_key, week_of
from sessions.i18n import _, format_date
from sessions.kinds import BoardingRecord, Change, CorrectionRecord, TripRecord
from sessions.limits import too_long
from sessions.readings import read_end_odometer, read_odometer, read_time
from sessions.records import new_record
from sessions.registry import EntryError
from sessions.store import Store

__all__ = [
    "CORRECTABLE",
    "SafetyCheck",
    "TripRow",
    "apply_corrections",
    "correct_trip",
    "find_trip",
    "safety_check_done",
    "trips_between",
]

#: Fields of a closed trip that staff may correct.
CORRECTABLE = ("departure", "return", "odometer_start", "odometer_end")


@dataclass(frozen=True)
class TripRow:
    """One trip as a list shows it, corrections applied."""

    record: TripRecord
    week: str
    passengers: int
    wheelchair: int
    lift: int
    escorts: int
    corrections: int

    @property
    def departure(self) -> datetime:
        return from_iso(self.record["departure"])

    @property
    def closed(self) -> bool:
        return self.record.get("closed_at") is not None

    @property
    def km(self) -> int | None:
        end = self.record.get("odometer_end")
        return None if end is None else int(end) - int(self.record["odometer_start"])

    @property
    def guests(self) -> int:
        return int(self.record.get("guests") or 0)


def apply_corrections(record: TripRecord, corrections: Iterable[CorrectionRecord]) -> TripRecord:
    """The trip as it stands after its corrections, applied in the order they were made."""
    fixed: dict[str, Any] = dict(record)
    for correction in sorted(corrections, key=by_moment("created")):
        if correction.get("target_table") == "trips" and correction.get("target_id") == record["id"]:
            for name, change in correction["changes"].items():
                fixed[name] = change["after"]
    return cast(TripRecord, fixed)


@dataclass(frozen=True)
class SafetyCheck:
    """A vehicle's daily safety check, confirmed when a trip was opened: when, and by which driver."""

    at: datetime
    driver: str


def safety_check_done(store: Store, vehicle_id: str, day: date) -> SafetyCheck | None:
    """The first safety check confirmed for the vehicle on a trip leaving on `day`, on any laptop; None if none yet.

    A trip's check is confirmed when it is opened (its "created" time). Raises DamagedFile
    when a week file of that day does not read.
    """
    confirmed = [
        trip
        for trip in _tables(store, [week_key(day)])["trips"]
        if trip.get("vehicle_id") == vehicle_id
        and trip.get("safety_check")
        and from_iso(trip["departure"]).date() == day
    ]
    if not confirmed:
        return None
    first = min(confirmed, key=by_moment("created"))
    return SafetyCheck(at=instant(first["created"]), driver=str(first.get("driver") or ""))


def _tables(store: Store, weeks: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    wanted = set(weeks)
    tables: dict[str, list[dict[str, Any]]] = {"trips": [], "boardings": []}
    for week, _device, path in store.log_files():
        if week in wanted:
            data = store.read_log(path)
            for name in tables:
                tables[name].extend(dict(r, _week=week) for r in data.get(name, {}).values())
    return tables


def _corrections_since(store: Store, first_week: str) -> list[CorrectionRecord]:
    # A correction is filed in the week it was made, so any later week may hold one.
    found: list[CorrectionRecord] = []
    for week, _device, path in store.log_files():
        if week >= first_week:
            found.extend(store.read_log(path).get("corrections", {}).values())
    return [c for c in found if c.get("target_table") == "trips"]


def _rows(
    trips: list[dict[str, Any]], boardings: list[BoardingRecord], corrections: list[CorrectionRecord]
) -> list[TripRow]:
    """Rows of `trips` (each with the "_week" it was read from, taken off here), their passengers counted."""
    aboard: dict[str, list[BoardingRecord]] = {}
    for boarding in boardings:
        if not boarding.get("voided_at"):
            aboard.setdefault(boarding["trip_id"], []).append(boarding)
    fixes: dict[str, list[CorrectionRecord]] = {}
    for correction in corrections:
        fixes.setdefault(correction["target_id"], []).append(correction)
    rows = []
    for trip in trips:
        week = trip.pop("_week")
        passengers = aboard.get(trip["id"], [])
        rows.append(
            TripRow(
                record=apply_corrections(cast(TripRecord, trip), fixes.get(trip["id"], [])),
                week=week,
                passengers=len(passengers),
                wheelchair=sum(1 for b in passengers if b.get("wheelchair")),
                lift=sum(1 for b in passengers if b.get("lift")),
                escorts=sum(int(b.get("escorts") or 0) for b in passengers),
                corrections=len(fixes.get(trip["id"], [])),
            )
        )
    departure = by_moment("departure")
    return sorted(rows, key=lambda r: departure(r.record))


def trips_between(store: Store, first: date, last: date) -> list[TripRow]:
    """Every laptop's trips that left from `first` to `last` (both days included)."""
    weeks = {week_key(first + timedelta(days=n)) for n in range((last - first).days + 1)}
    if not weeks:
        return []
    tables = _tables(store, weeks)
    boardings = cast(list[BoardingRecord], tables["boardings"])
    rows = _rows(tables["trips"], boardings, _corrections_since(store, min(weeks)))
    return [r for r in rows if first <= r.departure.date() <= last]


def find_trip(store: Store, trip_id: str, week: str) -> TripRow | None:
    """One trip of `week`, as it stands now."""
    tables = _tables(store, [week])
    tables["trips"] = [t for t in tables["trips"] if t["id"] == trip_id]
    rows = _rows(tables["trips"], cast(list[BoardingRecord], tables["boardings"]), _corrections_since(store, week))
    return rows[0] if rows else None


def _corrected_values(record: TripRecord, typed: dict[str, str], filed: str) -> dict[str, Any]:
    """The typed corrections read and checked; `filed` is the week whose file holds the trip."""
    base = from_iso(record["departure"])
    values: dict[str, Any] = {}
    for name, text in typed.items():
        if name not in CORRECTABLE:
            raise EntryError(name, _("Only the times and odometer readings of a trip can be corrected."))
        if name in ("departure", "return"):
            values[name] = iso(read_time(text, base, name))
        else:
            values[name] = read_odometer(text, name)
    after: dict[str, Any] = {**record, **values}
    if week_key(from_iso(after["departure"])) != filed:
        # Reports find a trip in the files of the week it was logged in; moved out, it would count nowhere.
        monday, sunday = week_of(filed)
        raise EntryError(
            "departure",
            _("The trip is logged in the week {first} – {last}: the departure can only be corrected within it.").format(
                first=format_date(monday), last=format_date(sunday)
            ),
        )
    read_end_odometer(after["odometer_end"], int(after["odometer_start"]))
    if after.get("return") and instant(after["return"]) < instant(after["departure"]):
        raise EntryError("return", _("The return time is before the departure."))
    return values


def correct_trip(store: Store, row: TripRow, now: datetime, by: str, reason: str, **typed: str) -> CorrectionRecord:
    """Correct a closed trip's times or readings: a new record with before and after, never an overwrite."""
    current = find_trip(store, row.record["id"], row.week)
    if current is None:
        raise EntryError("trip", _("This trip is no longer in the logs."))
    if not current.closed:
        raise EntryError("trip", _("This trip is still open: the driver closes it first."))
    if not by.strip():
        raise EntryError("by", _("Type who makes the correction."))
    if not reason.strip():
        raise EntryError("reason", _("Type why the trip is corrected."))
    for field, text in (("by", by.strip()), ("reason", reason.strip())):
        if problem := too_long(field, text):
            raise EntryError(field, problem)
    values = _corrected_values(current.record, typed, current.week)
    changes: dict[str, Change] = {
        name: {"before": current.record.get(name), "after": value}
        for name, value in values.items()
        if value != current.record.get(name)
    }
    if not changes:
        raise EntryError("changes", _("Nothing differs from what is recorded: no correction was made."))
    correction = new_record(
        store.device,
        now,
        target_table="trips",
        target_id=current.record["id"],
        changes=changes,
        by=by.strip(),
        reason=reason.strip(),
    )
    store.week_log(week_key(now)).table("corrections").insert(correction)
    return cast(CorrectionRecord, correction)
