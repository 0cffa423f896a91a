"""Printing through the laptop's print service (CUPS, with its `lp` and `lpstat` commands).

The PDF is always written before anything is sent, so whatever happens to the
job the person can still print the file by other means: every answer here is
a sentence that says what happened to the job and where the PDF is. CUPS
speaks in the system's language; its messages are read in English
(`LC_ALL=C`) to tell one failure from another, and said in the app's own words.
The print server is the one CUPS itself would use: `CUPS_SERVER` in the
environment, else the laptop's own.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sessions.i18n import N_, _, ngettext

__all__ = [
    "LAST_PRINTER",
    "MAX_COPIES",
    "PrintProblem",
    "PrintResult",
    "Printers",
    "find_printers",
    "pick_printer",
    "print_pdf",
]

#: The registry setting that remembers the printer this laptop printed on last (a laptop's own: `last_` settings
#: stay out of the shared registry, sessions/storage/shared.py).
LAST_PRINTER = "last_printer"
#: More copies than this at once is taken as a slip of the finger.
MAX_COPIES = 99
#: Seconds CUPS has to answer one command; a print server on another machine may be slow, never this slow.
ANSWER_WITHIN_S = 30
_JOB = re.compile(r"request id is (\S+)")


class PrintProblem(Enum):
    """Why nothing was printed."""

    NO_CUPS = "no_cups"
    NOT_RUNNING = "not_running"
    NO_PRINTER = "no_printer"
    UNKNOWN_PRINTER = "unknown_printer"
    NOT_ACCEPTING = "not_accepting"
    REFUSED = "refused"
    NO_ANSWER = "no_answer"


_SENTENCES = {
    PrintProblem.NO_CUPS: N_(
        "This laptop has no print service (CUPS), so nothing was printed. Ask for CUPS to be installed and the"
        " printer added, or print the PDF from another computer."
    ),
    PrintProblem.NOT_RUNNING: N_(
        "The print service (CUPS) is not running, so nothing was printed. Restart the laptop, or ask for the print"
        " service to be started, and try again."
    ),
    PrintProblem.NO_PRINTER: N_(
        "No printer is set up on this laptop, so nothing was printed. Add the printer in the system's printer"
        " settings, then try again."
    ),
    PrintProblem.UNKNOWN_PRINTER: N_("There is no printer called “{printer}” on this laptop: nothing was printed."),
    PrintProblem.NOT_ACCEPTING: N_(
        "The printer {printer} does not take jobs now, so nothing was printed. Let it accept jobs again in the"
        " printer settings, or choose another printer."
    ),
    PrintProblem.REFUSED: N_(
        "The printer {printer} refused the job: nothing was printed. The print service said: {reason}"
    ),
    PrintProblem.NO_ANSWER: N_(
        "The print service did not answer within {seconds} seconds: the job may not have been printed. Look at the"
        " printer's queue before printing again."
    ),
}


@dataclass(frozen=True)
class Printers:
    """The printers this laptop can print on, its default one, or why none could be listed."""

    names: tuple[str, ...] = ()
    default: str | None = None
    problem: PrintProblem | None = None

    @property
    def sentence(self) -> str:
        """Why there is nothing to choose from ("" when there is)."""
        if self.problem is not None:
            return _(_SENTENCES[self.problem])
        if not self.names:
            return _(_SENTENCES[PrintProblem.NO_PRINTER])
        return ""


@dataclass(frozen=True)
class PrintResult:
    """What became of one print: the job CUPS took, or the problem; the PDF it was asked to print."""

    pdf: Path
    printer: str | None
    copies: int
    job: str | None = None
    problem: PrintProblem | None = None
    #: CUPS's own words, when it refused the job for a reason of its own.
    reason: str = ""
    #: The printer is paused: the job waits in its queue until someone resumes it.
    paused: bool = False

    @property
    def printed(self) -> bool:
        return self.job is not None

    def sentence(self, shown_path: str | None = None) -> str:
        """What happened, said for a person, ending with where the PDF is (`shown_path` if given)."""
        where = _("The PDF is saved: {path}").format(path=shown_path or str(self.pdf))
        if self.problem is not None:
            said = _(_SENTENCES[self.problem]).format(
                printer=self.printer or "", reason=self.reason, seconds=ANSWER_WITHIN_S
            )
            return f"{said} {where}"
        sent = ngettext(
            "Sent to {printer}: {n} copy (job {job}).", "Sent to {printer}: {n} copies (job {job}).", self.copies
        ).format(printer=self.printer, n=self.copies, job=self.job)
        if self.paused:
            sent += " " + _("The printer is paused: the job waits until someone resumes it.")
        return f"{sent} {where}"


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """A CUPS command, its messages in English; FileNotFoundError without CUPS, TimeoutExpired without answer."""
    environment = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    return subprocess.run(
        list(command),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        timeout=ANSWER_WITHIN_S,
        check=False,
    )


def find_printers() -> Printers:
    """The printers CUPS offers here and its default one (`lpstat -r -d -e`), or why there are none."""
    try:
        answer = _run(["lpstat", "-r", "-d", "-e"])
    except FileNotFoundError:
        return Printers(problem=PrintProblem.NO_CUPS)
    except subprocess.TimeoutExpired:
        return Printers(problem=PrintProblem.NO_ANSWER)
    names: list[str] = []
    default = None
    for line in answer.stdout.splitlines():
        line = line.strip()
        if line == "scheduler is not running":
            return Printers(problem=PrintProblem.NOT_RUNNING)
        if line.startswith("system default destination:"):
            default = line.partition(":")[2].strip() or None
        elif line and " " not in line:  # a printer's name never holds a space; lpstat's own lines do
            names.append(line)
    return Printers(tuple(names), default if default in names else None)


def pick_printer(printers: Printers, remembered: str | None) -> str | None:
    """The printer to offer first: the one this laptop printed on last, else the system's default, else the first."""
    for candidate in (remembered, printers.default):
        if candidate and candidate in printers.names:
            return candidate
    return printers.names[0] if printers.names else None


