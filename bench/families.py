"""Generate documents of other families (mail, Internet-Draft, layout PDF) with known paragraphs.

Each family writes documents from its own sentence material (every word is written here) with a
fixed seed, keeps the paragraphs and blocks it wrote as the gold, and renders each document the
way users' text of that family is made: mail hard-wrapped by a client at 66-76 columns, drafts
paginated like ``xml2rfc --text`` (with and without form feeds) and, where ``xml2rfc`` is
installed (on the PATH or named by REFLOW_XML2RFC), rendered by it from RFCXML, pages typeset
into a PDF and read back with ``pdftotext`` (when poppler is installed) and an imitation of
``pdftotext -layout``. ``bench/accuracy.py`` scores reflow on them (docs/families.md). Nothing
is written to disk except temporary files for the outside programs.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

SEED = 19  # the issue that asked for these families
DOCS_PER_RENDITION = 12


@dataclass
class Doc:
    """One rendered document: its gold blocks (paragraphs, or lines of a kept block joined by
    newlines), the text reflow is given, and, for mail, each gold block's quote depth."""

    gold: list[str]
    text: str
    depths: list[int] | None = None


# -- sentence material -------------------------------------------------------------------------

_FIRST = ["Jane", "Tomas", "Lena", "Ravi", "Mei", "Oskar", "Amara", "Felix", "Sanna", "Idris"]
_LAST = ["Holm", "Berg", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Castell", "Virtanen"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_SYSTEMS = [
    "the nightly backup",
    "the staging mirror",
    "our test runner",
    "the invoice export",
    "the new build box",
    "the old cron entry",
    "the log shipper",
    "the second disk array",
    "the release script",
    "the print server",
    "the shared calendar",
    "the vendor's updater",
]
_HAPPENED = [
    "stopped halfway through",
    "ran twice in the same hour",
    "finished without writing anything",
    "timed out after the network change",
    "filled the temporary folder again",
    "picked up the wrong configuration",
    "came back after the restart",
    "skipped the files with long names",
    "locked the database for an hour",
]
_WHEN = [
    "last night",
    "on Tuesday",
    "this morning",
    "after the upgrade",
    "during the weekend",
    "since the move",
    "before lunch",
    "at the end of the month",
]
_ASKS = [
    "have a look at the output before the meeting",
    "send me the exact error you got",
    "check whether the disk is full",
    "add me to the group that owns the service",
    "try it once more with the verbose flag",
    "leave the old copy where it is for now",
    "tell the others not to restart anything",
    "write down what you changed so we can undo it",
]
_BECAUSE = [
    "the lock file was never removed",
    "somebody changed the password without telling anyone",
    "the schedule still uses the old time zone",
    "the new version reads its settings from another place",
    "two copies of the job were started by hand",
    "the quota on the shared drive is smaller than we thought",
]
_ASIDES = [
    "as far as I can tell",
    "if I read the log correctly",
    "to be fair",
    "which surprised me",
    "at least on my machine",
    "for what it is worth",
]
_COMMANDS = [
    "cd /srv/mirror",
    "git fetch --prune origin",
    "sudo systemctl restart log-shipper",
    "df -h /srv /var",
    "tail -n 200 /var/log/backup/nightly.log",
    "rsync -av --delete build/ staging:/srv/www/",
    "make clean && make test",
    "ls -l /var/lib/export/state",
    "journalctl -u print-spool --since today",
    "python3 -m pip list --outdated",
]
_HOSTS = ["files.example.org", "wiki.example.net", "tickets.example.com", "builds.example.org"]
_PATH_PARTS = ["ops", "logs", "2026", "mirror", "nightly", "reports", "attachments", "archive"]
_FILES = ["sync-run-0412.log", "backup-failure-notes.txt", "disk-usage-december.csv", "ticket-5521"]


