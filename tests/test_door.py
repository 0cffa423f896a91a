"""At the door: a typed name and Enter, the whole "Checked in" and "Aboard" lists, a repeated answer."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList

from sessions.registry import Participant
from sessions.store import Store
from sessions.trips import open_trip
from tests.conftest import Clock
from tests.pilot_helpers import scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.driver.menu import DriverScreen
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.scan_screen import scanned_code
from tui.widgets.answer import Answer
from tui.widgets.cut_list import CutList


def _named(store: Store, first: str, last: str) -> Participant:
    return next(p for p in store.registry.participants() if (p.first_name, p.last_name) == (first, last))


async def _checkin_screen(pilot, app: CentrelogApp) -> CheckInScreen:  # type: ignore[no-untyped-def]
    await pilot.press("1", "enter")
    await settle(pilot, lambda: isinstance(app.screen, CheckInScreen) and "Ready" in screen_text(app))
    assert isinstance(app.screen, CheckInScreen)
    return app.screen


def _roomy(store: Store, clock: Clock, people: int) -> list[Participant]:
    """Room for `people` in every activity (so in the session 1, Enter starts), and that many people to let in."""
    for activity in store.registry.items("activities"):
        store.registry.update_item("activities", activity["id"], clock(), capacity=200)
    for n in range(people):
        store.registry.add_participant(clock(), first_name=f"Guest{n:02}", last_name="Queue")
    return store.registry.participants(include_archived=False)[:people]


def test_what_is_a_name_and_what_is_a_scan() -> None:
    assert scanned_code("Ivanova") is None and scanned_code("петр ") is None and scanned_code("O'Neil") is None
    assert scanned_code("1234567890") == "1234567890"  # a card, as it is
    assert scanned_code("петр2222029726") == "2222029726"  # a card scanned onto a typed name
    assert scanned_code("anna 222 202 9726") == "222 202 9726"
    assert scanned_code("12ab34") == "12ab34" and scanned_code("--") == "--"  # a scan, and not a card
    assert scanned_code("S\u030cmits") is None and scanned_code("Anna-Marija J.") is None
    # Signs no name has: another QR code, or keys pressed by mistake, answered as a scan.
    assert scanned_code("https://example.lv/abc") == "https://example.lv/abc"
    assert scanned_code("Anna [x]") == "Anna [x]"


async def test_one_match_and_enter_lets_the_person_in_by_name(demo_store: Store, clock: Clock) -> None:
    kuznecova = _named(demo_store, "Валентина", "Кузнецова")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        await pilot.press(*"kuzn", "enter")  # typed in Latin letters, written in Cyrillic
        await settle(pilot, lambda: screen.session.count == 1)
        checkin = screen.session.active()[0]
        assert (checkin["participant_id"], checkin["method"]) == (kuznecova.id, "manual")
        assert "green" in screen.query_one(Answer).classes
        assert screen.query_one("#scan").value == ""


async def test_a_code_of_letters_scanned_is_a_scan_never_a_name(demo_store: Store, clock: Clock) -> None:
    """A foreign QR code that spells a name arrives at a scanner's pace: it is "not a card", nobody is let in."""
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        scanner_burst(app, ["kuzn"])  # the letters that, typed by a person, find Кузнецова alone
        await settle(pilot, lambda: len(screen.session.scans) == 1)
        assert screen.session.scans[0]["outcome"] == "not_a_card" and screen.session.count == 0
        assert "red" in screen.query_one(Answer).classes


