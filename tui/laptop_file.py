"""The app writes this laptop's devices file at start and every quarter hour, and says what it found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessions.devices import publish

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["publish_laptop"]


async def publish_laptop(app: CentrelogApp) -> None:
    """Write `devices/<me>.json` on the writer thread; a copied folder or a copied disk is said at once."""
    try:
        found = await app.write(publish, app.store, app.clock())
    except OSError:
        return  # a full disk is said by the writes that matter; this file is written again in a quarter hour
    for finding in found:
        app.notify(finding.sentence(app.clock()), severity="warning", timeout=60)
