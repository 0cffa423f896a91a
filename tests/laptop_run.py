"""One laptop's day, run by the real app under Pilot in a process of its own (for the two-laptop sync test).

    python -m tests.laptop_run DATA ROLE PLAN.json RESULT.json

ROLE `hall` starts a session from the instructor's screen and scans the
plan's cards as a scanner's burst; `bus` opens a trip from the driver's form
and boards them. Both then edit the registry through the app's writer, as
staff would while the app runs. RESULT.json gets what was recorded.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from sessions.clock import now
from sessions.store import Store
from tests.pilot_helpers import open_trip_form, scanner_burst, settle
from tui.app import CentrelogApp


async def _hall(app: CentrelogApp, plan: dict[str, Any]) -> dict[str, Any]:
    from tui.screens.instructor.checkin import CheckInScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")  # the highlighted activity, place and instructor pre-filled
        await settle(pilot, lambda: isinstance(app.screen, CheckInScreen))
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        scanner_burst(app, plan["cards"])
        await settle(pilot, lambda: len(screen.session.scans) >= len(plan["cards"]))
        await _edit(app, plan)
        return {
            "session": screen.session.id,
            "checkins": [c["id"] for c in screen.session.checkins],
            "outcomes": [s["outcome"] for s in screen.session.scans],
        }


async def _bus(app: CentrelogApp, plan: dict[str, Any]) -> dict[str, Any]:
    from tui.screens.driver.boarding import BoardingScreen

    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_trip_form(pilot)
        await pilot.press(*plan["destination"], "f5")  # refused: the cursor goes to the purpose
        await settle(pilot, lambda: app.focused is form.query_one("#purpose"))
        await pilot.press("enter", "down", "enter")  # the purpose: the first on the list
        await settle(pilot, lambda: not form.query_one("#purpose").is_blank())
        await pilot.press("tab", "space", "f5")  # the safety check (next after the purpose), then open
        await settle(pilot, lambda: isinstance(app.screen, BoardingScreen))
        screen = app.screen
        assert isinstance(screen, BoardingScreen)
        scanner_burst(app, plan["cards"])
        await settle(pilot, lambda: len(screen.trip.scans) >= len(plan["cards"]))
        await _edit(app, plan)
        return {
            "trip": screen.trip.id,
            "boardings": [b["id"] for b in screen.trip.boardings],
            "outcomes": [s["outcome"] for s in screen.trip.scans],
        }


async def _edit(app: CentrelogApp, plan: dict[str, Any]) -> None:
    """Staff's edits on this laptop while it runs, through the app's one writer."""
    registry = app.store.registry
    registry.acting_role = "staff"
    for pid, fields in plan["edits"].items():
        await app.write(registry.update_participant, pid, now(), **fields)
    for first, last in plan["add"]:
        await app.write(registry.add_participant, now(), first_name=first, last_name=last)


def main(argv: list[str]) -> int:
    data, role, plan_path, result_path = Path(argv[0]), argv[1], Path(argv[2]), Path(argv[3])
    plan = json.loads(plan_path.read_text("utf-8"))
    with Store(data) as store:
        app = CentrelogApp(store)
        run = _hall if role == "hall" else _bus
        result = asyncio.run(run(app, plan))
        result["device"] = store.device
    result_path.write_text(json.dumps(result), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
