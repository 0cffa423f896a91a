"""The check-in screen: one always-focused input, a big answer, who is in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from sessions.admission import how_admitted
from sessions.attendance import OpenSession, end_session, undo_last, void_checkin
from sessions.checkin import Outcome, ScanResult, check_in, check_in_person
from sessions.clock import from_iso
from sessions.i18n import N_, _, by_gender, format_time, ngettext, pgettext
from sessions.storage.disk import write_problem
from tui.answers import sentence
from tui.saving import save, scan_not_saved
from tui.screens.dialogs.help import CARD_ANSWERS, Answered
from tui.screens.scan_screen import ScanScreen
from tui.widgets.answer import Answer
from tui.widgets.cut_list import CutList
from tui.widgets.footer import Footer

__all__ = ["CheckInScreen"]

SHOWN_SCANS = 8


class CheckInScreen(ScanScreen):
    """Scan card after card; typed letters find a person by name."""

    CSS_PATH = ["../scan_screen.tcss", "checkin.tcss"]
    BINDINGS = [
        Binding("f2", "undo", N_("Undo last")),
        # Said in the answer that needs it ("F3 lets … in anyway"): its room in the footer went to F9.
        Binding("f3", "override", N_("Let in anyway"), show=False),
        Binding("f4", "remove", N_("Remove…")),
        Binding("f10", "end", N_("End session")),
        Binding("escape", "leave", N_("Home")),
        *ScanScreen.LOCK_BINDINGS,
        ScanScreen.CAMERA_BINDING,
        # Said where the list is cut ("↓ +9 more · PgDn"): the footer has no room left at 80 columns.
        Binding("pagedown", "checked_in_page(1)", N_("Scroll list"), show=False),
        Binding("pageup", "checked_in_page(-1)", N_("Scroll list"), show=False),
    ]
    WHILE_LOCKED = ScanScreen.WHILE_LOCKED | {"checked_in_page"}
    CAMERA_SCREEN = "checkin"
    HELP_TEXT = N_(
        "Check people into the session that is open. Hold each card to the scanner: the big line answers at once,"
        " in green, yellow or red. A person without a card: type part of their name, choose with ↓ and press"
        " Enter. F2 takes back the last check-in, F4 removes someone chosen from a list, F10 ends the session"
        " and shows its figures (both ask first: Y). Esc goes home; the session stays open until it is ended, and"
        " a card scanned elsewhere is still checked in. F8 locks the screen for a queue: then only scanning and"
        " names work until the code or the staff PIN."
    )
    ANSWERS = (
        Answered(
            Outcome.CHECKED_IN,
            N_("Checked in"),
            N_("The person is in the session, and it is saved. The count says how many are in, of how many places."),
        ),
        Answered(
            Outcome.ALREADY_IN,
            N_("Already checked in"),
            N_("They were checked in earlier, at the time said. Nothing changes: let them through."),
        ),
        *CARD_ANSWERS,
        Answered(
            Outcome.FULL,
            N_("Session full"),
            N_("Every place is taken. If the person may join anyway, press F3: they are let in over capacity."),
        ),
        Answered(
            Outcome.CLOSED,
            N_("Session closed"),
            N_("The session was ended, here or on another laptop. Esc goes home, where a new one is started."),
        ),
    )

    def __init__(self, session: OpenSession, *, ready: bool = True) -> None:
        super().__init__(session, check_in, check_in_person, ready=ready)
        self.session = session

    def compose(self) -> ComposeResult:
        record = self.session.record
        with Horizontal(id="bar"):
            # A long place or instructor's name is cut with …; the activity comes first, the start stays in view.
            yield Static(f"{record['activity']} · {record['place']} · {record['instructor']}", id="what", markup=False)
            # Translators: the check-in screen's header, after the activity, place and instructor.
            yield Static(_("since {time}").format(time=format_time(self.session.started)), id="when")
            yield Static(id="count")
        yield from self.scan_widgets()
        with Horizontal(id="lists"):
            with Vertical(id="in-box"):
                yield Static(_("Checked in"), classes="box-title")
                yield CutList(id="in")
            with Vertical(id="scans-box"):
                yield Static(_("Last scans"), classes="box-title")
                yield Static(id="scans")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#matches").display = False
        self.refresh_lists()
        self.mount_ready()

    def ready_text(self) -> str:
        n = self.session.count
        if not n:
            return _("Ready: scan the first card.")
        # A session taken up again (Esc and 1, or after a restart) says how many are in already.
        return ngettext("{n} checked in; scan the next card.", "{n} checked in; scan the next card.", n).format(n=n)

    def answer(self, result: ScanResult) -> None:
        self.query_one("#in", CutList).first = 0  # the newest check-in shows again
        self.show_answer(result, sentence(result))

    def notice_title(self) -> str:
        return self.session.record["activity"]

    # the lists --------------------------------------------------------------

    def refresh_count(self) -> Static:
        session = self.session
        # As wide as the capacity from the start, so the count never widens (9 → 10) during a queue.
        width = len(str(session.capacity or 100))
        count = f"{session.count:>{width}}" + (f" / {session.capacity}" if session.capacity else "")
        label = self.query_one("#count", Static)
        # A layout of the whole screen only when the count does get wider (beyond the capacity).
        label.update(count, layout=len(count) != len(str(label.content)))
        return label

    def refresh_boxes(self) -> None:
        session = self.session
        registry = self.app.store.registry
        active = session.active()

        def checked_in(index: int) -> str:  # newest first; only the lines that fit are drawn
            checkin = active[-1 - index]
            person = registry.participant(checkin["participant_id"])
            name = person.short_name if person else "?"
            mark = "✎ " if how_admitted(checkin, session.scans) == "manual" else ""
            return f"{format_time(from_iso(checkin['at']))}  {mark}{name}"

        self.query_one("#in", CutList).show(len(active), checked_in, _("Nobody yet."))
        marks = {"green": "[green]✔[/]", "yellow": "[yellow]●[/]", "red": "[red]✖[/]"}
        lines = []
        for scan in reversed(session.scans[-SHOWN_SCANS:]):
            person = registry.participant(scan["participant_id"]) if scan["participant_id"] else None
            who = person.short_name if person else _("no card")
            lines.append(f"{format_time(from_iso(scan['at']))} {marks.get(scan['colour'], '')} {who}")
        self.query_one("#scans", Static).update("\n".join(lines), layout=False)

    def action_checked_in_page(self, pages: int) -> None:
        """PgDn, PgUp: earlier and later check-ins, while the scan input keeps the focus."""
        self.query_one("#in", CutList).page(pages)

    def say_red(self, text: str) -> None:
        """A write refused or failed: said in the big answer, in red."""
        self.query_one(Answer).show("red", text)

    # actions ----------------------------------------------------------------

    async def action_undo(self) -> None:
        app = self.app
        written = await save(
            app,
            self.say_red,
            undo_last,
            self.session,
            app.clock(),
            self.session.record["instructor"],
            failed=scan_not_saved,
        )
        if written is None:
            return
        undone = written.value
        if undone is None:
            self.query_one(Answer).show("idle", _("Nothing to undo."))
        else:
            person = self.app.store.registry.participant(undone["participant_id"])
            said = by_gender(
                person.gender if person else None,
                pgettext("female", "Undone: {name} is no longer checked in."),
                pgettext("male", "Undone: {name} is no longer checked in."),
                _("Undone: {name} is no longer checked in."),
            )
            self.query_one(Answer).show("idle", said.format(name=person.short_name if person else "?"))
        self.refresh_lists()

    async def action_override(self) -> None:
        if not await self.let_in_anyway():
            self.query_one(Answer).show("idle", _("F3 lets someone in after “session full”; nobody is waiting."))

    def action_remove(self) -> None:
        from tui.screens.dialogs.remove_dialog import RemoveDialog, removal_entries

        entries = removal_entries(self.session.active(), self.app.store.registry)
        if not entries:
            self.query_one(Answer).show("idle", _("Nobody is checked in yet."))
            return
        self.app.push_screen(RemoveDialog(entries), self.remove_chosen)

    async def remove_chosen(self, checkin_id: str | None) -> None:
        if checkin_id is None:
            return
        app = self.app
        instructor = self.session.record["instructor"]
        written = await save(
            app,
            self.say_red,
            void_checkin,
            self.session,
            checkin_id,
            app.clock(),
            instructor,
            "removed",
            failed=scan_not_saved,
        )
        if written is None:
            return
        removed = written.value
        person = self.app.store.registry.participant(removed["participant_id"])
        self.query_one(Answer).show("idle", _("Removed: {name}.").format(name=person.short_name if person else "?"))
        self.refresh_lists()

    def action_end(self) -> None:
        from tui.screens.dialogs.common import ConfirmDialog

        question = ngettext(
            "End the {activity} session? {count} person checked in.",
            "End the {activity} session? {count} people checked in.",
            self.session.count,
        ).format(activity=self.session.record["activity"], count=self.session.count)
        self.app.push_screen(ConfirmDialog(question), self.end_confirmed)

    async def end_confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        app = self.app
        written = await save(app, self.say_red, end_session, app.store, self.session, app.clock(), failed=_still_open)
        if written is None:
            return
        summary = written.value
        from tui.screens.instructor.summary import SummaryDialog

        absent = self.absent_regulars()
        self.app.pop_screen()
        self.app.push_screen(SummaryDialog(summary, absent))

    def absent_regulars(self) -> list[str] | None:
        """The short names of the plan's regulars who did not come; None for a session with no regulars."""
        from sessions.regulars import missing_regulars

        registry = self.app.store.registry
        plan = registry.record("timetable", str(self.session.record.get("plan_id") or ""))
        if plan is None or not plan.get("regulars"):
            return None
        return [p.short_name for p in missing_regulars(registry, self.session.record, self.session.checkins)]


def _still_open(error: OSError) -> str:
    return _("NOT saved: {reason}. The session is still open.").format(reason=write_problem(error))
