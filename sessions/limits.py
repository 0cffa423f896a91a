"""How long a typed or imported text may be, and how big a list to import: every limit in one place."""

from __future__ import annotations

import unicodedata

from sessions.i18n import N_, _, current_language, ngettext

__all__ = [
    "FIELD_LENGTHS",
    "LIST_BYTES",
    "LIST_COLUMNS",
    "LIST_ROWS",
    "XLSX_PART_BYTES",
    "XLSX_TOTAL_BYTES",
    "clipped",
    "grouped",
    "one_line",
    "too_long",
]

#: Characters a text may hold, by field: room for any real name, none for a flood of the screens.
FIELD_LENGTHS = {
    "first_name": 80,
    "last_name": 80,
    "neighbourhood": 80,
    "contact": 120,
    "name": 80,  # an activity, place, staff member, vehicle or trip purpose
    "place": 80,
    "instructor": 80,
    "title": 120,
    "plate": 16,
    "driver": 80,
    "destination": 120,
    "note": 300,
    "by": 80,
    "reason": 300,
}
_LABELS = {
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "neighbourhood": N_("neighbourhood"),
    "contact": N_("phone or contact note"),
    "name": N_("name"),
    "place": N_("place"),
    "instructor": N_("instructor"),
    "title": N_("title"),
    "plate": N_("number plate"),
    "driver": N_("driver"),
    "destination": N_("destination"),
    "note": N_("note"),
    "by": N_("corrected by"),
    "reason": N_("reason"),
}

#: A CSV list to import: its size on disk.
LIST_BYTES = 10_000_000
#: An XLSX list: what any one part of the file (a sheet, its shared texts) unpacks to, and all parts together.
XLSX_PART_BYTES = 20_000_000
XLSX_TOTAL_BYTES = 60_000_000
#: Rows a list may have (headers included), and the columns read of each row.
LIST_ROWS = 20_000
LIST_COLUMNS = 50


def one_line(value: object) -> str:
    """A typed or imported text as it is kept: one line, single spaces, no control characters.

    A control character (a stray Ctrl key, a byte from a broken file) shows as nothing on screen
    and makes a spreadsheet refuse the whole file, and a direction mark reverses what follows it
    on screen and in files, so none is kept.
    """
    words = str(value if value is not None else "").split()
    kept = ("".join(c for c in word if not _hidden(c)) for word in words)
    return " ".join(word for word in map(_no_lone_accent, kept) if word)


def _no_lone_accent(word: str) -> str:
    """A word without the accents that stand before its first letter: they belong to nothing."""
    start = 0
    while start < len(word) and unicodedata.combining(word[start]):
        start += 1
    return word[start:]


#: Marks that turn the text around it right to left: a name holding one reads differently than it is.
_DIRECTION_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden(character: str) -> bool:
    # Cc: control characters; Cf: format characters that show as nothing (zero-width space and
    # joiners, soft hyphen, byte order mark, direction marks) yet make two equal names differ.
    return unicodedata.category(character) in ("Cc", "Cf") or character in _DIRECTION_MARKS


def grouped(number: int) -> str:
    """A count with its thousands grouped as the language writes them: 3,000 or 3 000."""
    text = f"{number:,}"
    return text if current_language() == "en" else text.replace(",", "\u00a0")


def clipped(text: str, limit: int = 60) -> str:
    """A text as quoted in a sentence: cut after `limit` characters, with an ellipsis."""
    return text if len(text) <= limit else text[:limit] + "…"


def too_long(field: str, text: str, row: int | None = None) -> str | None:
    """The sentence saying `text` is longer than its field allows (naming the row of a list), or None."""
    limit = FIELD_LENGTHS[field]
    if len(text) <= limit:
        return None
    values = {"field": _(_LABELS[field]), "length": grouped(len(text)), "limit": grouped(limit)}
    if row is None:
        return ngettext(
            "The {field} is {length} character long; at most {limit} are allowed.",
            "The {field} is {length} characters long; at most {limit} are allowed.",
            len(text),
        ).format(**values)
    return ngettext(
        "Row {row}: the {field} is {length} character long; at most {limit} are allowed.",
        "Row {row}: the {field} is {length} characters long; at most {limit} are allowed.",
        len(text),
    ).format(row=row, **values)
