"""Print a card sheet: the new cards since the last print, a target group's cards, or cards of people chosen by name."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from exports.cards import default_sheet_path, write_card_sheet
from exports.indicators import BREAKDOWN_LABELS
from sessions.card_sheets import in_group, mark_printed, new_cards
from sessions.i18n import N_, _, ngettext
from sessions.participants import GROUPS, Participant
from sessions.storage.disk import write_problem
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.printing import offer_print
from tui.saving import save
from tui.widgets.footer import Footer

__all__ = ["CardSheetScreen"]

NEW, CHOSEN = "new", "chosen"


class CardSheetScreen(Screen[None]):
    """Whose cards go on the sheet (↑↓ and Enter, or F5); people ticked by name (Space) when chosen."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "card_sheet.tcss"
    BINDINGS = [
        Binding("f5", "print_sheet", N_("Print sheet")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "A sheet of cards to print, ten to an A4 page. Choose with ↑↓ whose cards: the new cards since the last print,"
        " a target group, or people you choose; Enter or F5 prints the sheet. For chosen people, type part of a name"
        " below, and Space ticks a person (Tab moves between the parts). The sheet is saved as a PDF first; printed"
        " cards are no longer new, on every laptop of the centre."
    )
    SCAN_HINT = N_(
        "A card was scanned, but this is the card sheet for staff: no one was checked in, nothing was ticked. To"
        " check people in, go to the home screen (Esc) and press 1."
    )

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Card sheet: whose cards to print"), classes="title")
        yield OptionList(id="which")
        yield Input(placeholder=_("Chosen people: type part of a name"), id="find")
        yield SelectionList[str](id="people")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        #: The people ticked by hand, kept while the list below is narrowed by name.
        self.ticked: set[str] = set()
        self.fill_choices()
        self.fill_people()
        self.query_one("#which", OptionList).focus()

    def choices(self) -> list[tuple[str, str, list[Participant]]]:
        """(id, label, people) of each way to choose: the new cards, each target group, the people ticked."""
        registry = self.app.store.registry
        found = [(NEW, _("New cards since the last print"), new_cards(registry))]
        found += [(group, _(BREAKDOWN_LABELS[group]).capitalize(), in_group(registry, group)) for group in GROUPS]
        chosen = [p for p in registry.participants(include_archived=False) if p.id in self.ticked and p.code]
        found.append((CHOSEN, _("Chosen people (Space ticks them below)"), chosen))
        return found

    def fill_choices(self) -> None:
        listing = self.query_one("#which", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        for key, label, people in self.choices():
            count = ngettext("{n} card", "{n} cards", len(people)).format(n=len(people))
            listing.add_option(Option(f"{label}: {count}", id=key))
        listing.highlighted = highlighted or 0

    def fill_people(self) -> None:
        """The active people with a card whose name holds what was typed, those ticked still ticked."""
        registry = self.app.store.registry
        text = self.query_one("#find", Input).value
        people = registry.find(text, limit=None) if text.strip() else registry.participants(include_archived=False)
        listing = self.query_one("#people", SelectionList)
        listing.clear_options()
        # Names as written, never read as markup.
        listing.add_options([(Content(p.full_name), p.id, p.id in self.ticked) for p in people if p.code])
        if listing.option_count:
            listing.highlighted = 0

    @on(Input.Changed, "#find")
    def name_typed(self) -> None:
        self.fill_people()

    @on(Input.Submitted, "#find")
    def to_the_list(self) -> None:
        self.query_one("#people", SelectionList).focus()

    @on(SelectionList.SelectionToggled, "#people")
    def ticked_or_not(self, event: SelectionList.SelectionToggled[str]) -> None:
        person = str(event.selection.value)
        self.ticked.symmetric_difference_update({person})
        self.fill_choices()
        self.query_one("#which", OptionList).highlighted = len(GROUPS) + 1  # "chosen people"

    @on(OptionList.OptionSelected, "#which")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == CHOSEN and not self.ticked:
            self.query_one("#find", Input).focus()
            self.say(_("Type part of a name, then tick people with Space."))
            return
        self.action_print_sheet()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the registry (a card printed there, a person added): count again."""
        if event.registry:
            self.fill_choices()
            self.fill_people()

    def say(self, text: str, problem: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(problem, "error")
        status.update(text)

    @work(exclusive=True, group="card-sheet")
    async def action_print_sheet(self) -> None:
        """Write the sheet of the highlighted choice, then ask where to print it."""
        index = self.query_one("#which", OptionList).highlighted or 0
        key, label, people = self.choices()[index]
        if not people:
            self.say(_("No cards to print for “{choice}”.").format(choice=label))
            return
        app = self.app
        out = default_sheet_path(app.store.data_dir, "cards-" + key, app.clock())
        try:
            count = await app.write(write_card_sheet, out, app.store.registry, people)
        except OSError as error:
            self.say(_("The card sheet could not be written: {reason}.").format(reason=write_problem(error)), True)
            return
        what = ngettext("Print the card sheet: {n} card", "Print the card sheet: {n} cards", count).format(n=count)
        title = ngettext("Card sheet: {n} card", "Card sheet: {n} cards", count).format(n=count)
        offer_print(self, out, what, title, printed=partial(self.printed, [p.code or "" for p in people]))

    async def printed(self, codes: Sequence[str]) -> None:
        """The print service took the sheet: its cards are no longer new."""
        app = self.app
        if await save(app, partial(self.say, problem=True), mark_printed, app.store.registry, codes, app.clock()):
            if self in app.screen_stack:
                self.fill_choices()
