"""The camera on the check-in and boarding screens: F9 chooses it, its box shows what it sees, a card it reads scans.

Which camera is this laptop's choice (`camera_source`), and whether it is on
is each screen's (`camera_on_checkin`, `camera_on_boarding`): local settings,
never shared with the other laptops.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import getters, on
from textual.binding import Binding
from textual.screen import Screen

from sessions.i18n import N_
from tui.app import CentrelogApp
from tui.camera.source import CAMERA_SOURCE, CameraSource, camera_on_setting
from tui.camera.view import CameraView
from tui.saving import save
from tui.screens.dialogs.camera import CameraChoice
from tui.widgets.answer import Answer

if TYPE_CHECKING:
    from tui.widgets.scan_input import ScanInput

__all__ = ["CameraScreen"]

#: Seconds after an answer or a key during which the preview is not painted.
QUIET_AFTER_S = 0.2


class CameraScreen(Screen[None]):
    """A screen that can read cards with the laptop's camera as well as with the scanner."""

    app = getters.app(CentrelogApp)

    #: The screen's name in its local setting, camera_on_<name>.
    CAMERA_SCREEN: ClassVar[str] = ""
    CAMERA_BINDING = Binding("f9", "camera", N_("Camera"))
    #: Said in F1's help after the screen's own paragraph.
    CAMERA_HELP = N_(
        "F9 turns the laptop's camera on or off for this screen (and chooses which camera): then a card held up to"
        " the camera is answered as if scanned, and logged as read by the camera. Hold the card still, its code"
        " towards the camera, 30 to 50 cm away, until the answer shows: a card held up is one scan; take it away and"
        " show it again for a second. The box shows what the camera sees; its frame takes the colour of the answer."
    )
    HELP_EXTRA: ClassVar[tuple[str, ...]] = (CAMERA_HELP,)

    _quiet_since = 0.0

    # on and off ---------------------------------------------------------------

    def camera_on_mount(self) -> None:
        """Turn the camera on if this laptop had it on for this screen."""
        registry = self.app.store.registry
        source = registry.setting(CAMERA_SOURCE)
        if source and registry.setting(camera_on_setting(self.CAMERA_SCREEN)):
            self.show_camera(CameraSource(str(source)))

    _camera: CameraView | None = None
    #: The scan input, found when the camera is turned on: its keys hold the camera's decoding back.
    _scan_input: ScanInput | None = None

    def camera(self) -> CameraView | None:
        """The camera's box, while the camera is on."""
        return self._camera

    def show_camera(self, source: CameraSource) -> None:
        """Start reading `source`, in place of any camera before it."""
        from tui.widgets.scan_input import ScanInput

        self.hide_camera()
        self._scan_input = self.query_one("#scan", ScanInput)
        self._camera = CameraView(source, self.busy_scanning)
        self._scan_input.key_came = self.camera_quiet
        self.query_one("#lists").mount(self._camera)

    def hide_camera(self) -> None:
        """Stop the camera and take its box away."""
        view, self._camera = self._camera, None
        if self._scan_input is not None:
            self._scan_input.key_came = None
        if view is not None:
            view.stop()
            view.remove()

    def action_camera(self) -> None:
        """F9: choose the camera for this screen, or Off."""
        from tui.screens.dialogs.camera import CameraDialog

        registry = self.app.store.registry
        remembered = registry.setting(CAMERA_SOURCE)
        view = self.camera()
        running = view is not None and view.problem is None
        self.app.push_screen(
            CameraDialog(CameraSource(str(remembered)) if remembered else None, on=running), self.camera_chosen
        )

    async def camera_chosen(self, choice: CameraChoice | None) -> None:
        """The dialog's answer: a camera to turn on, Off, or nothing to change (Esc)."""
        if choice is None:
            return
        setting = camera_on_setting(self.CAMERA_SCREEN)
        values: dict[str, object] = {setting: choice.source is not None}
        if choice.source is None:
            self.hide_camera()
        else:
            self.show_camera(choice.source)
            values[CAMERA_SOURCE] = choice.source.text.strip()
        answer = self.query_one(Answer)
        await save(self.app, lambda text: answer.show("red", text), self.app.store.registry.set_settings, values)

    # cards and answers ----------------------------------------------------------

    @on(CameraView.CardSeen)
    async def camera_saw(self, message: CameraView.CardSeen) -> None:
        message.stop()
        await self.camera_card(message.code)

    async def camera_card(self, code: str) -> None:
        """A card the camera read: answered as a scan (each scan screen says how)."""
        raise NotImplementedError

    @on(CameraView.Stopped)
    def camera_stopped(self, message: CameraView.Stopped) -> None:
        """Said in the big line too, unless it shows an answer a person still needs."""
        answer = self.query_one(Answer)
        if answer.colour in ("", "idle"):
            answer.show("idle", message.sentence)

    def camera_answered(self, colour: str) -> None:
        """An answer was just shown: the preview waits a moment, and the camera's frame takes its colour."""
        self.camera_quiet()
        view = self.camera()
        if view is not None:
            view.answered(colour)

    def camera_quiet(self) -> None:
        """A scan is coming in or being answered: no preview paint, and no frame decoded, for a moment."""
        self._quiet_since = time.monotonic()
        if self._camera is not None:
            self._camera.quiet(QUIET_AFTER_S)

    def busy_scanning(self) -> bool:
        """Whether a scan was answered, or a key came, within the last moment."""
        return time.monotonic() - self._quiet_since < QUIET_AFTER_S
