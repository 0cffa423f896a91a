"""Taking an entry of a staff-edited list off it, or putting it back: asked first, said when it fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from sessions.disk import write_problem
from sessions.i18n import _
from sessions.registry import EntryError
from tui.screens.dialogs import ConfirmDialog

__all__ = ["marked", "off_or_back_on"]


def marked(item: dict[str, Any]) -> str:
    """An entry's name, with "off the list" after it once it is taken off."""
    return item["name"] + (" · " + _("off the list") if item.get("archived_at") else "")


def off_or_back_on(screen: Screen[Any], kind: str, item_id: str, done: Callable[[], None]) -> None:
    """Ask, then take the entry off its list, or put it back if it is off; `done` runs once saved."""
    app: Any = screen.app
    registry = app.store.registry
    item = registry.item(kind, item_id) or {}
    back = bool(item.get("archived_at"))
    if back:
        question = _("Put “{name}” back on the list?").format(name=item.get("name", ""))
    else:
        question = _("Take “{name}” off the list? Past records keep it.").format(name=item.get("name", ""))

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            if back:
                await app.write(registry.restore_item, kind, item_id, app.clock())
            else:
                await app.write(registry.archive_item, kind, item_id, app.clock())
        except EntryError as error:  # another entry has its name by now
            screen.notify(error.message, severity="error")
            return
        except OSError as error:
            screen.notify(_("Not saved: {reason}.").format(reason=write_problem(error)), severity="error")
            return
        done()

    app.push_screen(ConfirmDialog(question), lambda yes: screen.run_worker(answered(yes)))
