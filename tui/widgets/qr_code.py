"""A QR code drawn with half blocks, black on white with its quiet zone, whatever the terminal's colours."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from exports.cards import qr_modules

__all__ = ["QrCode"]

DARK = Color.from_rgb(0, 0, 0)
LIGHT = Color.from_rgb(255, 255, 255)
#: The top module is the foreground of an upper half block, the bottom one its background.
UPPER_HALF = "▀"


class QrCode(Widget):
    """A card code's QR symbol; two modules a character cell, stacked."""

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; }
    """

    code: reactive[str] = reactive("", layout=True)

    def __init__(self, code: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(QrCode.code, code)

    @property
    def modules(self) -> tuple[tuple[bool, ...], ...]:
        """The symbol's modules, quiet zone included (True is dark); empty without a code."""
        return qr_modules(self.code) if self.code else ()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.modules)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (len(self.modules) + 1) // 2

    def render_line(self, y: int) -> Strip:
        modules = self.modules
        if 2 * y >= len(modules):
            return Strip.blank(self.size.width)
        top = modules[2 * y]
        # An odd count leaves the last cell's lower half to the quiet zone: white.
        bottom = modules[2 * y + 1] if 2 * y + 1 < len(modules) else (False,) * len(top)
        segments = [
            Segment(UPPER_HALF, Style(color=DARK if up else LIGHT, bgcolor=DARK if down else LIGHT))
            for up, down in zip(top, bottom, strict=True)
        ]
        return Strip(Segment.simplify(segments), len(segments)).crop(0, self.size.width)
