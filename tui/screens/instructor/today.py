"""Today's planned sessions: the current or next one highlighted, Enter starts it with everything filled in."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sessions.attendance import open_sessions
from sessions.i18n import N_, _, format_date, format_time, ngettext
from sessions.storage.disk import write_problem
from sessions.timetable import LineState, TodayLine, start_planned, today
from tui.arrivals import DataArrived
from tui.saving import save
from tui.screens.scan_screen import FormBeforeScanning
from tui.weekdays import weekday_name
from tui.widgets.footer import Footer

__all__ = ["TodayScreen"]

#: Under a session's line, its mark starts below the activity (past "10:00–11:00  ").
_MARK_INDENT = " " * 13


class TodayScreen(FormBeforeScanning):
    """One line per session the timetable plans today, with what became of it; Enter starts or goes on with it."""

    #: What a card scanned here is told (tui/scans_anywhere.py).
    SCAN_HINT = N_(
        "A card was scanned, but no session is open. Start the session first: Enter on its line, then scan the card"
        " again."
    )

    CSS_PATH = "today.tcss"
    BINDINGS = [
        Binding("f5", "start", N_("Start session")),
        Binding("f2", "unplanned", N_("Unplanned session")),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]
    HELP_TEXT = N_(
        "Today's sessions as the timetable plans them; the one on now, or the next, is highlighted. Enter (or F5)"
        " starts it with its place, instructor and capacity, and the check-in screen opens at once. A session held"
        " is marked ✓; Enter on one open here goes on checking in; one open on another laptop is checked in there."
        " A cancelled session or one on a public holiday starts only after a question (Y). F2 starts a session the"
        " timetable does not plan."
    )
    #: Today's lines, as last read (replaced, never changed in place).
    lines: list[TodayLine] = []
    #: True while a write runs, so that a second Enter does not start the session twice.
    saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today"):
            yield Static(id="today-title", classes="title")
            yield OptionList(id="plans")
            yield Static(id="detail", classes="hint")
            yield Static(id="problem", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plans", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Read today's sessions each time the screen shows; the first time, highlight the current or next."""
        self.read_today(highlight_current=not self.lines)

    def on_data_arrived(self, event: DataArrived) -> None:
        """Another laptop's files came: a session may be open or held there now, or the timetable changed."""
        if event.logs or event.registry:
            self.read_today()

    def read_today(self, *, highlight_current: bool = False) -> None:
        """Today's lines again, the highlight kept (or put on the current or next session)."""
        now = self.app.clock()
        self.lines = today(self.app.store, now)
        self.query_one("#today-title", Static).update(
            _("Today, {day}: choose the session and press Enter").format(
                day=f"{weekday_name(now.isoweekday())} {format_date(now.date())}"
            )
            if self.lines
            else _("Nothing is planned for today. F2 starts a session.")
        )
        plans = self.query_one("#plans", OptionList)
        kept = plans.highlighted
        plans.set_options([Option(line_text(line), id=str(index)) for index, line in enumerate(self.lines)])
        plans.display = bool(self.lines)
        if highlight_current or kept is None:
            kept = next((i for i, line in enumerate(self.lines) if line.when), 0)
        if self.lines:
            plans.highlighted = min(kept, len(self.lines) - 1)
        self.say_detail()

    @on(OptionList.OptionHighlighted, "#plans")
    def say_detail(self) -> None:
        """The highlighted session in a sentence: what Enter does with it, or why it does not."""
        line = self.highlighted()
        self.query_one("#detail", Static).update(Content(detail_text(line)) if line else "")
        self.query_one("#problem", Static).update("")

    def highlighted(self) -> TodayLine | None:
        index = self.query_one("#plans", OptionList).highlighted
        return self.lines[index] if index is not None and index < len(self.lines) else None

    @on(OptionList.OptionSelected, "#plans")
    async def line_chosen(self) -> None:
        await self.action_start()

    async def action_start(self) -> None:
        """Enter: start the highlighted session, go on with it, ask first, or say why not."""
        line = self.highlighted()
        if line is None or self.saving:
            return
        if line.state is LineState.OPEN_HERE:
            self.go_on(line)
        elif line.state in (LineState.HELD, LineState.OPEN_ELSEWHERE):  # no second session: said in red
            self.app.bell()
            self.query_one("#detail", Static).update("")
            self.query_one("#problem", Static).update(Content(detail_text(line)))
        elif line.state in (LineState.CANCELLED, LineState.HOLIDAY):
            from tui.screens.dialogs.common import ConfirmDialog

            question = _("{activity} at {time} does not take place today ({why}). Start it all the same?").format(
                activity=line.occurrence.activity, time=format_time(line.occurrence.start), why=why_not_held(line)
            )
            self.app.push_screen(ConfirmDialog(question), lambda yes: self.start_if(yes, line))
        else:
            await self.start(line)

    def start_if(self, yes: bool | None, line: TodayLine) -> None:
        """The answer to "start it all the same?": Y starts it."""
        if yes:
            self.run_worker(self.start(line))

    async def start(self, line: TodayLine) -> None:
        """Start the planned session with everything the timetable says, and open its check-in screen."""
        if self.saving:  # a second Enter while the first write runs
            return
        self.saving = True
        try:
            app = self.app
            problem = self.query_one("#problem", Static)
            written = await save(
                app, problem.update, start_planned, app.store, line.occurrence, app.clock(), failed=_nothing_started
            )
        finally:
            self.saving = False
        if written is not None:
            from tui.screens.instructor.checkin import CheckInScreen

            self.give_way_to(CheckInScreen(written.value, ready=False))

    def go_on(self, line: TodayLine) -> None:
        """The session is open on this laptop: its check-in screen, with who is in already."""
        from tui.screens.instructor.checkin import CheckInScreen

        session = next((s for s in open_sessions(self.app.store) if s.id == line.session_id), None)
        if session is None:  # ended a moment ago
            self.read_today()
            return
        self.give_way_to(CheckInScreen(session, ready=False))

    def action_unplanned(self) -> None:
        """F2: the start form, for a session the timetable does not plan (Esc there goes home)."""
        from tui.screens.instructor.start_session import StartSessionScreen

        self.app.switch_screen(StartSessionScreen())


