"""The learned break score: its named features, its fitted weights file, and ``decide`` on
named cases, rule by rule."""

from __future__ import annotations

import dataclasses
import itertools
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import reflow
from reflow import breaks
from reflow.paragraphs import _Builder
from reflow.profile import learn
from reflow.wrap import wrap

ROOT = Path(__file__).resolve().parent.parent

STORY = [
    "The harbour commission met on Monday to weigh a plan that would dredge the northern "
    "channel for the first time in a generation, a job its engineers say cannot wait.",
    "Fishermen who work the channel said the silt had already closed two of the moorings "
    "they rely on, and that a third would be gone by spring if nothing was done soon.",
    "The commission will vote next month, after a public hearing at the library on the "
    "twelfth, and the work could begin as early as the first week of May next year.",
]


def builder(blank_lines: bool, explain: bool = False) -> _Builder:
    """A builder whose profile was learned from ``STORY`` wrapped at 72 columns."""
    lines: list[str] = []
    for paragraph in STORY:
        lines += textwrap.wrap(paragraph, 72)
        if blank_lines:
            lines.append("")
    return _Builder(learn(lines), explain, True)


@pytest.fixture
def weights_file() -> dict[str, object]:
    return json.loads(Path(breaks.WEIGHTS_FILE).read_text(encoding="utf-8"))


def test_every_weight_names_a_feature_and_every_feature_has_a_weight(
    weights_file: dict[str, object],
) -> None:
    weights = weights_file["weights"]
    assert isinstance(weights, dict)
    assert sorted(weights) == sorted(breaks.FEATURES)
    assert all(isinstance(value, float) for value in weights.values())
    assert isinstance(weights_file["bias"], float)


def test_the_weights_file_says_what_it_was_fitted_on(weights_file: dict[str, object]) -> None:
    assert len(str(weights_file["corpus_manifest_sha256"])) == 64
    assert str(weights_file["date"])[:2] == "20"
    training = weights_file["training"]
    assert isinstance(training, dict) and training["decisions"] > 1000
    # A model no better than always saying the commoner answer was not worth writing down.
    majority = max(training["breaks"], training["decisions"] - training["breaks"])
    assert training["accuracy"] > majority / training["decisions"]


def test_features_give_one_value_per_name() -> None:
    values = breaks.features(
        "A short line.", "A short line.", "Then more", "Then more", True, True, False,
        40.0, 72.0, True, False, False, True, False, 0, False, 1,
    )  # fmt: skip
    assert len(values) == len(breaks.NAMES) == len(breaks.WEIGHTS)
    assert values[breaks.NAMES.index("stopped-early")] == 1.0
    assert values[breaks.NAMES.index("ends-sentence")] == 1.0
    assert values[breaks.NAMES.index("next-lower")] == 0.0
    assert values[breaks.NAMES.index("next-capital")] == 1.0


#: The facts of a break between two lines of plain running text (``write_features``'s
#: arguments after ``values``): a full line that runs on in lower case.
RUNNING_ON: dict[str, object] = {
    "a_raw": "rivers ran past the mill and",
    "a": "rivers ran past the mill and",
    "b_raw": "into the sea",
    "b": "into the sea",
    "ends": False,
    "strict": False,
    "title_case": False,
    "room": -5.0,
    "fill": 72.0,
    "wrapped": True,
    "proportional": False,
    "blank_separated": False,
    "ends_without_blank": False,
    "indent_habit": False,
    "base_indent": 0,
    "orphan_habit": False,
    "paragraph_lines": 2,
}


def _written(**changes: object) -> list[float]:
    """The values ``write_features`` writes for ``RUNNING_ON`` with ``changes``, into a buffer
    filled with NaN first, so that a place it never writes shows."""
    values = breaks.buffer()
    for index in range(len(values)):
        values[index] = float("nan")
    breaks.write_features(values, **{**RUNNING_ON, **changes})  # type: ignore[arg-type]
    return list(values)


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("ends-colon", {"a": "rivers ran as follows:"}),
        ("ends-comma", {"a": "rivers ran past the mill,"}),
        ("full-ends-comma", {"a": "rivers ran past the mill,"}),
        ("ends-dash", {"a": "rivers ran past the mill-"}),
        ("next-url", {"b": "https://example.org/river"}),
        ("a-one-word", {"a": "river"}),
        ("a-alone", {"paragraph_lines": 1}),
        ("indented-more", {"b_raw": "    into the sea"}),
        ("blank-separated", {"blank_separated": True}),
        ("orphan-habit", {"orphan_habit": True}),
        ("unwrapped", {"wrapped": False}),
        ("proportional", {"proportional": True}),
        ("wide", {"a": "川は流れて", "b": "海へ"}),
        ("starts-like-a-sentence", {"a": "The river ran past the mill and"}),
        ("next-code", {"b": "git push deploy main", "room": 20.0}),
        ("next-refers-back", {"b": "However, the sea was calm"}),
        ("next-refers-back", {"b": "“It was calm,” she said"}),
    ],
)
def test_each_feature_is_written_at_its_place_in_names(
    name: str, changes: dict[str, object]
) -> None:
    index = breaks.NAMES.index(name)
    assert _written()[index] == 0.0
    assert _written(**changes)[index] == 1.0


