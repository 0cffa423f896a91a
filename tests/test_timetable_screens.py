"""Staff keep the timetable by keyboard (plans, dates, regulars, who stopped coming); what they save is on disk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Select

from sessions.attendance import open_sessions
from sessions.regulars import missing_regulars, not_seen, propose_regulars
from sessions.storage.durable import load_json
from sessions.store import Store
from sessions.timetable import plans, today
from tests.conftest import Clock, own_registry
from tests.cups import CupsServer
from tests.pilot_helpers import notified, open_trip_form, person_types, scanner_burst, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.dialogs.common import ConfirmDialog
from tui.screens.dialogs.print_dialog import PrintDialog
from tui.screens.instructor.checkin import CheckInScreen
from tui.screens.instructor.summary import SummaryDialog
from tui.screens.instructor.today import TodayScreen
from tui.screens.staff.date_forms import ShortForm
from tui.screens.staff.not_seen import NotSeenScreen
from tui.screens.staff.plan_form import PlanForm
from tui.screens.staff.regulars import RegularsScreen
from tui.screens.staff.timetable import TimetableScreen
from tui.screens.staff.timetable_dates import TimetableDatesScreen


def _on_disk(store: Store, table: str) -> list[dict[str, Any]]:
    """A table of this laptop's registry file as written."""
    return list((load_json(own_registry(store.data_dir)) or {}).get(table, {}).values())


