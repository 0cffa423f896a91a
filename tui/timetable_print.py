"""The week's timetable from the staff screens: saved as an A4 PDF for the notice board, then offered to print."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from textual.screen import Screen

from exports.timetable_pdf import default_timetable_path, write_timetable_pdf
from exports.timetable_week import week_timetable_of
from sessions.clock import week_key
from sessions.i18n import _, current_language
from sessions.storage.disk import write_problem
from tui.app import CentrelogApp
from tui.printing import offer_print

__all__ = ["print_week"]


async def print_week(screen: Screen[Any], day: date) -> None:
    """Save the timetable of the week holding `day`, in the app's language, under exports/timetable/; then the
    print dialog (Esc there keeps the PDF only).

    The PDF is drawn on a thread of its own: neither the screen nor the writer waits for it.
    """
    app = screen.app
    assert isinstance(app, CentrelogApp)
    key = week_key(day)
    week = week_timetable_of(app.store.registry, key)
    out = default_timetable_path(app.store, key, current_language())
    try:
        await asyncio.to_thread(write_timetable_pdf, week, out, app.clock())
    except OSError as error:
        screen.notify(
            _("Could not write the timetable: {reason}. Nothing was changed.").format(reason=write_problem(error)),
            severity="error",
            markup=False,
        )
        return
    offer_print(screen, out, week.title, week.title)
