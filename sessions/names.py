"""Names as the centre shows and searches them."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from anyascii import anyascii

from sessions.i18n import _

__all__ = ["name_key", "names_key", "one_full_stop", "search_key", "short_name", "told_apart"]

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


#: Russian letters as the key spells them. Latvian spelling of Russian names (Cabinet Regulation
#: No. 114 of 2004 on the spelling of personal names: ж ž, й j, х h, ц c, ч č, ш š, щ šč, ю ju,
#: я ja, ь and ъ dropped) and the passport one (ICAO Doc 9303: zh, i, kh, ts, ch, sh, shch, iu, ia)
#: both fold to these; ё is written е, as Russian mostly writes it and ICAO does.
_RUSSIAN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufie", strict=True)),
        **{"ё": "e", "ж": "z", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "sc", "ю": "iu", "я": "ia"},
        **{"ь": "", "ъ": ""},
    }
)
#: Marks inside a name that join its letters (Kuz'mina, O’Brien); any other sign parts words.
_JOINERS = re.compile(r"['`´ʹʺʼ’‘\"]")
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
#: Letters written for one sound: j, y and i (Jurijs, Yuriy, Iurii); c, č and the passport's ts
#: (Celmiņa, Tsoy), so that Šmits is still found by "smit".
_SAME_SOUND = str.maketrans({"j": "i", "y": "i", "w": "v", "x": "ks", "c": "ts"})
#: One step of folding Latin spellings into one (applied until nothing changes): a doubled
#: letter once (Boriss, Mariia); the h of the passport and English spellings (Zhukov,
#: Khrushchev, Chekhov); Latvian je/jo and ё read as е (Jeļena, Fjodors: Elena, Fedor).
_FOLDS = re.compile(r"([a-z])\1+|kh|zh|sh|ie|io")
_FOLDED = {"kh": "h", "zh": "z", "sh": "s", "ie": "e", "io": "e"}


def name_key(text: str) -> str:
    """The key a name is found by: its spellings in Latin and Cyrillic letters fold to one.

    Case and diacritics are dropped (Bērziņš, Šarūnas, Ąžuolas), Russian letters
    are transliterated, and the usual Latvian, passport and English spellings of
    a Russian name meet: Žukovs, Zhukov and Жуков; Jurijs, Yuriy, Iurii and Юрий;
    Kuzmina and Кузьмина. j, y and i are one letter, c is ts, w is v, x is ks, a
    doubled letter counts once and a word's final s is dropped (Latvian endings:
    Petrovs, Jurijs). Known misses: ё after ж ч ш щ, which Latvian writes o
    (Gorbačovs, Горбачёв); ъ before ю or я, which the passport writes ie.
    Letters of other scripts are spelled by anyascii.
    """
    latin = anyascii(unicodedata.normalize("NFC", text.casefold()).translate(_RUSSIAN)).lower()
    latin = _JOINERS.sub("", latin).translate(_SAME_SOUND)
    words = []
    for word in _NOT_LETTERS.sub(" ", latin).split():
        folded = ""
        while folded != word:
            folded, word = word, _FOLDS.sub(_fold, word)
        words.append(word[:-1] if len(word) > 1 and word.endswith("s") else word)
    return " ".join(words)


def _fold(match: re.Match[str]) -> str:
    return _FOLDED.get(match[0], match[0][0])


@lru_cache(maxsize=16_384)
def names_key(first: str, last: str) -> str:
    """`name_key` of a person's first and last name, remembered: a registry's keys are made once."""
    return name_key(f"{first} {last}")


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
