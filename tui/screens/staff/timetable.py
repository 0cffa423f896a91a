"""The week's timetable for staff: the regular sessions by weekday; from here their dates, regulars and the PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from sessions.i18n import N_, _, format_date, ngettext
from sessions.kinds import PlanRecord
from sessions.participants import read_date
from sessions.timetable import end_plan, plans
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.screens.staff.date_forms import Line, ShortForm
from tui.screens.staff.plan_form import PlanForm, shown_date
from tui.weekdays import weekday_name, weekday_short
from tui.widgets.footer import Footer
from tui.widgets.table_refill import refill

__all__ = ["STAFF_SCAN_HINT", "TimetableScreen", "plan_title"]

#: What a card scanned on the timetable's staff screens is told (when nothing on this laptop can take it).
STAFF_SCAN_HINT = N_(
    "A card was scanned, but no session is open on this laptop, and the timetable takes no cards. To check"
    " people in: Esc to the home screen, then 1."
)


class TimetableScreen(Screen[None]):
    """Every regular session, Monday first; those that stopped come last. Nothing is ever deleted."""

    app = getters.app(CentrelogApp)

    #: What a card scanned here is told when no session or trip is open on this laptop (tui/scans_anywhere.py).
    SCAN_HINT = STAFF_SCAN_HINT

    CSS_PATH = "timetable.tcss"
    BINDINGS = [
        Binding("f2", "add", N_("Add")),
        Binding("enter", "edit", N_("Change"), show=False),
        Binding("f4", "regulars", N_("Regulars")),
        Binding("f6", "dates", N_("Dates")),
        Binding("f7", "print", N_("Print")),
        Binding("f8", "end", N_("Last day")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The week's timetable: each regular session with its weekday, time, activity, place and instructor. F2 adds"
        " one; Enter changes the highlighted one from a day on (the weeks before keep what they had); F8 sets the"
        " last day it takes place (nothing is deleted). F4 lists its regulars, the people who usually come. F6"
        " shows this week and the next ones date by date, with the public holidays: there a date is cancelled,"
        " moved, or a one-off session added. F7 saves this week's timetable as an A4 PDF for the notice board, in"
        " the app's language (F9 on the home screen changes it), and offers to print it."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Regular sessions: Enter changes one"), classes="title")
        yield DataTable(id="plans", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-detail", classes="hint")
        yield Static(id="said", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#plans", DataTable)
        self.fill()
        table.focus()

    def say(self, text: str, problem: bool) -> None:
        """How a print went (tui/printing.py), on the line above the keys."""
        said = self.query_one("#said", Static)
        said.set_class(problem, "error")
        said.update(Content(text))
        said.display = True

    def on_screen_resume(self) -> None:
        self.fill(keep=self.current_id())

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the timetable: show it as it is now."""
        if event.registry:
            self.fill(keep=self.current_id())

    def fill(self, keep: str | None = None) -> None:
        """The regular sessions, by weekday and time; those that stopped last; the cursor kept on `keep`."""
        today = self.app.clock().date()
        table = self.query_one("#plans", DataTable)
        activities = {a["id"]: a["name"] for a in self.app.store.registry.items("activities", include_archived=True)}
        found = plans(self.app.store.registry)
        rows = [
            (
                (
                    weekday_short(plan["weekday"]),
                    f"{plan['start']}–{plan['end']}",
                    activities.get(plan["activity_id"], "?"),
                    plan["place"],
                    plan["instructor"],
                    _runs(plan, today),
                ),
                plan["id"],
            )
            for plan in sorted(found, key=lambda p: _ended(p, today))
        ]
        headers = (_("Day"), _("Time"), _("Activity"), _("Place"), _("Instructor"), _("Runs"))
        refill(table, headers, rows)
        if keep is not None and keep in {p["id"] for p in found}:
            table.move_cursor(row=table.get_row_index(keep))
        self.say_plan()

    @on(DataTable.RowHighlighted, "#plans")
    def say_plan(self) -> None:
        """The highlighted session's days, places, project and regulars, below the table."""
        plan = self.current()
        detail = self.query_one("#plan-detail", Static)
        if plan is None:
            detail.update(_("No regular sessions yet: F2 adds the first."))
            return
        registry = self.app.store.registry
        project = registry.item("projects", str(plan.get("project_id") or ""))
        first, last = shown_date(plan["valid_from"]), shown_date(plan.get("valid_to"))
        capacity, regulars = plan.get("capacity"), len(plan.get("regulars") or [])
        parts = [
            _("from {first} to {last}").format(first=first, last=last)
            if last
            else _("from {first}").format(first=first),
            ngettext("{n} place", "{n} places", capacity).format(n=capacity)
            if capacity
            else _("places: the activity's"),
            _("project {name}").format(name=project["name"]) if project else _("no project"),
            ngettext("{n} regular", "{n} regulars", regulars).format(n=regulars),
        ]
        detail.update(Content(" · ".join(parts)))

    def current_id(self) -> str | None:
        table = self.query_one("#plans", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def current(self) -> PlanRecord | None:
        plan_id = self.current_id()
        return next((p for p in plans(self.app.store.registry) if p["id"] == plan_id), None) if plan_id else None

    def refill(self, saved: bool | None) -> None:
        if saved:
            self.fill(keep=self.current_id())

    def action_add(self) -> None:
        self.app.push_screen(PlanForm("add"), self.refill)

    @on(DataTable.RowSelected, "#plans")
    def action_edit(self) -> None:
        plan = self.current()
        if plan is not None:
            self.app.push_screen(PlanForm("edit", plan), self.refill)

    def action_end(self) -> None:
        """F8: the last day the highlighted session takes place (empty: it goes on)."""
        plan = self.current()
        if plan is None:
            return
        registry, plan_id = self.app.store.registry, plan["id"]

        def last_day(valid_to: str) -> None:
            end_plan(registry, plan_id, valid_to, self.app.clock())

        first = read_date(plan["valid_from"]) or self.app.clock().date()
        suggested = shown_date(plan.get("valid_to") or max(first, self.app.clock().date()))
        line = Line("valid_to", _("Last day"), suggested, _("empty: no end"))
        title = _("{plan}: the last day it takes place").format(plan=plan_title(registry, plan))
        self.app.push_screen(ShortForm(title, [line], last_day), self.refill)

    def action_regulars(self) -> None:
        from tui.screens.staff.regulars import RegularsScreen

        plan = self.current()
        if plan is not None:
            self.app.push_screen(RegularsScreen(plan["id"]), lambda _none: self.fill(keep=plan["id"]))

    async def action_print(self) -> None:
        """F7: this week's timetable as a PDF for the notice board, then the print dialog."""
        from tui.timetable_print import print_week

        await print_week(self, self.app.clock().date())

    def action_dates(self) -> None:
        from tui.screens.staff.timetable_dates import TimetableDatesScreen

        self.app.push_screen(TimetableDatesScreen())


def plan_title(registry: Any, plan: PlanRecord) -> str:
    """A regular session in a few words: "Gym, Monday 10:00–11:00"."""
    activity = registry.item("activities", plan["activity_id"])
    return _("{activity}, {weekday} {start}–{end}").format(
        activity=activity["name"] if activity else "?",
        weekday=weekday_name(plan["weekday"]),
        start=plan["start"],
        end=plan["end"],
    )


def _ended(plan: PlanRecord, today: date) -> bool:
    last = read_date(str(plan.get("valid_to") or ""))
    return last is not None and last < today


def _runs(plan: PlanRecord, today: date) -> str:
    """Whether a regular session runs: empty while it does with no end, else from or until when."""
    first = read_date(str(plan.get("valid_from") or ""))
    last = read_date(str(plan.get("valid_to") or ""))
    if last is not None and last < today:
        return _("ended {day}").format(day=format_date(last, year=False))
    if first is not None and first > today:
        begins = format_date(first, year=False)
        return f"{begins}–{format_date(last, year=False)}" if last else _("from {day}").format(day=begins)
    return _("until {day}").format(day=format_date(last, year=False)) if last is not None else ""
