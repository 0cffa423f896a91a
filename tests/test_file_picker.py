"""Picking files without typing paths: home, Downloads, a USB stick; only the files that fit; the last folder kept."""

from __future__ import annotations

import getpass
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook
from textual.pilot import Pilot
from textual.widgets import Static

from sessions.attendance import start_session
from sessions.checkin import check_in
from sessions.clock import week_key
from sessions.storage.backup import take_backup, verify_backup
from sessions.storage.damage import pending_damaged
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import person_types, screen_text, settle
from tui.app import CentrelogApp
from tui.folders import folder_entries, usual_places
from tui.open_folder import folder_opener, open_folder
from tui.screens.dialogs.file_picker import FilePickerDialog
from tui.screens.staff.backups import BackupsScreen
from tui.screens.staff.import_participants import LAST_IMPORT_FOLDER, ImportParticipantsScreen
from tui.screens.staff.pin import PinDialog
from tui.screens.staff.restore import RestoreDamagedDialog


@dataclass(frozen=True)
class Tree:
    home: Path
    downloads: Path
    stick: Path


@pytest.fixture
def tree(quiet_places: Path, tmp_path: Path) -> Tree:
    """A home with Downloads (a list, a photo, a hidden list, an old folder) and a USB stick with a workbook."""
    home = quiet_places
    downloads = home / "Downloads"
    (downloads / "Vecie").mkdir(parents=True)
    (downloads / "jaunie.csv").write_text(
        "Vārds;Uzvārds;Dzimšanas gads\nAnna;Ozola;1950\nPēteris;Kalniņš;1944\n", "utf-8"
    )
    (downloads / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (downloads / ".slepens.csv").write_text("Vārds;Uzvārds\nSlēpts;Cilvēks\n", "utf-8")
    stick = tmp_path / "media" / getpass.getuser() / "KINGSTON"
    stick.mkdir(parents=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (("Имя", "Фамилия", "Год рождения"), ("Нина", "Иванова", 1947), ("Олег", "Петров", 1951)):
        sheet.append(row)
    book.save(stick / "saraksts.xlsx")
    return Tree(home, downloads, stick)


def _shared_settings(store: Store) -> set[str]:
    """The settings in this laptop's file of the shared registry (what other laptops get)."""
    path = own_registry(store.data_dir)
    tables = json.loads(path.read_text("utf-8")) if path.exists() else {}
    return {doc["key"] for doc in tables.get("settings", {}).values()}


def test_the_usual_places_and_what_a_folder_shows(tree: Tree) -> None:
    assert [(p.kind, p.path) for p in usual_places()] == [
        ("home", tree.home),
        ("downloads", tree.downloads),
        ("stick", tree.stick),
    ]
    shown = [e.name for e in folder_entries(tree.downloads, (".csv", ".xlsx"))]
    assert shown == ["Vecie", "jaunie.csv"]  # folders first; no photo, nothing hidden
    assert [e.name for e in folder_entries(tree.downloads, folders_only=True)] == ["Vecie"]


def test_downloads_is_found_under_the_name_the_desktop_gave_it(tree: Tree) -> None:
    latvian = tree.home / "Lejupielādes"
    latvian.mkdir()
    (tree.home / ".config").mkdir()
    (tree.home / ".config" / "user-dirs.dirs").write_text('XDG_DOWNLOAD_DIR="$HOME/Lejupielādes"\n', "utf-8")
    assert [p.path for p in usual_places() if p.kind == "downloads"] == [latvian]


async def _picker(pilot: Pilot, key: str) -> FilePickerDialog:
    app = pilot.app
    await pilot.press(key)
    await settle(pilot, lambda: isinstance(app.screen, FilePickerDialog))
    picker = app.screen
    assert isinstance(picker, FilePickerDialog)
    return picker


def _where(picker: FilePickerDialog) -> str:
    return str(picker.query_one("#where", Static).render())


def _listed(picker: FilePickerDialog) -> list[str]:
    return [entry.name for entry in picker.shown]


async def _import_screen(pilot: Pilot) -> ImportParticipantsScreen:
    app = pilot.app
    screen = ImportParticipantsScreen()
    app.push_screen(screen)
    await settle(pilot, lambda: app.screen is screen)
    return screen


async def test_a_list_on_a_usb_stick_is_imported_by_keys_alone_and_its_folder_kept(
    tree: Tree, store: Store, clock: Clock
) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _import_screen(pilot)
        picker = await _picker(pilot, "f2")
        assert _where(picker) == "~" and _listed(picker) == ["Downloads"]
        assert "KINGSTON" in screen_text(app) and "Downloads" in screen_text(app)
        await pilot.press("f2", "down", "down", "enter")  # the places: home, Downloads, the stick
        await settle(pilot, lambda: _listed(picker) == ["saraksts.xlsx"])
        assert app.focused is picker.query_one("#filter")
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is screen and screen.plan is not None)
        assert screen.plan is not None and len(screen.plan.ready(False)) == 2
        assert "Иванова" in screen_text(app)
        assert store.registry.setting(LAST_IMPORT_FOLDER) == str(tree.stick)
        assert LAST_IMPORT_FOLDER not in _shared_settings(store)  # this laptop's alone
        again = await _picker(pilot, "f2")
        assert _where(again) == str(tree.stick) and _listed(again) == ["saraksts.xlsx"]


async def test_typing_filters_backspace_goes_up_and_a_typed_path_is_taken(
    tree: Tree, store: Store, clock: Clock
) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _import_screen(pilot)
        await pilot.press("enter")  # Enter in the empty path field opens the picker too
        await settle(pilot, lambda: isinstance(app.screen, FilePickerDialog))
        picker = app.screen
        assert isinstance(picker, FilePickerDialog)
        await pilot.press("enter")  # Downloads/
        await settle(pilot, lambda: _where(picker) == "~/Downloads")
        assert _listed(picker) == ["Vecie", "jaunie.csv"]
        assert "photo.jpg" not in screen_text(app) and "slepens" not in screen_text(app)
        await person_types(pilot, *"JAU")
        await settle(pilot, lambda: _listed(picker) == ["jaunie.csv"])
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot, lambda: _listed(picker) == ["Vecie", "jaunie.csv"])
        await pilot.press("backspace")  # nothing left to delete: up a folder
        await settle(pilot, lambda: _where(picker) == "~")
        assert picker.query_one("#entries").highlighted == 0  # type: ignore[attr-defined]
        await person_types(pilot, *"~/Downloads/jaunie.csv", "enter")
        await settle(pilot, lambda: app.screen is screen and screen.plan is not None)
    assert screen.plan is not None and len(screen.plan.ready(False)) == 2


