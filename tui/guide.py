"""The pairing guide (docs/sync.md), packaged with the app in each language it is written in."""

from __future__ import annotations

from pathlib import Path

from sessions.i18n import current_language

__all__ = ["GUIDES", "guide_path", "guide_text"]

GUIDES = Path(__file__).parent / "guides"


def guide_path(language: str | None = None) -> Path:
    """The guide in `language` (the current one by default), or in English when it is not written in it."""
    path = GUIDES / f"sync.{language or current_language()}.md"
    return path if path.exists() else GUIDES / "sync.en.md"


def guide_text(language: str | None = None) -> str:
    return guide_path(language).read_text("utf-8")
