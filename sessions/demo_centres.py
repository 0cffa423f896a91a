"""The demo's two centres: Daugavpils (made in Latvian, Russian or English) and the partner centre in Zarasai
(made in Lithuanian). Their people, places, staff and trips; what happens there is the same story."""

from __future__ import annotations

from dataclasses import dataclass, field

from sessions.i18n import N_

__all__ = ["DAUGAVPILS", "ZARASAI", "DemoCentre", "demo_centre"]


@dataclass(frozen=True)
class DemoCentre:
    """Everything the demo names: a centre as its staff would have typed it in, in its country's language.

    Texts marked with N_ are said in the language the demo is made in; the others are the centre's own
    (a Lithuanian centre's demo is made in Lithuanian only).
    """

    name: str
    #: The country whose public holidays the timetable follows (sessions/public_holidays.py).
    country: str
    #: The language of a participant whose name is in Latin letters (one in Cyrillic prefers Russian).
    language: str
    #: (first name, last name, gender); the last one is archived; by their place in the list, some stop
    #: coming and some have a contact (sessions/demo_timetable.py).
    people: tuple[tuple[str, str, str], ...]
    neighbourhoods: tuple[str, ...]
    #: The first leads the gym and the pool, the second Cigun and outdoor exercise.
    instructors: tuple[str, str]
    drivers: tuple[str, str]
    #: The hall, the pool and the park.
    places: tuple[str, str, str]
    vehicle: tuple[str, str]
    #: (name, title) of the two funder projects.
    projects: tuple[tuple[str, str], tuple[str, str]]
    #: Contacts by a person's place in the list.
    contacts: dict[int, str]
    #: Where each kind of trip goes.
    destinations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The staff member who corrected a trip.
    corrected_by: str = ""


DAUGAVPILS = DemoCentre(
    name="Daugavpils dienas centrs",
    country="LV",
    language="lv",
    people=(
        ("Jānis", "Bērziņš", "M"),
        ("Anna", "Kalniņa", "F"),
        ("Pēteris", "Ozols", "M"),
        ("Līga", "Liepiņa", "F"),
        ("Andris", "Kļaviņš", "M"),
        ("Inese", "Zariņa", "F"),
        ("Juris", "Krūmiņš", "M"),
        ("Ilze", "Ozoliņa", "F"),
        ("Gunārs", "Vītols", "M"),
        ("Māra", "Jansone", "F"),
        ("Valdis", "Āboliņš", "M"),
        ("Dace", "Lapiņa", "F"),
        ("Ēriks", "Šmits", "M"),
        ("Zane", "Ķēniņa", "F"),
        ("Aivars", "Žagars", "M"),
        ("Rasma", "Celmiņa", "F"),
        ("Imants", "Strazdiņš", "M"),
        ("Biruta", "Pētersone", "F"),
        ("Uldis", "Grīnbergs", "M"),
        ("Skaidrīte", "Dūmiņa", "F"),
        ("Ņina", "Ivanova", "F"),
        ("Sergejs", "Petrovs", "M"),
        ("Иван", "Петров", "M"),
        ("Галина", "Иванова", "F"),
        ("Николай", "Смирнов", "M"),
        ("Валентина", "Кузнецова", "F"),
        ("Сергей", "Попов", "M"),
        ("Людмила", "Васильева", "F"),
        ("Виктор", "Соколов", "M"),
        ("Тамара", "Михайлова", "F"),
        ("Владимир", "Новиков", "M"),
        ("Нина", "Фёдорова", "F"),
        ("Анатолий", "Морозов", "M"),
        ("Зинаида", "Волкова", "F"),
        ("Михаил", "Лебедев", "M"),
        ("Раиса", "Козлова", "F"),
        ("Борис", "Егоров", "M"),
        ("Антонина", "Павлова", "F"),
        ("Геннадий", "Семёнов", "M"),
        ("Лидия", "Голубева", "F"),
    ),
    neighbourhoods=("Centrs", "Jaunbūve", "Ķīmiķu ciemats", "Gajoks", "Grīva", "Esplanāde", "Ruģeļi"),
    instructors=("Olga Vasiļjeva", "Kārlis Miezis"),
    drivers=("Aleksandrs Jakovļevs", "Edgars Putniņš"),
    places=("Sporta zāle", "Peldbaseins", "Stropu parks"),
    vehicle=("Renault Trafic", "HN-4521"),
    projects=(("LLI-550", N_("Exercise for seniors")), ("LLI-425", N_("Together in Daugavpils"))),
    contacts={
        2: "+371 26 000 102",
        9: N_("Daughter Ilze: +371 29 000 109"),
        23: "+371 25 000 123",
        0: "+371 26 000 100",
        5: N_("Neighbour, flat 12: +371 27 000 105"),
    },
    destinations={
        "medical visit": ("Daugavpils reģionālā slimnīca", "Poliklīnika, 18. novembra iela"),
        "service transport": ("Peldbaseins",),
        "shopping": ("Daugavpils Centrāltirgus", "t/c Ditton nams"),
        "excursion": ("Daugavpils cietoksnis", "Aglonas bazilika", "Latgales vēstniecība GORS"),
    },
    corrected_by="Inga Lāce",
)

