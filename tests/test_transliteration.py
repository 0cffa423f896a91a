"""A name is found in either alphabet: its Latvian, passport and English spellings fold to one key."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from sessions.names import name_key, names_key, search_key
from sessions.store import Store
from tests.conftest import MONDAY

# Three spellings of Russian letters, written here from their sources, apart from sessions/names.py.

#: Latvian spelling of Russian names, letter by letter (Cabinet Regulation No. 114, 2004):
#: the endings Latvian adds (Petrovs) and its softened ļ ņ are left to the examples below.
LATVIAN = {
    **dict(zip("абвгдезиклмнопрстуфыэ", "abvgdeziklmnoprstufie", strict=True)),
    **{"ё": "jo", "ж": "ž", "й": "j", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "šč"},
    **{"ъ": "", "ь": "", "ю": "ju", "я": "ja"},
}
#: ICAO Doc 9303 (machine-readable passports), part 3, the Cyrillic table.
ICAO = {
    **dict(zip("абвгдезиклмнопрстуфэ", "ABVGDEZIKLMNOPRSTUFE", strict=True)),
    **{"ё": "E", "ж": "ZH", "й": "I", "х": "KH", "ц": "TS", "ч": "CH", "ш": "SH", "щ": "SHCH"},
    **{"ъ": "IE", "ы": "Y", "ь": "", "ю": "IU", "я": "IA"},
}
#: BGN/PCGN 1947, the usual English spelling: е and ё are ye and yë first in a word and after a vowel or a sign.
ENGLISH = {
    **dict(zip("абвгдезиклмнопрстуфэ", "abvgdeziklmnoprstufe", strict=True)),
    **{"ё": "ë", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"},
    **{"ъ": '"', "ы": "y", "ь": "'", "ю": "yu", "я": "ya"},
}
_VOWELS = "аеёиоуыэюя"
_CONSONANTS = "бвгджзйклмнпрстфхцчшщ"


def spelled(word: str, table: dict[str, str]) -> str:
    """`word` in Latin letters, letter by letter, a capital kept as one."""
    out = []
    for index, letter in enumerate(word):
        latin = table.get(letter.lower(), letter)
        before = word[index - 1].lower() if index else " "
        if table is ENGLISH and letter.lower() in "её" and before in _VOWELS + "йъь ":
            latin = "y" + latin
        out.append(latin.capitalize() if letter.isupper() and table is not ICAO else latin)
    return "".join(out)


@st.composite
def russian_words(draw: st.DrawFn) -> str:
    """A word that could be a Russian name: syllables of up to two consonants, a sign and a vowel."""
    word = ""
    for _ in range(draw(st.integers(1, 4))):
        onset = draw(st.text(alphabet=_CONSONANTS, max_size=2))
        vowel = draw(st.sampled_from(_VOWELS))
        sign = draw(st.sampled_from(["", "ь", "ъ"])) if onset else ""
        # ъ stands only before е and ё (Объедков), and Russian never writes ёо.
        word += onset + (sign if sign == "ь" or vowel in "её" else "") + vowel
    word += draw(st.sampled_from(["", "й", "ь", "в", "н", "ц", "ш", "х", "ж", "ч", "щ"]))
    assume("ёо" not in word)
    return word


russian_names = st.lists(russian_words(), min_size=1, max_size=3).map(lambda words: " ".join(w.title() for w in words))


@given(russian_names)
def test_a_russian_name_and_its_latvian_passport_and_english_spellings_have_one_key(name: str) -> None:
    key = name_key(name)
    assert key
    for table in (LATVIAN, ICAO, ENGLISH):
        assert name_key(spelled(name, table)) == key, (name, spelled(name, table))


@given(russian_names)
def test_case_never_matters(name: str) -> None:
    assert name_key(name.upper()) == name_key(name.lower()) == name_key(name)


#: Latvian and Lithuanian letters with diacritics, and the letters they are found by.
_MARKED = dict(zip("āčēģīķļņšūžąęėįųĀČĒĢĪĶĻŅŠŪŽĄĘĖĮŲ", "acegiklnsuzaeeiuACEGIKLNSUZAEEIU", strict=True))


@given(st.text(alphabet="abcdefghiklmnoprstuvz -" + "".join(_MARKED), min_size=1, max_size=30))
def test_latvian_and_lithuanian_diacritics_are_ignored(name: str) -> None:
    plain = "".join(_MARKED.get(c, c) for c in name)
    assert name_key(name) == name_key(plain)


def test_the_examples_of_the_issue_and_the_usual_spellings_of_one_name() -> None:
    assert "ivanov" in name_key("Иванова Галина")
    assert "ivanov" in name_key("Ivanovs")
    assert name_key("петр") in name_key("Petrovs")
    assert name_key("kuzmina") == name_key("Кузьмина") == name_key("Kuz'mina") == name_key("Kuzmina")
    assert name_key("Žukovs") == name_key("Zhukov") == name_key("Жуков") == name_key("ZHUKOV")
    assert name_key("Jurijs") == name_key("Yuriy") == name_key("Iurii") == name_key("Юрий")
    assert name_key("Jeļena") == name_key("Yelena") == name_key("Елена") == name_key("Elena")
    assert name_key("Fjodors") == name_key("Fyodor") == name_key("Фёдор") == name_key("Федор")
    assert name_key("Natālija") == name_key("Natalya") == name_key("Наталья")
    assert name_key("Gaļina") == name_key("Галина") and name_key("Šarūnas") == name_key("Sarunas")
    assert name_key("Ščukins") == name_key("Щукин") == name_key("Shchukin")
    assert name_key("Objedkovs") == name_key("Обʺедков") == name_key('Ob"yedkov')
    assert name_key("Bērziņš") == name_key("berzins") == name_key("Берзиньш")
    assert name_key("smit") in name_key("Ēriks Šmits") and name_key("celm") in name_key("Celmiņa")
    assert name_key("Čehovs") == name_key("Chekhov") == name_key("Чехов")
    # Letters Latvian, Russian and Lithuanian do not use are spelled too.
    assert name_key("Łukasz Müller") == name_key("Lukasz Muller")


def test_the_first_letters_of_any_word_of_a_name_find_it_as_they_are_typed(demo_store: Store) -> None:
    # From the third letter on, typed without diacritics, in the name's own alphabet.
    registry = demo_store.registry
    for person in registry.participants():
        for word in (person.first_name, person.last_name):
            for end in range(3, len(word) + 1):
                typed = search_key(word[:end])
                assert person in registry.find(typed, limit=None, include_archived=True), (word, typed)


# a query finds a name iff ... ---------------------------------------------------------------

CITY = [
    ("Галина", "Иванова"),
    ("Pjotrs", "Petrovs"),
    ("Анна", "Кузьмина"),
    ("Jurijs", "Žukovs"),
    ("Фёдор", "Щукин"),
    ("Jānis", "Bērziņš"),
    ("Šarūnas", "Ąžuolas"),
    ("Ilze", "Ozoliņa"),
    ("Jeļena", "Objedkova"),
    ("Наталья", "Цой"),
]


def _city(folder: Path) -> Store:
    store = Store(folder)
    store.__enter__()
    for first, last in CITY:
        store.registry.add_participant(MONDAY, first_name=first, last_name=last, birth_year=1950)
    return store


@given(query=st.text(alphabet="abcijkovrsuzhtšžāēАБВИКОУЮЯЖЩЬ '-", max_size=12))
def test_a_query_finds_exactly_the_names_that_hold_each_of_its_words(query: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _city(Path(folder))
        try:
            found = {(p.first_name, p.last_name) for p in store.registry.find(query, limit=None)}
        finally:
            store.__exit__(None, None, None)
    words = name_key(query).split()
    assert found == {n for n in CITY if words and all(w in name_key(f"{n[0]} {n[1]}") for w in words)}


def test_any_word_of_a_name_in_any_spelling_finds_the_person(tmp_path: Path) -> None:
    store = _city(tmp_path)
    try:
        registry = store.registry
        for first, last in CITY:
            queries = [last, last.upper(), first + " " + last, last + " " + first]
            if any(c in LATVIAN for c in last.lower()):
                queries += [spelled(last, LATVIAN), spelled(last, ICAO), spelled(last, ENGLISH)]
            for query in queries:
                assert (first, last) in {(p.first_name, p.last_name) for p in registry.find(query)}, query
        assert [p.last_name for p in registry.find("ivanov")] == ["Иванова"]
        assert [p.last_name for p in registry.find("петр")] == ["Petrovs"]
        assert [p.last_name for p in registry.find("kuzmina")] == ["Кузьмина"]
        assert [p.last_name for p in registry.find("жуков юрий")] == ["Žukovs"]
    finally:
        store.__exit__(None, None, None)


def test_each_name_is_keyed_once_however_often_the_door_searches(tmp_path: Path) -> None:
    store = _city(tmp_path)
    try:
        registry = store.registry
        registry.find("an")
        before = names_key.cache_info()
        for typed in ("a", "an", "ann", "anna", "анна к"):
            registry.find(typed)
        assert names_key.cache_info().misses == before.misses and names_key.cache_info().hits == before.hits
        # A new person: one more name keyed, the others are remembered.
        registry.add_participant(MONDAY, first_name="Юрий", last_name="Новиков", birth_year=1947)
        assert [p.last_name for p in registry.find("jurijs")] == ["Žukovs", "Новиков"]
        after = names_key.cache_info()
        assert after.misses == before.misses + 1 and after.hits == before.hits + len(CITY)
    finally:
        store.__exit__(None, None, None)


#: Lithuanian names, as a partner centre writes them and as a Russian list spells them.
LITHUANIAN = [
    ("Ona Kazlauskienė", "Она Казлаускене"),
    ("Jonas Petrauskas", "Йонас Петраускас"),
    ("Rūta Žukauskaitė", "Рута Жукаускайте"),
    ("Vytautas Mickevičius", "Витаутас Мицкевичюс"),
    ("Šarūnas Ąžuolas", "Шарунас Ажуолас"),
    ("Dalia Grybauskaitė", "Даля Грибаускайте"),
    ("Gintarė Šimkūnienė", "Гинтаре Шимкунене"),
]


def test_a_lithuanian_name_is_found_without_its_diacritics_and_in_its_russian_spelling(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        registry = store.registry
        for name, _russian in LITHUANIAN:
            first, last = name.split()
            registry.add_participant(MONDAY, first_name=first, last_name=last, birth_year=1950)
        for name, russian in LITHUANIAN:
            plain = "".join(_MARKED.get(c, c) for c in name)
            assert name_key(name) == name_key(plain) == name_key(russian), (name, russian)
            for query in (plain.lower(), plain.split()[1][:4], russian, name.upper()):
                assert [p.full_name for p in registry.find(query)] == [name], query
        assert [p.full_name for p in registry.find("kazlauskiene ona")] == ["Ona Kazlauskienė"]
        assert [p.full_name for p in registry.find("ąžuol")] == ["Šarūnas Ąžuolas"]
        assert [p.full_name for p in registry.find("Ona Казлаус")] == ["Ona Kazlauskienė"]  # two alphabets at once


#: Lithuanian letters, those with diacritics among them, and Russian letters: a name typed in a mix of them.
_LITHUANIAN_ALPHABET = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž"


@given(st.text(alphabet=_LITHUANIAN_ALPHABET + _LITHUANIAN_ALPHABET.upper() + " -", min_size=1, max_size=30))
def test_a_lithuanian_name_in_capitals_or_without_diacritics_has_one_key(name: str) -> None:
    plain = "".join(_MARKED.get(c, c) for c in name)
    assert name_key(name) == name_key(plain) == name_key(name.upper()) == name_key(plain.lower())
