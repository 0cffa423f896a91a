"""A synthetic ten-year centre, written straight into the app's files, and its naive twin."""

from __future__ import annotations

import json
import random
import shutil
import uuid
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from benchmarks.people import person as invent_person
from sessions.clock import iso, week_key
from sessions.codes import CODE_LENGTH, check_digit
from sessions.storage.local import machine_fingerprint
from sessions.storage.shared import local_setting

__all__ = ["BIG_DAY", "BIG_DAY_CAPACITY", "DEVICES", "Centre", "Generated", "dump", "ensure", "write_laptop"]

RIGA = ZoneInfo("Europe/Riga")
#: The hall laptop (the one the benchmarks check in on) and the office laptop (trips).
DEVICES = ("hall-laptop", "office-laptop")
LOG_TABLES = ("sessions", "checkins", "scans", "trips", "boardings", "corrections")
#: The activity with room for a whole scanner burst, left highlighted for the next start.
BIG_DAY = "Health day"
BIG_DAY_CAPACITY = 300

# (name, capacity, device that runs it)
_ACTIVITIES = [
    ("Gym", 20, 0),
    ("Cigun", 25, 0),
    ("Chair yoga", 18, 0),
    ("Dance", 25, 0),
    ("Pool", 15, 1),
    ("Outdoor exercise", 30, 1),
    ("Nordic walking", 20, 1),
    (BIG_DAY, BIG_DAY_CAPACITY, 0),
]
_HOURS = (9, 10, 11, 13, 15)
_INSTRUCTORS = ["Olga Vasiļjeva", "Kārlis Miezis", "Svetlana Grigorjeva", "Ieva Kalēja"]
_DRIVERS = ["Aleksandrs Jakovļevs", "Edgars Putniņš", "Igors Beļikovs"]
_PLACES = ["Sporta zāle", "Peldbaseins", "Stropu parks", "Lielā zāle"]
_PLACE_OF = {"Pool": "Peldbaseins", "Outdoor exercise": "Stropu parks", "Nordic walking": "Stropu parks"}
_PURPOSES = ["Shopping", "Doctor", "Excursion", "Pool", "Social services", "Pharmacy", "Cemetery"]
_DESTINATIONS = [
    "Ditton nams",
    "Reģionālā slimnīca",
    "Rimi Ditton",
    "Aglona",
    "Krāslava",
    "Sociālais dienests",
    "Daugavpils cietoksnis",
]


@dataclass(frozen=True)
class Centre:
    """How big the invented centre is; the last week is the week of `end`."""

    weeks: int = 520
    participants: int = 3000
    sessions_per_week: int = 25
    trips_per_week: int = 15
    seed: int = 2016
    end: str = ""
    #: Bumped whenever the generator changes, so that an old cache is not reused.
    version: int = 3

    @classmethod
    def ten_years(cls, today: date) -> Centre:
        return cls(end=today.isoformat())

    @classmethod
    def one_week(cls, today: date) -> Centre:
        return cls(weeks=1, participants=60, sessions_per_week=6, trips_per_week=3, end=today.isoformat())


@dataclass(frozen=True)
class Generated:
    """Where the generated centre is, and what it holds."""

    root: Path
    centre: Centre
    counts: dict[str, int]

    @property
    def data_dir(self) -> Path:
        return self.root / "centre"

    @property
    def naive_file(self) -> Path:
        return self.root / "naive" / "centre.json"

    @property
    def last_week(self) -> str:
        return week_key(date.fromisoformat(self.centre.end))

    @property
    def records(self) -> int:
        return sum(v for k, v in self.counts.items() if k in LOG_TABLES)


def ensure(root: Path, centre: Centre) -> Generated:
    """The centre under `root`: reused when already generated with the same parameters."""
    marker = root / "generated.json"
    if marker.exists():
        saved = json.loads(marker.read_text())
        if saved["centre"] == asdict(centre):
            return Generated(root, centre, saved["counts"])
    for name in ("centre", "naive", "generated.json"):
        target = root / name
        if target.is_dir():
            shutil.rmtree(target)
        target.unlink(missing_ok=True)
    counts = _Generator(root, centre).run()
    marker.write_text(json.dumps({"centre": asdict(centre), "counts": counts}, indent=1))
    return Generated(root, centre, counts)


def write_laptop(data_dir: Path, device: str, settings: list[dict[str, Any]]) -> None:
    """The folder's `local/`: the laptop's id (made on this machine) and the settings it keeps for itself."""
    local = data_dir / "local"
    local.mkdir(exist_ok=True)
    (local / "device.json").write_text(json.dumps({"device": device, "machine": machine_fingerprint()}))
    (local / "state.json").write_bytes(dump({"settings": settings}))