ZARASAI = DemoCentre(
    name="Zarasų dienos centras",
    country="LT",
    language="lt",
    people=(
        ("Jonas", "Petrauskas", "M"),
        ("Ona", "Kazlauskienė", "F"),
        ("Antanas", "Jankauskas", "M"),
        ("Janina", "Stankevičienė", "F"),
        ("Petras", "Vasiliauskas", "M"),
        ("Aldona", "Žukauskienė", "F"),
        ("Vytautas", "Butkus", "M"),
        ("Regina", "Paulauskienė", "F"),
        ("Algirdas", "Urbonas", "M"),
        ("Danutė", "Kavaliauskienė", "F"),
        ("Kazimieras", "Navickas", "M"),
        ("Genovaitė", "Ramanauskienė", "F"),
        ("Stasys", "Jonaitis", "M"),
        ("Birutė", "Pocienė", "F"),
        ("Juozas", "Bernotas", "M"),
        ("Elena", "Šimkienė", "F"),
        ("Povilas", "Lukoševičius", "M"),
        ("Irena", "Mockienė", "F"),
        ("Rimantas", "Baranauskas", "M"),
        ("Zita", "Kairienė", "F"),
        ("Ąžuolas", "Grigas", "M"),
        ("Laima", "Čepulienė", "F"),
        ("Česlovas", "Kriščiūnas", "M"),
        ("Aušra", "Grybauskaitė", "F"),
        ("Zenonas", "Vaitkus", "M"),
        ("Vanda", "Rimkienė", "F"),
        ("Gediminas", "Mažeika", "M"),
        ("Jadvyga", "Vaitkevičienė", "F"),
        ("Romualdas", "Šalkauskas", "M"),
        ("Stasė", "Bučienė", "F"),
        ("Leonas", "Gudelis", "M"),
        ("Teresė", "Adomaitienė", "F"),
        ("Eugenijus", "Dapkus", "M"),
        ("Marytė", "Sabaliauskienė", "F"),
        ("Natalja", "Smirnova", "F"),
        ("Sergejus", "Ivanovas", "M"),
        ("Галина", "Иванова", "F"),
        ("Николай", "Кузнецов", "M"),
        ("Тамара", "Михайлова", "F"),
        ("Виктор", "Соколов", "M"),
    ),
    neighbourhoods=("Zarasai", "Dusetos", "Antazavė", "Salakas", "Degučiai", "Turmantas", "Imbradas"),
    instructors=("Rasa Vaitkienė", "Darius Kairys"),
    drivers=("Mindaugas Balčiūnas", "Tomas Žemaitis"),
    places=("Didžioji salė", "Zarasų baseinas", "Didžiasalio sala"),
    vehicle=("Volkswagen Crafter", "KLM 482"),
    projects=(("LLI-550", N_("Exercise for seniors")), ("LLI-425", "Kartu Zarasuose")),
    contacts={
        2: "+370 612 00102",
        9: "Dukra Rūta: +370 612 00109",
        23: "+370 615 00123",
        0: "+370 612 00100",
        5: "Kaimynė, 12 butas: +370 617 00105",
    },
    destinations={
        "medical visit": ("Zarasų ligoninė", "Zarasų PSPC, Sėlių a."),
        "service transport": ("Zarasų baseinas",),
        "shopping": ("Zarasų turgus", "Maxima, D. Bukonto g."),
        "excursion": ("Stelmužės ąžuolas", "Zarasų apžvalgos ratas", "Dusetų dailės galerija"),
    },
    corrected_by="Inga Jonaitienė",
)


def demo_centre(language: str) -> DemoCentre:
    """The centre the demo is made as in `language`: the Lithuanian partner centre in Lithuanian, else Daugavpils."""
    return ZARASAI if language == "lt" else DAUGAVPILS
