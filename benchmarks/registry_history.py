"""Ten years of registry work on three laptops, done through the app's own Store and Registry.

Each laptop has a folder of its own. Its staff add people, edit them,
archive them, reissue lost cards, change the lists and the settings, every
change through the same `Registry` methods the screens call (stamped with the
moment it was made). Every thirteen weeks the laptops meet: each one's
`registry/<device>.json` is delivered into the others' folders the way
Syncthing delivers a file (a temp file renamed over the old copy) and each
reads them (`Store.refresh`). Some edits fall between two meetings on two
laptops at once, on the same people, some on the same field.

What it returns maps the one-laptop centre's ids and codes to the ones these
laptops made, so that the same ten years of logs can point at them.
"""

from __future__ import annotations

import os
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.generate import BIG_DAY, RIGA
from benchmarks.people import NEIGHBOURHOODS
from sessions.participants import GROUPS
from sessions.store import Store
from sessions.vehicles import VEHICLE_FIELDS, save_vehicle

__all__ = ["HALL", "LAPTOPS", "MINIBUS", "OFFICE", "History", "live_history"]

HALL, MINIBUS, OFFICE = "hall-laptop", "minibus-laptop", "office-laptop"
LAPTOPS = (HALL, MINIBUS, OFFICE)
#: Weeks between two meetings of the laptops (every file delivered to every laptop).
MEETING_WEEKS = 13
#: Years in which staff changed the lists and settings (a younger centre makes them all before its last week).
LIST_YEARS = 8
_PERSON_FIELDS = ("first_name", "last_name", "birth_year", "gender", "groups", "neighbourhood", "language")


@dataclass
class History:
    """What the three laptops made of the one-laptop centre's registry."""

    #: One-laptop id (participant, activity, vehicle) → the id the laptops gave it.
    ids: dict[str, str] = field(default_factory=dict)
    #: A code the one-laptop logs scan → the code the person holds on the three laptops.
    codes: dict[str, str] = field(default_factory=dict)
    #: How many changes of each kind each laptop made.
    changes: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).astimezone(RIGA)


def deliver(source: Path, target: Path) -> None:
    """Put a laptop's registry file into another's folder as a sync engine does: a temp file, renamed."""
    temp = target.parent / f".syncthing.{target.name}.tmp"
    shutil.copyfile(source, temp)
    os.replace(temp, target)


class _Laptops:
    def __init__(self, folders: Path, centre_file: Path, history: History) -> None:
        self.stores: dict[str, Store] = {}
        self.history = history
        for device in LAPTOPS:
            folder = folders / device
            folder.mkdir(parents=True)
            shutil.copyfile(centre_file, folder / "centre.json")  # made once, then shared with the rest
            self.stores[device] = Store(folder, device=device)

    def count(self, device: str, kind: str) -> None:
        self.history.changes[device][kind] += 1

    def meet(self, now: datetime, *, among: tuple[str, ...] = LAPTOPS) -> None:
        """Every laptop in `among` gets every other's latest file, and reads it."""
        for source in among:
            for target in among:
                store = self.stores[source]
                if source != target and store.registry_path.exists():  # a laptop that never wrote has no file
                    deliver(store.registry_path, self.stores[target].registry_dir / store.registry_path.name)
        for device in among:
            self.stores[device].refresh(now)

    def close(self) -> None:
        for store in self.stores.values():
            store.close()


def _events(tables: dict[str, dict[str, Any]], rng: random.Random) -> list[tuple[datetime, int, str, str, Any]]:
    """(when, order, laptop, what, record) for every join, card reissue and archive of the one-laptop registry."""
    cards: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for card in tables["cards"].values():
        cards[card["participant_id"]].append(card)
    events = []
    for person in tables["participants"].values():
        own = sorted(cards[person["id"]], key=lambda c: c["issued"])
        at_door = rng.random() < 0.3  # registered at the hall's door, the rest at the office
        events.append((_when(person["created"]), 0, HALL if at_door else OFFICE, "join", (person, own[0]["code"])))
        for old in own[:-1]:
            laptop = HALL if rng.random() < 0.7 else OFFICE
            events.append((_when(old["revoked_at"]), 1, laptop, "reissue", (person, own[-1]["code"])))
        if person.get("archived_at"):
            events.append((_when(person["archived_at"]), 2, OFFICE, "archive", person))
    return sorted(events, key=lambda e: (e[0], e[1]))


def _edit(rng: random.Random) -> dict[str, Any]:
    kind = rng.random()
    if kind < 0.4:
        return {"neighbourhood": rng.choice(NEIGHBOURHOODS)}
    if kind < 0.7:
        return {"groups": sorted(rng.sample(GROUPS, k=rng.randint(0, 2)))}
    if kind < 0.85:
        return {"language": rng.choice(("lv", "ru"))}
    return {"birth_year": rng.randint(1930, 1975)}


