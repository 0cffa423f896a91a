"""The staff PIN prompt: asks for the PIN, or has a new one chosen (typed twice)."""

from __future__ import annotations

from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sessions.backup_pin import new_pin_refused
from sessions.i18n import N_, _
from sessions.pin import PIN_SETTING, check_stored, has_pin, set_pin
from sessions.registry import EntryError
from tui.app import CentrelogApp
from tui.saving import save

__all__ = ["PinDialog"]


class PinDialog(ModalScreen[bool]):
    """Dismisses True when the PIN is right (or a new one was set), False on Escape."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "pin.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "The staff PIN guards personal data: type it and press Enter. After wrong tries it locks for a while; wait,"
        " then try again. A new PIN is typed twice. Esc goes back."
    )

    def __init__(self, *, choose_new: bool = False, against: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.choose_new = choose_new
        #: The PIN hash to check against when not the registry's (a backup's, before a restore).
        self.against = against

    def compose(self) -> ComposeResult:
        setting = self.against is None and (self.choose_new or not has_pin(self.app.store.registry))
        self.setting = setting
        refused = new_pin_refused(self.app.store) if setting else None
        with Vertical():
            if refused:
                yield Static(refused, id="pin-refused", classes="title")
                self.setting = False
            elif setting:
                yield Static(_("Choose the staff PIN (4 to 12 digits). It guards personal data."), classes="title")
                yield Input(password=True, placeholder=_("New PIN"), id="pin", restrict=r"\d*", max_length=12)
                yield Input(
                    password=True, placeholder=_("The same PIN again"), id="repeat", restrict=r"\d*", max_length=12
                )
            else:
                yield Static(_("Staff PIN, then Enter"), classes="title")
                yield Input(password=True, placeholder=_("PIN"), id="pin", restrict=r"\d*", max_length=12)
            yield Static(id="pin-problem")

    def on_mount(self) -> None:
        for field in self.query("#pin").results(Input):
            field.focus()

    def problem(self, text: str) -> None:
        self.query_one("#pin-problem", Static).update(text)

    @on(Input.Submitted, "#pin")
    async def pin_entered(self) -> None:
        if self.setting:
            self.query_one("#repeat", Input).focus()
            return
        app = self.app
        field = self.query_one("#pin", Input)
        stored = self.against if self.against is not None else self.app.store.registry.setting(PIN_SETTING)
        result = await app.write(check_stored, stored, self.app.store.data_dir, field.value, app.clock())
        field.value = ""
        if result.ok:
            self.dismiss(True)
        elif result.locked_until is not None and not result.counted:
            self.problem(
                _("Still locked until {time}: nothing was checked. Wait, then try again.").format(
                    time=result.locked_until.strftime("%H:%M:%S")
                )
            )
        elif result.locked_until is not None:
            self.problem(
                _("Wrong PIN. Locked until {time}: wait, then try again.").format(
                    time=result.locked_until.strftime("%H:%M:%S")
                )
            )
        else:
            self.problem(_("Wrong PIN. Try again."))

    @on(Input.Submitted, "#repeat")
    async def new_pin_entered(self) -> None:
        app = self.app
        pin, repeat = self.query_one("#pin", Input), self.query_one("#repeat", Input)
        refused_now = new_pin_refused(self.app.store)  # a backup may have appeared since the dialog opened
        if refused_now:
            self.problem(refused_now)
            return

        def refused(error: EntryError) -> None:
            self.problem(error.message)
            pin.value = repeat.value = ""
            pin.focus()

        if await save(app, self.problem, set_pin, app.store.registry, pin.value, repeat.value, refused=refused) is None:
            return
        self.app.notify(_("The staff PIN is set."))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
