"""The big coloured answer to a scan: green, yellow or red, with one sentence."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from sessions.names import one_full_stop

__all__ = ["Answer"]

_MARKS = {"green": "✔", "yellow": "●", "red": "✖", "idle": "▸"}


class Answer(Static):
    """Shows the answer to the last scan, unmistakably, across the screen."""

    DEFAULT_CSS = """
    Answer {
        height: 5;
        width: 1fr;
        content-align: center middle;
        text-style: bold;
        padding: 0 2;
        background: $panel;
        color: $text;
    }
    Answer.green { background: $success-darken-1; color: white; }
    Answer.yellow { background: $warning; color: black; }
    Answer.red { background: $error; color: white; }
    """

    #: The sentence showing now ("" before the first).
    sentence = ""
    #: Its colour, and how many times in a row it has been the answer.
    colour = ""
    times = 0

    def show(self, colour: str, sentence: str) -> None:
        """Paint the answer in `colour` (green, yellow, red or idle).

        The same answer again (the same card refused twice) is counted, "(2×)",
        so the second never looks as though nothing happened.
        """
        # "Removed: Līga L." — the name's full stop ends the sentence too.
        sentence = one_full_stop(sentence)
        same = (colour, sentence) == (self.colour, self.sentence)
        self.times = self.times + 1 if same else 1
        self.sentence, self.colour = sentence, colour
        self.set_classes(colour)
        again = f"  ({self.times}×)" if self.times > 1 else ""
        # Plain text, never markup: a sentence may quote what was typed ("Nobody matches “[x”.").
        # Its size is fixed by CSS: a repaint is enough, no layout of the screen.
        self.update(Content(f"{_MARKS.get(colour, '')}  {sentence}{again}"), layout=False)
