"""`centrelog sessions`: the sessions of a week with their ids, to find one for `centrelog sheet`."""

from __future__ import annotations

import argparse
from collections import Counter

from exports.periods import parse_week
from exports.readers import load_logs
from sessions.clock import by_moment, now, week_key
from sessions.i18n import N_, _, format_week
from sessions.store import Store
from tui.cli import EXIT_OK
from tui.commands._export_args import as_week

READ_ONLY = True
HELP = N_("list a week's sessions with their ids (default: this week)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", type=as_week, metavar="YYYY-Www", help=_("ISO week such as 2026-W47"))


def run(args: argparse.Namespace, store: Store) -> int:
    period = args.week or parse_week(week_key(now()))
    logs = load_logs(store, period)
    counts = Counter(c["session_id"] for c in logs.checkins)
    for session in sorted(logs.sessions.values(), key=by_moment("start")):
        start = str(session.get("start") or "")
        print(
            f"{session['id'][:8]}  {start[:10]} {start[11:16]}  {session.get('activity', '')}  "
            f"{session.get('place', '')}  {session.get('instructor', '')}  {counts[session['id']]}"
        )
    print(_("{n} sessions in {week}.").format(n=len(logs.sessions), week=format_week(period.start, year=True)))
    return EXIT_OK
