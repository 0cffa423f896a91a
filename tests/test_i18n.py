"""The catalogues: complete, not stale, real plural forms, dates as each language writes them."""

from __future__ import annotations

import ast
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sessions.i18n import (
    LANGUAGES,
    _,
    choose_language,
    format_date,
    format_datetime,
    format_time,
    mo_bytes,
    mo_messages,
    mo_path,
    ngettext,
    po_path,
    set_language,
)
from tools.i18n import extract

REPO = Path(__file__).resolve().parents[1]


def _ids(catalog: object) -> set[str]:
    """Each message as `context|id` (or just its id), plural ones by their singular."""
    ids = set()
    for message in catalog:  # type: ignore[attr-defined]
        if message.id:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            ids.add(f"{message.context}|{msgid}" if message.context else msgid)
    return ids


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    return _ids(extract())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_has_every_message_and_no_stale_ones(language: str, source_ids: set[str]) -> None:
    with po_path(language).open("rb") as file:
        catalog = read_po(file)
    ids = _ids(catalog)
    assert sorted(source_ids - ids) == [], "missing: run python -m tools.i18n"
    assert sorted(ids - source_ids) == [], "stale: run python -m tools.i18n"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_message_is_translated(language: str) -> None:
    with po_path(language).open("rb") as file:
        catalog = read_po(file)
    missing = [
        m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]
    assert missing == [], f"untranslated in {language}: see python -m tools.i18n"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_translations_keep_their_placeholders(language: str) -> None:
    with po_path(language).open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(_placeholders(ids[-1])) | set(_placeholders(ids[0]))
        for string in strings:
            assert set(_placeholders(string)) <= wanted, (message.id, string)


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        (
            "lv",
            {
                0: "dalībnieku",
                1: "dalībnieks",
                2: "dalībnieki",
                10: "dalībnieku",
                11: "dalībnieku",
                21: "dalībnieks",
                25: "dalībnieki",
                111: "dalībnieku",
            },
        ),
        (
            "ru",
            {
                0: "участников",
                1: "участник",
                2: "участника",
                5: "участников",
                11: "участников",
                21: "участник",
                22: "участника",
                112: "участников",
            },
        ),
        ("en", {0: "participants", 1: "participant", 2: "participants"}),
        (
            "lt",
            {
                0: "dalyvių",
                1: "dalyvis",
                2: "dalyviai",
                9: "dalyviai",
                10: "dalyvių",
                11: "dalyvių",
                21: "dalyvis",
                22: "dalyviai",
                111: "dalyvių",
            },
        ),
    ],
)
def test_counts_take_the_right_plural_form(language: str, counts: dict[int, str]) -> None:
    set_language(language)
    for count, word in counts.items():
        text = ngettext("{n} participant.", "{n} participants.", count).format(n=count)
        assert text == f"{count} {word}.", (count, text)


def test_translations_are_used_and_switch_at_once() -> None:
    set_language("lv")
    latvian = _("Who is at the keyboard?")
    set_language("ru")
    russian = _("Who is at the keyboard?")
    set_language("lt")
    lithuanian = _("Who is at the keyboard?")
    set_language("en")
    assert len({latvian, russian, lithuanian, _("Who is at the keyboard?")}) == 4


def test_dates_and_times_as_each_language_writes_them() -> None:
    moment = datetime(2026, 11, 23, 9, 5)
    expected = {"lv": "23.11.2026.", "ru": "23.11.2026", "en": "23 Nov 2026", "lt": "2026-11-23"}
    for language, text in expected.items():
        set_language(language)
        assert format_date(moment.date()) == text
        assert format_time(moment) == "09:05"
        assert format_datetime(moment) == f"{text} 09:05"
    set_language("lv")
    assert format_date(date(2026, 3, 1), year=False) == "01.03."
    set_language("lt")
    assert format_date(date(2026, 3, 1), year=False) == "03-01"


#: Lithuanian's three forms: 1, 21, 101 (not 11); 2–9, 22–29 (not 12–19); 0, 10–20, 30, 100, 111.
_LITHUANIAN_FORMS = {1: 0, 21: 0, 101: 0, 1001: 0, 2: 1, 9: 1, 22: 1, 29: 1, 102: 1,
                     0: 2, 10: 2, 11: 2, 12: 2, 19: 2, 20: 2, 30: 2, 100: 2, 111: 2}  # fmt: skip


