"""What Markdown mode leaves as written: ``reflow: off`` regions, templates across lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

# <!-- reflow: off --> ... <!-- reflow: on --> protects a region. So do the switches of the
# Markdown formatters a repository may already use, prettier's and dprint's
# <!-- prettier-ignore-start --> ... <!-- prettier-ignore-end -->, and their
# <!-- prettier-ignore --> protects the block after it: its author set that block's lines
# by hand and told a formatter so.
_SWITCH = re.compile(
    r"<!--\s*(?:reflow:\s*(off|on)|(?:prettier|dprint)-ignore(?:-(start|end))?)\s*-->",
    re.IGNORECASE,
)


def switch_state(match: re.Match[str]) -> str:
    """What a ``_SWITCH`` comment says: "off", "on", or "next" (the next block only)."""
    if match.group(1):
        return match.group(1).lower()
    if match.group(2):
        return "off" if match.group(2).lower() == "start" else "on"
    return "next"


# Template constructs a site generator expands before Markdown. A paragraph in which one
# spans lines holds code or markup whose line breaks matter, so it is left as written:
# a {{ or {% whose line ends before it is closed, a paired tag or shortcode whose end is
# on a later line, a kramdown attribute line (which applies to the paragraph it ends).
# Each is searched only up to the last closer of its line, so that a run of openers without
# one costs a single scan (see _tags).
_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)[^\n]*?%\}")  # Liquid/Jinja {% name … %}
_BLOCK_END = re.compile(r"\{%-?\s*end(\w+)\b")
_SHORTCODE = re.compile(r"\{\{([<%])\s*(\w+)[^\n]*?[>%]\}\}")  # Hugo {{< name >}} / {{% name %}}
_SHORTCODE_END = re.compile(r"\{\{[<%]\s*/(\w+)\b")
_ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$", re.MULTILINE)  # kramdown {: .class}


def is_template_paragraph(content: str) -> bool:
    """True when a site-generator construct spans lines of this paragraph content."""
    if "\n" not in content:
        return False
    if "{" in content:
        rows = content.split("\n")
        # a {{ or {% whose line ends before it is closed (the last line ends the content)
        for row in rows[:-1]:
            if row.rfind("{{") > row.rfind("}}") or row.rfind("{%") > row.rfind("%}"):
                return True
        if "{%" in content and _pair_spans_lines(content, rows, _BLOCK_TAG, 1, _BLOCK_END, "%}"):
            return True
        if _pair_spans_lines(content, rows, _SHORTCODE, 2, _SHORTCODE_END, "}}"):
            return True
    return _ATTRIBUTE_LINE.search(content) is not None


def _tags(rows: list[str], pattern: re.Pattern[str], closer: str) -> Iterable[re.Match[str]]:
    """Matches of ``pattern`` line by line, each line searched only up to its last ``closer``.

    Past the last closer no tag can end, and a lazy search from every opener there would
    cost the length of the line each time.
    """
    for row in rows:
        end = row.rfind(closer)
        if end >= 0:
            yield from pattern.finditer(row, 0, end + len(closer))


def _pair_spans_lines(
    content: str,
    rows: list[str],
    opener: re.Pattern[str],
    group: int,
    ender: re.Pattern[str],
    closer: str,
) -> bool:
    """True when a tag has an end tag (``{% endname``, ``{{< /name``) on a later line.

    Any end tag of its name, not only the first after it: in ``{% raw %}…{% endraw %} and``
    / ``{% raw %}…{% endraw %}`` each pair closes on its line, but which opener a generator
    pairs with which end is its own affair, and the shared checker reads such a paragraph
    as one to keep byte for byte. End tags are found once, so many tags stay linear.
    """
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row) + 1)
    # Where each name's last end tag starts (finditer goes in order: the last one wins).
    last_end = {match.group(1): match.start() for match in ender.finditer(content)}
    if not last_end:
        return False
    for row_number, row in enumerate(rows):
        for match in _tags([row], opener, closer):
            if last_end.get(match.group(group), -1) >= offsets[row_number + 1]:
                return True
    return False


def _protected_lines(tokens: list[Token], count: int) -> set[int]:
    """Lines inside <!-- reflow: off --> ... <!-- reflow: on --> regions, and of the block
    after a <!-- prettier-ignore --> (or dprint-ignore)."""
    switches: list[tuple[int, int, str]] = []
    protected: set[int] = set()
    for i, token in enumerate(tokens):
        if token.type == "html_block" and token.map:
            for match in _SWITCH.finditer(token.content):
                state = switch_state(match)
                if state == "next":
                    block = _next_block(tokens, i)
                    if block is not None:
                        protected.update(range(*block))
                else:
                    switches.append((token.map[0], token.map[1], state))
    off_at: int | None = None
    for start, end, state in sorted(switches):
        if state == "off" and off_at is None:
            off_at = start
        elif state == "on" and off_at is not None:
            protected.update(range(off_at, end))
            off_at = None
    if off_at is not None:
        protected.update(range(off_at, count))
    return protected


def _next_block(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """The lines of the block after ``tokens[i]`` in the same container, if there is one."""
    level = tokens[i].level
    for token in tokens[i + 1 :]:
        if token.level < level:
            return None  # the container closes first
        if token.level == level and token.nesting >= 0 and token.map:
            return token.map[0], token.map[1]
    return None
