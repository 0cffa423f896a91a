"""Staff correct a closed trip's times or odometer readings: a new record, never an overwrite."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from sessions.clock import from_iso
from sessions.i18n import N_, _, format_datetime
from sessions.kinds import CorrectionRecord
from sessions.readings import show_moment
from sessions.registry import EntryError
from sessions.storage.durable import DamagedFile
from sessions.trip_log import CORRECTABLE, TripRow, correct_trip
from tui.damaged import damaged_sentence
from tui.saving import not_saved, save
from tui.screens.dialogs.common import SaveOnceForm

__all__ = ["CorrectTripForm"]


def _labels() -> dict[str, str]:
    return {
        "departure": _("Departure"),
        "return": _("Back at"),
        "odometer_start": _("Odometer at start"),
        "odometer_end": _("Odometer at end"),
        "by": _("Corrected by"),
        "reason": _("Why"),
    }


class CorrectTripForm(SaveOnceForm[CorrectionRecord | None]):
    """The trip's values as they stand; change what is wrong, say who and why, F5 saves."""

    CSS_PATH = "correct_trip.tcss"
    BINDINGS = [
        Binding("f5", "save", N_("Save the correction")),
        Binding("escape", "cancel", N_("Cancel")),
    ]
    HELP_TEXT = N_(
        "Correct a closed trip's times or odometer readings. The trip stays as it was logged; the correction is kept"
        " beside it. Change what is wrong, say who you are and why, then F5 saves. Esc leaves without saving."
    )

    def __init__(self, row: TripRow) -> None:
        super().__init__()
        self.row = row
        record = row.record
        back = record.get("return")
        self.shown = {
            "departure": show_moment(row.departure),
            "return": show_moment(from_iso(back)) if back else "",
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
        app = self.app
        problem = self.query_one("#problem", Static)

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            if error.field in (*CORRECTABLE, "by", "reason"):
                self.query_one(f"#{error.field}", Input).focus()

        by, reason = self.query_one("#by", Input).value, self.query_one("#reason", Input).value
        try:
            written = await save(
                app,
                problem.update,
                correct_trip,
                app.store,
                self.row,
                app.clock(),
                by,
                reason,
                refused=refused,
                failed=not_saved,
                **changed,
            )
        except DamagedFile as error:
            problem.update(_("The correction was NOT saved: {reason}").format(reason=damaged_sentence(error)))
            return
        if written is not None:
            self.dismiss(written.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
