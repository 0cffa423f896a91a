"""Staff see the laptops of the centre (synced by Syncthing): when each was last seen, and what is wrong."""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, MarkdownViewer, Static

from sessions.devices import NAME_LENGTH, name_problem, own_laptop_name, rename
from sessions.i18n import N_, _
from sessions.laptops import Overview, cells, headers, overview, this_laptop_line
from tui.app import CentrelogApp
from tui.guide import guide_text
from tui.saving import save
from tui.widgets.footer import Footer

__all__ = ["GuideScreen", "LaptopsScreen", "RenameDialog"]


class LaptopsScreen(Screen[None]):
    """Every laptop, one line each; the warnings below; F2 names this laptop, F3 shows the pairing guide."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "laptops.tcss"
    BINDINGS = [
        Binding("f2", "rename", N_("Name this laptop")),
        Binding("f3", "guide", N_("Pairing guide")),
        Binding("f5", "refresh", N_("Look again")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The laptops that share this centre's data folder through Syncthing: each one's name, when it was last seen,"
        " and below what is wrong. F2 names this laptop, F3 shows the guide to pairing a laptop, F5 looks again."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Laptops of this centre"), classes="title")
        yield Static(id="folder")
        yield Static(id="me")
        yield DataTable(id="laptops", cursor_type="row", header_height=2)
        with VerticalScroll(id="warnings-box"):
            yield Static(id="warnings")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#laptops", DataTable).focus()
        await self.action_refresh()

    async def action_refresh(self) -> None:
        """Read the laptops' files again (on the writer thread: it reads what the store holds)."""
        app = self.app
        self.show(await app.write(overview, app.store, app.clock()))

    def show(self, seen: Overview) -> None:
        moment = self.app.clock()
        self.query_one("#folder", Static).update(
            _("Data folder, the one folder Syncthing shares: {folder}").format(folder=seen.data_dir)
        )
        self.query_one("#me", Static).update(this_laptop_line(seen))
        table = self.query_one("#laptops", DataTable)
        table.clear(columns=True)
        laptop_header, id_header, *times = headers()
        table.add_columns(f"{laptop_header}\n{id_header}", *times)
        for laptop in seen.laptops:
            name, device, *when = cells(laptop, moment)
            # Name above id: a long name and a long host name still fit 80 columns.
            table.add_row(Text.assemble(name, "\n", (device, "dim")), *when, height=2, key=laptop.device)
        lines = [f"• {note}" for note in seen.notes]
        lines += [f"• {laptop.name} ({laptop.device}): {text}" for laptop in seen.laptops for text in laptop.warnings]
        if not lines:
            lines = [_("No warnings: every laptop was seen in the last three days, and nothing is in conflict.")]
        self.query_one("#warnings", Static).update("\n".join(lines))

    def action_rename(self) -> None:
        store = self.app.store
        current = own_laptop_name(store.data_dir, store.device)
        self.app.push_screen(RenameDialog(current), self._renamed)

    async def _renamed(self, name: str | None) -> None:
        if name:
            await self.action_refresh()

    def action_guide(self) -> None:
        self.app.push_screen(GuideScreen())


class RenameDialog(ModalScreen[str | None]):
    """This laptop's name, as the other laptops show it; Enter saves, Escape cancels."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "laptops.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    HELP_TEXT = N_(
        "This laptop's name, as the other laptops show it. Type it and press Enter; Esc leaves it as it was."
    )

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("This laptop's name, as every laptop shows it (such as “hall laptop”):"))
            yield Input(self.current, id="name", max_length=NAME_LENGTH, compact=True)
            yield Static(id="problem", classes="error")
            yield Static(_("Enter saves, Escape cancels."), classes="hint")

    @on(Input.Submitted, "#name")
    async def submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        problem = self.query_one("#problem", Static)
        refused = name_problem(name)
        if refused is not None:
            problem.update(refused)
            return
        app = self.app
        if await save(app, problem.update, rename, app.store, name, app.clock()) is not None:
            self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)


class GuideScreen(Screen[None]):
    """The pairing guide (docs/sync.md), in the current language when it is written in it; ↑↓ PgUp PgDn read it."""

    CSS_PATH = "laptops.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]
    HELP_TEXT = N_(
        "The guide to sharing the data folder between laptops with Syncthing, step by step. ↑↓ PgUp PgDn read it; Esc"
        " goes back."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer(guide_text(), show_table_of_contents=False, open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()
