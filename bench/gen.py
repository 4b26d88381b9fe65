"""Generate the benchmark's inputs deterministically: messy articles in the seed's style."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FIXTURE = ROOT / "fixtures" / "seed-style-article" / "input.txt"

#: The input variants the benchmark knows.
VARIANTS = (
    "ascii",
    "utf8",
    "body",
    "mojibake",
    "french",
    "one-line",
    "one-word-lines",
    "long-list",
)

# Our own vocabulary for prose in the seed's style (local news); every word is written here.
_PLACES = [
    "Brackenford",
    "Lowmarsh",
    "Carrow Point",
    "Eastwick",
    "Stonehallow",
    "Fenby",
    "Marlow Cross",
]
_PEOPLE = [
    "Ilse Varga",
    "Tobias Mwangi",
    "Rosa Delacroix",
    "Kenji Albrecht",
    "Noor Haddad",
    "Pavel Sorensen",
    "Grace Oyelaran",
    "Mateo Lindgren",
    "Yusuf Brennan",
    "Clara Novak",
    "Desmond Achebe",
    "Hana Kowalski",
]
_ROLES = [
    "the mayor",
    "a county planner",
    "the school board chair",
    "a local grocer",
    "the harbor master",
    "the fire chief",
    "a retired teacher",
    "the library director",
    "a ferry captain",
]
_THINGS = [
    "the water plant",
    "the north ferry",
    "the old granary",
    "the library annex",
    "the tram line",
    "the market hall",
    "the flood wall",
    "the cannery",
    "the bus depot",
    "the swimming baths",
    "the pier",
    "the clock tower",
    "the orchard road",
    "the night shelter",
    "the quarry",
]
_VERBS = [
    "approved",
    "delayed",
    "questioned",
    "funded",
    "rejected",
    "reviewed",
    "inspected",
    "praised",
    "reopened",
    "postponed",
    "audited",
    "expanded",
]
_ADVERBS = ["quietly", "finally", "narrowly", "unanimously", "reluctantly", "again", "briefly"]
_TIMES = [
    "on Monday",
    "last week",
    "in the spring",
    "after a long debate",
    "before the holiday",
    "on Tuesday evening",
    "late in the session",
    "earlier this month",
    "by a single vote",
]
_CLAUSES = [
    "although several residents asked for more time",
    "which had been closed since the storm",
    "despite a shortfall in the budget",
    "after engineers found cracks in the foundations",
    "while the neighbouring towns watched closely",
    "because the grant would otherwise lapse",
    "as shop owners packed the public gallery",
    "even though the contract had already been signed",
]
_QUOTES = [
    "We cannot keep patching the same leak every winter",
    "Nobody here wants to be the person who ignored the warning",
    "The numbers simply do not add up without the state money",
    "People ride that ferry to work, to school and to the clinic",
    "If we wait another year the repair will cost twice as much",
]
# Long words that a PDF extraction splits with a hyphen at a line end.
_SPLITTABLE = [
    "consideration",
    "infrastructure",
    "representatives",
    "maintenance",
    "neighbourhood",
    "reconstruction",
    "administration",
    "transportation",
]

TYPOGRAPHY_TO_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "--", "…": "..."})


def _sentence(rng: random.Random) -> str:
    kind = rng.randrange(6)
    who = rng.choice(_PEOPLE)
    if kind == 0:
        return f"“{rng.choice(_QUOTES)},” said {who}, {rng.choice(_ROLES)}."
    if kind == 1:
        amount = f"${rng.randrange(1, 90)}.{rng.randrange(10)} million"
        return (
            f"The plan for {rng.choice(_THINGS)} would cost about {amount}"
            " — more than the council’s reserves."
        )
    if kind == 2:
        return (
            f"{who} said the town’s plans for {rng.choice(_THINGS)} were "
            f"{rng.choice(_ADVERBS)} {rng.choice(_VERBS)} {rng.choice(_TIMES)}…"
        )
    subject = rng.choice(["The council", "The committee", "The county", "The board", "The city"])
    clause = f", {rng.choice(_CLAUSES)}" if rng.random() < 0.6 else ""
    return (
        f"{subject} {rng.choice(_ADVERBS)} {rng.choice(_VERBS)} {rng.choice(_THINGS)} in "
        f"{rng.choice(_PLACES)} {rng.choice(_TIMES)}{clause}."
    )


# The same local news in French, for text outside ftfy's safe class: accented letters, and
# quotes in guillemets with no-break spaces inside them, as French typesetting has it.
_FR_PLACES = ["Bréval-sur-Lèze", "Montségur", "Sainte-Agnès", "Pontaubert", "Écrouves"]
_FR_PEOPLE = [
    "Hélène Marchetti",
    "Jérôme Lefèvre",
    "Zoé Dubreuil",
    "Françoise Gérard",
    "Loïc Perrault",
    "Anaïs Boucher",
    "Côme Vasseur",
    "Maëlle Rigaud",
]
_FR_ROLES = ["la maire", "un urbaniste du département", "le garde-pêche", "une épicière"]
_FR_THINGS = [
    "la station d’épuration",
    "le bac du nord",
    "l’ancienne grange",
    "l’annexe de la médiathèque",
    "la halle du marché",
    "la digue",
    "la piscine municipale",
    "l’école élémentaire",
]
_FR_VERBS = ["approuvé", "reporté", "contesté", "financé", "rejeté", "rénové", "inspecté"]
_FR_TIMES = ["lundi", "la semaine dernière", "au printemps", "après un long débat", "mardi soir"]
_FR_CLAUSES = [
    "bien que plusieurs riverains aient demandé un délai",
    "malgré un déficit du budget",
    "après que des ingénieurs ont trouvé des fissures",
    "pendant que les communes voisines observaient",
]
_FR_QUOTES = [
    "Nous ne pouvons pas réparer la même fuite chaque hiver",
    "Personne ici ne veut être celui qui a ignoré l’alerte",
    "Les chiffres ne tiennent pas sans l’aide de l’État",
]


def _french_sentence(rng: random.Random) -> str:
    kind = rng.randrange(4)
    who = rng.choice(_FR_PEOPLE)
    if kind == 0:
        return f"« {rng.choice(_FR_QUOTES)} », a déclaré {who}, {rng.choice(_FR_ROLES)}."
    if kind == 1:
        amount = f"{rng.randrange(1, 90)},{rng.randrange(10)} millions d’euros"
        return f"Le projet pour {rng.choice(_FR_THINGS)} coûterait environ {amount}."
    subject = rng.choice(["Le conseil", "La commission", "Le département", "La mairie"])
    clause = f", {rng.choice(_FR_CLAUSES)}" if rng.random() < 0.6 else ""
    return (
        f"{subject} a {rng.choice(_FR_VERBS)} {rng.choice(_FR_THINGS)} à "
        f"{rng.choice(_FR_PLACES)} {rng.choice(_FR_TIMES)}{clause}."
    )


def _french_article(rng: random.Random) -> list[str]:
    """A French article in the seed's layout: byline, caption, credit, dateline, body."""
    place = rng.choice(_FR_PLACES)
    first, second = rng.sample(_FR_PEOPLE, 2)
    lines = [
        f"Par {first} et {second}",
        f"Des riverains devant {rng.choice(_FR_THINGS)}",
        f"à {place}, dimanche matin. Photo",
        f"{rng.choice(_FR_PEOPLE)}/Le Courrier de {place}",
        "|",
        place.upper(),
        "— " + " ".join(_french_sentence(rng) for _ in range(2)),
    ]
    lines[-1:] = _fill(lines[-1].split(" "), 80)
    for _ in range(rng.randrange(6, 14)):
        words = " ".join(_french_sentence(rng) for _ in range(rng.randrange(2, 5))).split(" ")
        lines.extend([words[0], *_fill(words[1:], 80)])
    return lines


