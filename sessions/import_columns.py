"""Reading a spreadsheet's columns as participant fields: header names and cell values in lv, ru, en, lt."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sessions.i18n import N_, _
from sessions.limits import one_line
from sessions.names import search_key
from sessions.participants import DATE_DMY, DATE_ISO, PARTICIPANT_FIELDS, read_date
from sessions.registry import GROUPS

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "cell_text",
    "field_label",
    "group_columns",
    "guess_mapping",
    "header_key",
    "in_lithuanian",
    "read_birth_year",
    "read_consent",
    "read_gender",
    "read_groups",
    "read_language",
    "split_full_name",
    "ticked",
]

_NAMES = ("last_name", "first_name", "full_name")
#: Fields a column can fill, in the order the preview shows them: a participant's fields (sessions.participants),
#: the last name first, and a full name that is split into the two.
FIELDS = (*_NAMES, *(name for name in PARTICIPANT_FIELDS if name not in _NAMES))

FIELD_LABELS = {
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "full_name": N_("full name"),
    "birth_year": N_("year of birth"),
    "gender": N_("gender"),
    "groups": N_("target group"),
    "neighbourhood": N_("neighbourhood"),
    "language": N_("language"),
    "consent_date": N_("consent"),
    "contact": N_("phone or contact note"),
}

# Header names, compared after header_key(): lower case, no diacritics, no punctuation.
_HEADERS = {
    "first_name": ("vards", "vardas", "имя", "first name", "firstname", "given name", "forename", "first"),
    "last_name": ("uzvards", "pavarde", "фамилия", "last name", "lastname", "surname", "family name", "last"),
    "full_name": (
        "vards uzvards",
        "vards un uzvards",
        "uzvards vards",
        "vardas pavarde",
        "vardas ir pavarde",
        "pavarde vardas",
        "pavarde ir vardas",
        "фио",
        "ф и о",
        "имя фамилия",
        "фамилия имя",
        "фамилия имя отчество",
        "full name",
        "name",
        "surname name",
        "name surname",
    ),
    "birth_year": (
        "dzimsanas gads",
        "dzim gads",
        "dzimis",
        "gads",
        "dzimsanas datums",
        "gimimo metai",
        "gim metai",
        "gimimo data",
        "gimes",
        "gimusi",
        "год рождения",
        "г р",
        "дата рождения",
        "year of birth",
        "birth year",
        "born",
        "yob",
        "date of birth",
        "birth date",
    ),
    "gender": ("dzimums", "lytis", "пол", "gender", "sex"),
    "groups": (
        "grupa",
        "grupas",
        "merka grupa",
        "merka grupas",
        "grupe",
        "grupes",
        "tiksline grupe",
        "tikslines grupes",
        "группа",
        "группы",
        "целевая группа",
        "group",
        "groups",
        "target group",
        "target groups",
    ),
    "neighbourhood": (
        "apkaime",
        "rajons",
        "mikrorajons",
        "seniunija",
        "rajonas",
        "mikrorajonas",
        "gyvenamoji vieta",
        "раион",
        "микрораион",
        "neighbourhood",
        "neighborhood",
        "district",
        "area",
    ),
    "language": ("valoda", "kalba", "язык", "language", "lang"),
    "consent_date": (
        "piekrisana",
        "piekrisanas datums",
        "sutikimas",
        "sutikimo data",
        "согласие",
        "дата согласия",
        "consent",
        "consent date",
    ),
    "contact": (
        "telefons",
        "talrunis",
        "talr",
        "kontakti",
        "kontaktinformacija",
        "telefonas",
        "tel",
        "telefono numeris",
        "kontaktai",
        "kontaktine informacija",
        "телефон",
        "тел",
        "контакт",
        "контакты",
        "phone",
        "telephone",
        "phone number",
        "contact",
        "contacts",
    ),
}
#: Full-name headers whose cells put the last name first (ФИО: Иванова Нина Петровна).
_LAST_FIRST = frozenset(
    {"uzvards vards", "pavarde vardas", "pavarde ir vardas", "фио", "ф и о", "фамилия имя", "фамилия имя отчество"}
    | {"surname name"}
)

_GENDERS = {
    "F": (
        *("f", "female", "woman", "s", "siev", "sieviete", "mot", "moteris", "moteriska"),
        *("ж", "жен", "женскии", "женщина"),
    ),
    "M": ("m", "male", "man", "v", "vir", "virietis", "vyr", "vyras", "vyriska", "м", "муж", "мужскои", "мужчина"),
}
#: Headers of a Lithuanian list: there M is moteris (a woman) and V vyras (a man).
_LITHUANIAN_HEADERS = frozenset(
    {"vardas", "pavarde", "vardas pavarde", "vardas ir pavarde", "pavarde vardas", "pavarde ir vardas", "lytis"}
)
_LITHUANIAN_GENDERS = {"m": "F", "v": "M"}
# Word beginnings naming a target group; wheelchair first ("инвалидная коляска").
_GROUP_WORDS = (
    ("wheelchair", ("wheelchair", "ratin", "vezimel", "коляск", "кресло")),
    ("disability", ("disab", "invalid", "инвалид", "ierobez", "neigal")),
    ("senior", ("senior", "senjor", "pension", "pensinink", "пенсион", "сеньор", "пожил")),
)
_LANGUAGE_WORDS = (
    ("lv", ("lv", "latv", "латыш", "латв")),
    ("ru", ("ru", "kriev", "рус", "rus")),
    ("en", ("en", "angl", "англ", "engl")),
    ("lt", ("lt", "liet", "литов", "lith")),
)
_YES = frozenset({"ja", "taip", "yes", "y", "да", "д", "+", "1", "true", "x", "✓", "v"})
_NO = frozenset({"ne", "no", "n", "нет", "-", "0", "false"})


def field_label(field: str) -> str:
    """A field's name as the screen shows it."""
    return _(FIELD_LABELS[field])


