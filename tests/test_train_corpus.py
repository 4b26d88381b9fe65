"""The training corpus generator (train/corpus.py) writes the layout the scorer reads, a manifest
with every field, gold whose words each rendition shows, and the same bytes for the same seed.
Renderers that are not installed (w3m, lynx, pandoc) are skipped; the seed style needs none."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train"))

import corpus  # noqa: E402
import sources  # noqa: E402

MARKDOWN = """---
title: Keeping a Garden Log
---

A garden log is a notebook where you write down what you planted, when it came up and what
the weather did in between. After two seasons it tells you more than any catalogue.

## What to write

- the date and the bed
- what went in, and how deep
- anything that went wrong

Keep the entries short. A line a day is enough, and a missed day does not matter much.

```
2026-04-02  bed 3  peas, two rows
```

> A log you never read again is still better than no log at all, because writing it makes
> you look.

Once a month, read the last four weeks back and mark what you would do differently.
"""

PAGE = """<html lang="de"><head><title>Der Hafen wird erneuert | Beispielblatt</title></head>
<body><nav><a href="/">Start</a> <a href="/lokal">Lokal</a></nav>
<h1>Der Hafen wird erneuert</h1>
<div class="story-body">
<p>Die Stadt will den alten Hafen bis zum nächsten Sommer erneuern. Die Arbeiten beginnen im
Herbst und sollen den Fährbetrieb nicht stören.</p>
<div class="ad">Anzeige</div>
<p>Nach Angaben der Verwaltung werden zuerst die Kaimauern geprüft, danach die Anleger.</p>
<figure><img src="x.jpg"><figcaption>Der Anleger am frühen Morgen.</figcaption></figure>
<p>Die Fischer begrüßen die Pläne, fürchten aber höhere Gebühren für die Liegeplätze und
wollen im Rat gehört werden.</p>
<p>Eine Bürgerversammlung ist für den kommenden Monat angesetzt; dort sollen auch die Kosten
vorgestellt werden.</p>
</div><footer>Impressum</footer></body></html>"""

EXTRACTOR = """export const Extractor = {
  domain: 'example.de',
  content: {
    selectors: ['div.story-body'],
    clean: ['.ad'],
  },
};"""

BOOK = """The Project Gutenberg eBook of a test

*** START OF THE PROJECT GUTENBERG EBOOK A TEST ***

CHAPTER I.

The ferry left at six, as it always did, and the harbour master watched it go from the
window of his office with a cup of tea going cold beside him.

He had watched it for thirty years. In all that time it had been late twice, and both
times he had written the reason in the big ledger on the shelf.

    The tide was low,
    the fog came in,
    and no one thought to ring.

That was the whole of the first entry, and he still knew it by heart.

