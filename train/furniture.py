"""Synthetic page furniture from this project's own word lists: bylines, datelines, captions with
credits, pull quotes, and page headers with page numbers."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from htmldom import Block

# Every name, place and phrase below is made up for this generator.
FIRST = [
    "Maren",
    "Tobias",
    "Ilse",
    "Dario",
    "Noor",
    "Kasimir",
    "Elodie",
    "Bram",
    "Yusra",
    "Teodor",
    "Hanne",
    "Caspian",
    "Liv",
    "Anselm",
    "Rosalind",
    "Mikko",
    "Odile",
    "Quentin",
]
LAST = [
    "Vantongeren",
    "Haldane",
    "Oyelaran",
    "Strand",
    "Kowalczyk",
    "Brisbois",
    "Ferreira",
    "Lindahl",
    "Achterberg",
    "Quist",
    "Madsen",
    "Pellegrini",
    "Rautio",
    "Delacroix-Ney",
]
AGENCIES = [
    "Northlight Images",
    "Harbour Press Agency",
    "Lowmere Picture Desk",
    "Greyhaven Photo Pool",
    "Saltcombe Wire",
    "Kettleby Studio",
]
MASTHEADS = [
    "The Lowmere Gazette",
    "Greyhaven Evening Post",
    "Saltcombe Herald",
    "Port Elsin Courier",
    "Kettleby Review",
    "The Northern Ledger",
]
PLACES = [
    "the harbour in Port Elsin",
    "a market square in Lowmere",
    "the old mill at Kettleby",
    "a rail yard outside Greyhaven",
    "the sea wall at Saltcombe",
    "a school hall in Brinmoor",
    "the ferry landing at Osterby",
    "a vineyard near Valcourt",
]
SUBJECTS = [
    "Volunteers",
    "Ferry crews",
    "Two engineers",
    "Residents",
    "Delivery riders",
    "Students",
    "Night-shift nurses",
    "Council workers",
    "Fishermen",
    "Visitors",
]
ACTIONS = [
    "unload crates at",
    "wait out the rain at",
    "repair a signal box at",
    "gather for a vote at",
    "sort donated books at",
    "walk home past",
    "set up a stall at",
    "inspect storm damage at",
]
WHEN = [
    "on Tuesday",
    "early on Saturday",
    "last month",
    "this week",
    "on the first day of the fair",
    "shortly before dawn",
    "in March",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ROLES = [
    "Staff Writer",
    "Science Correspondent",
    "Technology Reporter",
    "Special to the Ledger",
    "Contributing Editor",
]

# Other languages: short phrases of our own, enough for bylines, datelines, credits and captions.
FR_CAPTIONS = [
    "Des bénévoles trient des livres à la mairie de Valcourt, mardi.",
    "Le quai d'Osterby sous la pluie, tôt samedi matin.",
    "Une équipe répare la digue de Saltcombe après la tempête.",
]
DE_CAPTIONS = [
    "Freiwillige sortieren Bücher im Rathaus von Brinmoor, am Dienstag.",
    "Der Fähranleger in Osterby am frühen Samstagmorgen.",
    "Arbeiter prüfen die Schäden am Deich nach dem Sturm.",
]
JA_CAPTIONS = [
    "港で荷物を降ろすボランティアたち（火曜日）",
    "雨の中で開かれた朝市の様子",
    "嵐の後、堤防を点検する作業員",
]
ZH_CAPTIONS = ["志愿者在港口卸下物资（星期二）", "雨中的早市一角", "暴风雨过后，工人检查海堤"]
JA_NAMES = ["山田 花子", "佐藤 健", "高橋 美咲", "中村 翔"]
ZH_NAMES = ["王 明", "李 静", "陈 晓东", "刘 芳"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def byline(rng: random.Random, language: str) -> str:
    if language == "ja":
        return f"文：{rng.choice(JA_NAMES)}"
    if language == "zh":
        return f"记者 {rng.choice(ZH_NAMES)}"
    if language == "fr":
        return f"Par {_person(rng)}"
    if language == "de":
        return f"Von {_person(rng)}"
    shape = rng.randrange(3)
    if shape == 0:
        return f"By {_person(rng)}"
    if shape == 1:
        return f"By {_person(rng)} and {_person(rng)}"
    return f"By {_person(rng).upper()}, {rng.choice(ROLES)}"


def dateline(rng: random.Random, language: str) -> str:
    day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2016, 2026)
    hour, minute = rng.randint(6, 22), rng.randrange(0, 60, 5)
    if language == "ja":
        return f"{year}年{month + 1}月{day}日 {hour}:{minute:02d}"
    if language == "zh":
        return f"{year}年{month + 1}月{day}日 {hour}:{minute:02d} 发布"
    if language == "fr":
        return f"Publié le {day}/{month + 1:02d}/{year} à {hour}h{minute:02d}"
    if language == "de":
        return f"Veröffentlicht am {day}.{month + 1:02d}.{year}, {hour}:{minute:02d} Uhr"
    name = MONTHS[month]
    shape = rng.randrange(3)
    if shape == 0:
        return f"Published {name} {day}, {year}"
    if shape == 1:
        suffix = "a.m." if hour < 12 else "p.m."
        return f"Updated {name} {day}, {year}, {hour % 12 or 12}:{minute:02d} {suffix}"
    return f"{day} {name} {year}"


def caption(rng: random.Random, language: str) -> str:
    pools = {"fr": FR_CAPTIONS, "de": DE_CAPTIONS, "ja": JA_CAPTIONS, "zh": ZH_CAPTIONS}
    if language in pools:
        return rng.choice(pools[language])
    return f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(PLACES)} {rng.choice(WHEN)}."


def credit(rng: random.Random, language: str) -> str:
    if language == "ja":
        return f"写真：{rng.choice(JA_NAMES)}"
    if language == "zh":
        return f"摄影：{rng.choice(ZH_NAMES)}"
    label = {"fr": "Photo :", "de": "Foto:"}.get(language)
    if label:
        return f"{label} {_person(rng)} / {rng.choice(AGENCIES)}"
    shape = rng.randrange(3)
    if shape == 0:
        return f"Credit: {_person(rng)}/{rng.choice(AGENCIES)}"
    if shape == 1:
        return f"Photo: {_person(rng)} for {rng.choice(MASTHEADS)}"
    return f"{_person(rng)} / {rng.choice(AGENCIES)}"


def pull_quote(rng: random.Random, blocks: list[Block], language: str) -> str | None:
    """A sentence of the document itself, set apart in quotation marks (as magazines do)."""
    sentences = []
    for block in blocks:
        if block.kind == "p":
            splitter = r"(?<=[。！？])" if language in ("ja", "zh") else r"(?<=[.!?])\s+"
            sentences += [s for s in re.split(splitter, block.text) if 40 <= len(s) <= 220]
    sentences = [s for s in sentences if not re.search(r"[\"“”「」]", s)]
    if language not in ("ja", "zh"):  # a whole sentence, not the tail of an abbreviation
        sentences = [s for s in sentences if s[0].isupper() and s[-1] in ".!?"]
    if not sentences:
        return None
    chosen = rng.choice(sentences).strip()
    return f"「{chosen}」" if language in ("ja", "zh") else f"“{chosen}”"


def decorate(blocks: list[Block], rng: random.Random, language: str) -> list[Block]:
    """Insert furniture a real page of this kind might carry, where the page lacks it."""
    out = list(blocks)
    has_byline = any(re.match(r"(By|Par|Von) [A-Z]", b.text) and len(b.text) < 80 for b in out[:6])
    at = 1 if out and out[0].kind == "h" else 0
    if not has_byline and rng.random() < 0.5:
        out.insert(at, Block("byline", byline(rng, language)))
        at += 1
    if rng.random() < 0.45:
        out.insert(at, Block("dateline", dateline(rng, language)))
    paragraphs = [i for i, b in enumerate(out) if b.kind == "p"]
    has_caption = any(b.kind == "caption" for b in out)
    if not has_caption and paragraphs and rng.random() < 0.45:
        for _ in range(rng.choice([1, 1, 2])):
            spot = rng.choice(paragraphs[:8]) + 1
            figure = [Block("caption", caption(rng, language))]
            if rng.random() < 0.85:
                figure.append(Block("credit", credit(rng, language)))
            out[spot:spot] = figure
            paragraphs = [i for i, b in enumerate(out) if b.kind == "p"]
    if len(paragraphs) >= 8 and rng.random() < 0.3:
        quote = pull_quote(rng, blocks, language)
        if quote:
            spot = paragraphs[len(paragraphs) * 2 // 5] + 1
            out.insert(spot, Block("pullquote", quote))
    return out


def page_header(rng: random.Random, title: str) -> Callable[[int], list[str]]:
    """The lines a printed page starts with, by page number: one of a few house styles."""
    masthead = rng.choice(MASTHEADS)
    short = title if len(title) < 50 else title[:47].rsplit(" ", 1)[0] + "..."
    style = rng.randrange(5)

    def header(number: int) -> list[str]:
        if style == 0:
            return [f"{masthead} — {short}", f"Page {number}"]
        if style == 1:
            return [f"{number}"]
        if style == 2:
            return [f"— {number} —"]
        if style == 3:
            return [f"{masthead}{' ' * 6}{number}"]
        return [f"{short.upper()}", f"{number}"]

    return header


def paginate(
    lines: list[str], rng: random.Random, header: Callable[[int], list[str]]
) -> tuple[list[str], list[str]]:
    """Lines with a page header every 38-64 lines (inside a paragraph as often as not) and the
    header lines used."""
    out: list[str] = []
    used: list[str] = []
    page = rng.randint(38, 64)
    number = 1
    for index, line in enumerate(lines):
        if index and index % page == 0:
            number += 1
            head = header(number)
            out += head
            used += head
        out.append(line)
    return out, used
