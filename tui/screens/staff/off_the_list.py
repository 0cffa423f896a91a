"""Taking an entry of a staff-edited list off it, or putting it back: asked first, said when it fails."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.screen import Screen

from sessions.i18n import _
from tui.app import CentrelogApp
from tui.saving import notice, save
from tui.screens.dialogs.common import ConfirmDialog

__all__ = ["marked", "off_or_back_on"]


def marked(item: Mapping[str, Any]) -> str:
    """An entry's name, with "off the list" after it once it is taken off."""
    return item["name"] + (" · " + _("off the list") if item.get("archived_at") else "")


def off_or_back_on(screen: Screen[Any], kind: str, item_id: str, done: Callable[[], None]) -> None:
    """Ask, then take the entry off its list, or put it back if it is off; `done` runs once saved."""
    app = screen.app
    assert isinstance(app, CentrelogApp)
    registry = app.store.registry
    item: Mapping[str, Any] = registry.item(kind, item_id) or {}
    back = bool(item.get("archived_at"))
    if back:
        question = _("Put “{name}” back on the list?").format(name=item.get("name", ""))
    else:
        question = _("Take “{name}” off the list? Past records keep it.").format(name=item.get("name", ""))

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        # Refused when another entry has its name by now.
        change = registry.restore_item if back else registry.archive_item
        if await save(app, notice(screen), change, kind, item_id, app.clock()) is not None:
            done()

    def then(yes: bool | None) -> None:
        screen.run_worker(answered(yes))

    app.push_screen(ConfirmDialog(question), then)
