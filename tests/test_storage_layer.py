"""The storage engine imports nothing of the domain: only itself and sessions.i18n."""

from __future__ import annotations

import ast
from pathlib import Path

STORAGE = Path(__file__).resolve().parents[1] / "sessions" / "storage"
ALLOWED = ("sessions.storage", "sessions.i18n")


def _imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_storage_imports_nothing_of_the_domain() -> None:
    modules = sorted(STORAGE.glob("*.py"))
    assert len(modules) > 5
    wrong = {
        f"{path.name} imports {name}"
        for path in modules
        for name in _imported(path)
        if name.split(".")[0] == "sessions" and not name.startswith(ALLOWED)
    }
    assert not wrong, sorted(wrong)


def test_only_the_registry_touches_its_tables_and_private_parts() -> None:
    root = STORAGE.parents[1]
    reaching = ("registry.table(", "registry._")
    found = [
        f"{path.relative_to(root)}:{n}"
        for package in ("sessions", "exports", "tui")
        for path in sorted((root / package).rglob("*.py"))
        if path.name != "registry.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(text in line for text in reaching)
    ]
    assert found == [], "use (or add) a Registry method instead: " + ", ".join(found)
