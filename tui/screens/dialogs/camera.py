"""F9 on a scan screen: which camera reads cards there, or Off; a video file or a stream address may be typed."""

from __future__ import annotations

from dataclasses import dataclass

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _
from tui.app import CentrelogApp
from tui.camera.reader import list_cameras
from tui.camera.source import CameraSource, missing_opencv

__all__ = ["CameraChoice", "CameraDialog"]

_OFF = "off"


@dataclass(frozen=True)
class CameraChoice:
    """The camera chosen for the screen; None: Off."""

    source: CameraSource | None


class CameraDialog(ModalScreen[CameraChoice | None]):
    """The cameras that open (looked for on a thread), Off, and a line for a file or an address."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "camera_dialog.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "The laptop's camera can read cards on this screen, beside the scanner. Choose a camera with ↑↓ and press"
        " Enter, or Off to turn it off. A video file or a stream address (rtsp://… or http://…, a network camera)"
        " can be typed instead: Tab goes to the line, Enter takes it. This laptop remembers the camera, and whether"
        " it is on for this screen. Esc leaves everything as it was."
    )

    def __init__(self, remembered: CameraSource | None, *, on: bool) -> None:
        """`remembered`: this laptop's camera (None before one was chosen); `on`: whether it is on now."""
        super().__init__()
        self.remembered = remembered
        self.on = on
        #: What each line of the list stands for, in order (None: Off).
        self.sources: list[CameraSource | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="camera-box"):
            yield Static(_("Camera on this screen"), classes="title")
            yield Static(_("Looking for cameras…"), id="camera-status", markup=False)
            yield Input(placeholder=_("…or a video file or a stream address"), id="camera-address")
            yield Static(_("Enter takes · Tab: the file or address · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        # Opening each camera to see whether it answers takes a while: never on the app's own thread.
        self.run_worker(self._look_for_cameras, thread=True, group="cameras")

    def _look_for_cameras(self) -> None:
        in_use = self.remembered.number if self.remembered is not None and self.on else None
        self.app.call_from_thread(self.show_cameras, list_cameras(in_use))

    def show_cameras(self, numbers: list[int] | None) -> None:
        """The list: Off, each camera that opened, the file or address chosen before; or why there is none
        (`numbers` None: OpenCV is not installed)."""
        status = self.query_one("#camera-status", Static)
        if numbers is None:
            status.update(missing_opencv())
            status.add_class("error")
            self.query_one("#camera-address").display = False
            return
        self.sources = [None, *(CameraSource(str(n)) for n in numbers)]
        if self.remembered is not None and self.remembered.number is None:
            self.sources.append(self.remembered)
        status.update("" if numbers else _("No camera answered on this laptop: type a video file or a stream address."))
        listing = OptionList(*(Option(self._label(source)) for source in self.sources), id="cameras")
        self.query_one("#camera-box").mount(listing, before=status)
        listing.highlighted = self._first_choice()
        if not self.query_one("#camera-address", Input).value:  # a file's name being typed keeps its line
            listing.focus()

    def _label(self, source: CameraSource | None) -> str:
        if source is None:
            return _("Off: the scanner only")
        if source == self.remembered and self.on:
            return _("{camera} (on now)").format(camera=source.name())
        return source.name()

    def _first_choice(self) -> int:
        """Off while the camera is on (F9, Enter turns it off); else the camera of last time, else the first found."""
        if self.on:
            return 0
        texts = [s.text.strip() if s else None for s in self.sources]
        if self.remembered is not None and self.remembered.text.strip() in texts:
            return texts.index(self.remembered.text.strip())
        return 1 if len(self.sources) > 1 else 0

    @on(OptionList.OptionSelected, "#cameras")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if self._scanned_just_before():
            return
        self.dismiss(CameraChoice(self.sources[event.option_index]))

    @on(Input.Submitted, "#camera-address")
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self._scanned_just_before():
            return
        self.dismiss(CameraChoice(CameraSource(text)))

    def _scanned_just_before(self) -> bool:
        """The Enter that ended a card's digits is not a person's Enter."""
        if not self.app.burst_just_before():
            return False
        status = self.query_one("#camera-status", Static)
        status.update(_("A card was just scanned: press Enter again to choose."))
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)
