"""Where centrelog keeps its data: one folder, chosen once."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["DATA_ENV", "default_data_dir", "resolve_data_dir"]

#: Environment variable that overrides the default data folder.
DATA_ENV = "CENTRELOG_DATA"


def default_data_dir() -> Path:
    """The platform's user data folder for centrelog."""
    return Path(platformdirs.user_data_dir("centrelog", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` first, then $CENTRELOG_DATA, then the platform default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return default_data_dir()
