"""Locking a scan screen for the queue at the door, and unlocking it with the instructor's code or the staff PIN."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sessions.door_lock import DoorLock, lock_door, unlock_door
from sessions.i18n import N_, _
from sessions.pin import has_pin
from sessions.registry import EntryError
from tui.app import CentrelogApp

__all__ = ["LockDialog", "UnlockDialog"]


class LockDialog(ModalScreen[DoorLock | None]):
    """Choose what unlocks the screen: a code of the instructor's own, or (left empty) the staff PIN."""

    HELP_TEXT = N_(
        "Locks the check-in or boarding screen for a queue, or for people checking themselves in at the door: "
        "scanning a card and finding a name by typing still work; going home, undoing, removing, ending and "
        "quitting wait until it is unlocked. Type a code of your own (4 to 12 digits) and press Enter; with a "
        "staff PIN set, an empty code means only the PIN unlocks it. Esc leaves the screen unlocked."
    )

    app = getters.app(CentrelogApp)

    CSS_PATH = "door_lock.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        if has_pin(self.app.store.registry):
            how = _("Type a code of 4 to 12 digits to unlock with later, or leave it empty: the staff PIN unlocks it.")
        else:
            how = _("Type a code of 4 to 12 digits to unlock with later.")
        with Vertical():
            yield Static(_("Lock this screen for the queue?"), classes="title")
            yield Static(_("Until it is unlocked, only scanning a card and finding a name work here."))
            yield Static(how)
            yield Input(password=True, placeholder=_("Unlock code"), id="code", restrict=r"\d*", max_length=12)
            yield Static(_("Enter locks, Esc cancels."), classes="hint")
            yield Static(id="lock-problem", classes="problem")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    def code_entered(self, event: Input.Submitted) -> None:
        try:
            lock = lock_door(self.app.store.registry, event.value)
        except EntryError as error:
            self.query_one("#lock-problem", Static).update(error.message)
            return
        self.dismiss(lock)

    def action_cancel(self) -> None:
        self.dismiss(None)


class UnlockDialog(ModalScreen[bool]):
    """The instructor's code or the staff PIN, then Enter; dismisses True when it unlocks."""

    HELP_TEXT = N_(
        "Unlocks the screen: type the code chosen when it was locked, or the staff PIN, and press Enter. "
        "Wrong tries count with the staff PIN's: after a few, it waits a while before trying again. "
        "Esc leaves the screen locked."
    )

    app = getters.app(CentrelogApp)

    CSS_PATH = "door_lock.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, door: DoorLock) -> None:
        super().__init__()
        self.door = door

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Unlock: the instructor's code or the staff PIN, then Enter."), classes="title")
            yield Input(password=True, placeholder=_("Code or PIN"), id="code", restrict=r"\d*", max_length=12)
            yield Static(id="lock-problem", classes="problem")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    async def code_entered(self, event: Input.Submitted) -> None:
        app = self.app
        field = self.query_one("#code", Input)
        store = app.store
        result = await app.write(unlock_door, self.door, store.registry, store.data_dir, field.value, app.clock())
        field.value = ""
        if result.ok:
            self.dismiss(True)
            return
        if result.locked_until is not None:
            text = _("Wrong code. Locked until {time}: wait, then try again.")
            if not result.counted:
                text = _("Still locked until {time}: nothing was checked. Wait, then try again.")
            self.query_one("#lock-problem", Static).update(text.format(time=result.locked_until.strftime("%H:%M:%S")))
        else:
            self.query_one("#lock-problem", Static).update(_("Wrong code. Try again."))

    def action_cancel(self) -> None:
        self.dismiss(False)
