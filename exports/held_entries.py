"""Sessions held and trips made, each with who came: what every report figure is counted from.

A week's summary (exports/summaries.py) holds these for a closed week; the weeks read from
their files are turned into the same entries here, so both are counted by one piece of code
(exports/held_count.py).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from exports.indicators import _week_of_day, km_of, number

__all__ = [
    "Held",
    "Part",
    "Ride",
    "added",
    "day_of_session",
    "day_of_trip",
    "held_entries",
    "joined",
    "numbered",
    "numbers_in",
    "packed",
    "packed_part",
    "part_from_json",
    "part_of",
    "part_to_json",
    "ride_entries",
    "split",
    "unpacked",
]


@dataclass(slots=True)
class Held:
    """A session that stands (not voided): when, what, its plan, and who checked in.

    `attendances` counts every standing check-in; `persons` holds each participant once.
    """

    id: str
    day: str
    activity: str
    plan_id: str
    planned_day: str
    project_id: str | None
    attendances: int
    persons: list[Any]


@dataclass(slots=True)
class Ride:
    """A trip that stands: when, its project, its km and guests, and its standing boardings."""

    id: str
    day: str
    project_id: str | None
    km: int
    guests: int
    boardings: int
    escorts: int
    wheelchair: bool
    #: Each participant who rode once (a boarding without a participant is counted, never named).
    riders: list[Any]


def day_of_session(session: Mapping[str, Any]) -> str:
    """The day a session is counted on: that of its start (its creation when it has none)."""
    return str(session.get("start") or session.get("created", ""))[:10]


def day_of_trip(trip: Mapping[str, Any]) -> str:
    """The day a trip is counted on: that of its departure (its creation when it has none)."""
    return str(trip.get("departure") or trip.get("created", ""))[:10]


def held_entries(sessions: Mapping[str, Mapping[str, Any]], checkins: Iterable[Mapping[str, Any]]) -> list[Held]:
    """The standing sessions with their standing check-ins (those of other sessions are left out)."""
    came: dict[str, list[Any]] = {sid: [] for sid in sessions}
    for checkin in checkins:
        got = came.get(checkin.get("session_id"))  # type: ignore[arg-type]
        if got is not None:
            got.append(checkin.get("participant_id"))
    return [
        Held(
            str(sid),
            day_of_session(s),
            str(s.get("activity", "")),
            str(s.get("plan_id") or ""),
            str(s.get("planned_day") or ""),
            s.get("project_id") or None,
            len(came[sid]),
            list(dict.fromkeys(came[sid])),
        )
        for sid, s in sessions.items()
    ]


def ride_entries(trips: Mapping[str, Mapping[str, Any]], boardings: Iterable[Mapping[str, Any]]) -> list[Ride]:
    """The standing trips with their standing boardings (those of other trips are left out)."""
    rode: dict[str, list[Mapping[str, Any]]] = {tid: [] for tid in trips}
    for boarding in boardings:
        got = rode.get(boarding.get("trip_id"))  # type: ignore[arg-type]
        if got is not None:
            got.append(boarding)
    return [
        Ride(
            str(tid),
            day_of_trip(t),
            t.get("project_id") or None,
            km_of(t),
            number(t.get("guests")),
            len(rode[tid]),
            sum(number(b.get("escorts")) for b in rode[tid]),
            any(b.get("wheelchair") for b in rode[tid]),
            list(dict.fromkeys(p for b in rode[tid] if (p := b.get("participant_id")))),
        )
        for tid, t in trips.items()
    ]


@dataclass(slots=True)
class Part:
    """What the report counts of some sessions and trips (a closed week's, or those read from files), added up.

    Counts add up and person lists are unions, so parts of many weeks are counted together
    without going back to each session: see exports/held_count.py.
    """

    #: activity -> [sessions, attendances, each person once]
    activities: dict[str, list[Any]] = field(default_factory=dict)
    #: Each person once: a list of ids as made, the bits of a number as counted (see `packed`).
    session_persons: Any = field(default_factory=list)
    riders: Any = field(default_factory=list)
    #: ISO week of the day -> [sessions, attendances, trips, boardings, each person (sessions and trips) once]
    weeks: dict[str, list[Any]] = field(default_factory=dict)
    #: day -> attendances of the sessions started that day
    days: dict[str, int] = field(default_factory=dict)
    #: [trips, trips with a wheelchair user, km, boardings, escorts, guests]
    trips: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0, 0])
    #: [plan_id, planned_day, project_id, sessions, attendances, each session's persons added up, each person once]
    groups: list[list[Any]] = field(default_factory=list)
    #: [project_id, trips, boardings, km, each rider once]
    trip_groups: list[list[Any]] = field(default_factory=list)
    #: The first and last day counted (None: nothing held).
    first: str | None = None
    last: str | None = None


def part_of(held: list[Held], rides: list[Ride]) -> Part:
    """The part of these sessions and trips."""
    part = Part()
    days = [h.day for h in held] + [r.day for r in rides]
    part.first, part.last = (min(days), max(days)) if days else (None, None)
    groups: dict[tuple[str, str, str | None], list[Any]] = {}
    persons: dict[str, dict[Any, None]] = {}
    for h in held:
        activity = part.activities.setdefault(h.activity, [0, 0, {}])
        activity[0] += 1
        activity[1] += h.attendances
        activity[2].update(dict.fromkeys(h.persons))
        week = part.weeks.setdefault(_week_of_day(h.day), [0, 0, 0, 0, {}])
        week[0] += 1
        week[1] += h.attendances
        week[4].update(dict.fromkeys(h.persons))
        part.days[h.day] = part.days.get(h.day, 0) + h.attendances
        group = groups.setdefault((h.plan_id, h.planned_day, h.project_id), [0, 0, 0, {}])
        group[0] += 1
        group[1] += h.attendances
        group[2] += len(set(map(str, h.persons)))
        group[3].update(dict.fromkeys(h.persons))
        persons.setdefault("sessions", {}).update(dict.fromkeys(h.persons))
    trip_groups: dict[str | None, list[Any]] = {}
    for r in rides:
        week = part.weeks.setdefault(_week_of_day(r.day), [0, 0, 0, 0, {}])
        week[2] += 1
        week[3] += r.boardings
        week[4].update(dict.fromkeys(r.riders))
        totals = (1, int(r.wheelchair), r.km, r.boardings, r.escorts, r.guests)
        part.trips = [a + b for a, b in zip(part.trips, totals, strict=True)]
        group = trip_groups.setdefault(r.project_id, [0, 0, 0, {}])
        group[0] += 1
        group[1] += r.boardings
        group[2] += r.km
        group[3].update(dict.fromkeys(r.riders))
        persons.setdefault("riders", {}).update(dict.fromkeys(r.riders))
    for figures in (*part.activities.values(), *part.weeks.values()):
        figures[-1] = list(figures[-1])
    part.session_persons = list(persons.get("sessions", {}))
    part.riders = list(persons.get("riders", {}))
    part.groups = [[*key, *figures[:3], list(figures[3])] for key, figures in groups.items()]
    part.trip_groups = [[key, *figures[:3], list(figures[3])] for key, figures in trip_groups.items()]
    return part


def _persons_of(part: Part) -> list[Any]:
    """Every list of persons a part holds, in a fixed order (how a summary stores them)."""
    return [
        part.session_persons,
        part.riders,
        *(figures[2] for figures in part.activities.values()),
        *(figures[4] for figures in part.weeks.values()),
        *(group[6] for group in part.groups),
        *(group[4] for group in part.trip_groups),
    ]


def part_to_json(part: Part) -> dict[str, Any]:
    """The part as plain JSON, each person named once (in `people`) and then by number."""
    people: dict[Any, int] = {}
    number_of = people.setdefault
    lists = [[number_of(p, len(people)) for p in persons] for persons in _persons_of(part)]
    return {**_shape(part), "people": joined(list(people)), "persons": lists}


def _add_up(into: dict[Any, list[Any]], more: Iterable[tuple[Any, list[Any]]], named: int = 0) -> None:
    """Add figures (their first `named` name them, the last holds persons as bits) into those of the same key."""
    for key, figures in more:
        found = into.get(key)
        if found is None:
            into[key] = list(figures)
            continue
        counts = [a + b for a, b in zip(found[named:-1], figures[named:-1], strict=True)]
        into[key] = [*figures[:named], *counts, found[-1] | figures[-1]]


def _shape(part: Part) -> dict[str, Any]:
    """A part's counts as plain JSON, without its persons."""
    return {
        "activities": {a: f[:2] for a, f in part.activities.items()},
        "weeks": {w: f[:4] for w, f in part.weeks.items()},
        "days": part.days,
        "trips": part.trips,
        "groups": [g[:6] for g in part.groups],
        "trip_groups": [g[:4] for g in part.trip_groups],
        "first": part.first,
        "last": part.last,
    }


def joined(names: list[Any]) -> str | list[Any]:
    """Ids of text without a line break as one text, one a line (read back far quicker than a list); else the list."""
    if all(isinstance(n, str) and n and "\n" not in n for n in names):
        return "\n".join(names)
    return names


def split(names: str | list[Any]) -> list[Any]:
    if isinstance(names, str):
        return names.split("\n") if names else []
    return names


def numbered(data: dict[str, Any], number: Any) -> dict[str, Any]:
    """A part's JSON with each person by the number `number(person)` gives (a table kept for every week) instead
    of by its place in the part's own `people`."""
    numbers = [number(p) for p in split(data["people"])]
    renumbered = [packed([numbers[n] for n in persons]) for persons in data["persons"]]
    return {**{k: v for k, v in data.items() if k != "people"}, "persons": renumbered}


def packed(numbers: list[int]) -> str:
    """Numbers as one bit each of a whole number, in base64: ten years of them read and added up in milliseconds."""
    mask = 0
    for n in numbers:
        mask |= 1 << n
    return _bits_text(mask)


def _bits_text(mask: int) -> str:
    return base64.b64encode(mask.to_bytes((mask.bit_length() + 7) // 8, "little")).decode()


def packed_part(part: Part) -> dict[str, Any]:
    """A part whose persons are bits (a summary's, see `numbered`) as plain JSON, as `numbered` writes it."""
    return {**_shape(part), "persons": [_bits_text(mask) for mask in _persons_of(part)]}


def added(parts: Iterable[Part]) -> Part:
    """Parts whose persons are bits (summaries' parts) added up into one: counts summed, persons or-ed.

    Every figure counted from the sum equals the one counted from the parts (exports/held_count.py
    adds them up the same way; groups of the same plan, planned day and project are one group there too).
    """
    total = Part(session_persons=0, riders=0)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    trip_groups: dict[Any, list[Any]] = {}
    for part in parts:
        _add_up(total.activities, part.activities.items())
        _add_up(total.weeks, part.weeks.items())
        _add_up(groups, ((tuple(g[:3]), g) for g in part.groups), 3)
        _add_up(trip_groups, ((g[0], g) for g in part.trip_groups), 1)
        for day, attended in part.days.items():
            total.days[day] = total.days.get(day, 0) + attended
        total.trips = [a + b for a, b in zip(total.trips, part.trips, strict=True)]
        total.session_persons |= part.session_persons
        total.riders |= part.riders
        days = [d for d in (total.first, total.last, part.first, part.last) if d is not None]
        total.first, total.last = (min(days), max(days)) if days else (None, None)
    total.groups, total.trip_groups = list(groups.values()), list(trip_groups.values())
    return total


def unpacked(text: str) -> int:
    """The numbers `packed` wrote, as the bits of one whole number."""
    return int.from_bytes(base64.b64decode(text), "little")


def numbers_in(mask: int) -> list[int]:
    """The numbers whose bits are set in `mask`."""
    return [n for n, bit in enumerate(reversed(bin(mask)[2:])) if bit == "1"]


def part_from_json(data: dict[str, Any]) -> Part:
    """A part as part_to_json (persons by id) or numbered (persons by number) wrote it."""
    lists: Iterator[Any]
    if "people" in data:
        person = split(data["people"]).__getitem__
        lists = iter([list(map(person, numbers)) for numbers in data["persons"]])
    else:
        lists = iter([unpacked(text) for text in data["persons"]])
    part = Part(
        {a: [*f, None] for a, f in data["activities"].items()},
        next(lists),
        next(lists),
        {w: [*f, None] for w, f in data["weeks"].items()},
        dict(data["days"]),
        list(data["trips"]),
        [[*g, None] for g in data["groups"]],
        [[*g, None] for g in data["trip_groups"]],
        data["first"],
        data["last"],
    )
    for figures in (*part.activities.values(), *part.weeks.values()):
        figures[-1] = next(lists)
    for group in (*part.groups, *part.trip_groups):
        group[-1] = next(lists)
    if next(lists, None) is not None:
        raise ValueError("more lists of persons than the part holds")
    return part
