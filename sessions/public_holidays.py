"""Public holidays of the centre's country (Latvia, or Lithuania for a partner centre), from the `holidays` library.

The library is kept up to date by its maintainers (a day off moved by law, a
new holiday): a planned session on one of its days is shown as a holiday and
counted as one, never as cancelled nor as missed. Names are given in the app's
language where the library has them for that country, else in the country's own.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from types import ModuleType
from typing import Any, Protocol

from sessions.i18n import current_language

__all__ = [
    "COUNTRIES",
    "DEFAULT_COUNTRY",
    "holiday_country",
    "holiday_name",
    "holidays_between",
]

#: The countries whose holidays a centre may follow: Latvia, and Lithuania for partner centres.
COUNTRIES = ("LV", "LT")
DEFAULT_COUNTRY = "LV"
#: The library's name of each app language ("en" is American English there).
_LIBRARY_LANGUAGE = {"lv": "lv", "ru": "ru", "en": "en_US", "lt": "lt"}


class _Settings(Protocol):
    def setting(self, key: str, default: Any = None) -> Any: ...


def holiday_country(registry: _Settings) -> str:
    """The country whose holidays the centre follows: the `holiday_country` setting, Latvia unless it names LT."""
    country = str(registry.setting("holiday_country") or DEFAULT_COUNTRY).strip().upper()
    return country if country in COUNTRIES else DEFAULT_COUNTRY


def holidays_between(first: date, last: date, country: str = DEFAULT_COUNTRY) -> dict[date, str]:
    """The public holidays from `first` to `last` (both included), by day, named in the app's language."""
    language = _names_in(country, current_language())
    found: dict[date, str] = {}
    for year in range(first.year, last.year + 1):
        found.update((day, name) for day, name in _year(country, year, language).items() if first <= day <= last)
    return found


def holiday_name(day: date, country: str = DEFAULT_COUNTRY) -> str | None:
    """The name of the public holiday on `day`, or None on a working day."""
    return _year(country, day.year, _names_in(country, current_language())).get(day)


def _names_in(country: str, language: str) -> str:
    """The language to name `country`'s holidays in: the app's when the library has it, else the country's own."""
    wanted = _LIBRARY_LANGUAGE.get(language, language)
    return wanted if wanted in _supported(country) else _own_language(country)


def _library() -> ModuleType:
    """The holidays library, imported when first asked (not at the app's start: it takes tens of ms)."""
    import holidays

    return holidays


@lru_cache(maxsize=8)
def _supported(country: str) -> tuple[str, ...]:
    return tuple(_library().country_holidays(country).supported_languages)


@lru_cache(maxsize=8)
def _own_language(country: str) -> str:
    return str(_library().country_holidays(country).default_language)


@lru_cache(maxsize=128)
def _year(country: str, year: int, language: str) -> dict[date, str]:
    """One year's holidays (a few a year: kept for the process, ten years of a report cost a few milliseconds)."""
    return dict(_library().country_holidays(country, years=year, language=language).items())
