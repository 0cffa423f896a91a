"""Demo data: a small day centre (Daugavpils, or the partner centre in Zarasai when made in Lithuanian) with eight
weeks of plausible history."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sessions.clock import iso, week_key
from sessions.codes import CODE_LENGTH, check_digit
from sessions.demo_centres import DemoCentre, demo_centre
from sessions.demo_timetable import TRIP_PROJECTS, DemoTimetable, seed_timetable
from sessions.i18n import N_, _, current_language
from sessions.kinds import Colour, Outcome
from sessions.public_holidays import DEFAULT_COUNTRY
from sessions.records import new_record
from sessions.recurrence import Occurrence, occurrences
from sessions.store import Store

__all__ = ["DEMO_WEEKS", "seed_demo"]

DEMO_WEEKS = 8

# (activity, capacity); named in the language the demo is made in, as staff would. When each takes place
# is the demo's timetable (sessions/demo_timetable.py).
_ACTIVITIES = [
    (N_("Gym"), 12),
    (N_("Cigun"), 20),
    (N_("Pool"), 10),
    (N_("Outdoor exercise"), 25),
]
#: How likely a regular is to come to a session of their plan.
_REGULAR_COMES = 0.85


def _groups(rng: random.Random, birth_year: int) -> list[str]:
    groups = ["senior"] if birth_year <= 1961 else []
    roll = rng.random()
    if roll < 0.15:
        groups += ["disability", "wheelchair"]
    elif roll < 0.35:
        groups.append("disability")
    return groups or ["senior"]


def seed_demo(store: Store, now: datetime, seed: int = 7, centre: DemoCentre | None = None) -> None:
    """Fill an empty store with the demo centre and its last eight weeks: by default the one of the language the
    demo is made in (sessions/demo_centres.py)."""
    centre = centre or demo_centre(current_language())
    rng = random.Random(seed)
    registry = store.registry
    start = (now - timedelta(weeks=DEMO_WEEKS)).replace(hour=9, minute=0, second=0, microsecond=0)
    with registry.writing():
        activities = {
            name: registry.add_item("activities", start, name=_(name), capacity=cap)["id"] for name, cap in _ACTIVITIES
        }
        for place in centre.places:
            registry.add_item("places", start, name=place)
        for name in centre.instructors:
            registry.add_item("staff", start, name=name, roles=["instructor"])
        for name in centre.drivers:
            registry.add_item("staff", start, name=name, roles=["driver"])
        registry.add_item(
            "vehicles",
            start,
            name=centre.vehicle[0],
            plate=centre.vehicle[1],
            seats=8,
            wheelchair_places=2,
            lift=True,
            odometer=84210,
        )
        # A centre outside Latvia follows its own country's public holidays (Latvia's is the default).
        country = {} if centre.country == DEFAULT_COUNTRY else {"holiday_country": centre.country}
        registry.set_settings({"centre_name": centre.name, **country})
        people = []
        for first, last, gender in centre.people:
            # Demo codes are the same on every run, so a listed code can be typed in.
            body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(CODE_LENGTH - 2))
            year = rng.randint(1936, 1968)
            people.append(
                registry.add_participant(
                    start,
                    code=body + check_digit(body),
                    first_name=first,
                    last_name=last,
                    birth_year=year,
                    gender=gender,
                    groups=_groups(rng, year),
                    neighbourhood=rng.choice(centre.neighbourhoods),
                    language="ru" if first[0] in "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ" else centre.language,
                    consent_date=start.date().isoformat(),
                )
            )
        timetable = seed_timetable(registry, rng, people, activities, start, centre)
        # The list holds the archived person as archived: the trips seeded later must not board them after it.
        people[-1] = registry.archive_participant(people[-1].id, start + timedelta(weeks=6))
    _seed_history(store, rng, people, timetable, start, now)
    # Trips come last and draw from their own generator: the codes above stay as they were.
    from sessions.demo_trips import seed_trips

    projects = {purpose: timetable.projects[name] for purpose, name in TRIP_PROJECTS.items()}
    seed_trips(store, people, start, now, seed, projects=projects, stopped=timetable.stopped, centre=centre)


def _seed_history(
    store: Store, rng: random.Random, people: list[Any], timetable: DemoTimetable, start: datetime, now: datetime
) -> None:
    """The timetable's sessions from `start` to yesterday (none on a holiday or cancelled), and one unplanned."""
    by_week: dict[str, dict[str, list[dict[str, Any]]]] = {}
    planned = occurrences(store.registry, start.date(), now.date() - timedelta(days=1))
    for occurrence in (o for o in planned if o.takes_place):
        tables = by_week.setdefault(week_key(occurrence.start), {"sessions": [], "checkins": [], "scans": []})
        regulars = timetable.regulars.get(occurrence.plan_id or "", [])
        _seed_session(store.device, rng, tables, people, occurrence, regulars, timetable.stopped)
    # Staff started one session by hand, outside the timetable: a sunny Saturday five weeks before now.
    outdoor = next(o for o in planned if o.activity == _("Outdoor exercise"))
    saturday = start.date() + timedelta(weeks=3, days=6 - start.isoweekday())
    began = datetime.combine(saturday, time(11), outdoor.start.tzinfo)
    extra = replace(outdoor, day=saturday, start=began, end=began + timedelta(hours=1))
    tables = by_week.setdefault(week_key(extra.start), {"sessions": [], "checkins": [], "scans": []})
    _seed_session(store.device, rng, tables, people, extra, [], timetable.stopped, planned=False)
    for week, tables in by_week.items():
        log = store.week_log(week)
        with log.batch():
            for table, records in tables.items():
                log.table(table).insert_multiple(records)
    # What starting these sessions would have remembered: each activity's place and instructor of last time.
    last: dict[str, Any] = {}
    for week in sorted(by_week):
        for session in by_week[week]["sessions"]:
            last[f"last_place:{session['activity_id']}"] = session["place"]
            last[f"last_instructor:{session['activity_id']}"] = session["instructor"]
    store.registry.set_settings(last)