async def test_one_letter_lists_before_it_lets_anyone_in(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_item("activities", clock(), name="Pool", capacity=10)
        store.registry.add_item("places", clock(), name="Peldbaseins")
        store.registry.add_item("staff", clock(), name="Olga", roles=["instructor"])
        store.registry.add_participant(clock(), first_name="Anna", last_name="Kalniņa")
        ivan = store.registry.add_participant(clock(), first_name="Иван", last_name="Петров")
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _checkin_screen(pilot, app)
            answer = screen.query_one(Answer)
            await pilot.press("v", "enter")  # one letter lists nobody as it is typed: Enter lists first
            await settle(pilot, lambda: "1 person matches: pick with ↓ and press Enter." in str(answer.render()))
            assert screen.session.count == 0 and screen.matches == [ivan]
            await pilot.press("enter")  # now listed: Enter lets the one person in
            await settle(pilot, lambda: screen.session.count == 1)
            assert screen.session.active()[0]["participant_id"] == ivan.id


async def test_names_and_what_is_typed_are_shown_as_written(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path) as store:
        store.registry.add_item("activities", clock(), name="Pool", capacity=10)
        store.registry.add_item("places", clock(), name="Peldbaseins")
        store.registry.add_item("staff", clock(), name="Olga", roles=["instructor"])
        odd = store.registry.add_participant(clock(), first_name="[b]Anna", last_name="[/i]Ozola")
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _checkin_screen(pilot, app)
            await pilot.press(*"anna", "enter")  # listed as written, let in, answered as written
            await settle(pilot, lambda: screen.session.count == 1)
            assert f"{odd.short_name} — checked in." in str(screen.query_one(Answer).render())
            await pilot.press(*"anna", "enter")
            await settle(pilot, lambda: "already checked in" in str(screen.query_one(Answer).render()))
            assert "[b]Anna" in screen_text(app)


async def test_several_matches_keep_the_name_and_say_to_pick(demo_store: Store, clock: Clock) -> None:
    sergejs, ivan = _named(demo_store, "Sergejs", "Petrovs"), _named(demo_store, "Иван", "Петров")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        answer = screen.query_one(Answer)
        await pilot.press(*"петр", "enter")  # Cyrillic finds the Latvian spelling too
        await settle(pilot, lambda: "2 people match: pick with ↓ and press Enter." in str(answer.render()))
        assert screen.query_one("#scan").value == "петр" and screen.session.scans == []
        assert {p.id for p in screen.matches} == {sergejs.id, ivan.id}
        assert screen.query_one("#matches", OptionList).display
        first = screen.matches[0]
        await pilot.press("down", "enter")
        await settle(pilot, lambda: screen.session.count == 1)
        assert screen.session.active()[0]["participant_id"] == first.id
        assert screen.session.active()[0]["method"] == "manual"


async def test_nobody_matches_keeps_the_name_and_logs_nothing(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        await pilot.press(*"xyzzy", "enter")
        await settle(pilot, lambda: "Nobody matches “xyzzy”." in str(screen.query_one(Answer).render()))
        assert screen.query_one("#scan").value == "xyzzy"
        assert screen.session.scans == [] and "red" not in screen.query_one(Answer).classes


async def test_a_card_scanned_onto_a_kept_name_is_the_card(demo_store: Store, clock: Clock) -> None:
    galina = _named(demo_store, "Галина", "Иванова")
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        await pilot.press(*"petr", "enter")
        await settle(pilot, lambda: screen.query_one("#scan").value == "petr" and bool(screen.matches))
        await pilot.press("down")  # a pick never takes the card's place
        scanner_burst(app, [galina.code or ""])
        await settle(pilot, lambda: screen.session.count == 1)
        checkin = screen.session.active()[0]
        assert (checkin["participant_id"], checkin["method"]) == (galina.id, "scan")
        assert screen.query_one("#scan").value == "" and not screen.query_one("#matches").display


async def test_every_check_in_is_listed_newest_first_and_pages_by_keyboard(demo_store: Store, clock: Clock) -> None:
    people = _roomy(demo_store, clock, 30)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        scanner_burst(app, [p.code or "" for p in people])
        await settle(pilot, lambda: screen.session.count == 30)
        shown = screen.query_one("#in", CutList)
        await settle(pilot, lambda: people[-1].short_name in _lines(shown)[0])
        rows = shown.rows
        # As many lines as fit, the last saying how many more there are.
        assert len(_lines(shown)) == rows
        assert _lines(shown)[-1] == f"↓ +{30 - (rows - 1)} more · PgDn"
        seen = _names(shown)
        for _ in range(5):
            await pilot.press("pagedown")
            await pilot.pause()
            seen += [name for name in _names(shown) if name not in seen]
            assert app.focused is screen.query_one("#scan")
        assert seen == [p.short_name for p in reversed(people)]  # everyone, newest first, once
        assert _lines(shown)[0].startswith("↑ +") and "more" not in _lines(shown)[-1]
        await pilot.press("pageup")
        await pilot.pause()
        assert "↓ +" in _lines(shown)[-1]
        # The next card shows the newest again.
        await pilot.press(*(people[0].code or ""), "enter")
        await settle(pilot, lambda: len(screen.session.scans) == 31)
        await settle(pilot, lambda: not _lines(shown)[0].startswith("↑"))
        # Back at the door later: the list is drawn once the screen is laid out.
        await pilot.press("escape")
        await settle(pilot, lambda: not isinstance(app.screen, CheckInScreen))
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen) and app.screen is not screen)
        again = app.screen.query_one("#in", CutList)
        await settle(pilot, lambda: len(_lines(again)) == again.rows > 0)
        assert _names(again)[0] == people[-1].short_name and _lines(again)[-1].startswith("↓ +")


