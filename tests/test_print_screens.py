"""Printing from the app on a real CUPS (tests/cups.py): the print dialog, a card, what the laptop remembers."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, SelectionList, Static

from exports.printing import LAST_PRINTER
from sessions.card_sheets import new_cards
from sessions.store import Store
from tests.card_decoding import decode, pdf_pages
from tests.conftest import MONDAY, Clock, own_registry
from tests.cups import CupsServer, printed_title, unlike
from tests.export_helpers import Centre
from tests.pilot_helpers import person_types, settle
from tui.app import CentrelogApp
from tui.screens.dialogs.print_dialog import PrintDialog
from tui.screens.staff.card_sheet import CardSheetScreen
from tui.screens.staff.participant_card import ParticipantCardScreen
from tui.screens.staff.sheets import SessionSheetsScreen

JOB = re.compile(r"\(job (\S+)\)")


def said(screen: ParticipantCardScreen) -> str:
    return str(screen.query_one("#result", Static).content)


async def open_dialog(pilot: Pilot) -> PrintDialog:
    """The print dialog, once its printers are listed (or it said why there are none)."""
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, PrintDialog) and app.screen.printers is not None)
    dialog = app.screen
    assert isinstance(dialog, PrintDialog)
    return dialog


async def choose(pilot: Pilot, dialog: PrintDialog, printer: str) -> None:
    """Move the highlight to `printer` with the arrow keys, as a person would."""
    assert dialog.printers is not None
    listing = dialog.query_one("#printers", OptionList)
    target = dialog.printers.names.index(printer)
    while listing.highlighted != target:
        await pilot.press("down" if (listing.highlighted or 0) < target else "up")


async def test_a_persons_card_printed_from_its_screen(cups: CupsServer, demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    person = registry.participants()[0]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ParticipantCardScreen(person.id)
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("f4")
        dialog = await open_dialog(pilot)
        listing = dialog.query_one("#printers", OptionList)
        assert dialog.printers is not None and set(dialog.printers.names) == {"PDF", "Office", "Refusing", "Paused"}
        assert listing.highlighted == dialog.printers.names.index("PDF")  # the system's default at first
        assert app.focused is listing
        await choose(pilot, dialog, "Office")
        await pilot.press("tab")
        await person_types(pilot, "2", "enter")
        await settle(pilot, lambda: app.screen is screen and "Sent to Office" in said(screen))
        assert said(screen).startswith("Sent to Office: 2 copies (job Office-")
        assert "The PDF is saved: " in said(screen) and ".pdf" in said(screen)
        job = JOB.search(said(screen))
        assert job
        printed = cups.printed(job[1])
        assert printed_title(printed) == f"Card of {person.full_name}"
        pages = pdf_pages(printed, 100)
        assert len(pages) == 2 and all(decode(page) == [person.code] for page in pages)
        await settle(pilot, lambda: registry.setting(LAST_PRINTER) == "Office")
        card = registry.card(person.code or "")
        assert card is not None and card.printed_at  # no longer a new card, on every laptop of the centre

        await pilot.press("f4")  # the printer used last comes first the next time
        dialog = await open_dialog(pilot)
        assert dialog.printers is not None
        assert dialog.query_one("#printers", OptionList).highlighted == dialog.printers.names.index("Office")
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen and "Nothing was printed" in said(screen))
    # The printer is this laptop's own: kept in local/state.json, never in the registry file the centre shares.
    local = json.loads((demo_store.data_dir / "local" / "state.json").read_text("utf-8"))
    assert {"key": LAST_PRINTER, "value": "Office"} in local["settings"].values()
    assert LAST_PRINTER not in own_registry(demo_store.data_dir).read_text("utf-8")


async def test_a_printer_that_refuses_the_job_is_said_and_the_card_stays_new(
    cups: CupsServer, demo_store: Store, clock: Clock
) -> None:
    registry = demo_store.registry
    person = registry.participants()[1]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ParticipantCardScreen(person.id)
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("f4")
        dialog = await open_dialog(pilot)
        await choose(pilot, dialog, "Refusing")
        await pilot.press("enter")
        await settle(pilot, lambda: "does not take jobs" in said(screen))
        result = screen.query_one("#result", Static)
        assert "error" in result.classes
        assert said(screen).startswith("The printer Refusing does not take jobs now, so nothing was printed.")
        assert "The PDF is saved: " in said(screen)
    card = registry.card(person.code or "")
    assert card is not None and card.printed_at is None
    assert registry.setting(LAST_PRINTER) is None


async def test_without_a_print_service_the_dialog_says_so_and_the_pdf_stays(
    cups_clients: None, demo_store: Store, clock: Clock
) -> None:
    person = demo_store.registry.participants()[0]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ParticipantCardScreen(person.id)
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("f4")
        dialog = await open_dialog(pilot)
        status = str(dialog.query_one("#print-status", Static).content)
        assert status.startswith("The print service (CUPS) is not running, so nothing was printed.")
        assert not dialog.query("#printers")
        assert str(dialog.query_one("#print-saved", Static).content).endswith(f"{person.code}.pdf")
        await pilot.press("enter")  # nothing to choose: Enter closes, as Esc does
        await settle(pilot, lambda: app.screen is screen)
        assert said(screen).startswith("Nothing was printed. The PDF is saved: ")
    assert list((demo_store.data_dir / "exports" / "cards").glob(f"*{person.code}.pdf"))


async def test_copies_out_of_range_are_said_in_the_dialog(cups: CupsServer, demo_store: Store, clock: Clock) -> None:
    person = demo_store.registry.participants()[0]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParticipantCardScreen(person.id))
        await settle(pilot, lambda: isinstance(app.screen, ParticipantCardScreen))
        await pilot.press("f4")
        dialog = await open_dialog(pilot)
        await pilot.press("tab")
        await person_types(pilot, "0", "enter")
        status = dialog.query_one("#print-status", Static)
        await settle(pilot, lambda: "from 1 to 99" in str(status.content))
        assert app.screen is dialog and "error" in status.classes


def _option(screen: CardSheetScreen, index: int) -> str:
    return str(screen.query_one("#which", OptionList).get_option_at_index(index).prompt)


async def test_the_new_cards_printed_as_a_sheet_are_new_no_more(
    cups: CupsServer, demo_store: Store, clock: Clock
) -> None:
    registry = demo_store.registry
    fresh = new_cards(registry)
    assert len(fresh) > 10  # two pages
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = CardSheetScreen()
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        assert _option(screen, 0) == f"New cards since the last print: {len(fresh)} cards"
        await pilot.press("enter")
        await open_dialog(pilot)
        await pilot.press("enter")  # the default printer, one copy
        await settle(pilot, lambda: "Sent to PDF" in str(screen.query_one("#status", Static).content))
        job = JOB.search(str(screen.query_one("#status", Static).content))
        assert job
        printed = cups.printed(job[1])
        assert printed_title(printed) == f"Card sheet: {len(fresh)} cards"
        pages = pdf_pages(printed, 150)
        assert len(pages) == (len(fresh) + 9) // 10
        assert {code for page in pages for code in decode(page)} == {p.code for p in fresh}
        await settle(pilot, lambda: _option(screen, 0) == "New cards since the last print: 0 cards")
        assert new_cards(registry) == []


async def test_a_sheet_of_people_chosen_by_name(cups: CupsServer, demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    people = registry.participants(include_archived=False)
    anna, other = people[0], people[5]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = CardSheetScreen()
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("tab")  # to the name field
        for person in (anna, other):
            field = screen.query_one("#find", Input)
            field.value = ""
            await person_types(pilot, *person.last_name, "enter")  # Enter goes down to the list
            listing = screen.query_one("#people", SelectionList)
            await settle(pilot, lambda: app.focused is listing and listing.option_count >= 1)  # noqa: B023
            await pilot.press("space")
            await pilot.press("shift+tab")
        assert _option(screen, 4) == "Chosen people (Space ticks them below): 2 cards"
        await pilot.press("f5")
        dialog = await open_dialog(pilot)
        await choose(pilot, dialog, "Office")
        await pilot.press("enter")
        await settle(pilot, lambda: "Sent to Office" in str(screen.query_one("#status", Static).content))
        job = JOB.search(str(screen.query_one("#status", Static).content))
        assert job
        page = pdf_pages(cups.printed(job[1]), 150)
        assert sorted(decode(page[0])) == sorted([anna.code, other.code])
    assert {p.id for p in new_cards(registry)} == {p.id for p in people if p.code} - {anna.id, other.id}


async def test_a_sessions_attendance_sheet_printed_from_the_staff_side(
    cups: CupsServer, tmp_path: Path, clock: Clock
) -> None:
    with Store(tmp_path / "data") as store:
        centre = Centre(store, MONDAY)
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = SessionSheetsScreen()
            app.push_screen(screen)
            await settle(pilot, lambda: app.screen is screen)
            await pilot.press("f5")  # the week before: 2026-W47, sessions of both laptops
            table = screen.query_one("#sessions", DataTable)
            await settle(pilot, lambda: table.row_count == 3)
            assert screen.highlighted() == centre.gym["id"]  # the first, on Monday
            await pilot.press("enter")
            await open_dialog(pilot)
            await pilot.press("tab")
            await person_types(pilot, "3", "enter")
            status = screen.query_one("#status", Static)
            await settle(pilot, lambda: "Sent to PDF" in str(status.content))
            job = JOB.search(str(status.content))
            assert job
            printed = cups.printed(job[1])
            assert printed_title(printed) == "Attendance sheet: Gym, 16 Nov 2026 10:00"
            saved = next((tmp_path / "data" / "exports" / "sheets").glob("2026-11-16-Gym-*.pdf"))
            pages = pdf_pages(printed, 100)
            assert len(pages) == 3 and all(unlike(page, pdf_pages(saved, 100)[0]) < 0.01 for page in pages)


async def test_the_reports_screen_prints_the_period_reports_pdf_once_it_is_written(
    cups: CupsServer, demo_store: Store, clock: Clock
) -> None:
    """Before a report is counted F7 is not offered; F5 writes the report with its PDF, and F7 prints that PDF."""
    from tui.screens.staff.reports import ReportsScreen

    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ReportsScreen()
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        assert screen.check_action("print_report", ()) is False  # nothing counted yet: nothing to print
        await pilot.press("f5")
        table = screen.query_one("#figures", DataTable)
        await settle(pilot, lambda: table.row_count > 0 and not any(w.is_running for w in app.workers))
        pdf = demo_store.data_dir / "exports" / "report-2026-Q4" / "report-2026-Q4.pdf"
        assert pdf.exists() and screen.check_action("print_report", ()) is True
        await pilot.press("f7")
        dialog = await open_dialog(pilot)
        assert str(dialog.query_one("#print-what", Static).content) == "Print the report of 1 Oct 2026 – 31 Dec 2026"
        await pilot.press("enter")
        status = screen.query_one("#status", Static)
        await settle(pilot, lambda: "Sent to PDF" in str(status.content))
        job = JOB.search(str(status.content))
        assert job
        printed = cups.printed(job[1])
        assert printed_title(printed) == "Report 2026-10-01–2026-12-31"
        assert unlike(pdf_pages(printed, 100)[0], pdf_pages(pdf, 100)[0]) < 0.01