def print_pdf(pdf: Path, printer: str | None, copies: int = 1, title: str = "") -> PrintResult:
    """Send a PDF already written to `printer` (None: the system's default) with `lp`, `copies` times.

    Never raises for what the print service answers: the result says it.
    """
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(_("The number of copies is from 1 to {most}.").format(most=MAX_COPIES))
    pdf = Path(pdf).resolve()
    command = ["lp", "-n", str(copies)]
    if printer:
        command += ["-d", printer]
    if title:
        command += ["-t", title]
    command.append(str(pdf))
    try:
        answer = _run(command)
    except FileNotFoundError:
        return PrintResult(pdf, printer, copies, problem=PrintProblem.NO_CUPS)
    except subprocess.TimeoutExpired:
        return PrintResult(pdf, printer, copies, problem=PrintProblem.NO_ANSWER)
    job = _JOB.search(answer.stdout)
    if answer.returncode == 0 and job:
        used = printer or job[1].rpartition("-")[0]  # a job is named after its printer: PDF-12
        return PrintResult(pdf, used, copies, job=job[1], paused=_paused(used))
    said = " ".join((answer.stderr or answer.stdout).split())
    return PrintResult(pdf, printer, copies, problem=_problem(said), reason=_cups_words(said))


def _problem(said: str) -> PrintProblem:
    """What `lp`'s complaint means (in English, as LC_ALL=C makes it)."""
    lowered = said.lower()
    if "not accepting jobs" in lowered:
        return PrintProblem.NOT_ACCEPTING
    if "no default destination" in lowered:
        return PrintProblem.NOT_RUNNING if not _scheduler_running() else PrintProblem.NO_PRINTER
    if "does not exist" in lowered or "unable to connect" in lowered or "bad file descriptor" in lowered:
        # Without a scheduler to ask, lp says that no printer has the name: ask whether it runs.
        return PrintProblem.UNKNOWN_PRINTER if _scheduler_running() else PrintProblem.NOT_RUNNING
    return PrintProblem.REFUSED


def _cups_words(said: str) -> str:
    """lp's message without its "lp: Error - " prefix."""
    return re.sub(r"^lp:\s*(error\s*-\s*)?", "", said, flags=re.IGNORECASE).strip() or _("no reason given")


def _scheduler_running() -> bool:
    try:
        return "scheduler is running" in _run(["lpstat", "-r"]).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False


def _paused(printer: str) -> bool:
    """Whether the printer is stopped ("disabled" in CUPS's words): a job sent to it waits."""
    try:
        answer = _run(["lpstat", "-p", printer])
    except (OSError, subprocess.TimeoutExpired):
        return False
    return f"printer {printer} disabled" in answer.stdout
