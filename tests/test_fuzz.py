"""Fuzzing: nothing a scanner or a keyboard can send crashes a scan input or checks in garbage."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events

from sessions.attendance import OpenSession, start_session
from sessions.checkin import Outcome, check_in
from sessions.codes import CODE_LENGTH, is_valid, parse_scan
from sessions.storage.journal import read_log
from sessions.store import Store
from sessions.trips import open_trip
from tests.conftest import Clock
from tests.pilot_helpers import settle
from tui.app import CentrelogApp
from tui.screens.driver.boarding import BoardingScreen
from tui.screens.instructor.checkin import CheckInScreen

#: Anything: control characters, Latvian and Cyrillic letters, emoji, digits with junk around.
scans = st.one_of(
    st.text(),
    st.text(alphabet=string.digits + " \t\r\n", max_size=16),
    st.from_regex(r"\A[\x00-\x1f ]*\d{10}[\x00-\x1f a-z]*\Z"),
)


@given(scans)
def test_parse_scan_returns_a_valid_code_or_a_reason(raw: str) -> None:
    parsed = parse_scan(raw)
    if parsed.code is None:
        assert parsed.problem is not None
    else:
        assert len(parsed.code) == CODE_LENGTH and parsed.code.isascii() and parsed.code.isdigit()
        assert is_valid(parsed.code)


@pytest.fixture(scope="module")
def gym(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, OpenSession]:
    from sessions.demo import seed_demo

    clock = Clock()
    store = Store(tmp_path_factory.mktemp("fuzz"))
    seed_demo(store, clock())
    activity = store.registry.items("activities")[0]
    return store, start_session(store, activity["id"], "Zāle", "Inga", clock())


def _admissible(store: Store, raw: str) -> bool:
    code = parse_scan(raw).code
    card = store.registry.card(code) if code else None
    person = store.registry.participant(card.participant_id) if card else None
    return bool(card and not card.revoked and person and not person.archived)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(raw=scans)
def test_only_a_registered_valid_card_checks_in(gym: tuple[Store, OpenSession], raw: str) -> None:
    store, session = gym
    before = session.count
    result = check_in(session, store.registry, raw, Clock()())
    if result.outcome is Outcome.CHECKED_IN:
        assert _admissible(store, raw)
        assert session.count == before + 1
    else:
        assert session.count == before


def _garbage(rng: random.Random) -> list[events.Key]:
    """Random keys: printable, non-ASCII, and control characters, as a terminal reports them."""
    pool = string.printable[:-5] + "āčēģīķļņšūžĀŠŽёжщЯ€ß😀" + "\x00\x01\x02\x07\x08\x0b\x0c\x1b\x7f"
    keys = []
    for char in rng.choices(pool, k=rng.randint(1, 25)):
        code = ord(char)
        if code < 32 and char not in "\r\n\t" and code != 27:
            keys.append(events.Key(f"ctrl+{chr(code + 96)}", char))
        elif char == "\x7f":
            keys.append(events.Key("backspace", char))
        elif code != 27 and char != "\x0c":
            keys.append(
                events.Key(
                    char
                    if char.isprintable() and char != " "
                    else {" ": "space", "\t": "tab", "\n": "ctrl+j", "\r": "enter"}.get(char, char),
                    char,
                )
            )
    return [*keys, events.Key("enter", "\r")]


async def _type_garbage(app: CentrelogApp, pilot: object, scans_of: object, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(rounds):
        for key in _garbage(rng):
            app.post_message(key)
    await pilot.press(*"0000000000", "enter")  # a known refusal last: when it is logged, all before it are
    await settle(pilot, lambda: bool(scans_of()) and scans_of()[-1].get("raw") == "0000000000", rounds=3000)  # type: ignore[operator]
    assert len(scans_of()) > rounds // 2  # type: ignore[operator]  # the garbage did reach the input


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_into_the_check_in_screen(demo_store: Store, clock: Clock, seed: int) -> None:
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        await _type_garbage(app, pilot, lambda: screen.session.scans, rounds=40, seed=seed)
        assert app.screen is screen
        # Garbage never checks in as a card; letters alone may name the one person they list.
        assert all(c["method"] == "manual" for c in screen.session.checkins)
    on_disk = read_log(screen.session.log.path) or {}
    assert all(c["method"] == "manual" for c in (on_disk.get("checkins") or {}).values())


async def test_random_keys_into_the_boarding_screen(demo_store: Store, clock: Clock) -> None:
    vehicle = demo_store.registry.items("vehicles")[0]
    open_trip(
        demo_store,
        vehicle_id=vehicle["id"],
        driver="Edgars Putniņš",
        purpose="excursion",
        destination="Aglona",
        departure=clock(),
        odometer_start=vehicle["odometer"],
        safety_check=True,
        now=clock(),
    )
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        screen = app.screen
        assert isinstance(screen, BoardingScreen)
        await _type_garbage(app, pilot, lambda: screen.trip.scans, rounds=40, seed=3)
        assert app.screen is screen
        assert all(b["method"] == "manual" for b in screen.trip.boardings)  # never garbage as a card