@pytest.mark.parametrize("changes", [{}, {"wrapped": False}, {"a": "川は流れて", "b": "海へ"}])
def test_write_features_writes_every_place_once(changes: dict[str, object]) -> None:
    # One place written twice would leave another unwritten: NaN stays where nothing was.
    values = _written(**changes)
    assert [name for name, value in zip(breaks.NAMES, values, strict=True) if value != value] == []


def test_a_line_that_stopped_early_at_a_sentence_end_before_a_capital_breaks() -> None:
    breaks_here, rule = builder(blank_lines=False).decide(
        "say cannot wait.", "say cannot wait.", "Fishermen who work the channel said the silt",
        "Fishermen who work the channel said the silt",
    )  # fmt: skip
    assert (breaks_here, rule) == (True, "signals")


def test_a_headline_in_title_case_stands_apart_from_its_first_sentence() -> None:
    headline = "Dredging Plan Splits The Harbour Town"
    sentence = "The harbour commission met on Monday to weigh a plan that would dredge"
    assert builder(blank_lines=False).decide(headline, headline, sentence, sentence) == (
        True,
        "signals",
    )


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("the moorings they rely on,", "and that a third would be gone", "signals"),  # a comma
        ("a job its engineers say cannot", "wait another winter, they said", "signals"),
        ("the north-", "ern channel was closed", "split-word"),  # a word split at a hyphen
    ],
)
def test_a_sentence_that_runs_on_in_lower_case_continues(a: str, b: str, rule: str) -> None:
    assert builder(blank_lines=False).decide(a, a, b, b) == (False, rule)


def test_explain_names_the_features_that_weighed_most() -> None:
    breaks_here, rule = builder(blank_lines=False, explain=True).decide(
        "say cannot wait.", "say cannot wait.", "Fishermen who work the channel said the silt",
        "Fishermen who work the channel said the silt",
    )  # fmt: skip
    assert breaks_here
    assert rule.startswith("signals(") and rule.endswith(")")
    cited = [part.rsplit(" ", 1) for part in rule[len("signals(") : -1].split(", ")]
    assert 1 <= len(cited) <= 3
    for name, share in cited:
        assert name in breaks.FEATURES
        assert share[0] in "+-" and float(share) != 0.0
    # The strongest first.
    assert [abs(float(share)) for _, share in cited] == sorted(
        [abs(float(share)) for _, share in cited], reverse=True
    )


@pytest.fixture
def no_breaks() -> Iterator[None]:
    """Weights under which no break is ever weighed true."""
    saved = dict(zip(breaks.NAMES, breaks.WEIGHTS, strict=True)), breaks.BIAS, breaks.TREES
    breaks.use(dict.fromkeys(breaks.NAMES, 0.0), -1.0)
    yield
    breaks.use(*saved)


def test_decide_weighs_with_the_weights_in_use(no_breaks: None) -> None:
    assert builder(blank_lines=False).decide(
        "say cannot wait.", "say cannot wait.", "Fishermen who work the channel said the silt",
        "Fishermen who work the channel said the silt",
    ) == (False, "signals")  # fmt: skip


def test_the_named_rules_come_before_the_score(no_breaks: None) -> None:
    # A separator line stands alone whatever the weights say.
    decided = builder(blank_lines=False).decide("* * *", "* * *", "The next one", "The next one")
    assert decided == (True, "separator")


