"""What a session came to, shown when the instructor ends it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sessions.attendance import SessionSummary
from sessions.i18n import N_, _, format_time

__all__ = ["SummaryDialog"]


class SummaryDialog(ModalScreen[None]):
    """The session's totals; Enter or Escape goes back home."""

    DEFAULT_CSS = """
    SummaryDialog { align: center middle; }
    SummaryDialog > Vertical {
        width: 60; height: auto; padding: 1 2;
        border: thick $success; background: $panel;
    }
    SummaryDialog Button { margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "close", N_("Close"))]

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        s = self.summary
        lines = [
            _("{activity} has ended.").format(activity=s.activity),
            _("From {start} to {end}.").format(start=format_time(s.started), end=format_time(s.ended)),
            "",
            _("Checked in: {n}").format(n=s.attendances),
            _("  of them by name (no card): {n}").format(n=s.manual),
            _("  let in over capacity: {n}").format(n=s.overrides),
            _("Removed or undone: {n}").format(n=s.voided),
            _("Scans refused (red): {n}").format(n=s.refused),
        ]
        with Vertical():
            yield Static("\n".join(lines))
            yield Button(_("Back to the home screen"), variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
