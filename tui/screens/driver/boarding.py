"""The boarding screen: scan passengers aboard, mark wheelchair and lift, close the trip."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from sessions.boarding import board, board_person, change_boarding, set_guests, void_boarding
from sessions.checkin import Outcome, ScanResult
from sessions.i18n import N_, _, format_time, ngettext
from sessions.kinds import BoardingRecord
from sessions.registry import EntryError
from sessions.trips import OpenTrip, OverCapacity, TripSummary
from tui.saving import scan_not_saved
from tui.screens.dialogs.help import CARD_ANSWERS, Answered
from tui.screens.scan_screen import ScanScreen
from tui.trip_answers import boarding_sentence, load_text
from tui.widgets.answer import Answer
from tui.widgets.cut_list import CutList
from tui.widgets.footer import Footer
from tui.widgets.table_refill import cut

__all__ = ["BoardingScreen"]

#: The room a passenger's name has before the marks (wheelchair, lift, escorts), while the line has room.
NAME_WIDTH = 16


class BoardingScreen(ScanScreen):
    """Scan card after card; ↑↓ choose a passenger, F-keys change what they used."""

    CSS_PATH = ["../scan_screen.tcss", "boarding.tcss"]
    BINDINGS = [
        Binding("f2", "wheelchair", N_("Wheelchair")),
        Binding("f3", "override", N_("Anyway"), show=False),
        Binding("f4", "remove", N_("Remove")),
        Binding("f5", "lift", N_("Lift")),
        # F1 and the help's "Boarded" say it; its room in the footer went to F9 (Russian words are long).
        Binding("f6", "escorts", N_("Escorts"), show=False),
        Binding("f7", "guests", N_("Guests")),
        Binding("f10", "close", N_("End trip")),
        Binding("escape", "leave", N_("Back")),
        # The footer has no room left for F8 (F1 lists it); once locked, only "F8 Unlock" is shown.
        Binding("f8", "lock", N_("Lock"), show=False),
        ScanScreen.LOCK_BINDINGS[1],
        ScanScreen.CAMERA_BINDING,
        Binding("pagedown", "choose_page(1)", N_("Scroll list"), show=False),
        Binding("pageup", "choose_page(-1)", N_("Scroll list"), show=False),
    ]
    WHILE_LOCKED = ScanScreen.WHILE_LOCKED | {"choose_page"}
    CAMERA_SCREEN = "boarding"
    HELP_TEXT = N_(
        "Board the passengers by scanning their cards: the big line answers at once, in green, yellow or red. A"
        " person without a card: type part of their name, choose with ↓ and press Enter. ↑↓ choose a passenger"
        " aboard: F2 marks a wheelchair, F5 the lift, F6 their escorts; F4 removes someone. F7 counts guests"
        " without a card. A change that goes over the seats or wheelchair places turns yellow: F3 does it anyway."
        " F10 closes the trip when the minibus is back. F8 locks the screen: then only scanning and names work"
        " until the code or the staff PIN."
    )
    ANSWERS = (
        Answered(
            Outcome.BOARDED,
            N_("Boarded"),
            N_("The passenger is aboard, and it is saved. Mark a wheelchair (F2), the lift (F5) or escorts (F6) now."),
        ),
        Answered(
            Outcome.ALREADY_ABOARD,
            N_("Already aboard"),
            N_("They boarded earlier, at the time said. Nothing changes."),
        ),
        *CARD_ANSWERS,
        Answered(
            Outcome.FULL,
            N_("Minibus full"),
            N_("Every seat is taken. Only if there is room after all, press F3: it boards the person anyway."),
        ),
        Answered(
            Outcome.NO_WHEELCHAIR_PLACE,
            N_("No wheelchair place"),
            N_("Every wheelchair place is taken, though seats are free. F3 boards the person anyway."),
        ),
        Answered(
            Outcome.CLOSED,
            N_("Trip closed"),
            N_("This trip was closed. Esc goes back to the driver's screen, where a new trip is opened."),
        ),
    )

    def __init__(self, trip: OpenTrip, *, ready: bool = True) -> None:
        super().__init__(trip, board, board_person, ready=ready)
        self.trip = trip
        self.selected: str | None = None
        #: What F3 would do: a change refused for capacity, to be done anyway.
        self.pending: Callable[[], Any] | None = None

    def compose(self) -> ComposeResult:
        record = self.trip.record
        with Horizontal(id="bar"):
            # A long destination or driver's name is cut with …; when the minibus left stays in view, on the right.
            yield Static(f"{record['vehicle']} → {record['destination']} · {record['driver']}", id="what", markup=False)
            # Translators: the boarding screen's header, after the minibus, destination and driver.
            yield Static(_("left {time}").format(time=format_time(self.trip.departure)), id="when")
            yield Static(id="count")
        yield from self.scan_widgets()
        with Horizontal(id="lists"):
            with Vertical(id="aboard-box"):
                yield Static(_("Aboard (↑↓ choose)"), classes="box-title")
                yield CutList(id="aboard")
            with Vertical(id="load-box"):
                yield Static(_("Load"), classes="box-title")
                yield Static(id="load")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#matches").display = False
        active = self.trip.active()
        self.selected = active[-1]["id"] if active else None
        self.refresh_lists()
        self.mount_ready()

    def ready_text(self) -> str:
        n = self.trip.count
        if not n:
            return _("Ready: scan the first passenger's card.")
        return ngettext("{n} aboard; scan the next card.", "{n} aboard; scan the next card.", n).format(n=n)

    def answer(self, result: ScanResult) -> None:
        person = result.participant
        self.pending = self.let_in_anyway if result.outcome.over_capacity and person else None
        if result.outcome is Outcome.BOARDED and person:
            boarding = self.trip.boarding_of(person.id)
            self.selected = boarding["id"] if boarding else self.selected
        self.show_answer(result, boarding_sentence(result, self.trip))

    def notice_title(self) -> str:
        return _("Trip to {destination}").format(destination=self.trip.record["destination"])

    # live name matches, or choosing a passenger -----------------------------

    def pick_outside(self, step: int) -> None:
        ids = [b["id"] for b in self.trip.active()]
        if not ids:
            return
        index = ids.index(self.selected) if self.selected in ids else len(ids) - 1
        self.selected = ids[max(0, min(len(ids) - 1, index + step))]
        self.refresh_lists()

    def action_choose_page(self, pages: int) -> None:
        """PgDn, PgUp: choose a passenger a page further down or up the list."""
        self.pick_outside(pages * self.query_one("#aboard", CutList).page_size)

    # the lists --------------------------------------------------------------

    def refresh_count(self) -> Static:
        label = self.query_one("#count", Static)
        label.update(ngettext("{count} aboard", "{count} aboard", self.trip.count).format(count=self.trip.count))
        return label

    def refresh_boxes(self) -> None:
        trip = self.trip
        registry = self.app.store.registry
        aboard = trip.active()

        def passenger(index: int) -> Text:  # only the lines that fit are drawn
            boarding = aboard[index]
            person = registry.participant(boarding["participant_id"])
            marks = [_("wheelchair")] if boarding.get("wheelchair") else []
            marks += [_("lift")] if boarding.get("lift") else []
            if boarding.get("escorts"):
                marks.append(_("+{n} escort").format(n=boarding["escorts"]))
            said = ", ".join(marks)
            # The marks are what F2, F5 and F6 change: they stay whole, a long name gives way (cut with …).
            room = max(4, min(NAME_WIDTH, self.query_one("#aboard", CutList).content_size.width - 3 - cell_len(said)))
            name = cut(person.short_name if person else "?", room)
            chosen = boarding["id"] == self.selected
            return Text(f"{'▶' if chosen else ' '} {name:<{room}} {said}".rstrip(), style="reverse" if chosen else "")

        chosen = next((i for i, b in enumerate(aboard) if b["id"] == self.selected), None)
        self.query_one("#aboard", CutList).show(len(aboard), passenger, "  " + _("Nobody aboard yet."), keep=chosen)
        load = trip.load()
        self.query_one("#load", Static).update(
            "\n".join(
                [
                    load_text(load).replace(" · ", "\n"),
                    _("guests without a card {n}").format(n=load.guests),
                    _("escorts {n}").format(n=load.escorts),
                    _("lift used {n}").format(n=load.lift),
                    "",
                    _("F2 wheelchair · F5 lift"),
                    _("F6 escorts · F7 guests"),
                ]
            )
        )

    # changes to a passenger -------------------------------------------------

    def chosen(self) -> BoardingRecord | None:
        boarding = next((b for b in self.trip.active() if b["id"] == self.selected), None)
        if boarding is None:
            self.query_one(Answer).show("idle", _("Nobody aboard yet: scan a card first."))
        return boarding

    async def change(
        self, work: Callable[..., Any], *args: Any, done: Callable[[], None], override: bool = False, **changes: Any
    ) -> None:
        """Run one change on the writer; a refusal is shown, over capacity waits for F3."""
        app = self.app
        try:
            await app.write(work, self.trip, *args, app.clock(), override=override, **changes)
        except OverCapacity as full:
            self.pending = partial(self.change, work, *args, done=done, override=True, **changes)
            self.query_one(Answer).show("yellow", full.message + " " + _("F3 does it anyway."))
            return
        except EntryError as error:
            self.query_one(Answer).show("red", error.message)
            return
        except OSError as error:
            self.query_one(Answer).show("red", scan_not_saved(error))
            return
        self.pending = None
        self.refresh_lists()
        done()

    async def action_wheelchair(self) -> None:
        boarding = self.chosen()
        if boarding is None:
            return
        on_chair = not boarding.get("wheelchair")
        lift = on_chair and bool(self.trip.record.get("vehicle_lift"))
        await self.change(
            change_boarding, boarding["id"], wheelchair=on_chair, lift=lift, done=partial(self.say_about, boarding)
        )

    async def action_lift(self) -> None:
        boarding = self.chosen()
        if boarding is None:
            return
        if not self.trip.record.get("vehicle_lift"):
            self.query_one(Answer).show("red", _("This vehicle has no lift."))
            return
        await self.change(
            change_boarding, boarding["id"], lift=not boarding.get("lift"), done=partial(self.say_about, boarding)
        )

    def say_about(self, boarding: BoardingRecord) -> None:
        person = self.app.store.registry.participant(boarding["participant_id"])
        name = person.short_name if person else "?"
        chair = _("in a wheelchair") if boarding.get("wheelchair") else _("not in a wheelchair")
        lift = _("used the lift") if boarding.get("lift") else _("no lift")
        escorts = _("escorts: {n}").format(n=boarding.get("escorts") or 0)
        self.query_one(Answer).show("idle", f"{name}: {chair}, {lift}, {escorts}.")

    def action_escorts(self) -> None:
        from tui.screens.dialogs.count import CountDialog

        boarding = self.chosen()
        if boarding is None:
            return
        person = self.app.store.registry.participant(boarding["participant_id"])
        question = _("How many escorts ride with {name}?").format(name=person.short_name if person else "?")
        self.app.push_screen(CountDialog(question, boarding.get("escorts") or 0), partial(self.escorts_typed, boarding))

    async def escorts_typed(self, boarding: BoardingRecord, typed: str | None) -> None:
        if typed is not None:
            await self.change(change_boarding, boarding["id"], escorts=typed, done=partial(self.say_about, boarding))

    def action_guests(self) -> None:
        from tui.screens.dialogs.count import CountDialog

        question = _("How many guests without a card ride along?")
        self.app.push_screen(CountDialog(question, self.trip.record.get("guests") or 0), self.guests_typed)

    async def guests_typed(self, typed: str | None) -> None:
        if typed is not None:
            await self.change(set_guests, typed, done=self.say_guests)

    def say_guests(self) -> None:
        self.query_one(Answer).show("idle", _("Guests without a card: {n}.").format(n=self.trip.record["guests"]))

    async def action_override(self) -> None:
        if self.pending is None:
            self.query_one(Answer).show("idle", _("F3 boards someone after “minibus full”; nobody is waiting."))
            return
        pending, self.pending = self.pending, None
        await pending()

    # remove, close, leave ---------------------------------------------------

    def action_remove(self) -> None:
        from tui.screens.dialogs.remove_dialog import RemoveDialog, removal_entries

        entries = removal_entries(self.trip.active(), self.app.store.registry)
        if not entries:
            self.query_one(Answer).show("idle", _("Nobody aboard yet."))
            return
        self.app.push_screen(RemoveDialog(entries), self.remove_chosen)

    async def remove_chosen(self, boarding_id: str | None) -> None:
        if boarding_id is None:
            return
        app = self.app
        try:
            removed = await app.write(
                void_boarding, self.trip, boarding_id, app.clock(), self.trip.record["driver"], "removed"
            )
        except (EntryError, OSError) as error:
            self.query_one(Answer).show("red", scan_not_saved(error))
            return
        person = self.app.store.registry.participant(removed["participant_id"])
        self.query_one(Answer).show("idle", _("Removed: {name}.").format(name=person.short_name if person else "?"))
        active = self.trip.active()
        self.selected = active[-1]["id"] if active else None
        self.refresh_lists()

    def action_close(self) -> None:
        from tui.screens.driver.close_trip import CloseTripScreen

        self.app.push_screen(CloseTripScreen(self.trip), self.closed)

    def closed(self, summary: TripSummary | None) -> None:
        if summary is None:
            return
        from tui.screens.driver.close_trip import TripSummaryDialog

        self.app.pop_screen()
        self.app.push_screen(TripSummaryDialog(summary))
