"""The camera's reader on the app's side: it starts the camera's own process and hands on what it finds.

The frames are read and decoded in a process of its own (tui/camera/watch.py),
which takes the processor only when the app does not want it: a scan typed
meanwhile never waits for the camera, for its memory or for Python's lock
(docs/benchmarks.md, "The camera"). Here a thread waits for that process's
messages and hands them to callbacks (the camera box posts them to the app as
messages, which is thread-safe). Nothing here imports Textual.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO

from sessions.i18n import _
from tui.camera import watch
from tui.camera.source import CameraSource, opencv_installed, why_not_opened

__all__ = ["CameraReader", "list_cameras", "stop_every_reader"]

#: Seconds the cameras are looked for before the list shows what is known (a device may never answer).
LIST_WITHIN_S = 30.0
#: The readers whose process has not ended yet.
_READING: set[CameraReader] = set()


def stop_every_reader(wait: float = 2.0) -> None:
    """Stop every reader and wait for their processes (at the app's end); one that does not end is killed."""
    readers = list(_READING)
    for reader in readers:
        reader.stop(wait=0)
    deadline = time.monotonic() + wait
    for reader in readers:
        reader.stop(wait=max(0.01, deadline - time.monotonic()))


def _command(options: dict[str, object]) -> list[str]:
    return [sys.executable, "-m", "tui.camera.watch", json.dumps(options)]


def list_cameras(in_use: int | None = None) -> list[int] | None:
    """The numbers of this laptop's cameras that open, looked for in a process of their own (slow: run it on a
    thread); `in_use`, open already, counts. None when OpenCV is not installed."""
    if not opencv_installed():
        return None
    try:
        answer = subprocess.run(
            _command({"list": True, "in_use": in_use}), capture_output=True, check=False, timeout=LIST_WITHIN_S
        ).stdout
    except subprocess.TimeoutExpired:  # a device that never answers: the list is not held up for good
        answer = b""
    if len(answer) >= watch.HEADER.size:
        kind, length = watch.HEADER.unpack_from(answer)
        if kind == watch.FOUND:
            return [int(n) for n in json.loads(answer[watch.HEADER.size : watch.HEADER.size + length])]
        if kind == watch.NO_OPENCV:
            return None
    return [in_use] if in_use is not None else []  # the look failed: only the camera in use is known to work


class CameraReader:
    """Watches `source` in a process of its own until stopped, or until it stops giving pictures.

    `card(code)` is called once for each card that comes into view (a digits-only
    QR code), `picture(pixels, width, height)` a few times a second with a grey
    preview of `preview` size (one byte a pixel, stretched to full contrast), and
    `stopped(sentence)` once if the source did not open or stopped giving
    pictures. `quiet(until)` holds the decoding back while a scanner's card is answered.
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
    ) -> None:
        self.source = source
        self.after = after
        self.card = card
        self.picture = picture
        self.stopped = stopped
        self.preview = preview
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._marks: IO[bytes] | None = None
        #: The latest quiet mark: sent once the process is up, if it came before.
        self._quiet_until = 0.0
        self._thread = threading.Thread(target=self._run, name="centrelog-camera", daemon=True)

    def start(self) -> None:
        """Start the camera's process, and the thread that waits for its messages."""
        _READING.add(self)
        self._thread.start()

    def quiet(self, until: float) -> None:
        """No frame is decoded until `until` (time.monotonic()): a scanner's card is being answered."""
        with self._lock:
            self._quiet_until = until
            self._send_mark()

    def _send_mark(self) -> None:
        marks = self._marks
        if marks is None:
            return
        try:
            os.write(marks.fileno(), watch.MARK.pack(self._quiet_until))
        except OSError:
            pass  # a process that ended, or too far behind to take marks: nothing to hold back

    def stop(self, wait: float = 1.0) -> None:
        """Stop reading (the process is told by its input's end); waits up to `wait` seconds, then kills it."""
        self._stop.set()
        self._close_marks()
        if wait <= 0 or self._thread is threading.current_thread() or not self._thread.is_alive():
            return
        self._thread.join(wait)
        process = self._process
        if self._thread.is_alive() and process is not None:
            process.kill()  # a driver that does not let go: the app's end does not wait for it
            self._thread.join(1.0)

    def _close_marks(self) -> None:
        """Close the process's input: the sign for it to stop."""
        with self._lock:
            marks, self._marks = self._marks, None
        if marks is not None:
            marks.close()

    @property
    def process_id(self) -> int | None:
        """The camera's process, once started."""
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        try:
            if self.after is not None:
                self.after._thread.join(5.0)
                self.after = None
            self._watch()
        finally:
            _READING.discard(self)

    def _watch(self) -> None:
        if not opencv_installed():
            self.stopped(_("OpenCV is not installed."))
            return
        if self._stop.is_set():
            return
        try:  # not under the lock: a key's quiet mark never waits for a process to be made
            process = subprocess.Popen(
                _command({"source": self.source.text, "preview": list(self.preview)}),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # OpenCV's and FFmpeg's warnings would write over the screen
            )
        except OSError as error:
            self.stopped(_("{camera} stopped: {error}").format(camera=self.source.name(), error=error))
            return
        assert process.stdin is not None and process.stdout is not None
        os.set_blocking(process.stdin.fileno(), False)
        with self._lock:
            self._process, self._marks = process, process.stdin
            if self._quiet_until > time.monotonic():
                self._send_mark()
        if self._stop.is_set():  # stopped while the process was being made: it is told at once
            self._close_marks()
        try:
            told = self._listen(process.stdout)
        finally:
            process.stdout.close()
            self._close_marks()
            try:
                process.wait(5.0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if not told and not self._stop.is_set():  # the process ended without a word: it was cut off
            self.stopped(_("{camera} stopped sending pictures.").format(camera=self.source.name()))

    def _listen(self, messages: IO[bytes]) -> bool:
        """Hand on the process's messages until it ends; whether it said why it stopped."""
        while True:
            header = messages.read(watch.HEADER.size)
            if len(header) < watch.HEADER.size:
                return False
            kind, length = watch.HEADER.unpack(header)
            body = messages.read(length) if length else b""
            if kind == watch.CARD:
                self.card(body.decode())
            elif kind == watch.PICTURE:
                self.picture(body, *self.preview)
            elif self._stop.is_set():
                return True
            else:
                self.stopped(self._sentence(kind, body))
                return True

    def _sentence(self, kind: bytes, body: bytes) -> str:
        if kind == watch.NO_OPENCV:
            return _("OpenCV is not installed.")
        if kind == watch.NOT_OPENED:
            return why_not_opened(self.source)
        if kind == watch.FAILED:
            return _("{camera} stopped: {error}").format(camera=self.source.name(), error=body.decode(errors="replace"))
        return self._ended()

    def _ended(self) -> str:
        source = self.source
        if source.number is None and not source.is_stream:
            return _("The video {name} has ended.").format(name=source.name())
        return _("{camera} stopped sending pictures.").format(camera=source.name())
