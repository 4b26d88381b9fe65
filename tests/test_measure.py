"""measure's character predicates: the code point comparisons against the classes they replace."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow
from reflow import measure
from reflow.lines import PAGE_BREAK
from reflow.profile import learn

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


# Chinese prose with Latin words between its runs, as documentation writes it.
_CJ_PARAGRAPHS = [
    "在此示例中，所有组件目前都定义在根组件 App.js 文件中。具体还需根据项目配置决定，有些根组件"
    "可能会声明在其他文件中。如果你使用的框架基于文件进行路由，如 Next.js，那你每个页面的根组件都会"
    "不一样。这时将 Gallery 组件和 Profile 组件移出根组件文件会更加合理。这会使组件更加模块化，"
    "并且可在其他文件中复用。你可以根据以下三个步骤对组件进行拆分：创建一个新的 JS 文件，导出该"
    "文件中的函数组件，可以使用 default 导出或 named 导出，然后在要使用该组件的文件中 import 它。",
    "当使用默认导入时，你可以在 import 语句后面进行任意命名。比如 import Banana from Button.js，"
    "如此你能获得与默认导出一致的内容。相反，对于 named 导入，导入和导出的名字必须一致。人们通常"
    "会选择 default 导出，而当文件中包含多个组件或某个值需要导出时，则会选择 named 导出。无论选择"
    "哪种方式，请记得给你的组件和相应的文件命名一个有意义的名字。我们不建议创建未命名的组件，比如"
    " export default function，因为这样会使得调试变得异常困难，而 React DevTools 也无法显示它。",
]


def _wrap_at_spaces(paragraph: str, columns: int) -> list[str]:
    """pandoc's and lynx's way with Chinese: a line ends only where a space was."""
    lines: list[str] = []
    for word in paragraph.split(" "):
        if lines and measure.width(lines[-1]) + 1 + measure.width(word) <= columns:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _wrap_anywhere(paragraph: str, columns: int) -> list[str]:
    """w3m's: a line may end between any two Chinese characters (a Latin word moves whole)."""
    lines = [""]
    for unit in re.findall(r" ?(?:[!-~]+|[^ !-~])", paragraph):
        # (No line opens with a comma or a full stop, as none does in w3m's.)
        if measure.width(lines[-1] + unit) > columns and lines[-1] and unit not in "，。：,.":
            lines.append("")
            unit = unit.lstrip()
        lines[-1] += unit
    return lines


def test_chinese_wrapped_at_spaces_moves_up_a_run_at_a_time() -> None:
    run = "具名导出 无论选择哪种方式"
    assert measure.first_unit_width(run) == 2  # by character: one moves up
    assert measure.first_unit_width(run, True, True) == measure.width("具名导出")


@pytest.mark.parametrize("wrap", [_wrap_at_spaces, _wrap_anywhere])
def test_chinese_comes_back_with_its_spaces_whichever_way_it_was_wrapped(wrap) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join("\n".join(wrap(paragraph, 30)) for paragraph in _CJ_PARAGRAPHS) + "\n"
    split_anywhere = learn(text.splitlines(), words=False).cj_split_anywhere
    assert split_anywhere == (wrap is _wrap_anywhere)
    # Joined at a space where the wrapper broke at one, and without one where it broke
    # between two characters.
    assert reflow.normalize(text).split("\n\n") == [*_CJ_PARAGRAPHS[:-1], _CJ_PARAGRAPHS[-1] + "\n"]


@pytest.mark.parametrize("columns", [40, 60, 80, 100])
@pytest.mark.parametrize("wrap", [_wrap_at_spaces, _wrap_anywhere])
def test_one_short_chinese_paragraph_tells_its_wrapping_too(wrap, columns: int) -> None:  # type: ignore[no-untyped-def]
    # A handful of line ends, none of them between two characters of a run: at spaces.
    text = "\n".join(wrap(_CJ_PARAGRAPHS[0], columns)) + "\n"
    split_anywhere = learn(text.splitlines(), words=False).cj_split_anywhere
    assert split_anywhere == (wrap is _wrap_anywhere)
    assert reflow.normalize(text) == _CJ_PARAGRAPHS[0] + "\n"


# Japanese prose with no space at all, as newspapers write it.
_JA_PARAGRAPHS = [
    "駅前の古い書店は、来月で六十年の歴史に幕を下ろす。店主の父親が戦後まもなく開いた店で、近所の"
    "子どもたちが放課後に立ち読みをする姿は、この町の見慣れた風景だった。閉店の知らせが張り出されて"
    "から、遠方から訪れる客も増えているという。",
    "店主によると、売り上げの減少よりも、建物の老朽化が決め手になった。耐震工事には多額の費用が"
    "かかり、借り手を探すのも難しい。最後の日には、常連客が集まって小さな会を開く予定だ。",
]


def _seed_style(paragraph: str, columns: int) -> list[str]:
    """The seed's way: the text up to the first space alone on its line (the first character,
    where there is no space), the rest wrapped anywhere, no blank line between paragraphs."""
    first = paragraph.split(" ", 1)[0] if " " in paragraph else paragraph[0]
    return [first, *_wrap_anywhere(paragraph[len(first) :].lstrip(" "), columns)]


def test_a_full_line_of_japanese_is_no_lone_word() -> None:
    lines = _seed_style(_JA_PARAGRAPHS[0], 60)
    assert measure.lone_word(lines[0], 60)  # the first character, alone
    assert not any(measure.lone_word(line, 60) for line in lines[1:-1])  # full lines
    # The seed's lone first word of a Chinese paragraph is its text up to the first space.
    assert measure.lone_word(_seed_style(_CJ_PARAGRAPHS[0], 60)[0], 60)
    assert not measure.lone_word("App.js 文件中", 60)


