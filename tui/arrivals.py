"""Files from other laptops noticed while the app runs: the look every few seconds, and the message screens handle."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.message import Message

from sessions.arrivals import Arrived, look_around
from sessions.codes import format_code
from sessions.i18n import _
from sessions.laptops import other_centre_sentence
from sessions.storage.durable import DamagedFile
from tui.damaged import damaged_sentence

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["LOOK_EVERY_S", "DataArrived", "look_now"]

#: Seconds between looks at the data folder for what other laptops' files brought.
LOOK_EVERY_S = 3.0


class DataArrived(Message, bubble=False):
    """Other laptops' files brought something: a screen that lists it reads again."""

    def __init__(self, arrived: Arrived) -> None:
        super().__init__()
        self.arrived = arrived

    @property
    def logs(self) -> bool:
        """Week files came or changed (sessions, check-ins, trips, boardings)."""
        return bool(self.arrived.logs or self.arrived.absorbed)

    @property
    def registry(self) -> bool:
        """The registry changed (people, cards, lists, settings)."""
        return self.arrived.registry


async def erase_arrived_here(app: CentrelogApp) -> None:
    """Carry out the erasures another laptop made, in this laptop's files (registry, exports), and say so."""
    from exports.erasure import erase_arrived_everywhere

    try:
        done = await app.write(erase_arrived_everywhere, app.store, app.clock())
    except OSError:
        return  # a full disk: tried again at the next look (the people wait in erased_elsewhere)
    for erasure in done:
        app.notify(
            _(
                "A person erased on another laptop was erased here too ({anonymous}); {files} exported files changed."
            ).format(anonymous=erasure.anonymous, files=len(erasure.removed) + len(erasure.rewritten)),
            timeout=30,
        )


async def look_now(app: CentrelogApp) -> Arrived | None:
    """One look; then tell the screens.

    The week files are stat-ed on a thread of their own (a thousand files take
    milliseconds, which a scan waiting behind them on the writer thread would
    feel); the registry merge and the folding in of own copies then run on the
    writer thread, in line with the scans. While a check-in or boarding screen
    is open the screens below it are not told: they read again when they are
    shown, and nothing is redrawn between a scanner's cards.
    """
    from tui.screens.scan_screen import ScanScreen

    try:
        changed = await asyncio.to_thread(app.log_watch.changed)
        read = await asyncio.to_thread(app.store.registry.storage.read_changed)  # parsed here, merged in line
        arrived = await app.write(look_around, app.store, changed, app.clock(), read)
    except DamagedFile as error:
        if error.path not in app.damage_told:  # said once, not every few seconds
            app.damage_told.add(error.path)
            app.notify(damaged_sentence(error), severity="error", timeout=30)
        return None
    except (OSError, RuntimeError):
        return None  # a folder that cannot be read now is looked at again next time; or the app is closing
    if app.store.registry.erased_elsewhere:
        await erase_arrived_here(app)
    for path in app.store.registry.other_centre:
        if path not in app.damage_told:  # said once, not every few seconds; the Laptops screen keeps it
            app.damage_told.add(path)
            app.notify(other_centre_sentence(path), severity="error", timeout=60)
    for person, _lost, code in arrived.refreshed.reissued:
        app.notify(
            _(
                "Another laptop gave the same card code to someone else at the same time. "
                "The new code for {name}: {code}. Print a new card."
            ).format(name=person.full_name, code=format_code(code)),
            severity="warning",
            timeout=60,
        )
    if arrived.anything and not any(isinstance(screen, ScanScreen) for screen in app.screen_stack):
        for screen in app.screen_stack:
            screen.post_message(DataArrived(arrived))
    return arrived
