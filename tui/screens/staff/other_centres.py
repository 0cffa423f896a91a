"""Other centres' data folders counted with this one in the period report: typed (→ completes), listed, removed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static

from exports.centres import folder_problem
from sessions.i18n import N_, _
from tui.app import CentrelogApp
from tui.widgets.footer import Footer

__all__ = ["FolderSuggester", "OtherCentresDialog"]


class FolderSuggester(Suggester):
    """Completes a typed folder path with the first sub-folder it begins (→ or End takes it)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        parent, _sep, start = value.rpartition(os.sep)
        where = Path(os.path.expanduser(parent or os.sep)) if _sep else Path.cwd()
        try:
            names = sorted(entry.name for entry in os.scandir(where) if entry.is_dir() and entry.name.startswith(start))
        except OSError:
            return None
        names = [name for name in names if not name.startswith(".") or start.startswith(".")]
        if not names or names[0] == start:
            return None
        return f"{parent}{_sep}{names[0]}"


class OtherCentresDialog(ModalScreen[list[Path]]):
    """Type a folder and Enter adds it; Delete takes the highlighted one off; Escape is done."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "other_centres.tcss"
    AUTO_FOCUS = "#folder"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "remove", N_("Remove")),
        Binding("escape", "done", N_("Done")),
    ]
    HELP_TEXT = N_(
        "Other centres whose data folders are counted with this one in the period report. Type a folder (→ completes"
        " it) and press Enter to add it; in the list, Delete takes the highlighted one off. Esc is done."
    )

    def __init__(self, folders: list[Path]) -> None:
        super().__init__()
        self.folders = list(folders)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Other centres"), classes="title")
            yield Static(
                _(
                    "Each other centre's data folder (a synced copy) is counted with this one: "
                    "the report gives each centre and the total. The folders are only read."
                )
            )
            yield OptionList(id="folders")
            yield Label(_("Folder (→ completes, Enter adds it):"))
            yield Input(id="folder", suggester=FolderSuggester())
            yield Static("", id="problem")
        yield Footer()

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        options = self.query_one("#folders", OptionList)
        options.clear_options()
        options.add_options([str(folder) for folder in self.folders] or [_("(none yet: only this centre)")])
        options.disabled = not self.folders
        if self.folders:
            options.highlighted = 0

    @on(Input.Submitted, "#folder")
    def add(self) -> None:
        field = self.query_one("#folder", Input)
        typed = field.value.strip()
        if not typed:
            return
        folder = Path(os.path.expanduser(typed))
        problem = folder_problem(self.app.store, self.folders, folder)
        self.query_one("#problem", Static).update(problem or "")
        if problem:
            return
        self.folders.append(folder)
        field.value = ""
        self.fill()

    def action_remove(self) -> None:
        options = self.query_one("#folders", OptionList)
        if not self.folders or options.highlighted is None:
            return
        del self.folders[options.highlighted]
        self.fill()

    def action_done(self) -> None:
        self.dismiss(self.folders)
