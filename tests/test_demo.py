"""The demo centre tells a possible story: nobody is seen after being archived."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sessions.clock import from_iso
from sessions.demo import DEMO_WEEKS, seed_demo
from sessions.regulars import not_seen
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.timetable import occurrences, plans
from tests.conftest import Clock

RIGA = ZoneInfo("Europe/Riga")


def _records(store: Store, table: str) -> list[dict]:
    found = []
    for path in sorted(store.logs_dir.glob("*.json")):
        found.extend((read_log(path) or {}).get(table, {}).values())
    return found


def test_nobody_boards_or_checks_in_after_being_archived(demo_store: Store) -> None:
    archived = {p.id: from_iso(p.archived_at) for p in demo_store.registry.participants() if p.archived_at}
    assert archived, "the demo archives someone"
    boardings = _records(demo_store, "boardings")
    assert boardings
    for table in ("boardings", "checkins", "scans"):
        for record in _records(demo_store, table):
            pid = record.get("participant_id")
            if pid in archived:
                assert from_iso(record["at"]) < archived[pid], f"{table}: {pid} seen at {record['at']}, archived before"


def _held(store: Store) -> list[dict]:
    return [s for s in _records(store, "sessions") if not s.get("voided_at")]


def test_the_demo_history_follows_its_timetable(demo_store: Store, clock: Clock) -> None:
    first, last = (clock() - timedelta(weeks=DEMO_WEEKS)).date(), clock().date() - timedelta(days=1)
    planned = occurrences(demo_store.registry, first, last)
    keys = {o.key: o for o in planned}
    held = _held(demo_store)
    unplanned = [s for s in held if (s.get("plan_id"), s.get("planned_day")) not in keys]
    assert len(unplanned) == 1 and unplanned[0]["plan_id"] is None
    on_plan = [keys[s["plan_id"], s["planned_day"]] for s in held if s not in unplanned]
    assert len(on_plan) == len({o.key for o in on_plan})  # each planned session held once at most
    assert all(o.takes_place for o in on_plan)
    assert {o.key for o in planned if o.takes_place} == {o.key for o in on_plan}
    for session in held:
        if session not in unplanned:
            assert from_iso(session["start"]) == keys[session["plan_id"], session["planned_day"]].start


def test_the_demo_has_a_session_cancelled_one_moved_one_added_and_a_holiday(demo_store: Store, clock: Clock) -> None:
    planned = occurrences(demo_store.registry, (clock() - timedelta(weeks=DEMO_WEEKS)).date(), clock().date())
    assert [o.reason for o in planned if o.cancelled] == ["The instructor is ill"]
    assert [o.change for o in planned if o.change in ("moved", "added")] == ["added", "moved"]
    # 18 November, Latvia's Proclamation Day, falls in the eight weeks before Monday 23 November 2026.
    assert [(o.day, o.activity) for o in planned if o.holiday] == [(date(2026, 11, 18), "Gym")]


def test_the_demo_made_on_any_day_has_its_cancelled_session(tmp_path: Path) -> None:
    # Eight weeks of summer holidays' end in which Latvia has no public holiday.
    with Store(tmp_path / "data") as store:
        now = datetime(2026, 9, 10, 12, 0, tzinfo=RIGA)
        seed_demo(store, now)
        planned = occurrences(store.registry, (now - timedelta(weeks=DEMO_WEEKS)).date(), now.date())
        assert not any(o.holiday for o in planned)
        assert [o.reason for o in planned if o.cancelled] == ["The instructor is ill"]
        assert len(_held(store)) == sum(o.takes_place for o in planned if o.day < now.date()) + 1


def test_the_demo_has_two_projects_regulars_and_people_who_stopped_coming(demo_store: Store, clock: Clock) -> None:
    names = {p["id"]: p["name"] for p in demo_store.registry.items("projects")}
    assert sorted(names.values()) == ["LLI-425", "LLI-550"]
    assert all(len(plan["regulars"]) >= 6 for plan in plans(demo_store.registry))
    trips = _records(demo_store, "trips")
    assert {names.get(t.get("project_id")) for t in trips} == {"LLI-425", "LLI-550", None}
    away = not_seen(demo_store, clock())
    assert len(away) == 3 and all(n.contact for n in away) and all(n.weeks_away >= 3 for n in away)
    gone = {n.participant.id for n in away}
    for table in ("checkins", "boardings"):
        last = max(from_iso(r["at"]) for r in _records(demo_store, table) if r["participant_id"] in gone)
        assert clock() - last >= timedelta(weeks=3)


def test_the_demo_is_the_same_every_time(tmp_path: Path, clock: Clock) -> None:
    def story(folder: Path) -> list[tuple[str, str, list[str]]]:
        with Store(folder) as store:
            seed_demo(store, clock())
            people = {p.id: p.full_name for p in store.registry.participants()}
            came: dict[str, list[str]] = {}
            for checkin in _records(store, "checkins"):
                came.setdefault(checkin["session_id"], []).append(people[checkin["participant_id"]])
            return sorted((s["start"], s["activity"], sorted(came.get(s["id"], []))) for s in _held(store))

    assert story(tmp_path / "a") == story(tmp_path / "b")


def test_the_demo_made_in_lithuanian_is_the_partner_centre_in_zarasai(tmp_path: Path, clock: Clock) -> None:
    from sessions.i18n import _, set_language
    from sessions.public_holidays import holiday_country

    set_language("lt")
    with Store(tmp_path / "data") as store:
        seed_demo(store, clock())
        registry = store.registry
        assert registry.setting("centre_name") == "Zarasų dienos centras"
        assert holiday_country(registry) == "LT"
        people = {p.full_name: p for p in registry.participants(include_archived=True)}
        assert people["Ona Kazlauskienė"].language == "lt" and people["Jonas Petrauskas"].gender == "M"
        assert people["Галина Иванова"].language == "ru"
        assert not any(p.language == "lv" for p in people.values())
        assert {p["name"] for p in registry.items("places")} == {"Didžioji salė", "Zarasų baseinas", "Didžiasalio sala"}
        assert {p.neighbourhood for p in people.values()} <= {
            "Zarasai", "Dusetos", "Antazavė", "Salakas", "Degučiai", "Turmantas", "Imbradas"
        }  # fmt: skip
        assert all(p.contact.startswith(("+370", "Dukra", "Kaimynė")) for p in people.values() if p.contact)
        assert {r["destination"] for r in _records(store, "trips")} <= {
            "Zarasų ligoninė", "Zarasų PSPC, Sėlių a.", "Zarasų baseinas", "Zarasų turgus", "Maxima, D. Bukonto g.",
            "Stelmužės ąžuolas", "Zarasų apžvalgos ratas", "Dusetų dailės galerija",
        }  # fmt: skip
        assert {s["place"] for s in _held(store)} <= {"Didžioji salė", "Zarasų baseinas", "Didžiasalio sala"}
        assert {s["instructor"] for s in _held(store)} == {"Rasa Vaitkienė", "Darius Kairys"}
        planned = occurrences(registry, (clock() - timedelta(weeks=DEMO_WEEKS)).date(), clock().date())
        # Lithuania's All Souls' Day (Monday 2 November 2026) is a holiday there; Latvia's 18 November is not.
        assert [(o.day, o.activity) for o in planned if o.holiday] == [(date(2026, 11, 2), _("Gym"))]
        assert [o.reason for o in planned if o.cancelled] == [_("The instructor is ill")]
