"""A card as a laptop's camera sees it: rendered as printed, placed in a 1280×720 frame at a distance and a slant.

The camera is a typical laptop webcam: 1280×720, 70° across (about 78° on
the diagonal), a fixed focus. A card `distance_cm` away fills as much of the
frame as it would through that lens; it is turned `slant_deg` about its
upright axis and `tilt_deg` in its own plane, then the picture is made as a
webcam makes it: a little optical blur, sensor noise, the light's contrast,
and the camera's own JPEG (MJPG) compression.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from exports.cards import CARD_SIZE_MM, CardFace, card_png

__all__ = [
    "FRAME",
    "Look",
    "card_image",
    "empty_frame",
    "frame_with_card",
    "phone_screen",
]

#: The camera's picture: width, height.
FRAME = (1280, 720)
#: The camera's field of view across the frame, in degrees.
FIELD_OF_VIEW_DEG = 70.0
#: Pixels per millimetre the card is rendered at before the camera looks at it.
RENDER_DPI = 600

#: A grey picture (uint8), or one being made (float32): OpenCV's arrays, typed loosely.
Grey = NDArray[Any]


@dataclass(frozen=True)
class Look:
    """How the camera sees the card: how far, how turned, how sharp, how lit."""

    distance_cm: float = 40.0
    slant_deg: float = 0.0
    tilt_deg: float = 0.0
    #: Optical blur, the sigma of a Gaussian in frame pixels (0.7: a webcam in focus).
    blur: float = 0.7
    #: Sensor noise, the standard deviation in grey levels.
    noise: float = 3.0
    #: The darkest and lightest grey the card's black and white come out as.
    black: int = 25
    white: int = 225
    #: The webcam's JPEG quality (its MJPG stream).
    jpeg: int = 80
    #: Where the card's centre is, as a share of the frame (0.5, 0.5 is the middle).
    at: tuple[float, float] = (0.5, 0.5)


@cache
def card_image(code: str, name: str = "Anna-Marija Bērziņa-Ozoliņa", centre: str = "Dienas centrs") -> Grey:
    """The printed card as grey pixels at RENDER_DPI, exactly as exports.cards draws it."""
    png = card_png(CardFace(centre, name, code), dpi=RENDER_DPI)
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=np.uint8)


def _focal_px() -> float:
    return FRAME[0] / 2 / math.tan(math.radians(FIELD_OF_VIEW_DEG / 2))


def _corners(look: Look, size_mm: tuple[float, float]) -> NDArray[Any]:
    """Where the card's four corners land in the frame (pinhole camera, card turned about its centre)."""
    width, height = size_mm
    slant, tilt = math.radians(look.slant_deg), math.radians(look.tilt_deg)
    focal = _focal_px()
    centre_x = (look.at[0] - 0.5) * FRAME[0] * look.distance_cm * 10 / focal
    centre_y = (look.at[1] - 0.5) * FRAME[1] * look.distance_cm * 10 / focal
    points = []
    for x, y in (
        (-width / 2, -height / 2),
        (width / 2, -height / 2),
        (width / 2, height / 2),
        (-width / 2, height / 2),
    ):
        x, y = x * math.cos(tilt) - y * math.sin(tilt), x * math.sin(tilt) + y * math.cos(tilt)
        x3, z3 = x * math.cos(slant), x * math.sin(slant)
        depth = look.distance_cm * 10 + z3
        points.append(
            (
                FRAME[0] / 2 + focal * (x3 + centre_x) / depth,
                FRAME[1] / 2 + focal * (y + centre_y) / depth,
            )
        )
    return np.array(points, dtype=np.float32)


def empty_frame(seed: int = 0) -> Grey:
    """What the camera sees without a card: a dim room, soft shapes and a little texture."""
    rng = np.random.default_rng(seed)
    small = rng.integers(60, 170, size=(9, 16)).astype(np.uint8)
    room = cv2.resize(small, FRAME, interpolation=cv2.INTER_CUBIC)
    return cv2.GaussianBlur(room, (0, 0), 25)