def _sentence(rng: random.Random) -> str:
    system, other = rng.sample(_SYSTEMS, 2)
    shapes = [
        lambda: f"{system.capitalize()} {rng.choice(_HAPPENED)} {rng.choice(_WHEN)}.",
        lambda: f"I think {system} {rng.choice(_HAPPENED)} because {rng.choice(_BECAUSE)}.",
        lambda: f"Could you {rng.choice(_ASKS)}?",
        lambda: (
            f"{rng.choice(_FIRST)} said that {other} {rng.choice(_HAPPENED)}, "
            f"{rng.choice(_ASIDES)}, and that {rng.choice(_BECAUSE)}."
        ),
        lambda: f"It is not urgent, but it would help if you could {rng.choice(_ASKS)}.",
        lambda: f"The trouble, {rng.choice(_ASIDES)}, is that {rng.choice(_BECAUSE)}.",
    ]
    return rng.choice(shapes)()


def _paragraph(
    rng: random.Random,
    low: int = 1,
    high: int = 4,
    sentence: Callable[[random.Random], str] = _sentence,
    seen: set[str] | None = None,
) -> str:
    """Sentences not yet used in the document (``seen``), so that no paragraph repeats another
    (reflow drops a repeated paragraph, as it should)."""
    seen = set() if seen is None else seen
    sentences: list[str] = []
    for _ in range(rng.randint(low, high)):
        for _attempt in range(50):
            text = sentence(rng)
            if text not in seen:
                break
        seen.add(text)
        sentences.append(text)
    return " ".join(sentences)


def _url(rng: random.Random) -> str:
    parts = rng.sample(_PATH_PARTS, rng.randint(2, 4))
    return f"https://{rng.choice(_HOSTS)}/{'/'.join(parts)}/{rng.choice(_FILES)}"


# -- wrapping ----------------------------------------------------------------------------------


def _wrap(text: str, width: int, *, cut_urls: bool = False) -> list[str]:
    """Greedy wrap like a mail client; a URL that does not fit may be cut after a ``/``."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            room = width - len(line) - 1
            cut = word.rfind("/", 0, room) if cut_urls and "://" in word else -1
            if cut > word.find("://") + 3 and room >= 12:
                lines.append(f"{line} {word[: cut + 1]}")
                line = word[cut + 1 :]
            else:
                lines.append(line)
                line = word
    if line:
        lines.append(line)
    return lines


# -- mail --------------------------------------------------------------------------------------


@dataclass
class MailStyle:
    width: int
    quote: str  # the marker a quote level adds: "> " or ">"
    blank_quote: str  # a blank line inside a quote: ">" or "> "
    cut_urls: bool
    top_posted: bool = False  # the reply above, each earlier message below a header, unquoted


MAIL_STYLES = {
    "mail-66": MailStyle(66, ">", ">", True),
    "mail-72": MailStyle(72, "> ", ">", False),
    "mail-76": MailStyle(76, "> ", "> ", True),
    "mail-top-posted": MailStyle(76, "", "", False, top_posted=True),
}


def _top_posted(blocks: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The thread as a client that top-posts writes it: the whole reply first, then each
    earlier message unquoted under a separator and a header block in place of the attribution
    line."""
    own = [block for block in blocks if block[0] == 0 and not block[2].endswith("wrote:")]
    earlier: list[tuple[int, str, str]] = []
    for depth, kind, text in blocks:
        if text.endswith("wrote:"):
            day, name = re.match(r"On (\w+), (.+) wrote:", text).groups()
            address = name.lower().replace(" ", ".") + "@example.org"
            header = f"From: {name} <{address}>\nSent: {day}, 9:14 AM\nSubject: Re: the mirror"
            earlier.append((0, "lines", f"-----Original Message-----\n{header}"))
        elif depth:
            earlier.append((0, kind, text))
    return own + earlier


