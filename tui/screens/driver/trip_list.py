"""The trips of a day or a week, from every laptop, with corrections applied; staff correct from here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from sessions.i18n import N_, _, format_date, format_datetime, format_week, ngettext, pgettext
from sessions.storage.durable import DamagedFile
from sessions.trip_log import TripRow, trips_between
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.damaged import damaged_sentence
from tui.widgets.footer import Footer
from tui.widgets.table_refill import refill

__all__ = ["TripListScreen"]


class TripListScreen(Screen[None]):
    """F2 switches day and week, F5/F6 go back and forth; staff press Enter to correct a trip."""

    app = getters.app(CentrelogApp)

    BINDINGS = [
        Binding("f2", "span", N_("Day / week")),
        Binding("f5", "move(-1)", N_("Earlier")),
        Binding("f6", "move(1)", N_("Later")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The trips of a week, or of a day (F2), from every laptop, with their corrections (✎). F5 and F6 go to the"
        " week or day before and after; ↑↓ move through the trips. Staff press Enter to correct a closed trip. The"
        " totals are below."
    )
    CSS_PATH = "trip_list.tcss"

    def __init__(self, *, staff: bool) -> None:
        super().__init__()
        self.staff = staff
        self.week = True
        self.day: date | None = None
        self.rows: dict[str, TripRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="period", classes="title")
        yield DataTable(id="trips", cursor_type="row", zebra_stripes=True)
        yield Static(id="totals", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.day = self.day or self.app.clock().date()
        self.fill()
        self.query_one("#trips", DataTable).focus()

    def span(self) -> tuple[date, date]:
        assert self.day is not None
        if not self.week:
            return self.day, self.day
        monday = self.day - timedelta(days=self.day.weekday())
        return monday, monday + timedelta(days=6)

    def fill(self, keep: str | None = None) -> None:
        first, last = self.span()
        title = (
            _("Trips in {week}").format(week=format_week(first, year=True))
            if self.week
            else _("Trips on {day}").format(day=format_date(first))
        )
        hint = _("Enter corrects the highlighted trip.") if self.staff else ""
        self.query_one("#period", Static).update(f"{title}  {hint}")
        table = self.query_one("#trips", DataTable)
        try:
            rows = trips_between(self.app.store, first, last)
        except DamagedFile as error:  # a list without that file's trips would be short: none, and the file named
            self.rows = {}
            refill(table, _headings(), [])
            self.query_one("#totals", Static).update(
                _("No trips are listed: {reason}").format(reason=damaged_sentence(error))
            )
            return
        self.rows = {row.record["id"]: row for row in rows}
        refill(table, _headings(), [(_cells(row, self.open_where), row.record["id"]) for row in rows], give_way=TEXTS)
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(keep))
        closed = [r for r in rows if r.closed]
        self.query_one("#totals", Static).update(
            ngettext("{n} trip", "{n} trips", len(rows)).format(n=len(rows))
            + " · "
            + _("{km} km · {people} passengers · {chairs} in a wheelchair · {open} still open").format(
                km=sum(r.km or 0 for r in closed),
                people=sum(r.passengers for r in rows),
                chairs=sum(r.wheelchair for r in rows),
                open=len(rows) - len(closed),
            )
        )

    def open_where(self, device: str | None) -> str:
        """ "open", or on which laptop when another laptop has the trip open."""
        store = self.app.store
        if device is None or device == store.device:
            return _("open")
        from sessions.elsewhere import laptop_name

        return _("open on {laptop}").format(laptop=laptop_name(store, device))

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's files came: list again, the highlighted trip kept."""
        if not event.logs:
            return
        table = self.query_one("#trips", DataTable)
        keep = None
        if table.row_count:
            keep = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.fill(keep=keep)

    def action_span(self) -> None:
        self.week = not self.week
        self.fill()

    def action_move(self, step: int) -> None:
        assert self.day is not None
        self.day += timedelta(days=step * (7 if self.week else 1))
        self.fill()

    @on(DataTable.RowSelected, "#trips")
    def correct(self, event: DataTable.RowSelected) -> None:
        if not self.staff:
            self.notify(_("Staff correct trips from the staff screen (3)."))
            return
        row = self.rows.get(str(event.row_key.value))
        if row is None:
            return
        if not row.closed:
            self.notify(_("This trip is still open: the driver closes it first."), severity="warning")
            return
        from tui.screens.staff.correct_trip import CorrectTripForm

        self.app.push_screen(CorrectTripForm(row), lambda saved: self.corrected(row, saved))

    def corrected(self, row: TripRow, saved: dict[str, Any] | None) -> None:
        if saved:
            self.notify(_("The correction is saved beside the trip."))
            self.fill(keep=row.record["id"])


#: The columns that give way, cut with "…", so that every heading fits at 80 columns: what was typed
#: or chosen (destination, purpose, driver, vehicle) and where a trip is still open instead of its km.
TEXTS = (1, 4, 5, 6, 7)


def _headings() -> tuple[str, ...]:
    return (
        _("Left"),
        _("km"),
        _("Pass."),
        _("Wheelch."),
        _("Destination"),
        _("Purpose"),
        _("Driver"),
        # Translators: a column heading at 80 columns, where the form and the export say "Vehicle" in full.
        pgettext("trip list column", "Vehicle"),
    )


def _cells(row: TripRow, open_where: Callable[[str | None], str]) -> tuple[str, ...]:
    """A trip's line: when it left, km (or where it is still open), people, and what was typed."""
    record = row.record
    km = str(row.km) if row.closed else open_where(record.get("device"))
    return (
        format_datetime(row.departure, year=False),
        f"{km}{'✎' if row.corrections else ''}",
        str(row.passengers),
        str(row.wheelchair),
        record["destination"],
        record["purpose"],
        record["driver"],
        f"{record['vehicle']} {record.get('plate', '')}".strip(),
    )
