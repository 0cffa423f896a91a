"""F3 after a refusal for capacity: logged the way the refused attempt was made, and said for what ran out."""

from __future__ import annotations

from exports.weekly import export_week
from sessions.admission import how_admitted
from sessions.attendance import end_session, start_session, summarise
from sessions.boarding import board
from sessions.checkin import Outcome, check_in, check_in_person
from sessions.clock import week_key
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import read_csv
from tests.pilot_helpers import screen_text, settle
from tests.test_trips_screens import _open_in_store, _riders, _to_boarding, _vehicle
from tui.app import CentrelogApp
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.instructor.summary import SummaryDialog
from tui.widgets.answer import Answer


def _full_gym(store: Store, clock: Clock):  # type: ignore[no-untyped-def]
    gym = store.registry.add_item("activities", clock(), name="Gym", capacity=1)
    people = [
        store.registry.add_participant(clock(), first_name=first, last_name=last)
        for first, last in [("Jānis", "Bērziņš"), ("Anna", "Kalniņa"), ("Иван", "Петров")]
    ]
    session = start_session(store, gym["id"], "Sporta zāle", "Olga", clock())
    check_in(session, store.registry, people[0].code or "", clock.tick(seconds=5))
    return session, people


def test_an_override_after_a_card_is_a_scan_with_the_override_flag(store: Store, clock: Clock) -> None:
    session, people = _full_gym(store, clock)
    code = people[1].code or ""
    assert check_in(session, store.registry, code, clock.tick(seconds=5)).outcome is Outcome.FULL
    forced = check_in(session, store.registry, code, clock.tick(seconds=5), override=True)
    assert forced.outcome is Outcome.CHECKED_IN
    entry = session.checkins[-1]
    assert (entry["method"], entry["override"], entry["code"]) == ("scan", True, code)
    summary = summarise(session)
    assert (summary.manual, summary.overrides) == (0, 1)


def test_logs_from_before_read_an_override_after_a_card_as_a_scan(store: Store, clock: Clock) -> None:
    # What the app used to write: the card refused as full, then F3 logged as a check-in by name.
    session, people = _full_gym(store, clock)
    check_in(session, store.registry, people[1].code or "", clock.tick(seconds=5))
    check_in_person(session, store.registry, people[1].id, clock.tick(seconds=5), override=True)
    # A real forgotten card, let in over capacity: by name it stays.
    check_in_person(session, store.registry, people[2].id, clock.tick(seconds=5))
    check_in_person(session, store.registry, people[2].id, clock.tick(seconds=5), override=True)
    assert [c["method"] for c in session.checkins] == ["scan", "manual", "manual"]
    summary = end_session(store, session, clock.tick(minutes=50))
    assert (summary.attendances, summary.manual, summary.overrides) == (3, 1, 2)

    export_week(store, week_key(clock()))
    rows = read_csv(store.data_dir / "exports" / week_key(clock()) / "attendance.csv")
    assert {r["Name"]: r["Method"] for r in rows} == {  # scan and manual, as a person reads them
        "Jānis Bērziņš": "card scanned",
        "Anna Kalniņa": "card scanned",
        "Иван Петров": "by name",
    }
    (row,) = read_csv(store.data_dir / "exports" / week_key(clock()) / "sessions.csv")
    assert (row["Checked in by name"], row["Let in over capacity"]) == ("1", "2")