async def test_a_chosen_file_gets_every_check_a_typed_one_does(tree: Tree, store: Store, clock: Clock) -> None:
    (tree.downloads / "saraksts.csv").write_bytes(b"\x00\x01binary\x00" * 100)
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _import_screen(pilot)
        picker = await _picker(pilot, "f2")
        await pilot.press("enter")
        await settle(pilot, lambda: _where(picker) == "~/Downloads")
        await person_types(pilot, *"sar")
        await settle(pilot, lambda: _listed(picker) == ["saraksts.csv"])
        await pilot.press("enter")
        await settle(pilot, lambda: "This is not a CSV or XLSX file." in screen_text(app))
        assert app.screen is screen and screen.plan is None
    assert store.registry.participants() == []


async def _backups_screen(pilot: Pilot) -> BackupsScreen:
    app = pilot.app
    screen = BackupsScreen()
    app.push_screen(screen)
    await settle(pilot, lambda: app.screen is screen)
    return screen


async def test_a_backup_is_saved_to_a_stick_its_folder_opened_and_restored_from_it(
    tree: Tree, store: Store, clock: Clock, desktop: Path
) -> None:
    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _backups_screen(pilot)
        picker = await _picker(pilot, "f3")
        assert _listed(picker) == ["Downloads"]  # folders only
        await pilot.press("f2", "down", "down", "enter")
        await settle(pilot, lambda: _where(picker) == str(tree.stick))
        assert "saraksts.xlsx" not in screen_text(app)
        await pilot.press("enter")  # on "Choose this folder"
        await settle(pilot, lambda: "Backup saved and checked" in screen_text(app), rounds=6000)
        (saved,) = tree.stick.glob("centrelog-*.zip")
        assert "registry" in " ".join(verify_backup(saved))
        await pilot.press("f7")
        await settle(pilot, lambda: desktop.exists())
        assert desktop.read_text("utf-8").splitlines() == [str(tree.stick)]

        clock.tick(minutes=5)
        await app.write(store.registry.update_participant, anna.id, clock(), last_name="Kalniņa")
        picker = await _picker(pilot, "f5")
        await person_types(pilot, *str(tree.stick), "enter")
        await settle(pilot, lambda: _listed(picker) == [saved.name])
        await pilot.press("enter")
        await settle(pilot, lambda: f"Restore from {saved.name}" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "records added back" in screen_text(app))
        assert app.screen is screen
    person = store.registry.participant(anna.id)
    assert person is not None and person.last_name == "Kalniņa"  # nothing recorded since the backup is lost


