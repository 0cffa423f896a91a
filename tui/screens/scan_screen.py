"""What the check-in and boarding screens share: the scan input, live name matches, the answer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sessions.checkin import Colour, ScanOwner, ScanResult
from sessions.door_lock import DoorLock
from sessions.i18n import N_, _, ngettext
from sessions.names import told_apart
from sessions.registry import Participant
from tui.app import CentrelogApp
from tui.paint import paint_now
from tui.screens.scan_camera import CameraScreen
from tui.widgets.answer import Answer
from tui.widgets.cut_list import more
from tui.widgets.scan_input import ScanInput

__all__ = ["FormBeforeScanning", "ScanScreen", "scanned_code"]

#: Seconds without an answer before the lists below the input are redrawn (a queue at the door
#: scans a card every second or two; a scanner's burst redraws them once, at its end).
LISTS_AFTER_S = 0.12

#: The rule for a scanned code: (owner, registry, raw, now) -> ScanResult.
ScanRule = Callable[..., ScanResult]

#: Names listed under the input while a name is typed; more are counted ("+3 more").
MATCHES_SHOWN = 20

#: Letters, then digits: a card scanned while a name was being typed.
_CARD_AFTER_LETTERS = re.compile(r"(\D*[^\W\d_]\D*?)(\d[\d ]*)")
#: What a name holds besides letters (and the marks of letters typed apart): O'Neil, Anna-Marija, J. Ozols.
_NAME_SIGNS = frozenset(" -.'’ʼ`")


def scanned_code(text: str) -> str | None:
    """What of an entry is answered as a card scan, or None when it is a name to look up.

    A name holds letters, and no digit or sign a name never has. Digits after
    letters are a card scanned while a name was typed (or kept after Enter): the
    card is answered and the letters are dropped. Anything else is a scan as
    typed: digits alone (a card); digits among letters, signs (a web address
    from another QR code) or signs alone are "not a card". So a card's digits are
    never taken for a name, and never wait in the input.
    """
    if any(c.isdigit() for c in text):
        card = _CARD_AFTER_LETTERS.fullmatch(text.strip())
        return card[2] if card else text
    if any(c.isalpha() for c in text) and all(_in_a_name(c) for c in text):
        return None
    return text


def _in_a_name(char: str) -> bool:
    return char.isalpha() or char in _NAME_SIGNS or unicodedata.category(char).startswith("M")


class ScanScreen(CameraScreen):
    """Scan card after card (or hold them up to the camera); typed letters find a person by name.

    Subclasses draw the lists.
    """

    app = getters.app(CentrelogApp)

    AUTO_FOCUS = "#scan"
    #: F8 locks the screen for a queue and unlocks it (each screen puts them in its BINDINGS, shown or not).
    LOCK_BINDINGS = (Binding("f8", "lock", N_("Lock")), Binding("f8", "unlock", N_("Unlock")))
    #: The screen's actions that still work while it is locked; scanning and finding a name are no actions.
    WHILE_LOCKED: ClassVar[frozenset[str]] = frozenset({"unlock"})

    #: Set while the screen is locked for a queue: what unlocks it.
    door: DoorLock | None = None

    def __init__(self, owner: ScanOwner, scan_rule: ScanRule, name_rule: ScanRule, *, ready: bool = True) -> None:
        """`ready=False`: "Ready" waits for `show_ready`, called once the screen this one replaces is gone."""
        super().__init__()
        self.ready_at_mount = ready
        self.owner = owner
        self.scan_rule = scan_rule
        self.name_rule = name_rule
        self.matches: list[Participant] = []
        self.picked: int | None = None
        self._boxes_timer: Timer | None = None
        #: The attempt last refused for capacity (rule and scanned text or person id), for F3.
        self.refused_full: tuple[ScanRule, str] | None = None
        #: The last answer shown, and its sentence.
        self.last_answer: tuple[ScanResult, str] | None = None

    def scan_widgets(self) -> ComposeResult:
        """The answer, the scan input and the name matches, in that order."""
        yield Answer(id="answer")
        yield ScanInput(placeholder=_("Scan a card or type a name"), id="scan")
        yield OptionList(id="matches")

    def on_screen_resume(self) -> None:
        self.query_one("#scan", ScanInput).focus()
        self.app.scanning_starts()

    # ready for the first card ----------------------------------------------

    def mount_ready(self) -> None:
        """On mount: invite the first card now, or once the screen this one replaces is gone.

        A screen switch lays the new screen out again when the old one goes; "Ready"
        waits for that, so the first card is answered at once.
        """
        if self.ready_at_mount:
            self.show_ready()
        else:
            self.query_one(Answer).show("idle", "")
            self.set_timer(1.0, self.show_ready)  # in case the old screen's going is never reported
        self.camera_on_mount()

    def show_ready(self) -> None:
        """Invite the first card, unless something else is already said (an answer, "Nothing to undo.")."""
        answer = self.query_one(Answer)
        if not answer.sentence:
            answer.show("idle", self.ready_text())

    def show_ready_now(self) -> None:
        """Invite the first card on the terminal at once, not at the screen's next frame (see `paint_now`)."""
        self.show_ready()
        paint_now(self, self.query_one(Answer))

    # what subclasses say --------------------------------------------------

    def ready_text(self) -> str:
        """The invitation to scan, shown until the first answer."""
        raise NotImplementedError

    def answer(self, result: ScanResult) -> None:
        """Show the answer to one attempt and what it changed."""
        raise NotImplementedError

    def notice_title(self) -> str:
        """What the answers are about, as a notice over another screen names it (the activity, the trip)."""
        raise NotImplementedError

    def show_answer(self, result: ScanResult, text: str) -> None:
        """The big answer and the count, on the terminal at once; a bell for red; then the lists."""
        self.last_answer = (result, text)
        answer = self.query_one(Answer)
        answer.show(str(result.colour), text)
        if result.colour is Colour.RED:
            self.app.bell()
        paint_now(self, answer, self.refresh_count(), self.query_one("#scan", ScanInput))
        self.camera_answered(str(result.colour))
        # The lists follow once the scanner pauses: their paint never holds up the next card's answer.
        if self._boxes_timer is not None:
            self._boxes_timer.stop()
        self._boxes_timer = self.set_timer(LISTS_AFTER_S, self.refresh_boxes)

    def refresh_lists(self) -> None:
        """Redraw the count and the lists below the input."""
        self.refresh_count()
        self.refresh_boxes()

    def refresh_count(self) -> Widget:
        """Redraw the running count in the top bar; returns its widget."""
        raise NotImplementedError

    def refresh_boxes(self) -> None:
        """Redraw the lists below the input."""
        raise NotImplementedError

    def pick_outside(self, step: int) -> None:
        """↑↓ while no names are listed."""

    # scanning -------------------------------------------------------------

    @on(ScanInput.Scanned, "#scan")
    async def scanned(self, event: ScanInput.Scanned) -> None:
        """A card is answered at once (the input is already empty); a typed name is looked up.

        What came at a scanner's pace is a scan whatever it holds: a foreign code of letters is never a name.
        """
        code = event.burst.strip() if event.burst is not None else scanned_code(event.value)
        if code is None:
            await self.name_entered(event.value)
            return
        self.hide_matches()
        await self.attempt(self.scan_rule, code)

    async def name_entered(self, text: str) -> None:
        """Enter after a name: the person picked, or the only one listed, is let in; otherwise the name stays.

        The only match is let in only when it was listed under the input as Enter
        was pressed (a name of two letters or more): nobody is let in unseen.
        """
        if self.picked is not None and self.matches:
            person = self.matches[self.picked]
            self.hide_matches()
            await self.admit(person)
            return
        found = self.app.store.registry.find(text, limit=None)
        if len(found) == 1 and self.matches == found and self.query_one("#matches").display:
            self.hide_matches()
            await self.admit(found[0])
            return
        self.keep_typed(text)
        self.list_matches(text.strip(), found)
        if found:
            said = ngettext(
                "{count} person matches: pick with ↓ and press Enter.",
                "{count} people match: pick with ↓ and press Enter.",
                len(found),
            ).format(count=len(found))
        else:
            said = _("Nobody matches “{text}”.").format(text=text.strip())
        self.query_one(Answer).show("idle", said)

    def keep_typed(self, text: str) -> None:
        """Put a name back in the input after Enter, unless something was typed (or scanned) since."""
        scan = self.query_one("#scan", ScanInput)
        scan.put_in_typed()
        if scan.value:
            return
        with scan.prevent(Input.Changed):
            scan.value = text
        scan.cursor_position = len(text)

    async def scanned_elsewhere(self, text: str) -> None:
        """A card scanned while the input did not have the focus (a dialog over this screen): answered here.

        The answer is shown on this screen, and said in a notice when another screen is on top of it.
        """
        await self.attempt_and_tell(self.scan_rule, text)

    async def camera_card(self, code: str) -> None:
        """A card the camera read: the same rule as a scan, logged as read by the camera."""
        await self.attempt_and_tell(partial(self.scan_rule, method="camera"), code)

    async def attempt_and_tell(self, rule: ScanRule, text: str) -> None:
        """Answer a card on this screen, and in a notice when another screen is on top of it."""
        await self.attempt(rule, text)
        if not self.is_active and self.last_answer is not None:
            from tui.scans_anywhere import notify_answer

            notify_answer(self.app, self.notice_title(), *self.last_answer)

    async def admit(self, person: Participant) -> None:
        await self.attempt(self.name_rule, person.id)

    async def attempt(self, rule: ScanRule, subject: str, override: bool = False) -> None:
        """Try a card (`scan_rule`, the scanned text) or a name (`name_rule`, the person's id) and answer it."""
        app = self.app
        result = await app.write(rule, self.owner, self.app.store.registry, subject, app.clock(), override=override)
        self.refused_full = (rule, subject) if result.outcome.over_capacity else None
        self.answer(result)

    async def let_in_anyway(self) -> bool:
        """F3: try the attempt refused for capacity again, the same way (card or name), with an override.

        False when no attempt is waiting.
        """
        if self.refused_full is None:
            return False
        rule, subject = self.refused_full
        await self.attempt(rule, subject, override=True)
        return True

    # live name matches ----------------------------------------------------

    @on(ScanInput.Changed, "#scan")
    def typed(self, event: ScanInput.Changed) -> None:
        text = event.value.strip()
        if len(text) < 2 or scanned_code(text) is not None:
            self.hide_matches()
            return
        self.list_matches(text, self.app.store.registry.find(text, limit=None))

    def list_matches(self, text: str, found: list[Participant]) -> None:
        """List the people found for `text` under the input (first name and initial), in place of the lists."""
        self.matches = found[:MATCHES_SHOWN]
        self.picked = None
        options = self.query_one("#matches", OptionList)
        options.clear_options()
        # Names and what was typed as plain text, never markup (a name may hold "[").
        if not self.matches:
            options.add_option(Option(Content(_("Nobody matches “{text}”.").format(text=text)), disabled=True))
        for label in told_apart([(p.short_name, p.code) for p in self.matches]):
            options.add_option(Option(Content(label)))
        if len(found) > MATCHES_SHOWN:
            options.add_option(Option(more(len(found) - MATCHES_SHOWN), disabled=True))
        options.display = True
        self.query_one("#lists").display = False

    @on(ScanInput.Pick, "#scan")
    def pick(self, event: ScanInput.Pick) -> None:
        if not self.query_one("#matches").display:
            self.pick_outside(event.step)
            return
        if not self.matches:
            return
        current = -1 if self.picked is None else self.picked
        self.picked = max(0, min(len(self.matches) - 1, current + event.step))
        self.query_one("#matches", OptionList).highlighted = self.picked

    def hide_matches(self) -> None:
        self.matches = []
        self.picked = None
        matches, lists = self.query_one("#matches"), self.query_one("#lists")
        if matches.display or not lists.display:
            matches.display = False
            lists.display = True

    # locked for the queue ----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While locked, only the actions in WHILE_LOCKED are offered (the footer shows no others)."""
        if action == "lock":
            return self.door is None
        if action == "unlock":
            return self.door is not None
        return self.door is None or action in self.WHILE_LOCKED

    def action_lock(self) -> None:
        """F8: lock the screen for the queue, with the instructor's own code or the staff PIN to unlock."""
        from tui.screens.dialogs.door_lock import LockDialog

        self.app.push_screen(LockDialog(), self.locked)

    def locked(self, door: DoorLock | None) -> None:
        if door is None:
            return
        self.door = door
        self.add_class("locked")
        self.query_one("#bar").mount(Static(_("LOCKED"), id="lock-mark"), before=0)
        self.refresh_bindings()
        self.query_one(Answer).show("idle", _("Locked for the queue: scan a card, or type a name. F8 unlocks."))

    def action_unlock(self) -> None:
        """F8 while locked: the instructor's code or the staff PIN."""
        from tui.screens.dialogs.door_lock import UnlockDialog

        if self.door is not None:
            self.app.push_screen(UnlockDialog(self.door), self.unlocked)

    def unlocked(self, yes: bool | None) -> None:
        if not yes:
            return
        self.door = None
        self.remove_class("locked")
        self.query("#lock-mark").remove()
        self.refresh_bindings()
        self.query_one(Answer).show("idle", _("Unlocked: every key works again."))

    def action_leave(self) -> None:
        if self.query_one("#matches").display:
            self.query_one("#scan", ScanInput).value = ""
            self.hide_matches()
            return
        self.app.pop_screen()


class FormBeforeScanning(Screen[Any]):
    """A form that is replaced by a scan screen: "Ready" shows there once this form is gone."""

    app = getters.app(CentrelogApp)

    next_screen: ScanScreen | None = None

    def give_way_to(self, screen: ScanScreen) -> None:
        """Switch to `screen`, built with ``ready=False``."""
        self.next_screen = screen
        self.app.switch_screen(screen)

    def on_unmount(self) -> None:
        # The next screen is laid out again once this one is gone; "Ready" is painted as soon as that is done.
        if self.next_screen is not None:
            self.next_screen.call_after_refresh(self.next_screen.show_ready_now)
