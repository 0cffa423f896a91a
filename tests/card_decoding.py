"""Reading card codes back with a real decoder: from PDF pages, PNG and SVG files, and the screen."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pypdfium2
import zxingcpp
from PIL import Image, ImageDraw


def decode(image: Image.Image) -> list[str]:
    """Every QR code zxing-cpp finds in an image."""
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def pdf_pages(path: Path, dpi: int = 200) -> list[Image.Image]:
    """The pages of a PDF, rasterised as a printer would."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def modules_image(modules: Sequence[Sequence[bool]], scale: int = 8) -> Image.Image:
    """A black-on-white image of a module grid, for the decoder."""
    image = Image.new("L", (len(modules[0]) * scale, len(modules) * scale), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle([x * scale, y * scale, (x + 1) * scale - 1, (y + 1) * scale - 1], fill=0)
    return image


def svg_qr_image(path: Path, scale: int = 8) -> Image.Image:
    """Rasterise the QR group of a card SVG: its white square and its path of unit squares."""
    root = ET.parse(path).getroot()
    group = next(g for g in root.iter() if g.get("id") == "qr")
    size = next(float(e.get("width", "0")) for e in group if e.tag.endswith("rect"))
    path_d = next(e.get("d", "") for e in group if e.tag.endswith("path"))
    modules = [[False] * round(size) for _ in range(round(size))]
    for x, y, x2, y2 in re.findall(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z", path_d):
        for row in range(int(y), int(y2)):
            for column in range(int(x), int(x2)):
                modules[row][column] = True
    return modules_image(modules, scale)
