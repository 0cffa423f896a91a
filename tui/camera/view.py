"""The camera's box on a scan screen: what the camera sees, small, in half-blocks; a frame coloured by the answer.

The camera's reader (tui/camera/reader.py, its frames read in a process of
its own) posts what it finds here as messages: a card that came into view goes on to the screen, which answers it
as it answers a USB scan; a preview picture is only kept, and painted by a
slow timer when no scan is being answered, so the preview never delays an answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from sessions.i18n import _
from tui.camera.reader import CameraReader
from tui.camera.source import CameraSource, still_working

__all__ = ["PAINT_EVERY_S", "CameraPicture", "CameraView"]

#: Seconds between two paints of the preview: a few a second are enough to aim a card.
PAINT_EVERY_S = 0.3
#: Seconds the frame keeps the colour of an answer.
ANSWER_SHOWN_S = 2.0
#: The picture inside its frame, in cells (two pixels a cell, one above the other): 16:9 at square pixels.
PICTURE_CELLS = (24, 7)
#: Grey levels the preview is drawn in (fewer levels: fewer styles, runs of cells merged into one).
_LEVELS = 32
_UPPER_HALF = "▀"

#: The reader last started: a new one waits for it to let go of the camera first.
_last_reader: CameraReader | None = None


@cache
def _half_block(top: int, bottom: int) -> Style:
    """The style of one cell: its upper pixel as the character's colour, its lower as the background."""
    top_grey, bottom_grey = (round(level * 255 / (_LEVELS - 1)) for level in (top, bottom))
    return Style(
        color=Color.from_rgb(top_grey, top_grey, top_grey),
        bgcolor=Color.from_rgb(bottom_grey, bottom_grey, bottom_grey),
    )


class CameraPicture(Widget):
    """The preview in a frame of its own; the frame's top line names the camera, its colour is the last answer's."""

    DEFAULT_CSS = f"""
    CameraPicture {{ width: {PICTURE_CELLS[0] + 2}; height: {PICTURE_CELLS[1] + 2}; }}
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"camera--frame", "camera--green", "camera--yellow", "camera--red"}

    def __init__(self, title: str, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.title = title
        #: The picture: one byte a pixel, rows of `PICTURE_CELLS[0]`, two rows a line of cells.
        self.pixels = b""
        #: The colour of the last answer, while it shows ("" otherwise).
        self.colour = ""

    def show(self, pixels: bytes) -> None:
        """Paint a new picture (a repaint of this widget only)."""
        self.pixels = pixels
        self.refresh()

    def frame_colour(self, colour: str) -> None:
        """Colour the frame as an answer (green, yellow, red) or plain ("")."""
        if colour != self.colour:
            self.colour = colour
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = PICTURE_CELLS
        frame = self.get_component_rich_style(f"camera--{self.colour}" if self.colour else "camera--frame")
        if y == 0:
            title = f" {self.title} "[: width - 1]
            return Strip(
                [Segment("╭─", frame), Segment(title, frame), Segment("─" * (width - 1 - len(title)) + "╮", frame)]
            )
        if y == height + 1:
            return Strip([Segment("╰" + "─" * width + "╯", frame)])
        if y > height + 1:
            return Strip.blank(self.size.width)
        return Strip([Segment("│", frame), *self._cells(y - 1), Segment("│", frame)])

    def _cells(self, row: int) -> list[Segment]:
        width = PICTURE_CELLS[0]
        top = self.pixels[2 * row * width : (2 * row + 1) * width]
        bottom = self.pixels[(2 * row + 1) * width : (2 * row + 2) * width]
        if len(top) < width or len(bottom) < width:
            return [Segment(" " * width)]
        segments: list[Segment] = []
        style, run = None, 0
        for upper, lower in zip(top, bottom, strict=True):
            cell = _half_block(upper * _LEVELS // 256, lower * _LEVELS // 256)
            if cell is style:
                run += 1
                continue
            if style is not None:
                segments.append(Segment(_UPPER_HALF * run, style))
            style, run = cell, 1
        segments.append(Segment(_UPPER_HALF * run, style))
        return segments


class CameraView(Vertical):
    """The camera's box: its preview, and a line on what it is doing; it starts and stops the reading thread."""

    DEFAULT_CSS = f"""
    CameraView {{ width: {PICTURE_CELLS[0] + 2}; height: 1fr; }}
    CameraView .camera--frame {{ color: $primary-lighten-2; }}
    CameraView .camera--green {{ color: $success; text-style: bold; }}
    CameraView .camera--yellow {{ color: $warning; text-style: bold; }}
    CameraView .camera--red {{ color: $error; text-style: bold; }}
    CameraView #camera-said {{ height: 1fr; padding: 0 1; color: $text-muted; }}
    CameraView.-stopped #camera-said {{ color: $text; }}
    """

    @dataclass
    class CardSeen(Message):
        """A card came into the camera's view: answer it as a scan."""

        code: str

    @dataclass
    class Picture(Message, bubble=False):
        """A new preview picture from the reading thread."""

        pixels: bytes

    @dataclass
    class Stopped(Message):
        """The camera did not open, or stopped giving pictures: why."""

        sentence: str

    def __init__(self, source: CameraSource, busy: Callable[[], bool], **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.source = source
        #: Whether a scan is being answered now: the preview waits.
        self.busy = busy
        self.reader: CameraReader | None = None
        #: What stopped the camera, once it has.
        self.problem: str | None = None
        self._waiting: bytes | None = None
        self._answered_at = 0.0

    def compose(self) -> ComposeResult:
        yield CameraPicture(self.source.name(), id="camera-picture")
        yield Static(_("Hold a card up to the camera, its code towards it."), id="camera-said", markup=False)

    def on_mount(self) -> None:
        global _last_reader
        width, height = PICTURE_CELLS
        self.reader = CameraReader(
            self.source,
            card=lambda code: self.post_message(self.CardSeen(code)),
            picture=lambda pixels, _w, _h: self.post_message(self.Picture(pixels)),
            stopped=lambda sentence: self.post_message(self.Stopped(sentence)),
            preview=(width, 2 * height),
            after=_last_reader,
        )
        _last_reader = self.reader
        self.reader.start()
        self.set_interval(PAINT_EVERY_S, self._paint)

    def on_unmount(self) -> None:
        if self.reader is not None:
            self.reader.stop(wait=0)

    def stop(self) -> None:
        """Stop the camera (the thread lets go of it on its own, without holding up the screen)."""
        if self.reader is not None:
            self.reader.stop(wait=0)

    def quiet(self, seconds: float) -> None:
        """A scanner's card is being answered: the camera decodes nothing for `seconds`."""
        if self.reader is not None:
            self.reader.quiet(time.monotonic() + seconds)

    def on_camera_view_picture(self, message: Picture) -> None:
        self._waiting = message.pixels

    def on_camera_view_stopped(self, message: Stopped) -> None:
        self.problem = message.sentence
        self.add_class("-stopped")
        said = self.query_one("#camera-said", Static)
        said.update(f"{message.sentence} {still_working()}", layout=False)

    def _paint(self) -> None:
        picture = self.query_one(CameraPicture)
        if picture.colour and time.monotonic() - self._answered_at > ANSWER_SHOWN_S:
            picture.frame_colour("")
        if self._waiting is None or self.busy():
            return
        pixels, self._waiting = self._waiting, None
        picture.show(pixels)

    def answered(self, colour: str) -> None:
        """A scan was answered (by card, camera or name): the frame takes the answer's colour for a while."""
        self._answered_at = time.monotonic()
        self.query_one(CameraPicture).frame_colour(colour if colour in ("green", "yellow", "red") else "")