async def test_a_hostile_zip_chosen_on_a_stick_is_refused_by_name(tree: Tree, store: Store, clock: Clock) -> None:
    evil = tree.stick / "centrelog-20261123-093000.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../escaped.json", "{}")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _backups_screen(pilot)
        picker = await _picker(pilot, "f5")
        await person_types(pilot, *str(evil), "enter")
        await settle(pilot, lambda: "Nothing was restored" in screen_text(app))
        assert not isinstance(app.screen, FilePickerDialog)
    assert not (tree.stick.parent.parent / "escaped.json").exists() and not (tree.home / "escaped.json").exists()
    assert list((store.data_dir / "backups").glob("*.zip")) == []  # not even the safety backup: nothing was done
    assert picker.endings == (".zip",)


async def test_the_backup_stick_is_chosen_in_the_picker_and_let_go_with_f8(
    tree: Tree, store: Store, clock: Clock
) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _backups_screen(pilot)
        assert screen.check_action("no_stick", ()) is False
        picker = await _picker(pilot, "f4")
        await pilot.press("f2", "down", "down", "enter")
        await settle(pilot, lambda: _where(picker) == str(tree.stick))
        await pilot.press("enter")
        await settle(pilot, lambda: store.registry.setting("backup_mirror") == str(tree.stick))
        await settle(pilot, lambda: "Every backup is also copied to" in screen_text(app))
        assert "backup_mirror" not in _shared_settings(store)
        await pilot.press("f8")
        await settle(pilot, lambda: store.registry.setting("backup_mirror") == "")
        await settle(pilot, lambda: "No backup stick" in screen_text(app))


async def test_a_restore_starts_among_this_laptops_own_backups(tree: Tree, store: Store, clock: Clock) -> None:
    backup = take_backup(store.data_dir, clock())
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _backups_screen(pilot)
        picker = await _picker(pilot, "f5")
        assert _where(picker) == str(store.data_dir / "backups") and _listed(picker) == [backup.path.name]
        assert "This laptop's" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, BackupsScreen))


async def test_a_damaged_week_is_restored_from_a_backup_on_a_stick(tree: Tree, tmp_path: Path, clock: Clock) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
        gym = store.registry.add_item("activities", clock(), name="Gym", capacity=10)
        session = start_session(store, gym["id"], "Zāle", "Inga", clock())
        check_in(session, store.registry, store.registry.participants()[0].code or "", clock())
        log_path = store.log_path(week_key(clock()))
        backup = take_backup(data, clock())
    on_stick = tree.stick / backup.path.name
    backup.path.rename(on_stick)  # the laptop's own backups are gone: only the stick holds the week
    log_path.write_bytes(log_path.read_bytes()[:-100])
    clock.tick(hours=1)
    with Store(data, repair=True, now=clock()) as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f5")
            await settle(pilot, lambda: isinstance(app.screen, PinDialog))
            await person_types(pilot, *"1357", "enter", *"1357", "enter")
            await settle(pilot, lambda: isinstance(app.screen, RestoreDamagedDialog))
            await pilot.press("enter")
            await settle(pilot, lambda: "F6 chooses one" in screen_text(app))
            picker = await _picker(pilot, "f6")
            await person_types(pilot, *str(tree.stick), "enter")
            await settle(pilot, lambda: _listed(picker) == [on_stick.name])  # the workbook does not fit
            await pilot.press("enter")
            await settle(pilot, lambda: "restored from" in screen_text(app))
        assert pending_damaged(data) == []
        assert len((read_log(log_path) or {})["checkins"]) == 1


async def test_after_the_import_f7_opens_the_folder_of_the_new_cards(
    tree: Tree, store: Store, clock: Clock, desktop: Path
) -> None:
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _import_screen(pilot)
        assert screen.check_action("open_folder", ()) is False
        await person_types(pilot, *str(tree.downloads / "jaunie.csv"), "enter")  # a typed path still works
        await settle(pilot, lambda: screen.plan is not None and bool(screen.plan.rows))
        await pilot.press("f5")
        await settle(pilot, lambda: "Register 2 people" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "F7 opens the folder." in screen_text(app))
        await pilot.press("f7")
        await settle(pilot, lambda: desktop.exists())
    assert desktop.read_text("utf-8").splitlines() == [str(store.data_dir / "exports" / "cards")]


def test_the_folder_opens_only_where_there_is_a_desktop(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gio = bin_dir / "gio"
    gio.write_text("#!/bin/sh\nexit 0\n", "utf-8")
    gio.chmod(0o755)
    assert folder_opener({"PATH": str(bin_dir)}) is None  # a console: no desktop
    assert folder_opener({"DISPLAY": ":0", "PATH": str(tmp_path)}) is None  # nothing to open it with
    assert folder_opener({"WAYLAND_DISPLAY": "wayland-0", "PATH": str(bin_dir)}) == [str(gio), "open"]
    assert open_folder(tmp_path / "gone", {"DISPLAY": ":0", "PATH": str(bin_dir)}) is False
    assert open_folder(tmp_path, {"PATH": str(bin_dir)}) is False
