"""Printing from a screen: the PDF already saved, the print dialog, then the print in the background.

The screen stays usable while the print service takes the job ("Printing on
…" is said at once); the answer is said on the screen when it is still shown,
else in a notice. The printer chosen is remembered by this laptop alone
(`last_printer`, a local setting) once a job went through.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.screen import Screen

from exports.printing import LAST_PRINTER, PrintResult, print_pdf
from sessions.i18n import _
from tui.app import CentrelogApp
from tui.saving import save
from tui.screens.dialogs.print_dialog import PrintDialog, PrintOrder

__all__ = ["offer_print", "shown_path"]


def shown_path(path: Path) -> str:
    """A path as short as it can be while still found: from the home folder when under it."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def offer_print(
    screen: Screen[Any],
    pdf: Path,
    what: str,
    title: str,
    *,
    printed: Callable[[], Awaitable[object]] | None = None,
) -> None:
    """Ask where and how many for `pdf` (already written); print in the background; say how it went.

    `what` heads the dialog, `title` names the job in the printer's queue; `printed` runs once the print
    service took the job (cards are then remembered as printed).
    """
    app = screen.app
    assert isinstance(app, CentrelogApp)
    shown = shown_path(pdf)

    def answered(order: PrintOrder | None) -> None:
        if order is None:
            _tell(app, screen, _("Nothing was printed. The PDF is saved: {path}").format(path=shown), False)
            return
        _tell(app, screen, _("Printing on {printer}…").format(printer=order.printer), False)
        app.run_worker(_print(app, screen, order, pdf, title, printed), group="printing")

    app.push_screen(PrintDialog(what, shown), answered)


async def _print(
    app: CentrelogApp,
    screen: Screen[Any],
    order: PrintOrder,
    pdf: Path,
    title: str,
    printed: Callable[[], Awaitable[object]] | None,
) -> PrintResult:
    # lp waits on the print service: on a thread of its own, never the writer's (scans go through that one).
    result = await asyncio.to_thread(print_pdf, pdf, order.printer, order.copies, title)
    if result.printed:
        # Remembering the printer is a convenience: a disk that refuses it leaves the print as it went.
        await save(app, lambda _text: None, app.store.registry.set_settings, {LAST_PRINTER: order.printer})
        if printed is not None:
            await printed()
    _tell(app, screen, result.sentence(shown_path(pdf)), not result.printed)
    return result


def _tell(app: CentrelogApp, screen: Screen[Any], text: str, problem: bool) -> None:
    """Say it on the screen (its `say`) while it is stacked, and in a notice unless it is the one showing."""
    if screen in app.screen_stack and hasattr(screen, "say"):
        screen.say(text, problem)
    if screen not in app.screen_stack or app.screen is not screen:
        app.notify(text, title=_("Printing"), severity="error" if problem else "information", timeout=15, markup=False)
