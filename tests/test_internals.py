"""The private Textual and TinyDB internals the app and tests rely on: each test names the one an upgrade broke.

Listed in ARCHITECTURE.md, "Private internals"; keep the two in step.
"""

from __future__ import annotations

import inspect
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table

from tests.pilot_helpers import settle


def _changed(what: str, where: str) -> str:
    return f"{what} changed: {where} relies on it (see ARCHITECTURE.md, 'Private internals')"


async def _on_a_screen(check: Any) -> None:
    """Run `check(app, screen)` on a running app's screen, as the code meets them."""

    class _Probe(App[None]):
        pass

    app = _Probe()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        check(app, app.screen)


async def test_screen_frame_step() -> None:
    step = getattr(Screen, "_on_timer_update", None)
    assert callable(step) and not list(inspect.signature(step).parameters)[1:], _changed(
        "Textual's private Screen._on_timer_update()", "tui/paint.py"
    )


async def test_screen_dirty_widgets() -> None:
    def check(app: App[None], screen: Screen[Any]) -> None:
        assert isinstance(getattr(screen, "_dirty_widgets", None), set), _changed(
            "Textual's private Screen._dirty_widgets (a set of widgets)", "tui/paint.py"
        )

    await _on_a_screen(check)


async def test_screen_update_timer() -> None:
    def check(app: App[None], screen: Screen[Any]) -> None:
        timer = getattr(screen, "_update_timer", None)
        assert isinstance(timer, Timer) and all(
            callable(getattr(timer, n, None)) for n in ("pause", "resume", "reset")
        ), _changed("Textual's private Screen._update_timer (a Timer)", "tui/paint.py")

    await _on_a_screen(check)


async def test_layout_and_repaint_flags() -> None:
    def check(app: App[None], screen: Screen[Any]) -> None:
        assert isinstance(getattr(app, "_batch_count", None), int), _changed(
            "Textual's private App._batch_count", "tui/paint.py"
        )
        for owner in (screen, Widget()):
            for flag in ("_layout_required", "_repaint_required"):
                assert isinstance(getattr(owner, flag, None), bool), _changed(
                    f"Textual's private Widget.{flag}", "tui/paint.py"
                )

    await _on_a_screen(check)


async def test_select_parts() -> None:
    try:
        from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay
    except ImportError as error:
        raise AssertionError(
            _changed("Textual's private textual.widgets._select parts", "tui/widgets/choice.py")
        ) from error
    from textual.widgets import Select

    where = "tui/widgets/choice.py"
    assert isinstance(Select.NULL, NoSelection), _changed("Textual's private NoSelection", where)
    assert "type_to_search" in inspect.signature(SelectOverlay.__init__).parameters, _changed(
        "Textual's private SelectOverlay(type_to_search=)", where
    )

    def check(_app: App[None], _screen: Screen[Any]) -> None:
        current = SelectCurrent("prompt")
        for name in ("placeholder", "label", "has_value", "update"):
            assert hasattr(current, name), _changed(f"Textual's private SelectCurrent.{name}", where)
        select: Select[str] = Select([], type_to_search=False)
        assert select._type_to_search is False, _changed("Textual's private Select._type_to_search", where)

    await _on_a_screen(check)


def test_argparse_module_gettext() -> None:
    import argparse

    from sessions.i18n import set_language
    from tui.cli_words import speak_app_language

    assert callable(getattr(argparse, "_", None)) and callable(getattr(argparse, "ngettext", None)), _changed(
        "argparse's module-level gettext names _ and ngettext", "tui/cli_words.py"
    )
    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    try:
        speak_app_language()
        set_language("en")
        argparse._ = lambda message: message.upper()  # type: ignore[attr-defined]
        usage = argparse.ArgumentParser(prog="p").format_usage()
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]
    assert usage.startswith("USAGE: "), _changed("argparse looking its words up through its module's _ when it speaks",
                                                 "tui/cli_words.py")  # fmt: skip


def test_tinydb_update_table() -> None:
    update = getattr(Table, "_update_table", None)
    assert callable(update) and list(inspect.signature(update).parameters) == ["self", "updater"], _changed(
        "TinyDB's private Table._update_table(updater)", "sessions/storage/journal_table.py"
    )
    seen: list[Any] = []
    db = TinyDB(storage=MemoryStorage)
    table = db.table("t")
    original = Table._update_table

    def spy(self: Table, updater: Any) -> None:
        seen.append(updater)
        original(self, updater)

    Table._update_table = spy  # type: ignore[method-assign]
    try:
        table.insert({"a": 1})
        table.update({"a": 2})
        table.remove(doc_ids=[1])
    finally:
        Table._update_table = original  # type: ignore[method-assign]
    assert len(seen) == 3, _changed(
        "TinyDB's writes going through Table._update_table", "sessions/storage/journal_table.py"
    )


async def test_app_notifications() -> None:
    app = App[None]()
    async with app.run_test(size=(40, 10)) as pilot:
        app.notify("hello")
        try:
            await settle(pilot, lambda: bool(getattr(app, "_notifications", ())))
        except AssertionError:
            pass  # said below, naming the internal
        assert any(n.message == "hello" for n in getattr(app, "_notifications", ())), _changed(
            "Textual's private App._notifications", "tests (waiting for a notification)"
        )


async def test_screen_compositor() -> None:
    def check(app: App[None], screen: Screen[Any]) -> None:
        compositor = getattr(screen, "_compositor", None)
        strips = compositor.render_strips() if compositor is not None else None
        assert strips is not None and all(hasattr(s, "text") for line in strips for s in line), _changed(
            "Textual's private Screen._compositor.render_strips()", "tests/pilot_helpers.py screen_text"
        )

    await _on_a_screen(check)
