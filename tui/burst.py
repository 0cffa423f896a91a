"""Telling a scanner's burst from a person's typing, by when the keys arrive.

A USB scanner is a keyboard: it types a card's digits and Enter within a few
milliseconds, whatever screen is showing. A person's two fastest keys come
tens of milliseconds apart, and a run of several keys far slower. So a
character is held back until the next key says what it was: more characters
at a scanner's pace ending in Enter (or Tab, or LF) make a scan, anything else
lets the held characters go on as typed, in order, a pause of BURST_GAP_S at
most later.

This module decides; `tui/app.py` feeds it the terminal's keys and carries
out what it decides. It knows no screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["BURST_GAP_S", "SCAN_ENDS", "SCAN_MIN_CHARS", "BurstReader", "Decision"]

#: The longest pause between two keys of one burst. A scanner types a character every millisecond or
#: two (the terminal may deliver them at once); a person's quickest pairs of keys come 40 ms or more
#: apart, and a held key repeats every 30-50 ms but is never followed by Enter that fast.
BURST_GAP_S = 0.035
#: The fewest characters before the end key for a burst to be a scan. A card has ten; a damaged or
#: foreign code may have fewer, and is still a scan (answered "not a card"), never keys.
SCAN_MIN_CHARS = 3
#: Keys that end a scan: Enter, Tab (a scanner's other usual suffix) and LF (which arrives as ctrl+j).
SCAN_ENDS = frozenset({"enter", "tab", "ctrl+j", "ctrl+m"})

Key = TypeVar("Key")


@dataclass
class Decision(Generic[Key]):
    """What to do with the keys seen so far: let some go on as typed, hold one, or answer a scan."""

    #: Keys held back earlier that go on as typed, in order, before anything else.
    release: list[Key] = field(default_factory=list)
    #: The key just seen goes on as typed (after `release`).
    passes: bool = False
    #: The text of a scan: the held characters and the key just seen were a scanner's burst.
    scan: str | None = None


class BurstReader(Generic[Key]):
    """Reads keys one at a time, with their arrival times, and says what each one is.

    `character(key)` gives the printable character a key types, or None (F-keys, arrows, Enter);
    `name(key)` its name ("enter", "tab", "1").
    """

    def __init__(self, character: Callable[[Key], str | None], name: Callable[[Key], str]) -> None:
        self._character = character
        self._name = name
        self._held: list[Key] = []
        self._last_at = 0.0
        #: Grows with every key held: a timer set for one holding knows whether it is still the latest.
        self.generation = 0
        #: When the last burst of two keys or more was seen (a scan, or keys at a scanner's pace).
        self.last_burst_at: float | None = None
        #: When the latest key arrived.
        self.last_key_at: float | None = None

    @property
    def holding(self) -> bool:
        """Whether characters are held back, waiting for the next key or the pause that lets them go."""
        return bool(self._held)

    def key(self, key: Key, at: float) -> Decision[Key]:
        """The next key, which arrived at `at` (seconds, on the clock the terminal's keys are stamped with)."""
        decision: Decision[Key] = Decision()
        self.last_key_at = at
        if self._held:
            if at - self._last_at > BURST_GAP_S:
                decision.release = self._let_go()
            else:
                self.last_burst_at = at
        character = self._character(key)
        if character is not None:
            self._held.append(key)
            self._last_at = at
            self.generation += 1
            return decision
        if self._name(key) in SCAN_ENDS and len(self._held) >= SCAN_MIN_CHARS:
            text = "".join(self._character(held) or "" for held in self._held)
            self._held = []
            decision.scan = text
            return decision
        decision.release += self._let_go()
        decision.passes = True
        return decision

    def burst_before(self, within_s: float) -> bool:
        """Whether the latest key came within `within_s` seconds of a burst (or was part of one)."""
        last, key = self.last_burst_at, self.last_key_at
        return last is not None and key is not None and key - last < within_s

    def pause(self, generation: int) -> list[Key]:
        """The pause after the key that made `generation` ended: the held keys go on as typed.

        A later key held since (a newer generation) means the burst goes on: nothing is let go.
        """
        if generation != self.generation:
            return []
        return self._let_go()

    def _let_go(self) -> list[Key]:
        held, self._held = self._held, []
        return held
