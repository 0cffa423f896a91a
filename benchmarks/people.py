"""Names, groups and years of birth of a synthetic centre's participants."""

from __future__ import annotations

import random
from typing import Any

__all__ = ["NEIGHBOURHOODS", "person"]

_LV_MEN = [
    "Jānis",
    "Pēteris",
    "Andris",
    "Juris",
    "Gunārs",
    "Valdis",
    "Ēriks",
    "Aivars",
    "Imants",
    "Uldis",
    "Kārlis",
    "Edgars",
    "Māris",
    "Ivars",
    "Aigars",
    "Gints",
    "Arvīds",
    "Viesturs",
    "Raimonds",
    "Egils",
    "Jāzeps",
    "Voldemārs",
    "Ojārs",
    "Gvido",
    "Normunds",
    "Dzintars",
    "Ilmārs",
    "Visvaldis",
    "Zigfrīds",
    "Artūrs",
]
_LV_WOMEN = [
    "Anna",
    "Līga",
    "Inese",
    "Ilze",
    "Māra",
    "Dace",
    "Zane",
    "Rasma",
    "Biruta",
    "Skaidrīte",
    "Aina",
    "Vija",
    "Daina",
    "Velta",
    "Austra",
    "Mirdza",
    "Ausma",
    "Ināra",
    "Gunta",
    "Sarmīte",
    "Ērika",
    "Ligita",
    "Silvija",
    "Dzidra",
    "Rūta",
    "Valentīna",
    "Ņina",
    "Anita",
    "Irēna",
    "Lūcija",
]
# Latvian surnames as (masculine, feminine).
_LV_SURNAMES = [
    ("Bērziņš", "Bērziņa"),
    ("Kalniņš", "Kalniņa"),
    ("Ozols", "Ozola"),
    ("Liepiņš", "Liepiņa"),
    ("Kļaviņš", "Kļaviņa"),
    ("Zariņš", "Zariņa"),
    ("Krūmiņš", "Krūmiņa"),
    ("Ozoliņš", "Ozoliņa"),
    ("Vītols", "Vītola"),
    ("Jansons", "Jansone"),
    ("Āboliņš", "Āboliņa"),
    ("Lapiņš", "Lapiņa"),
    ("Šmits", "Šmite"),
    ("Ķēniņš", "Ķēniņa"),
    ("Žagars", "Žagare"),
    ("Celmiņš", "Celmiņa"),
    ("Strazdiņš", "Strazdiņa"),
    ("Pētersons", "Pētersone"),
    ("Grīnbergs", "Grīnberga"),
    ("Dūmiņš", "Dūmiņa"),
    ("Rozenbergs", "Rozenberga"),
    ("Balodis", "Balode"),
    ("Eglītis", "Eglīte"),
    ("Siliņš", "Siliņa"),
    ("Vanags", "Vanaga"),
    ("Lācis", "Lāce"),
    ("Purmalis", "Purmale"),
    ("Priede", "Priede"),
    ("Sproģis", "Sproģe"),
    ("Upītis", "Upīte"),
    ("Podnieks", "Podniece"),
    ("Līcis", "Līce"),
]
_RU_MEN = [
    "Иван",
    "Николай",
    "Сергей",
    "Виктор",
    "Владимир",
    "Анатолий",
    "Михаил",
    "Борис",
    "Геннадий",
    "Александр",
    "Юрий",
    "Валерий",
    "Василий",
    "Пётр",
    "Алексей",
    "Григорий",
    "Леонид",
    "Евгений",
    "Аркадий",
    "Фёдор",
]
_RU_WOMEN = [
    "Галина",
    "Валентина",
    "Людмила",
    "Тамара",
    "Нина",
    "Зинаида",
    "Раиса",
    "Антонина",
    "Лидия",
    "Татьяна",
    "Ольга",
    "Надежда",
    "Вера",
    "Любовь",
    "Светлана",
    "Ирина",
    "Елена",
    "Мария",
    "Клавдия",
    "Екатерина",
]
_RU_SURNAMES = [
    ("Петров", "Петрова"),
    ("Иванов", "Иванова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Попов", "Попова"),
    ("Васильев", "Васильева"),
    ("Соколов", "Соколова"),
    ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Лебедев", "Лебедева"),
    ("Козлов", "Козлова"),
    ("Егоров", "Егорова"),
    ("Павлов", "Павлова"),
    ("Семёнов", "Семёнова"),
    ("Голубев", "Голубева"),
    ("Виноградов", "Виноградова"),
    ("Богданов", "Богданова"),
    ("Орлов", "Орлова"),
    ("Зайцев", "Зайцева"),
    ("Жуков", "Жукова"),
    ("Белов", "Белова"),
]
# Russian speakers often registered in the Latvian spelling of their names.
_RU_IN_LATVIAN = {
    "Иван": "Ivans",
    "Николай": "Nikolajs",
    "Сергей": "Sergejs",
    "Виктор": "Viktors",
    "Владимир": "Vladimirs",
    "Галина": "Gaļina",
    "Валентина": "Valentina",
    "Людмила": "Ludmila",
    "Тамара": "Tamāra",
    "Нина": "Ņina",
    "Петров": "Petrovs",
    "Петрова": "Petrova",
    "Иванов": "Ivanovs",
    "Иванова": "Ivanova",
    "Смирнов": "Smirnovs",
    "Смирнова": "Smirnova",
    "Попов": "Popovs",
    "Попова": "Popova",
}

NEIGHBOURHOODS = [
    "Centrs",
    "Jaunbūve",
    "Ķīmiķu ciemats",
    "Gajoks",
    "Grīva",
    "Esplanāde",
    "Ruģeļi",
    "Jaunā Forštate",
    "Vecā Forštate",
    "Cietoksnis",
    "Stropi",
    "Ziemeļu rajons",
]


def _groups(rng: random.Random, birth_year: int) -> list[str]:
    groups = ["senior"] if birth_year <= 1961 else []
    roll = rng.random()
    if roll < 0.12:
        groups += ["disability", "wheelchair"]
    elif roll < 0.35:
        groups.append("disability")
    return groups or ["disability"]


def person(rng: random.Random) -> dict[str, Any]:
    """The registered fields of one invented participant."""
    gender = "F" if rng.random() < 0.64 else "M"
    russian = rng.random() < 0.45
    if russian:
        first = rng.choice(_RU_WOMEN if gender == "F" else _RU_MEN)
        last = rng.choice(_RU_SURNAMES)[gender == "F"]
        if rng.random() < 0.4:
            first, last = _RU_IN_LATVIAN.get(first, first), _RU_IN_LATVIAN.get(last, last)
    else:
        first = rng.choice(_LV_WOMEN if gender == "F" else _LV_MEN)
        last = rng.choice(_LV_SURNAMES)[gender == "F"]
    birth_year = rng.randint(1930, 1975)
    return {
        "first_name": first,
        "last_name": last,
        "birth_year": birth_year,
        "gender": gender if rng.random() < 0.9 else None,
        "groups": _groups(rng, birth_year),
        "neighbourhood": rng.choice(NEIGHBOURHOODS),
        "language": "ru" if russian else "lv",
    }
