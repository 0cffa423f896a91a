"""Card codes: random digits with a Damm check digit, and the parsing of a scan."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CODE_LENGTH",
    "CodeProblem",
    "ParsedScan",
    "check_digit",
    "format_code",
    "is_valid",
    "new_code",
    "parse_scan",
]

#: Digits on a card, the check digit included. Nine random digits give a
#: billion codes, so a code cannot be guessed from another card.
CODE_LENGTH = 10

# The Damm quasigroup (order 10, weakly totally anti-symmetric): one check
# digit that catches every single wrong digit and every swap of neighbours.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

# What a scanner or a hand may put around a code: spaces, CR, LF, Tab.
_SURROUNDING = " \t\r\n\u00a0"


def _interim(digits: str) -> int:
    interim = 0
    for char in digits:
        interim = _DAMM[interim][ord(char) - 48]
    return interim


def check_digit(body: str) -> str:
    """Return the Damm check digit for a string of digits."""
    return str(_interim(body))


def is_valid(code: str) -> bool:
    """True when `code` is CODE_LENGTH ASCII digits whose check digit holds."""
    return len(code) == CODE_LENGTH and code.isascii() and code.isdigit() and _interim(code) == 0


def new_code(taken: frozenset[str] | set[str] = frozenset()) -> str:
    """Draw a new random card code that is not in `taken`.

    The first digit is never 0, so that a spreadsheet showing the code as
    a number does not drop it.
    """
    while True:
        body = str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for _ in range(CODE_LENGTH - 2))
        code = body + check_digit(body)
        if code not in taken:
            return code


def format_code(code: str) -> str:
    """Group a code for reading aloud and typing: ``123 456 7890``."""
    return f"{code[:3]} {code[3:6]} {code[6:]}"


class CodeProblem(StrEnum):
    """Why a scan is not a card code."""

    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    WRONG_LENGTH = "wrong_length"
    CHECK_DIGIT = "check_digit"


@dataclass(frozen=True, slots=True)
class ParsedScan:
    """A scan read as a card code, or the reason it is not one."""

    code: str | None
    problem: CodeProblem | None = None

    @property
    def ok(self) -> bool:
        return self.code is not None


def parse_scan(raw: str) -> ParsedScan:
    """Read what a scanner or a person typed as a card code.

    Surrounding spaces and a CR, LF or Tab suffix are tolerated; spaces
    inside (as printed on the card, ``123 456 7890``) are too.
    """
    text = raw.strip(_SURROUNDING).replace(" ", "")
    if not text:
        return ParsedScan(None, CodeProblem.EMPTY)
    if not (text.isascii() and text.isdigit()):
        return ParsedScan(None, CodeProblem.NOT_DIGITS)
    if len(text) != CODE_LENGTH:
        return ParsedScan(None, CodeProblem.WRONG_LENGTH)
    if _interim(text) != 0:
        return ParsedScan(None, CodeProblem.CHECK_DIGIT)
    return ParsedScan(text)