async def test_the_same_red_answer_twice_is_counted(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checkin_screen(pilot, app)
        answer = screen.query_one(Answer)
        for scans, said in ((1, ""), (2, "(2×)"), (3, "(3×)")):
            await pilot.press(*"0000000000", "enter")
            await settle(pilot, lambda scans=scans: len(screen.session.scans) == scans)
            assert "red" in answer.classes
            assert str(answer.render()).endswith(said) and ("×" in str(answer.render())) == bool(said)
        await pilot.press(*"12", "enter")  # another answer: counted afresh
        await settle(pilot, lambda: len(screen.session.scans) == 4)
        assert "×" not in str(answer.render())
        assert "(3×)" not in screen_text(app)


async def test_every_passenger_is_listed_and_the_chosen_one_stays_in_view(demo_store: Store, clock: Clock) -> None:
    vehicle = demo_store.registry.items("vehicles")[0]
    demo_store.registry.update_item("vehicles", vehicle["id"], clock(), seats=60, wheelchair_places=20)
    open_trip(
        demo_store,
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination="Aglonas bazilika",
        departure=clock(),
        odometer_start=vehicle["odometer"],
        safety_check=True,
        now=clock(),
    )
    people = demo_store.registry.participants(include_archived=False)[:25]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        screen = app.screen
        assert isinstance(screen, BoardingScreen)
        scanner_burst(app, [p.code or "" for p in people])
        await settle(pilot, lambda: screen.trip.count == 25)
        aboard = screen.query_one("#aboard", CutList)
        # The newest passenger is chosen and shown, the ones before are counted above.
        await settle(pilot, lambda: _chosen(aboard) == people[-1].short_name)
        assert _lines(aboard)[0].startswith("↑ +") and len(_lines(aboard)) == aboard.rows
        for step in range(24):
            await pilot.press("up")
            await pilot.pause()
            assert _chosen(aboard) == people[-2 - step].short_name  # always on screen
        assert _lines(aboard)[-1].startswith("↓ +") and not _lines(aboard)[0].startswith("↑")
        await pilot.press("pagedown")
        await pilot.pause()
        assert _chosen(aboard) == people[aboard.page_size].short_name


def _lines(widget: CutList) -> list[str]:
    return str(widget.render()).splitlines()


def _names(widget: CutList) -> list[str]:
    """The short names a list shows (after the time of each check-in)."""
    return [m[1] for line in _lines(widget) if (m := re.match(r"\d\d:\d\d  (?:✎ )?(.+)$", line))]


def _chosen(widget: CutList) -> str | None:
    line = next((line for line in _lines(widget) if line.startswith("▶ ")), None)
    return line[2:18].rstrip() if line else None
