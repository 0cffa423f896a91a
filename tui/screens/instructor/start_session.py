"""Start a session: the activity, with the place and instructor it had last time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from sessions.attendance import start_session
from sessions.elsewhere import OpenElsewhere, open_elsewhere
from sessions.i18n import N_, _, ngettext
from sessions.kinds import ActivityRecord
from sessions.registry import EntryError
from sessions.storage.disk import write_problem
from tui.arrivals import DataArrived
from tui.elsewhere import since
from tui.saving import save
from tui.screens.scan_screen import FormBeforeScanning
from tui.widgets.choice import Choice
from tui.widgets.footer import Footer

__all__ = ["StartSessionScreen"]


#: The fields an activity brings with it, each remembered per activity (`last_place:<activity id>` …).
FIELDS = ("place", "instructor")


class StartSessionScreen(FormBeforeScanning):
    """Pick the activity and press Enter; place and instructor come with the activity.

    Each activity brings the place and instructor it had last time; an activity never
    run brings a list's only entry, or leaves the field to be chosen. Moving through the
    activities fills both fields again, except one the person has already changed by
    hand: that choice stays until the form is left. Enter starts the session from any
    field once the form is complete; otherwise it says what is missing and the cursor
    goes there.
    """

    #: What a card scanned here is told (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but the session has not started yet. Start it first (Enter), then scan the card again."
    )

    CSS_PATH = "start_session.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("f5", "start", N_("Start session")),
        Binding("enter", "start", N_("Start session"), show=False),
    ]
    HELP_TEXT = N_(
        "Start a session before the first card is scanned. Choose the activity with ↑↓ and press Enter (or F5); the"
        " place and the instructor come from last time, and Tab moves to them to change them. The check-in screen"
        " opens at once."
    )
    #: Sessions open on other laptops today (read at mount and when their files come).
    elsewhere: list[OpenElsewhere] = []  # replaced, never changed in place
    #: True while a write runs, so that a second Enter does not start the session twice.
    saving = False

    def compose(self) -> ComposeResult:
        registry = self.app.store.registry
        self.activities: list[ActivityRecord] = registry.items("activities")
        places = [(p["name"], p["name"]) for p in registry.items("places")]
        instructors = [(s["name"], s["name"]) for s in registry.items("staff") if "instructor" in s.get("roles", [])]
        self.choices = {"place": [v for _l, v in places], "instructor": [v for _l, v in instructors]}
        #: The fields the person has changed by hand: moving through the activities leaves them alone.
        self.edited: set[str] = set()
        yield Header()
        with Vertical(id="start"):
            yield Static(_("Start a session: choose the activity and press Enter"), classes="title")
            yield OptionList(
                *[
                    Option(
                        ngettext("{name} — {capacity} place", "{name} — {capacity} places", a["capacity"]).format(
                            name=a["name"], capacity=a["capacity"]
                        ),
                        id=a["id"],
                    )
                    for a in self.activities
                ],
                id="activities",
            )
            with Horizontal(classes="field"):
                yield Label(_("Place"))
                yield Choice(places, id="place", prompt=_("Choose a place"))
            with Horizontal(classes="field"):
                yield Label(_("Instructor"))
                yield Choice(instructors, id="instructor", prompt=_("Choose an instructor"))
            yield Static(id="elsewhere", classes="hint")
            yield Static(id="problem", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self.read_elsewhere()
        registry = self.app.store.registry
        options = self.query_one("#activities", OptionList)
        last = registry.setting("last_activity")
        ids = [a["id"] for a in self.activities]
        options.highlighted = ids.index(last) if last in ids else 0
        options.focus()
        if not (self.activities and self.choices["place"] and self.choices["instructor"]):
            self.query_one("#problem", Static).update(
                _("A list is still empty. Staff fill it in: 3 → Activities, places, staff and projects.")
            )

    def read_elsewhere(self) -> None:
        """Sessions other laptops have open today (their files as far as they have arrived)."""
        today = self.app.clock().date()
        found = open_elsewhere(self.app.store, today)
        self.elsewhere = [w for w in found if w.kind == "session" and w.started.date() == today]

    def on_data_arrived(self, event: DataArrived) -> None:
        if event.logs:
            self.read_elsewhere()
            self.say_elsewhere()

    def say_elsewhere(self) -> None:
        """The highlighted activity already open on another laptop today, said before a second one is started."""
        options = self.query_one("#activities", OptionList)
        chosen = self.activities[options.highlighted]["id"] if options.highlighted is not None else None
        today = self.app.clock().date()
        lines = [
            _(
                "{activity} is already open on “{laptop}” since {time}. Start it here too only for a second group."
            ).format(activity=work.record.get("activity", ""), laptop=work.laptop, time=since(work, today))
            for work in self.elsewhere
            if work.record.get("activity_id") == chosen
        ]
        self.query_one("#elsewhere", Static).update("\n".join(lines))

    @on(OptionList.OptionHighlighted, "#activities")
    def remember_for(self, event: OptionList.OptionHighlighted) -> None:
        """Fill place and instructor with what this activity had last time (not a field changed by hand)."""
        self.say_elsewhere()
        activity_id = str(event.option.id)
        for field in FIELDS:
            if field in self.edited:
                continue
            select = self.query_one(f"#{field}", Choice)
            value = self.remembered(field, activity_id)
            with self.prevent(Select.Changed):  # a fill, not a choice by hand
                if value is None:
                    select.clear()
                else:
                    select.value = value

    def remembered(self, field: str, activity_id: str) -> str | None:
        """What `field` held when this activity was last started, else the list's only entry, else None."""
        known = self.choices[field]
        value = self.app.store.registry.setting(f"last_{field}:{activity_id}")
        if value in known:
            return str(value)
        return known[0] if len(known) == 1 else None

    @on(Select.Changed, "#place, #instructor")
    def changed_by_hand(self, event: Select.Changed) -> None:
        if event.select.id is not None:
            self.edited.add(event.select.id)

    @on(OptionList.OptionSelected, "#activities")
    async def activity_chosen(self) -> None:
        await self.action_start()

    async def action_start(self) -> None:
        """Start the highlighted activity with the place and instructor shown; say what is missing."""
        if self.saving:  # a second Enter while the first write runs
            return
        self.saving = True
        try:
            await self._start()
        finally:
            self.saving = False

    async def _start(self) -> None:
        options = self.query_one("#activities", OptionList)
        if options.highlighted is None:
            return
        activity_id = self.activities[options.highlighted]["id"]
        problem = self.query_one("#problem", Static)

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            self.query_one(f"#{error.field if error.field in FIELDS else 'activities'}").focus()

        app = self.app
        written = await save(
            app,
            problem.update,
            start_session,
            app.store,
            activity_id,
            self._value("place"),
            self._value("instructor"),
            app.clock(),
            refused=refused,
            failed=_nothing_started,
        )
        if written is None:
            return
        session = written.value
        from tui.screens.instructor.checkin import CheckInScreen

        self.give_way_to(CheckInScreen(session, ready=False))

    def _value(self, field: str) -> str:
        select = self.query_one(f"#{field}", Choice)
        return "" if select.is_blank() else str(select.value)


def _nothing_started(error: OSError) -> str:
    return _("The session could not be saved: {reason}. Nothing was started.").format(reason=write_problem(error))