*** END OF THE PROJECT GUTENBERG EBOOK A TEST ***
"""


def _documents() -> list[tuple[str, sources.Document]]:
    title, body = sources.front_matter(MARKDOWN)
    garden = sources.markdown_blocks(body, title)
    harbour = sources.postlight_blocks(PAGE, EXTRACTOR)
    chapter = sources.gutenberg_paragraphs(BOOK)

    def doc(source: str, blocks: list, language: str) -> sources.Document:
        return sources.Document(source, "example/repo", "0" * 40, f"{source}.txt", "ab" * 32,
                                "MIT", language, blocks)  # fmt: skip

    return [("jekyll-0001", doc("jekyll", garden, "en")),
            ("postlight-0001", doc("postlight", harbour, "de")),
            ("gutenberg-0001", doc("gutenberg", chapter, "en"))]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "data"
    corpus.build(_documents(), out, jobs=1, pdf_share=0.0)
    return out


def test_the_sources_find_their_blocks() -> None:
    (_, garden), (_, harbour), (_, chapter) = _documents()
    kinds = [(b.kind, b.text[:20]) for b in garden.blocks]
    assert kinds[0] == ("h", "Keeping a Garden Log")
    assert ("li", "the date and the bed") in kinds
    assert ("code", "2026-04-02  bed 3  p") in kinds
    assert ("quote", "A log you never read") in kinds
    texts = [b.text for b in harbour.blocks]
    assert texts[0] == "Der Hafen wird erneuert"
    assert "Anzeige" not in texts and "Impressum" not in texts and "Start Lokal" not in texts
    assert ("caption", "Der Anleger am frühen Morgen.") in [
        (b.kind, b.text) for b in harbour.blocks
    ]
    assert [b.kind for b in chapter.blocks] == ["h", "p", "p", "verse", "p"]
    assert (
        chapter.blocks[3].text == "The tide was low,\nthe fog came in,\nand no one thought to ring."
    )


def test_layout_and_manifest(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in manifest["documents"]]
    assert ids == ["jekyll-0001", "postlight-0001", "gutenberg-0001"]
    for entry in manifest["documents"]:
        assert {"id", "source", "repo", "commit", "path", "sha256", "licence", "language",
                "renditions"} <= set(entry)  # fmt: skip
        assert entry["id"].startswith(entry["source"] + "-")
        assert "e_seed" in entry["renditions"]
        for name, width in entry["renditions"].items():
            assert (built / "input" / name / f"{entry['id']}.txt").is_file()
            if width is not None:
                assert 60 <= width <= 100
        gold = json.loads((built / "gold" / f"{entry['id']}.json").read_text(encoding="utf-8"))
        assert gold["id"] == entry["id"] and gold["language"] == entry["language"]
        assert gold["url"] == f"{entry['repo']}@{entry['commit']}:{entry['path']}"
        kinds = {block["kind"] for block in gold["blocks"]}
        assert kinds <= corpus.PARAGRAPH_KINDS | corpus.COPY_KINDS | {"code", "table", "furniture"}
        paragraphs = [b["text"] for b in gold["blocks"] if b["kind"] in corpus.PARAGRAPH_KINDS]
        assert gold["paragraphs"] == paragraphs
    assert set(manifest["sources"]) == {"jekyll", "postlight", "gutenberg"}


def test_every_rendition_shows_the_gold_words(built: Path) -> None:
    for gold_path in sorted((built / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        words = corpus.words(
            " ".join(b["text"] for b in gold["blocks"] if b["kind"] != "furniture")
        )
        for rendition in sorted((built / "input").iterdir()):
            text = (rendition / f"{gold['id']}.txt").read_text(encoding="utf-8")
            assert corpus.agreement(words, text) >= 0.99, (rendition.name, gold["id"])


@pytest.mark.parametrize("doc_id", ["gutenberg-0001", "jekyll-0001"])
def test_seed_style_puts_each_first_word_alone(built: Path, doc_id: str) -> None:
    gold = json.loads((built / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
    lines = (built / "input" / "e_seed" / f"{doc_id}.txt").read_text().splitlines()
    assert "" not in lines
    opened = [b for b in gold["blocks"] if b["kind"] in ("p", "h", "li") and " " in b["text"]]
    assert {"p", "h", "li"} <= {b["kind"] for b in opened} or doc_id == "gutenberg-0001"
    for block in opened:
        # Headings and list items too, as the shared corpus's seed style sets them.
        first, rest = block["text"].split(" ", 1)
        at = lines.index(first)
        assert lines[at + 1].startswith(rest.split()[0]), block


def test_seed_style_wraps_by_characters_as_the_shared_corpus_does() -> None:
    import render
    from htmldom import Block

    korean = "항구의 " + " ".join(["오래된 여객선이"] * 12)
    blocks = [
        Block("h", "레퍼런스"),  # one word of a wide script: whole, no drop capital
        Block("p", "先日、不正に改造したiPhoneを販売した。" + " 報道によると"),
        Block("p", korean),
    ]
    lines = render.seed_lines(blocks, 40)
    assert lines[0] == "레퍼런스"
    # The first word is the text up to the first space, however long.
    assert lines[1] == "先日、不正に改造したiPhoneを販売した。" and lines[2] == "報道によると"
    assert lines[3] == "항구의"
    rest = lines[4:]
    # Wrapped at 40 characters (not columns: each syllable is two), and nothing lost.
    assert 30 < max(map(len, rest)) <= 40
    assert " ".join(rest) == korean.split(" ", 1)[1]


def test_reseed_renders_the_seed_style_again_from_the_gold(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    (copy / "input" / "e_seed" / "jekyll-0001.txt").write_text("stale\n", encoding="utf-8")
    assert corpus.reseed(copy) == 3
    texts = {p.name: p.read_bytes() for p in (copy / "input" / "e_seed").iterdir()}
    assert b"stale" not in texts["jekyll-0001.txt"]
    for rendition in (copy / "input").iterdir():
        if rendition.name != "e_seed":  # the renderers' texts are left as they were
            for path in rendition.iterdir():
                before = built / "input" / rendition.name / path.name
                assert path.read_bytes() == before.read_bytes()
    for gold_path in (copy / "gold").iterdir():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (copy / "input" / "e_seed" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        headers = {b["text"] for b in gold["blocks"] if b["kind"] == "furniture"}
        body = " ".join(line for line in text.splitlines() if line not in headers)
        words = corpus.words(
            " ".join(b["text"] for b in gold["blocks"] if b["text"] not in headers)
        )
        assert corpus.agreement(words, body) >= 0.99, gold["id"]
        assert set(corpus.words(body)) <= set(words) | set(corpus.words(" ".join(headers)))
    corpus.reseed(copy)  # the same bytes again
    assert texts == {p.name: p.read_bytes() for p in (copy / "input" / "e_seed").iterdir()}


def test_a_pull_quote_is_listed_but_not_asked_for(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    gold_path = copy / "gold" / "jekyll-0001.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    sentence = gold["paragraphs"][-1]
    gold["blocks"].insert(1, {"kind": "pullquote", "text": f"“{sentence}”"})
    gold["paragraphs"].insert(1, f"“{sentence}”")  # as builds before the change wrote it
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert corpus.regold(copy) == 1
    regolded = json.loads(gold_path.read_text(encoding="utf-8"))
    assert f"“{sentence}”" not in regolded["paragraphs"]
    assert regolded["paragraphs"] == [
        b["text"]
        for b in regolded["blocks"]
        if b["kind"] != "pullquote" and b["kind"] in corpus.PARAGRAPH_KINDS
    ]
    assert regolded["blocks"][1]["kind"] == "pullquote"
    assert corpus.regold(copy) == 0  # nothing left to change


@pytest.mark.skipif(shutil.which("w3m") is None, reason="w3m is not installed")
def test_no_blank_rendition_is_w3m_without_blank_lines(built: Path) -> None:
    w3m = (built / "input" / "a_w3m" / "postlight-0001.txt").read_text(encoding="utf-8")
    flat = (built / "input" / "f_noblank" / "postlight-0001.txt").read_text(encoding="utf-8")
    gold = json.loads((built / "gold" / "postlight-0001.json").read_text(encoding="utf-8"))
    headers = {b["text"] for b in gold["blocks"] if b["kind"] == "furniture"}
    kept = [line for line in flat.splitlines() if line not in headers]
    assert kept == [line for line in w3m.splitlines() if line.strip()]


def test_same_seed_same_bytes(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    corpus.build(_documents(), again, jobs=1, pdf_share=0.0)
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second
    other = tmp_path / "other"
    corpus.build(_documents()[:1], other, jobs=1, pdf_share=0.0, seed=corpus.SEED + 1)
    assert (other / "input" / "e_seed" / "jekyll-0001.txt").read_bytes() != first[
        Path("input/e_seed/jekyll-0001.txt")
    ]


POST = """---
title: 'Why the Ferry Timetable Moved Online&#8217;s First Year'
date: 2026-03-01
---