def _mail_message(rng: random.Random, sender: str, seen: set[str]) -> list[tuple[str, str]]:
    """One message as (kind, text) blocks: greeting, prose, commands, closing, signature."""
    blocks: list[tuple[str, str]] = []
    if rng.random() < 0.8:
        blocks.append(("line", f"{rng.choice(['Hi', 'Hello', 'Dear'])} {rng.choice(_FIRST)},"))
    for index in range(rng.randint(1, 4)):
        text = _paragraph(rng, seen=seen)
        if rng.random() < 0.3:
            text += f" The notes are under {_url(rng)} if you want to read them yourself."
        if index == 0 and rng.random() < 0.5:
            text += " What I ran was:"
            blocks.append(("p", text))
            count = rng.randint(1, 4)
            blocks.append(("code", "\n".join(rng.sample(_COMMANDS, count))))
            continue
        blocks.append(("p", text))
    if rng.random() < 0.8:
        closing = rng.choice(["Thanks,", "Best regards,", "Cheers,", "Kind regards,", "Best,"])
        blocks.append(("lines", f"{closing}\n{sender.split()[0]}"))
    if rng.random() < 0.6:
        team = rng.choice(["Platform team", "Operations", "Finance systems", "Build and release"])
        phone = f"+46 8 555 0{rng.randint(100, 999)}"
        blocks.append(("lines", f"-- \n{sender}\n{team}\n{phone}"))
    return blocks


