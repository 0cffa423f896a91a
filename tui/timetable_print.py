"""The week's timetable written as an A4 PDF for the notice board, from the staff screens, and said where it went."""

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

__all__ = ["print_week"]


async def print_week(screen: Screen[Any], day: date) -> None:
    """Write the timetable of the week holding `day` in the app's language under exports/timetable/, and say where.

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
    screen.notify(_("The timetable for {week} is written to {path}.").format(week=key, path=out), markup=False)
