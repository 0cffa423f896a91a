"""What a session came to, shown when the instructor ends it."""

from __future__ import annotations

from sessions.attendance import SessionSummary
from sessions.i18n import N_, _, format_time
from tui.screens.dialogs.common import FiguresDialog

__all__ = ["SummaryDialog"]


class SummaryDialog(FiguresDialog[SessionSummary]):
    """The session's totals; Enter or Escape goes back home."""

    CSS_PATH = "summary.tcss"
    HELP_TEXT = N_(
        "What the session came to, now that it has ended: how many were checked in, by name or over capacity, and how"
        " many scans were refused. Enter or Esc goes back to the home screen."
    )

    def lines(self) -> list[str]:
        s = self.summary
        return [
            _("{activity} has ended.").format(activity=s.activity),
            _("From {start} to {end}.").format(start=format_time(s.started), end=format_time(s.ended)),
            "",
            _("Checked in: {n}").format(n=s.attendances),
            _("  of them by name (no card): {n}").format(n=s.manual),
            _("  let in over capacity: {n}").format(n=s.overrides),
            _("Removed or undone: {n}").format(n=s.voided),
            _("Scans refused (red): {n}").format(n=s.refused),
        ]

    def back_label(self) -> str:
        return _("Back to the home screen")