def _fill(words: list[str], width: int) -> list[str]:
    """Hard-wrap ``words`` greedily at ``width`` columns (the way the seed was wrapped)."""
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def _paragraph(rng: random.Random, sentences: int) -> list[str]:
    """One body paragraph: its first word orphaned on a line of its own, the rest wrapped at 80."""
    text = " ".join(_sentence(rng) for _ in range(sentences))
    words = text.split(" ")
    if rng.random() < 0.05:  # a word split by an end-of-line hyphen, as PDF extraction leaves it
        long_word = rng.choice(_SPLITTABLE)
        cut = len(long_word) // 2
        head = _fill(words[1:], 80)
        return [
            words[0],
            *head,
            f"the {long_word[:cut]}-",
            f"{long_word[cut:]} was discussed again.",
        ]
    return [words[0], *_fill(words[1:], 80)]


def _article(rng: random.Random) -> list[str]:
    """A generated article laid out like the seed: pull quote, byline, caption, credit, body."""
    place = rng.choice(_PLACES)
    first, second = rng.sample(_PEOPLE, 2)
    lines = [
        f"[“{rng.choice(_QUOTES)},” said {rng.choice(_PEOPLE)}.]",
        f"By {first} and {second}",
        f"Residents waiting for {rng.choice(_THINGS)}",
        f"in {place} on {rng.choice(['Monday', 'Friday', 'Sunday'])} morning. Credit",
        f"{rng.choice(_PEOPLE)}/{place} Courier",
        "|",
        place.upper(),
        "— " + " ".join(_sentence(rng) for _ in range(2)),
    ]
    lines[-1:] = _fill(lines[-1].split(" "), 80)
    for _ in range(rng.randrange(6, 14)):
        lines.extend(_paragraph(rng, rng.randrange(2, 5)))
    return lines


