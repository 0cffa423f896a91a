"""Participant cards: the QR code of a card code, a printable A4 sheet, one card as PNG or SVG."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import qrcode
import qrcode.image.svg
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from exports.fonts import font_path
from sessions.codes import format_code
from sessions.i18n import _
from sessions.registry import Participant, Registry
from sessions.storage.durable import atomic_write_bytes

__all__ = [
    "CARD_SIZE_MM",
    "CardFace",
    "card_faces",
    "cards_dir",
    "default_sheet_path",
    "qr_modules",
    "safe_file_name",
    "write_card_files",
    "write_card_image",
    "write_card_sheet",
]

CARD_SIZE_MM = (85.6, 54.0)
#: Quiet zone around the symbol, in modules (the standard asks for four).
QUIET_ZONE = 4
#: The symbol with its quiet zone: a square down the card's left side, under the centre's name.
QR_AT_MM = (1.5, 5.5)
QR_BOX_MM = 47.0
#: One module on paper: a card code is a version 1 symbol (21 modules), 29 with the quiet zone, so 1.62 mm.
#: A laptop's camera reads it at arm's length only so large (docs/benchmarks.md, "Cards through the camera"):
#: at 1.3 mm (the cards before the camera) a card 50 cm away in soft focus was never read.
MODULE_MM = QR_BOX_MM / (21 + 2 * QUIET_ZONE)
#: The name and the digits, in the column right of the symbol.
TEXT_X_MM = QR_AT_MM[0] + QR_BOX_MM + 0.5
MARGIN_MM = 2.5
COLUMNS, ROWS = 2, 5
A4_MM = (210.0, 297.0)
CUT_MARK_MM = (2.0, 9.0)
PNG_DPI = 300
_PT_MM = 25.4 / 72


@dataclass(frozen=True, slots=True)
class CardFace:
    """What one card shows."""

    centre: str
    name: str
    code: str


def cards_dir(data_dir: Path) -> Path:
    """Where card files go by default: the data folder's exports/cards."""
    return Path(data_dir) / "exports" / "cards"


def default_sheet_path(data_dir: Path, label: str, when: datetime) -> Path:
    """A new file name for a card sheet under exports/cards, such as import-2026-11-23-0930.pdf."""
    return cards_dir(data_dir) / f"{label}-{when:%Y-%m-%d-%H%M%S}.pdf"


def card_faces(registry: Registry, people: Sequence[Participant]) -> list[CardFace]:
    """The faces of the current cards of `people` (those without a code are left out)."""
    centre = str(registry.setting("centre_name", "") or "")
    return [CardFace(centre, p.full_name, p.code) for p in people if p.code]


def _qr(code: str, box_size: int = 10) -> qrcode.QRCode:
    """The QR symbol of a card code: numeric mode, a full quiet zone, error correction H.

    H (30 % of the symbol may be lost) costs a card code nothing: ten digits fit
    version 1 at H as at Q. A camera's blur, noise and glare spoil modules that a
    scanner's laser never does, and H reads more of those frames.
    """
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H, border=QUIET_ZONE, box_size=box_size)
    qr.add_data(qrcode.util.QRData(code, mode=qrcode.util.MODE_NUMBER))
    qr.make(fit=True)
    return qr


@cache
def qr_modules(code: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of a code's QR symbol, quiet zone included; True is dark."""
    return tuple(tuple(row) for row in _qr(code).get_matrix())


def _runs(row: Sequence[bool]) -> list[tuple[int, int]]:
    """Dark stretches of a row as (start, length), so one rectangle draws each."""
    runs, start = [], None
    for x, dark in enumerate([*row, False]):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            runs.append((start, x - start))
            start = None
    return runs


@cache
def _measure_font(bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path("Bold" if bold else "Regular")), 100)


def _width_mm(text: str, size_pt: float, bold: bool) -> float:
    return _measure_font(bold).getlength(text) / 100 * size_pt * _PT_MM


def _wrap(text: str, size_pt: float, width_mm: float, bold: bool) -> list[str]:
    """Lines of at most `width_mm`, broken between words or after a hyphen."""
    lines: list[str] = []
    for word in text.split():
        for index, part in enumerate(re.split(r"(?<=-)(?=.)", word)):
            glue = "" if index else " "
            if lines and _width_mm(f"{lines[-1]}{glue}{part}", size_pt, bold) <= width_mm:
                lines[-1] = f"{lines[-1]}{glue}{part}"
            else:
                lines.append(part)
    return lines


