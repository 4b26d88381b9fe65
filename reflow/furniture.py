"""Line-level shapes of article and page furniture: bylines, credits, separators, page numbers."""

from __future__ import annotations

import re
from bisect import bisect_left

from .patterns import LazyPatterns

#: The patterns below, by name: their source and flags. Each is compiled the first time it is
#: used (``_pattern``), not at import. ``furniture._BYLINE`` and the others still give the
#: compiled pattern.
_PATTERNS = LazyPatterns(__name__)
_SOURCES = _PATTERNS.sources
_pattern = _PATTERNS.__getitem__
__getattr__ = _PATTERNS.attribute


#: Whether this module runs compiled (Cython). Compiled, a loop over a line's characters costs
#: a few instructions a character, far less than a regex call, and the shortcuts that walk
#: the characters of the plainest bylines, credits and datelines are taken; in Python such a
#: loop costs more than the regex (C), which then decides alone. Either way, the same answers.
_COMPILED = not __file__.endswith(".py")


# Closing quotes and brackets that may follow a sentence's final punctuation: `.”`, `?’`, `.)`.
_CLOSERS = "\"'”’»)]}*_」』）】"
_TERMINAL = ".!?…:。！？"

# A name is a whole word and the blanks after it, taken possessively: a word cannot be cut
# into several names ("ABCD" as "A" "B" "C" "D") nor its blanks shared with the joiner after
# it, which let the pattern try exponentially many ways on an all-caps line that fails
# ("By AB & CD & EF & GH (AP)": minutes). The joiners and the tail then need no leading blanks
# of their own: " and " and " for " must follow a blank, which the lookbehind checks. It
# matches exactly the lines the backtracking form did (tests/test_linear_time.py compares).
_SOURCES["_BYLINE"] = (
    r"""(?x)
    ^(?:[Bb]y|BY)\s++
    (?:[A-Z][\w’'.\-]*+\s*+){1,4}                   # a name: capitalised words and initials
    (?:(?:,\s*+|(?<=\s)and\s++|&\s*+)(?:[A-Z][\w’'.\-]*+\s*+){1,4}){0,4}   # more names
    (?:[,|]\s*+.*|(?<=\s)(?:for|of|at|in)\s++.*)?$  # ", Reuters" / "| Updated …" / "for The Times"
    """,
    0,
)

#: The bullets text browsers draw before list items besides ``-*+``: w3m's "•", "□" and "☆"
#: for the first three levels, and "◦", "▪", "‣" a page's own text sets. (Not "■": Japanese
#: pages open a heading with it, and w3m wraps its line to the margin, not under the text.)
BULLETS = "•◦▪‣□☆"

# Lone punctuation that separates page regions: `|`, `•`, `* * *`, `---`, `~~~`.
_SEPARATOR_CHARS = "|•·◦▪/\\~=_*#+-"
#: The first character of a Chinese or Japanese reporter's or writer's credit ("记者 王 明",
#: "文：中村 翔").
CJ_BYLINE_FIRST_CHARS = "记記文撰"
#: The first character of a byline: of its "By" (only these two characters lowercase to "b",
#: tested), or of a Chinese or Japanese one.
BYLINE_FIRST_CHARS = "bB" + CJ_BYLINE_FIRST_CHARS
#: A Chinese or Japanese byline: "reporter" (记者, 記者, then a space or a colon: not 记者招待会,
#: a press conference) or "text" (文, 撰文, with its colon or slash) before a name of a few
#: characters, or two or three such names.
_SOURCES["_CJ_BYLINE"] = (
    r"^(?:[记記]者(?:\s+|\s*[：:]\s*)|撰?文\s*[：:／/]\s*)"
    r"[\u3040-\u30ff\u3400-\u9fff]{1,4}(?:[ \u3000・、][\u3040-\u30ff\u3400-\u9fff]{1,4}){0,2}$",
    0,
)
_SOURCES["_SEPARATOR"] = (r"^\s*(?:[|•·◦▪/\\~=_*#+-]\s*){1,12}$", 0)

# Page furniture: bare page numbers, `Page 3 of 7`, `3/10`, `- 3 -`.
_SOURCES["_PAGE_NUMBER"] = (
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)

_SOURCES["_CREDIT_KEYWORD"] = (
    r"(?:^|\s)(?:Credit|Credits|Photo|Photograph|Image|Illustration)\s*:?$",
    0,
)

# A photo credit. is_credit_line tries its three groups of shapes apart, each only where its
# first test passes (the first character, or a word the line must hold): a line matches the
# whole (_CREDIT_LINE) when it matches one of them.
_CREDIT_LEAD = r"""
        (?:Photo|Image|Credit|Illustration|Photograph|Video|Source)s?\s*(?:by\b|:)\s*\S.*
      | \((?:AP|Reuters|AFP|Getty)\b[^)]*\)
      | (?:Courtesy\s+of|Illustration\s+by|Photo\s+by|Photograph\s+by)\s+\S.*
      | (?:摄影|撮影|写真|图片?|圖片?)\s*[:：]\s*\S.*
"""
#: The first characters _CREDIT_LEAD allows: its keywords' first letters, and "(". (Chinese
#: and Japanese credits name the photographer after "摄影：", "撮影：", "写真：", "图："; the
#: Japanese "写真" and the Chinese "图" stand for "photo" and "picture".)
CREDIT_LEAD_FIRST_CHARS = "PICVS(摄撮写图圖"
_CREDIT_VIA = r".{0,60}\bvia\s+Getty\s+Images"  # it holds "Getty"
#: What a line must hold for _CREDIT_VIA to match it.
CREDIT_VIA_WORD = "Getty"
#: The first characters _CREDIT_SLASH allows ("Ann Lee/AP"); it holds a "/".
CREDIT_SLASH_FIRST_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: A name before the slash: capitalised words, with at most two short particles in lower case
#: between two of them ("Carlos de la Cruz"), the last capitalised ("… in r/HumansBeingBros"
#: is a sentence, not a credit); 2 to 41 characters.
_CREDIT_SLASH = (
    r"(?=[A-Z][\w.’'\- ]{1,40}/)"
    r"[A-Z][\w.’'\-]*(?:[ ]+(?:[a-z]{1,4}[ ]+){0,2}[A-Z][\w.’'\-]*)*[ ]*"
    r"/(?:[A-Z][\w.’'&\- ]{1,60})(?:\s+[—–-]\s+Getty\s+Images)?"
)


def _credit_source(*shapes: str) -> str:
    """A verbose pattern for a line that is one of ``shapes``, then blanks."""
    return "^(?:" + "|".join(shapes) + ")\\s*$"


_SOURCES["_CREDIT_LINE"] = (_credit_source(_CREDIT_LEAD, _CREDIT_VIA, _CREDIT_SLASH), re.VERBOSE)
_SOURCES["credit-lead"] = (_credit_source(_CREDIT_LEAD), re.VERBOSE)
_SOURCES["credit-via"] = (_credit_source(_CREDIT_VIA), re.VERBOSE)
_SOURCES["credit-slash"] = (_credit_source(_CREDIT_SLASH), re.VERBOSE)

_SOURCES["_JUNK"] = (
    r"""(?xi)
    ^\s*(?:
        advertisement | advertising | sponsored(?:\s+content)?
      | continue\s+reading(?:\s+the\s+main\s+story)?
      | share\s+this(?:\s+(?:article|story|page))?:?
      | (?:supported\s+by | skip\s+to\s+(?:main\s+)?content | read\s+more | related:?)
      | (?:share|tweet|email|print|comment|comments|subscribe|sign\s+up|log\s+in)(?:\s*[|•·]\s*\w+)*
    )\s*$
    """,
    0,
)

_SOURCES["_DATELINE_HEAD"] = (
    r"""(?x)
    ^(?P<place>
        [A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}     # WASHINGTON, NEW YORK, ST. LOUIS
        (?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?   # , N.Y. / , Calif. / , England
        (?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?            # , March 3
        (?:\s+\((?:AP|Reuters|AFP|UPI|dpa|Bloomberg)\))?  # (Reuters)
    )\s*(?P<dash>[—–]|--|-)\s
    """,
    0,
)

_SOURCES["_DATELINE_WORD"] = (
    r"^[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s+\((?:AP|Reuters|AFP|UPI|dpa|Bloomberg)\))?$",
    0,
)


