"""The translation layer: every word the app shows passes through here."""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

__all__ = ["LANGUAGES", "N_", "_", "current_language", "ngettext", "set_language"]

#: Languages the centre works in, in the order offered.
LANGUAGES = ("lv", "ru", "en")
DOMAIN = "centrelog"
LOCALE_DIR = Path(__file__).with_name("locale")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later lookup to `language` (lv, ru or en)."""
    global _translation, _language
    _translation = _gettext.translation(
        DOMAIN, LOCALE_DIR, languages=[language], fallback=True
    )
    _language = language


def current_language() -> str:
    """The language strings are shown in now."""
    return _language


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on `count`."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for translation where it is defined; translate it where shown."""
    return message
