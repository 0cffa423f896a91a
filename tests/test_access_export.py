"""The access export: a PDF the person reads in their own language, the JSON beside it with its keys documented."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.access import write_access_export
from exports.erasure import erase_everywhere
from sessions.clock import from_iso
from sessions.i18n import current_language, format_date, in_language, set_language
from sessions.privacy import access_dir, subject_access
from sessions.registry import Participant
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.privacy import PrivacyScreen

DOCS = Path(__file__).parents[1] / "docs" / "exports.md"


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _someone_who_came(store: Store, language: str) -> Participant:
    """A person who prefers `language` and has visits and trips, with a change to their record."""
    for person in store.registry.participants():
        held = subject_access(store, person.id)
        if held["checkins"] and held["boardings"]:
            break
    else:
        raise AssertionError("the demo has someone who came to sessions and rode the minibus")
    store.registry.acting_role = "staff"
    store.registry.update_participant(person.id, from_iso(held["checkins"][-1]["at"]), language=language)
    found = store.registry.participant(person.id)
    assert found is not None
    return found


def test_dates_and_words_in_another_language_leave_the_screens_language_alone() -> None:
    day = from_iso("2026-11-23T09:30:00+02:00")
    assert format_date(day) == "23 Nov 2026"
    assert format_date(day, language="lv") == "23.11.2026."
    assert format_date(day, language="ru") == "23.11.2026"
    assert in_language("ru")._("first name") == "имя"
    assert in_language("lv").datetime(day) == "23.11.2026. 09:30"
    assert in_language("xx-unknown").language == "en"
    assert current_language() == "en"


@pytest.mark.parametrize(
    ("language", "labels", "date_form"),
    [
        ("lv", ("Vārds", "Uzvārds", "Dzimšanas gads"), r"\d\d\.\d\d\.\d{4}\."),
        ("ru", ("Имя", "Фамилия", "Год рождения"), r"\d\d\.\d\d\.\d{4}(?!\.)"),
    ],
)
def test_the_pdf_is_in_the_persons_language_with_everything_held(
    demo_store: Store, clock: Clock, language: str, labels: tuple[str, ...], date_form: str
) -> None:
    person = _someone_who_came(demo_store, language)
    held = subject_access(demo_store, person.id)
    done = write_access_export(demo_store, person.id, clock())
    assert current_language() == "en"  # the screens go on in their own language
    assert done.language == language and done.pdf.parent == access_dir(demo_store.data_dir)
    assert done.pdf.with_suffix(".json") == done.json
    for path in (done.pdf, done.json):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    text = _flat(_text(done.pdf))
    w = in_language(language)
    assert person.first_name in text and person.last_name in text
    for label in labels:
        assert label in text
    first_visit = from_iso(held["checkins"][0]["at"])
    assert w.date(first_visit) in text and re.search(date_form, text)
    assert f"{w._('Your visits')} ({len(held['checkins'])})" in text
    assert f"{w._('Your minibus trips')} ({len(held['boardings'])})" in text
    assert f"{w._('Every scan of your card')} ({len(held['scans'])})" in text
    assert f"{w._('Who changed your record, and when')} ({len(held['audit'])})" in text
    activities = {s["activity"] for s in held["sessions"]}
    assert activities and all(activity in text for activity in activities)
    destinations = {t["destination"] for t in held["trips"]}
    assert destinations and all(_flat(d) in text for d in destinations)
    assert person.id in text.replace(" ", "")
    assert done.json.name in text.replace(" ", "")  # the PDF names its machine-readable twin


def test_the_json_beside_it_holds_the_same_and_every_key_is_documented(demo_store: Store, clock: Clock) -> None:
    person = _someone_who_came(demo_store, "lv")
    done = write_access_export(demo_store, person.id, clock())
    payload = json.loads(done.json.read_text("utf-8"))
    assert payload["participant"]["id"] == person.id
    assert {c["session_id"] for c in payload["checkins"]} <= {s["id"] for s in payload["sessions"]}
    assert {b["trip_id"] for b in payload["boardings"]} <= {t["id"] for t in payload["trips"]}
    docs = DOCS.read_text("utf-8")
    section = docs.split("## A person's own data: the access export", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| ([a-z_]+) \|", section, re.M)) - {"key"}
    assert set(payload) == documented
    for table in ("participant", "cards", "checkins", "boardings", "scans", "sessions", "trips"):
        rows = payload[table] if isinstance(payload[table], list) else [payload[table]]
        row = next(line for line in section.splitlines() if line.startswith(f"| {table} |"))
        for record in rows:
            for key in record:
                assert key in ("id", "created", "device", "participant_id") or f"`{key}`" in row, (table, key)


def test_an_erasure_removes_their_access_export_and_leaves_anothers(demo_store: Store, clock: Clock) -> None:
    person = _someone_who_came(demo_store, "ru")
    other = next(p for p in demo_store.registry.participants() if p.id != person.id and p.last_name != person.last_name)
    theirs = write_access_export(demo_store, person.id, clock())
    kept = write_access_export(demo_store, other.id, clock.tick(seconds=1))
    kept_bytes = kept.pdf.read_bytes()
    # Married since: the export names them as they were; the record's id on every page still finds it.
    demo_store.registry.update_participant(person.id, clock.tick(days=30), last_name="Kalniņa")
    renamed = write_access_export(demo_store, person.id, clock.tick(seconds=1))
    erasure = erase_everywhere(demo_store, person.id, clock.tick(minutes=1))
    assert not any(path.exists() for path in (theirs.pdf, theirs.json, renamed.pdf, renamed.json))
    assert {theirs.pdf, theirs.json, renamed.pdf, renamed.json} <= set(erasure.removed)
    assert kept.pdf.read_bytes() == kept_bytes and kept.json.exists()
    assert erasure.unchecked == []


async def test_f2_writes_both_files_and_f7_opens_their_folder(demo_store: Store, clock: Clock, desktop: Path) -> None:
    person = _someone_who_came(demo_store, "lv")
    set_language("ru")  # the screens in Russian; the PDF in Latvian, the person's language
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = PrivacyScreen()
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        assert screen.check_action("open_folder", ()) is False  # nothing written yet: no F7
        table = screen.query_one("#people")
        table.move_cursor(row=table.get_row_index(person.id))  # type: ignore[attr-defined]
        await pilot.press("f2")
        folder = access_dir(demo_store.data_dir)
        await settle(pilot, lambda: len(list(folder.glob("*.pdf"))) == 1 and "F7" in screen_text(app))
        (pdf,) = folder.glob("*.pdf")
        assert pdf.with_suffix(".json").exists() and "Vārds" in _text(pdf)  # written by a process of its own
        assert stat.S_IMODE(pdf.stat().st_mode) & 0o077 == 0
        assert "Latviešu" in screen_text(app)
        await pilot.press("f7")
        await settle(pilot, lambda: desktop.exists() and desktop.read_text("utf-8").strip() != "")
    assert desktop.read_text("utf-8").splitlines() == [str(folder)]


async def test_without_a_desktop_the_folder_is_only_named(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola", language="ru")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = PrivacyScreen()
        app.push_screen(screen)
        await settle(pilot, lambda: app.screen is screen)
        await pilot.press("f2")
        await settle(pilot, lambda: "Русский" in screen_text(app))
        assert screen.check_action("open_folder", ()) is False
        said = str(screen.query_one("#said").render())
        assert f"The folder: {access_dir(store.data_dir)}" in said.replace("\n", "")


#: Lithuanian's letters with diacritics, and the quotes and dash its texts use.
LITHUANIAN_LETTERS = "ąčęėįšųūžĄČĘĖĮŠŲŪŽ„“–"


@pytest.mark.parametrize("style", ["Regular", "Bold", "Semibold", "It"])
def test_every_pdf_font_has_lithuanian_letters(style: str) -> None:
    from fontTools.ttLib import TTFont

    from exports.fonts import font_path

    drawn = TTFont(font_path(style)).getBestCmap()
    assert [letter for letter in LITHUANIAN_LETTERS if ord(letter) not in drawn] == []


def test_a_lithuanian_participant_s_pdf_is_in_lithuanian_letters_and_dates(tmp_path: Path, clock: Clock) -> None:
    from sessions.demo import seed_demo

    set_language("lt")
    with Store(tmp_path / "data") as store:
        seed_demo(store, clock())
        set_language("en")
        person = next(p for p in store.registry.participants() if p.last_name == "Žukauskienė")
        done = write_access_export(store, person.id, clock())
        text = _flat(_text(done.pdf))
    assert done.language == "lt"
    assert "Aldona" in text and "Žukauskienė" in text
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", text)  # dates as Lithuanian writes them
    assert not re.search(r"\b\d\d\.\d\d\.\d{4}", text)


def test_the_pdf_holds_every_field_of_their_record_their_contact_too(demo_store: Store, clock: Clock) -> None:
    person = next(p for p in demo_store.registry.participants(include_archived=False) if p.contact)
    done = write_access_export(demo_store, person.id, clock())
    w = in_language(done.language)
    text = _flat(_text(done.pdf))
    record = text[text.index(w._("Your record")) : text.index(w._("Your visits"))]  # not the audit trail's lines
    label = w._("phone or contact")
    assert label[:1].upper() + label[1:] in record and _flat(person.contact) in record