def strip_closers(text: str) -> str:
    """``text`` without trailing closing quotes, brackets and emphasis marks."""
    return text.rstrip(_CLOSERS)


# Titles that end in a full stop but never end a sentence: "Mr." / "Ness, who is …".
_TITLES = frozenset(
    "mr mrs ms mx dr st gen sen rep gov lt col sgt capt cmdr adm prof rev hon fr sr sra mme"
    " messrs".split()
    # and the abbreviations that always introduce more ("e.g." / "tide.next_high(…)")
    + "e.g i.e cf vs viz".split()
)


def _abbreviated(core: str) -> bool:
    """``core`` ends in a title, a lone initial or an abbreviation that introduces more
    (``e.g.``), whose full stop ends no sentence."""
    if core[-1] != ".":
        return False
    space = core.rfind(" ")
    word = core[space + 1 : -1].lstrip("“‘\"'(")
    if len(word) == 1 and word.isupper():
        return True  # "John F." / "Kennedy"
    return word.lower() in _TITLES


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with terminal punctuation, closing quotes and brackets allowed."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL and not _abbreviated(core)


def ends_sentence_strictly(text: str) -> bool:
    """Like ``ends_sentence`` but a colon does not count (``Q:`` opens a paragraph)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?…。！？" and not _abbreviated(core)


def is_byline(line: str) -> bool:
    """``By A and B``, ``By A, Reuters``, ``By A | Updated …`` (short, names capitalised);
    ``记者 王 明``, ``文：中村 翔``."""
    stripped = line.strip()
    if not stripped or stripped[0] not in BYLINE_FIRST_CHARS:  # a cheap first look
        return False
    if stripped[0] != "b" and stripped[0] != "B":
        return len(stripped) <= 20 and _pattern("_CJ_BYLINE").match(stripped) is not None
    if len(stripped) > 120 or stripped[:3].lower() != "by ":
        return False
    if _COMPILED and _is_plain_byline(stripped):
        return True
    return _pattern("_BYLINE").match(stripped) is not None


def _is_plain_byline(text: str) -> bool:
    """A byline of the plainest shape, which _BYLINE matches: "By" (or "by", "BY") and names
    of ASCII letters, a capital first, one space apart, in one to five groups of one to four
    names joined by "and": ``By Ann Lee and Bo Park``.

    A shortcut past the pattern (a regex call costs many times more): False only means "ask
    the pattern". tests/test_classify_furniture.py checks _BYLINE matches all it accepts.
    """
    if not text.startswith(("By ", "by ", "BY ")):
        return False
    size = len(text)
    names = 0  # in the current group
    groups = 1
    start = 3
    while start < size:
        end = text.find(" ", start)
        if end < 0:
            end = size
        if end - start == 3 and text.startswith("and", start):
            if not names or groups == 5:
                return False
            groups += 1
            names = 0
        else:
            if names == 4 or not "A" <= text[start] <= "Z":
                return False
            for index in range(start + 1, end):
                char = text[index]
                if not ("a" <= char <= "z" or "A" <= char <= "Z"):
                    return False
            names += 1
        start = end + 1
    return names > 0


def is_separator(line: str) -> bool:
    """A line of lone punctuation such as ``|``, ``•`` or ``* * *``."""
    if len(line) == 1:  # a separator character alone: what the pattern makes of one character
        return line in _SEPARATOR_CHARS
    first = line.lstrip()[:1]
    if not first or first not in _SEPARATOR_CHARS:
        return False
    if _pattern("_SEPARATOR").match(line) is None:
        return False
    # Words between stars are a help file's tags ("*/*", "*#*" in Vim's help), no separator;
    # the stars of "***" or "* * *" hold no other mark.
    return _pattern("star-tag").match(line) is None


_SOURCES["star-tag"] = (r"^\s*(?:\*[^\s*]+\*\s*)+$", 0)


# Image names, one or more, apart or glued ("a.pngb.png"). Written as one name a word: the
# first name of a word may take in any glued to it, so each word (between spaces and tabs) is
# one name whose query string runs to the word's end; the possessive loop never goes back into
# an earlier word. Its first form, names with optional blanks between, tried every way of
# cutting a word into names ("?" + "a.png" * 25 + "x": seconds). A blank other than a space or
# tab is no part of a name nor between names; the lookahead refuses it at once, so no word is
# tried again and again up to it.
_SOURCES["_IMAGE_NAME"] = (
    r"^(?!.*[^\S \t])(?:\S+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*+)?(?:[ \t]++|$))++$",
    re.IGNORECASE,
)


#: The last character an image name can have when no query string ("?w=300") follows it: the
#: last letter of jpg, jpeg, png, gif, webp, svg, avif, in either case. Keep in step with
#: _IMAGE_NAME; tests/test_performance_contracts.py checks the two agree.
IMAGE_NAME_LAST_CHARS = "gfpGFP"
#: The longest placeholder line (after stripping) is_placeholder takes.
PLACEHOLDER_MAX_CHARS = 600


_SOURCES["_BRACKETED_NAMES"] = (r"^(?:\[[^\[\]\s]{1,300}\][ \t]*)+$", 0)


def is_placeholder(line: str) -> bool:
    """Images or widgets left behind by a text browser: ``[logo]``, ``[a.jpg] [b.svg]``.

    "[ Engadget ]" or "[Photo: a harbour]" has spaces inside: text in brackets, kept.
    """
    stripped = line.strip()
    size = len(stripped)
    if not size or size > PLACEHOLDER_MAX_CHARS:
        return False
    # Cheap first looks (a regex call costs more than the test): bracketed names start with
    # "[" and hold no blank before the first "]", and image names end with the last letter of
    # an extension or hold a query string.
    if (
        stripped[0] == "["
        and _names_in_first_brackets(stripped)
        and _pattern("_BRACKETED_NAMES").match(stripped) is not None
    ):
        return True
    if stripped[size - 1] not in IMAGE_NAME_LAST_CHARS and "?" not in stripped:
        return False
    return _pattern("_IMAGE_NAME").match(stripped) is not None


def is_bracketed_word(line: str) -> bool:
    """One capitalised word alone in brackets, "[Engadget]", "[Illustration]": a placeholder's
    shape, but text (a source named under a quote, a book's mark for a picture). In the
    training corpus and dev, 216 lines of that shape are text of the gold, 23 are not (a
    button's "[Submit]"). In capitals, "[VIDEO]", "[SUBMIT]", it is as often a widget's."""
    stripped = line.strip()
    word = stripped[1:-1]
    return (
        stripped[:1] == "["
        and stripped[-1:] == "]"
        and word[:1].isupper()
        and word.isalpha()
        and not word.isupper()
    )


def _names_in_first_brackets(text: str) -> bool:
    """Whether ``text`` (that starts with "[") may open with a bracketed name as
    _BRACKETED_NAMES has it: the first "]" comes 1 to 300 characters on, none of them blank
    or "[". False means the pattern cannot match (its first name ends at the first "]")."""
    close = text.find("]")
    if not 1 < close <= 301:
        return False
    for index in range(1, close):
        char = text[index]
        if char == "[" or char.isspace():
            return False
    return True


# A timestamp line: "Published June 6, 2020", "Updated 1:39 am EST, Wednesday, November 20,
# 2019", "Publié le 12/03/2020 à 14h05", "2020年3月12日 14:05". Its label, then words each of
# which is a piece of a date or a time (``is_timestamp`` splits the words: no pattern here
# can try a line more than one way).
_SOURCES["_TIMESTAMP_LABEL"] = (
    r"""(?xi)
    ^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|edited|revised)(?:\s+on)?
      | date | publié(?:e)?\s+le | mis\s+à\s+jour\s+le
      | veröffentlicht(?:\s+am)? | aktualisiert(?:\s+am)?
    ):?(?=\s)
    """,
    0,
)
_SOURCES["_TIMESTAMP_WORD"] = (
    r"""(?xi)
      (?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?
        |sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?
    | (?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?
    | \d{1,2}(?:st|nd|rd|th|\.)?
    | (?P<year>\d{4})
    | (?P<time>\d{1,2}[:h.]\d{2}(?:[ap]\.?m\.?)?)
    | [ap]\.?m\.? | [ecmp][sd]?t | utc | gmt | bst | cest? | ist | jst | kst | at | à | um | uhr
    | [–—-]
    | (?P<date>\d{1,2}(?P<s1>[./-])\d{1,2}(?P=s1)\d{4} | \d{4}(?P<s2>[./-])\d{1,2}(?P=s2)\d{1,2}
      | \d{4}年\d{1,2}月\d{1,2}日)
    | 发布 | 更新
    """,
    0,
)
_SOURCES["_TIMESTAMP_SPLIT"] = (r"[\s,|]+", 0)
# A subtitle cue's timing (SubRip, WebVTT): "00:00:01,000 --> 00:00:03,500".
_SOURCES["_CUE_TIMING"] = (
    r"(?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{3} --> (?:\d{1,2}:)?\d{2}:\d{2}[,.]\d{3}",
    0,
)


def is_timestamp(line: str) -> bool:
    """A line that only dates its page: a label ("Published", "Updated on:") and a date or a
    time, or a date that names its month and gives its year or the time; or a subtitle cue's
    timing. It stands apart from the text around it (rule ``timestamp``)."""
    stripped = line.strip()
    if not 4 <= len(stripped) < 60 or stripped[-1] in ",|":
        return False  # ("Published June 6, 2020," goes on: the sentence it opens)
    for char in stripped:
        if char.isdigit():
            break
    else:
        return False
    if _pattern("_CUE_TIMING").fullmatch(stripped):
        return True  # (a subtitle's words are joined, but not to their timing)
    label = _pattern("_TIMESTAMP_LABEL").match(stripped)
    word = _pattern("_TIMESTAMP_WORD").fullmatch
    rest = stripped[label.end() :] if label else stripped
    groups: set[str] = set()
    for text in _pattern("_TIMESTAMP_SPLIT").split(rest):
        if text:
            found = word(text)
            if found is None:  # (most lines: their first word)
                return False
            for name, part in found.groupdict().items():
                if part:
                    groups.add(name)
    if label is not None:
        return True
    return "date" in groups or ("month" in groups and ("year" in groups or "time" in groups))


def is_page_number(line: str) -> bool:
    """A bare page number: ``12``, ``Page 3 of 7``, ``3/10``, ``- 4 -``."""
    return _pattern("_PAGE_NUMBER").match(line) is not None


#: The keywords of _CREDIT_KEYWORD, which ends_with_credit_keyword tests with string methods
#: (a regex search would scan the whole line). tests/test_performance_contracts.py checks
#: the two agree.
CREDIT_KEYWORDS = ("Credit", "Credits", "Photo", "Photograph", "Image", "Illustration")
#: The last character of a line that ends in a credit keyword (after trailing blanks): a
#: keyword's last letter, or a colon.
CREDIT_LAST_CHARS = "".join(sorted({keyword[-1] for keyword in CREDIT_KEYWORDS})) + ":"


def ends_with_credit_keyword(line: str) -> bool:
    """A caption line that ends in ``Credit`` (the credit follows on the next line)."""
    line = line.rstrip()
    size = len(line)
    if not size or line[size - 1] not in CREDIT_LAST_CHARS:  # a cheap first look
        return False
    # _CREDIT_KEYWORD: a keyword at the start or after a space, then spaces and a colon, or
    # nothing (the line is stripped already).
    core = line[:-1].rstrip() if line[size - 1] == ":" else line
    if not core.endswith(CREDIT_KEYWORDS):
        return False
    size = len(core)
    for keyword in CREDIT_KEYWORDS:
        if core.endswith(keyword):
            start = size - len(keyword)  # where the keyword starts
            if not start or core[start - 1].isspace():
                return True
    return False


#: The line is_credit_line was last asked about, and its answer. classify asks twice about
#: most credits: as the line after a caption (looks_like_credit), then as a block of its own.
_last_credit: tuple[str, bool] = ("", False)


def is_credit_line(line: str) -> bool:
    """A photo credit: ``Name/Agency``, ``(AP Photo/Name)``, ``Courtesy of …`` and the like."""
    global _last_credit
    asked, answer = _last_credit
    if line is asked:
        return answer
    stripped = line.strip()
    if not stripped or len(stripped) > 120 or ends_sentence(stripped.rstrip(")")):
        answer = stripped.startswith("(") and _is_credit_shape(stripped)
    else:
        answer = _is_credit_shape(stripped)
    _last_credit = (line, answer)
    return answer


def is_keyword_credit(line: str) -> bool:
    """A credit that names itself (``Photo: …``, ``Courtesy of …``, ``(AP …)``, ``写真：…``), not
    one told only by its shape (``Name/Agency``, which a heading may share: ``CI/CD``)."""
    stripped = line.strip()
    return bool(stripped) and _is_lead_credit(stripped)


def _is_lead_credit(text: str) -> bool:
    """``text`` (stripped, not empty) matches _CREDIT_LEAD, asked only where its first
    character may open it."""
    return text[0] in CREDIT_LEAD_FIRST_CHARS and _pattern("credit-lead").match(text) is not None


def _is_credit_shape(text: str) -> bool:
    """``_CREDIT_LINE.match(text) is not None``, for a ``text`` that is not empty.

    Each group of shapes is tried alone, and only where a cheap test shows it may match: a
    regex call costs more than the test, and most lines fail every test.
    tests/test_classify_furniture.py compares this with _CREDIT_LINE.
    """
    if _is_lead_credit(text):
        return True
    first = text[0]
    if (
        first in CREDIT_SLASH_FIRST_CHARS
        and "/" in text
        and (
            (_COMPILED and _is_plain_credit(text))
            or _pattern("credit-slash").match(text) is not None
        )
    ):
        return True
    return CREDIT_VIA_WORD in text and _pattern("credit-via").match(text) is not None


def _is_plain_credit(text: str) -> bool:
    """A credit of the plainest "Name/Agency" shape, which _CREDIT_SLASH matches: ASCII
    letters and spaces either side of one "/", each side a capital and then 1 to 40 (before)
    or 1 to 60 (after) more, the name's words capitalised but for two short particles at most
    between two of them: ``Ann Lee/Harbour Ledger``, ``Carlos de la Cruz/Reuters``.

    A shortcut past the pattern: False only means "ask the pattern".
    tests/test_classify_furniture.py checks _CREDIT_SLASH matches all it accepts.
    """
    slash = text.find("/")
    after = len(text) - slash - 1
    if not (2 <= slash <= 41 and 2 <= after <= 61):
        return False
    if not ("A" <= text[0] <= "Z" and "A" <= text[slash + 1] <= "Z"):
        return False
    for index in range(1, len(text)):
        char = text[index]
        if index != slash and not ("a" <= char <= "z" or "A" <= char <= "Z" or char == " "):
            return False
    # The name: capitalised words, two short particles in lower case at most between them.
    lower_run = 0
    for word in text[:slash].split():
        if "a" <= word[0] <= "z":
            lower_run += 1
            if lower_run > 2 or len(word) > 4:
                return False
        else:
            lower_run = 0
    return lower_run == 0


_SOURCES["_CREDIT_TAIL"] = (
    r"\((?:Image|Images|Photo|Photos|Picture|Pictures|Credit|Photograph)s?\s*:\s*[^()]{1,60}\)\s*$"
    r"|\((?:AP|Reuters|AFP|EPA|Getty)\b[^()]{0,60}\)\s*$",
    0,
)


def ends_with_credit(line: str) -> bool:
    """A caption that ends with its credit: ``… on Tuesday (Image: GETTY)``."""
    return line.endswith(")") and _pattern("_CREDIT_TAIL").search(line) is not None


def looks_like_credit(line: str) -> bool:
    """What may follow a caption's ``Credit``: a credit shape, or a short run of names."""
    stripped = line.strip()
    if is_credit_line(stripped):
        return True
    words = stripped.split()
    if not 0 < len(words) <= 8 or ends_sentence(stripped):
        return False
    # A loop, not all(...): a compiled cpdef function holds no generator.
    for w in words:  # noqa: SIM110
        if not (w[:1].isupper() or w in _NAME_JOINERS):
            return False
    return True


#: The lowercase words and dashes a run of names may hold: "Ann Lee via Getty Images".
_NAME_JOINERS = frozenset(("via", "for", "of", "and", "—", "–", "-", "/"))


#: The first letters of the _JUNK phrases, in either case, and "ſ" (IGNORECASE matches it to
#: "s"). Keep in step with _JUNK; tests/test_performance_contracts.py checks the two agree.
JUNK_FIRST_CHARS = "ascrteplASCRTEPL\u017f"
#: Lines of page chrome (``is_junk``) are shorter than this.
JUNK_BELOW_CHARS = 60


def is_junk(line: str) -> bool:
    """Page chrome: ``Advertisement``, ``Continue reading the main story``, ``Share this``."""
    if not line or len(line) >= JUNK_BELOW_CHARS:
        return False
    first = line[0]  # cheap first look: a phrase's first letter, or a space before it
    if first not in JUNK_FIRST_CHARS and not first.isspace():
        return False
    return _pattern("_JUNK").match(line) is not None


def dateline_word(line: str) -> bool:
    """A line holding only a dateline place: ``WASHINGTON``, ``LONDON (Reuters)``."""
    stripped = line.strip()
    return (
        len(stripped) < 60
        and "A" <= stripped[:1] <= "Z"  # cheap first look: the pattern's first character
        and _pattern("_DATELINE_WORD").match(stripped) is not None
        and any(c.isalpha() and c.isupper() for c in stripped[:2])
    )


def _plain_dateline(text: str) -> str | None:
    """The dateline of the plainest shape, as ``dateline_of`` finds it: one to four words of
    two or more ASCII capitals one space apart, a space, a long dash and a blank
    (``CARROW POINT — ``). None means "ask the pattern".

    _DATELINE_HEAD's first try takes such a line whole: its place is the words (no comma, no
    parenthesis follows them), its dash the dash; and they hold three letters or more.
    tests/test_classify_furniture.py compares ``dateline_of`` with the pattern's answer.
    """
    size = len(text)
    end = 0  # where the words read so far end
    words = 0
    while True:
        start = end
        while end < size and "A" <= text[end] <= "Z":
            end += 1
        words += 1
        if end - start < 2 or end + 2 >= size or text[end] != " ":
            return None
        if text[end + 1] in "—–":
            break
        if words == 4:
            return None
        end += 1
    if end < 3 or not text[end + 2].isspace():
        return None
    return text[: end + 2]


#: The shortest paragraph ``dateline_of`` reads a dateline in ("PARIS — abcd").
DATELINE_MIN_CHARS = 12


def dateline_of(text: str) -> str | None:
    """The dateline that opens a paragraph (``WASHINGTON —``), or None."""
    if len(text) < DATELINE_MIN_CHARS or not text[0].isupper() or not text[1].isupper():
        return None
    if _COMPILED:
        plain = _plain_dateline(text)
        if plain is not None:
            return plain
    match = _pattern("_DATELINE_HEAD").match(text)
    if match is None:
        return None
    place, dash = match.group("place", "dash")
    # At least three letters, counted only that far.
    letters = 0
    for char in place:
        if char.isalpha():
            letters += 1
            if letters == 3:
                break
    # The first word is in capitals: "WASHINGTON", not "Washington".
    first = place.split(None, 1)[0].rstrip(",")
    if not first.isupper() or letters < 3:
        return None
    return f"{place} {dash}"


# -- plain text that is not an article: mail, commands, paths ------------------------------

# A mail's closing on a line of its own, before the writer's name: "Thanks," / "Best regards,".
# The comma (or "!") is required: "Thanks" alone opens sentences in prose.
_SOURCES["mail-closing"] = (
    r"""(?ix)
    ^(?:many\ |thanks\ |with\ )?
    (?:thanks(?:\ again|\ in\ advance|\ a\ lot)?|thank\ you|cheers|best|all\ the\ best
      |(?:best|kind|warm|warmest|many)\ (?:regards|wishes)|regards|sincerely
      |yours(?:\ sincerely|\ truly|\ faithfully)?|take\ care|love)
    \s*[,!]$
    """,
    0,
)


def is_mail_closing(line: str) -> bool:
    """``Thanks,`` / ``Best regards,``: a mail's closing, which the name on the next line ends."""
    return len(line) < 30 and _pattern("mail-closing").match(line) is not None


def is_signature_separator(raw: str) -> bool:
    """The mail signature separator: ``-- `` (or ``--``) alone on its line, not indented."""
    line = raw.rstrip("\r\n")
    if line[-1:] == "\\":
        line = line[:-1]  # as reflow writes it in Markdown: "\\-- \\" (escaped, a hard break)
    return line in ("-- ", "--", "\\-- ", "\\--")


#: GitHub's first alert syntax (its 2022 beta, still in many READMEs): the label in bold alone
#: on its line, over the alert's text, "**Note**" or "**Warning**", and as people write it
#: since: the other alert types, an emoji before the word ("**💡 Tip**", "**⚠️ Warning**"), a
#: colon, capitals. Markdown mode keeps such a line as written (dialects' ``legacy-alert``);
#: the text path keeps it the quote's first line (``alert-label``).
ALERT_LABEL = (
    r"\*\*(?:[^\w\s*]{1,3}[ \t]?)?"
    r"(?:Note|Tip|Important|Warning|Caution|NOTE|TIP|IMPORTANT|WARNING|CAUTION)"
    r":?\*\*:?[ \t]*$"
)
_SOURCES["alert-label"] = (ALERT_LABEL, 0)


def is_alert_label(line: str) -> bool:
    """``**Note**`` / ``**💡 Tip**`` alone on its line (tidy, quote markers off)."""
    return len(line) < 30 and _pattern("alert-label").match(line) is not None


# A Markdown link reference definition in plain text, under the paragraph that cites it:
# "[1]: https://example.org/manual.pdf", '[shed]: <./shed.md> "The shed"'. Its destination
# must look like one (a scheme, "www.", a path, an anchor): "[Note]: see the manual" is prose.
_SOURCES["reference-definition"] = (
    r"""\[[^\]\s^][^\]]{0,40}\]:[ \t]+<?(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.|\.{0,2}/|\#)\S*"""
    r"""(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*$""",
    0,
)


def is_reference_definition(line: str) -> bool:
    """``[1]: https://…``: a link reference definition alone on its line (tidy)."""
    return _pattern("reference-definition").match(line) is not None


# A unified diff's hunk header: ``@@ -12,5 +12,7 @@`` (a count of one may be left out).
_SOURCES["_HUNK_HEADER"] = (r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", 0)


def hunk_counts(line: str) -> tuple[int, int] | None:
    """The old and new line counts of a unified diff's hunk header, or None for no header."""
    if line[:4] != "@@ -":
        return None
    match = _pattern("_HUNK_HEADER").match(line)
    if match is None:
        return None
    old, new = match.group(2), match.group(4)
    return (1 if old is None else int(old)), (1 if new is None else int(new))


# A piece of a history graph drawn in text (git's documentation and mail draw commits so):
# an edge ("---", "-->", "<--", "/", "\\", "|") between nodes of up to three characters
# ("o", "M", "A'", "#2", "*").
_SOURCES["graph-token"] = (r"^[^\s/\\|-]{0,3}(?:(?:<?-{2,}>?|[/\\|])[^\s/\\|-]{0,3})+$", 0)


def is_graph_line(line: str) -> bool:
    """A (stripped) line of a history graph drawn in text: an edge at least, short nodes, and
    one longer label at most (a branch's name: ``o---o---o  master``). An arrow pointing back
    at the graph (``A---B  <-- the old branch``) says the rest of the line is a note on it."""
    # (Cheap first look: every edge holds one of these; most lines of prose have none.)
    if "/" not in line and "|" not in line and "\\" not in line and "--" not in line:
        return False
    drawn = labels = 0
    for token in line.split():
        if drawn and token[:2] == "<-" and not token.strip("<-"):
            break
        if _pattern("graph-token").match(token) is not None:
            drawn += 1
        elif len(token) > 3:
            labels += 1
            if labels > 1:
                return False
    return drawn > 0


# What a line of commands or code has and prose does not: a prompt, braces or a semicolon at
# the end, an option ("--prune", "-x"), a path, a call, an operator, an assignment, or a
# common command first. The signs at the line's start are matched there; the others are
# searched for only in a line that holds one of ``_CODE_INSIDE_SIGNS`` or a hyphen after a
# space, as each of them does (most prose holds none, a hyphen in a word or a colon asks for
# no search: the search is the cost; tests/test_classify.py holds the two ways equal).
_SOURCES["code-line-start"] = (
    r"""(?x)
    (?:[$%\#]\ |>>>\ |\.\.\.\ )
    | [}\])]
    | [A-Za-z_][\w.]*\s*=\s*\S
    | (?:sudo|cd|ls|git|pip3?|npm|make|curl|wget|cat|echo|export|ssh|scp|rsync|docker
         |kubectl|python3?|import|from|def|class|return|mkdir|rm|cp|mv|chmod|chown|tar|grep)\s
    """,
    0,
)
_SOURCES["code-line-inside"] = (
    r"""(?x)
    (?:^|\s)--?[A-Za-z][\w-]*(?:[=\s]|$)
    | (?:^|\s)(?:~|\.{1,2})?/[\w.~-]
    | \w\([^()]*\)
    | [=!<>]= | && | \|\| | -> | => | ::
    """,
    0,
)
_CODE_INSIDE_SIGNS = ("/", "(", "=", "->", "&&", "||", "::")
#: The characters a line of code ends with (and prose does not).
CODE_LAST_CHARS = "{};\\"


def looks_like_code(line: str) -> bool:
    """A (stripped) line that has a sign of a command or code in it."""
    if line[-1:] and line[-1] in CODE_LAST_CHARS:
        return True
    if _pattern("code-line-start").match(line) is not None:
        return True
    for sign in _CODE_INSIDE_SIGNS:
        if sign in line:
            return _pattern("code-line-inside").search(line) is not None
    # An option ("-x", "--prune") opens the line or follows a space: a hyphen inside a word
    # ("well-known") asks for no search.
    hyphen = line.find("-")
    while hyphen >= 0:
        if hyphen == 0 or line[hyphen - 1].isspace():
            return _pattern("code-line-inside").search(line) is not None
        hyphen = line.find("-", hyphen + 1)
    return False


# The first line of a program, as only code opens: a comment's or a template's mark, or a
# declaration in the shape code gives it (``import { x } from``, ``const x =``, ``function
# f(``, ``func (r T) F(``, ``def f(``, ``interface T {``), perhaps a diff's ``+``/``-`` first.
# Prose that starts with such a word goes on otherwise ("function support (e.g. …)", "import
# lines in .pth files", "let us talk of it"), and so does a line past ASCII after one
# ("import { slash } from './utils/slash.js'와 같이 …"), a comment's mark aside.
_SOURCES["program-start"] = (
    r"""(?x)
    (?:[+-]\ ?)?
    (?: (?P<mark> //\s | /\* | <!-- | \{\{ | \{% )
      | import\s+(?:[\w$]+(?:\s*,\s*\{[^}]*\})?\s+from\s | \{[^}]*\}\s+from\s | \*\s+as\s | ["'])
      | export\s+(?:default|const|let|var|function|class|async|type|interface|\{|\*)
      | (?:const|let|var)\s+(?:[\w$]+|\{[^}]*\}|\[[^\]]*\])\s*(?::\s*[^=]+)?=[^=]
      | (?:async\s+)?function\*?(?:\s*\(|\s+[\w$]+\()
      | func\s+(?:\([^)]*\)\s*)?\w+\(
      | def\s+\w+\(
      | interface\s+\w+.*\{$
    )
    """,
    0,
)


def opens_program(line: str) -> bool:
    """A (stripped) line that only a program opens with (``program-start``)."""
    match = _pattern("program-start").match(line)
    return match is not None and (match.group("mark") is not None or line.isascii())


def looks_like_sentence(line: str) -> bool:
    """A (stripped) line that reads as a sentence: a capital, five words or more, an end."""
    return line[:1].isupper() and line.count(" ") >= 4 and ends_sentence_strictly(line)


# A URL or path token that a line end may have cut (it ends in "/", "-", "." or "_"), and the
# piece of a path that continues it at the start of the next line.
_SOURCES["path-head"] = (
    r"(?:^|\s)[(<\"']?((?:[a-z][a-z0-9+.-]*://|www\.|~?/|\.{1,2}/)\S*|\S+/\S*/\S*)[/._-]$",
    0,
)
_SOURCES["path-piece"] = (r"^[\w~%?#=&+.:@/-]*[\w/](?=[\s)>\"',;:.!?]|$)", 0)


_SOURCES["address-start"] = (r"[a-z][a-z0-9+.-]*://|www\.", 0)
# Small words of prose: the sentence goes on after an address, no path does.
_PROSE_AFTER_PATH = frozenset(
    "a an and are as at but by for from in is of on or that the to was which with".split()
)


#: The characters a URL or path may be cut after at a line's end (``continues_path``).
PATH_CUTS = "/-._"


def may_end_in_path(text: str, end: int) -> bool:
    """Cheap first look for ``continues_path``: the word that ends at ``end`` in ``text`` has
    a "/" or "www."."""
    start = text.rfind(" ", 0, end) + 1
    return text.find("/", start, end) >= 0 or text.find("www.", start, end) >= 0


def continues_path(text: str, line: str) -> bool:
    """``text`` ends in a URL or path cut after ``/ - . _`` and ``line`` (not indented) goes on
    with it: the two join with no space between.

    After a ``/`` any word continues the path; after ``- . _`` (which also end words and
    sentences) the piece must itself hold a path character, or end its line.
    """
    last = text[-1:]
    if not last or last not in PATH_CUTS or not line or line[0].isspace():
        return False
    head = _pattern("path-head").search(text[-300:])
    if head is None or not head.group(1).strip("/"):
        return False  # (slashes alone are no path: a comment's "//", a separator)
    piece = _pattern("path-piece").match(line)
    if piece is None:
        return False
    word = piece.group()
    if last == "/":
        # Any word goes on with a path cut after its slash, but another address does not
        # (two URLs a line each), nor prose after the address that ends in its slash: a
        # small word ("… onlinepubs/9699919799/" / "and the list of all …"), or a capital's
        # plain word and more ("… cons.org/people/" / "Last changed: …").
        return not (
            _pattern("address-start").match(line) is not None
            or (
                line[len(word) : len(word) + 1] == " "
                and (
                    word in _PROSE_AFTER_PATH
                    or (word[0].isupper() and not any(c in word for c in "/._-?=#%&~+"))
                )
            )
        )
    return len(word) == len(line) or any(char in word for char in "/._-?=#")


# -- running page headers and footers in text without form feeds ------------------------------

#: Fewest lines from one running footer to the next: a page.
MIN_PAGE_LINES = 20
#: Most lines from a footer to the header of the next page (blank lines between).
HEADER_AFTER_FOOTER = 8


#: The most characters of a running page header or footer (a title over a number included).
RUNNING_LINE_CHARS = 160


def may_be_running_footer(stripped: str) -> bool:
    """Cheap first look: a short line laid out in fields (a run of three blanks inside), or
    a page number standing alone (text copied out of a PDF, no form feed beside it)."""
    return len(stripped) <= RUNNING_LINE_CHARS and ("   " in stripped or is_page_number(stripped))


#: The fewest characters of the line a page number cuts from the rest of its sentence: a
#: page ends on a full line (a short one before "Page 2" may be the sentence's own words).
CUT_LINE_CHARS = 40


#: How far right of a footer's start the sentence it cuts may start (a paragraph's indent):
#: further right, it is another column's (``_cuts_a_sentence``).
OTHER_COLUMN_SHIFT = 8


def _cuts_a_sentence(lines: list[str], index: int, above: int = 1) -> bool:
    """``lines[index]`` stands between a full line of prose whose sentence goes on (``above``
    lines up) and the line in lower case that goes on with it (rows of a table or lines of
    code, laid out in fields, are no prose)."""
    before_raw = lines[index - above] if index >= above else ""
    after_raw = lines[index + 1] if index + 1 < len(lines) else ""
    before, after = before_raw.strip(), after_raw.strip()
    # (A sentence set right of the line, past a paragraph's indent, is another column's: a
    # page laid out in two columns side by side puts a line of the left one, a heading with
    # its page number, between two lines of the right one.)
    shift = len(lines[index]) - len(lines[index].lstrip()) + OTHER_COLUMN_SHIFT
    return (
        after[:1].islower()
        and not (
            len(before_raw) - len(before_raw.lstrip()) > shift
            and len(after_raw) - len(after_raw.lstrip()) > shift
        )
        and len(before) >= CUT_LINE_CHARS
        and not ends_sentence(before)
        and not before.endswith(":")
        and "   " not in before
        and "   " not in after
    )


_SOURCES["number_at_edge"] = (r".*\S {3,}\d{1,4}$|\d{1,4} {3,}\S", 0)


def _numbered_at_edge(text: str) -> bool:
    """A page number alone, or set off by three blanks at either end of a line of fields
    (``Greyhaven Evening Post      2``); never a list item's text after its marker."""
    return is_page_number(text) or _pattern("number_at_edge").match(text) is not None


#: The most characters of a running title over a page number.
TITLE_CHARS = 80


def _titled_cut(lines: list[str], index: int) -> bool:
    """A page number under a running title (``INTRODUCTION`` / ``2``), the two between the
    halves of a sentence: the title is a short line of its own, not a sentence's rest."""
    title = lines[index - 1].strip() if index else ""
    return (
        0 < len(title) <= TITLE_CHARS
        and title[0].isalnum()
        and not title[0].islower()
        # A title ends in a word (or the dots of one cut short), not a sentence's mark.
        and (title[-1] not in ".,;:!?" or title.endswith(("...", "…")))
        and "   " not in title
        and not _cuts_a_sentence(lines, index)
        and _cuts_a_sentence(lines, index, above=2)
    )


def _under_one_title(lines: list[str], indices: list[int]) -> bool:
    """The same line stands just above every one of ``indices`` (a running title)."""
    above = {lines[index - 1].strip() if index else "" for index in indices}
    return len(above) == 1 and any(char.isalpha() for char in above.pop())


def _running_footer(
    key: str, indices: list[int], texts: list[str], lines: list[str], breaks: list[int]
) -> bool:
    """Lines of one ``running_key`` are a page's footer (or number): ``running_furniture``
    (``breaks``: where ``lines`` hold a form feed)."""
    if "#" not in key:
        return False
    counts_up = len(indices) > 1 and _counts_up(texts)
    # A line no wrapper makes (a page number alone, or at the end of a line of fields, after
    # a full line its sentence goes on from): where every one cuts a sentence in two, a page
    # ended there, even once.
    if (
        (len(indices) == 1 or counts_up)
        and all(map(_numbered_at_edge, texts))
        and all(_cuts_a_sentence(lines, i) or _titled_cut(lines, i) for i in indices)
    ):
        return True
    if not counts_up:
        return False
    # A bare number counting up may also be a section's: two of them a page apart are no
    # proof, unless a running title stands over both.
    if key == "#" and len(indices) < 3 and not _under_one_title(lines, indices):
        return False
    return (
        _regular(indices)
        or all(_next_to_page_break(lines, at) for at in indices)
        or _page_by_page(lines, indices, breaks)
    )


def running_key(line: str) -> str:
    """A page header or footer with its blanks collapsed and every number masked, so
    ``[Page 9]`` and ``[Page 10]`` (right-aligned one column apart) have one key. Case
    stays: a running head in capitals is no reason to drop the title it repeats."""
    return " ".join(_pattern("digits").sub("#", line).split())


_SOURCES["digits"] = (r"\d+", 0)


def _counts_up(lines: list[str]) -> bool:
    """One of the numbers of each line (the same one: ``3`` of ``3/7``) is one more than the
    line before's: a number of the line's first or last field (fields apart by three blanks
    or more, where a page's number stands: ``https://example.org/pep-0088/   3/12``). A
    number inside a row of figures that happens to count up is no page's (``131   5.2%
    44.6%`` over ``88   7.5%   36.7%``, a profile printed twice)."""
    numbers = [[int(found) for found in _pattern("digits").findall(line)] for line in lines]
    size = len(numbers[0])
    if not size or any(len(found) != size for found in numbers):
        return False
    fields = _pattern("field-gap").split(lines[0].strip())
    first = len(_pattern("digits").findall(fields[0]))
    last = len(_pattern("digits").findall(fields[-1]))
    edges = [*range(first), *range(size - last, size)]
    return any(
        all(numbers[index][at] == numbers[index - 1][at] + 1 for index in range(1, len(numbers)))
        for at in edges
    )


_SOURCES["field-gap"] = (r"\s{3,}", 0)


def _regular(indices: list[int]) -> bool:
    """Occurrences a page apart, at about the same interval each time (the last page, which
    may be short, aside)."""
    gaps = [indices[index] - indices[index - 1] for index in range(1, len(indices))]
    if len(gaps) > 1:
        gaps.pop()
    return min(gaps) >= MIN_PAGE_LINES and max(gaps) - min(gaps) <= max(4, min(gaps) // 5)


def _next_to_page_break(lines: list[str], index: int) -> bool:
    """A form feed within two lines of ``lines[index]``: the page's end is known."""
    return "\f" in lines[max(0, index - 2) : index + 3]


def _page_by_page(lines: list[str], indices: list[int], breaks: list[int]) -> bool:
    """One on each page of a run of pages (one form feed, of those at ``breaks``, between each
    and the next), most of them next to the page break: the page's number, where a page's
    floats put the last lines of its text after it (pdftotext writes what was set beside or
    under the text last)."""
    if not breaks:
        return False
    pages = [bisect_left(breaks, index) for index in indices]
    if any(pages[at] != pages[at - 1] + 1 for at in range(1, len(pages))):
        return False
    near = sum(_next_to_page_break(lines, index) for index in indices)
    return 2 * near > len(indices)


def running_furniture(lines: list[str]) -> frozenset[str]:
    """The ``running_key`` of the running page footers and headers of ``lines`` (text with
    no form feeds: an RFC or Internet-Draft rendered to text, pages copied out of a PDF):
    footers repeat a page apart with a page number that counts up; headers repeat next to
    them, just after (the next page's head) or just before (a title over the number).
    Empty when none."""
    at: dict[str, list[int]] = {}
    texts: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not may_be_running_footer(stripped):
            continue
        key = running_key(stripped)
        at.setdefault(key, []).append(index)
        texts.setdefault(key, []).append(stripped)
    # (Found once: each key that counts up may ask where the pages break.)
    breaks = [index for index, line in enumerate(lines) if line == "\f"]
    footers = {
        key: indices
        for key, indices in at.items()
        if _running_footer(key, indices, texts[key], lines, breaks)
    }
    # Bare page numbers among other numbers alone on their lines: only the pages' are taken,
    # by their text (``strip_running_furniture`` matches a line's text as well as its key).
    exact: set[str] = set()
    if "#" in at and "#" not in footers:
        chain = _page_chain(at["#"], texts["#"])
        if chain:
            footers["#"] = [at["#"][k] for k in chain]
            exact = {texts["#"][k] for k in chain}
    if not footers:
        return frozenset()
    after_footer: set[int] = set()
    after_fields: set[int] = set()  # after a footer laid out in fields (a draft's)
    before_footer: set[int] = set()
    for key, indices in footers.items():
        laid_out = "   " in texts[key][0]
        for index in indices:
            # The lines that may hold the next page's header: up to the first non-blank one.
            for following in range(index + 1, min(len(lines), index + HEADER_AFTER_FOOTER + 1)):
                if lines[following].strip():
                    after_footer.add(following)
                    if laid_out:
                        after_fields.add(following)
                    break
            # A title set over the page number: the line just above it.
            if index and lines[index - 1].strip():
                before_footer.add(index - 1)
    # Every page but the first has the header (a window may cut the last page's); it may
    # also open the first page, as the document's first line. A title over the number is
    # over every one. A line seen once is the text a page cut, however near a footer (unless
    # both are laid out in fields, as a draft's head is on its second page).
    pages = max(len(indices) for indices in footers.values())
    first = next((index for index, line in enumerate(lines) if line.strip()), -1)
    candidates: dict[str, list[int]] = {
        running_key(lines[index].strip()): [] for index in after_footer | before_footer
    }
    in_fields = {
        running_key(lines[index].strip()) for index in after_fields if "   " in lines[index].strip()
    }
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped and len(stripped) <= RUNNING_LINE_CHARS:
            key = running_key(stripped)
            if key in candidates:
                candidates[key].append(index)
    # A title over a number that cuts a sentence goes with it, even once, where it stands
    # nowhere else (the document's own title in the same capitals stays).
    headers = set()
    for indices in footers.values():
        if all(_titled_cut(lines, index) for index in indices):
            for index in indices:
                key = running_key(lines[index - 1].strip())
                if all(at + 1 in indices for at in candidates[key]):
                    headers.add(key)
    for key, indices in candidates.items():
        if key in footers or (len(indices) < 2 and key not in in_fields):
            continue
        later = [index for index in indices if index != first]
        heads_pages = len(later) >= max(1, pages - 1) and all(i in after_footer for i in later)
        over_numbers = len(indices) >= pages and all(i in before_footer for i in indices)
        if heads_pages or over_numbers:
            headers.add(key)
    if exact:
        del footers["#"]
    return frozenset(footers) | frozenset(headers) | frozenset(exact)


#: The fewest pages a run of bare numbers must count up through to be taken among others
#: (``_page_chain``).
MIN_CHAIN_PAGES = 3


def _page_chain(indices: list[int], texts: list[str]) -> list[int]:
    """Among bare numbers alone on their lines (``texts``, at ``indices``), the positions of
    the longest run that counts up a page apart, where other numbers stand alone too (a
    year under a title page's publisher, "1908"; a PEP's number as a paragraph's first word,
    "483" / "and 484 introduced …"), which kept the pages' numbers from counting up as a
    whole: empty unless it counts ``MIN_CHAIN_PAGES`` pages at least, at a regular interval,
    holds more of the numbers than it leaves, and none of its numbers stands anywhere else."""
    numbers = [int(text) for text in texts]
    if not numbers:
        return []
    # A run goes on at the first later number one greater; read backwards, each number's
    # next and the length of the run from it are known in one pass (a scan forward from every
    # number was quadratic: minutes for a file of lone numbers).
    following = [-1] * len(numbers)
    length = [1] * len(numbers)
    first_at: dict[int, int] = {}
    for k in range(len(numbers) - 1, -1, -1):
        after = first_at.get(numbers[k] + 1, -1)
        if after >= 0:
            following[k] = after
            length[k] = length[after] + 1
        first_at[numbers[k]] = k
    best: list[int] = []
    k = max(range(len(numbers)), key=length.__getitem__)  # the first of the longest
    while k >= 0:
        best.append(k)
        k = following[k]
    if len(best) < MIN_CHAIN_PAGES or 2 * len(best) <= len(numbers):
        return []
    if not _regular([indices[k] for k in best]):
        return []
    chained = {texts[k] for k in best}
    if sum(text in chained for text in texts) != len(best):
        return []
    return best


# -- columns of text (a table a text browser laid out) ----------------------------------------

_SOURCES["cell"] = (r"\S+(?: \S+)*", 0)
#: The least blank columns before a cell aligned at its right end (a right-aligned column):
#: the gaps justified prose makes are narrower.
RIGHT_ALIGNED_GAP = 4


#: A gap inside a line that lines up a column (a table, a config example, an aligned
#: grammar): a tab, or three blanks or more (two are a sentence's double space). The reader
#: keeps rows so aligned as written, and an in-place rewrite of a text file may not close one.
ALIGNMENT_GAP = r"(?<=\S)(?:\t|   )[ \t]*(?=\S)"


#: No table row or grid border is wider: a longer line is one cell, and no border (its
#: cells or walls, listed, took 40 bytes a character of a hostile line of a million).
MAX_ROW_WIDTH = 2000


def cells(line: str) -> list[tuple[int, int]]:
    """Where the cells of a line start and end: runs of text apart by two blanks or more
    (but two blanks after a sentence's end, a typist's habit, stay inside a cell)."""
    if len(line) > MAX_ROW_WIDTH:
        return [(0, len(line.expandtabs(8)))]
    line = line.expandtabs(8)
    spans: list[tuple[int, int]] = []
    for match in _pattern("cell").finditer(line):
        start, end = match.span()
        if spans and start - spans[-1][1] == 2 and line[spans[-1][1] - 1] in ".!?:;":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def column_rows(rows: list[str]) -> int:
    """How many of ``rows`` (from the first) are a table laid out in columns, or 0.

    A cell starts where a cell of another row starts (left-aligned columns; a cell wrapped
    inside its column goes on at its start), or, far from the cell before it, ends where
    another row's last cell ends (right-aligned); a row's first cell may start anywhere when
    others follow it. At least two columns, and at least half the
    rows hold two cells or more: a paragraph with two blanks after some of its sentences has
    its second cells at columns no other row shares.
    """
    spans = [cells(row) for row in rows]
    # Only the rows taken are evidence: a column that rows after the table share would not be
    # there when reflow reads the table it wrote back (a title page's "J. Mogul" lines up with
    # a "P. Leach" of the lines under it, which are no table).
    limit = len(spans)
    while True:
        count = _column_count(rows, spans, limit)
        if count >= limit or not count:
            return count
        limit = count


def _column_count(rows: list[str], spans: list[list[tuple[int, int]]], limit: int) -> int:
    """``column_rows``, with the columns of the first ``limit`` rows only."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for row in spans[:limit]:
        for start, _ in row:
            starts[start] = starts.get(start, 0) + 1
        if row:
            ends[row[-1][1]] = ends.get(row[-1][1], 0) + 1
    count = 0
    edge = min([row[0][0] for row in spans[:limit] if row], default=0)
    prose_before = False  # the row before was a line of prose at the left edge
    for row in spans[:limit]:
        if not row:
            break
        # Two lines of prose in a row at the left edge (one cell, four words or more each)
        # are text between tables, not a first column's cell wrapped: the table ends before
        # them (the trailing rows of one cell go below).
        prose = _prose_row(rows[count], row, edge)
        if prose and prose_before:
            count -= 1
            break
        prose_before = prose
        fits = True
        for index, (start, end) in enumerate(row):
            if starts[start] >= 2 or (not index and len(row) > 1):
                # (A row's first cell may start where no other does when its later cells line
                # up: ``--help`` sets a long option without a short one further in, a table
                # its centred heading.)
                continue
            last = index == len(row) - 1
            gap = start - row[index - 1][1] if index else 0
            if not (last and index and gap >= RIGHT_ALIGNED_GAP and ends[end] >= 2):
                fits = False
                break
        if not fits:
            break
        count += 1
    # Rows after the last wide one that hold a single cell at the left edge are what follows
    # the table (a note, a paragraph), not a cell wrapped inside a column.
    # But the last word of a cell of the first column, wrapped onto the table's last row
    # ("Lost" / "property"), ends before the second column starts.
    left = min([row[0][0] for row in spans[:count]], default=0)
    second = min([row[1][0] for row in spans[:count] if len(row) > 1], default=0)
    while (
        count
        and len(spans[count - 1]) == 1
        and spans[count - 1][0][0] == left
        and not (
            count == len(rows)
            and spans[count - 1][0][1] < second
            and " " not in rows[count - 1].strip()
        )
    ):
        count -= 1
    # Wide rows: two cells or more with words in them (form fields "[    ]" have none).
    wide = 0
    inner: set[int] = set()  # where the wide rows' cells after their first start
    for index in range(count):
        row = rows[index].expandtabs(8)
        if sum(1 for start, end in spans[index] if _has_word(row[start:end])) >= 2:
            wide += 1
            inner.update(start for start, _ in spans[index][1:])
    # A row of one cell that starts where a wide row's later cell starts is that cell's text
    # wrapped inside its column (an option's description under ``--help``: rule
    # ``column-table``): it counts with the wide rows. Not where a row of one cell at the
    # left edge holds four words or more: lines of prose between rows (text without blank
    # lines, code with its comments in a column) are no table.
    wrapped = 0
    for index in range(count):
        row = spans[index]
        if _prose_row(rows[index], row, left):
            wrapped = 0
            break
        if len(row) == 1 and row[0][0] > left and row[0][0] in inner:
            wrapped += 1
    return count if count >= 2 and wide >= 2 and 2 * (wide + wrapped) >= count else 0


def _prose_row(row: str, cells: list[tuple[int, int]], edge: int) -> bool:
    """A row of one cell at the left ``edge`` holding four words or more: a line of prose,
    not a table's cell."""
    return len(cells) == 1 and cells[0][0] == edge and row.expandtabs(8).count(" ", *cells[0]) >= 3


def _has_word(cell: str) -> bool:
    return any(char.isalnum() for char in cell)


# -- a title in a larger type, as pdftotext -layout writes it -----------------------------------

_SOURCES["gaps"] = (r" +", 0)


def is_spaced_title(stripped: str, words: int = 3) -> bool:
    """A (stripped) line whose words all stand two to six blanks apart: set in a larger type
    than the body, which ``pdftotext -layout`` spaces out on the body's grid (a title). At
    least ``words`` words, and some letters."""
    if len(stripped) > 160 or "  " not in stripped or "\t" in stripped:
        return False
    gaps = _pattern("gaps").findall(stripped)
    if len(gaps) < words - 1:
        return False
    return all(2 <= len(gap) <= 6 for gap in gaps) and any(c.isalpha() for c in stripped)


# -- shapes text browsers and converters draw: tables, rules, empty images, labels ----------

#: The corners that open a table a text browser drew in box-drawing characters (w3m).
BOX_TOP_CORNERS = "┌┏╔┍┎╒╓"
#: The first characters of a drawn table's other rows: borders, cell walls, the bottom.
BOX_ROW_FIRST = "│┃║├┣╠┝┞┟┠┡┢╞╟└┗╚┕┖╘╙"
#: The first characters of a drawn table's bottom border.
BOX_BOTTOM_CORNERS = "└┗╚┕┖╘╙"


def is_box_row(stripped: str) -> bool:
    """A (stripped) row of a table drawn in box-drawing characters: it opens and closes with
    one (``│Monday │07:15│``, ``├────┼────┤``)."""
    return (
        len(stripped) > 1
        and stripped[0] in BOX_ROW_FIRST
        and "\u2500" <= stripped[-1] <= "\u257f"  # the Box Drawing block
    )


def is_dash_columns(stripped: str) -> bool:
    """pandoc's rule over or under a simple table's columns: two runs of three dashes or
    more, one or two blanks apart, and nothing else (``-------- ------``). One run alone is a
    thematic break or a heading's underline."""
    runs = stripped.split()
    if len(runs) < 2 or "   " in stripped:
        return False
    return all(len(run) >= 3 and not run.strip("-") for run in runs)


#: The characters of a rule a text browser drew for ``<hr>``: lynx's underscores (indented),
#: w3m's heavy or light horizontal line.
RULE_CHARS = "_━─═"
#: The fewest characters of such a rule.
MIN_DRAWN_RULE = 10


def is_drawn_rule(stripped: str) -> bool:
    """A (stripped) line that a text browser drew for ``<hr>``: one of ``RULE_CHARS``, again
    and again (``____…`` from lynx, ``━━━━…`` from w3m)."""
    return (
        len(stripped) >= MIN_DRAWN_RULE
        and stripped[0] in RULE_CHARS
        and not stripped.strip(stripped[0])
    )


_SOURCES["empty-image"] = (
    # Empty image placeholders (pandoc's "[]"): a run glued to the first word of the text or
    # of its list item, or opening the text (the blanks after it go with it).
    r"^((?:[-*+" + BULLETS + r"]|\d{1,9}[.)])[ \t]++)?+(?:\[\])++(?=[^\W_])"
    r"|^(?:\[\][ \t]*+)++(?=\S)",
    0,
)
_SOURCES["empty-image-after"] = (
    # The same glued to a later word ("[]Share []Print"): only in a text that opens so. Inside
    # a sentence "a []byte", "for []Person" are Go's slices: in the training corpus and the
    # unseen pages, every "[]" glued to a word after another word, in a text that did not
    # open with one, was code or a type's name.
    r"(?<=\s)(?:\[\])++(?=[^\W_])",
    0,
)


def strip_empty_images(text: str) -> str:
    """``text`` without the empty image placeholders pandoc left (``[]News``, ``[][]The``,
    ``- []Share``, ``[]Share []Print``): placeholders, not words. ``int[]``, ``x = []`` and
    ``a []byte`` stay; lynx's ``[IMG]`` holds a word, and stands apart only at a line's start
    (``paragraphs._LEADING_PLACEHOLDERS``)."""
    if "[]" not in text:
        return text
    opening = _pattern("empty-image").match(text)
    if opening is None:
        return text
    bare = (opening.group(1) or "") + text[opening.end() :]
    if text[opening.end() - 1] == "]" and "[]" in bare:  # (glued to the first word)
        bare = _pattern("empty-image-after").sub("", bare)
    return bare


#: The words a label line cannot end with: a line that ends so was cut mid-sentence.
_LABEL_OPEN_ENDS = frozenset(
    "a an the and or but nor of to for with in on at by from as into than that".split()
)
#: The longest label line, and its most words.
MAX_LABEL_CHARS = 48
MAX_LABEL_WORDS = 6


def is_label_line(line: str) -> bool:
    """A short unpunctuated line that names what follows it: ``Meal 3``, ``Day 2``,
    ``Sat 14 March, Leeds``. It opens with a capital or a digit, ends with a letter, digit
    or closing bracket (no sentence, comma or dash end), and its last word joins nothing."""
    if len(line) > MAX_LABEL_CHARS or line.count(" ") >= MAX_LABEL_WORDS:
        return False
    first, last = line[0], line[-1]
    if not (first.isupper() or first.isdigit()) or not (last.isalnum() or last in ")]"):
        return False
    return line[line.rfind(" ") + 1 :].lower() not in _LABEL_OPEN_ENDS


def is_bare_url(stripped: str) -> bool:
    """A line that is one URL alone: ``https://example.org/a``, ``www.example.org``."""
    return (
        " " not in stripped
        and len(stripped) > 7
        and (stripped.startswith(("http://", "https://", "www.")))
    )


def grid_walls(border: str) -> list[int] | None:
    """Where the ``+`` of a pandoc grid table's border stand (``+-----+----+``: its walls),
    or None when the (stripped) line is no such border. A colon beside a wall marks the
    column's alignment (``+:----:+``, a grid without a head row)."""
    if (
        not 3 <= len(border) <= MAX_ROW_WIDTH
        or border[0] != "+"
        or border[-1] != "+"
        or border.strip("+-:")
    ):
        return None
    walls = [index for index, char in enumerate(border) if char == "+"]
    for index in range(1, len(walls)):
        if walls[index] - walls[index - 1] < 2:
            return None  # "++": no cell between
    if ":" in border and not _colons_beside_walls(border):
        return None
    return walls


def _colons_beside_walls(border: str) -> bool:
    for index, char in enumerate(border):
        if char == ":" and border[index - 1] != "+" and border[index + 1] != "+":
            return False
    return True


def grid_cells(rows: list[str], walls: list[int]) -> list[list[str]] | None:
    """The lines of each cell of a grid row whose walls stand at ``walls`` (display columns:
    a wide character takes two): the text between two walls, less the blank pandoc pads it
    with. None when a row's walls are elsewhere."""
    cells: list[list[str]] = [[] for _ in range(len(walls) - 1)]
    for row in rows:
        inners = _between_walls(row, walls)
        if inners is None:
            return None
        for column, inner in enumerate(inners):
            cells[column].append(inner[1:].rstrip() if inner[:1] == " " else inner.rstrip())
    return cells


def _between_walls(row: str, walls: list[int]) -> list[str] | None:
    """The text between each two walls of one grid row, or None when a wall is missing."""
    if row.isascii():
        if len(row) != walls[-1] + 1:
            return None
        if any(row[wall] != "|" for wall in walls):
            return None
        return [row[walls[index] + 1 : walls[index + 1]] for index in range(len(walls) - 1)]
    from wcwidth import wcwidth

    starts: list[int] = []  # the index in ``row`` of each wall
    column = 0
    for index, char in enumerate(row):
        if len(starts) < len(walls) and column == walls[len(starts)]:
            if char != "|":
                return None
            starts.append(index)
        elif len(starts) < len(walls) and column > walls[len(starts)]:
            return None  # a wide character stands across a wall
        columns = wcwidth(char)
        column += columns if columns >= 0 else 1
    if len(starts) != len(walls) or column != walls[-1] + 1:
        return None
    return [row[starts[index] + 1 : starts[index + 1]] for index in range(len(walls) - 1)]


def has_words(lines: list[str]) -> bool:
    """Whether any of ``lines`` has a letter or digit (``[]``, an empty image, has none)."""
    for line in lines:
        for char in line:
            if char.isalnum():
                return True
    return False


#: The fewest words of a grid cell that holds prose (a page laid out in the grid).
MIN_PROSE_WORDS = 12


def holds_prose(lines: list[str]) -> bool:
    """A grid cell whose lines hold prose: ``MIN_PROSE_WORDS`` words or more, and a line that
    ends a sentence."""
    words = 0
    ended = False
    for line in lines:
        words += len(line.split())
        if not ended and line.strip() and ends_sentence_strictly(line.rstrip()):
            ended = True
    return ended and words >= MIN_PROSE_WORDS
