"""The staff Reports screen, driven by keys: the week's bundle lands on disk, the period's figures show."""

from __future__ import annotations

import asyncio
import threading

from textual.widgets import DataTable, Input, Static

from exports.periods import parse_quarter
from exports.report import period_report
from sessions.i18n import format_date
from sessions.store import Store
from tests.conftest import Clock
from tests.export_helpers import read_csv
from tests.pilot_helpers import notified, screen_text, settle
from tui.app import CentrelogApp
from tui.screens.staff.menu import STAFF_ENTRIES
from tui.screens.staff.reports import ReportsScreen


def test_reports_is_on_the_staff_menu() -> None:
    assert "reports" in [entry_id for entry_id, _label, _factory in STAFF_ENTRIES]


async def test_f2_writes_last_weeks_bundle_and_f5_counts_the_quarter(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    folder = demo_store.data_dir / "exports" / "2026-W47"
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        screen = app.screen
        assert screen.query_one("#week", Input).value == "2026-W47"  # the last complete week, preselected
        await pilot.press("f2")
        await settle(pilot, lambda: "summary.csv" in screen_text(app))
        assert (folder / "summary.csv").exists()
        assert str(folder) in str(screen.query_one("#status", Static).render())  # the written folder is shown
        names = {row["Name"] for row in read_csv(folder / "attendance.csv")}
        assert any("ā" in n or "ņ" in n for n in names) and any(ord(c) > 0x400 for n in names for c in n)

        await pilot.press("f5")
        table = screen.query_one("#figures", DataTable)
        await settle(pilot, lambda: table.row_count > 0)
        figures, _files = period_report(demo_store, parse_quarter("2026-Q4"))
        shown = [table.get_row_at(i) for i in range(table.row_count)]
        assert ["Attendances (check-ins)", str(figures.value("attendances"))] in shown
        assert ["Unique persons (sessions and trips)", str(figures.value("unique_persons"))] in shown
        quarter = parse_quarter("2026-Q4")
        assert f"{format_date(quarter.start)} – {format_date(quarter.end)}: " in screen_text(app)  # not ISO
        assert (demo_store.data_dir / "exports" / "report-2026-Q4" / "indicators.csv").exists()


async def test_f5_shows_planned_against_held_per_project_as_of_the_apps_clock(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        await pilot.press("f5")
        table = app.screen.query_one("#figures", DataTable)
        await settle(pilot, lambda: table.row_count > 0)
        shown = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    # Counted at the app's clock (Monday 23 November 2026, 9:30): that week's sessions are still to come.
    figures, _files = period_report(demo_store, parse_quarter("2026-Q4"), now=clock())
    assert figures.value("to_come") > 0
    for measure, label in (("planned", "Sessions planned"), ("to_come", "Planned sessions still to come")):
        at = shown.index([label, str(figures.value(measure))])
        assert shown[at + 1 : at + 4] == [
            ["  LLI-425", str(figures.value(measure, "LLI-425"))],
            ["  LLI-550", str(figures.value(measure, "LLI-550"))],
            ["  no project", str(figures.value(measure, "no_project"))],
        ]
    assert ["Planned sessions cancelled", "1"] in shown and ["  The instructor is ill", "1"] in shown


async def test_a_bad_week_is_refused_with_a_sentence(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        week = app.screen.query_one("#week", Input)
        week.value = "last week"
        await pilot.press("enter")
        await settle(pilot, lambda: "not an ISO week" in screen_text(app))
        assert "not an ISO week" in screen_text(app)
        assert not (demo_store.data_dir / "exports").exists()


async def test_leaving_while_the_report_counts_keeps_the_app_running_and_tells_the_result(
    demo_store: Store, clock: Clock
) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    written = demo_store.data_dir / "exports" / "report-2026-Q4" / "indicators.csv"
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        # The count may be quicker than the test's next key on a busy machine: it waits until staff have left.
        left = threading.Event()
        start_count = screen.in_thread
        screen.in_thread = lambda work: start_count(lambda: (left.wait(30), work()))  # type: ignore[method-assign]
        await pilot.press("f5")
        await pilot.press("escape")  # staff leave before the count is back
        await settle(pilot, lambda: screen not in app.screen_stack)
        left.set()
        # The count goes on; once it is back, a notice on the screen staff are on says where it is.
        await settle(pilot, lambda: notified(app, "files read"))
        assert written.exists()
        # What else the counting thread may still send, now that nobody looks at the screen:
        await asyncio.to_thread(screen.from_thread, screen.say, "late news")
        await asyncio.to_thread(screen.from_thread, screen.show_progress, 5, 10)
        await pilot.press("1")  # the app still answers keys
        await settle(pilot, lambda: app.screen is not screen)
        assert app.return_code is None and app.is_running


async def test_f5_says_it_summarises_closed_weeks_the_first_time_and_not_again(demo_store: Store, clock: Clock) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReportsScreen())
        await settle(pilot, lambda: isinstance(app.screen, ReportsScreen))
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        said: list[str] = []
        shown = screen.say
        screen.say = lambda message, error=False: (said.append(message), shown(message, error))[1]  # type: ignore[method-assign]
        await pilot.press("f5")  # the quarter, 2026-Q4: its weeks up to W46 are closed at the app's clock
        table = screen.query_one("#figures", DataTable)
        await settle(pilot, lambda: table.row_count > 0 and "files read" in said[-1])
        summarising = [
            m for m in said if m.startswith("Summarising closed weeks once (later reports read the summaries)")
        ]
        assert summarising and summarising[-1].endswith(" of " + summarising[-1].split(" of ")[-1])
        done, total = summarising[-1].split(": ")[-1].rstrip("…").split(" of ")
        assert done == total and int(total) >= 5  # every closed week of the quarter, said to the last
        assert "Counting" in said[said.index(summarising[-1]) + 1]  # then the count itself, said as before

        said.clear()
        await pilot.press("f5")
        await settle(pilot, lambda: len(said) > 1 and "files read" in said[-1])
        assert not any(m.startswith("Summarising") for m in said)
