"""Names as the centre shows and searches them."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "one_full_stop", "short_name"]

#: Two full stops that are not part of an ellipsis (three or more).
_DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)")
#: A run of full stops inside a name ("A..").
_DOTS = re.compile(r"\.{2,}")


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics, so `berzins` finds `Bērziņš`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def short_name(first: str, last: str) -> str:
    """First name and the initial of the last one: all a full room may see.

    The initial is the last name's first letter or digit, so a last name typed as
    an initial ("L.") or starting with punctuation never gives "L.." or "..".
    """
    given = _DOTS.sub(".", first.strip())
    initial = next((c for c in unicodedata.normalize("NFC", last) if c.isalnum()), "")
    return f"{given} {initial}." if initial else given


def one_full_stop(sentence: str) -> str:
    """A sentence ending in a short name ends with the name's own full stop, not a second one."""
    return _DOUBLED.sub(".", sentence)