def _cut(line: str, size_pt: float, width_mm: float, bold: bool) -> list[str]:
    """A line too long for any break, cut between letters."""
    pieces = [""]
    for char in line:
        if pieces[-1] and _width_mm(pieces[-1] + char, size_pt, bold) > width_mm:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _name_lines(name: str, width_mm: float) -> tuple[float, list[str]]:
    """The largest size (14 pt down to 8) at which the name fits in three lines."""
    for size in (14, 13, 12, 11, 10, 9, 8):
        lines = _wrap(name, size, width_mm, True)
        if len(lines) <= 3 and all(_width_mm(line, size, True) <= width_mm for line in lines):
            return size, lines
    lines = [piece for line in _wrap(name, 8, width_mm, True) for piece in _cut(line, 8, width_mm, True)]
    return 8, lines[:4]


@dataclass(frozen=True, slots=True)
class _Layout:
    """Positions in mm from the card's top-left corner, and sizes in points, shared by PDF, PNG and SVG."""

    centre: tuple[float, float, float]
    qr: tuple[float, float, float]
    digits: tuple[float, float, float]
    name: tuple[float, float, float, list[str]]


def _layout(face: CardFace) -> _Layout:
    """Where everything on a card goes."""
    width, _height = CARD_SIZE_MM
    modules = len(qr_modules(face.code))
    qr_size = modules * MODULE_MM
    name_size, name_lines = _name_lines(face.name, width - TEXT_X_MM - MARGIN_MM)
    centre_size = next(
        (size for size in (7.5, 7, 6.5, 6) if _width_mm(face.centre, size, False) <= width - 2 * MARGIN_MM), 5.5
    )
    column = width - TEXT_X_MM - MARGIN_MM
    digits_size = 11.0
    return _Layout(
        centre=(MARGIN_MM, 2.0, centre_size),
        qr=(*QR_AT_MM, qr_size),
        digits=(TEXT_X_MM + column / 2, CARD_SIZE_MM[1] - MARGIN_MM - digits_size * _PT_MM * 1.3, digits_size),
        name=(TEXT_X_MM, 12.0, name_size, name_lines),
    )


# the A4 sheet ---------------------------------------------------------------


def _pdf_card(pdf: FPDF, face: CardFace, left: float, top: float) -> None:
    layout = _layout(face)
    cx, cy, csize = layout.centre
    pdf.set_font("card", "", csize)
    pdf.set_xy(left + cx, top + cy)
    pdf.cell(CARD_SIZE_MM[0] - 2 * MARGIN_MM, csize * _PT_MM * 1.2, face.centre)
    qx, qy, qsize = layout.qr
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(left + qx, top + qy, qsize, qsize, style="F")
    pdf.set_fill_color(0, 0, 0)
    for y, row in enumerate(qr_modules(face.code)):
        for x, length in _runs(row):
            pdf.rect(left + qx + x * MODULE_MM, top + qy + y * MODULE_MM, length * MODULE_MM, MODULE_MM, style="F")
    dx, dy, dsize = layout.digits
    pdf.set_font("card", "B", dsize)
    pdf.set_xy(left + dx - qsize / 2, top + dy)
    pdf.cell(qsize, dsize * _PT_MM * 1.2, format_code(face.code), align="C")
    nx, ny, nsize, lines = layout.name
    pdf.set_font("card", "B", nsize)
    for index, line in enumerate(lines):
        pdf.set_xy(left + nx, top + ny + index * nsize * _PT_MM * 1.25)
        pdf.cell(CARD_SIZE_MM[0] - nx - MARGIN_MM, nsize * _PT_MM * 1.2, line)


def _cut_marks(pdf: FPDF, left: float, top: float) -> None:
    """Short lines in the margins along every card edge; none cross a card."""
    width, height = CARD_SIZE_MM
    right, bottom = left + COLUMNS * width, top + ROWS * height
    near, far = CUT_MARK_MM
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    for column in range(COLUMNS + 1):
        x = left + column * width
        pdf.line(x, top - far, x, top - near)
        pdf.line(x, bottom + near, x, bottom + far)
    for row in range(ROWS + 1):
        y = top + row * height
        pdf.line(left - far, y, left - near, y)
        pdf.line(right + near, y, right + far, y)


