"""The merge rule itself: any order, any grouping, any repetition of versions gives the same record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import reduce
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sessions.storage.stamps import STAMPS, Clock, field_stamp, merge_records

FIELDS = ("first_name", "neighbourhood", "birth_year", "archived_at")
stamps = st.tuples(st.integers(0, 1), st.integers(0, 50), st.integers(0, 3), st.sampled_from(["bus", "hall", "office"]))


@st.composite
def versions(draw: st.DrawFn) -> dict[str, Any]:
    """One laptop's version of the same record: some fields, each with its stamp (or a record-wide one)."""
    fields = draw(st.lists(st.sampled_from(FIELDS), unique=True, min_size=1))
    record: dict[str, Any] = {"id": "p1"}
    # The value is a function of the stamp, as it is on disk: one change, one value.
    per_field = {f: draw(stamps) for f in fields}
    for field, stamp in per_field.items():
        record[field] = f"{field}@{stamp}"
    record[STAMPS] = {f: list(s) for f, s in per_field.items()} | {"id": [0, 0, 0, "office"]}
    return record


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    merged = merge_records(a, b)
    return a if merged is None else merged


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != STAMPS}


@given(versions(), versions())
def test_either_order_gives_the_same_record(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert _plain(_merge(a, b)) == _plain(_merge(b, a))


@given(versions(), versions(), versions())
def test_any_grouping_gives_the_same_record(a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]) -> None:
    assert _plain(_merge(_merge(a, b), c)) == _plain(_merge(a, _merge(b, c)))


@given(st.lists(versions(), min_size=1, max_size=6))
def test_a_version_that_comes_again_changes_nothing(records: list[dict[str, Any]]) -> None:
    once = reduce(_merge, records)
    assert merge_records(once, records[0]) is None
    assert _plain(reduce(_merge, [*records, *records])) == _plain(once)


@given(st.lists(versions(), min_size=1, max_size=6))
def test_each_field_holds_the_value_of_its_greatest_stamp(records: list[dict[str, Any]]) -> None:
    merged = reduce(_merge, records)
    for field in FIELDS:
        stamped = [(field_stamp(r, field), r[field]) for r in records if field in r]
        if stamped:
            assert merged[field] == max(stamped)[1]
        else:
            assert field not in merged


def test_an_erasure_wins_over_a_later_change() -> None:
    erased = {"id": "p1", "first_name": "#p1", STAMPS: {"first_name": [1, 10, 0, "office"]}}
    later = {"id": "p1", "first_name": "Ilze", STAMPS: {"first_name": [0, 99, 0, "hall"]}}
    assert _merge(erased, later)["first_name"] == _merge(later, erased)["first_name"] == "#p1"


def test_the_clock_never_goes_back_and_passes_what_it_has_seen() -> None:
    clock = Clock("hall")
    moment = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    first = clock.tick(moment)
    clock.seen((0, first[1] + 60_000, 5, "office"))  # another laptop's clock runs a minute ahead
    second = clock.tick(moment + timedelta(seconds=1))
    third = clock.tick(moment - timedelta(hours=1))  # this laptop's clock set back
    assert tuple(first) < tuple(second) < tuple(third)
    assert second[1:3] == [first[1] + 60_000, 6]