@pytest.fixture
def centre(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    """A centre with its lists kept and no timetable yet."""
    with Store(tmp_path / "data") as store:
        registry = store.registry
        registry.add_item("activities", clock(), name="Gym", capacity=12)
        registry.add_item("places", clock(), name="Sporta zāle")
        registry.add_item("staff", clock(), name="Olga Vasiļjeva", roles=["instructor"])
        yield store


async def _timetable(pilot) -> TimetableScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    app.push_screen(TimetableScreen())
    await settle(pilot, lambda: isinstance(app.screen, TimetableScreen))
    return app.screen  # type: ignore[no-any-return]


async def _choose(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """In a list field: open it, type the start of an entry, take it; then on to the next field."""
    await person_types(pilot, "enter", *typed, "enter", "tab")


async def test_staff_add_a_regular_session_and_cancel_one_of_its_dates(centre: Store, clock: Clock) -> None:
    app = CentrelogApp(centre, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _timetable(pilot)
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, PlanForm))
        await _choose(pilot, "Mon")
        await person_types(pilot, *"10.00", "tab", *"11:00", "tab")
        await _choose(pilot, "Gym")
        await _choose(pilot, "Sporta")
        await _choose(pilot, "Olga")
        await person_types(pilot, *"15", "f5")  # its own places; no project; from today on
        await settle(pilot, lambda: isinstance(app.screen, TimetableScreen) and "Gym" in screen_text(app))
        assert "10:00–11:00" in screen_text(app) and "15 places · no project · 0 regulars" in screen_text(app)

        await pilot.press("f6")
        await settle(pilot, lambda: isinstance(app.screen, TimetableDatesScreen))
        await pilot.press("f3")  # today's, the first date
        await settle(pilot, lambda: isinstance(app.screen, ShortForm))
        await pilot.press("f5")  # no reason: refused
        await settle(pilot, lambda: "Say why the session is cancelled." in screen_text(app))
        await person_types(pilot, *"Olga is ill", "f5")
        await settle(pilot, lambda: isinstance(app.screen, TimetableDatesScreen) and "cancelled" in screen_text(app))
        assert "Gym · Sporta zāle · Olga Vasiļjeva · cancelled: Olga is ill" in screen_text(app)
        await pilot.press("down")  # next Monday's stays as planned
        await settle(pilot, lambda: "Olga is ill" not in screen_text(app))
        await pilot.press("f8")  # nothing changed on that date: nothing to withdraw
        await settle(pilot, lambda: notified(app, "Nothing was changed on this date."))
        await pilot.press("up", "f8")  # the cancelled one: withdrawn after a yes, then as planned again
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await settle(
            pilot, lambda: isinstance(app.screen, TimetableDatesScreen) and "cancelled" not in screen_text(app)
        )
        await pilot.press("f3")  # and cancelled again, for the figures below
        await settle(pilot, lambda: isinstance(app.screen, ShortForm))
        await person_types(pilot, *"Olga is ill", "f5")
        await settle(pilot, lambda: isinstance(app.screen, TimetableDatesScreen) and "cancelled" in screen_text(app))

    [plan] = _on_disk(centre, "timetable")
    assert (plan["weekday"], plan["start"], plan["end"], plan["capacity"]) == (1, "10:00", "11:00", 15)
    assert (plan["place"], plan["instructor"], plan["valid_from"], plan["valid_to"]) == (
        "Sporta zāle",
        "Olga Vasiļjeva",
        "2026-11-23",
        None,
    )
    changes = _on_disk(centre, "timetable_changes")
    [withdrawn] = [c for c in changes if c["archived_at"]]  # nothing is deleted: the first is withdrawn
    [change] = [c for c in changes if not c["archived_at"]]
    assert withdrawn["reason"] == "Olga is ill"
    assert (change["plan_id"], change["day"], change["kind"], change["reason"]) == (
        plan["id"],
        "2026-11-23",
        "cancelled",
        "Olga is ill",
    )
    [line] = today(centre, clock())
    assert line.occurrence.cancelled and line.occurrence.reason == "Olga is ill"


async def test_a_change_applies_from_the_day_given_and_a_last_day_ends_it(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    gym = plans(registry)[0]  # Monday's gym
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _timetable(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, PlanForm))
        form = app.screen
        for field in ("weekday", "activity_id", "place", "instructor", "project_id"):  # the session as it is
            assert form.query_one(f"#{field}", Select).value == gym[field], field  # type: ignore[literal-required]
        activity = registry.item("activities", gym["activity_id"])
        assert activity is not None
        shown = screen_text(app)  # and shown so, not "Choose"
        assert activity["name"] in shown and gym["place"] in shown and gym["instructor"] in shown
        form.query_one("#start", Input).focus()
        await person_types(pilot, *["backspace"] * 5, *"10:30", "enter")
        form.query_one("#from_day", Input).focus()
        await person_types(pilot, *["backspace"] * 10, *"30.11.2026", "f5")
        await settle(pilot, lambda: isinstance(app.screen, TimetableScreen))
        await settle(pilot, lambda: "10:30–11:00" in screen_text(app))

        assert "until 29 Nov" in screen_text(app) and "from 30 Nov" in screen_text(app)
        await pilot.press("down", "f8")  # the session as it is from 30 November: its last day
        await settle(pilot, lambda: isinstance(app.screen, ShortForm))
        app.screen.query_one("#valid_to", Input).focus()
        await person_types(pilot, *["backspace"] * 10, *"31.12.2026", "f5")
        await settle(pilot, lambda: isinstance(app.screen, TimetableScreen) and "30 Nov–31 Dec" in screen_text(app))

    stored = {p["id"]: p for p in _on_disk(demo_store, "timetable")}
    assert stored[gym["id"]]["valid_to"] == "2026-11-29" and stored[gym["id"]]["start"] == "10:00"
    [later] = [p for p in stored.values() if p["valid_from"] == "2026-11-30"]
    assert (later["start"], later["weekday"], later["valid_to"]) == ("10:30", 1, "2026-12-31")
    assert later["regulars"] == gym["regulars"]  # the regulars go over to it


async def test_regulars_added_by_name_proposed_and_removed(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    gym = plans(registry)[0]
    regulars = set(gym["regulars"])
    newcomer = next(p for p in registry.participants(include_archived=False) if p.id not in regulars)
    proposed = [p for p in propose_regulars(demo_store, gym["id"], clock()) if not p.regular]
    assert proposed and proposed[0].participant.id != newcomer.id
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _timetable(pilot)
        await pilot.press("f4")
        await settle(pilot, lambda: isinstance(app.screen, RegularsScreen))
        screen = app.screen
        await person_types(pilot, *newcomer.last_name[:5])
        await settle(pilot, lambda: newcomer.last_name in screen_text(app))
        await person_types(pilot, "enter", "enter")
        await settle(pilot, lambda: newcomer.id in _plan_on_disk(demo_store, gym["id"])["regulars"])

        await pilot.press("f4")  # who came most and is no regular yet: Enter adds the first
        await settle(pilot, lambda: "Who came most in the last 8 weeks" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot, lambda: proposed[0].participant.id in _plan_on_disk(demo_store, gym["id"])["regulars"])

        table = screen.query_one("#regulars", DataTable)
        table.focus()
        first = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        await pilot.press("f8")
        await settle(pilot, lambda: first not in _plan_on_disk(demo_store, gym["id"])["regulars"])
    assert set(_plan_on_disk(demo_store, gym["id"])["regulars"]) == (
        regulars | {newcomer.id, proposed[0].participant.id}
    ) - {first}


def _plan_on_disk(store: Store, plan_id: str) -> dict[str, Any]:
    return next(p for p in _on_disk(store, "timetable") if p["id"] == plan_id)


async def test_the_summary_names_the_regulars_who_did_not_come(demo_store: Store, clock: Clock) -> None:
    registry = demo_store.registry
    line = next(line for line in today(demo_store, clock()) if line.when)
    regulars = [registry.participant(pid) for pid in line.occurrence.regulars]
    came = next(p for p in regulars if p is not None and not p.archived)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen) and "Ready" in screen_text(app))
        screen = app.screen
        scanner_burst(app, [came.code or ""])
        await settle(pilot, lambda: screen.session.count == 1)  # type: ignore[attr-defined]
        absent = missing_regulars(registry, screen.session.record, screen.session.checkins)  # type: ignore[attr-defined]
        await pilot.press("f10", "y")
        await settle(pilot, lambda: isinstance(app.screen, SummaryDialog))
        dialog = app.screen
        assert isinstance(dialog, SummaryDialog)
        said = dialog.lines()
        shown = " ".join(screen_text(app).replace("█", " ").split())
    assert absent and came not in absent
    assert said[-1] == "Regulars who did not come: " + ", ".join(p.short_name for p in absent)
    assert absent[0].short_name in shown and came.short_name not in shown
    assert not any(p.last_name in shown for p in absent)  # first name and initial only