def header_key(text: Any) -> str:
    """A header as compared: folded, punctuation gone, spaces collapsed."""
    return " ".join(re.sub(r"[\W_]+", " ", search_key(cell_text(text))).split())


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Which column (by index) fills which field, guessed from the header row."""
    mapping: dict[str, int] = {}
    keys = [header_key(h) for h in headers]
    for exact in (True, False):
        for index, key in enumerate(keys):
            if not key or index in mapping.values():
                continue
            for field, names in _HEADERS.items():
                if field in mapping:
                    continue
                if key in names if exact else any(key.startswith(f"{name} ") for name in names if len(name) > 2):
                    mapping[field] = index
                    break
    if "first_name" in mapping and "last_name" in mapping:
        mapping.pop("full_name", None)
    return mapping


def name_order_is_last_first(header: str) -> bool:
    """True when a full-name column puts the last name first."""
    return header_key(header) in _LAST_FIRST


def split_full_name(text: str, last_first: bool) -> tuple[str, str]:
    """(first, last) from one cell: "Jānis Bērziņš", or "Иванова Нина Петровна" when last_first."""
    words = text.split()
    if len(words) < 2:
        return (text.strip(), "") if not last_first else ("", text.strip())
    if last_first:
        return " ".join(words[1:]), words[0]
    return " ".join(words[:-1]), words[-1]


def cell_text(value: Any) -> str:
    """A cell as the person sees it: 1948.0 is 1948, a date is 2025-03-01."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return one_line(value)


def read_birth_year(value: Any) -> Any:
    """The year of a year or a date of birth; anything else as typed, for the registry to judge."""
    if isinstance(value, date):
        return value.year
    text = cell_text(value)
    match = DATE_DMY.match(text) or DATE_ISO.match(text)
    if match:
        return int(match[3] if DATE_DMY.match(text) else match[1])
    return text


def in_lithuanian(headers: list[str], mapping: dict[str, int]) -> bool:
    """Whether the columns of names or gender are headed in Lithuanian (Vardas, Pavardė, Lytis)."""
    return any(header_key(headers[mapping[f]]) in _LITHUANIAN_HEADERS for f in (*_NAMES, "gender") if f in mapping)


def group_columns(headers: list[str], mapping: dict[str, int]) -> dict[int, str]:
    """Columns no field takes whose header names a target group ("Neįgaliojo vežimėlis"): ticked yes or no."""
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if index in mapping.values() or not key:
            continue
        for group, beginnings in _GROUP_WORDS:
            if any(key.startswith(b) or f" {b}" in f" {key}" for b in beginnings):
                found.setdefault(index, group)
                break
    return found


def ticked(value: Any) -> bool:
    """Whether a yes-or-no cell says yes (taip, jā, да, yes, x, 1)."""
    return header_key(value) in _YES or cell_text(value).strip() in _YES


def read_gender(value: Any, lithuanian: bool = False) -> str:
    """F or M from the words a list may use in lv, ru, en or lt (`lithuanian`: M is moteris); anything else as
    typed."""
    key = header_key(value)
    if lithuanian and key in _LITHUANIAN_GENDERS:
        return _LITHUANIAN_GENDERS[key]
    for gender, words in _GENDERS.items():
        if key in words:
            return gender
    return cell_text(value)


def read_groups(value: Any) -> list[str]:
    """Target groups from a cell such as "pensionārs, ratiņkrēsls"; unknown words kept as typed."""
    found: list[str] = []
    for part in re.split(r"[,;/+|]|\s+(?:un|и|and)\s+", cell_text(value)):
        key = header_key(part)
        if not key or key in _NO:
            continue
        for group, beginnings in _GROUP_WORDS:
            if any(key.startswith(b) or f" {b}" in f" {key}" for b in beginnings):
                found.append(group)
                break
        else:
            found.append(part.strip())
    return [g for g in GROUPS if g in found] + [g for g in found if g not in GROUPS]


def read_language(value: Any, cyrillic_name: bool, usual: str = "lv") -> str | None:
    """lv, ru, en or lt; an empty cell is ru for a name in Cyrillic, else `usual` (the list's own language);
    None when unreadable."""
    key = header_key(value)
    if not key:
        return "ru" if cyrillic_name else usual
    for language, beginnings in _LANGUAGE_WORDS:
        if key == language or any(key.startswith(b) for b in beginnings[1:]):
            return language
    return None


def read_consent(value: Any, today: date) -> str | None:
    """The consent date as ISO; a plain yes counts from `today`; ValueError when unreadable."""
    if isinstance(value, date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = cell_text(value)
    key = header_key(text) or text.strip()
    if not key or key in _NO:
        return None
    if key in _YES:
        return today.isoformat()
    parsed = read_date(text)
    if parsed is None:
        raise ValueError(text)
    return parsed.isoformat()