def _as_webcam(frame: NDArray[Any], look: Look, rng: np.random.Generator) -> Grey:
    if look.blur > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), look.blur)
    if look.noise > 0:
        frame = frame + rng.normal(0, look.noise, frame.shape).astype(np.float32)
    grey = np.clip(frame, 0, 255).astype(np.uint8)
    if look.jpeg < 100:
        ok, jpeg = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, look.jpeg])
        grey = cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE) if ok else grey
    return grey


def _warp_onto(frame: NDArray[Any], picture: NDArray[Any], corners: NDArray[Any], nearest: bool) -> None:
    """Warp `picture` so that its corners land on `corners`, over `frame`; its edges blend as a lens blends them."""
    height, width = picture.shape
    source = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=np.float32)
    warp = cv2.getPerspectiveTransform(source, corners)
    # Nearest: the screen's pixels land whole, unaveraged, which is what beats against the sensor's grid.
    flags = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
    placed = cv2.warpPerspective(picture, warp, FRAME, flags=flags, borderValue=0.0)
    cover = cv2.warpPerspective(np.ones_like(picture), warp, FRAME, flags=flags, borderValue=0.0)
    frame *= 1.0 - cover
    frame += placed


def _cover(corners: NDArray[Any]) -> NDArray[Any]:
    """1 inside the quadrilateral `corners`, 0 outside."""
    cover = np.zeros((FRAME[1], FRAME[0]), np.uint8)
    cv2.fillConvexPoly(cover, np.round(corners).astype(np.int32), 1)
    return cover


def _place(picture: Grey, size_mm: tuple[float, float], look: Look, background: Grey) -> NDArray[Any]:
    """`picture` (of `size_mm`) put into the frame over `background`, its greys mapped to the light's."""
    corners = _corners(look, size_mm)
    lit: Grey = look.black + picture.astype(np.float32) * ((look.white - look.black) / 255.0)
    # Shrunk first with INTER_AREA (a lens averages light), then warped: no detail aliases.
    shrink = int(picture.shape[1] / max(1.0, float(np.ptp(corners[:, 0]))) // 2)
    if shrink > 1:
        lit = cv2.resize(lit, (lit.shape[1] // shrink, lit.shape[0] // shrink), interpolation=cv2.INTER_AREA)
    frame = background.astype(np.float32)
    _warp_onto(frame, lit, corners, nearest=False)
    return frame


def frame_with_card(code: str, look: Look = Look(), seed: int = 0) -> Grey:
    """One 1280×720 grey camera frame with the printed card of `code` in it."""
    rng = np.random.default_rng(seed)
    frame = _place(card_image(code), CARD_SIZE_MM, look, empty_frame(seed))
    return _as_webcam(frame, look, rng)


def phone_screen(code: str, look: Look = Look(), seed: int = 0, width_mm: float = 68.0) -> Grey:
    """The card's picture on a phone's screen: bright, its pixel grid beating against the camera's (moiré).

    The screen is 68 mm wide at about 450 pixels per inch; each of its pixels
    is drawn with the dark gap around it, and the frame is sampled without
    averaging first, so the grid aliases as it does on a real sensor. The
    screen's black is grey (glass and reflections) and its white is close to
    clipping.
    """
    rng = np.random.default_rng(seed)
    card = card_image(code)
    screen_px = round(width_mm / 25.4 * 450)
    scale = screen_px / card.shape[1]
    shown = cv2.resize(card, (screen_px, round(card.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    cells = np.repeat(np.repeat(shown, 3, axis=0), 3, axis=1).astype(np.float32)
    cells[2::3, :] *= 0.85  # the darker line between rows of pixels
    cells[:, 2::3] *= 0.85
    size_mm = (width_mm, width_mm * cells.shape[0] / cells.shape[1])
    corners = _corners(look, size_mm)
    bright = look.black + 40 + cells * ((255 - look.black - 40) / 255.0) * 1.1
    frame = empty_frame(seed).astype(np.float32)
    # The phone around its screen: a dark body a few millimetres wide.
    body = cv2.dilate(_cover(corners), np.ones((25, 25), np.uint8)).astype(bool)
    frame[body] = 30
    _warp_onto(frame, bright, corners, nearest=True)
    return _as_webcam(frame, look, rng)
