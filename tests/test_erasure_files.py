"""Erasing a person takes them out of every exported file in the data folder and names the backups that hold them."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.access import write_access_export
from exports.cards import cards_dir, default_sheet_path, write_card_files, write_card_sheet
from exports.erasure import erase_everywhere, erasure_report, retain_everywhere
from exports.sheet import write_attendance_sheet
from exports.weekly import export_week, exports_folder
from sessions import backup_search
from sessions.attendance import end_session, start_session
from sessions.backup_search import backups_holding
from sessions.checkin import check_in
from sessions.clock import week_key
from sessions.codes import format_code
from sessions.registry import Participant
from sessions.storage.backup import take_backup
from sessions.store import Store
from tests.conftest import Clock, own_registry
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.privacy import PrivacyScreen


def _attended(store: Store) -> tuple[Participant, dict, list[str]]:
    """A person with a last name nobody else's contains, a session they attended, and the weeks they came."""
    people = store.registry.participants()
    weeks: dict[str, set[str]] = {}
    sessions: dict[str, dict] = {}
    attended: dict[str, str] = {}
    for week, _device, path in store.log_files():
        tables = store.read_log(path)
        sessions.update((s["id"], s) for s in tables.get("sessions", {}).values())
        for checkin in tables.get("checkins", {}).values():
            weeks.setdefault(checkin["participant_id"], set()).add(week)
            attended.setdefault(checkin["participant_id"], checkin["session_id"])
    person = next(
        p for p in people if p.id in weeks and not any(p.last_name in q.full_name for q in people if q.id != p.id)
    )
    return person, sessions[attended[person.id]], sorted(weeks[person.id])


def _readable(path: Path) -> str:
    """A file as the text a reader finds in it: PDFs' text, a zip's (XLSX) members, else the bytes."""
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def _exported_everything(
    store: Store, person: Participant, session: dict, weeks: list[str], clock: Clock
) -> list[Participant]:
    """Every kind of file that can name them; returns the others on their card sheet."""
    registry = store.registry
    write_card_files(cards_dir(store.data_dir), registry, person)
    registry.issue_card(person.id, clock())  # a lost card: the old one's files stay on disk
    person = registry.participant(person.id)  # type: ignore[assignment]
    write_card_files(cards_dir(store.data_dir), registry, person)
    others = [p for p in registry.participants(include_archived=False) if p.id != person.id][:3]
    write_card_sheet(default_sheet_path(store.data_dir, "import", clock()), registry, [others[0], person, others[1]])
    write_card_sheet(cards_dir(store.data_dir) / "others.pdf", registry, [others[2]])
    write_access_export(store, person.id, clock())  # the PDF to read and the JSON beside it
    for week in weeks:
        export_week(store, week)
        export_week(store, week, fmt="xlsx", out=exports_folder(store, f"{week}-xlsx"))
    write_attendance_sheet(store, session, exports_folder(store, "sheets") / f"sheet-{session['id'][:8]}.pdf", clock())
    return others[:2]