def test_lithuanian_counts_take_one_of_three_forms() -> None:
    """The catalogue's rule picks the form Lithuanian uses: 1 dalyvis, 2 dalyviai, 10 dalyvių, 21 dalyvis."""
    import gettext

    from tools.i18n import PLURAL_FORMS

    with po_path("lt").open("rb") as file:
        catalog = read_po(file)
    assert catalog.plural_forms == PLURAL_FORMS["lt"]
    assert catalog.num_plurals == 3
    rule = gettext.c2py(PLURAL_FORMS["lt"].split("plural=")[1].rstrip(";"))
    assert {n: rule(n) for n in _LITHUANIAN_FORMS} == _LITHUANIAN_FORMS


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_passes_msgfmt_check_as_a_po_editor_wants_it(language: str, tmp_path: Path) -> None:
    """Poedit and Lokalize read what msgfmt accepts: the header's language, plural rule and charset, no
    placeholder header left, every format string's placeholders kept."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    with po_path(language).open("rb") as file:
        catalog = read_po(file)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == language
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "nplurals=" in headers["Plural-Forms"]


def test_the_language_comes_from_the_flag_then_the_setting_then_the_system_then_latvian() -> None:
    assert choose_language("ru", "en", {"LANG": "en_GB.UTF-8"}) == "ru"
    assert choose_language(None, "en", {"LANG": "ru_RU.UTF-8"}) == "en"
    assert choose_language(None, None, {"LANG": "ru_RU.UTF-8"}) == "ru"
    assert choose_language(None, None, {"LC_ALL": "lv_LV.UTF-8", "LANG": "en_US.UTF-8"}) == "lv"
    assert choose_language(None, "de", {"LANGUAGE": "de:en"}) == "en"
    assert choose_language(None, None, {"LANG": "C.UTF-8"}) == "lv"
    assert choose_language(None, None, {"LANG": "lt_LT.UTF-8"}) == "lt"
    assert choose_language("lt", "ru", {"LANG": "lv_LV.UTF-8"}) == "lt"
    assert choose_language(None, None, {}) == "lv"


def _translated_too_early(path: Path) -> list[str]:
    """`_()` calls that run at import, in a class body or at module level: they freeze one language."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if (
                not inside
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in {"_", "ngettext", "pgettext"}
            ):
                found.append(f"{path.relative_to(REPO)}:{child.lineno}")
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def test_nothing_is_translated_at_import_time() -> None:
    """BINDINGS and other class-level texts use N_(); the footer translates them when shown."""
    files = [p for folder in ("tui", "exports") for p in sorted((REPO / folder).rglob("*.py"))]
    found = [hit for path in files for hit in _translated_too_early(path)]
    assert found == [], "use N_() here and _() where the text is shown: " + ", ".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_exported_column_headers_follow_the_language(language: str, tmp_path: Path) -> None:
    from exports.weekly import export_week
    from sessions.clock import week_key
    from sessions.demo import seed_demo
    from sessions.store import Store
    from tests.conftest import MONDAY

    set_language(language)
    with Store(tmp_path / "data") as store:
        seed_demo(store, MONDAY)
        week = week_key(MONDAY.replace(day=MONDAY.day - 7))
        result = export_week(store, week, out=tmp_path / "out")
        keys = export_week(store, week, out=tmp_path / "keys", column_keys=True)
    for path in result.paths:
        if path.suffix == ".csv":
            header = path.read_text(encoding="utf-8-sig").splitlines()[0]
            assert _("Date") in header or _("Measure") in header or _("Week") in header, (path.name, header)
    for path in keys.paths:  # stable keys for scripts, whatever the language
        if path.suffix == ".csv":
            assert path.read_text(encoding="utf-8-sig").splitlines()[0].isascii(), path.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_the_app_reads_is_its_source_compiled(language: str) -> None:
    compiled = mo_messages(mo_path(language).read_bytes())
    assert compiled == mo_messages(mo_bytes(po_path(language).read_bytes())), "stale: run python -m tools.i18n"


def test_a_later_babel_compiles_the_same_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel writes its own version into the compiled header: the check compares messages, not that."""
    po = po_path("lv").read_bytes()
    today = mo_bytes(po)
    monkeypatch.setattr("babel.messages.catalog.VERSION", "9.99.0")
    in_a_year = mo_bytes(po)
    assert today != in_a_year
    assert mo_messages(today) == mo_messages(in_a_year)
    wheelchair = 'msgstr "  ratiņkrēslā: {n}"'.encode()
    changed = po.replace(wheelchair, 'msgstr "  ratiņos: {n}"'.encode(), 1)
    assert changed != po
    assert mo_messages(mo_bytes(changed)) != mo_messages(today)


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("lv", {"Trenažieru zāle", "Cigun", "Baseins", "Vingrošana ārā"}),
        ("ru", {"Тренажёрный зал", "Цигун", "Бассейн", "Зарядка на воздухе"}),
        ("en", {"Gym", "Cigun", "Pool", "Outdoor exercise"}),
    ],
)
def test_the_demo_names_its_activities_in_the_language_it_is_made_in(
    tmp_path: Path, language: str, names: set[str]
) -> None:
    from sessions.demo import seed_demo
    from sessions.store import Store

    set_language(language)
    with Store(tmp_path / "demo") as store:
        seed_demo(store, datetime(2026, 11, 23, 9, 0))
        assert {a["name"] for a in store.registry.items("activities")} == names
        held = {
            s["activity"]
            for _w, _d, path in store.log_files()
            for s in (store.read_log(path) or {}).get("sessions", {}).values()
        }
        assert held == names  # the sessions carry the same names as the list


def test_a_date_in_a_form_is_written_as_the_language_writes_it_and_read_back() -> None:
    from sessions.participants import read_date, typed_date

    day = date(2026, 11, 23)
    for language, typed in (("lv", "23.11.2026"), ("ru", "23.11.2026"), ("lt", "2026-11-23")):
        set_language(language)
        assert typed_date(day) == typed and read_date(typed) == day
