"""Merging a record with the same version of itself changes nothing, however its stamps look."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sessions.storage.stamps import STAMPS, merge_records

_stamp = st.lists(st.integers(0, 3), min_size=3, max_size=3).map(lambda n: [n[0] % 2, n[1], n[2], "hall-laptop"])
_fields = st.dictionaries(st.sampled_from(["name", "code", "archived_at", "groups"]), st.integers(0, 5), max_size=4)


@given(fields=_fields, stamps=st.dictionaries(st.sampled_from(["*", "name", "code", "groups"]), _stamp, max_size=4))
def test_the_same_version_again_merges_to_nothing(fields: dict[str, Any], stamps: dict[str, Any]) -> None:
    record = {"id": "a" * 32, **fields, STAMPS: stamps}
    assert merge_records(record, copy.deepcopy(record)) is None


def test_a_later_change_of_one_field_still_wins() -> None:
    mine = {"id": "a" * 32, "name": "Gym", STAMPS: {"*": [0, 1, 0, "hall-laptop"]}}
    theirs = {
        **mine,
        "name": "Sporta zāle",
        STAMPS: {"*": [0, 1, 0, "hall-laptop"], "name": [0, 2, 0, "office-laptop"]},
    }
    merged = merge_records(mine, theirs)
    assert merged is not None and merged["name"] == "Sporta zāle"
    assert merge_records(theirs, mine) is None
