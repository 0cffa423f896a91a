"""Building week logs by hand for the export tests: sessions, check-ins, trips, boardings, corrections."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from sessions.clock import iso, week_key
from sessions.records import new_record
from sessions.storage.durable import DurableStorage
from sessions.store import Store
from tests.conftest import RIGA

Record = dict[str, Any]


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    """A local moment in Riga time, from an ISO date."""
    year, month, dom = (int(part) for part in day.split("-"))
    return datetime(year, month, dom, hour, minute, tzinfo=RIGA)


def session(device: str, start: datetime, activity: str, **fields: Any) -> Record:
    return new_record(
        device,
        start,
        activity_id=f"act-{activity}",
        activity=activity,
        place=fields.pop("place", "Sporta zāle"),
        instructor=fields.pop("instructor", "Olga Vasiļjeva"),
        start=iso(start),
        end=iso(start + timedelta(hours=1)),
        capacity=20,
        note=None,
        **fields,
    )


def checkin(device: str, of: Record, participant_id: str, minute: int = 0, **fields: Any) -> Record:
    moment = datetime.fromisoformat(of["start"]) + timedelta(minutes=minute)
    return new_record(
        device,
        moment,
        session_id=of["id"],
        participant_id=participant_id,
        at=iso(moment),
        method="scan",
        code=None,
        override=False,
        voided_at=fields.pop("voided_at", None),
        **fields,
    )


def trip(device: str, departure: datetime, odometer: tuple[int, int], **fields: Any) -> Record:
    return new_record(
        device,
        departure,
        vehicle_id="v1",
        vehicle="Renault Trafic",
        plate="HN-4521",
        driver=fields.pop("driver", "Edgars Putniņš"),
        purpose=fields.pop("purpose", "excursion"),
        destination=fields.pop("destination", "Rēzekne"),
        departure=iso(departure),
        **{"return": iso(departure + timedelta(hours=3))},
        odometer_start=odometer[0],
        odometer_end=odometer[1],
        safety_check=True,
        guests=fields.pop("guests", 0),
        note=None,
        closed_at=iso(departure + timedelta(hours=3)),
        voided_at=fields.pop("voided_at", None),
        **fields,
    )


def boarding(device: str, of: Record, participant_id: str, wheelchair: bool = False, **fields: Any) -> Record:
    moment = datetime.fromisoformat(of["departure"]) - timedelta(minutes=5)
    return new_record(
        device,
        moment,
        trip_id=of["id"],
        participant_id=participant_id,
        at=iso(moment),
        method="scan",
        code=None,
        wheelchair=wheelchair,
        lift=wheelchair,
        escorts=fields.pop("escorts", 0),
        override=False,
        voided_at=fields.pop("voided_at", None),
        **fields,
    )


def correction(device: str, created: datetime, of: Record, **changes: tuple[Any, Any]) -> Record:
    return new_record(
        device,
        created,
        target_table="trips",
        target_id=of["id"],
        changes={name: {"before": before, "after": after} for name, (before, after) in changes.items()},
        by="staff",
        reason="typo",
    )


def write_log(store: Store, week: str, device: str, tables: dict[str, list[Record]]) -> Path:
    """Add records to a device's log file for `week`: this laptop's through its WeekLog, others' directly."""
    if device == store.device:
        log = store.week_log(week)
        with log.batch():
            for name, records in tables.items():
                log.table(name).insert_multiple(records)
        return log.path
    path = store.log_path(week, device)
    db = TinyDB(path, storage=DurableStorage)
    storage = db.storage
    assert isinstance(storage, DurableStorage)
    with storage.batch():
        for name, records in tables.items():
            db.table(name).insert_multiple(records)
    db.close()
    return path


def week_of_record(record: Record, field: str = "start") -> str:
    return week_key(datetime.fromisoformat(record[field]))


