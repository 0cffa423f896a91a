"""Pick a check-in or a boarding to remove; it is kept in the log as voided."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sessions.clock import from_iso
from sessions.i18n import N_, _, format_time
from sessions.kinds import BoardingRecord, CheckinRecord
from sessions.names import told_apart
from sessions.registry import Registry

__all__ = ["RemoveDialog", "removal_entries"]


def removal_entries(records: Sequence[CheckinRecord | BoardingRecord], registry: Registry) -> list[tuple[str, str]]:
    """Check-ins or boardings, newest first, as "09:05  Ilze O."; two alike names are told apart."""
    newest_first = list(reversed(records))
    people = [registry.participant(record["participant_id"]) for record in newest_first]
    labels = told_apart([(p.short_name, p.code) if p else ("?", None) for p in people])
    return [
        (record["id"], f"{format_time(from_iso(record['at']))}  {label}")
        for record, label in zip(newest_first, labels, strict=True)
    ]


class RemoveDialog(ModalScreen[str | None]):
    """The people checked in or aboard, newest first; Enter chooses one, and a question asks before removing."""

    CSS_PATH = "remove_dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "Choose whom to remove with ↑↓ and press Enter, then Y to confirm: it stays in the log, marked as removed."
        " Esc removes nobody."
    )

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Remove whom? ↑↓ to choose, Enter to remove, Esc to cancel."))
            yield OptionList(*[Option(label, id=checkin_id) for checkin_id, label in self.entries])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tui.screens.dialogs.common import ConfirmDialog

        chosen = event.option.id
        time, _gap, name = dict(self.entries).get(chosen or "", "").partition("  ")
        question = _("Remove {name} ({time})? It stays in the log, marked as removed.").format(name=name, time=time)
        self.app.push_screen(ConfirmDialog(question), partial(self.confirmed, chosen))

    def confirmed(self, chosen: str | None, yes: bool | None) -> None:
        if yes:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
