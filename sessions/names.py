"""Names as the centre shows and searches them."""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "short_name"]


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics, so `berzins` finds `Bērziņš`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def short_name(first: str, last: str) -> str:
    """First name and the initial of the last one: all a full room may see."""
    initial = last.strip()[:1]
    return f"{first.strip()} {initial}." if initial else first.strip()
