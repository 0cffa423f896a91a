"""The staff menu's table: each line names a real screen, imported only when staff open it."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from textual.screen import Screen

from tui.screens.staff.menu import STAFF_ENTRIES, LazyScreen, StaffEntry

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("entry", STAFF_ENTRIES, ids=[entry.id for entry in STAFF_ENTRIES])
def test_each_staff_entry_names_a_screen_that_takes_its_arguments(entry: StaffEntry) -> None:
    lazy = entry.screen
    assert isinstance(lazy, LazyScreen)
    screen_class = lazy.screen_class()
    assert issubclass(screen_class, Screen)
    inspect.signature(screen_class).bind(**lazy.arguments)


def test_a_path_that_is_not_a_screen_is_refused() -> None:
    with pytest.raises(TypeError, match="is not a screen"):
        LazyScreen("sessions.i18n:_").screen_class()


def test_the_staff_menu_imports_none_of_its_screens() -> None:
    lazies = [entry.screen for entry in STAFF_ENTRIES if isinstance(entry.screen, LazyScreen)]
    assert len(lazies) == len(STAFF_ENTRIES)
    modules = [lazy.path.partition(":")[0] for lazy in lazies]
    script = f"import sys\nimport tui.screens.staff.menu\nprint([m for m in {modules!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