@pytest.mark.parametrize("columns", [90, 100])
def test_seed_style_chinese_and_japanese_come_back_as_paragraphs(columns: int) -> None:
    # (Four paragraphs are few to learn the habit from: at some widths their sentence ends
    # outnumber their lone words. A page of the training corpus has a few dozen.)
    paragraphs = [*_CJ_PARAGRAPHS, *_JA_PARAGRAPHS]
    text = "\n".join(line for p in paragraphs for line in _seed_style(p, columns)) + "\n"
    assert learn(text.splitlines(), words=False).orphan_habit
    assert reflow.normalize(text).split("\n\n") == [*paragraphs[:-1], paragraphs[-1] + "\n"]


# Korean help text, headings over short paragraphs, as a library's notice board might read.
_KO_BLOCKS = [
    "도서관 소개",
    "우리 동네 도서관은 오래된 시장 건물을 고쳐서 지난해 봄에 문을 열었습니다. 일층에는 어린이 "
    "책과 잡지가 있고, 이층에는 조용히 공부할 수 있는 열람실이 있습니다.",
    "이용 시간",
    "평일에는 오전 아홉 시부터 저녁 여덟 시까지 문을 열고, 주말에는 오후 다섯 시에 닫습니다.",
    "대출 규칙",
    "회원증이 있으면 누구나 한 번에 다섯 권까지 빌릴 수 있습니다. 반납 기한은 이 주일입니다.",
    "분실과 훼손",
    "잃어버린 책은 같은 책으로 갚거나 책값을 내야 합니다. 젖거나 찢어진 책도 같습니다.",
    "예약 안내",
    "다른 사람이 빌려 간 책은 홈페이지에서 예약할 수 있으며 돌아오면 문자로 알려 드립니다.",
]


@pytest.mark.parametrize("columns", [30, 36])
@pytest.mark.parametrize("wrap", [_wrap_at_spaces, _wrap_anywhere])
def test_korean_without_blank_lines_tells_its_wrapping(wrap, columns: int) -> None:  # type: ignore[no-untyped-def]
    # Without blank lines each heading runs into its paragraph's first line: many of the line
    # ends between two syllables are short ones, and only those near the width tell.
    text = "\n".join(line for block in _KO_BLOCKS for line in wrap(block, columns)) + "\n"
    assert learn(text.splitlines(), words=False).hangul_split_anywhere == (wrap is _wrap_anywhere)
    # Then a cut inside a word is weighed by the syllable model, not read as a space.
    assert "책과" in reflow.normalize(text).split()


# Longer Korean prose, a harbour town's newsletter, for the line ends a page of it shows.
_KO_PROSE = [
    "항구 마을의 작은 도서관이 올해로 문을 연 지 십 년이 되었습니다. 처음에는 어부들의 "
    "쉼터였던 낡은 창고 한 칸에 책장 몇 개를 들여놓은 것이 전부였지만, 지금은 아이들과 "
    "어르신들이 함께 찾는 마을의 사랑방이 되었습니다. 관장은 주민들이 기증한 책이 벌써 "
    "삼천 권을 넘었다고 말했습니다.",
    "도서관은 기념행사로 다음 달 첫 주말에 작은 책 잔치를 엽니다. 마당에서는 헌책을 "
    "바꾸어 가는 장터가 열리고, 열람실에서는 마을 어르신들이 바다에 얽힌 옛이야기를 "
    "들려줍니다. 저녁에는 부두에서 영화를 함께 보는 시간도 마련되어 있어 가족 단위 "
    "방문객이 많을 것으로 보입니다.",
    "다만 행사 기간에는 주차 공간이 부족하므로 가능하면 걸어서 오거나 마을버스를 "
    "이용해 달라고 도서관은 당부했습니다. 비가 오면 모든 행사는 체육관으로 옮겨서 "
    "진행하며, 자세한 일정은 게시판과 마을 방송으로 다시 알려 드릴 예정입니다.",
]


def _wrap_anywhere_in_proportional_type(paragraph: str, columns: int) -> list[str]:
    """A PDF's Korean wrapped by character: lines of no fixed width (proportional type), each
    ending where the next syllable would not fit, inside a word as often as not."""
    widths = [columns - 6, columns - 2, columns, columns - 4]
    lines = [""]
    for unit in re.findall(r" ?(?:[!-~]+|[^ !-~])", paragraph):
        limit = widths[len(lines) % len(widths)]
        if measure.width(lines[-1] + unit) > limit and lines[-1] and unit not in ",.":
            lines.append("")
            unit = unit.lstrip()
        lines[-1] += unit
    return lines


@pytest.mark.parametrize("columns", [40, 60])
def test_korean_in_proportional_type_tells_its_wrapping_by_where_lines_end(columns: int) -> None:
    # No column is filled, so the widths cannot tell: the syllables at the line ends do.
    # (Blocks stand apart and the page ends in a form feed, as pdftotext sets them.)
    for wrap, by_character in (
        (_wrap_anywhere_in_proportional_type, True),
        (_wrap_at_spaces, False),
    ):
        blocks = ["\n".join(wrap(block, columns)) for block in _KO_PROSE]
        lines = "\n\n".join(blocks).split("\n")
        assert learn([*lines, PAGE_BREAK], words=False).hangul_split_anywhere == by_character
        # Without blank lines, as text copied out of a PDF viewer, the same.
        unspaced = "\n".join(blocks).split("\n")
        assert learn(unspaced, words=False).hangul_split_anywhere == by_character
        # With blank lines and no pages (reflow's own text), a few syllables misread at the
        # line ends could take text wrapped at spaces for text wrapped anywhere: not asked.
        assert not learn(lines, words=False).hangul_split_anywhere
