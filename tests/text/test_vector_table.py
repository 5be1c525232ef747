"""The tagger's key tables: room from the start, growth when one call brings more keys."""

from __future__ import annotations

import numpy as np

from framing.text.tagger import _TABLE_SLACK, _VectorTable


def test_room_for_the_kept_keys_from_the_start() -> None:
    table = _VectorTable((2, 3), 8)
    assert table.data.shape == (8 + _TABLE_SLACK, 2, 3)
    assert not table.data.any()
    data = table.data
    first = table.reserve(["a", "b"])
    assert first == 0 and table.data is data  # not replaced
    assert table.ids == {"a": 0, "b": 1} and table.keys == ["a", "b"]


def test_a_call_with_more_keys_than_the_room_grows_the_table() -> None:
    table = _VectorTable((3,), 4)
    table.reserve(["x"])
    table.data[0] = (1.0, 2.0, 3.0)
    n = 4 + _TABLE_SLACK + 10
    keys = [f"k{i}" for i in range(n)]
    first = table.reserve(keys)
    assert first == 1
    assert len(table.data) >= 1 + n
    assert table.data[0].tolist() == [1.0, 2.0, 3.0]  # kept through the growth
    assert not np.any(table.data[1:])
    assert table.ids[keys[-1]] == n
    assert table.clear_if_large() and table.ids == {} and table.keys == []