When the harbour office put its ferry timetable on the web, the clerks expected a few dozen
visitors a week. They got several thousand, most of them on phones, most of them standing on
the quay in the rain and wanting one number: the time of the next boat.

{{< img src="quay.jpg" alt="The quay" >}}

So the first change was to put that number at the top of the page, in large type, with the
date beside it. Everything else, the fares, the winter schedule, the notes about holidays,
moved further down, where the people who wanted it would scroll to find it.

The second change took longer. The office rewrote every notice in plain words and read each
one aloud before it went up; a notice nobody could say in one breath was cut in two.
"""

DEMO = """Design system demo page for the list component.

- list item
- list item list item

Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut
labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.
"""


def test_news_posts_unescape_their_titles_and_skip_placeholder_pages() -> None:
    title, body = sources.front_matter(POST)
    blocks = sources.markdown_blocks(sources.strip_shortcodes(body), title)
    assert blocks[0].text == "Why the Ferry Timetable Moved Online’s First Year"
    assert not any("{{" in block.text for block in blocks)
    assert sources.prose(blocks)
    demo = sources.markdown_blocks(DEMO * 3)
    assert sources.usable(demo)  # long enough, but placeholder text, not prose
    assert not sources.prose(demo)


def test_the_join_cost_sets_the_odds_of_a_break() -> None:
    np = pytest.importorskip("numpy")
    import fit

    beta = np.zeros(len(fit.breaks.NAMES) + 1)
    try:
        _, at_two = fit.as_weights(beta)
        fit.set_join_cost(1.0)
        _, at_one = fit.as_weights(beta)
    finally:
        fit.set_join_cost(fit.COST_OF_A_WRONG_JOIN)
    assert at_two == pytest.approx(0.6931, abs=1e-4)  # log 2: break where odds beat 1 to 2
    assert at_one == 0.0


def test_a_code_blocks_edge_is_a_break_and_its_inside_unjudged() -> None:
    pytest.importorskip("numpy")
    import fit

    kinds = ["p", "code", "p"]
    assert fit.truth_between((0, 0), (1, 1), kinds) == 1  # prose, then the code under it
    assert fit.truth_between((1, 1), (2, 2), kinds) == 1
    assert fit.truth_between((1, 1), (1, 1), kinds) is None  # two lines of the code
    assert fit.truth_between((0, 0), (0, 0), kinds) == 0
    assert fit.truth_between(None, (0, 0), kinds) is None


def test_the_habit_weights_are_the_cheapest_that_tell_the_renditions_apart() -> None:
    pytest.importorskip("numpy")
    import fit_habit

    from reflow.profile import StartEvidence

    # A seed-style page whose lone words all stand over capitals (names: "Donna" / "Abood,
    # principal …"), and a page without blank lines whose one-word headings do too: a
    # capital must weigh more than 1/4 to see the first, at most 3/8 not to see the second.
    rows = [
        ("news", "e_seed", True, StartEvidence(0, 4, 1, 0), 30),
        ("docs", "f_noblank", False, StartEvidence(0, 8, 3, 0), 20),
    ]
    capital, short = fit_habit.best(rows)
    assert capital == 0.375
    assert fit_habit.cost(rows, capital, short) == 0
    assert fit_habit.cost(rows, *fit_habit.HAND_SET) == 20  # the halved capital saw a habit
    assert fit_habit.has_habit("seed-narrow-80") and not fit_habit.has_habit("f_noblank")


@pytest.mark.skipif(shutil.which("w3m") is None, reason="w3m is not installed")
def test_a_whole_page_is_rendered_as_saved_with_the_article_as_gold(tmp_path: Path) -> None:
    harbour = sources.postlight_blocks(PAGE, EXTRACTOR)
    page = sources.Document("postlightpage", "example/repo", "0" * 40, "p.html", "ab" * 32,
                            "MIT", "de", harbour, page=PAGE)  # fmt: skip
    out = tmp_path / "data"
    corpus.build([("postlightpage-0001", page)], out, jobs=1, pdf_share=0.0)
    shown = (out / "input" / "a_w3m" / "postlightpage-0001.txt").read_text(encoding="utf-8")
    # The page's own furniture is in the text (menus, the advert, the footer), none is added,
    # and the gold is the article alone.
    assert "Anzeige" in shown and "Impressum" in shown and "Start Lokal" in shown
    gold = json.loads((out / "gold" / "postlightpage-0001.json").read_text(encoding="utf-8"))
    assert gold["paragraphs"] == [b.text for b in harbour]
    assert not (out / "input" / "e_seed").exists() or not any((out / "input" / "e_seed").iterdir())
    noblank = (out / "input" / "f_noblank" / "postlightpage-0001.txt").read_text(encoding="utf-8")
    assert noblank == "\n".join(line for line in shown.split("\n") if line.strip()) + "\n"


def test_hangul_tables_count_where_words_end_and_begin() -> None:
    import fit_hangul

    # "는" always ends a word, "스" never does; "버" always opens one (after a space), "스"
    # never does.
    texts = ["시는 버스를 보냈다 시는 버스를 늘렸다 시는 버스를 세웠다"]
    after, after_two, before, before_two = fit_hangul.tables(texts)
    assert after["는"] > 0 and after["스"] < 0  # "는" ends words, "스" never
    assert after_two["시는"] > 0 and after_two["버스"] < 0
    assert before["버"] > 0 and before["스"] < 0
    assert before_two["버스"] > 0 and before_two["스를"] < 0
    assert "쳤" not in after  # a syllable never seen is read as average


def test_hangul_line_ends_are_labelled_from_the_gold(tmp_path: Path) -> None:
    import fit_hangul

    # w3m's way: every line fills the width, cut between any two syllables.
    sentence = "항구의 상인들은 새 배가 들어오면 손님이 늘어날 것이라고 내다봤다."
    lines = ["항구의 상인들은 새 배가 들어오면 손님이 늘어날 것이라고 내", "다봤다."] * 10
    (tmp_path / "input" / "a_w3m").mkdir(parents=True)
    (tmp_path / "gold").mkdir()
    (tmp_path / "input" / "a_w3m" / "ko-0001.txt").write_text("\n".join(lines), encoding="utf-8")
    gold = {"id": "ko-0001", "paragraphs": [sentence] * 10}
    (tmp_path / "gold" / "ko-0001.json").write_text(json.dumps(gold), encoding="utf-8")
    ends = list(fit_hangul.line_ends(tmp_path))
    # Inside "내다봤다" ten times, never spaced; the line ends between two sentences ("다." |
    # "항구의") are not between two syllables.
    truths = [(left, right, spaced) for _, left, right, spaced, _ in ends]
    assert truths == [("내", "다봤다", False)] * 10


def test_vitepress_pages_lose_containers_tags_and_heading_ids() -> None:
    page = (
        "# 시작하기 {#getting-started}\n\n:::tip 참고\n본문입니다.\n:::\n\n"
        '<div class="x">\n\n```\n:::\n```\n'
    )
    assert sources.strip_vitepress(page) == "# 시작하기\n\n본문입니다.\n\n\n```\n:::\n```\n"


def test_perdoc_compares_two_runs_document_by_document() -> None:
    import perdoc

    before = {"e_seed/a-0001": [3, 4, 90, 100], "e_seed/a-0002": [2, 2, 50, 50]}
    after = {"e_seed/a-0001": [4, 4, 100, 100], "e_seed/a-0002": [2, 2, 50, 50],
             "d_pdf/a-0001": [1, 4, 80, 100]}  # fmt: skip
    changed, recovered = perdoc.differences(before, after)
    assert [key for key, _, _ in changed] == ["d_pdf/a-0001", "e_seed/a-0001"]
    assert recovered == {"d_pdf": (0, 1), "e_seed": (5, 6)}
    assert perdoc.differences(before, after, "d_pdf")[1] == {"d_pdf": (0, 1)}
    assert perdoc.totals(after) == {
        "d_pdf": [1, 4, 80, 100],
        "e_seed": [6, 6, 150, 150],
        "ALL": [7, 10, 230, 250],
    }


def test_perdoc_scores_each_document_of_a_corpus(built: Path) -> None:
    import perdoc

    if not (perdoc.SHARED / "eval" / "score.py").exists():
        pytest.skip("the shared scorer is not here")
    rows = perdoc.score(built, ROOT, {"e_seed"}, jobs=1)
    assert sorted(rows) == sorted(
        f"e_seed/{p.stem}" for p in (built / "input" / "e_seed").iterdir()
    )
    for recovered, paragraphs, found, tokens in rows.values():
        assert paragraphs > 0 and 0 <= recovered <= paragraphs and 0 < found <= tokens
