"""Data protection: right of access, erasure that leaves no name behind, and retention."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

from sessions.checkin import Outcome, look_up
from sessions.privacy import anonymise_inactive, erase_participant, export_subject_access, subject_access
from sessions.registry import Participant
from sessions.restore import restore_backup
from sessions.storage.backup import take_backup
from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.privacy import PrivacyScreen


def _someone(store: Store) -> Participant:
    """A person who attended, with a last name nobody else's contains."""
    people = store.registry.participants()
    attended = {
        d["participant_id"] for _w, _d, p in store.log_files() for d in store.read_log(p).get("checkins", {}).values()
    }
    return next(
        p for p in people if p.id in attended and not any(p.last_name in q.last_name for q in people if q.id != p.id)
    )


def _records_of(store: Store, participant_id: str) -> dict[str, int]:
    """Their records in every log as it lies on disk: each file with the lines of its journal."""
    counts: dict[str, int] = {}
    for path in sorted((store.data_dir / "logs").glob("*.json")):
        for table, docs in (read_log(path) or {}).items():
            counts[table] = counts.get(table, 0) + sum(
                1 for d in docs.values() if d.get("participant_id") == participant_id
            )
    return counts


def test_right_of_access_finds_every_record_in_every_log(demo_store: Store, clock: Clock) -> None:
    person = _someone(demo_store)
    held = subject_access(demo_store, person.id)
    counts = _records_of(demo_store, person.id)
    assert held["participant"]["last_name"] == person.last_name
    assert len(held["checkins"]) == counts["checkins"] and len(held["scans"]) == counts["scans"]
    assert [c["code"] for c in held["cards"]] == [person.code]
    path = export_subject_access(demo_store, person.id, clock())
    assert json.loads(path.read_text("utf-8"))["participant"]["id"] == person.id
    assert path.stat().st_mode & 0o077 == 0


def test_an_erased_name_is_in_no_file_written_afterwards(demo_store: Store, clock: Clock) -> None:
    data = demo_store.data_dir
    person = _someone(demo_store)
    old_backup = take_backup(data, clock())
    cut = old_backup.path.stat().st_mtime_ns
    demo_store.registry.acting_role = "staff"
    demo_store.registry.update_participant(person.id, clock(), neighbourhood="Zvaigžņu ielas kvartāls")
    before = _records_of(demo_store, person.id)
    clock.tick(minutes=5)
    erase_participant(demo_store, person.id, clock())
    assert _records_of(demo_store, person.id) == before  # the totals do not change
    assert look_up(demo_store.registry, person.code).outcome is Outcome.REVOKED_CARD
    clock.tick(minutes=5)
    restore_backup(demo_store, old_backup.path, clock())  # an older backup does not bring the name back
    take_backup(data, clock() + timedelta(days=1))
    week = demo_store.log_files()[-1][0]
    env = {k: v for k, v in os.environ.items() if k != "CENTRELOG_PIN"}
    demo_store.close()
    subprocess.run(
        [sys.executable, "-m", "tui", "export", "--data-dir", str(data), "--week", week],
        check=True,
        capture_output=True,
        env=env,
    )
    subprocess.run(
        [sys.executable, "-m", "tui", "backup", "--data-dir", str(data)], check=True, capture_output=True, env=env
    )
    written_after = [p for p in data.rglob("*") if p.is_file() and p.stat().st_mtime_ns > cut and p != old_backup.path]
    assert any(p.suffix == ".zip" for p in written_after) and any("exports" in p.parts for p in written_after)
    for path in written_after:
        raw = path.read_bytes()
        if path.suffix == ".zip":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                raw = b"".join(archive.read(n) for n in archive.namelist())
        for text in (person.last_name, "Zvaigžņu ielas kvartāls"):
            assert text.encode() not in raw and json.dumps(text).encode() not in raw, path


def test_retention_anonymises_only_the_inactive(demo_store: Store, clock: Clock) -> None:
    active = _someone(demo_store)
    never = demo_store.registry.add_participant(clock() - timedelta(days=4 * 365), first_name="Vecā", last_name="Lapsa")
    erased = anonymise_inactive(demo_store, clock(), years=3)
    assert erased == [never.id]
    assert demo_store.registry.participant(active.id).last_name == active.last_name
    assert anonymise_inactive(demo_store, clock() + timedelta(days=10 * 365), years=None) == []  # no setting: never


async def test_staff_erase_a_person_by_keyboard(store: Store, clock: Clock) -> None:
    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PrivacyScreen())
        await settle(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        await pilot.press("f2")
        await settle(pilot, lambda: "Everything held on Anna Ozola" in screen_text(app))
        await pilot.press("f8")
        await settle(pilot, lambda: "Erase Anna Ozola?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot, lambda: "Erased" in screen_text(app))
        assert "Ozola" not in screen_text(app)
    assert store.registry.participant(anna.id).last_name == ""
