"""Staff choose the language of the screens and files; it applies at once and is remembered."""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from tui.app import CentrelogApp
from tui.widgets.footer import Footer

__all__ = ["LanguageScreen"]


class LanguageScreen(Screen[None]):
    """Every language, each in its own words; Enter switches."""

    app = getters.app(CentrelogApp)

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]
    HELP_TEXT = N_(
        "The language of the screens and of exported files. Choose with ↑↓ and press Enter: everything changes at"
        " once, and is remembered."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(_("Language of the screens and exported files"), classes="title")
            yield OptionList(*[Option(LANGUAGE_NAMES[code], id=code) for code in LANGUAGES], id="languages")
            yield Static(_("↑↓ to choose, Enter to switch. Everything changes at once."), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#languages", OptionList)
        language = current_language()
        options.highlighted = LANGUAGES.index(language) if language in LANGUAGES else 0
        options.focus()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from tui.language import use_language

        if event.option.id and event.option.id != current_language():
            await use_language(self.app, event.option.id)
