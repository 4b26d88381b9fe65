"""render's and wrap's shortcuts write what the general code would."""

from __future__ import annotations

import json

from hypothesis import example, given
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


@given(
    st.lists(
        st.sampled_from(
            [*"aeost: \n\t", "Credit", "Credits", "Photo", "Photograph", "Image", "Illustration"]
        ),
        max_size=6,
    ).map("".join)
)
@example("Credit\n:")
def test_credit_keyword_precheck_agrees_with_the_regex(tail: str) -> None:
    from reflow.wrap import _KEYWORD_ENDINGS, _KEYWORD_LAST, ends_in_credit_keyword

    # The wrapper's cheap first looks never turn away a tail that ends in a keyword.
    if ends_in_credit_keyword(tail):
        assert tail[-1:] in _KEYWORD_LAST
        # (Blanks, then a colon, then blanks: "Credit\n:" is a keyword too.)
        assert tail.rstrip().removesuffix(":").rstrip().endswith(_KEYWORD_ENDINGS)


def test_credit_keyword_endings_are_the_regex_keywords() -> None:
    from reflow.furniture import CREDIT_KEYWORDS
    from reflow.wrap import _KEYWORD_ENDINGS

    words = [ending for ending in _KEYWORD_ENDINGS if not ending.endswith(":")]
    assert sorted(words) == sorted(CREDIT_KEYWORDS)
    assert sorted(_KEYWORD_ENDINGS) == sorted([*words, *(word + ":" for word in words)])


@given(
    st.lists(st.tuples(st.sampled_from(list(Kind)), st.sampled_from(["", "Words.", "# x"]))),
    st.sampled_from(["markdown", "text"]),
    st.booleans(),
    st.booleans(),
)
def test_render_keeps_the_blocks_keep_keeps(
    pairs: list[tuple[Kind, str]], to: str, body_only: bool, keep_duplicates: bool
) -> None:
    from reflow.options import Options
    from reflow.render import RENDERERS, _keep, render

    blocks = [Block(kind, text, 1, 1, 1) for kind, text in pairs]
    options = Options(to=to, body_only=body_only, keep_duplicates=keep_duplicates)  # type: ignore[arg-type]
    outs = [RENDERERS[to](b, options) for b in blocks if _keep(b, options)]
    expected = "\n".join(out + "\n" for out in outs if out is not None)
    assert "".join(render(blocks, options)) == expected
