"""The one input a queue of cards is scanned into: scanner-proof by construction."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from tui.burst import BURST_GAP_S, SCAN_ENDS, SCAN_MIN_CHARS

__all__ = ["ScanInput"]

_LINE_END = re.compile(r"[\r\n\t]+")


class ScanInput(Input):
    """An Input that hands over its value and clears itself in the same step.

    A USB scanner types a card's digits and Enter within milliseconds, and
    the next card follows at once. The stock Input posts Submitted and lets
    a handler clear it later, by which time the next card's first digits
    may already be in it. Here the value is taken and the input emptied
    before anything else runs, so no scan is merged, split or reordered.
    Enter, Tab and LF (ctrl+j) all end a scan.
    """

    #: Keys that end a scan. They are handled in the key handler itself, not
    #: as bindings: a binding runs only after the key has bubbled up to the
    #: app, by which time the next card's digits are already in the input
    #: (Textual issue 6605).
    SCAN_ENDS = SCAN_ENDS
    PICKS = {"down": 1, "up": -1}

    @dataclass
    class Scanned(Message):
        """A complete scan or typed entry."""

        scan_input: ScanInput
        value: str
        #: The characters that came at a scanner's pace just before the end key, when they make a scan
        #: (tui/burst.py): a card, or a foreign code, that is never looked up as a name.
        burst: str | None = None

        @property
        def control(self) -> ScanInput:
            return self.scan_input

    @dataclass
    class Pick(Message):
        """Up or down: move through the live name matches."""

        scan_input: ScanInput
        step: int

        @property
        def control(self) -> ScanInput:
            return self.scan_input

    #: Characters typed but not yet in the value: a scanner's burst is put in at once.
    _typed = ""
    #: The characters of the latest run of keys at a scanner's pace, and when the last of them came.
    _run = ""
    _run_at: float | None = None
    #: Told of every key (the camera's decoding and its preview wait while keys come).
    key_came: Callable[[], object] | None = None

    def on_mount(self) -> None:
        # A steady cursor: a blink repaints the screen twice a second, and a repaint
        # that falls on a scan delays its answer (it also keeps an idle laptop busy).
        self.cursor_blink = False

    def _watch_value(self, value: str) -> None:
        # The stock Input asks for a layout of the whole screen on every key,
        # because its virtual size follows the text: eleven layouts a scan.
        # This input's own size never changes with its text, so a repaint does.
        # Setting the new virtual size quietly first makes the stock assignment a no-op.
        if self.suggester is None and not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def take(self) -> str:
        """Empty the input and return what it held.

        No Changed message is sent for the emptying: the Scanned message that
        follows says what happened, and a name picked from the matches must
        still be picked when it arrives.
        """
        self.put_in_typed()
        value = self.value
        with self.prevent(Input.Changed):
            self.value = ""
        return value

    def put_in_typed(self) -> None:
        """Put the characters typed since the last key was handled into the value, in one step."""
        typed, self._typed = self._typed, ""
        if typed:
            self.insert_text_at_cursor(typed)

    def _keep_time(self, event: events.Key) -> str | None:
        """Follow the run of keys at a scanner's pace; at an end key, the run when it makes a scan."""
        at, last = event.time, self._run_at
        in_run = last is not None and at - last <= BURST_GAP_S
        if event.key in self.SCAN_ENDS:
            burst = self._run if in_run and len(self._run) >= SCAN_MIN_CHARS else None
            self._run, self._run_at = "", None
            return burst
        if event.is_printable and event.character:
            self._run = (self._run if in_run else "") + event.character
            self._run_at = at
        else:
            self._run, self._run_at = "", None
        return None

    async def _on_key(self, event: events.Key) -> None:
        if self.key_came is not None:
            self.key_came()
        burst = self._keep_time(event)
        if event.key in self.SCAN_ENDS:
            event.stop()
            event.prevent_default()
            value = self.take()
            if value.strip():
                self.post_message(self.Scanned(self, value, burst))
        elif event.key in self.PICKS:
            event.stop()
            event.prevent_default()
            self.put_in_typed()
            self.post_message(self.Pick(self, self.PICKS[event.key]))
        elif event.key == "escape" and (self.value or self._typed):
            # Escape first takes back what was typed (a name looked for); the screen's own Escape comes after.
            event.stop()
            event.prevent_default()
            self._typed = ""
            self.value = ""
        elif event.is_printable and event.character and self.selection.is_empty:
            # The stock Input puts each character in the value as it comes: a
            # round of watchers, a Changed message and a repaint per key. Here
            # the characters wait until the keys already queued are handled
            # (put_in_typed runs after them), or until a key that is not a
            # character: a scan's ten digits go in at once, a person's typing
            # still shows at every key.
            event.stop()
            event.prevent_default()
            if not self._typed:
                self.call_later(self.put_in_typed)
                self._restart_blink()
            self._typed += event.character
        else:
            self.put_in_typed()
            await super()._on_key(event)

    async def action_submit(self) -> None:
        value = self.take()
        if value.strip():
            self.post_message(self.Scanned(self, value))

    def _on_paste(self, event: events.Paste) -> None:
        # A terminal may deliver a burst of scans as one paste: each line is a scan.
        event.stop()
        event.prevent_default()
        self.put_in_typed()
        parts = _LINE_END.split(event.text)
        *complete, rest = parts
        if complete:
            first = self.take() + complete[0]
            for value in [first, *complete[1:]]:
                if value.strip():
                    self.post_message(self.Scanned(self, value))
        else:
            rest = event.text
        if rest:
            self.insert_text_at_cursor(rest)
