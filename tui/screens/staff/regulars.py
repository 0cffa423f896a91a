"""The regulars of a regular session: added by name or from who came most, removed; the summary names the absent."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from sessions.i18n import N_, _, ngettext
from sessions.kinds import PlanRecord
from sessions.regulars import REGULAR_WEEKS, propose_regulars
from sessions.timetable import set_regulars
from tui.app import CentrelogApp
from tui.arrivals import DataArrived
from tui.saving import notice, save
from tui.widgets.footer import Footer
from tui.widgets.table_refill import refill

__all__ = ["RegularsScreen"]

#: How many people typing part of a name lists.
SHOWN_MATCHES = 5


class RegularsScreen(Screen[None]):
    """Type part of a name to add someone; F4 proposes who came most; F8 removes the highlighted regular."""

    app = getters.app(CentrelogApp)

    #: What a card scanned here is told when no session or trip is open on this laptop (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but regulars are not added by card: type part of the name. To check people in: Esc"
        " to the home screen, then 1."
    )

    CSS_PATH = "timetable.tcss"
    BINDINGS = [
        Binding("f4", "propose", N_("Propose")),
        Binding("f8", "remove", N_("Remove")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "The regulars of a regular session: the people who usually come. When it ends, the instructor's summary"
        " names those of them who did not come. Type part of a name, choose with ↓ and press Enter to add someone."
        " F4 proposes who came most in the last eight weeks: Enter on one adds them. Tab moves to the regulars;"
        " F8 removes the highlighted one."
    )

    def __init__(self, plan_id: str) -> None:
        super().__init__()
        self.plan_id = plan_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="regulars-title", classes="title")
        yield Input(placeholder=_("Type part of a name to add someone"), id="find", compact=True)
        yield OptionList(id="found")
        yield Static(id="proposed-title", classes="hint")
        yield OptionList(id="proposed")
        yield DataTable(id="regulars", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        from tui.screens.staff.timetable import plan_title

        plan = self.plan()
        title = plan_title(self.app.store.registry, plan) if plan else ""
        self.query_one("#regulars-title", Static).update(Content(_("Regulars of {plan}").format(plan=title)))
        for hidden in ("#found", "#proposed", "#proposed-title"):
            self.query_one(hidden).display = False
        self.fill()
        self.query_one("#find", Input).focus()

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop changed the regulars or the register: show them as they are now."""
        if event.registry:
            self.fill()

    def plan(self) -> PlanRecord | None:
        record = self.app.store.registry.record("timetable", self.plan_id)
        return record  # type: ignore[return-value]  # a "timetable" record is a PlanRecord

    def regulars(self) -> list[str]:
        plan = self.plan()
        return list(plan.get("regulars") or []) if plan else []

    def fill(self) -> None:
        """The regulars, by name; the cursor kept on its row number."""
        registry = self.app.store.registry
        table = self.query_one("#regulars", DataTable)
        row = table.cursor_row
        people = [p for p in (registry.participant(pid) for pid in self.regulars()) if p is not None]
        rows = [
            (
                (
                    f"{person.last_name} {person.first_name}" + (" · " + _("archived") if person.archived else ""),
                    str(person.birth_year or ""),
                ),
                person.id,
            )
            for person in sorted(people, key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))
        ]
        refill(table, (_("Name"), _("Born")), rows)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    @on(Input.Changed, "#find")
    def find(self, event: Input.Changed) -> None:
        """The people whose name holds what was typed (regulars already left out)."""
        found = self.query_one("#found", OptionList)
        text = event.value.strip()
        people = self.app.store.registry.find(text, limit=SHOWN_MATCHES + 5) if text else []
        ours = set(self.regulars())
        found.set_options(
            [Option(Content(f"{p.last_name} {p.first_name}"), id=p.id) for p in people if p.id not in ours][
                :SHOWN_MATCHES
            ]
        )
        found.display = bool(found.option_count)
        if found.option_count:
            found.highlighted = 0

    @on(Input.Submitted, "#find")
    def to_matches(self) -> None:
        found = self.query_one("#found", OptionList)
        if found.display:
            found.focus()

    @on(OptionList.OptionSelected, "#found, #proposed")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a person listed: one of the regulars now."""
        person_id = str(event.option.id)
        if await self.write([*self.regulars(), person_id]):
            if event.option_list.id == "found":
                find = self.query_one("#find", Input)
                find.value = ""
                find.focus()
            else:
                event.option_list.remove_option(person_id)
                event.option_list.display = bool(event.option_list.option_count)
            self.fill()

    async def write(self, regulars: list[str]) -> bool:
        app = self.app
        written = await save(app, notice(self), set_regulars, app.store.registry, self.plan_id, regulars, app.clock())
        return written is not None

    def action_propose(self) -> None:
        """F4: who came to it most in the last weeks, not regulars yet: Enter adds one."""
        proposals = [p for p in propose_regulars(self.app.store, self.plan_id, self.app.clock()) if not p.regular]
        title = self.query_one("#proposed-title", Static)
        proposed = self.query_one("#proposed", OptionList)
        title.display = True
        if not proposals:
            title.update(_("Nobody else came to it in the last {weeks} weeks.").format(weeks=REGULAR_WEEKS))
            proposed.display = False
            return
        title.update(_("Who came most in the last {weeks} weeks (Enter adds):").format(weeks=REGULAR_WEEKS))
        proposed.set_options(
            [
                Option(
                    Content(
                        ngettext("{name} — {n} of {held} time", "{name} — {n} of {held} times", p.held).format(
                            name=f"{p.participant.last_name} {p.participant.first_name}", n=p.visits, held=p.held
                        )
                    ),
                    id=p.participant.id,
                )
                for p in proposals
            ]
        )
        proposed.display = True
        proposed.highlighted = 0
        proposed.focus()

    async def action_remove(self) -> None:
        """F8: the highlighted regular is one no more (their visits stay as they were)."""
        table = self.query_one("#regulars", DataTable)
        if not table.row_count:
            return
        person_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        if await self.write([pid for pid in self.regulars() if pid != person_id]):
            self.fill()
