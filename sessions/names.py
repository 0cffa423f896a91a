"""Names as the centre shows and searches them."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from sessions.i18n import _

__all__ = ["fold", "short_name", "told_apart"]

#: The fewest last digits of a card code shown to tell two people apart.
CODE_TAIL = 4


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics, so `berzins` finds `Bērziņš`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def short_name(first: str, last: str) -> str:
    """First name and the initial of the last one: all a full room may see."""
    initial = last.strip()[:1]
    return f"{first.strip()} {initial}." if initial else first.strip()


def told_apart(people: Sequence[tuple[str, str | None]]) -> list[str]:
    """Labels for (short name, card code) pairs: names that read alike get their code's last digits.

    Never the age or anything about health: the room sees the list. The
    digits grow until the labels differ (two codes never end alike in full).
    """
    alike: defaultdict[str, list[int]] = defaultdict(list)
    for index, (name, _code) in enumerate(people):
        alike[fold(name)].append(index)
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
