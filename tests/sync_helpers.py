"""Two data folders standing for two laptops, and files carried between them as a sync engine does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: What a sync engine shares: the data folder but for what .stignore keeps on each laptop.
_KEPT_HERE = ("local", "backups", "exports")


def shared_files(data: Path) -> list[Path]:
    """Every file of a data folder that the sync engine carries (relative paths)."""
    found = []
    for path in sorted(data.rglob("*")):
        rel = path.relative_to(data)
        if path.is_file() and rel.parts[0] not in _KEPT_HERE and not rel.name.startswith("."):
            found.append(rel)
    return found


def deliver(source: Path, target: Path, *, only: str | None = None) -> list[Path]:
    """Carry the files `source` has and `target` lacks or holds older, the way Syncthing does.

    A file goes when `target` lacks it or holds an older version of it.
    Written to a temp name, then renamed (the final name never holds half a
    file); the file's time is kept. `target`'s own files are never overwritten
    by another laptop's copy of them. `only` limits it to one sub-folder.
    """
    own = device_of(target)
    carried = []
    for rel in shared_files(source):
        if only is not None and rel.parts[0] != only:
            continue
        if f".{own}." in f".{rel.name}" or rel.name.startswith(f"{own}."):
            continue  # its own file: only that laptop writes it
        src, dst = source / rel, target / rel
        if dst.exists() and (dst.stat().st_mtime_ns >= src.stat().st_mtime_ns or dst.read_bytes() == src.read_bytes()):
            continue  # as new or newer here: a sync engine never carries an older version over a newer one
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".syncthing.{dst.name}.tmp")
        shutil.copyfile(src, tmp)
        shutil.copystat(src, tmp)
        os.replace(tmp, dst)
        carried.append(rel)
    return carried


def device_of(data: Path) -> str:
    import json

    return str(json.loads((data / "local" / "device.json").read_text("utf-8"))["device"])
