"""Where a command may write a file it was told to: never over the data folder's own files."""

from __future__ import annotations

from pathlib import Path

from sessions.i18n import _

__all__ = ["out_path_problem"]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def out_path_problem(data_dir: Path, out: Path) -> str | None:
    """Why `out` (a file or a folder) may not be written, or None: in the data folder only exports/ takes files.

    Both are resolved first, symbolic links too, so that no other name for a data file gets past.
    """
    root = data_dir.expanduser().resolve()
    target = out.expanduser().resolve()
    if not _inside(target, root):
        return None
    exports = (root / "exports").resolve()
    if _inside(target, exports) and not _inside(root, exports):
        return None
    return _(
        "{path} is inside the data folder, which holds the centre's records: "
        "nothing is written there except under {exports}. Give another path."
    ).format(path=out, exports=root / "exports")
