"""render's and wrap's shortcuts write what the general code would."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from reflow.model import Block, Kind, Note
from reflow.render import json_line_writer

_TEXT = st.text(
    st.sampled_from([*'aZ0 "\\/\t\n\x00\x1f\x7f\u2028é’“—😀', "\udc80", "\ud800"]), max_size=12
)


@given(
    st.sampled_from(list(Kind)),
    _TEXT,
    st.integers(0, 10**12),
    st.integers(0, 10**12),
    st.integers(0, 6),
    st.none() | _TEXT,
    st.lists(st.builds(Note, _TEXT, st.integers(0, 10**6), _TEXT), max_size=3).map(tuple),
)
def test_json_line_is_what_the_encoder_writes(
    kind: Kind,
    text: str,
    first: int,
    last: int,
    level: int,
    dateline: str | None,
    notes: tuple[Note, ...],
) -> None:
    block = Block(kind, text, first, last, level, dateline, notes)
    expected = json.JSONEncoder(ensure_ascii=False).encode(block.to_dict()) + "\n"
    assert json_line_writer()(block) == expected
