"""Whether a session the app left open when it stopped goes on at the next start: the rule, in one place.

An instructor whose laptop restarted mid-class (a power cut, a crash, a kill)
expects to go on scanning the same queue. A session left open yesterday, or
hours past its end, was forgotten, and is closed at its last scan instead
(`sessions.attendance.close_left_open`).

The rule, with the start, the planned end and now compared as instants
(`sessions.clock.instant`), never as text or wall-clock times:

- the session started on the same local day as now (the day its start was
  written in, by its own offset): a session never goes on past midnight, so
  one from yesterday is closed, however recent;
- now is no later than its planned end plus `MARGIN`; sessions store no
  planned end yet, so without a ``planned_end`` it is its start plus
  `DEFAULT_LENGTH`;
- now is no earlier than its start less `CLOCK_SLACK`: a clock put right after
  the restart still finds its session; a clock set back further is a clock
  that cannot be trusted, and the session is closed as it would be without
  this rule (at its last scan, which a clock moved now does not change).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sessions.clock import instant

__all__ = ["CLOCK_SLACK", "DEFAULT_LENGTH", "MARGIN", "goes_on", "planned_end"]

#: How long a session runs when it does not say (no ``planned_end``): until a timetable says, a class is 2 hours.
DEFAULT_LENGTH = timedelta(hours=2)
#: How long after its planned end a session left open still goes on: a class that ran over, a slow restart.
MARGIN = timedelta(hours=1)
#: How far before a session's start the clock may now read and still find it going on (a clock put right at boot).
CLOCK_SLACK = timedelta(minutes=15)


def planned_end(record: Mapping[str, Any]) -> datetime:
    """When a session is planned to end: its ``planned_end`` when it has a readable one after the start, else
    start + DEFAULT_LENGTH (a planned session started after its planned end, late in the day, runs as long as an
    unplanned one)."""
    started = instant(record["start"])
    planned = record.get("planned_end")
    if isinstance(planned, str) and planned:
        try:
            end = instant(planned)
        except (ValueError, OverflowError):
            pass  # an unreadable planned end is no plan: the default length stands
        else:
            if end > started:
                return end
    return started + DEFAULT_LENGTH


def goes_on(record: Mapping[str, Any], now: datetime) -> bool:
    """Whether a session left open when the app stopped is still plausible now, and so goes on (see the module)."""
    started = instant(record["start"])
    if started.date() != now.date():  # each in its own local time: the day the start was written, and today
        return False
    moment = now.astimezone(UTC)  # instants: aware arithmetic in one zone is wall-clock arithmetic
    return started.astimezone(UTC) - CLOCK_SLACK <= moment <= planned_end(record).astimezone(UTC) + MARGIN
