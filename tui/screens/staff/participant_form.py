"""Add or edit one participant."""

from __future__ import annotations

from typing import Any

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from sessions.i18n import N_, _
from sessions.participants import read_date, typed_date
from sessions.registry import GROUPS, EntryError, Participant
from tui.app import CentrelogApp
from tui.saving import save

__all__ = ["ParticipantForm"]

_FIELDS = (
    ("first_name", lambda: _("First name")),
    ("last_name", lambda: _("Last name")),
    ("birth_year", lambda: _("Year of birth")),
    ("gender", lambda: _("Gender (F/M)")),
    ("neighbourhood", lambda: _("Neighbourhood")),
    ("language", lambda: _("Language (lv/ru/en/lt)")),
    ("consent_date", lambda: _("Consent date")),
    ("contact", lambda: _("Phone or contact")),
)


class ParticipantForm(ModalScreen[str | None]):
    """The fields of the brief; F5 or the button saves, Escape cancels."""

    app = getters.app(CentrelogApp)

    CSS_PATH = "participant_form.tcss"
    BINDINGS = [
        Binding("f5", "save", N_("Save")),
        Binding("escape", "cancel", N_("Cancel")),
    ]
    HELP_TEXT = N_(
        "A participant's details. Tab or Enter moves to the next field, Space ticks a group. F5 saves; Esc leaves"
        " without saving."
    )

    def __init__(self, participant: Participant | None) -> None:
        super().__init__()
        self.participant = participant

    def compose(self) -> ComposeResult:
        person = self.participant
        with VerticalScroll():
            yield Static(_("New participant") if person is None else person.full_name, classes="title")
            yield Static(id="problem", classes="error")
            for name, label in _FIELDS:
                value = getattr(person, name, None) if person else None
                if name == "language" and value is None:
                    value = "lv"
                if name == "consent_date" and value:
                    # As people write it; anything unreadable (an old or hand-edited file) shows as it is.
                    day = read_date(str(value))
                    value = typed_date(day) if day else value
                with Horizontal():
                    yield Label(label())
                    yield Input(str(value or ""), id=name, compact=True)
            with Horizontal(id="groups"):
                yield Checkbox(
                    _("senior"), value=bool(person and "senior" in person.groups), id="g-senior", compact=True
                )
                yield Checkbox(
                    _("disability"),
                    value=bool(person and "disability" in person.groups),
                    id="g-disability",
                    compact=True,
                )
                yield Checkbox(
                    _("wheelchair"),
                    value=bool(person and "wheelchair" in person.groups),
                    id="g-wheelchair",
                    compact=True,
                )
            yield Static(_("Tab or Enter: next field · Space: tick a group · F5: save · Esc: cancel"), classes="hint")
            yield Button(_("Save (F5)"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#first_name", Input).focus()

    def on_button_pressed(self) -> None:
        self.run_worker(self.action_save())

    def on_input_submitted(self) -> None:
        self.focus_next()

    async def action_save(self) -> None:
        values: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value for name, _l in _FIELDS}
        values["consent_date"] = values["consent_date"].strip() or None
        values["groups"] = [g for g in GROUPS if self.query_one(f"#g-{g}", Checkbox).value]
        app = self.app
        registry, problem = app.store.registry, self.query_one("#problem", Static)

        def refused(error: EntryError) -> None:
            problem.update(error.message)
            try:
                self.query_one(f"#{error.field}", Input).focus()
            except Exception:
                pass

        if self.participant is None:
            written = await save(app, problem.update, registry.add_participant, app.clock(), refused=refused, **values)
        else:
            person_id, now = self.participant.id, app.clock()
            written = await save(
                app, problem.update, registry.update_participant, person_id, now, refused=refused, **values
            )
        if written is not None:
            self.dismiss(written.value.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
