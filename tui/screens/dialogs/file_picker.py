"""Choosing a file or a folder without typing its path: places, a folder's list, a filter typed as you go.

Textual's DirectoryTree was tried first: it draws a tree to unfold, not a
folder to step into, and has no going up, no places and no filter by typing,
all of which a person who has never used a terminal needs. This dialog is a
flat list of one folder at a time instead: Enter opens a folder or takes a
file, Backspace goes up, typing filters, F2 goes to the places (home,
Downloads, each USB stick). It only chooses a path; whoever opened it reads
the file with all its own checks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _, format_datetime
from tui.app import CentrelogApp
from tui.folders import Entry, Place, fits, folder_entries, is_file, is_folder, usual_places
from tui.widgets.footer import Footer

__all__ = ["FilePickerDialog", "FilterInput"]

#: More lines than this are not drawn; typing narrows them down.
SHOWN = 400
NAME_WIDTH = 31
HERE = "here"


class FilterInput(Input):
    """The filter: Backspace in an empty filter goes up a folder instead of doing nothing."""

    @dataclass
    class GoUp(Message):
        """Backspace with nothing left to delete."""

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.GoUp())
            return
        super().action_delete_left()


def _place_label(place: Place) -> str:
    if place.kind == "home":
        return _("Home folder")
    if place.kind == "downloads":
        return _("Downloads")
    if place.kind == "stick":
        return _("USB: {name}").format(name=place.name)
    return place.name  # a place its caller named


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _entry_label(entry: Entry) -> str:
    if entry.folder:
        return f"▸ {entry.name}/"
    when = format_datetime(entry.modified) if entry.modified else ""
    return f"  {_clip(entry.name, NAME_WIDTH):<{NAME_WIDTH}} {when}"


def _shown_path(folder: Path) -> str:
    """A folder as short as it can be while still found: from the home folder when under it."""
    try:
        inside = folder.relative_to(Path.home())
    except ValueError:
        return str(folder)
    return "~" if inside == Path() else f"~/{inside}"


class FilePickerDialog(ModalScreen[Path | None]):
    """A folder at a time: Enter opens or takes, Backspace goes up, typing filters; the path chosen, or None."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "file_picker.tcss"
    AUTO_FOCUS = "#filter"
    BINDINGS = [
        Binding("f2", "places", N_("Places")),
        Binding("f5", "choose_here", N_("Choose this folder"), show=False),  # the first line of the list says it
        Binding("backspace", "up", N_("Up"), show=False),
        Binding("down", "move(1)", N_("Move in the list"), show=False),
        Binding("up", "move(-1)", N_("Move in the list"), show=False),
        Binding("pagedown", "move(10)", N_("Scroll list"), show=False),
        Binding("pageup", "move(-10)", N_("Scroll list"), show=False),
        Binding("escape", "cancel", N_("Cancel")),
    ]
    HELP_TEXT = N_(
        "Choose a file or a folder without typing its path. On the left, the usual places (F2 goes there): your"
        " home folder, Downloads and each USB stick. ↑↓ move in the list; Enter opens a folder or takes a file;"
        " Backspace goes up a folder. Typing filters the list by name; a path typed from / or ~ and Enter goes"
        " straight there. Only files that fit are shown, and no hidden ones. When choosing a folder, Enter on"
        " “Choose this folder” (or F5) takes the one shown. Esc cancels."
    )
    SCAN_HINT = N_(
        "A card was scanned, but a file is being chosen here. Choose it or press Esc, then scan the card again."
    )

    def __init__(
        self,
        title: str,
        *,
        endings: Sequence[str] = (),
        folders: bool = False,
        remember: str | None = None,
        start: Path | None = None,
        places: Sequence[Place] | None = None,
    ) -> None:
        """`endings` of the files that fit (".csv"); `folders`: a folder is chosen, not a file.

        `remember`: the setting (one laptop's, "last_…") that keeps the folder last chosen from, to start there.
        """
        super().__init__()
        self.heading = title
        self.endings = tuple(endings)
        self.folders = folders
        self.remember = remember
        self.places = list(places) if places is not None else usual_places()
        self.start = start
        self.folder = Path.home()
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []

    def _start(self, start: Path | None) -> Path:
        remembered = self.app.store.registry.setting(self.remember) if self.remember else None
        for candidate in (start, Path(remembered) if remembered else None, *(p.path for p in self.places)):
            if candidate is not None and is_folder(candidate):
                return candidate
        return Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(self.heading, classes="title", markup=False)
            yield Static(id="where", markup=False)
            with Horizontal():
                yield OptionList(
                    *[Option(_place_label(p), id=f"p{i}") for i, p in enumerate(self.places)], id="places", markup=False
                )
                with Vertical(id="list"):
                    yield FilterInput(placeholder=_("Type to filter, or a path"), id="filter")
                    yield OptionList(id="entries", markup=False)
            yield Static(id="picker-said", markup=False)
            yield Footer()

    def on_mount(self) -> None:
        self.show_folder(self._start(self.start))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_here":
            return self.folders
        return True

    def hint(self) -> str:
        """What the line below the list says when nothing went wrong."""
        if self.folders:
            return _("Enter opens a folder; “Choose this folder” (or F5) takes the one shown. Backspace: up.")
        endings = ", ".join(self.endings)
        return _("Shown: folders and {endings} files. Enter opens a folder or takes a file; Backspace: up.").format(
            endings=endings
        )

    def say(self, text: str, problem: bool = False) -> None:
        said = self.query_one("#picker-said", Static)
        said.set_class(problem, "error")
        said.update(text)

    def show_folder(self, folder: Path, *, keep_filter: bool = False) -> None:
        """List `folder` (or say why it cannot be read, and stay where we were)."""
        try:
            entries = folder_entries(folder, self.endings, folders_only=self.folders)
        except OSError as error:
            self.say(
                _("{folder} cannot be opened: {reason}.").format(folder=folder, reason=error.strerror or error), True
            )
            return
        self.folder, self.entries = folder, entries
        self.query_one("#where", Static).update(_shown_path(folder))
        self._highlight_place(folder)
        if not keep_filter:
            self.query_one("#filter", FilterInput).value = ""
        self.fill()
        self.say(self.hint())

    @on(Input.Changed, "#filter")
    def fill(self) -> None:
        """The entries whose names hold what is typed (all of them for a path being typed)."""
        typed = self.query_one("#filter", FilterInput).value.strip()
        wanted = "" if typed.startswith(("/", "~")) else typed.casefold()
        shown = [e for e in self.entries if wanted in e.name.casefold()]
        options = self.query_one("#entries", OptionList)
        options.clear_options()
        if self.folders:
            options.add_option(Option(_("✓ Choose this folder"), id=HERE))
        options.add_options(Option(_entry_label(e), id=str(i)) for i, e in enumerate(shown[:SHOWN]))
        if len(shown) > SHOWN:
            more = _("… {n} more: type part of the name").format(n=len(shown) - SHOWN)
            options.add_option(Option(more, disabled=True))
        if not shown and not self.folders:
            options.add_option(Option(_("Nothing here fits."), disabled=True))
        self.shown = shown
        first = 1 if self.folders and wanted and shown else 0  # what is typed picks an entry, not the folder shown
        has_first = options.option_count > first and not options.get_option_at_index(first).disabled
        options.highlighted = first if has_first else None

    def action_move(self, step: int) -> None:
        options = self.query_one("#entries", OptionList)
        if not options.option_count:
            return
        now = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(options.option_count - 1, now + step))

    def action_places(self) -> None:
        self.query_one("#places", OptionList).focus()

    @on(OptionList.OptionSelected, "#places")
    def go_to_place(self, event: OptionList.OptionSelected) -> None:
        place = self.places[int(str(event.option.id)[1:])]
        self.show_folder(place.path)
        self.query_one("#filter", FilterInput).focus()

    @on(FilterInput.GoUp)
    def action_up(self) -> None:
        parent = self.folder.parent
        if parent != self.folder:
            was = self.folder
            self.show_folder(parent)
            self._highlight(was)

    def _highlight_place(self, folder: Path) -> None:
        """The place the folder shown is in (the deepest that holds it), so that ↑↓ there start from it."""
        holding = [(len(p.path.parts), i) for i, p in enumerate(self.places) if folder.is_relative_to(p.path)]
        if holding:
            self.query_one("#places", OptionList).highlighted = max(holding)[1]

    def _highlight(self, path: Path) -> None:
        for index, entry in enumerate(self.shown):
            if entry.path == path:
                self.query_one("#entries", OptionList).highlighted = index + (1 if self.folders else 0)

    @on(Input.Submitted, "#filter")
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip("'\"")
        if text.startswith(("/", "~")):
            self.go_to_path(Path(text).expanduser())
            return
        options = self.query_one("#entries", OptionList)
        if options.highlighted is not None:
            self.open(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected, "#entries")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.open(event.option)

    def open(self, option: Option) -> None:
        """A folder opens; a file is taken; "Choose this folder" takes the folder shown."""
        if option.disabled or option.id is None:
            return
        if option.id == HERE:
            self.action_choose_here()
            return
        entry = self.shown[int(option.id)]
        if entry.folder:
            self.show_folder(entry.path)
        else:
            self.take(entry.path)

    def go_to_path(self, path: Path) -> None:
        """A typed path: a folder is shown, a file that fits is taken."""
        if is_folder(path):
            self.show_folder(path)
        elif is_file(path) and not self.folders and fits(path.name, self.endings):
            self.take(path)
        else:
            self.say(_("There is no folder or fitting file {path}.").format(path=path), True)

    def action_choose_here(self) -> None:
        if not self.folders:
            return
        if not os.access(self.folder, os.W_OK | os.X_OK):
            self.say(_("Nothing can be saved in {folder}: choose another folder.").format(folder=self.folder), True)
            return
        self.take(self.folder)

    def take(self, path: Path) -> None:
        """Close with `path`, remembering on this laptop the folder it was chosen in."""
        folder = path if self.folders else path.parent
        if self.remember:
            self.run_worker(self._remember_then_close(folder, path), exclusive=True, group="picker")
        else:
            self.dismiss(path)

    async def _remember_then_close(self, folder: Path, path: Path) -> None:
        app = self.app
        try:
            assert self.remember is not None
            await app.write(app.store.registry.set_settings, {self.remember: str(folder)}, app.clock())
        except OSError:
            pass  # only a convenience: the next picker starts elsewhere, the choice still goes through
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
