"""Where and how many: the printers of this laptop, the one it printed on last first, and the copies."""

from __future__ import annotations

from dataclasses import dataclass

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static

from exports.printing import LAST_PRINTER, MAX_COPIES, Printers, find_printers, pick_printer
from sessions.i18n import N_, _
from tui.app import CentrelogApp

__all__ = ["PrintDialog", "PrintOrder"]


@dataclass(frozen=True)
class PrintOrder:
    """The printer chosen and the copies asked for."""

    printer: str
    copies: int


class PrintDialog(ModalScreen[PrintOrder | None]):
    """The printers (looked up without holding the screen), the copies; Enter prints, Escape cancels."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "print_dialog.tcss"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        # Where the list and the copies do not take Enter (there is no printer to choose): it closes.
        Binding("enter", "enter", N_("Print"), show=False),
    ]
    HELP_TEXT = N_(
        "Printing. Choose the printer with ↑↓: the one this laptop printed on last is chosen at first. Tab goes to the"
        " number of copies. Enter prints, Esc cancels. The PDF is saved either way, and its place is shown here."
    )
    SCAN_HINT = N_(
        "A card was scanned, but the print dialog is open: nothing was printed. Press Enter to print or Esc to cancel"
        " first; to check people in, go to the home screen and press 1."
    )

    def __init__(self, what: str, saved: str) -> None:
        super().__init__()
        self.what = what
        self.saved = saved
        #: The printers once looked up (None until then).
        self.printers: Printers | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="print-box"):
            yield Static(self.what, id="print-what", classes="title")
            yield Static(_("Saved: {path}").format(path=self.saved), id="print-saved", classes="hint")
            yield Static(_("Looking for printers…"), id="print-status")
            yield Static(_("Enter prints · Esc cancels"), id="print-keys", classes="hint")

    def on_mount(self) -> None:
        # lpstat may wait on a print server elsewhere: never on the app's own thread.
        self.run_worker(self._look_up, thread=True, group="printers")

    def _look_up(self) -> None:
        printers = find_printers()
        self.app.call_from_thread(self.show_printers, printers)

    def show_printers(self, printers: Printers) -> None:
        """Fill the list, the printer used last (else the default) highlighted; or say why there is none."""
        self.printers = printers
        status = self.query_one("#print-status", Static)
        if printers.sentence:
            status.update(printers.sentence)
            status.add_class("error")
            self.query_one("#print-keys", Static).update(_("Enter or Esc closes; the PDF stays saved."))
            return
        status.update("")
        # Mounted only now: a list that is not there yet cannot take the focus, nor Enter.
        listing = OptionList(*printers.names, id="printers")
        chosen = pick_printer(printers, self.app.store.registry.setting(LAST_PRINTER))
        copies = Horizontal(
            Label(_("Copies")),
            Input("1", id="copies", restrict=r"[0-9]*", max_length=2, select_on_focus=True),
            id="print-copies",
        )
        self.query_one("#print-box").mount_all([Label(_("Printer")), listing, copies], before=status)
        listing.highlighted = printers.names.index(chosen) if chosen else 0
        listing.focus()

    @on(OptionList.OptionSelected, "#printers")
    @on(Input.Submitted, "#copies")
    def print_now(self) -> None:
        """Enter: the printer highlighted, the copies typed."""
        if self.printers is None:
            return  # still looking
        if not self.printers.names:
            self.dismiss(None)
            return
        status = self.query_one("#print-status", Static)
        if self.app.burst_just_before():  # the Enter that ended a card's digits is not a person's Enter
            status.update(_("A card was just scanned: press Enter again to print."))
            return
        status.remove_class("error")
        copies = self.query_one("#copies", Input)
        if not copies.value.isdigit() or not 1 <= int(copies.value) <= MAX_COPIES:
            status.update(_("The number of copies is from 1 to {most}.").format(most=MAX_COPIES))
            status.add_class("error")
            copies.focus()
            return
        index = self.query_one("#printers", OptionList).highlighted or 0
        self.dismiss(PrintOrder(self.printers.names[index], int(copies.value)))

    def action_enter(self) -> None:
        if self.printers is not None and not self.printers.names:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
