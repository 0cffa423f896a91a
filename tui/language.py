"""Switching the language while the app runs: every open screen shows its text again."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from sessions.i18n import _, set_language
from sessions.storage.disk import write_problem

if TYPE_CHECKING:
    from tui.app import CentrelogApp

__all__ = ["retranslate", "use_language"]


async def _call(method: Any) -> None:
    if callable(method):
        result = method()
        if inspect.isawaitable(result):
            await result


async def retranslate(screen: Screen[Any]) -> None:
    """Show `screen` in the current language.

    A screen that holds state its compose() cannot rebuild defines
    `refresh_texts()`; any other screen is composed again and its
    on_mount (and, when it is on top, on_screen_resume) run again.
    """
    hook = getattr(screen, "refresh_texts", None)
    if callable(hook):
        await _call(hook)
    else:
        await screen.recompose()
        await _call(getattr(screen, "on_mount", None))
        if screen is screen.app.screen:
            await _call(getattr(screen, "on_screen_resume", None))
    screen.refresh_bindings()


async def use_language(app: CentrelogApp, language: str) -> None:
    """Switch to `language` now, remember it in the settings, re-render every open screen."""
    set_language(language)
    store = app.store
    if not getattr(store, "read_only", False):
        try:
            await app.write(store.registry.set_settings, {"language": language})
        except OSError as error:
            app.notify(
                _("The language is changed, but not saved for next time: {reason}.").format(
                    reason=write_problem(error)
                ),
                severity="warning",
            )
    for screen in list(app.screen_stack):
        await retranslate(screen)