def _mail_thread(rng: random.Random) -> list[tuple[int, str, str]]:
    """A reply with its quoted history: (quote depth, kind, text) blocks."""
    people = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(3)]
    depth_count = rng.choice([1, 1, 2])
    out: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    reply = _mail_message(rng, people[0], seen)
    # The reply's own text first, the quoted message after an attribution line (or, half the
    # time, the answer written under the quote it answers).
    body = [b for b in reply if b[0] in ("p", "code", "line")]
    tail = [b for b in reply if b[0] == "lines"]
    quoted: list[tuple[int, str, str]] = []
    for depth in range(1, depth_count + 1):
        quoted.append((depth - 1, "line", f"On {rng.choice(_DAYS)}, {people[depth]} wrote:"))
        message = _mail_message(rng, people[depth], seen)
        # A reply quotes the message without its signature, as most clients do.
        quoted += [(depth, kind, text) for kind, text in message if not text.startswith("-- ")]
    if rng.random() < 0.5:
        out += [(0, kind, text) for kind, text in body] + quoted
    else:
        split = max(1, len(body) // 2)
        out += [(0, kind, text) for kind, text in body[:split]] + quoted
        out += [(0, kind, text) for kind, text in body[split:]]
    out += [(0, kind, text) for kind, text in tail]
    return out


def render_mail(blocks: list[tuple[int, str, str]], style: MailStyle) -> str:
    """A thread as a mail client writes it: a blank line between blocks (``>`` lines inside a
    quote), none between an attribution and its quote, commands indented by four."""

    def marker(depth: int, blank: bool = False) -> str:
        if not depth:
            return ""
        if style.quote == ">":  # the compact style: ">> text"
            return ">" * depth + ("" if blank and style.blank_quote == ">" else " ")
        return ("> " * depth).rstrip() + ("" if blank and style.blank_quote == ">" else " ")

    lines: list[str] = []
    previous = 0
    for depth, kind, text in blocks:
        after_attribution = bool(lines) and lines[-1].endswith("wrote:")
        if lines and not (depth > previous and after_attribution):
            lines.append(marker(min(depth, previous), blank=True))
        prefix = marker(depth)
        if kind == "p":
            # The quoted message was wrapped by its own client; the quote markers come on top.
            lines += [prefix + line for line in _wrap(text, style.width, cut_urls=style.cut_urls)]
        elif kind == "code":
            lines += [prefix + "    " + line for line in text.split("\n")]
        else:
            lines += [line if line == "-- " else prefix + line for line in text.split("\n")]
        previous = depth
    return "\n".join(lines) + "\n"


def mail_docs(style_name: str, count: int = DOCS_PER_RENDITION) -> Iterator[Doc]:
    style = MAIL_STYLES[style_name]
    for index in range(count):
        blocks = _mail_thread(random.Random(SEED * 1000 + index))
        if style.top_posted:
            blocks = _top_posted(blocks)
        gold = [text for _, _, text in blocks]
        yield Doc(gold, render_mail(blocks, style), [depth for depth, _, _ in blocks])


# -- Internet-Drafts ---------------------------------------------------------------------------

_PROTOCOL_NOUNS = [
    "the sending mirror",
    "a receiving host",
    "the relay",
    "an observer",
    "the client",
    "the source",
    "a peer that restarts",
]
_PROTOCOL_ACTS = [
    "confirm a block before it has been written to stable storage",
    "send the block again after twice the measured round trip",
    "keep the sequence number of the last confirmed block",
    "discard a message whose checksum does not match",
    "announce its version in the first message of a session",
    "close the session when the peer stops answering",
    "log every refused request with its reason",
]
_PROTOCOL_WHYS = [
    "a link that breaks often would otherwise repeat the whole transfer",
    "two peers may disagree about the time of the last change",
    "the storage of small offices is often slow to flush",
    "an attacker on the path can replay an old confirmation",
    "older implementations ignore fields they do not know",
]
_KEYWORDS = ["MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"]


def _protocol_sentence(rng: random.Random) -> str:
    noun = rng.choice(_PROTOCOL_NOUNS)
    shapes = [
        lambda: f"{noun.capitalize()} {rng.choice(_KEYWORDS)} {rng.choice(_PROTOCOL_ACTS)}.",
        lambda: (
            f"This matters because {rng.choice(_PROTOCOL_WHYS)}, and {noun} cannot tell "
            "the difference from the messages alone."
        ),
        lambda: (
            f"An implementation that does not {rng.choice(_PROTOCOL_ACTS)} is still "
            f"conformant, but {rng.choice(_PROTOCOL_WHYS)}."
        ),
        lambda: (
            f"When {noun} receives a message it cannot parse, it {rng.choice(_KEYWORDS)} "
            f"{rng.choice(_PROTOCOL_ACTS)}."
        ),
        lambda: f"Section {rng.randint(2, 7)} explains why {rng.choice(_PROTOCOL_WHYS)}.",
    ]
    return rng.choice(shapes)()


_TITLE_WORDS = [
    ("Harbour Sync", "harbour-sync"),
    ("Quiet Relay", "quiet-relay"),
    ("Small Mirror Confirmation", "mirror-confirm"),
    ("Ledger Exchange", "ledger-exchange"),
]
_SECTIONS = [
    "Terminology",
    "Overview",
    "Message Format",
    "Confirming a Transfer",
    "Restarting a Session",
    "Versions",
    "Operational Considerations",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


@dataclass
class Draft:
    """One Internet-Draft: its lines as this generator lays it out (unpaginated) with their
    gold, and the same draft as RFCXML with the gold ``xml2rfc`` renders from it (which writes
    its own boilerplate, not gold, in place of this generator's "Status of This Memo")."""

    lines: list[str]
    gold: list[str]
    xml: str
    xml_gold: list[str]


def _draft(rng: random.Random) -> Draft:
    seen: set[str] = set()
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    title, slug = rng.choice(_TITLE_WORDS)
    month, year = rng.choice(_MONTHS), 2026
    expires = f"{_MONTHS[(_MONTHS.index(month) + 3) % 6]} {rng.randint(1, 28)}, {year + 1}"
    left = ["Network Working Group", "Internet-Draft", "Intended status: Informational"]
    right = [f"{first[0]}. {last}", "Port Elsin Ops", f"{month} {rng.randint(1, 28)}, {year}"]
    lines = [f"{a}{b:>{72 - len(a)}}" for a, b in zip(left, right, strict=True)]
    lines += [f"Expires: {expires}", "", ""]
    full_title = f"The {title} Protocol"
    lines += [full_title.center(72).rstrip(), f"draft-{last.lower()}-{slug}-00".center(72).rstrip()]
    lines.append("")
    gold = [full_title]
    xml = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<rfc version="3" docName="draft-{last.lower()}-{slug}-00" ipr="trust200902" '
        'submissionType="IETF" category="info">',
        f'<front><title abbrev="{title} Protocol">{full_title}</title>',
        f'<author fullname="{first} {last}" initials="{first[0]}." surname="{last}">'
        "<organization>Port Elsin Ops</organization>"
        f"<address><email>{first.lower()}@example.org</email></address></author>",
        f'<date year="{year}" month="{month}" day="{right[2].split()[1].rstrip(",")}"/>',
    ]
    boilerplate: set[str] = set()  # gold of this generator only

    def heading(text: str) -> None:
        lines.extend([text, ""] if lines[-1] == "" else ["", text, ""])
        gold.append(text)

    def paragraph(text: str) -> None:
        xml.append(f"<t>{escape(text)}</t>")
        # xml2rfc puts two spaces after a full stop, as RFCs always had.
        lines.extend(
            textwrap.wrap(
                text, 72, initial_indent="   ", subsequent_indent="   ", fix_sentence_endings=True
            )
        )
        lines.append("")
        gold.append(text)

    heading("Abstract")
    xml.append("<abstract>")
    paragraph(_paragraph(rng, 2, 4, _protocol_sentence, seen))
    xml.append("</abstract></front><middle>")
    status = (
        "This draft is written for the benchmark of a text tool and describes no real "
        "protocol. It may be changed, replaced or dropped at any time, and nothing in it "
        "should be cited as the work of any standards body."
    )
    heading("Status of This Memo")
    paragraph(status)
    xml.pop()  # xml2rfc writes its own
    boilerplate.update(["Status of This Memo", status])
    for number, name in enumerate(rng.sample(_SECTIONS, rng.randint(4, 6)), 1):
        heading(f"{number}.  {name}")
        xml.append(f"<section><name>{name}</name>")
        for _ in range(rng.randint(1, 4)):
            paragraph(_paragraph(rng, 2, 6, _protocol_sentence, seen))
            if rng.random() < 0.25:
                numbered = rng.random() < 0.5
                xml.append("<ol>" if numbered else "<ul>")
                for item in range(1, rng.randint(3, 5)):
                    text = _paragraph(rng, 1, 2, _protocol_sentence, seen)
                    xml.append(f"<li>{escape(text)}</li>")
                    marker = f"{item}.  " if numbered else "*  "
                    # The text of an item starts where its first line's text does.
                    lines.extend(
                        textwrap.wrap(
                            text,
                            72,
                            initial_indent="   " + marker,
                            subsequent_indent=" " * (3 + len(marker)),
                            fix_sentence_endings=True,
                        )
                    )
                    lines.append("")
                    gold.append(text)
                xml.append("</ol>" if numbered else "</ul>")
        if rng.random() < 0.3:
            heading(f"{number}.1.  Notes on {name}")
            xml.append(f"<section><name>Notes on {name}</name>")
            paragraph(_paragraph(rng, 2, 5, _protocol_sentence, seen))
            xml.append("</section>")
        xml.append("</section>")
    xml.append("</middle></rfc>")
    lines += ["Author's Address", "", f"   {first} {last}", "   Port Elsin Ops", ""]
    lines += [f"   Email: {first.lower()}@example.org"]
    xml_gold = [block for block in gold if block not in boilerplate]
    return Draft(lines, gold, "\n".join(xml), xml_gold)


def _paginate(lines: list[str], header: str, footer: str, form_feed: bool) -> str:
    """Cut the lines into pages the way ``xml2rfc --text`` does: 48 body lines or fewer (a page
    does not end on a heading or a paragraph's first line), a footer, and, on the next page, a
    header."""
    pages: list[list[str]] = []
    start = 0
    body = 48
    while start < len(lines):
        end = min(start + body, len(lines))
        if end < len(lines):
            # Keep a heading with its text and do not leave a paragraph's first line alone.
            while end - start > body - 4 and (
                (lines[end - 1] and not lines[end - 1].startswith("   ")) or lines[end - 2] == ""
            ):
                end -= 1
        pages.append(lines[start:end])
        start = end
        while start < len(lines) and not lines[start].strip():
            start += 1
    out: list[str] = []
    for number, page in enumerate(pages, 1):
        if number > 1:
            out += [header, ""]
        while page and not page[-1].strip():
            page = page[:-1]
        padding = 54 - len(page) - (2 if number > 1 else 0)
        out += page + [""] * max(padding, 2)
        left, right = footer, f"[Page {number}]"
        middle = f"Expires {footer.split('|')[1]}"
        name = left.split("|")[0]
        gap = 72 - len(name) - len(middle) - len(right)
        out.append(f"{name}{' ' * (gap // 2)}{middle}{' ' * (gap - gap // 2)}{right}")
        if number < len(pages):
            out.append("\f" if form_feed else "")
    return "\n".join(out) + "\n"


DRAFT_RENDITIONS = ("draft-ff", "draft-noff", "draft-unpaged", "xml2rfc-ff", "xml2rfc-noff")


def xml2rfc_command() -> str | None:
    """``xml2rfc`` from REFLOW_XML2RFC or the PATH (it is not a dependency of reflow)."""
    return os.environ.get("REFLOW_XML2RFC") or shutil.which("xml2rfc")


@cache
def _xml2rfc_text(xml: str) -> str:
    with tempfile.TemporaryDirectory(prefix="reflow-families-") as folder:
        source, target = Path(folder) / "draft.xml", Path(folder) / "draft.txt"
        source.write_text(xml, encoding="utf-8")
        command = [str(xml2rfc_command()), "--text", "--no-network", "--quiet"]
        subprocess.run([*command, str(source), "-o", str(target)], check=True, timeout=60)
        return target.read_text(encoding="utf-8")


def draft_docs(rendition: str, count: int = DOCS_PER_RENDITION) -> Iterator[Doc]:
    for index in range(count):
        draft = _draft(random.Random(SEED * 2000 + index))
        lines, gold = draft.lines, draft.gold
        if rendition.startswith("xml2rfc-"):
            text = _xml2rfc_text(draft.xml)
            if rendition == "xml2rfc-noff":  # as a text browser or a copy shows it
                text = text.replace("\n\f\n", "\n")
            yield Doc(draft.xml_gold, text)
            continue
        if rendition == "draft-unpaged":
            yield Doc(gold, "\n".join(lines) + "\n")
            continue
        title = gold[0].removeprefix("The ")
        date = lines[2].split()[-3] + " " + lines[2].split()[-1]
        gap = 72 - len("Internet-Draft") - len(title) - len(date)
        header = f"Internet-Draft{' ' * (gap // 2)}{title}{' ' * (gap - gap // 2)}{date}"
        author = lines[0].split()[-1]
        expires = lines[3].removeprefix("Expires: ")
        yield Doc(gold, _paginate(lines, header, f"{author}|{expires}", rendition == "draft-ff"))


# -- layout PDF --------------------------------------------------------------------------------

_TOWNS = ["Port Elsin", "Greyhaven", "Lowmere", "Saltcombe", "Kettleby"]
_BODIES = [
    "the harbour commission",
    "the school board",
    "the county council",
    "the ferry company",
    "the water board",
]
_DECIDED = [
    "voted to dredge the northern channel",
    "delayed the new timetable by a month",
    "agreed to keep the library open on Sundays",
    "asked the engineers for a second survey",
    "set aside money to repair the sea wall",
]
_REACTIONS = [
    "a decision the fishermen had asked for since the storm",
    "which several residents called long overdue",
    "although two members said the cost was too high",
    "after a meeting that ran past midnight",
    "to the surprise of those who had come to object",
]


def _news_sentence(rng: random.Random) -> str:
    town, body = rng.choice(_TOWNS), rng.choice(_BODIES)
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    shapes = [
        lambda: (
            f"On {rng.choice(_DAYS)}, {body} in {town} {rng.choice(_DECIDED)}, "
            f"{rng.choice(_REACTIONS)}."
        ),
        lambda: (
            f'"We have waited long enough," said {person}, who has lived in {town} '
            "for most of her life."
        ),
        lambda: f"The work could begin in spring, {body} said, once the contract is signed.",
        lambda: (
            f"{person} said the vote showed that {body} had listened, {rng.choice(_REACTIONS)}."
        ),
        lambda: "Nobody at the meeting disputed the need for the work, only its cost.",
        lambda: (
            f"A second meeting is planned for {rng.choice(_DAYS)}, when {body} will "
            f"hear from the engineers."
        ),
    ]
    return rng.choice(shapes)()


# Advance widths of the standard PDF fonts Helvetica and Helvetica-Bold (thousandths of an em)
# for the characters this material uses; the PDF viewer and pdftotext know the real ones.
_REGULAR = dict.fromkeys("abdeghnopqu0123456789?", 556) | dict.fromkeys("ckszvxy", 500)
_REGULAR |= dict.fromkeys("ijl", 222) | dict.fromkeys("ft ,.:;/!", 278) | {"m": 833, "w": 722}
_REGULAR |= {"r": 333, "-": 333, "(": 333, ")": 333, "'": 191, '"': 355}
_REGULAR |= dict.fromkeys("ABEKPSVXY", 667) | dict.fromkeys("CDHNRUw", 722)
_REGULAR |= dict.fromkeys("FTZ", 611) | dict.fromkeys("GOQ", 778) | {"I": 278, "J": 500}
_REGULAR |= {"L": 556, "M": 833, "W": 944}


def _text_width(text: str, size: float, bold: bool = False) -> float:
    scale = 1.08 if bold else 1.0  # the bold face is a little wider; close enough to place words
    return sum(_REGULAR.get(char, 556) for char in text) * size * scale / 1000


@dataclass
class Word:
    x: float
    y: float
    size: float
    bold: bool
    text: str


def _set_lines(
    text: str, x: float, y: float, width: float, size: float, bold: bool, justify: bool
) -> tuple[list[Word], float]:
    """Typeset a paragraph: greedy lines, justified but for the last; returns the words and the
    baseline below the last line."""
    words, placed, line = text.split(), [], []
    space = _text_width(" ", size, bold)
    leading = size * 1.35

    def flush(last: bool) -> None:
        nonlocal y
        natural = sum(_text_width(w, size, bold) for w in line) + space * (len(line) - 1)
        gap = space
        if justify and not last and len(line) > 1:
            gap = space + (width - natural) / (len(line) - 1)
        cursor = x
        for word in line:
            placed.append(Word(cursor, y, size, bold, word))
            cursor += _text_width(word, size, bold) + gap
        y -= leading

    for word in words:
        trial = sum(_text_width(w, size, bold) for w in [*line, word]) + space * len(line)
        if line and trial > width:
            flush(False)
            line = []
        line.append(word)
    if line:
        flush(True)
    return placed, y


@dataclass
class Page:
    words: list[Word]


def _article(rng: random.Random) -> tuple[list[str], list[Page], str]:
    """A news page printed from a browser: its gold blocks, its pages of placed words, and its
    title for the print header."""
    seen: set[str] = set()
    town = rng.choice(_TOWNS)
    title = f"{rng.choice(_BODIES).capitalize()} in {town} {rng.choice(_DECIDED)}"
    byline = f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}"
    gold = [title, byline]
    blocks: list[tuple[str, str]] = [("title", title), ("byline", byline)]
    for _ in range(rng.randint(5, 10)):
        if rng.random() < 0.15:
            heading = rng.choice(["What happens next", "The cost", "Who objected", "Background"])
            blocks.append(("heading", heading))
            gold.append(heading)
        text = _paragraph(rng, 2, 5, _news_sentence, seen)
        blocks.append(("p", text))
        gold.append(text)
    justify = rng.random() < 0.6
    left, width, top, bottom = 72.0, 468.0, 740.0, 70.0
    pages: list[Page] = [Page([])]
    y = top
    for kind, text in blocks:
        size, bold = {"title": (22, True), "heading": (14, True)}.get(kind, (11, False))
        words, end = _set_lines(text, left, y, width, size, bold, justify and kind == "p")
        if min(word.y for word in words) < bottom:  # carry the lines below the margin over
            keep = [w for w in words if w.y >= bottom]
            pages[-1].words += keep
            rest = [w for w in words if w.y < bottom]
            pages.append(Page([]))
            shift = top - rest[0].y if rest else 0
            for word in rest:
                word.y += shift
            pages[-1].words += rest
            end += shift
        else:
            pages[-1].words += words
        y = end - size * 0.8
    return gold, pages, title