class _Replay:
    """The one-laptop registry's history, laptop by laptop, meeting by meeting."""

    def __init__(self, laptops: _Laptops, tables: dict[str, dict[str, Any]], first: datetime) -> None:
        self.laptops = laptops
        self.tables = tables
        self.first = first
        self.memory: dict[str, Any] | None = None
        self.rng = random.Random(314)
        self.history = laptops.history

    def registry(self, device: str) -> Any:
        return self.laptops.stores[device].registry

    def setup(self) -> None:
        """The office makes the lists and the centre's name on the first morning."""
        office, now = self.registry(OFFICE), self.first
        for kind in ("activities", "places", "staff"):
            for item in self.tables[kind].values():
                fields = {k: v for k, v in item.items() if k not in ("id", "created", "device", "archived_at")}
                made = office.add_item(kind, now, **fields)
                self.history.ids[item["id"]] = made["id"]
        for vehicle in self.tables["vehicles"].values():
            typed = {k: vehicle[k] if k == "lift" else str(vehicle[k]) for k in VEHICLE_FIELDS}
            made = save_vehicle(office, now, None, **typed)
            self.history.ids[vehicle["id"]] = made["id"]
        shared = {s["key"]: s["value"] for s in self.tables["settings"].values()}
        office.set_settings(shared, now)
        self.laptops.count(OFFICE, "lists and settings")

    def play(self, last: datetime) -> None:
        """Every meeting thirteen weeks after the one before, the last on the Monday of the last week."""
        events = _events(self.tables, self.rng)
        monday = (last - timedelta(days=last.weekday())).replace(hour=8, minute=0)
        meetings = []
        meeting = self.first + timedelta(weeks=MEETING_WEEKS)
        while meeting < monday:
            meetings.append(meeting)
            meeting += timedelta(weeks=MEETING_WEEKS)
        meetings.append(monday)
        index, years_done = 0, 0
        for meeting in meetings:
            upto = index
            while upto < len(events) and (events[upto][0] < meeting or meeting is meetings[-1]):
                upto += 1
            self.between_meetings(events[index:upto], meeting)
            index = upto
            self.laptops.meet(meeting)
            # A year's list and setting changes, the day after a meeting (a young centre makes them all at once).
            years = (meeting - self.first).days // 365 if meeting is not meetings[-1] else LIST_YEARS
            for year in range(years_done + 1, years + 1):
                self.lists(year, meeting + timedelta(days=1))
            years_done = max(years_done, years)

    def between_meetings(self, events: list[Any], meeting: datetime) -> None:
        by_laptop: dict[str, list[Any]] = defaultdict(list)
        joined_here = {e[4][0]["id"]: e[2] for e in events if e[3] == "join"}
        for when, order, device, what, record in events:
            person = record if what == "archive" else record[0]
            # Someone added since the last meeting is known only where they were added: changed there.
            device = joined_here.get(person["id"], device) if what != "join" else device
            by_laptop[device].append((when, order, device, what, record))
        for device, own in by_laptop.items():
            joins = [e for e in own if e[3] == "join"]
            if joins:
                # The day's new people typed in one after another: one write for them all (an import's way).
                registry = self.registry(device)
                with registry.bulk():
                    for when, _order, _laptop, _what, (person, code) in joins:
                        fields = {k: person.get(k) for k in _PERSON_FIELDS}
                        made = registry.add_participant(when, code=code, consent_date=person["consent_date"], **fields)
                        self.history.ids[person["id"]] = made.id
                        self.history.codes.setdefault(person["code"], made.code or code)
                        self.laptops.count(device, "add")
            for when, _order, _laptop, what, record in own:
                if what == "reissue":
                    person, final = record
                    new = self.registry(device).issue_card(self.history.ids[person["id"]], when)
                    self.history.codes[final] = new
                    self.laptops.count(device, "reissued card")
                elif what == "archive":
                    self.registry(device).archive_participant(self.history.ids[record["id"]], when)
                    self.laptops.count(device, "archive")
        self.edits(events, meeting)

    def edits(self, events: list[Any], meeting: datetime) -> None:
        """People's details corrected between two meetings; some on two laptops at once."""
        rng = self.rng
        known = [pid for pid in self.history.ids.values() if self.registry(OFFICE).participant(pid)]
        start = meeting - timedelta(weeks=MEETING_WEEKS)
        for _ in range(min(len(known), 8)):
            person = rng.choice(known)
            when = start + timedelta(days=rng.randint(0, 7 * MEETING_WEEKS - 1), hours=10)
            devices = rng.sample(LAPTOPS, k=2) if rng.random() < 0.4 else [rng.choice((HALL, OFFICE, OFFICE))]
            for n, device in enumerate(devices):
                registry = self.registry(device)
                if registry.participant(person) is None:
                    continue  # not yet heard of there: the other laptop added them since the last meeting
                registry.update_participant(person, when + timedelta(minutes=7 * n), **_edit(rng))
                self.laptops.count(device, "edit" if len(devices) == 1 else "edit of a person edited elsewhere")

    def lists(self, year: int, when: datetime) -> None:
        """A year's changes to the lists and settings, on whichever laptop staff used."""
        hall, minibus, office = (self.registry(d) for d in LAPTOPS)
        if year == 1:
            office.set_settings({"centre_name": "Daugavpils sociālās aprūpes dienas centrs"}, when)
            self.laptops.count(OFFICE, "lists and settings")
        if year == 2:
            office.add_item("places", when, name="Mazā zāle")
            self.laptops.count(OFFICE, "lists and settings")
        if year == 3:
            self.memory = office.add_item("activities", when, name="Atmiņas treniņš", capacity=12)
            self.laptops.count(OFFICE, "lists and settings")
        if year == 4:
            minibus.add_item("staff", when, name="Jurijs Petrovs", roles=["driver"])
            self.laptops.count(MINIBUS, "lists and settings")
        if year == 5:
            gym = next(a for a in hall.items("activities") if a["name"] == "Gym")
            hall.update_item("activities", gym["id"], when, capacity=22)
            self.laptops.count(HALL, "lists and settings")
        if year == 6:
            save_vehicle(
                minibus, when, None, name="Opel Vivaro", plate="LT-3306", seats="8", wheelchair_places="1",
                lift=False, odometer="30500",
            )  # fmt: skip
            self.laptops.count(MINIBUS, "lists and settings")
        if year == 7 and self.memory is not None:
            office.archive_item("activities", self.memory["id"], when)
            self.laptops.count(OFFICE, "lists and settings")
        if year == 8:
            place = next(p for p in office.items("places") if p["name"] == "Mazā zāle")
            office.archive_item("places", place["id"], when)
            hall.set_settings({"centre_name": "Dienas centrs “Ditton”"}, when + timedelta(hours=2))
            office.set_settings({"centre_name": "Dienas centrs Ditton"}, when)  # the same field, earlier: loses
            self.laptops.count(OFFICE, "lists and settings")
            self.laptops.count(HALL, "lists and settings")


