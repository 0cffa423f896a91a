"""The audit trail for staff: who changed what, when, from what to what."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header

from sessions.audit import AuditLine, audit_trail
from sessions.clock import from_iso
from sessions.i18n import N_, _, format_datetime
from tui.widgets.footer import Footer

__all__ = ["AuditScreen"]

SHOWN = 2000


def _values(values: Any) -> str:
    if not isinstance(values, dict):
        return "" if values is None else str(values)
    return ", ".join(f"{k}={'' if v is None else v}" for k, v in values.items())


class AuditScreen(Screen[None]):
    """Newest first; registry changes, voids and corrections."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]
    DEFAULT_CSS = "AuditScreen DataTable { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="audit", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#audit", DataTable)
        table.add_columns(_("When"), _("Who"), _("What"), _("Of"), _("Before"), _("After"))
        store = self.app.store  # type: ignore[attr-defined]
        for line in audit_trail(store)[:SHOWN]:
            table.add_row(
                format_datetime(from_iso(line.created)),
                line.who,
                line.action,
                self.label(store, line),
                _values(line.before),
                _values(line.after),
            )
        table.focus()

    @staticmethod
    def label(store: Any, line: AuditLine) -> str:
        """A person's or an item's name in place of its id, where the registry has it."""
        kind, _sep, ident = line.target.partition(":")
        if kind == "participants":
            person = store.registry.participant(ident)
            return person.full_name if person else ident[:8]
        if kind in ("activities", "places", "staff", "vehicles"):
            item = store.registry.item(kind, ident)
            return str(item["name"]) if item else ident[:8]
        return line.target if kind == "settings" else f"{kind}:{ident[:8]}"
