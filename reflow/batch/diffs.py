"""Unified diffs for ``--diff``, with file names quoted as git quotes them."""

from __future__ import annotations

import re

_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")


def _split_lines(text: str) -> list[str]:
    return _LINE_WITH_END.findall(text)


#: What git quotes in a diff header's file name: control characters, lone surrogates (bytes
#: that were not UTF-8), and the quote and backslash that quoting itself uses.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f\ud800-\udfff"\\]')
_C_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
}


def _c_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _C_ESCAPES:
        return _C_ESCAPES[char]
    if char in '"\\':
        return "\\" + char
    raw = char.encode("utf-8", errors="surrogateescape")
    return "".join(f"\\{byte:03o}" for byte in raw)


def diff_name(name: str) -> str:
    """``name`` as a diff header shows it: as it is, or C-quoted as git does when it holds
    control characters (an escape sequence or a newline must not reach the terminal raw, nor
    break the header)."""
    if not _UNSAFE_NAME.search(name):
        return name
    return '"' + _UNSAFE_NAME.sub(_c_escape, name) + '"'


def unified_diff(before: str, after: str, label: str) -> str:
    """A unified diff of two texts, marking a last line without a line ending as diff does."""
    import difflib  # only for --diff

    lines = []
    name = diff_name(label)
    for line in difflib.unified_diff(_split_lines(before), _split_lines(after), name, name):
        lines.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(lines)
