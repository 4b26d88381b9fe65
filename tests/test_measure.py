"""measure's character predicates: the code point comparisons against the classes they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reflow import measure

# The classes as the regexes spelled them before measure compared code points (written out
# here, not built from measure's tables, so that a changed table fails).
WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
CJ = re.compile(
    "[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]"
)
HANGUL = re.compile("[\uac00-\ud7a3]")


def test_each_code_point_is_classed_as_the_regexes_class_it() -> None:
    # Each class is one character wide: one search over all code points finds what it matches.
    everything = "".join(map(chr, range(0x110000)))
    for predicate, regex in (
        (measure.is_wide, WIDE),
        (measure.is_cj, CJ),
        (measure.is_hangul, HANGUL),
    ):
        matched = {match.start() for match in regex.finditer(everything)}
        classed = {code for code, char in enumerate(everything) if predicate(char)}
        assert classed == matched, (predicate.__name__, sorted(map(hex, classed ^ matched))[:5])


# Text from the scripts that matter here, and the edges of the wide ranges.
_CHARS = (
    st.sampled_from(
        "a Z1 .\t\u00a0é—“”…\u10ff\u1100\u115f\u1160\u2e7f\u2e80\u303e\u303f\u4e2d\u6587"
        "\uac00\ud7a3\ud7a4\uffe6\uffe7한국어\U0001f600"
    )
    | st.characters()
)


@given(st.text(_CHARS, max_size=40))
def test_text_searches_agree_with_the_regexes(text: str) -> None:
    wide = WIDE.search(text) is not None
    hangul = HANGUL.search(text) is not None
    # Both ways of asking, whichever of them this build uses.
    assert measure.has_wide(text) == measure._has_wide_by_characters(text) == wide
    assert measure.has_hangul(text) == measure._has_hangul_by_characters(text) == hangul
    # The regexes the pure-Python build searches with, built from measure's tables.
    assert (measure._search_wide()(text) is not None) == wide
    assert (measure._search_hangul()(text) is not None) == hangul


@given(st.text(_CHARS | st.sampled_from("\u0301\u093f\u094d\u200bहिन्दी"), max_size=40))
def test_width_counts_columns_as_the_wrapper_does(text: str) -> None:
    from reflow.wrap import display_width

    # Wide characters and emoji take two columns, combining marks none: a line the wrapper
    # filled reads back as full.
    assert measure.width(text) == display_width(text.rstrip())