def _seed_session(
    device: str,
    rng: random.Random,
    tables: dict[str, list[dict[str, Any]]],
    people: list[Any],
    occurrence: Occurrence,
    regulars: list[str],
    stopped: dict[str, date],
    planned: bool = True,
) -> None:
    """A session as the timetable planned it (started from it, unless not `planned`), and who came."""
    began, capacity = occurrence.start, int(occurrence.capacity or 0)
    plan = {
        "plan_id": occurrence.planned_by,
        "planned_day": occurrence.planned_day.isoformat(),
        "planned_end": iso(occurrence.end),
        "project_id": occurrence.project_id,
    }
    session = new_record(
        device,
        began,
        activity_id=occurrence.activity_id,
        activity=occurrence.activity,
        place=occurrence.place,
        instructor=occurrence.instructor,
        start=iso(began),
        end=iso(occurrence.end),
        capacity=capacity,
        note=None,
        **(plan if planned else {"plan_id": None}),
    )
    tables["sessions"].append(session)
    day = occurrence.day
    here = [p for p in people[:-1] if stopped.get(p.id, date.max) > day]
    usual = [p for p in here if p.id in regulars and rng.random() < _REGULAR_COMES]
    others = [p for p in here if p.id not in regulars]
    wanted = max(0, min(capacity, rng.randint(capacity // 2, capacity)) - len(usual))
    attendees = usual + rng.sample(others, k=min(len(others), wanted))
    moment = began - timedelta(minutes=10)
    for person in attendees:
        moment += timedelta(seconds=rng.randint(5, 50))
        manual = rng.random() < 0.08
        checkin = new_record(
            device,
            moment,
            session_id=session["id"],
            participant_id=person.id,
            at=iso(moment),
            method="manual" if manual else "scan",
            code=None if manual else person.code,
            override=False,
            voided_at=None,
        )
        if rng.random() < 0.02:
            checkin.update(voided_at=iso(moment + timedelta(seconds=20)), voided_by="demo", void_reason="undo")
        tables["checkins"].append(checkin)
        tables["scans"].append(
            new_record(
                device,
                moment,
                session_id=session["id"],
                at=iso(moment),
                method=checkin["method"],
                raw="" if manual else person.code,
                outcome=str(Outcome.CHECKED_IN),
                colour=str(Colour.GREEN),
                participant_id=person.id,
            )
        )
        if rng.random() < 0.05:
            tables["scans"].append(
                new_record(
                    device,
                    moment,
                    session_id=session["id"],
                    at=iso(moment),
                    method="scan",
                    raw=person.code,
                    outcome=str(Outcome.ALREADY_IN),
                    colour=str(Colour.YELLOW),
                    participant_id=person.id,
                )
            )
