"""The week's timetable for the notice board: one A4 landscape page, read back with pypdf, in Latvian and Russian."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.timetable_pdf import timetable_pdf, write_timetable_pdf
from exports.timetable_week import week_text, week_timetable_of
from sessions.i18n import _, set_language
from sessions.store import Store
from sessions.timetable import add_plan, holiday_name
from tests.conftest import MONDAY
from tests.timetable_helpers import CENTRE, GYM_CANCELLED, HOLIDAY, WEEK, hand_made_timetable

#: The week's dates and its Wednesday's holiday, as each language writes them.
DATES = {"lv": "47. nedēļa, 2026. gada 16.–22. nov.", "ru": "47-я неделя, 16–22 нояб. 2026 г."}


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _flat(text: str) -> str:
    """Text as read back, lines joined: a long name may wrap within its column."""
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["lv", "ru"])
def test_the_week_reads_back_in_the_language_chosen(store: Store, tmp_path: Path, language: str) -> None:
    hand_made_timetable(store)
    set_language(language)
    out = write_timetable_pdf(week_timetable_of(store.registry, WEEK), tmp_path / f"{language}.pdf", MONDAY)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) > round(float(box.height))  # landscape
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)
    text = _flat(reader.pages[0].extract_text())
    assert CENTRE in text
    assert DATES[language] in text
    holiday = holiday_name(HOLIDAY)
    assert holiday and _flat(holiday) in text
    for word in (_("Monday"), _("Friday"), _("Saturday"), "Sporta zāle", "Olga Vasiļjeva", "Kārlis Miezis"):
        assert word in text, word
    assert _("Sunday") not in text  # nothing is planned on Sunday: no column for it
    assert _flat(_("Cancelled: {reason}").format(reason=GYM_CANCELLED)) in text
    assert "10:00–11:00" in text and "13:00–14:00" in text


def test_the_holiday_is_named_in_the_language_chosen(store: Store) -> None:
    hand_made_timetable(store)
    names = {}
    for language in ("lv", "ru"):
        set_language(language)
        names[language] = holiday_name(HOLIDAY)
        assert names[language] and names[language] in week_text(week_timetable_of(store.registry, WEEK))
    assert names["lv"] != names["ru"]


def test_a_week_of_weekdays_only_has_five_columns(store: Store) -> None:
    made = hand_made_timetable(store)
    text = week_text(week_timetable_of(store.registry, "2026-W46"))
    assert "Friday" in text and "Saturday" not in text and "Sunday" not in text
    assert made.plans["Gym"]["place"] in text


def _busy(store: Store) -> None:
    """Four sessions every day of the week, with long names: a full notice board."""
    registry = store.registry
    registry.set_settings({"centre_name": "Daugavpils pilsētas sociālo pakalpojumu dienas centrs"})
    names = ("Vingrošana sēdus ar nūjām", "Цигун для начинающих", "Ūdens aerobika baseinā", "Galda spēles")
    for index, name in enumerate(names):
        activity = registry.add_item("activities", MONDAY, name=name, capacity=12)
        for weekday in range(1, 8):
            add_plan(
                registry,
                MONDAY,
                activity_id=activity["id"],
                weekday=weekday,
                start=f"{9 + 2 * index:02d}:00",
                end=f"{10 + 2 * index:02d}:30",
                place="Peldbaseins „Daugava”, Stacijas iela 45a" if index == 2 else "Sporta zāle, 2. stāvs",
                instructor="Anastasija Konstantinova-Bērziņa" if index == 1 else "Olga Vasiļjeva",
                valid_from="2026-11-02",
            )


@pytest.mark.parametrize("language", ["lv", "ru"])
def test_a_busy_week_fits_one_page_with_every_session(store: Store, tmp_path: Path, language: str) -> None:
    _busy(store)
    set_language(language)
    week = week_timetable_of(store.registry, "2026-W46")  # no holiday that week
    out = write_timetable_pdf(week, tmp_path / "busy.pdf", MONDAY)
    (page,) = _pages(out)
    set_language("en")
    text = _flat(page)
    assert len(week.days) == 7 and all(len(day.lines) == 4 for day in week.days)
    for start in ("09:00–10:30", "11:00–12:30", "13:00–14:30", "15:00–16:30"):
        assert text.count(start) == 7, start
    assert text.count("Galda spēles") == 7


def test_the_weekdays_are_shown_and_a_weekend_day_only_with_a_session(store: Store) -> None:
    hand_made_timetable(store)
    week = week_timetable_of(store.registry, WEEK)
    assert [d.day for d in week.days] == [date(2026, 11, d) for d in (16, 17, 18, 19, 20, 21)]
    assert timetable_pdf(week, MONDAY)[:4] == b"%PDF"
