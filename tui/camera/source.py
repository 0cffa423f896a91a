"""Which camera: a camera's number, a video file or a stream address, as OpenCV opens them; why one did not open.

OpenCV (`opencv-python-headless`, with zxing-cpp the `camera` extra) is
imported only when a camera is used: a laptop without it starts as fast, and
is told how to add it. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from sessions.i18n import _

__all__ = [
    "CAMERA_SOURCE",
    "CameraSource",
    "camera_on_setting",
    "cameras_found",
    "load_opencv",
    "missing_opencv",
    "opencv_installed",
    "still_working",
    "why_not_opened",
]

#: The local setting holding this laptop's camera (each laptop has its own camera).
CAMERA_SOURCE = "camera_source"
#: Camera numbers looked at where the system does not list its video devices.
NUMBERS_TRIED = range(4)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def camera_on_setting(screen: str) -> str:
    """The local setting saying whether the camera is on for `screen` ("checkin", "boarding") on this laptop."""
    return f"camera_on_{screen}"


@dataclass(frozen=True)
class CameraSource:
    """A camera as the person chose it: its number ("0"), a video file's path, or a stream's address."""

    text: str

    @property
    def number(self) -> int | None:
        """The camera's number, when the source is a camera of this laptop."""
        text = self.text.strip()
        return int(text) if text.isdigit() else None

    @property
    def is_stream(self) -> bool:
        """An address such as rtsp://… or http://… (an IP camera, a phone's camera app)."""
        return bool(_URL.match(self.text.strip()))

    @property
    def path(self) -> Path:
        """The video file's path, ~ expanded."""
        return Path(self.text.strip()).expanduser()

    def opened_as(self) -> int | str:
        """What OpenCV's VideoCapture is given."""
        number = self.number
        if number is not None:
            return number
        return self.text.strip() if self.is_stream else str(self.path)

    def open(self, cv2: Any) -> Any:
        """An OpenCV VideoCapture of this source (look at its isOpened()); on Linux a camera through V4L2 only."""
        number = self.number
        if number is not None and sys.platform.startswith("linux"):
            return cv2.VideoCapture(number, cv2.CAP_V4L2)
        return cv2.VideoCapture(self.opened_as())

    def name(self) -> str:
        """How the box and the list name it: "Camera 0", a file's name, a stream's address."""
        number = self.number
        if number is not None:
            return _("Camera {number}").format(number=number)
        return self.text.strip() if self.is_stream else self.path.name


def opencv_installed() -> bool:
    """Whether the camera extra (OpenCV and zxing-cpp) is installed, without loading it."""
    from importlib.util import find_spec

    try:
        return find_spec("cv2") is not None and find_spec("zxingcpp") is not None
    except (ImportError, ValueError):
        return False


def load_opencv() -> ModuleType | None:
    """OpenCV, imported quietly (its warnings would write over the screen); None when it is not installed."""
    # OpenCV and FFmpeg write their warnings straight to the terminal, under Textual's feet.
    os.environ.setdefault("OPENCV_LOG_LEVEL", "SILENT")
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    os.environ.setdefault("OPENCV_VIDEOIO_DEBUG", "0")
    try:
        import cv2
        import zxingcpp  # noqa: F401 - the decoder comes with the same extra
    except ImportError:
        return None
    quiet = getattr(getattr(getattr(cv2, "utils", None), "logging", None), "setLogLevel", None)
    if quiet is not None:  # imported before the variables above were set (a test, a benchmark)
        quiet(0)
    return cv2


def missing_opencv() -> str:
    """What the app says where the camera extra is not installed."""
    return _(
        "The camera needs OpenCV, which is not installed on this laptop. In centrelog's folder run:"
        " python3 install.py --camera (or: pip install 'centrelog[camera]'), then start centrelog again."
    )


def still_working() -> str:
    """Said after any camera problem: the queue goes on."""
    return _("The scanner and names still work; F9 chooses the camera.")


def why_not_opened(source: CameraSource) -> str:
    """A sentence for a camera that did not open: missing, busy or not allowed; a file or stream that is not there."""
    number = source.number
    if number is not None:
        device = Path(f"/dev/video{number}")
        if sys.platform.startswith("linux") and not device.exists():
            return _("There is no camera {number} on this laptop.").format(number=number)
        if sys.platform.startswith("linux") and not os.access(device, os.R_OK | os.W_OK):
            return _("Camera {number} may not be used by this user (on Linux: add them to the video group).").format(
                number=number
            )
        return _("Camera {number} did not open: another program may be using it.").format(number=number)
    if source.is_stream:
        return _("The stream {address} did not open.").format(address=source.text.strip())
    if not source.path.exists():
        return _("There is no video file {path}.").format(path=source.path)
    return _("The video file {path} could not be read.").format(path=source.path)


def _numbers_to_try() -> list[int]:
    """The cameras the system lists (/dev/video* on Linux), else the first few numbers."""
    if sys.platform.startswith("linux"):
        try:
            names = os.listdir("/dev")
        except OSError:
            names = []
        return sorted(int(n[5:]) for n in names if n.startswith("video") and n[5:].isdigit())
    return list(NUMBERS_TRIED)


def cameras_found(cv2: Any, in_use: int | None = None) -> list[int]:
    """The numbers of the cameras that open (slow: run it on a thread); `in_use`, already open here, counts."""
    found = []
    for number in _numbers_to_try():
        if number == in_use:
            found.append(number)
            continue
        capture = CameraSource(str(number)).open(cv2)
        try:
            if capture.isOpened():
                found.append(number)
        finally:
            capture.release()
    if in_use is not None and in_use not in found:
        found.append(in_use)
    return sorted(found)