def read_csv(path: Path, delimiter: str = ";") -> list[dict[str, str]]:
    """Read an exported CSV as a spreadsheet would: it must start with the UTF-8 BOM."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


class Centre:
    """A small centre over three weeks and a year boundary, on two laptops, with the pitfalls exports must handle."""

    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        registry = store.registry
        add = registry.add_participant
        self.anna = add(
            now,
            first_name="Anna",
            last_name="Kalniņa",
            birth_year=1950,
            gender="F",
            groups=["senior"],
            consent_date="2025-01-10",
        )
        self.janis = add(
            now,
            first_name="Jānis",
            last_name="Bērziņš",
            birth_year=1970,
            gender="M",
            groups=["disability"],
            consent_date="2026-11-17",
        )
        self.ivan = add(
            now,
            first_name="Иван",
            last_name="Петров",
            birth_year=1945,
            gender="M",
            groups=["senior", "disability", "wheelchair"],
            consent_date="2024-03-01",
        )
        self.galina = add(
            now, first_name="Галина", last_name="Иванова", gender="F", groups=["senior"], consent_date="2026-12-30"
        )
        self.kersti = add(
            now, first_name="Ķērsti", last_name="Žagare", birth_year=1961, groups=["senior"], consent_date="2026-11-20"
        )
        registry.set_settings({"centre_name": "Daugavpils dienas centrs"})
        self.here, self.other = store.device, "laptop2"
        self.records: dict[str, list[Record]] = {}
        self._week_47()
        self._year_boundary()

    def _put(self, week: str, device: str, tables: dict[str, list[Record]]) -> None:
        write_log(self.store, week, device, tables)
        for name, records in tables.items():
            self.records.setdefault(name, []).extend(records)

    def _week_47(self) -> None:
        here, other = self.here, self.other
        self.gym = session(here, at("2026-11-16", 10), "Gym")
        self.cigun = session(here, at("2026-11-18", 11), "Cigun", place="Stropu parks", instructor="Kārlis Miezis")
        self.gym_friday = session(other, at("2026-11-20", 10), "Gym")
        self.voided_checkin = checkin(here, self.gym, self.galina.id, 4, voided_at=iso(at("2026-11-16", 10, 5)))
        gym_anna = checkin(here, self.gym, self.anna.id, 1)
        self.trip = trip(here, at("2026-11-17", 9), (1000, 1040), destination="Rēzekne")
        self.voided_trip = trip(here, at("2026-11-19", 9), (1040, 1070), voided_at=iso(at("2026-11-19", 12)))
        self._put(
            "2026-W47",
            here,
            {
                "sessions": [self.gym, self.cigun],
                "checkins": [
                    gym_anna,
                    checkin(here, self.gym, self.janis.id, 2),
                    checkin(here, self.gym, self.ivan.id, 3),
                    self.voided_checkin,
                    checkin(here, self.cigun, self.anna.id, 1),
                    checkin(here, self.cigun, self.galina.id, 2),
                ],
                "trips": [self.trip, self.voided_trip],
                "boardings": [
                    boarding(here, self.trip, self.ivan.id, wheelchair=True, escorts=1),
                    boarding(here, self.trip, self.anna.id),
                    boarding(here, self.voided_trip, self.kersti.id),
                ],
                "corrections": [correction(here, at("2026-11-20", 9), self.trip, odometer_end=(1040, 1050))],
            },
        )
        # The other laptop: its own session, and a copy of a record the first laptop holds (copied logs).
        self._put(
            "2026-W47",
            other,
            {
                "sessions": [self.gym_friday],
                "checkins": [
                    checkin(other, self.gym_friday, self.anna.id, 1),
                    checkin(other, self.gym_friday, self.ivan.id, 2),
                ],
            },
        )
        write_log(self.store, "2026-W47", other, {"sessions": [dict(self.gym)], "checkins": [dict(gym_anna)]})
        # A week later: a session, and the correction that puts the trip's odometer right at last.
        self.gym_w48 = session(here, at("2026-11-24", 10), "Gym")
        self._put(
            "2026-W48",
            here,
            {
                "sessions": [self.gym_w48],
                "checkins": [checkin(here, self.gym_w48, self.janis.id, 1)],
                "corrections": [
                    correction(
                        here,
                        at("2026-11-25", 9),
                        self.trip,
                        odometer_end=(1050, 1042),
                        destination=("Rēzekne", "Rēzekne, Zeimuļs"),
                    )
                ],
            },
        )

    def _year_boundary(self) -> None:
        here = self.here
        self.new_year_eve = session(here, at("2026-12-31", 11), "Cigun")
        self.new_year_day = session(here, at("2027-01-01", 10), "Gym")  # a Friday: ISO week 2026-W53
        self.first_monday = session(here, at("2027-01-04", 10), "Gym")  # ISO week 2027-W01
        self._put(
            "2026-W53",
            here,
            {
                "sessions": [self.new_year_eve, self.new_year_day],
                "checkins": [
                    checkin(here, self.new_year_eve, self.anna.id, 1),
                    checkin(here, self.new_year_day, self.galina.id, 1),
                ],
            },
        )
        self._put(
            "2027-W01",
            here,
            {
                "sessions": [self.first_monday],
                "checkins": [
                    checkin(here, self.first_monday, self.anna.id, 1),
                    checkin(here, self.first_monday, self.ivan.id, 2),
                ],
            },
        )

    def standing(self, table: str, start: str, end: str) -> list[Record]:
        """The test's own count of what stands in a period: unique ids, no voids, sessions/trips by date."""
        key = {"checkins": ("session_id", "sessions"), "boardings": ("trip_id", "trips")}
        if table in key:
            parent_field, parent_table = key[table]
            parents = {r["id"] for r in self.standing(parent_table, start, end)}
            rows = [r for r in self.records[table] if r[parent_field] in parents and not r.get("voided_at")]
        else:
            field = "start" if table == "sessions" else "departure"
            rows = [r for r in self.records[table] if start <= r[field][:10] <= end and not r.get("voided_at")]
        return list({r["id"]: r for r in rows}.values())