def _print_furniture(page: int, count: int, title: str, url: str) -> list[Word]:
    """The header and footer a browser prints on every page."""
    return [
        Word(24, 770, 8, False, "12/4/26, 9:14 AM"),
        Word(306 - _text_width(title, 8) / 2, 770, 8, False, title),
        Word(24, 20, 8, False, url),
        Word(580 - _text_width(f"{page}/{count}", 8), 20, 8, False, f"{page}/{count}"),
    ]


def _pdf_bytes(pages: list[list[Word]]) -> bytes:
    """A minimal PDF: one content stream per page, words placed one by one."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    fonts = "<< /F1 3 0 R /F2 4 0 R >>"
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>")
    kids = []
    for words in pages:
        ops = ["BT"]
        for word in words:
            text = word.text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            font = "/F2" if word.bold else "/F1"
            ops.append(f"{font} {word.size} Tf 1 0 0 1 {word.x:.2f} {word.y:.2f} Tm ({text}) Tj")
        ops.append("ET")
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font {fonts} >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def _imitate_layout(pages: list[list[Word]]) -> str:
    """What ``pdftotext -layout`` makes of the pages, imitated: one row per baseline, each line
    starting at the column of its left edge on a grid of one column per average character of
    the body type, words of the body type at least one blank apart and further where a justified
    line spread them, words of a larger type two blanks apart (the spaced-out title of a page
    printed from a browser), a blank row for each empty line's height, and a form feed before
    each page's first row."""
    pitch = _text_width("abcdefghijklmnopqrstuvwxyz", 11) / 26
    out: list[str] = []
    for words in pages:
        rows: dict[float, list[Word]] = {}
        for word in words:
            rows.setdefault(round(word.y, 1), []).append(word)
        previous = None
        page: list[str] = []
        for y in sorted(rows, reverse=True):
            if previous is not None:
                size = min(word.size for word in rows[y] + rows[previous])
                leading = size * 1.35
                page.extend([""] * min(3, max(0, round((previous - y) / leading) - 1)))
            line = ""
            for word in sorted(rows[y], key=lambda w: w.x):
                if not line:
                    line = " " * round(word.x / pitch) + word.text
                elif word.size > 12:
                    line += "  " + word.text
                else:
                    line = line.ljust(max(len(line) + 1, round(word.x / pitch))) + word.text
            page.append(line.rstrip())
            previous = y
        out.append("\n".join(page))
    # The grid starts at the leftmost word, as pdftotext's does.
    rows = "\n\f".join(out).split("\n")
    margin = min(len(row) - len(row.lstrip(" \f")) for row in rows if row.strip(" \f"))
    return (
        "\n".join(row[:1] + row[1 + margin :] if row[:1] == "\f" else row[margin:] for row in rows)
        + "\n\f"
    )  # pdftotext ends every page, the last too, with a form feed


