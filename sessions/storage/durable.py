"""A TinyDB storage that writes atomically and durably and reads a file once."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sessions.i18n import _
from sessions.storage import _records

__all__ = ["DamagedFile", "DurableStorage", "atomic_write_bytes", "fsync_dir", "load_json", "parse_tables"]

FILE_MODE = 0o600


class DamagedFile(Exception):
    """A data file that exists but does not parse."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[DamagedFile], tuple[Path, str]]:
        # Sent back from a worker process as itself, naming the file.
        return DamagedFile, (self.path, self.reason)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new file.

    Temp file beside the target, fsync, os.replace, fsync the folder. If
    anything fails (a full disk, a read-only folder) the old file is untouched
    and the temp file is removed.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def load_json(path: Path) -> dict[str, Any] | None:
    """Parse a data file; None when it does not exist, DamagedFile when it is broken."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_tables(path, raw)


def parse_tables(path: Path, raw: bytes) -> dict[str, Any]:
    """The tables in the bytes of a data file; DamagedFile (naming `path`) when they do not parse."""
    if not raw.strip():
        raise DamagedFile(path, _("the file is empty"))
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise DamagedFile(path, _("it is not text")) from None
    except json.JSONDecodeError as error:
        where = _("it breaks off or is garbled at line {line}, column {column}")
        raise DamagedFile(path, where.format(line=error.lineno, column=error.colno)) from None
    if not isinstance(data, dict):
        raise DamagedFile(path, _("the file does not hold tables"))
    return data


class DurableStorage(Storage):
    """TinyDB storage that keeps the parsed file in memory.

    The file is parsed once, when opened; every read after that is served
    from memory. Every write serialises first, then replaces the file
    atomically and durably. A write that fails restores the last state that
    is on disk, so memory never claims what the disk does not hold.

    `batch()` groups several TinyDB operations into one durable write, so a
    check-in and its scan event land together or not at all.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            raw: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            raw = None
        self._data = parse_tables(self.path, raw) if raw is not None else None
        # What is on disk, to go back to when a write fails (the file's own text: no second encoding).
        self._on_disk = raw.decode("utf-8") if raw is not None and self._data else None
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self._flush()

    def _flush(self) -> None:
        self._dirty = False
        text = _records.serialise(self._data)
        try:
            atomic_write_bytes(self.path, text.encode("utf-8"))
        except BaseException:
            self._restore()
            raise
        self._on_disk = text

    def _restore(self) -> None:
        self._dirty = False
        self._data = json.loads(self._on_disk) if self._on_disk else None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Write once, at the end, everything done inside the block."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if not self._batch_depth:
                self._restore()
            raise
        self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._flush()
