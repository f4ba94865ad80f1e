"""Large upstream bodies are decoded a member at a time (the GIL is let go between members),
with exactly the result and the refusals of one ``json.loads``."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyterlab_modelarts.client.json_strict import (
    PIECEWISE_CHARS,
    _object_piecewise,
    loads_strict,
)

SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=12,
)
SPACES = st.sampled_from(["", " ", "\n", " \t\r\n "])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), VALUES, max_size=6), SPACES)
def test_same_result_as_json_loads(body, space):
    text = json.dumps(body, indent=1 if space else None).replace("\n", "\n" + space)
    text = space + text + space
    assert _object_piecewise(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, 2,]}',
        '{"a": 1,}',
        '{"a" 1}',
        "{1: 2}",
        '{"a": [1 2]}',
        '{"a": 1} x',
        '{"a":',
        "{",
    ],
)
def test_same_refusals_as_json_loads(text):
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        _object_piecewise(text)


def test_a_large_body_goes_piecewise_and_stays_strict():
    versions = [{"version_id": n, "pad": "x" * 100, "loss": 1e400} for n in range(3000)]
    data = json.dumps({"is_success": True, "versions": versions}).encode()
    assert len(data) > PIECEWISE_CHARS
    decoded = loads_strict(data)
    assert decoded["versions"][2999] == {"version_id": 2999, "pad": "x" * 100, "loss": None}
