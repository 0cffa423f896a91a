"""The attendance sheet PDF: the text an auditor reads, in Latvian and Cyrillic letters."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.sheet import AmbiguousSession, SessionNotFound, find_session, write_attendance_sheet
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import Centre


@pytest.fixture
def centre(store: Store, clock: Clock) -> Centre:
    return Centre(store, clock())


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_sheet_lists_who_came_with_times_and_a_signature_column(
    centre: Centre, store: Store, clock: Clock, tmp_path: Path
) -> None:
    session = find_session(store, centre.gym["id"][:10])
    assert session["id"] == centre.gym["id"]
    out = tmp_path / "sheet.pdf"
    sheet = write_attendance_sheet(store, session, out, clock())
    standing = [c for c in centre.standing("checkins", "2026-11-16", "2026-11-16") if c["session_id"] == session["id"]]
    assert sheet.participants == len(standing)
    text = _text(out)
    for expected in (
        "Daugavpils dienas centrs",
        "Gym",
        "Sporta zāle",
        "Olga Vasiļjeva",
        "16.11.2026 10:00–11:00",
        "Signature",
        "Anna Kalniņa",
        "Jānis Bērziņš",
        "Иван Петров",
        "10:01",
        "10:03",
    ):
        assert expected in text, expected
    assert "Галина Иванова" not in text  # her check-in was voided
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_session_from_the_other_laptop_is_found_too(
    centre: Centre, store: Store, clock: Clock, tmp_path: Path
) -> None:
    session = find_session(store, centre.gym_friday["id"], week="2026-W47")
    write_attendance_sheet(store, session, tmp_path / "friday.pdf", clock())
    assert "Иван Петров" in _text(tmp_path / "friday.pdf")


def test_unknown_and_ambiguous_ids(centre: Centre, store: Store) -> None:
    with pytest.raises(SessionNotFound):
        find_session(store, "zzzz")
    ids = [s["id"] for s in centre.records["sessions"]]
    first_chars = {i[0] for i in ids}
    shared = next((c for c in first_chars if sum(i.startswith(c) for i in set(ids)) > 1), None)
    if shared is not None:
        with pytest.raises(AmbiguousSession):
            find_session(store, shared)


def test_a_session_in_a_file_written_with_spaces_is_found(centre: Centre, store: Store) -> None:
    # A valid log written by another tool with json.dump's default separators: `"id": "…"`.
    for _week, device, path in store.log_files():
        if device != store.device and path.exists():
            path.write_text(json.dumps(json.loads(path.read_bytes())), "utf-8")
            assert b'"id":"' not in path.read_bytes()
    assert find_session(store, centre.gym_friday["id"])["id"] == centre.gym_friday["id"]
    assert find_session(store, centre.gym_friday["id"][:12], week="2026-W47")["id"] == centre.gym_friday["id"]