def _seed_variation(rng: random.Random, seed_lines: list[str]) -> list[str]:
    """The committed seed-style fixture with its numbers changed, so repeats are not identical."""
    return [
        re.sub(r"\d+", lambda m: str(rng.randrange(1, 10 ** len(m.group()))), line)
        for line in seed_lines
    ]


def _mojibake(line: str) -> str:
    """UTF-8 bytes read as Windows-1252 the way browsers do (undefined bytes become C1 controls)."""
    import ftfy.bad_codecs  # registers "sloppy-windows-1252"  # noqa: F401

    return line.encode("utf-8").decode("sloppy-windows-1252")


def _prose_lines(variant: str, seed: int) -> Iterator[str]:
    """Endless lines of the ``ascii``, ``utf8``, ``body``, ``mojibake`` or ``french`` variant.

    ``body`` is the UTF-8 articles' body paragraphs alone: without the caption's ``Credit``, the
    ``|`` and the pull quote, which reflow marks up or drops, its result differs in spacing
    only, so ``-i`` rewrites it (it leaves the full articles as written).
    """
    rng = random.Random(seed)
    if variant == "french":
        while True:
            yield from _french_article(rng)
    if variant == "body":
        while True:
            yield from _paragraph(rng, rng.randrange(2, 5))
    seed_lines = SEED_FIXTURE.read_text(encoding="utf-8").splitlines()
    while True:
        article = _seed_variation(rng, seed_lines) if rng.random() < 0.25 else _article(rng)
        if variant == "ascii":
            yield from (line.translate(TYPOGRAPHY_TO_ASCII) for line in article)
            continue
        if variant == "utf8":
            yield from article
            continue
        # A tenth of the paragraphs (a paragraph starts at an orphaned first word) are mojibake.
        broken = False
        for line in article:
            if " " not in line and line[:1].isalpha():
                broken = rng.random() < 0.1
            yield _mojibake(line) if broken else line


def _special_lines(variant: str, size: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    if variant == "one-line":  # a single line with no line break at all
        produced = 0
        while produced < size:
            words = _sentence(rng)
            produced += len(words.encode("utf-8")) + 1
            yield words + " "
        return
    if variant == "one-word-lines":
        words = " ".join(_sentence(rng) for _ in range(200)).split(" ")
        index = 0
        while True:
            yield words[index % len(words)] + "\n"
            index += 1
    number = 0
    while True:  # long-list: a bulleted list that never ends
        number += 1
        yield f"- item {number}: {rng.choice(_THINGS)} {rng.choice(_TIMES)}\n"


def generate(variant: str, size: int, seed: int = 7) -> Iterator[bytes]:
    """Exactly ``size`` bytes (cut at a line end where possible) of ``variant``, in chunks."""
    if variant not in VARIANTS:
        message = f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}"
        raise ValueError(message)
    if variant in ("ascii", "utf8", "body", "mojibake", "french"):
        pieces: Iterator[str] = (line + "\n" for line in _prose_lines(variant, seed))
    else:
        pieces = _special_lines(variant, size, seed)
    left = size
    batch: list[str] = []
    batch_size = 0
    for piece in pieces:
        data_size = len(piece.encode("utf-8"))
        if data_size > left:
            break
        batch.append(piece)
        batch_size += data_size
        left -= data_size
        if batch_size >= 1 << 20:
            yield "".join(batch).encode("utf-8")
            batch, batch_size = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def write(path: Path, variant: str, size: int, seed: int = 7) -> Path:
    """Write ``variant`` of ``size`` bytes to ``path`` once; later calls reuse the file."""
    if path.exists() and path.stat().st_size > 0:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as out:
        for chunk in generate(variant, size, seed):
            out.write(chunk)
    partial.replace(path)
    return path


def main(argv: list[str]) -> int:
    """``python bench/gen.py VARIANT BYTES``: write the input to stdout (for pipes)."""
    import sys

    if len(argv) != 2 or argv[0] not in VARIANTS:
        print(f"usage: gen.py {{{','.join(VARIANTS)}}} BYTES", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    try:
        for chunk in generate(argv[0], int(float(argv[1]))):
            out.write(chunk)
        out.flush()
    except BrokenPipeError:  # the reader stopped early
        return 0
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