def dump(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    """Tables in the layout TinyDB keeps: {"table": {"1": {...}, ...}}."""
    data = {name: {str(i): rec for i, rec in enumerate(records, 1)} for name, records in tables.items() if records}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _NaiveFile:
    """Every record in one stock-TinyDB file, written table by table without holding them all."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.parts: dict[str, Any] = {}
        self.counts: dict[str, int] = {}

    def add(self, table: str, records: list[dict[str, Any]]) -> None:
        part = self.parts.get(table)
        if part is None:
            part = self.parts[table] = open(self.path.with_name(f"{table}.part"), "w", encoding="ascii")
            self.counts[table] = 0
        for record in records:
            self.counts[table] += 1
            part.write(f'{", " if self.counts[table] > 1 else ""}"{self.counts[table]}": {json.dumps(record)}')

    def close(self) -> None:
        with open(self.path, "w", encoding="ascii") as out:
            out.write("{")
            for n, (table, part) in enumerate(self.parts.items()):
                part.close()
                out.write(f'{", " if n else ""}"{table}": {{')
                with open(part.name, encoding="ascii") as source:
                    shutil.copyfileobj(source, out)
                out.write("}")
                Path(part.name).unlink()
            out.write("}")


class _Generator:
    def __init__(self, root: Path, centre: Centre) -> None:
        self.rng = random.Random(centre.seed)
        self.centre = centre
        self.data_dir = root / "centre"
        (self.data_dir / "logs").mkdir(parents=True)
        self.naive = _NaiveFile(root / "naive" / "centre.json")
        monday = date.fromisoformat(centre.end) - timedelta(days=date.fromisoformat(centre.end).weekday())
        self.first_monday = monday - timedelta(weeks=centre.weeks - 1)
        self.odometer: dict[str, int] = {}

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def record(self, device: int, created: datetime, **fields: Any) -> dict[str, Any]:
        return {"id": self.uid(), "created": iso(created), "device": DEVICES[device], **fields}

    def code(self) -> str:
        body = str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in range(CODE_LENGTH - 2))
        return body + check_digit(body)

    def run(self) -> dict[str, int]:
        registry = self.registry()
        # As the app keeps one laptop's registry: the shared tables in registry/<device>.json
        # (never stamped, as a folder from before several laptops is left), what the laptop
        # chose last in local/state.json, its id in local/device.json.
        shared = {name: records for name, records in registry.items() if name != "settings"}
        settings = registry["settings"]
        shared["settings"] = [s for s in settings if not local_setting(s["key"])]
        own = [s for s in settings if local_setting(s["key"])]
        (self.data_dir / "registry").mkdir()
        (self.data_dir / "registry" / f"{DEVICES[0]}.json").write_bytes(dump(shared))
        write_laptop(self.data_dir, DEVICES[0], own)
        for table, records in registry.items():
            self.naive.add(table, records)
        for week in range(self.centre.weeks):
            self.week(week)
        centre = {"centre": self.uid(), "created": iso(self.moment(0, hour=8))}
        (self.data_dir / "centre.json").write_text(json.dumps(centre))
        self.naive.close()
        return dict(self.naive.counts)

    # the registry -----------------------------------------------------------

    def moment(self, week: int, weekday: int = 0, hour: int = 9, minute: int = 0) -> datetime:
        day = self.first_monday + timedelta(weeks=week, days=weekday)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIGA)

    def registry(self) -> dict[str, list[dict[str, Any]]]:
        start = self.moment(0, hour=8)
        tables: dict[str, list[dict[str, Any]]] = {
            name: [] for name in ("participants", "cards", "activities", "places", "staff", "vehicles", "settings")
        }
        for name, capacity, _device in _ACTIVITIES:
            tables["activities"].append(self.record(1, start, name=name, capacity=capacity, archived_at=None))
        tables["places"] = [self.record(1, start, name=p, archived_at=None) for p in _PLACES]
        tables["staff"] = [self.record(1, start, name=n, roles=["instructor"], archived_at=None) for n in _INSTRUCTORS]
        tables["staff"] += [self.record(1, start, name=n, roles=["driver"], archived_at=None) for n in _DRIVERS]
        tables["vehicles"] = [
            self.record(
                1,
                start,
                name="Renault Trafic",
                plate="HN-4521",
                seats=8,
                wheelchair_places=2,
                lift=True,
                odometer=84210,
                archived_at=None,
            ),
            self.record(
                1,
                start,
                name="Ford Transit",
                plate="KR-1187",
                seats=9,
                wheelchair_places=1,
                lift=True,
                odometer=12040,
                archived_at=None,
            ),
        ]
        self.vehicles = tables["vehicles"]
        self.odometer = {v["id"]: v["odometer"] for v in self.vehicles}
        self.activities = [
            (rec, device) for rec, (_n, _c, device) in zip(tables["activities"], _ACTIVITIES, strict=True)
        ]
        self.people = [self.participant(i, tables) for i in range(self.centre.participants)]
        big = tables["activities"][-1]["id"]
        tables["settings"] = [
            {"key": "centre_name", "value": "Daugavpils dienas centrs"},
            {"key": "last_activity", "value": big},
            {"key": f"last_place:{big}", "value": "Lielā zāle"},
            {"key": f"last_instructor:{big}", "value": _INSTRUCTORS[0]},
        ]
        return tables

    def participant(self, index: int, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        """One person: a third there from the start, the rest joining over the years; some leave."""
        weeks = self.centre.weeks
        joined = 0 if index < self.centre.participants // 3 else self.rng.randrange(weeks)
        left = self.rng.randrange(joined, weeks) if self.rng.random() < 0.15 and weeks > 1 else None
        created = self.moment(joined, self.rng.randrange(5), 12)
        fields = invent_person(self.rng)
        record = self.record(
            1, created, archived_at=iso(self.moment(left, 4, 16)) if left is not None else None, code=None, **fields
        )
        record["consent_date"] = created.date().isoformat()
        code = self.code()
        if self.rng.random() < 0.06 and joined + 1 < weeks:
            reissued = self.moment(self.rng.randrange(joined + 1, weeks), 2, 12)
            tables["cards"].append(
                self.record(
                    1, created, code=code, participant_id=record["id"], issued=iso(created), revoked_at=iso(reissued)
                )
            )
            created, code = reissued, self.code()
        record["code"] = code
        tables["cards"].append(
            self.record(1, created, code=code, participant_id=record["id"], issued=iso(created), revoked_at=None)
        )
        tables["participants"].append(record)
        return {
            "id": record["id"],
            "code": code,
            "joined": joined,
            "left": left,
            "wheelchair": "wheelchair" in fields["groups"],
        }

    # a week of logs ---------------------------------------------------------

    def week(self, week: int) -> None:
        pool = [p for p in self.people if p["joined"] <= week and (p["left"] is None or p["left"] > week)]
        files: list[dict[str, list[dict[str, Any]]]] = [{t: [] for t in LOG_TABLES} for _ in DEVICES]
        timetable = self.activities[:-1]
        for slot in range(self.centre.sessions_per_week):
            activity, device = timetable[(slot + week) % len(timetable)]
            began = self.moment(week, slot % 5, _HOURS[(slot // 5) % len(_HOURS)])
            self.session(files[device], device, activity, began, pool)
        for slot in range(self.centre.trips_per_week):
            self.trip(files[1], self.moment(week, slot % 5, 8 + 2 * (slot // 5), self.rng.randrange(30)), pool)
        self.corrections(files[1], files, self.moment(week, 4, 17))
        key = week_key(self.moment(week))
        for device, tables in enumerate(files):
            (self.data_dir / "logs" / f"{key}.{DEVICES[device]}.json").write_bytes(dump(tables))
            for table, records in tables.items():
                self.naive.add(table, records)

    def session(
        self,
        tables: dict[str, list[dict[str, Any]]],
        device: int,
        activity: dict[str, Any],
        began: datetime,
        pool: list[dict[str, Any]],
    ) -> None:
        rng = self.rng
        end = began + timedelta(minutes=60)
        left_open = rng.random() < 0.01
        session = self.record(
            device,
            began,
            activity_id=activity["id"],
            activity=activity["name"],
            place=_PLACE_OF.get(activity["name"], "Sporta zāle"),
            instructor=rng.choice(_INSTRUCTORS),
            start=iso(began),
            end=iso(end),
            capacity=activity["capacity"],
            note="closed_at_next_start" if left_open else None,
            closed_at=iso(end + timedelta(minutes=rng.randint(1, 20))),
        )
        tables["sessions"].append(session)
        capacity = activity["capacity"]
        attendees = rng.sample(pool, k=min(len(pool), capacity, round(capacity * rng.uniform(0.75, 1.0))))
        at = began - timedelta(minutes=12)
        for person in attendees:
            at += timedelta(seconds=rng.randint(3, 40))
            self.attend(tables, device, session["id"], person, at)
            if rng.random() < 0.04:
                raw = (
                    self.code()
                    if rng.random() < 0.5
                    else "".join(rng.choice("0123456789") for _ in range(rng.randint(3, 14)))
                )
                outcome = "unknown_card" if len(raw) == CODE_LENGTH else "not_a_card"
                tables["scans"].append(
                    self.record(
                        device,
                        at,
                        session_id=session["id"],
                        at=iso(at),
                        method="scan",
                        raw=raw,
                        outcome=outcome,
                        colour="red",
                        participant_id=None,
                    )
                )

    def attend(
        self,
        tables: dict[str, list[dict[str, Any]]],
        device: int,
        session_id: str,
        person: dict[str, Any],
        at: datetime,
    ) -> None:
        rng = self.rng
        manual = rng.random() < 0.08
        method = "manual" if manual else "scan"
        checkin = self.record(
            device,
            at,
            session_id=session_id,
            participant_id=person["id"],
            at=iso(at),
            method=method,
            code=None if manual else person["code"],
            override=False,
            voided_at=None,
        )
        if rng.random() < 0.02:
            checkin.update(voided_at=iso(at + timedelta(seconds=30)), voided_by=_INSTRUCTORS[0], void_reason="undo")
        tables["checkins"].append(checkin)
        raw = "" if manual else person["code"]
        tables["scans"].append(
            self.record(
                device,
                at,
                session_id=session_id,
                at=iso(at),
                method=method,
                raw=raw,
                outcome="checked_in",
                colour="green",
                participant_id=person["id"],
            )
        )
        if rng.random() < 0.06:
            later = at + timedelta(seconds=rng.randint(5, 300))
            tables["scans"].append(
                self.record(
                    device,
                    later,
                    session_id=session_id,
                    at=iso(later),
                    method="scan",
                    raw=person["code"],
                    outcome="already_in",
                    colour="yellow",
                    participant_id=person["id"],
                )
            )

    def trip(self, tables: dict[str, list[dict[str, Any]]], departure: datetime, pool: list[dict[str, Any]]) -> None:
        rng = self.rng
        vehicle = rng.choice(self.vehicles)
        km = rng.randint(4, 90)
        start = self.odometer[vehicle["id"]]
        self.odometer[vehicle["id"]] = start + km
        back = departure + timedelta(minutes=rng.randint(40, 240))
        trip = self.record(
            1,
            departure,
            vehicle_id=vehicle["id"],
            vehicle=vehicle["name"],
            plate=vehicle["plate"],
            driver=rng.choice(_DRIVERS),
            purpose=rng.choice(_PURPOSES),
            destination=rng.choice(_DESTINATIONS),
            departure=iso(departure),
            **{"return": iso(back)},
            odometer_start=start,
            odometer_end=start + km,
            safety_check=True,
            guests=rng.choice((0, 0, 0, 1, 2)),
            note=None,
            closed_at=iso(back + timedelta(minutes=2)),
        )
        tables["trips"].append(trip)
        at = departure - timedelta(minutes=10)
        for person in rng.sample(pool, k=min(len(pool), rng.randint(3, 8))):
            at += timedelta(seconds=rng.randint(10, 90))
            manual = rng.random() < 0.1
            tables["boardings"].append(
                self.record(
                    1,
                    at,
                    trip_id=trip["id"],
                    participant_id=person["id"],
                    at=iso(at),
                    method="manual" if manual else "scan",
                    code=None if manual else person["code"],
                    wheelchair=person["wheelchair"],
                    lift=person["wheelchair"],
                    escorts=rng.choice((0, 0, 0, 1)),
                    override=False,
                    voided_at=iso(at) if rng.random() < 0.01 else None,
                )
            )

    def corrections(
        self, office: dict[str, list[dict[str, Any]]], files: list[dict[str, list[dict[str, Any]]]], at: datetime
    ) -> None:
        """A few fixes a week: a misread odometer, a session's end time."""
        for trip in self.rng.sample(office["trips"], k=min(2, len(office["trips"]))):
            before = trip["odometer_end"]
            office["corrections"].append(
                self.record(
                    1,
                    at,
                    target_table="trips",
                    target_id=trip["id"],
                    changes={"odometer_end": {"before": before, "after": before + 1}},
                    by=_DRIVERS[0],
                    reason="odometer misread",
                )
            )
        sessions = files[0]["sessions"]
        if sessions:
            session = self.rng.choice(sessions)
            office["corrections"].append(
                self.record(
                    1,
                    at,
                    target_table="sessions",
                    target_id=session["id"],
                    changes={"end": {"before": session["end"], "after": session["start"]}},
                    by=_INSTRUCTORS[1],
                    reason="ended late",
                )
            )
