"""A card held up is one scan: a code counts when it comes into the picture, not on every frame it is read in."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["GONE_AFTER_FRAMES", "CardsInView"]

#: Frames in a row without a card before it has left the picture (half a second at 30 frames a second).
#: A card held up is read in nearly every frame; a few frames lost to a shake or a glare do not end it.
GONE_AFTER_FRAMES = 15


class CardsInView:
    """The cards in the picture now, frame by frame.

    A card read in a frame is new (a scan) unless it was read in one of the
    last `gone_after` frames: held up for seconds, it is one scan; taken away
    and shown again, it is a second one.
    """

    def __init__(self, gone_after: int = GONE_AFTER_FRAMES) -> None:
        self.gone_after = gone_after
        #: Each card in view, and the frames in a row it has not been read in.
        self.unseen_for: dict[str, int] = {}

    def frame(self, codes: Iterable[str]) -> list[str]:
        """The cards read in one frame that have just come into view, in the order read."""
        read = list(dict.fromkeys(codes))
        for code in list(self.unseen_for):
            if code in read:
                self.unseen_for[code] = 0
            else:
                self.unseen_for[code] += 1
                if self.unseen_for[code] >= self.gone_after:
                    del self.unseen_for[code]
        new = [code for code in read if code not in self.unseen_for]
        for code in new:
            self.unseen_for[code] = 0
        return new