def test_cli_explain_cites_the_features_of_a_weighed_break() -> None:
    text = "\n".join(line for paragraph in STORY for line in textwrap.wrap(paragraph, 72))
    result = subprocess.run(
        [sys.executable, "-m", "reflow", "--explain", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    notes = [line for line in result.stderr.splitlines() if "break:signals(" in line]
    assert len(notes) == len(STORY) - 1  # one per paragraph break, none elsewhere
    for note in notes:
        cited = note.split("break:signals(", 1)[1].rstrip(")").split(", ")
        assert all(part.rsplit(" ", 1)[0] in breaks.FEATURES for part in cited)


def test_the_trees_in_the_weights_file_are_well_formed(weights_file: dict[str, object]) -> None:
    trees = weights_file.get("trees")
    if trees is None:
        pytest.skip("the package's score is linear alone")
    assert isinstance(trees, dict)
    assert 0.0 < trees["share"] <= 1.0
    feature, left, right = trees["feature"], trees["left"], trees["right"]
    assert len(feature) == len(left) == len(right) == len(trees["threshold"]) == len(trees["value"])
    roots = trees["roots"]
    ends = [*roots[1:], len(feature)]
    for root, end in zip(roots, ends, strict=True):
        reached = {root}
        for node in range(root, end):
            if feature[node] < 0:
                assert left[node] == right[node] == -1
                continue
            assert 0 <= feature[node] < len(breaks.NAMES)
            # Children come after their split, inside the same tree: no cycle, no sharing.
            assert node < left[node] < end and node < right[node] < end
            assert node in reached
            reached |= {left[node], right[node]}
        assert reached == set(range(root, end))


@pytest.fixture
def one_tree() -> Iterator[dict[str, object]]:
    """A linear part of bias 1.0 alone, and one tree splitting on ends-sentence at 0.5."""
    saved = dict(zip(breaks.NAMES, breaks.WEIGHTS, strict=True)), breaks.BIAS, breaks.TREES
    trees = {
        "share": 0.25, "baseline": -0.5, "roots": [0], "feature": [breaks.NAMES.index(
            "ends-sentence"), -1, -1], "threshold": [0.5, 0.0, 0.0], "left": [1, -1, -1],
        "right": [2, -1, -1], "value": [0.2, -2.0, 3.0],
    }  # fmt: skip
    breaks.use(dict.fromkeys(breaks.NAMES, 0.0), 1.0, trees)
    yield trees
    breaks.use(*saved)


def test_the_trees_weigh_their_share_of_the_score(one_tree: dict[str, object]) -> None:
    values = breaks.buffer()
    # Not a sentence's end: the left leaf (at the threshold too).
    for value in (0.0, 0.5):
        values[breaks.NAMES.index("ends-sentence")] = value
        assert breaks.score(values) == pytest.approx(0.75 * 1.0 + 0.25 * (-0.5 - 2.0))
    values[breaks.NAMES.index("ends-sentence")] = 1.0
    assert breaks.score(values) == pytest.approx(0.75 * 1.0 + 0.25 * (-0.5 + 3.0))
    # What the split added: the leaf's value less the split's mean, at the trees' share.
    assert breaks.shares(values) == {"ends-sentence": pytest.approx(0.25 * (3.0 - 0.2))}
    assert breaks.strongest(values) == "ends-sentence +0.7"


def test_the_shares_and_the_parts_no_feature_owns_sum_to_the_score() -> None:
    share = float(breaks.TREES["share"]) if breaks.TREES else 0.0  # type: ignore[arg-type]
    unowned = (1.0 - share) * breaks.BIAS
    if breaks.TREES:
        first_means = [breaks.TREES["value"][root] for root in breaks.TREES["roots"]]  # type: ignore[index]
        unowned += share * (float(breaks.TREES["baseline"]) + sum(first_means))  # type: ignore[arg-type]
    lines = [line for paragraph in STORY for line in textwrap.wrap(paragraph, 72)]
    for a, b in itertools.pairwise(lines):
        for blank_separated in (False, True):
            values = breaks.buffer()
            breaks.write_features(
                values, a, a, b, b, a.endswith("."), a.endswith("."), False, 72.0 - len(a) - 4,
                72.0, True, False, blank_separated, not blank_separated, False, 0, False, 2,
            )  # fmt: skip
            total = unowned + sum(breaks.shares(values).values())
            assert total == pytest.approx(breaks.score(values))


FULL_SENTENCE_END = "The harbour commission met on Monday to weigh a plan for the channel."


def test_without_blank_lines_a_full_line_ending_a_sentence_ends_its_paragraph(
    no_breaks: None,
) -> None:
    # Held out, breaking at every such line cost less than any fitted score: a rule, before
    # the score (here one that never breaks).
    b = "Fishermen who work the channel said the silt"
    wrapped = [line for paragraph in STORY for line in textwrap.wrap(paragraph, 72)]
    assert len(FULL_SENTENCE_END) + len(" Fishermen") > learn(wrapped).fill  # a full line
    decided = builder(blank_lines=False).decide(FULL_SENTENCE_END, FULL_SENTENCE_END, b, b)
    assert decided == (True, "full-sentence-end")
    # Where blank lines end paragraphs, the same full line was wrapped: it goes on.
    assert builder(blank_lines=True).decide(FULL_SENTENCE_END, FULL_SENTENCE_END, b, b) == (
        False,
        "wrapped-line",
    )
    # Nor before a line in lower case, nor after a colon.
    lower = "and the fishermen who work it said the silt"
    assert builder(blank_lines=False).decide(
        FULL_SENTENCE_END, FULL_SENTENCE_END, lower, lower
    ) != (True, "full-sentence-end")
    colon = FULL_SENTENCE_END[:-1] + ":"
    assert builder(blank_lines=False).decide(colon, colon, b, b) != (True, "full-sentence-end")


@pytest.mark.parametrize("habit", [False, True])
def test_a_line_cut_after_a_word_no_clause_ends_with_goes_on(no_breaks: None, habit: bool) -> None:
    # A caption set in a narrow column: its first line stops early, after "at"; the next
    # starts with a capital. Whatever the score says, the phrase goes on.
    a, b = "Volunteers repair a signal box at the old mill at", "Kettleby early on Saturday."
    always = dict.fromkeys(breaks.NAMES, 0.0)
    breaks.use(always, 10.0)  # a score that breaks everywhere
    assert builder(blank_lines=habit).decide(a, a, b, b) == (False, "dangling-word")
    # Not after a word a heading may end with ("What to watch out for").
    heading = "What to watch out for"
    assert builder(blank_lines=habit).decide(heading, heading, b, b)[1] != "dangling-word"


def test_a_sign_of_code_counts_only_after_a_line_that_stopped_early() -> None:
    # A full line is wrapped whatever the next holds: a path that did not fit ("… about is" /
    # "/var/lib/mirror/state/sync.pid,") is the sentence going on.
    path = {"b": "/var/lib/mirror/state/sync.pid, which I have not touched"}
    assert _written(**path)[breaks.NAMES.index("next-code")] == 0.0
    assert _written(**path, room=20.0)[breaks.NAMES.index("next-code")] == 1.0


@pytest.mark.parametrize("blank_lines", [False, True])
def test_a_first_line_that_runs_on_in_lower_case_goes_on(
    no_breaks: None, blank_lines: bool
) -> None:
    # A caption's opening words on a line of their own, in text without the seed's lone
    # first words: one paragraph whatever the score says (here one that always breaks).
    breaks.use(dict.fromkeys(breaks.NAMES, 0.0), 10.0)
    gap = "\n\n" if blank_lines else "\n"
    story = gap.join(textwrap.fill(paragraph, 72) for paragraph in STORY)
    caption = "Traffic crossing the Old Mill Bridge\nin Harborview at dusk on Thursday."
    brand = "About harbourline\nharbourline3 runs the ferry timetables for four ports."
    command = "To install it, run this\npip install harbour-timetable"
    out = reflow.normalize(gap.join([story, caption, brand, command]) + "\n")
    assert "\n\nTraffic crossing the Old Mill Bridge in Harborview at dusk on Thursday.\n\n" in out
    # Not before a name that keeps a small letter, nor before a command.
    assert "\n\nAbout harbourline\n\nharbourline3 runs" in out
    assert "run this\n\npip install" in out or "run this\n\n    pip install" in out


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("However, the commission said", True),
        ("It was the first vote", True),
        ("“They will wait,” he said", True),
        ("But the harbour", True),
        ("The commission will vote", False),  # an article points at nothing before
        ("Italy sent a ship", False),  # (the word, not its first letters)
        ("Thereafter the crews", False),
        ("Fishermen said", False),
    ],
)
def test_a_sentence_that_points_back_at_the_last(line: str, expected: bool) -> None:
    assert breaks.refers_back(line) is expected


