"""A video of cards held up to a laptop's camera, made from cards rendered as printed, played to the app as its camera.

Each card is rendered as exports/cards.py prints it and placed in a 1280×720
frame 35 cm from the camera (benchmarks/camera_frames.py); the video is
written with OpenCV's VideoWriter (MJPG in an .avi, which the headless wheel
writes and reads), at a high frame rate so that the test does not wait.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2

from benchmarks.camera_frames import FRAME, Grey, Look, empty_frame, frame_with_card

__all__ = ["FPS", "Shot", "blurred", "card_video", "gone", "held"]

#: Frames a second the video says it has: the app plays it at that pace, as a camera would give it.
FPS = 100
#: How far the card is held: a distance at which every frame of a still card reads.
CLOSE = Look(distance_cm=35)


@dataclass(frozen=True)
class Shot:
    """`frames` frames of one picture: a card held still, a card moving (blurred past reading), or no card."""

    code: str | None
    frames: int
    moving: bool = False


def held(code: str, frames: int = 20) -> Shot:
    """The card held still in front of the camera."""
    return Shot(code, frames)


def blurred(code: str, frames: int = 5) -> Shot:
    """The card moving: the camera sees a smear it cannot read."""
    return Shot(code, frames, moving=True)


def gone(frames: int = 30) -> Shot:
    """No card in the picture (more frames than the app waits before a card has left)."""
    return Shot(None, frames)


def _picture(shot: Shot) -> Grey:
    if shot.code is None:
        return empty_frame(1)
    frame = frame_with_card(shot.code, CLOSE, seed=1)
    return cv2.GaussianBlur(frame, (0, 0), 9) if shot.moving else frame


def card_video(path: Path, shots: Sequence[Shot], fps: int = FPS) -> Path:
    """Write the shots, one after another, as an MJPG .avi at `path`."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, FRAME)
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write an MJPG video at {path}")
    pictures: dict[Shot, object] = {}
    try:
        for shot in shots:
            key = Shot(shot.code, 0, shot.moving)
            if key not in pictures:
                pictures[key] = cv2.cvtColor(_picture(shot), cv2.COLOR_GRAY2BGR)
            for _ in range(shot.frames):
                writer.write(pictures[key])  # type: ignore[call-overload]
    finally:
        writer.release()
    return path