def live_history(
    folders: Path, centre_file: Path, tables: dict[str, dict[str, Any]], first: datetime, last: datetime
) -> tuple[History, dict[str, Path]]:
    """Run the years from `first` to `last` on three laptops under `folders`; their folders as they are left."""
    history = History()
    laptops = _Laptops(folders, centre_file, history)
    try:
        replay = _Replay(laptops, tables, first)
        replay.setup()
        replay.play(last)
        final(replay, last)
        return history, {device: laptops.stores[device].data_dir for device in LAPTOPS}
    finally:
        laptops.close()


def final(replay: _Replay, last: datetime) -> None:
    """The last week: the laptops met on Monday; since then each has changed things the others have not all seen.

    The office and the hall met again at noon on Friday (the minibus was out):
    the hall knows the office's morning, the minibus does not. Then each made
    one more change of its own, which no other laptop has read yet.
    """
    rng = replay.rng
    hall, minibus, office = (replay.registry(d) for d in LAPTOPS)
    people = [p for p in office.participants(include_archived=False) if p.code]
    friday_morning = last.replace(hour=9)
    for person in rng.sample(people, k=min(6, len(people))):
        office.update_participant(person.id, friday_morning, **_edit(rng))
        replay.laptops.count(OFFICE, "edit")
    replay.laptops.meet(friday_morning.replace(hour=12), among=(HALL, OFFICE))
    both = rng.sample(people, k=min(4, len(people)))
    for person in both:  # the same people changed on the hall laptop and in the office this afternoon
        hall.update_participant(person.id, last.replace(hour=14), **_edit(rng))
        office.update_participant(person.id, last.replace(hour=14, minute=5), **_edit(rng))
        replay.laptops.count(HALL, "edit of a person edited elsewhere")
        replay.laptops.count(OFFICE, "edit of a person edited elsewhere")
    lost = rng.choice(people)
    hall.issue_card(lost.id, last.replace(hour=14, minute=30))
    replay.laptops.count(HALL, "reissued card")
    newcomer = hall.add_participant(
        last.replace(hour=15), first_name="Valentīna", last_name="Kozlovska", birth_year=1951, gender="F",
        groups=["senior"], neighbourhood="Jaunbūve", language="ru", consent_date=last.date().isoformat(),
    )  # fmt: skip
    replay.laptops.count(HALL, "add")
    minibus.update_participant(people[0].id, last.replace(hour=13), groups=["senior", "wheelchair"])
    replay.laptops.count(MINIBUS, "edit")
    office.archive_participant(people[1].id, last.replace(hour=15, minute=30))
    replay.laptops.count(OFFICE, "archive")
    big = next(a for a in hall.items("activities") if a["name"] == BIG_DAY)
    chosen = {"last_activity": big["id"], f"last_place:{big['id']}": "Lielā zāle"}
    hall.set_settings({**chosen, f"last_instructor:{big['id']}": "Olga Vasiļjeva"}, last.replace(hour=16))
    assert newcomer.code
