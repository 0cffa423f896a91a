"""The camera's own process: frames read with OpenCV, cards decoded with zxing-cpp, a small grey preview.

    python -m tui.camera.watch '{"source": "0", "preview": [24, 14]}'
    python -m tui.camera.watch '{"list": true, "in_use": 0}'

Started by the app (tui/camera/reader.py) when a scan screen's camera is on,
in Linux's idle scheduling class: it takes the processor only when the app
does not want it, shares no lock and no memory with it, and OpenCV's
libraries, its warnings and a crash inside a camera's driver stay here.

What it finds goes to its standard output as messages (`send`): a card that
came into view, a preview picture a few times a second, and why it stopped
(or, asked for the list, the numbers of the cameras that open).
Its standard input brings the app's *quiet* marks (`Marks`): until the moment
last sent, a scanner's card is being answered and frames go undecoded. The
app closing it is the sign to stop.
"""

from __future__ import annotations

import json
import os
import re
import select
import struct
import sys
import time
from typing import Any, BinaryIO

__all__ = [
    "CARD",
    "ENDED",
    "FAILED",
    "FOUND",
    "NOT_OPENED",
    "NO_OPENCV",
    "PICTURE",
    "PREVIEW_EVERY_S",
    "Marks",
    "main",
    "read_codes",
    "send",
]

#: Seconds between two preview pictures sent: a few a second are enough to aim a card.
PREVIEW_EVERY_S = 0.25
#: What a card's QR code can hold: digits (and spaces). A poster's web address behind the queue is never a scan.
_CARD_LIKE = re.compile(r"^[0-9 ]{1,64}$")
#: The picture asked of a camera: 720p, what the cards were measured at.
FRAME_SIZE = (1280, 720)

# What a message is: its kind (one byte), then its length and its bytes.
CARD = b"C"  #: a card came into view: its code
PICTURE = b"P"  #: a preview picture: one byte a pixel
NOT_OPENED = b"N"  #: the source did not open
ENDED = b"E"  #: the source stopped giving pictures (a video's end)
FAILED = b"X"  #: OpenCV or the decoder failed: its words
NO_OPENCV = b"O"  #: OpenCV or zxing-cpp is not installed
FOUND = b"L"  #: the cameras that open: their numbers, as JSON
HEADER = struct.Struct("!cI")
#: A quiet mark: the monotonic clock's seconds until which no frame is decoded.
MARK = struct.Struct("!d")


def send(out: BinaryIO, kind: bytes, body: bytes = b"") -> None:
    """Write one message and hand it over at once."""
    out.write(HEADER.pack(kind, len(body)) + body)
    out.flush()


def read_codes(grey: Any) -> list[str]:
    """The texts of the QR codes zxing-cpp finds in a grey frame (a numpy array), in the order found."""
    import zxingcpp

    found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return [code.text for code in found]


class Marks:
    """The app's quiet marks, read from a pipe without waiting; the pipe's end means stop."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.quiet_until = 0.0
        self.ended = False
        self._partial = b""

    def wait(self, seconds: float) -> bool:
        """Wait up to `seconds` (0: only look), taking in the marks that come; False once the app said stop."""
        deadline = time.monotonic() + seconds
        while not self.ended:
            left = max(0.0, deadline - time.monotonic())
            readable, _, _ = select.select([self.fd], [], [], left)
            if not readable:
                return True
            self._take(os.read(self.fd, 4096))
            if left == 0.0:
                break
        return not self.ended

    def quiet(self) -> bool:
        """Whether a scanner's card is being answered now (the marks that came are taken in first)."""
        self.wait(0.0)
        return time.monotonic() < self.quiet_until

    def _take(self, data: bytes) -> None:
        if not data:
            self.ended = True
            return
        data = self._partial + data
        whole = len(data) - len(data) % MARK.size
        self._partial = data[whole:]
        if whole:
            (self.quiet_until,) = MARK.unpack_from(data, whole - MARK.size)


class Watch:
    """Reads frames until the app says stop or the source ends, sending what it sees."""

    def __init__(self, cv2: Any, capture: Any, is_file: bool, preview: tuple[int, int], marks: Marks, out: BinaryIO):
        from tui.camera.cards_in_view import CardsInView

        self.cv2, self.capture, self.is_file = cv2, capture, is_file
        self.preview, self.marks, self.out = preview, marks, out
        self.view = CardsInView()

    def run(self) -> None:
        """A video file is played at its own frame rate, as a camera would give it."""
        cv2, capture = self.cv2, self.capture
        frame_s = 1.0 / (capture.get(cv2.CAP_PROP_FPS) or 30.0) if self.is_file else 0.0
        due = time.monotonic()
        shown_at = 0.0
        while True:
            if self.is_file:
                due += frame_s
            if not self.marks.wait(max(0.0, due - time.monotonic()) if self.is_file else 0.0):
                return
            ok = capture.grab()
            if ok and self.marks.quiet():
                # A scanner's card is being answered: this frame goes undecoded, and the camera's own answer waits.
                continue
            if ok:
                ok, frame = capture.retrieve()
            if not ok:
                send(self.out, ENDED)
                return
            grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
            codes = [c for c in read_codes(grey) if _CARD_LIKE.match(c)]
            if self.marks.quiet():
                continue  # a scanner's card came while this frame was decoded: what it shows waits for a later frame
            for code in self.view.frame(codes):
                send(self.out, CARD, code.encode())
            now = time.monotonic()
            if now - shown_at >= PREVIEW_EVERY_S:
                shown_at = now
                send(self.out, PICTURE, self._small(grey))

    def _small(self, grey: Any) -> bytes:
        cv2 = self.cv2
        small = cv2.resize(grey, self.preview, interpolation=cv2.INTER_AREA)
        return bytes(cv2.normalize(small, None, 0, 255, cv2.NORM_MINMAX).tobytes())


def list_cameras(in_use: int | None, out: BinaryIO) -> int:
    """Send the numbers of the cameras that open (`in_use`, open already in another process, counts)."""
    from tui.camera.source import cameras_found, load_opencv

    cv2 = load_opencv()
    if cv2 is None:
        send(out, NO_OPENCV)
    else:
        send(out, FOUND, json.dumps(cameras_found(cv2, in_use)).encode())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Watch the source named in the first argument (JSON: source, preview) until stdin closes; or list cameras."""
    options = json.loads((argv if argv is not None else sys.argv[1:])[0])
    out = sys.stdout.buffer
    if options.get("list"):
        return list_cameras(options.get("in_use"), out)
    from sessions.storage.idle import only_when_idle

    only_when_idle()  # before OpenCV is imported: loading it is work too
    from tui.camera.source import CameraSource, load_opencv

    marks = Marks(sys.stdin.fileno())
    source = CameraSource(options["source"])
    cv2 = load_opencv()
    if cv2 is None:
        send(out, NO_OPENCV)
        return 0
    capture = source.open(cv2)
    try:
        if not capture.isOpened():
            send(out, NOT_OPENED)
            return 0
        if source.number is not None:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, FRAME_SIZE[0])
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, FRAME_SIZE[1])
        is_file = source.number is None and not source.is_stream
        Watch(cv2, capture, is_file, tuple(options["preview"]), marks, out).run()  # type: ignore[arg-type]
    except BrokenPipeError:  # the app has gone
        return 0
    except Exception as error:  # a driver or a decoder that fails: said, and the app's screen goes on
        send(out, FAILED, str(error).encode())
    finally:
        capture.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
