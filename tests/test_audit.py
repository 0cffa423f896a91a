"""The audit trail: every registry change and every void keeps who, when, before and after."""

from __future__ import annotations

from sessions.attendance import start_session, undo_last
from sessions.audit import audit_trail
from sessions.checkin import check_in
from sessions.pin import set_pin
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.audit import AuditScreen


def test_registry_changes_keep_who_when_before_and_after(store: Store, clock: Clock) -> None:
    registry = store.registry
    registry.acting_role = "staff"
    anna = registry.add_participant(clock(), first_name="Anna", last_name="Ozola", birth_year="1950")
    clock.tick(minutes=1)
    registry.update_participant(anna.id, clock(), neighbourhood="Grīva", birth_year="1951")
    registry.archive_participant(anna.id, clock())
    old_code = registry.participant(anna.id).code
    new_code = registry.issue_card(anna.id, clock())
    gym = registry.add_item("activities", clock(), name="Vingrošana", capacity=12)
    registry.update_item("activities", gym["id"], clock(), capacity=15)
    registry.set_settings({"retention_years": 5, "last_place:x": "Zāle"}, clock())
    set_pin(registry, "2468")
    entries = registry.audit()
    by_action = {(e["action"], e["target"].split(":")[0]): e for e in entries}
    assert all(e["who"] == "staff" and e["device"] == store.device for e in entries)
    update = by_action["update", "participants"]
    assert update["before"] == {"neighbourhood": "", "birth_year": 1950}
    assert update["after"] == {"neighbourhood": "Grīva", "birth_year": 1951}
    assert by_action["issue_card", "participants"]["before"] == {"code": old_code}
    assert by_action["issue_card", "participants"]["after"] == {"code": new_code}
    assert by_action["update", "activities"]["before"] == {"capacity": 12}
    assert by_action["archive", "participants"]["before"] == {"archived_at": None}
    settings = [e for e in entries if e["action"] == "setting"]
    assert {e["target"] for e in settings} == {"settings:retention_years", "settings:staff_pin"}
    pin = next(e for e in settings if e["target"] == "settings:staff_pin")
    assert pin["before"] is None and pin["after"] is None  # the hash is not copied around


def test_voids_are_in_the_trail(demo_store: Store, clock: Clock) -> None:
    activity = demo_store.registry.items("activities")[0]
    session = start_session(demo_store, activity["id"], "Zāle", "Inga", clock())
    person = demo_store.registry.participants(include_archived=False)[0]
    check_in(session, demo_store.registry, person.code, clock())
    clock.tick(seconds=30)
    undone = undo_last(session, clock(), "Inga")
    line = next(line for line in audit_trail(demo_store) if line.target == f"checkins:{undone['id']}")
    assert line.who == "Inga" and line.action == "void:undo"


async def test_staff_see_the_trail_with_names(store: Store, clock: Clock) -> None:
    store.registry.acting_role = "staff"
    anna = store.registry.add_participant(clock(), first_name="Anna", last_name="Ozola")
    store.registry.update_participant(anna.id, clock(), neighbourhood="Grīva")
    app = CentrelogApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AuditScreen())
        await settle(pilot, lambda: isinstance(app.screen, AuditScreen))
        text = screen_text(app)
        # At 80 columns: the person's name whole, and the highlighted change in full below the list.
        assert "Anna Ozola" in text and "staff" in text
        assert "Before: —" in text and "first name: Anna" in text  # Anna added (both at 09:30)
        await pilot.press("down")  # Anna's neighbourhood changed
        await settle(pilot, lambda: "After: neighbourhood: Grīva" in screen_text(app))


async def test_why_a_trip_was_corrected_shows_below_the_list_at_80_columns(demo_store: Store, clock: Clock) -> None:
    trail = audit_trail(demo_store)
    row = next(n for n, line in enumerate(trail) if line.action.startswith("correct:"))
    reason = trail[row].action.partition(":")[2]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AuditScreen())
        await settle(pilot, lambda: isinstance(app.screen, AuditScreen))
        await pilot.press(*["down"] * row)
        await settle(pilot, lambda: f"Why: {reason}" in screen_text(app))
        assert "odometer at return" in screen_text(app)
        table = app.screen.query_one("#audit")
        assert table.virtual_size.width <= 80  # no column runs off the screen