PDF_RENDITIONS = ("pdf-layout", "pdf-raw", "pdf-layout-imitation")


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_docs(rendition: str, count: int = DOCS_PER_RENDITION) -> Iterator[Doc]:
    with tempfile.TemporaryDirectory(prefix="reflow-families-") as folder:
        for index in range(count):
            rng = random.Random(SEED * 3000 + index)
            gold, pages, title = _article(rng)
            url = f"https://gazette.example.org/news/{index}-{title.split()[-1].lower()}"
            placed = [
                page.words + _print_furniture(number, len(pages), title, url)
                for number, page in enumerate(pages, 1)
            ]
            if rendition == "pdf-layout-imitation":
                yield Doc(gold, _imitate_layout(placed))
                continue
            path = Path(folder) / f"{index}.pdf"
            path.write_bytes(_pdf_bytes(placed))
            mode = ["-layout"] if rendition == "pdf-layout" else []
            result = subprocess.run(
                ["pdftotext", *mode, "-enc", "UTF-8", str(path), "-"],
                capture_output=True,
                check=True,
            )
            yield Doc(gold, result.stdout.decode("utf-8"))


# -- the families ------------------------------------------------------------------------------


def missing_tool(rendition: str) -> str | None:
    """The outside program a rendition needs and this machine lacks, if any."""
    if rendition in ("pdf-layout", "pdf-raw") and not pdftotext_available():
        return "pdftotext"
    if rendition.startswith("xml2rfc-") and not xml2rfc_command():
        return "xml2rfc"
    return None


FAMILIES: dict[str, tuple[tuple[str, ...], Callable[[str], Iterator[Doc]]]] = {
    "mail": (tuple(MAIL_STYLES), mail_docs),
    "draft": (DRAFT_RENDITIONS, draft_docs),
    "layout-pdf": (PDF_RENDITIONS, pdf_docs),
}
