"""What the harness reads of a data folder as the app leaves it: the laptop's id, the registry, its open work."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from sessions.storage.shared import merged_registry
from sessions.storage.stamps import STAMPS

__all__ = ["copy_without_logs", "device_of", "local_state", "registry_of"]


def device_of(data_dir: Path) -> str:
    """The id of the laptop the folder belongs to (`local/device.json`)."""
    return str(json.loads((data_dir / "local" / "device.json").read_text(encoding="utf-8"))["device"])


def registry_of(data_dir: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every laptop's registry file merged, as the app sees it, without the stamps."""
    merged = merged_registry(data_dir / "registry")
    return {
        table: {key: {k: v for k, v in doc.items() if k != STAMPS} for key, doc in records.items()}
        for table, records in merged.items()
    }


def local_state(data_dir: Path) -> dict[str, Any]:
    """What the laptop keeps for itself (`local/state.json`): its open work and own settings."""
    path = data_dir / "local" / "state.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else {}


def copy_without_logs(source: Path, target: Path) -> Path:
    """The same registry, laptop and centre with no week logs at all: a centre on its first day."""
    if target.exists():
        shutil.rmtree(target)
    (target / "logs").mkdir(parents=True)
    shutil.copytree(source / "registry", target / "registry", copy_function=os.link)
    (target / "local").mkdir()
    for name in ("device.json", "state.json"):
        if (source / "local" / name).exists():
            shutil.copyfile(source / "local" / name, target / "local" / name)
    shutil.copyfile(source / "centre.json", target / "centre.json")
    return target
