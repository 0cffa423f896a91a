"""What a session came to, shown when the instructor ends it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.markup import escape

from sessions.attendance import SessionSummary
from sessions.i18n import N_, _, format_time
from tui.screens.dialogs.common import FiguresDialog

__all__ = ["SummaryDialog"]


class SummaryDialog(FiguresDialog[SessionSummary]):
    """The session's totals, and the regulars who did not come; Enter or Escape goes back home."""

    CSS_PATH = "summary.tcss"
    HELP_TEXT = N_(
        "What the session came to, now that it has ended: how many were checked in, by name or over capacity, and how"
        " many scans were refused. For a session of the timetable with regulars, it names those who did not come"
        " (first name and initial). Enter or Esc goes back to the home screen."
    )

    def __init__(self, summary: SessionSummary, absent: Sequence[str] | None = None) -> None:
        super().__init__(summary)
        #: The short names of the plan's regulars who did not come; None when the session has no regulars.
        self.absent = absent

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
            *self.regulars_lines(),
        ]

    def regulars_lines(self) -> list[str]:
        """Who of the regulars did not come, or that all of them came."""
        if self.absent is None:
            return []
        if not self.absent:
            return ["", _("Every regular came.")]
        return ["", _("Regulars who did not come: {names}").format(names=escape(", ".join(self.absent)))]

    def back_label(self) -> str:
        return _("Back to the home screen")
