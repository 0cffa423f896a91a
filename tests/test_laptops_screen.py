"""The Laptops screen: every laptop at 80x24, renaming this one, the pairing guide; the app publishes at start."""

from __future__ import annotations

import json
import shutil
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, MarkdownViewer, OptionList, Static

from sessions.clock import iso
from sessions.devices import publish, rename
from sessions.i18n import LANGUAGES, set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import notified, screen_text, settle
from tui.app import CentrelogApp
from tui.guide import GUIDES, guide_path
from tui.screens.staff.laptops import GuideScreen, LaptopsScreen, RenameDialog
from tui.screens.staff.menu import StaffScreen

REPO = Path(__file__).resolve().parents[1]


def _devices_file(store: Store) -> Path:
    return store.data_dir / "devices" / f"{store.device}.json"


def _other_laptop(store: Store, device: str, name: str, written_ago: timedelta, clock: Clock) -> None:
    written = clock() - written_ago
    record = {"device": device, "name": name, "host": "other", "machine": "m", "version": "0.1.0"}
    record |= {"started": iso(written), "written": iso(written), "run": "r", "counter": 1}
    (store.data_dir / "devices").mkdir(exist_ok=True)
    (store.data_dir / "devices" / f"{device}.json").write_text(json.dumps(record), "utf-8")


async def test_the_app_writes_its_devices_file_at_start(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, _devices_file(store).exists)
    written = json.loads(_devices_file(store).read_text("utf-8"))
    assert written["written"] == iso(clock()) and written["counter"] == 1


async def test_a_copied_folder_is_said_at_start(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path / "hall") as hall:
        rename(hall, "hall laptop", clock())
    shutil.copytree(tmp_path / "hall", tmp_path / "copy")
    device_file = tmp_path / "copy" / "local" / "device.json"
    device_file.write_text(json.dumps({**json.loads(device_file.read_text("utf-8")), "machine": "other"}), "utf-8")
    with Store(tmp_path / "copy") as copy:
        app = CentrelogApp(copy, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            sentence = f"copied from the laptop hall laptop; this laptop now writes as {copy.device}."
            await settle(pilot, lambda: notified(app, sentence))


async def test_another_computer_writing_as_this_laptop_is_said(store: Store, clock: Clock) -> None:
    publish(store, clock() - timedelta(minutes=15))
    mine = json.loads(_devices_file(store).read_text("utf-8"))
    _devices_file(store).write_text(json.dumps({**mine, "run": "cloned", "host": "clone"}), "utf-8")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: notified(app, "Another computer writes as this laptop"))


async def _open_laptops(pilot: Pilot) -> LaptopsScreen:
    """From the staff menu, Enter on "Laptops"; the screen once its table is filled."""
    app = pilot.app
    staff = StaffScreen()
    app.push_screen(staff)
    await settle(pilot, lambda: app.screen is staff)
    options = staff.query_one(OptionList)
    options.highlighted = next(i for i, o in enumerate(options.options) if o.id == "laptops")
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, LaptopsScreen))
    screen = app.screen
    assert isinstance(screen, LaptopsScreen)
    await settle(pilot, lambda: screen.query_one("#laptops", DataTable).row_count > 0)
    return screen


@pytest.mark.parametrize("language", ["en", "lv", "ru"])
async def test_every_laptop_and_warning_reads_whole_at_80x24(language: str, demo_store: Store, clock: Clock) -> None:
    set_language(language)
    rename(demo_store, "office laptop", clock())
    _other_laptop(demo_store, "minibus-1a2b", "minibus", timedelta(days=8), clock)
    _other_laptop(demo_store, "gym-hall-77aa", "Cigun and gym hall", timedelta(minutes=-30), clock)
    # The longest a name may be (24) and the longest id a laptop takes (a 20-letter host name and 4 digits).
    _other_laptop(demo_store, "abcdefghijklmnopqrst-77aa", "The minibus with a lift.", timedelta(hours=1), clock)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_laptops(pilot)
        table = screen.query_one("#laptops", DataTable)
        assert table.row_count == 4
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no column off the edge
        text = screen_text(app)
        for row in range(table.row_count):
            for cell in table.get_row_at(row):
                for line in str(cell).splitlines():
                    assert line in text
        warnings = screen.query_one("#warnings", Static)
        box = screen.query_one("#warnings-box")
        assert warnings.size.height <= box.size.height  # every warning on the screen, none scrolled away
        assert warnings.size.width <= box.size.width
        flat = " ".join(text.split())
        for line in str(warnings.render()).splitlines():
            for word in line.split():
                assert word in flat


async def test_the_screen_names_its_warnings(demo_store: Store, clock: Clock) -> None:
    _other_laptop(demo_store, "minibus-1a2b", "minibus", timedelta(days=8), clock)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_laptops(pilot)
        shown = " ".join(screen_text(app).split())
        assert "minibus (minibus-1a2b): Not seen for 8 days" in shown
        assert "Data folder, the one folder Syncthing shares:" in shown


async def test_f2_names_this_laptop_for_every_laptop_to_see(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_laptops(pilot)
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, RenameDialog))
        await pilot.press(*"hall laptop")  # the name is selected: typing replaces it
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is screen)
        await settle(pilot, lambda: "This laptop: hall laptop" in screen_text(app))
    assert json.loads(_devices_file(store).read_text("utf-8"))["name"] == "hall laptop"


async def test_an_empty_name_is_refused(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_laptops(pilot)
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, RenameDialog))
        dialog = app.screen
        await pilot.press("backspace", "enter")  # the whole name is selected: one key empties it
        await settle(pilot, lambda: "cannot be empty" in screen_text(app))
        await pilot.press(*"a name much longer than the column")  # the field stops at 24
        assert dialog.query_one(Input).value == "a name much longer than "
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is not dialog)


async def test_f3_shows_the_pairing_guide(store: Store, clock: Clock) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_laptops(pilot)
        await pilot.press("f3")
        await settle(pilot, lambda: isinstance(app.screen, GuideScreen))
        await settle(pilot, lambda: "Syncthing" in screen_text(app))
        assert app.screen.query_one(MarkdownViewer).has_focus_within
        await pilot.press("pagedown", "escape")
        await settle(pilot, lambda: app.screen is screen)


def test_the_guide_in_the_docs_is_the_one_the_app_shows() -> None:
    assert (REPO / "docs" / "sync.md").read_text("utf-8") == guide_path("en").read_text("utf-8")


def test_the_guide_is_installed_with_the_app() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["tui"]
    for guide in GUIDES.glob("*.md"):
        assert any(guide.relative_to(REPO / "tui").match(pattern) for pattern in patterns), guide


def test_every_language_has_the_guide_with_the_same_steps() -> None:
    import re

    def steps(language: str) -> list[str]:
        text = guide_path(language).read_text("utf-8")
        return re.findall(r"^\s*(\d+)\. ", text, re.M) + re.findall(r"http\S+|`[^`]+`", text)

    english = steps("en")
    for language in (code for code in LANGUAGES if code != "en"):
        assert guide_path(language).name == f"sync.{language}.md"
        assert steps(language) == english, language
