"""The Unicode font every PDF and card picture is written with (Latvian and Cyrillic letters)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

__all__ = ["FONT_PACKAGE", "FontMissing", "font_path"]

#: The Python package that ships the font (Source Sans Pro: Latin Extended and Cyrillic).
FONT_PACKAGE = "font_source_sans_pro"


class FontMissing(FileNotFoundError):
    """The font package is not installed, or lacks the style asked for."""


@cache
def font_path(style: str = "Regular") -> Path:
    """The TrueType file of a style ("Regular", "Bold", "Semibold", "It" …) of the shared font."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FontMissing(f"The font package {FONT_PACKAGE} is not installed (pip install font-source-sans-pro).")
    path = Path(next(iter(spec.submodule_search_locations))) / "files" / f"SourceSansPro-{style}.ttf"
    if not path.is_file():
        raise FontMissing(f"{path} is missing.")
    return path
