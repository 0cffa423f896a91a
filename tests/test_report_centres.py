"""Several centres in one report: each centre's figures, the total, how it is counted, and what is refused."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import DataTable, Input, OptionList, Static

from exports.centres import TOTAL_NOTE
from sessions.centres import other_centres
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import at, boarding, checkin, read_csv, session, trip, write_log
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.cli import EXIT_DAMAGED, EXIT_OK, EXIT_USAGE, main
from tui.screens.staff.other_centres import OtherCentresDialog
from tui.screens.staff.reports import ReportsScreen

WEEK = "2026-W47"
#: What each centre held in the week: its sessions' check-ins (participant ids) and its trips' boardings.
#: "p1" is at both centres: unique within each, so counted in both totals.
CENTRES = {
    "Daugavpils dienas centrs": {"sessions": [["p1", "p2", "p3"], ["p1", "p2"]], "trips": []},
    "Rēzeknes partneris": {"sessions": [["p1", "p9"]], "trips": [["p9", "p8"]]},
}


def _make_centre(folder: Path, name: str) -> None:
    held = CENTRES[name]
    with Store(folder) as store:
        store.registry.set_settings({"centre_name": name})
        device = store.device
        sessions, checkins, trips, boardings = [], [], [], []
        for day, people in enumerate(held["sessions"]):
            made = session(device, at(f"2026-11-{17 + day}"), "Vingrošana")
            sessions.append(made)
            checkins += [checkin(device, made, person, minute=i) for i, person in enumerate(people)]
        for day, people in enumerate(held["trips"]):
            made = trip(device, at(f"2026-11-{19 + day}", 13), (1000, 1042))
            trips.append(made)
            boardings += [boarding(device, made, person) for person in people]
        write_log(store, WEEK, device, {"sessions": sessions, "checkins": checkins, "trips": trips})
        write_log(store, WEEK, device, {"boardings": boardings})


def _expected(name: str) -> dict[str, int]:
    held = CENTRES[name]
    in_sessions = {p for people in held["sessions"] for p in people}
    on_trips = {p for people in held["trips"] for p in people}
    return {
        "sessions": len(held["sessions"]),
        "attendances": sum(len(people) for people in held["sessions"]),
        "unique_persons": len(in_sessions | on_trips),
        "trips": len(held["trips"]),
        "boardings": sum(len(people) for people in held["trips"]),
    }


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every name under the folder with its size, mode and time of change: what a write would move."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mode, path.stat().st_mtime_ns)
        for path in [folder, *folder.rglob("*")]
    }


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    own, other = tmp_path / "daugavpils", tmp_path / "synced" / "rezekne"
    _make_centre(own, "Daugavpils dienas centrs")
    _make_centre(other, "Rēzeknes partneris")
    _read_only(other)  # a synced copy may be read-only on disk
    yield own, other
    for path in [other, *other.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)  # so that tmp_path can be cleaned


def _values(rows: list[dict[str, str]], centre: str) -> dict[str, int]:
    return {r["measure"]: int(r["value"]) for r in rows if r["centre"] == centre and r["breakdown"] == "all"}


def test_the_report_gives_each_centre_and_the_total(two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    own, other = two
    before = _snapshot(other)
    command = ["report", "--data-dir", str(own), "--week", WEEK, "--centre", str(other), "--column-keys"]
    assert main(command) == EXIT_OK
    assert _snapshot(other) == before  # only read: nothing written, no lock taken
    if os.geteuid() != 0:  # (root writes anyway: there the snapshot is the proof)
        assert not os.access(other, os.W_OK)
    said = capsys.readouterr().out

    rows = read_csv(own / "exports" / f"report-{WEEK}" / "indicators.csv")
    first, second = CENTRES
    a, b = _expected(first), _expected(second)
    shown = {name: _values(rows, name) for name in (first, second, "all")}
    for key in ("sessions", "attendances", "unique_persons", "trips", "boardings"):
        assert shown[first][key] == a[key], key
        assert shown[second][key] == b[key], key
        assert shown["all"][key] == a[key] + b[key], key
    everyone = {p for held in CENTRES.values() for group in (*held["sessions"], *held["trips"]) for p in group}
    assert shown["all"]["unique_persons"] == len(everyone) + 1  # p1 came to both centres and counts in both
    assert rows[-1]["centre"] == "note" and rows[-1]["measure"] == TOTAL_NOTE
    weeks = read_csv(own / "exports" / f"report-{WEEK}" / "weeks.csv")
    total_week = next(r for r in weeks if r["centre"] == "all" and r["week"] == WEEK)
    assert int(total_week["attendances"]) == a["attendances"] + b["attendances"]
    assert weeks[-1]["centre"] == "note" and weeks[-1]["week"] == TOTAL_NOTE

    assert f"{a['attendances'] + b['attendances']} attendances" in said
    assert f"{first}: {a['sessions']} sessions, {a['attendances']} attendances, {a['unique_persons']} unique" in said
    assert f"{second}: {b['sessions']} sessions, {b['attendances']} attendances, {b['unique_persons']} unique" in said
    assert TOTAL_NOTE in said


def test_the_note_is_in_the_workbook_and_in_the_printed_figures(
    two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    own, other = two
    command = ["report", "--data-dir", str(own), "--week", WEEK, "--centre", str(other), "--format", "xlsx", "--show"]
    assert main(command) == EXIT_OK
    said = capsys.readouterr().out
    book = load_workbook(own / "exports" / f"report-{WEEK}" / f"report-{WEEK}.xlsx")
    assert book.sheetnames == ["Indicators", "Weeks", "Regular sessions"]
    for sheet in book.worksheets[:2]:  # the sheets with a total; the regular sessions are listed per centre
        last = [cell.value for cell in list(sheet.iter_rows())[-1]]
        assert last[:2] == ["Note", TOTAL_NOTE], sheet.title
    indicators = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    total = _expected("Daugavpils dienas centrs")["attendances"] + _expected("Rēzeknes partneris")["attendances"]
    assert ["All centres", "Attendances (check-ins)", "all", total] in indicators
    assert f"All centres\tAttendances (check-ins)\tall\t{total}" in said
    assert f"Note\t{TOTAL_NOTE}" in said


def test_one_centre_given_twice_is_refused(two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    own, other = two
    copy = own.parent / "copy-of-daugavpils"
    shutil.copytree(own, copy)  # another synced copy of the same centre: the same centre.json
    for twice in ([str(copy)], [str(other), str(other)], [str(own)]):
        command = ["report", "--data-dir", str(own), "--week", WEEK] + [x for f in twice for x in ("--centre", f)]
        assert main(command) == EXIT_USAGE, twice
        said = capsys.readouterr().err
        assert f"{twice[-1]} is the same centre as" in said and "counted once" in said, said
    assert not (own / "exports").exists()


def test_a_folder_that_is_no_data_folder_is_refused_by_name(
    two: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own, _other = two
    for folder in (tmp_path / "nowhere", tmp_path / "synced"):
        assert main(["report", "--data-dir", str(own), "--week", WEEK, "--centre", str(folder)]) == EXIT_USAGE
        said = capsys.readouterr().err
        assert f"{folder} is not a centrelog data folder" in said, said
    assert not (own / "exports").exists()


def test_a_damaged_file_in_another_centre_stops_the_whole_report(
    two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    own, other = two
    (log,) = (other / "logs").glob(f"{WEEK}.*.json")
    log.chmod(0o600)
    log.write_bytes(b"{not json")
    assert main(["report", "--data-dir", str(own), "--week", WEEK, "--centre", str(other)]) == EXIT_DAMAGED
    assert log.name in capsys.readouterr().err
    assert not (own / "exports").exists()  # never a total without that centre


async def test_the_reports_screen_counts_other_centres_staff_added(two: tuple[Path, Path], clock: Clock) -> None:
    own, other = two
    with Store(own) as store:
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(ReportsScreen())
            await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
            screen = app.screen
            assert "Only this centre" in screen_text(app)
            await pilot.press("f6")
            await settle(pilot, lambda: isinstance(app.screen, OtherCentresDialog))
            dialog = app.screen
            assert isinstance(dialog, OtherCentresDialog)
            dialog.query_one("#folder", Input).value = str(own)  # this centre itself
            await pilot.press("enter")
            await settle(pilot, lambda: "is the same centre as" in str(dialog.query_one("#problem", Static).render()))
            dialog.query_one("#folder", Input).value = ""
            await pilot.press(*str(other))  # typed, as staff would
            await pilot.press("enter")
            await settle(pilot, lambda: dialog.folders == [other])
            assert "rezekne" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot, lambda: "Also counted: rezekne" in screen_text(app))
            assert other_centres(store) == [other]  # remembered on this laptop

            screen.query_one("#period", Input).value = WEEK
            await pilot.press("f5")
            table = screen.query_one("#figures", DataTable)
            await settle(pilot, lambda: len(table.columns) == 4 and table.row_count > 0)
            headers = [str(c.label) for c in table.columns.values()]
            assert headers == ["Measure", "Daugavpils di…", "Rēzeknes part…", "Total"]
            rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            a, b = _expected("Daugavpils dienas centrs"), _expected("Rēzeknes partneris")
            for label, key in (
                ("Attendances (check-ins)", "attendances"),
                ("Unique persons (sessions and trips)", "unique_persons"),
            ):
                assert [label, str(a[key]), str(b[key]), str(a[key] + b[key])] in rows
            assert "counted within each centre" in str(screen.query_one("#status", Static).render())

        # A new Reports screen knows the list again.
        app = CentrelogApp(store, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(ReportsScreen())
            await settle(pilot, lambda: "Also counted: rezekne" in screen_text(app))
            await pilot.press("f6")
            await settle(pilot, lambda: isinstance(app.screen, OtherCentresDialog))
            await pilot.press("shift+tab")  # up to the list
            await settle(pilot, lambda: isinstance(app.focused, OptionList))
            await pilot.press("delete", "escape")  # the folder off it, done
            await settle(pilot, lambda: "Only this centre" in screen_text(app))
            assert other_centres(store) == []
