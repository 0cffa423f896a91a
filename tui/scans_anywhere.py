"""A card scanned away from the scan input: answered where it can be, else told what to do.

The app recognises a scanner's burst on every screen (tui/burst.py) and hands
its text here. A check-in or boarding screen anywhere in the stack answers
it, as if scanned into its input; with none, the one session or trip open on
this laptop does; otherwise the person hears what to do. Nothing on the screen
that was showing (a dialog, a form, a list) is touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel

from sessions.attendance import OpenSession, open_sessions
from sessions.boarding import board
from sessions.checkin import Colour, ScanResult, check_in
from sessions.i18n import N_, _
from sessions.trips import OpenTrip, open_trips
from tui.answers import sentence
from tui.trip_answers import boarding_sentence

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["SCAN_HINT", "answer_anywhere", "notify_answer"]

#: What to do when a card is scanned and nothing on this laptop can take it (a screen may say better:
#: its own `SCAN_HINT`).
SCAN_HINT = N_(
    "A card was scanned, but no session or trip is open on this laptop. "
    "To check people in, go to the home screen (Esc) and press 1; for a minibus trip, 2."
)
_MANY_OPEN = N_(
    "A card was scanned, but more than one session or trip is open on this laptop. "
    "Open the one it is for (home screen: 1 or 2) and scan it again."
)
_SEVERITY: dict[Colour, SeverityLevel] = {Colour.GREEN: "information", Colour.YELLOW: "warning", Colour.RED: "error"}


async def answer_anywhere(app: CentrelogApp, text: str) -> None:
    """Answer the scanned `text` without touching the screen that is showing."""
    from tui.screens.scan_screen import ScanScreen

    scan_screen = next((s for s in reversed(app.screen_stack) if isinstance(s, ScanScreen)), None)
    if scan_screen is not None:
        await scan_screen.scanned_elsewhere(text)
        return
    work: list[OpenSession | OpenTrip] = [*open_sessions(app.store), *open_trips(app.store)]
    if len(work) == 1:
        await _answer_in(app, work[0], text)
        return
    app.bell()
    hint = _MANY_OPEN if work else _screen_hint(app)
    app.notify(_(hint), title=_("Card scanned"), severity="warning", timeout=8, markup=False)


def notify_answer(app: CentrelogApp, title: str, result: ScanResult, text: str) -> None:
    """Say a scan's answer in a notice over whatever is showing, in the answer's colour."""
    app.notify(text, title=title, severity=_SEVERITY[result.colour], timeout=6, markup=False)


async def _answer_in(app: CentrelogApp, work: OpenSession | OpenTrip, text: str) -> None:
    """Check in (or board) on the one session (or trip) open here, with no screen of its own showing."""
    registry = app.store.registry
    if isinstance(work, OpenSession):
        result = await app.write(check_in, work, registry, text, app.clock())
        title, words = work.record["activity"], sentence(result)
    else:
        result = await app.write(board, work, registry, text, app.clock())
        title = _("Trip to {destination}").format(destination=work.record["destination"])
        words = boarding_sentence(result, work)
    if result.colour is Colour.RED:
        app.bell()
    notify_answer(app, title, result, words)


def _screen_hint(app: CentrelogApp) -> str:
    """The hint of the screen showing, else the app's (a dialog over the home screen is not the home screen)."""
    hint = getattr(app.screen, "SCAN_HINT", None)
    return hint if isinstance(hint, str) else SCAN_HINT
