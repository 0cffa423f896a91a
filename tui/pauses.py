"""The process's own pauses kept away from a scan's answer: Python's garbage collector and its thread switches.

A full pass of the garbage collector walks every object the process holds. On a
ten-year centre that is the registry of 3,000 people, Textual and the screens
(the camera's OpenCV and numpy live in a process of their own): 25-85 ms during which nothing else
runs, and at start, when everything is being made, such passes come one after
another. So the real app (`short_pauses`):

- starts with the collector held (`hold_collector`, before the store opens):
  what the start makes lives all day, and walking it again and again only
  delays the first screen;
- once the first screen is up, sets aside what it holds by then (`set_aside`: never walked again,
  `gc.freeze`) and lets the collector look after what is made from there on,
  which is little. At no other moment: what is set aside is never freed while
  a reference cycle holds it, and a screen's or a dialog's widgets are such
  cycles (set aside each time a scan screen showed again, every dialog closed
  over it stayed: 1.7 MB each);
- from the first scan screen on, lets the screen's output and the store's
  writes (threads of their own) take their turn within 0.2 ms, not Python's 5 ms;
- holds the collector while keys come (a scanner's card, a name typed) and
  lets it go once they have stopped for `KEYS_QUIET_S`: what a queue's answers
  leave behind is collected between two cards, not while one is answered
  (a pass over it took 2-5 ms, and fell on one card in ten).

Tests run with the collector as Python leaves it.
"""

from __future__ import annotations

import gc
import sys

__all__ = ["KEYS_QUIET_S", "collector_free", "collector_held", "hold_collector", "quick_switches", "set_aside"]

#: Seconds a thread may run before another gets its turn once scanning starts (Python's default is 0.005).
SWITCH_S = 0.0002
#: Seconds without a key after which the collector held for the keys is let go.
KEYS_QUIET_S = 0.1

#: The collector is held for keys now (collector_held), to be let go by collector_free.
_held_for_keys = False


def hold_collector() -> None:
    """No collector passes while the app starts (`set_aside` lets it go again)."""
    gc.disable()


def set_aside() -> None:
    """What the process holds now is kept out of the collector's passes, which go on for what comes after
    (once the keys have stopped, if it is held for them)."""
    gc.freeze()
    if not _held_for_keys:
        gc.enable()


def quick_switches() -> None:
    """Threads take turns within `SWITCH_S`, so a screen's output or a write never waits long for the lock."""
    sys.setswitchinterval(SWITCH_S)


def collector_held() -> None:
    """No collector passes while keys come (let go by `collector_free`); a collector held already stays so."""
    global _held_for_keys
    if gc.isenabled():
        gc.disable()
        _held_for_keys = True


def collector_free() -> None:
    """The keys have stopped: the collector held for them goes on (one held since the start stays held)."""
    global _held_for_keys
    if _held_for_keys:
        _held_for_keys = False
        gc.enable()
