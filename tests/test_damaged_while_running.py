"""A damaged week file that arrives while the app runs (synced in from another laptop): named, the app goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from sessions.storage.journal import read_log
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.screens.driver.menu import DriverScreen
from tui.screens.driver.trip_list import TripListScreen
from tui.screens.home import HomeScreen
from tui.screens.staff.audit import AuditScreen
from tui.screens.staff.correct_trip import CorrectTripForm
from tui.screens.staff.privacy import PrivacyScreen

DAMAGED = [b"xxxxxxxx", b'{"sessions": [1, 2]}']
#: Another laptop's file for this week (the clock's Monday is in 2026-W48).
SYNCED = "2026-W48.office.json"


def _said(app: CentrelogApp, widget: str) -> str:
    return str(app.screen.query_one(widget, Static).content)


def _damage(store: Store, payload: bytes) -> Path:
    path = store.logs_dir / SYNCED
    path.write_bytes(payload)
    return path


@pytest.mark.parametrize("payload", DAMAGED)
async def test_the_driver_screen_names_the_file_instead_of_short_recent_trips(
    demo_store: Store, clock: Clock, payload: bytes
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        _damage(demo_store, payload)
        await pilot.press("2")
        await settle(pilot, lambda: isinstance(app.screen, DriverScreen))
        said = _said(app, "#recent")
        assert "The recent trips are not shown" in said and SYNCED in said and "km" not in said
        assert "Open a new trip" in str(app.screen.query_one("#trips").get_option_at_index(0).prompt)


@pytest.mark.parametrize("payload", DAMAGED)
async def test_the_trip_list_lists_nothing_and_names_the_file(demo_store: Store, clock: Clock, payload: bytes) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        _damage(demo_store, payload)
        app.push_screen(TripListScreen(staff=True))
        await settle(pilot, lambda: isinstance(app.screen, TripListScreen))
        said = _said(app, "#totals")
        assert "No trips are listed" in said and SYNCED in said
        assert app.screen.query_one("#trips", DataTable).row_count == 0  # never a short list shown as the week
        (demo_store.logs_dir / SYNCED).unlink()  # restored: the week lists again
        await pilot.press("f2", "f2")
        await settle(pilot, lambda: "km" in _said(app, "#totals"))


@pytest.mark.parametrize("payload", DAMAGED)
async def test_the_audit_trail_names_the_file(demo_store: Store, clock: Clock, payload: bytes) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        _damage(demo_store, payload)
        app.push_screen(AuditScreen())
        await settle(pilot, lambda: isinstance(app.screen, AuditScreen))
        said = _said(app, "#change")
        assert "The audit trail is not shown" in said and SYNCED in said
        assert app.screen.query_one("#audit", DataTable).row_count == 0


@pytest.mark.parametrize("payload", DAMAGED)
async def test_the_access_export_and_retention_refuse_and_name_the_file(
    demo_store: Store, clock: Clock, payload: bytes
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        _damage(demo_store, payload)
        app.push_screen(PrivacyScreen())
        await settle(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        await pilot.press("f2")
        await settle(pilot, lambda: "Nothing was exported" in _said(app, "#said"))
        assert SYNCED in _said(app, "#said")
        assert not (demo_store.data_dir / "exports" / "access").exists() or not list(
            (demo_store.data_dir / "exports" / "access").iterdir()
        )
        app.screen.query_one("#years").value = "1"
        await pilot.press("f6")
        await settle(pilot, lambda: "Nobody was anonymised" in _said(app, "#said"))
        assert SYNCED in _said(app, "#said")


async def test_a_correction_is_not_saved_when_a_file_turns_out_damaged(demo_store: Store, clock: Clock) -> None:
    own = demo_store.log_path("2026-W48")
    before = (read_log(own) or {}).get("corrections", {})
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TripListScreen(staff=True))
        await settle(pilot, lambda: isinstance(app.screen, TripListScreen))
        listing = app.screen
        await pilot.press("f5")  # last week: the demo's trips end yesterday
        await settle(pilot, lambda: bool(listing.rows))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, CorrectTripForm))
        _damage(demo_store, b"xxxxxxxx")  # synced in while the form is open
        await pilot.press("ctrl+u", *"99999", "tab", *"Inga", "tab", *"misread", "f5")
        await settle(pilot, lambda: "The correction was NOT saved" in _said(app, "#problem"))
        assert SYNCED in _said(app, "#problem")
    assert (read_log(own) or {}).get("corrections", {}) == before
