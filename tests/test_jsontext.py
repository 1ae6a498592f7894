"""report.jsontext writes the bytes json.dumps(indent=2, ensure_ascii=False) writes, re-indented."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.report.jsontext import indented_json


def _reference(data: Any, depth: int) -> str:
    pad = " " * depth
    return "\n".join(pad + line for line in json.dumps(data, indent=2, ensure_ascii=False).split("\n"))


_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(10 ** 30), max_value=10 ** 30)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20)
            | st.sampled_from(["\x00\x1b[31m", "\u2028é\u0085", "\"quoted\" \\ back", "line\nbreak\ttab", "\ud800"]))
_KEYS = st.text(max_size=8) | st.integers() | st.floats() | st.booleans() | st.none()
_DATA = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(data=_DATA, depth=st.integers(min_value=0, max_value=9))
def test_the_same_text_as_json_dumps(data: Any, depth: int) -> None:
    assert indented_json(data, depth) == _reference(data, depth)


class _Custom:
    pass


@pytest.mark.parametrize("bad", [{"a": [1, _Custom()]}, {(1, 2): "tuple key"}, {"a": {1, 2}}, b"bytes"])
def test_what_json_rejects_it_rejects_the_same_way(bad: Any) -> None:
    with pytest.raises(TypeError) as expected:
        json.dumps(bad, indent=2, ensure_ascii=False)
    with pytest.raises(TypeError) as got:
        indented_json(bad, 4)
    assert str(got.value) == str(expected.value)


def test_a_cycle_is_refused_as_json_refuses_it() -> None:
    cycle: list[Any] = [1]
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        indented_json({"a": cycle})


def test_special_floats_and_keys_of_every_kind() -> None:
    data = {"nan": math.nan, "inf": [math.inf, -math.inf], True: 0.1, None: 10 ** 20, 1.5: False}
    assert indented_json(data, 2) == _reference(data, 2)
