"""Every screen at 80×24 in every language: nothing that must be read is cut off.

The walk of tests/test_i18n_walk.py visits every screen and dialog, one app per language (a
language added to LANGUAGES is walked too). At each stop the screen as drawn is read back and
fails the test when:

- a key the footer shows is not wholly on its line (the key and its translated description);
- a column heading of a table is cut ("Вод" for "Водитель") or pushed off the screen's right edge;
- a line of text that must stay on one line (a header, a passenger's line) is longer than its room,
  unless it is cut with "…" on purpose (a long destination or name);
- the header of the check-in or boarding screen hides what it is for: the activity and the time
  the session started, the time the minibus left.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static

from sessions.i18n import LANGUAGES, format_time, set_language
from sessions.store import Store
from tests.conftest import Clock
from tests.pilot_helpers import screen_lines
from tests.test_i18n_walk import Walk, _walk_everything
from tui.app import CentrelogApp
from tui.widgets.cut_list import CutList
from tui.widgets.footer import Footer, shown_words


def _rows(app: App) -> list[str]:
    return ["".join(segment.text for segment in line) for line in screen_lines(app.screen)]


def _seen(rows: list[str], widget: Widget, line: int = 0) -> str:
    """What the screen shows of one line of `widget` (its first by default)."""
    region = widget.region
    y = region.y + line
    return rows[y][region.x : region.right] if 0 <= y < len(rows) else ""


def _in_order(row: str, parts: list[str]) -> list[str]:
    """The parts not found whole in `row`, each looked for after the one before."""
    missing, at = [], 0
    for part in parts:
        found = row.find(part, at)
        if found < 0:
            missing.append(part)
        else:
            at = found + len(part)
    return missing


def footer_cut(app: App, rows: list[str]) -> list[str]:
    """Footer keys not wholly shown, or shown with other words than their binding's, translated."""
    problems = []
    for footer in app.screen.query(Footer):
        if not footer.display:
            continue
        keys = footer.keys_shown()
        described = {b.key: b.description for _n, b, _e, _t in app.screen.active_bindings.values() if b.show}
        for key in keys:
            if key.description and key.key in described and key.description != shown_words(described[key.key]):
                problems.append(f"footer says {key.description!r} for {key.key}")
        parts = [f"{k.display} {k.description}" if k.description else k.display for k in keys]
        problems += [f"footer: {part!r} cut" for part in _in_order(_seen(rows, footer), parts)]
    return problems


def headings_cut(app: App, rows: list[str]) -> list[str]:
    """Column headings of tables that are not wholly on the screen."""
    problems = []
    for table in app.screen.query(DataTable):
        if not (table.display and table.show_header and table.region.area):
            continue
        labels = [column.label.plain.splitlines() for column in table.ordered_columns]
        for line in range(max(map(len, labels), default=0)):  # a heading may take two lines
            parts = [label[line] for label in labels if line < len(label)]
            problems += [f"column heading {part!r} cut" for part in _in_order(_seen(rows, table, line), parts)]
    return problems


def _plain(widget: Static) -> str | None:
    shown = widget.render()
    if isinstance(shown, Text | Content):
        return shown.plain
    return shown if isinstance(shown, str) else None


def lines_cut(app: App) -> list[str]:
    """One-line texts (no wrapping) longer than their room and not cut with … on purpose."""
    problems = []
    for widget in app.screen.query(Static):
        if not (widget.display and widget.visible and widget.content_region.area):
            continue
        one_line = isinstance(widget, CutList) or widget.styles.text_wrap == "nowrap"
        if not one_line or widget.styles.text_overflow == "ellipsis":
            continue
        room = widget.content_region.width
        text = _plain(widget) or ""
        problems += [f"{line.strip()!r} longer than {room}" for line in text.splitlines() if cell_len(line) > room]
    return problems


def header_cut(app: App, rows: list[str]) -> list[str]:
    """The essential parts of the check-in and boarding headers that are not on the screen."""
    from tui.screens.driver.boarding import BoardingScreen
    from tui.screens.instructor.checkin import CheckInScreen

    screen = app.screen
    if isinstance(screen, BoardingScreen):
        essential = [format_time(screen.trip.departure)]
    elif isinstance(screen, CheckInScreen):
        essential = [screen.session.record["activity"], format_time(screen.session.started)]
    else:
        return []
    header = _seen(rows, screen.query_one("#bar"))
    return [f"header hides {part!r}: {header.strip()!r}" for part in essential if part not in header]


class FitWalk(Walk):
    """At each stop, whatever is cut off."""

    def check(self) -> list[str]:
        app = self.pilot.app
        rows = _rows(app)
        return footer_cut(app, rows) + headings_cut(app, rows) + lines_cut(app) + header_cut(app, rows)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_screen_fits_at_80x24(language: str, demo_store: Store, clock: Clock, quiet_places: Path) -> None:
    set_language(language)
    app = CentrelogApp(demo_store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = FitWalk(pilot, set(), language)
        await _walk_everything(walk, pilot, demo_store)
    assert len(walk.seen) >= 30
    assert walk.problems == {}, f"cut off at 80×24 in {language}:\n" + "\n".join(
        f"{where}: {'; '.join(found)}" for where, found in walk.problems.items()
    )
