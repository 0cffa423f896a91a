"""Whose cards go on a card sheet (the new ones, a target group, chosen people) and which cards were printed.

A card counts as printed once the print service took a sheet or card that holds
it. That is kept on the card's record in the registry, which every laptop of the
centre shares: a card printed in the office is not new on the hall laptop. A
reissued card is a new record, and so new again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sessions.participants import Participant
from sessions.registry import Registry

__all__ = ["in_group", "mark_printed", "new_cards"]


def new_cards(registry: Registry) -> list[Participant]:
    """Active people whose current card was never printed, by name."""
    people = registry.participants(include_archived=False)
    return [p for p in people if p.code and (card := registry.card(p.code)) is not None and not card.printed_at]


def in_group(registry: Registry, group: str) -> list[Participant]:
    """Active people of a target group (sessions.participants.GROUPS) who have a card, by name."""
    return [p for p in registry.participants(include_archived=False) if p.code and group in p.groups]


def mark_printed(registry: Registry, codes: Iterable[str], now: datetime) -> int:
    """Remember that these cards went to a printer, in one write; return how many cards that was."""
    return registry.mark_cards_printed(codes, now)
