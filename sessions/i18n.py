"""The translation layer: every word the app shows passes through here."""

from __future__ import annotations

import gettext as _gettext
import io
import os
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "Words",
    "_",
    "by_gender",
    "choose_language",
    "current_language",
    "format_date",
    "format_datetime",
    "format_month",
    "format_time",
    "format_week",
    "in_language",
    "next_language",
    "ngettext",
    "pgettext",
    "register_translations",
    "set_language",
]

#: Languages the centre works in, in the order offered.
LANGUAGES = ("lv", "ru", "en", "lt")
#: Each language named in itself, so that anyone finds their own.
LANGUAGE_NAMES = {"lv": "Latviešu", "ru": "Русский", "en": "English", "lt": "Lietuvių"}
DEFAULT_LANGUAGE = "lv"
DOMAIN = "centrelog"
LOCALE_DIR = Path(__file__).with_name("locale")

_loaded: dict[str, _gettext.NullTranslations] = {}
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Months shortened as each language writes them after a day (CLDR's abbreviated format months).
_MONTHS_AFTER_DAY = {
    "lv": ("janv.", "febr.", "marts", "apr.", "maijs", "jūn.", "jūl.", "aug.", "sept.", "okt.", "nov.", "dec."),
    "ru": ("янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."),
    "en": _MONTHS_EN,
    "lt": ("saus.", "vas.", "kov.", "bal.", "geg.", "birž.", "liep.", "rugp.", "rugs.", "spal.", "lapkr.", "gruod."),
}
#: Lithuanian months in the genitive, as a day of the month is said: "lapkričio 23 d." (CLDR's wide format months).
_MONTHS_LT_OF = (
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
)
#: Months shortened on their own, as under a chart's bar (CLDR's abbreviated stand-alone months).
_MONTHS_ALONE = _MONTHS_AFTER_DAY | {
    "ru": ("янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."),
}


def po_path(language: str) -> Path:
    """Where the catalogue source of `language` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_bytes(po: bytes) -> bytes:
    """The compiled catalogue of a .po source; fuzzy and empty entries stay English."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(po), domain=DOMAIN), use_fuzzy=False)
    return buffer.getvalue()


def mo_messages(mo: bytes) -> dict[str, str]:
    """What a compiled catalogue says: every message, and of the header only what changes a translation.

    The header's other lines (who generated it, with which version) differ between Babel releases, so
    two compilations of one `.po` are compared by this, never byte by byte.
    """
    order = "<" if mo[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals, translations = struct.unpack(f"{order}3I", mo[8:20])
    messages: dict[str, str] = {}
    for index in range(count):
        length, offset = struct.unpack(f"{order}2I", mo[originals + 8 * index : originals + 8 * index + 8])
        key = mo[offset : offset + length].decode("utf-8")
        length, offset = struct.unpack(f"{order}2I", mo[translations + 8 * index : translations + 8 * index + 8])
        value = mo[offset : offset + length].decode("utf-8")
        if key == "":
            kept = ("content-type:", "plural-forms:")
            value = "\n".join(line for line in value.splitlines() if line.lower().startswith(kept))
        messages[key] = value
    return messages


def compile_po(source: Path | bytes) -> _gettext.GNUTranslations:
    """Compile a .po catalogue (a file, or its bytes) in memory."""
    data = source.read_bytes() if isinstance(source, Path) else source
    return _gettext.GNUTranslations(io.BytesIO(mo_bytes(data)))


def mo_path(language: str) -> Path:
    """The compiled catalogue beside the source (`python -m tools.i18n` writes it; tests check it is current)."""
    return po_path(language).with_suffix(".mo")


def _translations_for(language: str) -> _gettext.NullTranslations:
    if language not in _loaded:
        compiled, path = mo_path(language), po_path(language)
        if compiled.exists():  # read in a millisecond; compiling the source takes tens
            with compiled.open("rb") as handle:
                _loaded[language] = _gettext.GNUTranslations(handle)
        else:
            _loaded[language] = compile_po(path) if path.exists() else _gettext.NullTranslations()
    return _loaded[language]


def register_translations(language: str, translations: _gettext.NullTranslations) -> None:
    """Make `translations` available as `language` (a test's pseudo-locale, for one)."""
    _loaded[language] = translations


def set_language(language: str) -> None:
    """Switch every later lookup to `language` (one of LANGUAGES)."""
    global _translation, _language
    _translation = _translations_for(language)
    _language = language


def current_language() -> str:
    """The language strings are shown in now."""
    return _language


def next_language(language: str | None = None) -> str:
    """The language after `language` (default: the current one), round the list."""
    language = language or _language
    index = LANGUAGES.index(language) if language in LANGUAGES else -1
    return LANGUAGES[(index + 1) % len(LANGUAGES)]


def choose_language(
    explicit: str | None = None,
    remembered: object = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language to start in: --lang, then the saved setting, then the system locale, then Latvian."""
    for candidate in (explicit, remembered):
        if isinstance(candidate, str) and candidate in LANGUAGES:
            return candidate
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(variable, "").split(":"):
            code = part.split("_")[0].split(".")[0].split("@")[0].lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on `count`."""
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate `message` as meant in `context` (one English word, two meanings)."""
    return _translation.pgettext(context, message)


def by_gender(gender: str | None, female: str, male: str, anyone: str) -> str:
    """The sentence said of a woman (gender F), of a man (M), or of someone whose gender is not known.

    Russian and Latvian agree a past participle with the person ("отмечена", "отмечен"). Each
    caller passes the three already translated, marked where they are written:
    `pgettext("female", text)`, `pgettext("male", text)` and `_(text)`, the last one worded so
    that it needs no gender.
    """
    return {"F": female, "M": male}.get(gender or "", anyone)


def N_(message: str) -> str:
    """Mark `message` for translation where it is defined; translate it where shown."""
    return message


def format_date(day: date, *, year: bool = True, language: str | None = None) -> str:
    """A date as a language (default: the current one) writes it: 23.11.2026. / 23.11.2026 / 23 Nov 2026 /
    2026-11-23 (Lithuanian writes the ISO order; without the year 11-23)."""
    language = language or _language
    if language == "lt":
        month_day = f"{day.month:02d}-{day.day:02d}"
        return f"{day.year:04d}-{month_day}" if year else month_day
    if language == "en":
        text = f"{day.day} {_MONTHS_EN[day.month - 1]}"
        return f"{text} {day.year}" if year else text
    text = f"{day.day:02d}.{day.month:02d}"
    if year:
        text += f".{day.year}"
    return text + "." if language == "lv" else text


def format_time(moment: datetime | time) -> str:
    """A time of day, 24-hour: 09:05."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_datetime(moment: datetime, *, year: bool = True, language: str | None = None) -> str:
    """A date and a time: 23.11.2026. 09:05 / 23.11.2026 09:05 / 23 Nov 2026 09:05 / 2026-11-23 09:05."""
    return f"{format_date(moment, year=year, language=language)} {format_time(moment)}"


@dataclass(frozen=True)
class Words:
    """Messages and dates in one language, whatever the screens speak now: a file made for one person.

    The app's language is global and a screen may be drawing while a file is
    written on another thread; this never touches it. Strings passed to `_`
    and `ngettext` here are extracted as the module-level ones are.
    """

    language: str

    def _(self, message: str) -> str:
        """`message` in this language."""
        return _translations_for(self.language).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form for `count`, in this language."""
        return _translations_for(self.language).ngettext(singular, plural, count)

    def date(self, day: date, *, year: bool = True) -> str:
        """A date as this language writes it."""
        return format_date(day, year=year, language=self.language)

    def datetime(self, moment: datetime, *, year: bool = True) -> str:
        """A date and a time as this language writes them."""
        return format_datetime(moment, year=year, language=self.language)


def in_language(language: str) -> Words:
    """The words of `language` (one of LANGUAGES; anything else is the current language)."""
    return Words(language if language in LANGUAGES or language in _loaded else _language)


def _with_year(text: str, year: int, language: str) -> str:
    """A date's text with its year, where the language puts it: 2026. gada 23. nov. / 23 нояб. 2026 г. / 23 Nov 2026 /
    2026 m. lapkričio 23 d."""
    if language == "lt":
        return f"{year} m. {text}"
    if language == "lv":
        return f"{year}. gada {text}"
    if language == "ru":
        return f"{text} {year} г."
    return f"{text} {year}"


def _days_of_week(monday: date, sunday: date, language: str, year: bool) -> str:
    """Monday to Sunday, a month or year said once when both days share it: 23.–29. nov. / 30 Nov – 6 Dec."""
    if language == "lt":
        return _days_of_week_lt(monday, sunday, year)
    months, dot = _MONTHS_AFTER_DAY[language], "." if language == "lv" else ""

    def day_month(day: date) -> str:
        return f"{day.day}{dot} {months[day.month - 1]}"

    if year and monday.year != sunday.year:
        first, last = (
            _with_year(day_month(monday), monday.year, language),
            _with_year(day_month(sunday), sunday.year, language),
        )
        return f"{first} – {last}"
    if monday.month == sunday.month:
        days = f"{monday.day}{dot}–{day_month(sunday)}"
    else:
        days = f"{day_month(monday)} – {day_month(sunday)}"
    return _with_year(days, sunday.year, language) if year else days


def _days_of_week_lt(monday: date, sunday: date, year: bool) -> str:
    """Lithuanian says the month first, in the genitive, and the days as "d.": lapkričio 23–29 d.,
    lapkričio 30 d. – gruodžio 6 d., 2026 m. gruodžio 28 d. – 2027 m. sausio 3 d."""

    def day_month(day: date) -> str:
        return f"{_MONTHS_LT_OF[day.month - 1]} {day.day} d."

    if year and monday.year != sunday.year:
        first, last = _with_year(day_month(monday), monday.year, "lt"), _with_year(day_month(sunday), sunday.year, "lt")
        return f"{first} – {last}"
    if monday.month == sunday.month:
        days = f"{_MONTHS_LT_OF[monday.month - 1]} {monday.day}–{sunday.day} d."
    else:
        days = f"{day_month(monday)} – {day_month(sunday)}"
    return _with_year(days, sunday.year, "lt") if year else days


def format_week(week: date | str, *, year: bool = False) -> str:
    """An ISO week as people say it: its number and its days, Monday to Sunday.

    `week` is any day of the week or its key (2026-W48): lv "48. nedēļa, 23.–29. nov.",
    ru "48-я неделя, 23–29 нояб.", en "week 48, 23–29 Nov", lt "48 savaitė, lapkričio 23–29 d."; a week
    across two months names both ("30. nov. – 6. dec."), and with `year` the year is said too ("week 53, 28 Dec 2026 –
    3 Jan 2027"). The ISO form stays for file names and keys.
    """
    if isinstance(week, str):
        iso_year, iso_week = week.split("-W")
        week = date.fromisocalendar(int(iso_year), int(iso_week), 1)
    monday = week - timedelta(days=week.weekday())
    sunday = monday + timedelta(days=6)
    number = monday.isocalendar()[1]
    if _language not in _MONTHS_AFTER_DAY:  # a language without its words here: numbers only
        return f"W{number}, {format_date(monday, year=False)}–{format_date(sunday, year=year)}"
    days = _days_of_week(monday, sunday, _language, year)
    if _language == "lv":
        return f"{number}. nedēļa, {days}"
    if _language == "ru":
        return f"{number}-я неделя, {days}"
    if _language == "lt":
        return f"{number} savaitė, {days}"
    return f"week {number}, {days}"


def format_month(day: date) -> str:
    """The month of `day` shortened on its own, as under a chart's bar: nov. / нояб. / Nov / lapkr."""
    if _language not in _MONTHS_ALONE:
        return f"{day.month:02d}."
    return _MONTHS_ALONE[_language][day.month - 1]
