"""The burst reader: a scanner's keys make a scan, a person's keys go on as typed, in order, none lost."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from tui.burst import BURST_GAP_S, SCAN_MIN_CHARS, BurstReader

NAMED = {"enter": None, "tab": None, "ctrl+j": None, "escape": None, "f10": None, "down": None, "backspace": None}


@dataclass(frozen=True)
class K:
    """A key as the reader sees it: its name and the character it types (None for Enter, F-keys …)."""

    name: str
    n: int  # its place in the input, so that equal keys stay told apart

    @property
    def char(self) -> str | None:
        return None if self.name in NAMED else self.name


def reader() -> BurstReader[K]:
    return BurstReader(lambda k: k.char, lambda k: k.name)


def feed(keys: list[str], gaps: list[float]) -> tuple[list[K | str], BurstReader[K]]:
    """What comes out, in order: keys that go on as typed, and each scan's text as a string.

    After the last key, the pause lets go whatever is still held.
    """
    burst, out, at = reader(), [], 0.0
    for n, (name, gap) in enumerate(zip(keys, gaps, strict=True)):
        at += gap
        key = K(name, n)
        decision = burst.key(key, at)
        out += decision.release
        if decision.scan is not None:
            out.append(decision.scan)
        elif decision.passes:
            out.append(key)
    out += burst.pause(burst.generation)
    return out, burst


def card(code: str, end: str = "enter", pace: float = 0.001) -> tuple[list[str], list[float]]:
    keys = [*code, end]
    return keys, [pace] * len(keys)


def test_a_card_at_a_scanners_pace_is_one_scan() -> None:
    for end in ("enter", "tab", "ctrl+j"):
        out, _ = feed(*card("8127684268", end))
        assert out == ["8127684268"]


def test_a_person_typing_the_same_digits_types_them() -> None:
    keys = [*"8127684268", "enter"]
    out, burst = feed(keys, [0.12] * len(keys))
    assert [k.name for k in out if isinstance(k, K)] == keys
    assert burst.last_burst_at is None


def test_two_cards_back_to_back_are_two_scans() -> None:
    keys, gaps = card("8127684268")
    more, more_gaps = card("6260181591")
    out, _ = feed(keys + more, gaps + more_gaps)
    assert out == ["8127684268", "6260181591"]


def test_a_short_fast_pair_before_enter_is_typing_not_a_scan() -> None:
    keys = ["1"] * (SCAN_MIN_CHARS - 1) + ["enter"]
    out, burst = feed(keys, [0.005] * len(keys))
    assert all(isinstance(k, K) for k in out) and [k.name for k in out] == keys  # type: ignore[union-attr]
    assert burst.burst_before(1.0)  # but a destructive Yes straight after it is not taken


def test_a_burst_without_an_end_key_is_let_go_as_typed_once_the_scanner_pauses() -> None:
    keys = list("Rīga")
    out, burst = feed(keys, [0.001] * len(keys))
    assert [k.name for k in out if isinstance(k, K)] == keys
    assert not burst.holding


def test_a_pause_for_an_older_key_lets_nothing_go() -> None:
    burst = reader()
    burst.key(K("1", 0), 0.0)
    first = burst.generation
    burst.key(K("2", 1), 0.001)
    assert burst.pause(first) == [] and burst.holding
    assert [k.name for k in burst.pause(burst.generation)] == ["1", "2"]


def test_a_key_after_a_pause_longer_than_a_burst_lets_the_held_ones_go_first() -> None:
    burst = reader()
    burst.key(K("5", 0), 0.0)
    decision = burst.key(K("enter", 1), BURST_GAP_S * 3)
    assert [k.name for k in decision.release] == ["5"] and decision.passes and decision.scan is None


names = st.sampled_from(["1", "7", "a", "ā", "Ж", " ", *NAMED])
gaps = st.one_of(st.floats(0.0, BURST_GAP_S * 0.9), st.floats(BURST_GAP_S * 1.1, 2.0))


@given(st.lists(st.tuples(names, gaps), max_size=60))
def test_every_key_comes_out_once_in_order_or_inside_a_scan(keys: list[tuple[str, float]]) -> None:
    out, burst = feed([k for k, _ in keys], [g for _, g in keys])
    assert not burst.holding
    # Put each scan back as its characters and its end key: the input, in order, nothing lost or added.
    rebuilt: list[str] = []
    names_in = [k for k, _ in keys]
    for item in out:
        if isinstance(item, str):
            rebuilt += [*item, names_in[len(rebuilt) + len(item)]]
        else:
            assert item.n == len(rebuilt)
            rebuilt.append(item.name)
    assert rebuilt == names_in


@given(st.lists(st.tuples(names, st.floats(BURST_GAP_S * 1.1, 2.0)), max_size=60))
def test_keys_at_a_persons_pace_are_never_a_scan(keys: list[tuple[str, float]]) -> None:
    out, burst = feed([k for k, _ in keys], [g for _, g in keys])
    assert not any(isinstance(item, str) for item in out)
    assert burst.last_burst_at is None


@given(st.text("0123456789", min_size=SCAN_MIN_CHARS, max_size=20), st.sampled_from(["enter", "tab", "ctrl+j"]))
def test_digits_at_a_scanners_pace_then_the_end_key_are_always_a_scan(code: str, end: str) -> None:
    out, _ = feed(*card(code, end, pace=BURST_GAP_S * 0.5))
    assert out == [code]