async def test_f3_after_a_card_logs_a_scan_and_the_summary_counts_no_one_by_name(store: Store, clock: Clock) -> None:
    store.registry.add_item("places", clock(), name="Sporta zāle")
    store.registry.add_item("staff", clock(), name="Olga", roles=["instructor"])
    store.registry.add_item("activities", clock(), name="Pool", capacity=1)
    a = store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
    b = store.registry.add_participant(clock(), first_name="Иван", last_name="Петров")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await pilot.press(*(a.code or ""), "enter", *(b.code or ""), "enter")
        await settle(pilot, lambda: len(screen.session.scans) == 2)
        await pilot.press("f3")
        await settle(pilot, lambda: screen.session.count == 2)
        await pilot.press("f10", "y")
        await settle(pilot, lambda: isinstance(app.screen, SummaryDialog))
        await settle(pilot, lambda: "by name (no card): 0" in screen_text(app))
        assert "let in over capacity: 1" in screen_text(app)
    data = read_log(store.log_path(week_key(clock()))) or {}
    forced = next(c for c in data["checkins"].values() if c["participant_id"] == b.id)
    assert (forced["method"], forced["override"]) == ("scan", True)


def test_a_wheelchair_user_with_seats_free_hears_the_places_are_taken(demo_store: Store, clock: Clock) -> None:
    vehicle = _vehicle(demo_store)
    demo_store.registry.update_item("vehicles", vehicle["id"], clock(), seats=8, wheelchair_places=1)
    _open_in_store(demo_store, clock)
    from sessions.trips import open_trips

    (trip,) = open_trips(demo_store)
    chairs, walkers = _riders(demo_store)
    assert board(trip, demo_store.registry, chairs[0].code or "", clock()).outcome is Outcome.BOARDED
    refused = board(trip, demo_store.registry, chairs[1].code or "", clock())
    assert refused.outcome is Outcome.NO_WHEELCHAIR_PLACE
    for person in walkers[:8]:
        board(trip, demo_store.registry, person.code or "", clock())
    assert board(trip, demo_store.registry, walkers[8].code or "", clock()).outcome is Outcome.FULL


async def test_the_driver_hears_which_places_ran_out_and_f3_keeps_the_card(demo_store: Store, clock: Clock) -> None:
    vehicle = _vehicle(demo_store)
    demo_store.registry.update_item("vehicles", vehicle["id"], clock(), seats=8, wheelchair_places=2)
    _open_in_store(demo_store, clock)
    chairs, walkers = _riders(demo_store)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _to_boarding(pilot, app)
        for person in [*chairs[:2], *walkers[:4], chairs[2]]:
            await pilot.press(*(person.code or ""), "enter")
        await settle(pilot, lambda: len(screen.trip.scans) == 7)
        answer = screen.query_one(Answer)
        assert answer.sentence.startswith("No wheelchair place left: 2 of 2 taken (4 seats free).")
        await pilot.press("f3")
        await settle(pilot, lambda: screen.trip.count == 7)
        entry = screen.trip.active()[-1]
        assert (entry["participant_id"], entry["method"], entry["override"]) == (chairs[2].id, "scan", True)
        for person in walkers[4:9]:
            await pilot.press(*(person.code or ""), "enter")
        await settle(pilot, lambda: len(screen.trip.scans) == 13)
        assert answer.sentence.startswith("The minibus is full: 8 of 8 seats taken.")
        assert "full" in screen_text(app)


def test_only_a_refused_card_of_that_person_on_that_trip_before_the_override_makes_it_a_scan() -> None:
    entry = {"trip_id": "t1", "participant_id": "p1", "at": "2026-11-23T09:31", "method": "manual", "override": True}

    def refused(**fields: str) -> dict[str, str]:
        scan = {"trip_id": "t1", "participant_id": "p1", "at": "2026-11-23T09:30", "method": "scan"}
        return {**scan, "outcome": "no_wheelchair_place", **fields}

    assert how_admitted(entry, [refused()]) == "scan"
    assert how_admitted(entry, [refused(trip_id="t2")]) == "manual"
    assert how_admitted(entry, [refused(participant_id="p2")]) == "manual"
    assert how_admitted(entry, [refused(at="2026-11-23T09:32")]) == "manual"
    assert how_admitted(entry, [refused(), refused(method="manual", at="2026-11-23T09:30:30")]) == "manual"
    assert how_admitted(entry, [refused(outcome="boarded")]) == "manual"
    assert how_admitted({**entry, "override": False}, [refused()]) == "manual"
