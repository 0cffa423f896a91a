"""Names as the centre shows and searches them."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from sessions.i18n import _

__all__ = ["one_full_stop", "search_key", "short_name", "told_apart"]

#: Two full stops that are not part of an ellipsis (three or more).
_DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)")
#: A run of full stops inside a name ("A..").
_DOTS = re.compile(r"\.{2,}")
#: The fewest last digits of a card code shown to tell two people apart.
CODE_TAIL = 4


def search_key(text: str) -> str:
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


def told_apart(people: Sequence[tuple[str, str | None]]) -> list[str]:
    """Labels for (short name, card code) pairs: names that read alike get their code's last digits.

    Never the age or anything about health: the room sees the list. The
    digits grow until the labels differ (two codes never end alike in full).
    """
    alike: defaultdict[str, list[int]] = defaultdict(list)
    for index, (name, _code) in enumerate(people):
        alike[search_key(name)].append(index)
    labels = [name for name, _code in people]
    for indexes in alike.values():
        if len(indexes) < 2:
            continue
        codes = [people[i][1] or "" for i in indexes]
        tail = _distinct_tail([c for c in codes if c])
        for index, code in zip(indexes, codes, strict=True):
            labels[index] += f" · …{code[-tail:]}" if code else " · " + _("no card")
    return labels


def _distinct_tail(codes: list[str]) -> int:
    """The fewest last digits (CODE_TAIL at least) in which the codes all differ."""
    longest = max(map(len, codes), default=CODE_TAIL)
    return next((n for n in range(CODE_TAIL, longest) if len({c[-n:] for c in codes}) == len(codes)), longest)
