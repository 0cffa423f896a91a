"""A week as people say it (sessions/i18n.py `format_week`): its number and its days, in each language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sessions.clock import week_key
from sessions.i18n import format_month, format_week, set_language

#: (a day of the week, lv, ru, en), without the year.
WEEKS = [
    (date(2026, 11, 25), "48. nedēļa, 23.–29. nov.", "48-я неделя, 23–29 нояб.", "week 48, 23–29 Nov"),
    # Across a month: both months named.
    (date(2026, 12, 1), "49. nedēļa, 30. nov. – 6. dec.", "49-я неделя, 30 нояб. – 6 дек.", "week 49, 30 Nov – 6 Dec"),
    # ISO week 53, across a year.
    (date(2027, 1, 3), "53. nedēļa, 28. dec. – 3. janv.", "53-я неделя, 28 дек. – 3 янв.", "week 53, 28 Dec – 3 Jan"),
    # Week 1 that starts in the year before.
    (date(2025, 12, 29), "1. nedēļa, 29. dec. – 4. janv.", "1-я неделя, 29 дек. – 4 янв.", "week 1, 29 Dec – 4 Jan"),
    # May after a day in Russian is "мая", March in Latvian is not shortened.
    (date(2026, 5, 6), "19. nedēļa, 4.–10. maijs", "19-я неделя, 4–10 мая", "week 19, 4–10 May"),
]  # fmt: skip

#: The same with the year: said once when the week is within one year, on both sides when not.
WITH_YEAR = [
    (date(2026, 11, 23), "48. nedēļa, 2026. gada 23.–29. nov.", "48-я неделя, 23–29 нояб. 2026 г.",
     "week 48, 23–29 Nov 2026"),
    (date(2026, 11, 30), "49. nedēļa, 2026. gada 30. nov. – 6. dec.", "49-я неделя, 30 нояб. – 6 дек. 2026 г.",
     "week 49, 30 Nov – 6 Dec 2026"),
    (date(2026, 12, 28), "53. nedēļa, 2026. gada 28. dec. – 2027. gada 3. janv.",
     "53-я неделя, 28 дек. 2026 г. – 3 янв. 2027 г.", "week 53, 28 Dec 2026 – 3 Jan 2027"),
]  # fmt: skip


@pytest.mark.parametrize(("day", "lv", "ru", "en"), WEEKS)
def test_a_week_is_its_number_and_its_days(day: date, lv: str, ru: str, en: str) -> None:
    for language, said in (("lv", lv), ("ru", ru), ("en", en)):
        set_language(language)
        assert format_week(day) == said
        assert format_week(week_key(day)) == said  # the key says the same week


@pytest.mark.parametrize(("day", "lv", "ru", "en"), WITH_YEAR)
def test_with_the_year_said_once_or_on_both_sides(day: date, lv: str, ru: str, en: str) -> None:
    for language, said in (("lv", lv), ("ru", ru), ("en", en)):
        set_language(language)
        assert format_week(day, year=True) == said


#: (a day of the week, lt without the year, lt with it): the month first, in the genitive, the days as "d.".
LITHUANIAN = [
    (date(2026, 11, 25), "48 savaitė, lapkričio 23–29 d.", "48 savaitė, 2026 m. lapkričio 23–29 d."),
    (date(2026, 12, 1), "49 savaitė, lapkričio 30 d. – gruodžio 6 d.",
     "49 savaitė, 2026 m. lapkričio 30 d. – gruodžio 6 d."),
    (date(2027, 1, 3), "53 savaitė, gruodžio 28 d. – sausio 3 d.",
     "53 savaitė, 2026 m. gruodžio 28 d. – 2027 m. sausio 3 d."),
    (date(2026, 5, 6), "19 savaitė, gegužės 4–10 d.", "19 savaitė, 2026 m. gegužės 4–10 d."),
]  # fmt: skip


@pytest.mark.parametrize(("day", "without_year", "with_year"), LITHUANIAN)
def test_a_week_as_lithuanian_says_it(day: date, without_year: str, with_year: str) -> None:
    set_language("lt")
    assert format_week(day) == without_year
    assert format_week(week_key(day)) == without_year
    assert format_week(day, year=True) == with_year


def test_every_day_of_a_week_says_the_same_week_and_only_its_number_changes_the_next() -> None:
    set_language("en")
    monday = date(2026, 12, 28)
    assert {format_week(monday + timedelta(days=n)) for n in range(7)} == {"week 53, 28 Dec – 3 Jan"}
    assert format_week(monday + timedelta(days=7)) == "week 1, 4–10 Jan"


def test_a_month_under_a_bar_as_it_stands_alone() -> None:
    expected = {"lv": ("marts", "nov."), "ru": ("март", "нояб."), "en": ("Mar", "Nov"), "lt": ("kov.", "lapkr.")}
    for language, (march, november) in expected.items():
        set_language(language)
        assert (format_month(date(2026, 3, 9)), format_month(date(2026, 11, 1))) == (march, november)
