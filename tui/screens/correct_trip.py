"""Staff correct a closed trip's times or odometer readings: a new record, never an overwrite."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sessions.clock import from_iso
from sessions.disk import write_problem
from sessions.durable import DamagedFile
from sessions.i18n import N_, _, format_datetime
from sessions.registry import EntryError
from sessions.trip_log import CORRECTABLE, TripRow, correct_trip
from tui.damaged import damaged_sentence
from tui.screens.dialogs import SaveOnceForm

__all__ = ["CorrectTripForm"]

#: How a full date and time is shown for typing over (read back by sessions.readings.read_time).
TYPED = "%d.%m.%Y %H:%M"


def _labels() -> dict[str, str]:
    return {
        "departure": _("Departure"),
        "return": _("Back at"),
        "odometer_start": _("Odometer at start"),
        "odometer_end": _("Odometer at end"),
        "by": _("Corrected by"),
        "reason": _("Why"),
    }


class CorrectTripForm(SaveOnceForm[dict[str, Any] | None]):
    """The trip's values as they stand; change what is wrong, say who and why, F5 saves."""

    DEFAULT_CSS = """
    CorrectTripForm { align: center middle; }
    CorrectTripForm > Vertical {
        width: 74; height: auto; padding: 0 1;
        border: thick $accent; background: $panel;
    }
    CorrectTripForm Horizontal { height: 1; margin-top: 1; }
    CorrectTripForm Label { width: 20; }
    CorrectTripForm Input { width: 1fr; }
    CorrectTripForm #problem { height: auto; min-height: 1; margin-top: 1; }
    """
    BINDINGS = [
        Binding("f5", "save", N_("Save the correction")),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, row: TripRow) -> None:
        super().__init__()
        self.row = row
        record = row.record
        self.shown = {
            "departure": row.departure.strftime(TYPED),
            "return": from_iso(record["return"]).strftime(TYPED) if record.get("return") else "",
            "odometer_start": str(record["odometer_start"]),
            "odometer_end": str(record.get("odometer_end") or ""),
        }

    def compose(self) -> ComposeResult:
        record = self.row.record
        labels = _labels()
        with Vertical():
            yield Static(
                _("Correct the trip of {when} to {destination}").format(
                    when=format_datetime(self.row.departure), destination=record["destination"]
                ),
                classes="title",
            )
            yield Static(_("The trip stays as it was logged; the correction is kept beside it."), classes="hint")
            for field in (*CORRECTABLE, "by", "reason"):
                with Horizontal():
                    yield Label(labels[field])
                    yield Input(self.shown.get(field, ""), id=field, compact=True)
            yield Static(id="problem", classes="error")
            yield Button(_("Save the correction (F5)"), variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one("#odometer_end", Input).focus()

    def on_input_submitted(self) -> None:
        self.focus_next()

    async def _save(self) -> None:
        typed = {f: self.query_one(f"#{f}", Input).value for f in CORRECTABLE}
        changed = {f: v for f, v in typed.items() if v.strip() != self.shown[f]}
        app: Any = self.app  # the CentrelogApp: its store, clock and writer
        try:
            correction = await app.write(
                correct_trip,
                app.store,
                self.row,
                app.clock(),
                self.query_one("#by", Input).value,
                self.query_one("#reason", Input).value,
                **changed,
            )
        except EntryError as error:
            self.query_one("#problem", Static).update(error.message)
            if error.field in (*CORRECTABLE, "by", "reason"):
                self.query_one(f"#{error.field}", Input).focus()
            return
        except OSError as error:
            self.query_one("#problem", Static).update(_("NOT saved: {reason}.").format(reason=write_problem(error)))
            return
        except DamagedFile as error:
            self.query_one("#problem", Static).update(
                _("The correction was NOT saved: {reason}").format(reason=damaged_sentence(error))
            )
            return
        self.dismiss(correction)

    def action_cancel(self) -> None:
        self.dismiss(None)
