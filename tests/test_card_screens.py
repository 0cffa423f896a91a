"""Staff screens for cards: the QR on screen decodes, a lost card is reissued, a list is imported."""

from __future__ import annotations

import csv
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from sessions.checkin import Outcome, look_up
from sessions.clock import from_iso
from sessions.i18n import format_date
from sessions.store import Store
from tests.card_decoding import decode, modules_image, pdf_pages
from tests.conftest import Clock
from tests.pilot_helpers import screen_lines, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.import_participants import ImportParticipantsScreen
from tui.screens.staff.participant_card import ParticipantCardScreen
from tui.screens.staff.participants import ParticipantsScreen
from tui.widgets.qr_code import QrCode


def _dark(colour: object) -> bool:
    red, green, blue = colour.get_truecolor()  # type: ignore[attr-defined]
    return red + green + blue < 3 * 128


def screen_modules(app: App, widget: QrCode) -> list[list[bool]]:
    """The modules as the terminal would show them: each half block's colours, read off the screen."""
    region = widget.content_region
    strips = screen_lines(app.screen)
    modules: list[list[bool]] = []
    for line in strips[region.y : region.bottom]:
        top: list[bool] = []
        bottom: list[bool] = []
        for segment in line:
            for char in segment.text:
                top.append(_dark(segment.style.color) if char == "▀" else False)
                bottom.append(_dark(segment.style.bgcolor))
        modules += [top[region.x : region.right], bottom[region.x : region.right]]
    return modules


async def test_the_qr_on_screen_decodes_and_a_lost_card_is_reissued(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParticipantsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
        person = registry.participants()[0]
        old = person.code
        await pilot.press("f6")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantCardScreen))
        screen = app.screen
        qr = screen.query_one(QrCode)
        assert qr.region.right <= 80 and qr.region.bottom <= 23  # whole at 80×24, above the footer
        assert decode(modules_image(screen_modules(app, qr))) == [old]

        await pilot.press("f3")
        await settle(pilot, lambda: "replaced" in screen_text(app))
        await pilot.press("y")  # Yes
        await settle(pilot, lambda: ".pdf" in screen_text(app))
        # Dates as the language writes them, not ISO: 28 Sep 2026, replaced 23 Nov 2026.
        first_issued = format_date(from_iso(registry.cards_of(person.id)[0].issued))
        today = format_date(clock().date())
        assert f"{first_issued}, replaced {today}" in screen_text(app) and f"{today}, in use" in screen_text(app)
        new = registry.participant(person.id).code
        assert new != old
        assert decode(modules_image(screen_modules(app, qr))) == [new]
        assert look_up(registry, old or "").outcome is Outcome.REVOKED_CARD
        folder = demo_store.data_dir / "exports" / "cards"
        sheets = list(folder.glob(f"*{new}.pdf"))
        assert len(sheets) == 1 and decode(pdf_pages(sheets[0])[0]) == [new]
        assert list(folder.glob(f"*{new}.png"))

        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantsScreen))
        assert new[:3] in screen_text(app)  # type: ignore[index]


async def test_the_reissue_can_be_declined(demo_store: Store, clock: Clock) -> None:
    person = demo_store.registry.participants()[0]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParticipantCardScreen(person.id))
        await settle(pilot, lambda: isinstance(app.screen, ParticipantCardScreen))
        await pilot.press("f3")
        await settle(pilot, lambda: "replaced" in screen_text(app))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ParticipantCardScreen))
        assert demo_store.registry.participant(person.id).code == person.code
        assert len(demo_store.registry.cards_of(person.id)) == 1


async def _paste(pilot: Pilot, path: Path) -> None:
    """Paste a path into the file field (as from a file manager) and press Enter."""
    field = pilot.app.screen.query_one("#path", Input)
    field.value = ""
    field.insert_text_at_cursor(str(path))
    await pilot.press("enter")


def _list(path: Path) -> Path:
    rows = [["Vārds", "Uzvārds", "Dzimšanas gads", "Dzimums"]]
    rows += [[f"Anna{i}", f"Kalniņa{i}", str(1940 + i), "s"] for i in range(40)]
    rows[5][2] = "19x8"
    rows[9] = rows[8][:]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


async def test_importing_a_list_by_keyboard(demo_store: Store, clock: Clock, tmp_path: Path) -> None:
    path = _list(tmp_path / "saraksts.csv")
    known = {p.id for p in demo_store.registry.participants()}
    before = len(known)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ImportParticipantsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ImportParticipantsScreen))
        screen = app.screen
        await _paste(pilot, tmp_path / "nowhere.csv")
        await settle(pilot, lambda: "There is no file" in screen_text(app))
        await _paste(pilot, path)
        table = screen.query_one("#preview", DataTable)
        await settle(pilot, lambda: table.row_count == 40)
        assert "38 to import, 1 with errors, 1 likely duplicates" in " ".join(screen_text(app).split())
        await pilot.press("down", "down", "down", "down")  # to row 6, the bad year
        await settle(pilot, lambda: "19x8" in screen_text(app))
        assert len(demo_store.registry.participants()) == before  # nothing written by looking

        await pilot.press("f5")
        await settle(pilot, lambda: "Register 38 people" in screen_text(app))
        await pilot.press("y")
        # "Their cards:" is the last word; "… Writing their cards" comes before the sheet is on disk.
        await settle(pilot, lambda: "Their cards:" in screen_text(app))
        assert len(demo_store.registry.participants()) == before + 38
        sheets = list((demo_store.data_dir / "exports" / "cards").glob("import-*.pdf"))
        assert len(sheets) == 1
        new_codes = {p.code for p in demo_store.registry.participants() if p.id not in known}
        assert {c for page in pdf_pages(sheets[0], dpi=150) for c in decode(page)} == new_codes
        await pilot.press("f5")  # the list was used up: a second F5 writes nothing
        await settle(pilot, lambda: "nothing to import" in screen_text(app))
        assert len(demo_store.registry.participants()) == before + 38


async def test_columns_chosen_by_hand_when_the_headers_are_unknown(store: Store, clock: Clock, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Persona,Dzimis\nJānis Bērziņš,1948\nАнна Петрова,1950\n", "utf-8")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ImportParticipantsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ImportParticipantsScreen))
        screen = app.screen
        await _paste(pilot, path)
        await settle(pilot, lambda: "F3 chooses the columns" in " ".join(screen_text(app).split()))
        await pilot.press("f3")
        await settle(pilot, lambda: "(no column)" in screen_text(app))
        await pilot.press("down", "down", "enter")  # full name
        await settle(pilot, lambda: "1. Persona" in screen_text(app))
        await pilot.press("down", "enter")  # column 1
        await pilot.press("f5")
        table = screen.query_one("#preview", DataTable)
        await settle(pilot, lambda: table.row_count == 2)
        assert "2 to import" in screen_text(app)
        await pilot.press("f5")
        await settle(pilot, lambda: "Register 2 people" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "Their cards" in screen_text(app))
        people = {(p.first_name, p.last_name, p.birth_year) for p in store.registry.participants()}
        assert people == {("Jānis", "Bērziņš", 1948), ("Анна", "Петрова", 1950)}