async def test_erasure_leaves_no_file_naming_them_and_names_the_backups(demo_store: Store, clock: Clock) -> None:
    data = demo_store.data_dir
    person, session, weeks = _attended(demo_store)
    mirror = data.parent / "usb"
    demo_store.registry.set_settings({"backup_mirror": str(mirror)})
    beside = _exported_everything(demo_store, person, session, weeks, clock)
    others_sheet = (cards_dir(data) / "others.pdf").read_bytes()
    old = take_backup(data, clock(), mirror=mirror)
    exported = sorted(p for p in (data / "exports").rglob("*") if p.is_file())
    naming = {p: _readable(p).count(person.last_name) for p in exported if p.suffix in (".csv", ".xlsx")}
    naming = {p: n for p, n in naming.items() if n}
    assert any(p.suffix == ".csv" for p in naming) and any(p.suffix == ".xlsx" for p in naming)

    clock.tick(minutes=5)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(160, 50)) as pilot:
        app.push_screen(PrivacyScreen())
        await settle(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        await pilot.press("shift+tab", *person.last_name, "tab", "f8")
        await settle(pilot, lambda: f"Erase {person.full_name}?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "Erased" in screen_text(app))
        said = str(app.screen.query_one("#said").render())

    anonymous = demo_store.registry.participant(person.id).full_name  # type: ignore[union-attr]
    outside_backups = [p for p in data.rglob("*") if p.is_file() and "backups" not in p.relative_to(data).parts]
    for path in outside_backups:
        text = _readable(path)
        assert person.last_name not in text and json.dumps(person.last_name)[1:-1] not in text, path
    remaining = {p.relative_to(data).as_posix() for p in outside_backups}
    assert not any("access" in p or person.code in p for p in remaining)  # their cards and access export are gone
    sheet = next(p for p in (cards_dir(data)).glob("import-*.pdf"))
    on_sheet = _readable(sheet)
    assert format_code(person.code) not in on_sheet  # the sheet they shared, rewritten with the others only
    assert all(format_code(p.code) in on_sheet and p.full_name in " ".join(on_sheet.split()) for p in beside)  # type: ignore[arg-type]
    assert (cards_dir(data) / "others.pdf").read_bytes() == others_sheet  # nobody erased on it: untouched
    for path, times in naming.items():  # every row stays, under the anonymous name
        assert _readable(path).count(anonymous) == times, path
    assert anonymous in _readable(exports_folder(demo_store, "sheets") / f"sheet-{session['id'][:8]}.pdf")
    assert f"backups/{old.path.name}" in said and str(mirror / old.path.name) in said
    assert "a restore from one erases them again" in said
    assert "exports/cards/others.pdf" not in said


def _two_annas_checked_in(store: Store, clock: Clock) -> tuple[Participant, Participant]:
    gym = store.registry.add_item("activities", clock(), name="Gym", capacity=10)
    annas = [store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola") for _ in range(2)]
    session = start_session(store, gym["id"], "Sporta zāle", "Olga", clock())
    for anna in annas:
        check_in(session, store.registry, anna.code or "", clock.tick(seconds=5))
    end_session(store, session, clock.tick(minutes=50))
    return annas[0], annas[1]


def test_a_namesake_keeps_her_name_her_cards_and_her_rows(store: Store, clock: Clock) -> None:
    gone, stays = _two_annas_checked_in(store, clock)
    for anna in (gone, stays):
        write_card_files(cards_dir(store.data_dir), store.registry, anna)
    week = export_week(store, week_key(clock())).period.name
    erasure = erase_everywhere(store, gone.id, clock.tick(minutes=1))
    rows = (exports_folder(store, week) / "attendance.csv").read_text("utf-8-sig").splitlines()
    assert next(r for r in rows if format_code(stays.code or "") in r).count("Anna Ozola") == 1
    assert next(r for r in rows if format_code(gone.code or "") in r).count(erasure.anonymous) == 1
    left = sorted(p.name for p in cards_dir(store.data_dir).iterdir())
    assert left == [f"Anna-Ozola-{stays.code}.pdf", f"Anna-Ozola-{stays.code}.png"]


def test_backups_listed_are_those_that_still_name_them(store: Store, clock: Clock) -> None:
    data = store.data_dir
    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    before = take_backup(data, clock())
    (data / "backups" / "centrelog-20261123-093001.zip").write_bytes(b"PK\x03\x04 not a zip at all")
    with zipfile.ZipFile(data / "backups" / "centrelog-20261123-093002.zip", "w") as empty:
        empty.writestr("logs/2026-W48.x.json", "{}")  # no registry: it names nobody
    erased = erase_everywhere(store, anna.id, clock.tick(minutes=1))
    assert erased.backups == [before.path]
    assert [p.name for p in erased.unreadable_backups] == ["centrelog-20261123-093001.zip"]
    take_backup(data, clock.tick(minutes=1), rotating=False)  # after the erasure: it holds no name
    again = backups_holding([data / "backups"], anna.id)
    assert again.holding == [before.path]
    report = "\n".join(erasure_report(erased, data))
    assert f"erases them again): backups/{before.path.name}." in report
    assert "backups/centrelog-20261123-093001.zip" in report and "could not be read" in report


def test_backups_are_read_within_bounds(store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    backup = take_backup(store.data_dir, clock())
    monkeypatch.setattr(backup_search, "MAX_REGISTRY_BYTES", 100)  # a registry larger than the bound is not read
    found = backups_holding([store.data_dir / "backups"], anna.id)
    assert found.holding == [] and found.unreadable == [backup.path]


def test_retention_takes_the_anonymised_out_of_the_exports(store: Store, clock: Clock) -> None:
    gone, stays = _two_annas_checked_in(store, clock)
    store.registry.update_participant(stays.id, clock(), last_name="Ozola-Lāce")
    week = export_week(store, week_key(clock())).period.name
    erased = retain_everywhere(store, clock() + timedelta(days=4 * 365), years=3)
    assert sorted(e.anonymous for e in erased) == sorted(f"#{anna.id[:6]}" for anna in (gone, stays))
    text = (exports_folder(store, week) / "attendance.csv").read_text("utf-8-sig")
    assert "Ozola" not in text


def test_a_broken_export_is_named_and_does_not_stop_the_erasure(store: Store, clock: Clock) -> None:
    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    other = store.registry.add_participant(clock(), first_name="Jānis", last_name="Bērziņš")
    cards = cards_dir(store.data_dir)
    write_card_sheet(cards / "both.pdf", store.registry, [anna, other])
    cards.joinpath("broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>")
    cards.joinpath("broken.xlsx").write_bytes(b"PK\x03\x04 truncated")
    cards.joinpath(".both.pdf.4242.tmp").write_text("Anna Ozola", "utf-8")  # left by a power cut
    aside = store.data_dir / "registry.json.damaged-20261123-093000"
    aside.write_bytes(own_registry(store.data_dir).read_bytes()[:-40])  # as a bad disk left it
    erasure = erase_everywhere(store, anna.id, clock.tick(minutes=1))
    assert sorted(p.name for p in erasure.unchecked) == ["broken.pdf", "broken.xlsx"]
    assert [p.name for p in erasure.rewritten] == ["both.pdf"] and [p.name for p in erasure.removed] == [
        ".both.pdf.4242.tmp"
    ]
    report = "\n".join(erasure_report(erasure, store.data_dir))
    assert "Could not be read, so not checked: exports/cards/broken.pdf, exports/cards/broken.xlsx." in report
    assert f"Still named in a damaged file set aside: {aside.name}." in report
    assert "Ozola" not in _readable(cards / "both.pdf") and "Bērziņš" in _readable(cards / "both.pdf")