def card_sheet_pdf(faces: Sequence[CardFace]) -> bytes:
    """An A4 PDF with ten cards a page (two across, five down) and cut marks."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(_("Participant cards"))
    pdf.set_creator("centrelog")
    pdf.add_font("card", "", str(font_path("Regular")))
    pdf.add_font("card", "B", str(font_path("Bold")))
    left = (A4_MM[0] - COLUMNS * CARD_SIZE_MM[0]) / 2
    top = (A4_MM[1] - ROWS * CARD_SIZE_MM[1]) / 2
    per_page = COLUMNS * ROWS
    for index, face in enumerate(faces):
        if index % per_page == 0:
            pdf.add_page()
            _cut_marks(pdf, left, top)
        row, column = divmod(index % per_page, COLUMNS)
        _pdf_card(pdf, face, left + column * CARD_SIZE_MM[0], top + row * CARD_SIZE_MM[1])
    return bytes(pdf.output())


def write_card_sheet(path: Path, registry: Registry, people: Sequence[Participant]) -> int:
    """Write the card sheet of `people` to `path` (atomically); return how many cards."""
    faces = card_faces(registry, people)
    if not faces:
        raise ValueError(_("There are no cards to print."))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, card_sheet_pdf(faces))
    return len(faces)


# one card as an image ---------------------------------------------------------


def card_png(face: CardFace, dpi: int = PNG_DPI) -> bytes:
    """One card as a PNG at `dpi`, black on white."""
    px = dpi / 25.4
    width, height = (round(v * px) for v in CARD_SIZE_MM)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    layout = _layout(face)

    def text(at_mm: tuple[float, float], value: str, size_pt: float, bold: bool, anchor: str = "la") -> None:
        font = ImageFont.truetype(str(font_path("Bold" if bold else "Regular")), round(size_pt * _PT_MM * px))
        draw.text((at_mm[0] * px, at_mm[1] * px), value, fill="black", font=font, anchor=anchor)

    cx, cy, csize = layout.centre
    text((cx, cy), face.centre, csize, False)
    qx, qy, _qsize = layout.qr
    box = max(1, round(MODULE_MM * px))
    symbol = _qr(face.code, box).make_image().get_image().convert("RGB")
    image.paste(symbol, (round(qx * px), round(qy * px)))
    dx, dy, dsize = layout.digits
    text((dx, dy), format_code(face.code), dsize, True, anchor="ma")
    nx, ny, nsize, lines = layout.name
    for index, line in enumerate(lines):
        text((nx, ny + index * nsize * _PT_MM * 1.25), line, nsize, True)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _qr_path(code: str) -> str:
    """The dark modules as one SVG path, in module units, from qrcode's SVG writer."""
    svg = _qr(code).make_image(image_factory=qrcode.image.svg.SvgPathImage).to_string()
    for element in ET.fromstring(svg).iter():
        if element.tag.rsplit("}", 1)[-1] == "path":
            return element.get("d", "")
    raise ValueError("qrcode wrote no path")


def card_svg(face: CardFace) -> bytes:
    """One card as an SVG drawing in millimetres."""
    width, height = CARD_SIZE_MM
    layout = _layout(face)
    family = "Source Sans Pro, Source Sans 3, DejaVu Sans, Arial, sans-serif"
    cx, cy, csize = layout.centre
    qx, qy, qsize = layout.qr
    dx, dy, dsize = layout.digits
    nx, ny, nsize, lines = layout.name

    def text(x: float, y: float, size: float, value: str, extra: str = "") -> str:
        baseline = y + size * _PT_MM * 0.95
        return (
            f'<text x="{x:.2f}" y="{baseline:.2f}" font-size="{size * _PT_MM:.2f}" '
            f'font-family="{family}"{extra}>{escape(value)}</text>'
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff" stroke="#999999" stroke-width="0.2"/>',
        text(cx, cy, csize, face.centre),
        f'<g id="qr" transform="translate({qx} {qy}) scale({MODULE_MM})">'
        f'<rect width="{qsize / MODULE_MM:g}" height="{qsize / MODULE_MM:g}" fill="#ffffff"/>'
        f'<path d="{_qr_path(face.code)}" fill="#000000"/></g>',
        text(dx, dy, dsize, format_code(face.code), ' font-weight="bold" text-anchor="middle"'),
        *(text(nx, ny + i * nsize * _PT_MM * 1.25, nsize, line, ' font-weight="bold"') for i, line in enumerate(lines)),
        "</svg>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


def write_card_image(path: Path, registry: Registry, person: Participant) -> Path:
    """Write one person's card as PNG or SVG, chosen by the file's suffix."""
    path = Path(path)
    faces = card_faces(registry, [person])
    if not faces:
        raise ValueError(_("{name} has no card code.").format(name=person.full_name))
    kinds = {".png": card_png, ".svg": card_svg}
    writer = kinds.get(path.suffix.lower())
    if writer is None:
        raise ValueError(_("A card is written as .png or .svg, not “{suffix}”.").format(suffix=path.suffix))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, writer(faces[0]))
    return path


def write_card_files(folder: Path, registry: Registry, person: Participant) -> tuple[Path, Path]:
    """One person's card as a PNG picture and a one-card PDF sheet in `folder`."""
    stem = f"{safe_file_name(person.full_name)}-{person.code}"
    picture = write_card_image(Path(folder) / f"{stem}.png", registry, person)
    sheet = Path(folder) / f"{stem}.pdf"
    write_card_sheet(sheet, registry, [person])
    return picture, sheet


def safe_file_name(text: str) -> str:
    """A name fit for a file: letters, digits and dashes (Unicode letters kept)."""
    return re.sub(r"[^\w-]+", "-", text, flags=re.UNICODE).strip("-") or "card"
