"""People who came regularly and have not been seen for N weeks (N set here): staff call them."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from sessions.i18n import N_, _, format_date
from sessions.regulars import REGULAR_VISITS, REGULAR_WEEKS, not_seen, not_seen_weeks, set_not_seen_weeks
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.saving import save
from tui.widgets.footer import Footer
from tui.widgets.table_refill import refill

__all__ = ["NotSeenScreen"]


class NotSeenScreen(Screen[None]):
    """Longest away first: name, last visit, weeks away, visits before, phone or contact note."""

    app = getters.app(CentrelogApp)

    #: What a card scanned here is told when no session or trip is open on this laptop (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but no session is open on this laptop, and this list takes no cards. To check people"
        " in: Esc to the home screen, then 1."
    )

    CSS_PATH = "timetable.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]
    HELP_TEXT = N_(
        "People who came regularly (on four days or more in eight weeks) and have not been seen since, at a session"
        " or on a trip, for the number of weeks given at the top: someone may call them. Type another number of"
        " weeks and press Enter: it is remembered. Phone or contact notes are kept on the participant's form."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="weeks-line"):
            yield Label(_("Not seen for (weeks)"))
            yield Input(str(not_seen_weeks(self.app.store.registry)), id="not_seen_weeks", compact=True)
            yield Static(id="weeks-problem", classes="error")
        yield Static(
            _("Came on {visits} days or more in {weeks} weeks, then stopped:").format(
                visits=REGULAR_VISITS, weeks=REGULAR_WEEKS
            ),
            classes="hint",
        )
        yield DataTable(id="away", cursor_type="row", zebra_stripes=True)
        yield Static(_("Nobody: everyone who came regularly was seen lately."), id="nobody", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#away", DataTable)
        self.fill()
        (table if table.row_count else self.query_one("#not_seen_weeks", Input)).focus()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Other laptops' check-ins or the register came: someone may have been seen since."""
        if event.logs or event.registry:
            self.fill()

    def fill(self) -> None:
        """The list for the weeks set, longest away first."""
        table = self.query_one("#away", DataTable)
        rows = [
            (
                (
                    f"{away.participant.last_name} {away.participant.first_name}",
                    format_date(away.last_visit),
                    str(away.weeks_away),
                    away.contact or "—",
                ),
                away.participant.id,
            )
            for away in not_seen(self.app.store, self.app.clock())
        ]
        refill(table, (_("Name"), _("Last visit"), _("Weeks"), _("Phone or contact")), rows)
        table.display = bool(table.row_count)
        self.query_one("#nobody", Static).display = not table.row_count

    @on(Input.Submitted, "#not_seen_weeks")
    async def weeks_set(self, event: Input.Submitted) -> None:
        """Enter: the weeks typed are remembered, and the list is made again."""
        app = self.app
        problem = self.query_one("#weeks-problem", Static)
        problem.update("")
        if await save(app, problem.update, set_not_seen_weeks, app.store.registry, event.value, app.clock()):
            self.fill()
