"""The thread that watches the camera: frames read with OpenCV, cards decoded with zxing-cpp, a small grey preview.

Nothing here runs on the app's event loop, and nothing here imports Textual:
the thread hands what it finds to callbacks (the camera box posts them to the
app as messages, which is thread-safe). OpenCV's reads and zxing-cpp's decoding
let go of Python's lock while they work, so a scan typed meanwhile is answered
as fast as without the camera (docs/benchmarks.md, "The camera").
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from typing import Any

from sessions.i18n import _
from tui.camera.cards_in_view import CardsInView
from tui.camera.source import CameraSource, load_opencv, why_not_opened

__all__ = ["PREVIEW_EVERY_S", "CameraReader", "read_codes", "stop_every_reader"]

#: Seconds between two preview pictures handed over: a few a second are enough to aim a card.
PREVIEW_EVERY_S = 0.25
#: What a card's QR code can hold: digits (and spaces). A poster's web address behind the queue is never a scan.
_CARD_LIKE = re.compile(r"^[0-9 ]{1,64}$")
#: The picture asked of a camera: 720p, what the cards were measured at.
FRAME_SIZE = (1280, 720)


#: The readers whose thread has not ended yet.
_READING: set[CameraReader] = set()


def stop_every_reader(wait: float = 2.0) -> None:
    """Stop every reader and wait for their threads (at the app's end: a thread cut off inside OpenCV aborts)."""
    readers = list(_READING)
    for reader in readers:
        reader.stop(wait=0)
    deadline = time.monotonic() + wait
    for reader in readers:
        reader.stop(wait=max(0.0, deadline - time.monotonic()))


def read_codes(grey: Any) -> list[str]:
    """The texts of the QR codes zxing-cpp finds in a grey frame (a numpy array), in the order found."""
    import zxingcpp

    found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return [code.text for code in found]


class CameraReader:
    """Reads `source` on a thread of its own until stopped, or until it stops giving pictures.

    `card(code)` is called once for each card that comes into view (a digits-only
    QR code), `picture(pixels, width, height)` a few times a second with a grey
    preview of `preview` size (one byte a pixel, stretched to full contrast), and
    `stopped(sentence)` once if the source did not open or stopped giving
    pictures. A video file is played at its own frame rate, as a camera would give it.
    `after`: the reader stopped just before, which lets go of the camera before this one opens it.
    """

    def __init__(
        self,
        source: CameraSource,
        *,
        card: Callable[[str], object],
        picture: Callable[[bytes, int, int], object],
        stopped: Callable[[str], object],
        preview: tuple[int, int] = (24, 14),
        after: CameraReader | None = None,
        busy: Callable[[], bool] = lambda: False,
    ) -> None:
        self.source = source
        #: Whether a scan is being answered now (called on this thread: it reads plain values only).
        self.busy = busy
        #: A reader stopped just before: it lets go of the camera before this one opens it.
        self.after = after
        self.card = card
        self.picture = picture
        self.stopped = stopped
        self.preview = preview
        self.view = CardsInView()
        #: Frames read and decoded so far (the benchmark reads it).
        self.frames = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="centrelog-camera", daemon=True)

    def start(self) -> None:
        """Open the source and start reading, on the thread."""
        _READING.add(self)
        self._thread.start()

    def stop(self, wait: float = 1.0) -> None:
        """Stop reading; waits up to `wait` seconds for the thread to let go of the camera."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(wait)

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        try:
            self._read()
        finally:
            _READING.discard(self)

    def _read(self) -> None:
        if self.after is not None:
            self.after._thread.join(5.0)
            self.after = None
        if self._stop.is_set():
            return
        cv2 = load_opencv()
        if cv2 is None:  # checked before a reader is made; kept for safety
            self.stopped(_("OpenCV is not installed."))
            return
        capture = self.source.open(cv2)
        try:
            if not capture.isOpened():
                self.stopped(why_not_opened(self.source))
                return
            if self.source.number is not None:
                capture.set(cv2.CAP_PROP_FRAME_WIDTH, FRAME_SIZE[0])
                capture.set(cv2.CAP_PROP_FRAME_HEIGHT, FRAME_SIZE[1])
            self._read_frames(cv2, capture)
        except Exception as error:  # a driver or a decoder that fails: said, and the screen goes on
            self.stopped(_("{camera} stopped: {error}").format(camera=self.source.name(), error=error))
        finally:
            capture.release()

    def _read_frames(self, cv2: Any, capture: Any) -> None:
        is_file = self.source.number is None and not self.source.is_stream
        frame_s = 1.0 / (capture.get(cv2.CAP_PROP_FPS) or 30.0) if is_file else 0.0
        due = time.monotonic()
        shown_at = 0.0
        while not self._stop.is_set():
            if is_file:
                due += frame_s
                if self._stop.wait(max(0.0, due - time.monotonic())):
                    return
            ok = capture.grab()
            if ok and self.busy():
                # A scanner's card is being answered: this frame goes undecoded (and is not counted), so that
                # the answer has the processor and Python's lock to itself, and the camera's own answer waits.
                continue
            if ok:
                ok, frame = capture.retrieve()
            if not ok:
                if not self._stop.is_set():
                    self.stopped(self._ended(is_file))
                return
            grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
            codes = [c for c in read_codes(grey) if _CARD_LIKE.match(c)]
            if self.busy():
                continue  # a scanner's card came while this frame was decoded: what it shows waits for a later frame
            self.frames += 1
            for code in self.view.frame(codes):
                self.card(code)
            now = time.monotonic()
            if now - shown_at >= PREVIEW_EVERY_S:
                shown_at = now
                self.picture(self._small(cv2, grey), *self.preview)

    def _small(self, cv2: Any, grey: Any) -> bytes:
        small = cv2.resize(grey, self.preview, interpolation=cv2.INTER_AREA)
        return bytes(cv2.normalize(small, None, 0, 255, cv2.NORM_MINMAX).tobytes())

    def _ended(self, is_file: bool) -> str:
        if is_file:
            return _("The video {name} has ended.").format(name=self.source.name())
        return _("{camera} stopped sending pictures.").format(camera=self.source.name())