#: The colour of each state's mark.
STATE_STYLE = {
    LineState.HELD: "$text-success",
    LineState.OPEN_HERE: "$text-warning",
    LineState.OPEN_ELSEWHERE: "$text-warning",
    LineState.CANCELLED: "$text-error",
    LineState.HOLIDAY: "$text-error",
}


def line_text(line: TodayLine) -> Content:
    """A session's time, activity, place and instructor; under it, what became of it (or that it is on now)."""
    o = line.occurrence
    what = Content(f"{format_time(o.start)}–{format_time(o.end)}  {o.activity} · {o.place} · {o.instructor}")
    mark = state_mark(line)
    if not mark:
        return what
    return Content.assemble(what, "\n", (_MARK_INDENT + mark, STATE_STYLE.get(line.state, "bold")))


def state_mark(line: TodayLine) -> str:
    """A few words under the session's line: held, open, cancelled, a holiday, on now, next."""
    o = line.occurrence
    if line.state is LineState.HELD:
        return "✓ " + ngettext("held: {n} came", "held: {n} came", line.attendance).format(n=line.attendance)
    if line.state is LineState.OPEN_HERE:
        return "● " + ngettext("open here: {n} in", "open here: {n} in", line.attendance).format(n=line.attendance)
    if line.state is LineState.OPEN_ELSEWHERE:
        return "● " + _("open on “{laptop}”").format(laptop=line.laptop or "")
    if line.state is LineState.CANCELLED:
        return "✖ " + _("cancelled: {reason}").format(reason=o.reason or "")
    if line.state is LineState.HOLIDAY:
        return "✖ " + _("public holiday: {name}").format(name=o.holiday or "")
    if line.when == "current":
        return "▶ " + _("on now")
    if line.when == "next":
        return "▶ " + _("next")
    return ""


def why_not_held(line: TodayLine) -> str:
    """Why a session does not take place today: the holiday's name, or the reason staff gave."""
    if line.state is LineState.HOLIDAY:
        return line.occurrence.holiday or ""
    return line.occurrence.reason or ""


def detail_text(line: TodayLine) -> str:
    """What Enter does with the highlighted session, or why it does not."""
    o = line.occurrence
    if line.state is LineState.HELD:
        return _("{activity} was held today. For another group, F2 starts a session of its own.").format(
            activity=o.activity
        )
    if line.state is LineState.OPEN_HERE:
        return _("{activity} is open on this laptop: Enter goes on checking in.").format(activity=o.activity)
    if line.state is LineState.OPEN_ELSEWHERE:
        return _("{activity} is open on “{laptop}”: check people in there.").format(
            activity=o.activity, laptop=line.laptop or ""
        )
    if line.state in (LineState.CANCELLED, LineState.HOLIDAY):
        return _("Not held today ({why}). Enter asks before starting it all the same.").format(why=why_not_held(line))
    if o.capacity:
        return ngettext("Enter starts it: {n} place.", "Enter starts it: {n} places.", o.capacity).format(n=o.capacity)
    return _("Enter starts it.")


def _nothing_started(error: OSError) -> str:
    return _("The session could not be saved: {reason}. Nothing was started.").format(reason=write_problem(error))