def test_a_full_sentence_end_before_a_back_reference_is_left_to_the_score() -> None:
    # Rule full-sentence-end breaks after every full line that ends a sentence before a capital
    # in text without blank lines; not before "It", "However," (the score weighs those).
    build = builder(blank_lines=False)
    full = "commission said the silt had closed two of the moorings they rely on."
    assert build.decide(full, full, "Fishermen who work", "Fishermen who work") == (
        True,
        "full-sentence-end",
    )
    rule = build.decide(full, full, "However, the crews who", "However, the crews who")[1]
    assert rule.startswith("signals")


KOREAN_SEED = (ROOT / "fixtures" / "seed-style-korean" / "input.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("proportional", [False, True])
def test_under_the_seeds_habit_a_full_line_goes_on_into_words_of_a_wide_script(
    always_break: None, proportional: bool
) -> None:
    # The seed's style opens every paragraph with its first word alone: a line of words after
    # a full line is the same paragraph's, though the full line ended a sentence. (The score
    # here breaks everywhere; read as proportional type, the fitted one broke there.)
    profile = dataclasses.replace(learn(KOREAN_SEED.split("\n")), proportional=proportional)
    assert profile.orphan_habit
    full = "사무소는 새 조석표를 발표했습니다. 어민들이 그것을 받았습니다."
    words = "표는 항구별로 따로 인쇄되며 매주 월요일 아침에 갱신됩니다."
    # (``seed-wide-runs-on`` comes first where the full line is full in characters too.)
    joins = {(False, "seed-wide-line"), (False, "seed-wide-runs-on")}
    assert _Builder(profile, False, True).decide(full, full, words, words) in joins
    # Not into a line of code, nor without the habit.
    code = "import { ref } from 'vue'"
    assert _Builder(profile, False, True).decide(full, full, code, code) not in joins
    other = dataclasses.replace(profile, orphan_habit=False)
    assert _Builder(other, False, True).decide(full, full, words, words) not in joins


def test_under_the_seeds_habit_wide_lines_run_on_whatever_room_but_not_after_a_short_end(
    always_break: None,
) -> None:
    # The seed counts a wide character as one: a line of Korean cut mid-sentence goes on into
    # the next whatever room reflow measures; after a sentence's end, only where the next word
    # would not have fitted in characters (``Profile.char_fill``).
    profile = learn(KOREAN_SEED.split("\n"))
    assert profile.orphan_habit
    cut = "어민들이 Kettleby Harbour에서"
    words = "새 조석표를 받았습니다. 표는 항구별로 따로 인쇄됩니다."
    assert _Builder(profile, False, True).decide(cut, cut, words, words) == (
        False,
        "seed-wide-runs-on",
    )
    short_end = "표를 받았습니다."
    assert len(short_end) + 3 < profile.char_fill
    assert _Builder(profile, False, True).decide(short_end, short_end, words, words)[1] != (
        "seed-wide-runs-on"
    )


def test_under_the_seeds_habit_code_opens_a_block(always_break: None) -> None:
    # A line only a program opens with opens a block after a lone word ("Example" over its
    # code); prose that opens with such a word does not.
    profile = learn(KOREAN_SEED.split("\n"))
    build = _Builder(profile, False, True)
    code = "const settings = loadSettings('./app.toml');"
    assert build.decide("Example", "Example", code, code) == (True, "program-start")
    prose = "function support (e.g. generic functions) was added"
    assert build.decide("Generic", "Generic", prose, prose)[1] != "program-start"


def test_a_paged_text_has_no_seed_habit() -> None:
    # Form feeds come from a typesetter (pdftotext's pages, a printout), never from the seed's
    # scraped style: the same lines with a page break, or learned again once the pages'
    # furniture is out (``paged``), take no habit.
    lines = KOREAN_SEED.split("\n")
    assert learn(lines).orphan_habit
    middle = len(lines) // 2
    assert not learn([*lines[:middle], "\f", *lines[middle:]]).orphan_habit
    assert not learn(lines, paged=True).orphan_habit


def test_the_seeds_korean_is_measured_in_characters() -> None:
    # The seed wraps Korean by counting characters, a wide one as one: where the wraps between
    # lines of Korean prose reach one length in characters, their widths in columns scattered,
    # the fill and the room are the characters' (``Profile.by_characters``), not proportional
    # type's. Text wrapped in columns (w3m's) is not read so.
    case = Path(__file__).parent.parent / "fixtures" / "seed-style-korean-reference"
    lines = (case / "input.txt").read_text(encoding="utf-8").split("\n")
    profile = learn(lines)
    assert profile.orphan_habit and profile.by_characters and not profile.proportional
    longest = max(len(line) for line in lines if " " in line)
    assert longest < profile.fill <= longest + 1
    # The same words wrapped in display columns, a paragraph's first word no longer alone.
    paragraphs, para = [], []
    for line in lines:
        if " " not in line and para:
            paragraphs.append(" ".join(para))
            para = []
        para.append(line)
    paragraphs.append(" ".join(para))
    columns = [line for text in paragraphs for line in wrap(text, 60)]
    assert not learn(columns).by_characters