async def test_an_unplanned_session_s_summary_names_no_regulars(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f2", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await pilot.press("f10", "y")
        await settle(pilot, lambda: isinstance(app.screen, SummaryDialog))
        assert "Regulars" not in screen_text(app) and "regular" not in screen_text(app)
    assert open_sessions(demo_store) == []


async def test_staff_see_who_stopped_coming_and_set_the_weeks(demo_store: Store, clock: Clock) -> None:
    away = not_seen(demo_store, clock())
    assert away and any(a.contact for a in away)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(NotSeenScreen())
        await settle(pilot, lambda: isinstance(app.screen, NotSeenScreen))
        table = app.screen.query_one("#away", DataTable)
        assert table.row_count == len(away)
        text = screen_text(app)
        for person in away:
            assert f"{person.participant.last_name} {person.participant.first_name}" in text
            assert (person.contact or "—") in text
        longer = max(a.weeks_away for a in away)  # only the one away longest is left
        app.screen.query_one("#not_seen_weeks", Input).focus()
        await person_types(pilot, "backspace", *str(longer), "enter")
        await settle(pilot, lambda: table.row_count == len(not_seen(demo_store, clock(), longer)))
    assert len(not_seen(demo_store, clock(), longer)) < len(away)
    [setting] = [s for s in _on_disk(demo_store, "settings") if s["key"] == "not_seen_weeks"]
    assert setting["value"] == longer
    assert len(not_seen(demo_store, clock())) == table.row_count  # remembered: the list's N from now on


async def test_f7_saves_the_week_s_timetable_as_a_pdf_and_offers_to_print_it(demo_store: Store, clock: Clock) -> None:
    pdf = demo_store.data_dir / "exports" / "timetable" / "timetable-2026-W48-en.pdf"
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _timetable(pilot)
        await pilot.press("f7")
        await settle(pilot, lambda: isinstance(app.screen, PrintDialog))
        assert pdf.read_bytes().startswith(b"%PDF")
        assert "Timetable: week 48, 23–29 Nov" in screen_text(app)
        await pilot.press("escape")
        await settle(
            pilot, lambda: app.screen is screen and "Nothing was printed. The PDF is saved" in screen_text(app)
        )


async def test_a_trip_counts_for_the_project_chosen_and_the_next_trip_offers_it(
    demo_store: Store, clock: Clock
) -> None:
    from sessions.trips import close_trip, open_trips

    registry = demo_store.registry
    projects = {p["id"]: p["name"] for p in registry.items("projects")}
    chosen = sorted(projects.values())[-1]
    purpose = registry.items("purposes")[0]["name"]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        project = form.query_one("#project_id", Select)
        assert project.display and project.value in (Select.NULL, registry.setting("last_project"))
        await person_types(pilot, *"Rēzekne", "tab", "enter", *purpose[:4], "enter", "tab", "space")
        project.focus()
        await person_types(pilot, "enter", *chosen[:6], "enter", "f5")
        await settle(pilot, lambda: bool(open_trips(demo_store)))
    [trip] = [t for t in _trips_on_disk(demo_store) if t["destination"] == "Rēzekne"]
    assert projects[trip["project_id"]] == chosen
    opened = open_trips(demo_store)[0]
    close_trip(demo_store, opened, returned=clock(), odometer_end=opened.record["odometer_start"] + 20, now=clock())

    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        assert form.query_one("#project_id", Select).value == trip["project_id"]  # the last trip's


def _trips_on_disk(store: Store) -> list[dict[str, Any]]:
    from sessions.storage.journal import read_log

    found = []
    for log in (store.data_dir / "logs").glob(f"*.{store.device}.json"):
        found += list((read_log(log) or {}).get("trips", {}).values())
    return found


async def test_the_participant_form_keeps_a_phone_or_contact(centre: Store, clock: Clock) -> None:
    from tui.screens.staff.participant_form import ParticipantForm

    app = CentrelogApp(centre, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParticipantForm(None))
        await settle(pilot, lambda: isinstance(app.screen, ParticipantForm))
        await person_types(pilot, *"Anna", "tab", *"Ozola")
        app.screen.query_one("#contact", Input).focus()
        await person_types(pilot, *"+371 20000001", "f5")
        await settle(pilot, lambda: not isinstance(app.screen, ParticipantForm))
    [person] = _on_disk(centre, "participants")
    assert person["contact"] == "+371 20000001"


async def test_a_card_scanned_on_the_regulars_adds_nobody(demo_store: Store, clock: Clock) -> None:
    gym = plans(demo_store.registry)[0]
    outsider = next(p for p in demo_store.registry.participants(include_archived=False) if p.id not in gym["regulars"])
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(RegularsScreen(gym["id"]))
        await settle(pilot, lambda: isinstance(app.screen, RegularsScreen))
        scanner_burst(app, [outsider.code or ""])
        await settle(pilot, lambda: notified(app, "regulars are not added by card"))
        assert app.screen.query_one("#find", Input).value == ""
    assert _plan_on_disk(demo_store, gym["id"])["regulars"] == gym["regulars"]


async def test_the_week_s_timetable_printed_on_a_real_print_server(
    cups: CupsServer, demo_store: Store, clock: Clock
) -> None:
    from pypdf import PdfReader

    from tests.cups import printed_title

    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _timetable(pilot)
        await pilot.press("f6")  # the dates: the week of the highlighted date, today's at first
        await settle(pilot, lambda: isinstance(app.screen, TimetableDatesScreen))
        dates = app.screen
        await pilot.press("f7")
        await settle(pilot, lambda: isinstance(app.screen, PrintDialog) and app.screen.printers is not None)
        await pilot.press("enter")  # the default printer
        await settle(pilot, lambda: app.screen is dates and "Sent to PDF" in screen_text(app))
        job = re.search(r"\(job (\S+)\)", " ".join(screen_text(app).split()))
        assert job is not None and screen is not None
    printed = cups.printed(job[1])
    assert printed_title(printed).startswith("Timetable: week 48, 23–29 Nov")
    [page] = PdfReader(printed).pages  # one A4 page (what it says: tests/test_timetable_pdf.py reads the saved one)
    size_mm = sorted(round(float(side) / 72 * 25.4) for side in (page.mediabox.width, page.mediabox.height))
    assert size_mm == [210, 297]


def _holidays_shown(screen: TimetableDatesScreen) -> set[str]:
    """The days the dates screen shows as public holidays, a session planned on them or not."""
    return {
        (row[0] if isinstance(row, tuple) else row.day).isoformat()
        for row in screen.rows
        if isinstance(row, tuple) or row.holiday
    }


async def test_staff_say_the_timetable_keeps_lithuania_s_public_holidays(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TimetableDatesScreen())
        await settle(pilot, lambda: isinstance(app.screen, TimetableDatesScreen))
        screen = app.screen
        assert isinstance(screen, TimetableDatesScreen)
        assert "2026-12-31" in _holidays_shown(screen)  # Latvia's New Year's Eve
        await pilot.press("f6")
        await settle(pilot, lambda: isinstance(app.screen, ShortForm))
        assert app.screen.query_one("#holiday_country", Input).value == "LV"
        await person_types(pilot, "backspace", "backspace", *"EE", "f5")  # not a country the app knows
        await settle(pilot, lambda: "The country is LV (Latvia) or LT (Lithuania)." in screen_text(app))
        await person_types(pilot, "backspace", "backspace", *"lt", "f5")
        await settle(pilot, lambda: app.screen is screen and "2026-12-31" not in _holidays_shown(screen))
        assert {"2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01"} <= _holidays_shown(screen)
    settings = {s["key"]: s["value"] for s in _on_disk(demo_store, "settings") if "key" in s}
    assert settings.get("holiday_country") == "LT"


async def test_a_card_scanned_on_the_holidays_form_changes_nothing(demo_store: Store, clock: Clock) -> None:
    someone = demo_store.registry.participants(include_archived=False)[0]
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TimetableDatesScreen())
        await settle(pilot, lambda: isinstance(app.screen, TimetableDatesScreen))
        await pilot.press("f6")
        await settle(pilot, lambda: isinstance(app.screen, ShortForm))
        form = app.screen
        scanner_burst(app, [someone.code or ""])
        await settle(pilot, lambda: notified(app, "A card was scanned"))
        assert app.screen is form and form.query_one("#holiday_country", Input).value == "LV"
    settings = {s["key"]: s["value"] for s in _on_disk(demo_store, "settings") if "key" in s}
    assert "holiday_country" not in settings
