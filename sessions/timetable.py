"""The week's timetable, in one place to import from: its rules (sessions/recurrence.py), what staff keep
(sessions/timetable_edit.py), today's sessions and starting one (sessions/today.py), holidays
(sessions/public_holidays.py)."""

from __future__ import annotations

from sessions.public_holidays import COUNTRIES, holiday_country, holiday_name, holidays_between
from sessions.recurrence import CHANGE_KINDS, Occurrence, expand, occurrences, plan_days
from sessions.timetable_edit import (
    add_date,
    add_plan,
    add_project,
    cancel_date,
    end_plan,
    move_date,
    plans,
    read_day,
    read_time,
    replace_plan,
    set_holiday_country,
    set_regulars,
    update_plan,
    withdraw_change,
    withdraw_plan,
)
from sessions.today import LineState, TodayLine, match_sessions, start_planned, today, today_lines

__all__ = [
    "CHANGE_KINDS",
    "COUNTRIES",
    "LineState",
    "Occurrence",
    "TodayLine",
    "add_date",
    "add_plan",
    "add_project",
    "cancel_date",
    "end_plan",
    "expand",
    "holiday_country",
    "holiday_name",
    "holidays_between",
    "match_sessions",
    "move_date",
    "occurrences",
    "plan_days",
    "plans",
    "read_day",
    "read_time",
    "replace_plan",
    "set_holiday_country",
    "set_regulars",
    "start_planned",
    "today",
    "today_lines",
    "update_plan",
    "withdraw_change",
    "withdraw_plan",
]
