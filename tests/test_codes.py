"""Card codes: every single wrong digit and every neighbour swap is caught."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sessions.codes import CODE_LENGTH, CodeProblem, check_digit, format_code, is_valid, new_code, parse_scan

bodies = st.text(alphabet="0123456789", min_size=CODE_LENGTH - 1, max_size=CODE_LENGTH - 1)


def _code(body: str) -> str:
    return body + check_digit(body)


@given(bodies)
def test_every_single_wrong_digit_is_caught(body: str) -> None:
    code = _code(body)
    assert is_valid(code)
    for position in range(CODE_LENGTH):
        for digit in "0123456789":
            if digit != code[position]:
                wrong = code[:position] + digit + code[position + 1 :]
                assert not is_valid(wrong), wrong


@given(bodies)
def test_every_swap_of_neighbours_is_caught(body: str) -> None:
    code = _code(body)
    for position in range(CODE_LENGTH - 1):
        a, b = code[position], code[position + 1]
        if a != b:
            swapped = code[:position] + b + a + code[position + 2 :]
            assert not is_valid(swapped), swapped


def test_new_codes_are_valid_distinct_and_never_start_with_zero() -> None:
    codes: set[str] = set()
    for _ in range(2000):
        codes.add(new_code(codes))  # as the registry draws them: never one already issued
    assert len(codes) == 2000
    assert all(is_valid(c) and c[0] != "0" and len(c) == CODE_LENGTH for c in codes)


def test_new_code_avoids_taken_codes() -> None:
    taken = {new_code() for _ in range(50)}
    assert new_code(taken) not in taken


@given(bodies, st.sampled_from(["", "\r", "\n", "\t", "\r\n", " "]), st.sampled_from(["", " ", "  "]))
def test_parse_tolerates_surroundings_and_suffixes(body: str, suffix: str, prefix: str) -> None:
    code = _code(body)
    assert parse_scan(prefix + code + suffix).code == code
    assert parse_scan(format_code(code)).code == code


@given(st.text(max_size=40))
def test_parse_never_accepts_anything_but_a_valid_code(text: str) -> None:
    parsed = parse_scan(text)
    if parsed.ok:
        assert parsed.code is not None and is_valid(parsed.code)
    else:
        assert parsed.problem in set(CodeProblem)


def test_parse_says_why() -> None:
    code = new_code()
    broken = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert parse_scan("").problem is CodeProblem.EMPTY
    assert parse_scan("https://example.org").problem is CodeProblem.NOT_DIGITS
    assert parse_scan("１２３").problem is CodeProblem.NOT_DIGITS  # full-width digits are not a card
    assert parse_scan(code[:-2]).problem is CodeProblem.WRONG_LENGTH
    assert parse_scan(broken).problem is CodeProblem.CHECK_DIGIT
