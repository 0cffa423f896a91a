"""The real app in a pseudo-terminal: keys in, screen text out, its memory read from /proc."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

__all__ = ["PYCACHE", "AppTerminal", "app_command"]

#: Where the app's compiled modules are kept between the harness's starts.
PYCACHE = Path(tempfile.gettempdir()) / "centrelog-bench-pycache"

_ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()][0-9A-Za-z]|[=>78cM])"
)


def app_command(data_dir: Path) -> list[str]:
    """The command a person types to start centrelog on a data folder (English screens)."""
    program = shutil.which("centrelog")
    base = [program] if program else [sys.executable, "-m", "tui"]
    return [*base, "--data-dir", str(data_dir), "--lang", "en"]


class AppTerminal:
    """centrelog running in an 80×24 pseudo-terminal, as on the centre's laptop."""

    def __init__(self, command: list[str], columns: int = 80, rows: int = 24) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLUMNS": str(columns), "LINES": str(rows)}
        # Python's compiled modules kept, as an installed app has them (never beside the sources measured).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self._output = bytearray()
        #: Where the output ended after each read, and when that read returned (the output's arrival).
        self._arrivals: list[tuple[int, float]] = []
        self._lock = threading.Lock()
        #: Told by the reader whenever output arrives, so wait_for sees it at once, not at its next poll.
        self._arrived = threading.Condition(self._lock)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            arrived = time.perf_counter()
            with self._arrived:
                self._output += chunk
                self._arrivals.append((len(self._output), arrived))
                self._arrived.notify_all()

    @property
    def mark(self) -> int:
        """Where the output stands now; wait_for(text, since=mark) looks only after it."""
        with self._lock:
            return len(self._output)

    def text(self, since: int = 0, until: int | None = None) -> str:
        """The output after `since` (up to `until`), with the terminal's control sequences taken out."""
        with self._lock:
            raw = bytes(self._output[since:until])
        return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def _arrival_of(self, text: str, since: int) -> float:
        """When the read that completed `text` (after `since`) returned: the moment it reached the terminal."""
        with self._lock:
            arrivals = [(end, at) for end, at in self._arrivals if end > since]
        for end, at in arrivals:
            if text in self.text(since, end):
                return at
        raise ValueError(f"“{text}” is not in the output")

    def wait_for(self, text: str, since: int = 0, timeout: float = 30.0) -> float:
        """Seconds since the app was started when `text` first shows after `since`.

        The time is that of the read that brought the text's last byte, taken
        by the reading thread as the read returns, not when this thread wakes.
        """
        deadline = time.perf_counter() + timeout
        seen = since
        while True:
            with self._arrived:
                while len(self._output) == seen and self.process.poll() is None:
                    left = deadline - time.perf_counter()
                    if left <= 0:
                        break
                    # A short wait, so that an app that exits is noticed too.
                    self._arrived.wait(min(left, 0.05))
                seen = len(self._output)
                arrived = time.perf_counter()
            if text in self.text(since):
                return self._arrival_of(text, since) - self.started
            if self.process.poll() is not None:
                raise RuntimeError(f"centrelog exited ({self.process.returncode}): {self.text()[-2000:]}")
            if arrived >= deadline:
                raise TimeoutError(
                    f"“{text}” did not appear within {timeout} s; the screen said: {self.text(since)[-2000:]}"
                )

    def send(self, keys: str, gap: float = 0.0) -> None:
        """Type `keys`, one character every `gap` seconds (0: all at once)."""
        if not gap:
            os.write(self.master, keys.encode())
            return
        due = time.perf_counter()
        for char in keys:
            os.write(self.master, char.encode())
            due += gap
            while time.perf_counter() < due:
                pass

    def peak_memory_mb(self) -> float:
        """The highest resident memory the app has had (VmHWM), in MB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmHWM not found")

    def cpu_seconds(self) -> float:
        """CPU time the app has used so far (user and system), in seconds."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self, timeout: float = 20.0) -> int:
        """Ctrl+Q (and Y to the question a scan screen asks first), and wait for the app to let go of its files."""
        if self.master < 0:
            return self.process.returncode
        if self.process.poll() is None:
            os.write(self.master, b"\x11y")
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        os.close(self.master)
        self.master = -1
        return code
