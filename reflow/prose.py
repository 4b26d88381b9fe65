"""Decide whether a text file is prose reflow may rewrite."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .lines import front_matter_end

#: How much of a file the content rules look at: its first bytes, then at most this many lines.
SAMPLE_BYTES = 8 * 1024
SAMPLE_LINES = 128

# Each rule answers for one kind of file that is not prose, and says why; the first rule that
# answers decides. They err towards prose: a file they let through is converted as before (and
# still checked for lost words); a prose file they stopped would never be. So every content
# rule wants most of the sample to look its way, not a few lines.


@dataclass(frozen=True, slots=True)
class Sample:
    """What the rules look at: the file's name, its folders, and its first lines."""

    name: str
    folders: tuple[str, ...]
    #: The sample's lines without their line endings, blank ones left out.
    lines: tuple[str, ...]
    #: The lines joined with "\n": counting characters in it first spares most files (prose)
    #: a rule's look at each line.
    text: str = ""


Rule = Callable[[Sample], str | None]


@dataclass(frozen=True, slots=True)
class NamedRule:
    """A rule and the name a skip message cites."""

    name: str
    test: Rule


# --- Rules on the name alone -------------------------------------------------------------------

# LICENSE, license.txt, LICENSE-MIT.md, COPYING.LESSER; the words that are common in titles
# of prose too ("notice", "authors") count only written as a licence file's name is.
_LICENCE_NAME = re.compile(
    r"(?:(?i:licen[cs]e|copying|unlicense)|NOTICE|AUTHORS|PATENTS|COPYRIGHT)"
    r"(?:[-_.][A-Za-z0-9]+)?(?:\.[A-Za-z0-9]+)?"
)


def _licence(sample: Sample) -> str | None:
    """Licence and notice texts are legal documents, kept word for word and line for line."""
    if _LICENCE_NAME.fullmatch(sample.name):
        return f"{sample.name} is a licence or notice file"
    if sample.folders and sample.folders[-1].lower() in ("licenses", "licences"):
        return f"{sample.name} is in a {sample.folders[-1]} folder"
    return None


_BUILD_NAMES = frozenset(
    name.lower()
    for name in (
        "CMakeLists.txt CMakeCache.txt Makefile GNUmakefile meson.build meson_options.txt "
        "meson.options BUILD BUILD.bazel WORKSPACE SConstruct SConscript Dockerfile "
        "Containerfile Vagrantfile Jenkinsfile Rakefile Gemfile Procfile Justfile Kconfig "
        "Snakefile Earthfile Tiltfile"
    ).split()
)
_BUILD_SUFFIXES = (".cmake", ".mk", ".mak", ".make", ".gradle", ".bazel", ".bzl", ".ninja")


def _build_file(sample: Sample) -> str | None:
    lower = sample.name.lower()
    if lower in _BUILD_NAMES or lower.endswith(_BUILD_SUFFIXES):
        return f"{sample.name} is a build file"
    return None


_REQUIREMENTS_NAME = re.compile(
    r"(.*[-_.])?(requirements|constraints|reqs)([-_.].*)?\.(txt|in|pip)", re.I
)


def _requirement_list_name(sample: Sample) -> str | None:
    if _REQUIREMENTS_NAME.fullmatch(sample.name):
        return f"{sample.name} is a requirement list"
    if sample.folders and sample.folders[-1].lower() == "requirements":
        return f"{sample.name} is in a requirements folder"
    return None


# Files that programs read by their name: packaging metadata, web crawler settings, lists of
# system packages (bindep's "name [platform:rpm]" lines, repo2docker's apt.txt).
_MACHINE_READ_NAMES = frozenset(
    "entry_points.txt top_level.txt dependency_links.txt sources.txt namespace_packages.txt "
    "requires.txt not-zip-safe record metadata wheel installer requested direct_url.json "
    "pyvenv.cfg robots.txt ads.txt app-ads.txt security.txt humans.txt codeowners "
    "bindep.txt apt.txt runtime.txt "
    # version control's and tools' pattern and settings files
    ".gitignore .gitattributes .gitmodules .mailmap .hgignore .dockerignore .npmignore "
    ".prettierignore .eslintignore .editorconfig".split()
)
_METADATA_FOLDER = re.compile(r".+\.(dist-info|egg-info)", re.I)


def _machine_read(sample: Sample) -> str | None:
    if sample.name.lower() in _MACHINE_READ_NAMES:
        return f"{sample.name} is read by programs"
    for folder in sample.folders:
        if _METADATA_FOLDER.fullmatch(folder):
            return f"{sample.name} is package metadata (in {folder})"
    return None


# Suffixes of data, code and logs: such a file is only here because it was named directly.
_DATA_SUFFIXES = frozenset(
    ".csv .tsv .psv .log .json .jsonl .ndjson .yaml .yml .toml .ini .cfg .conf .xml .html "
    ".htm .svg .sql .diff .patch .lock .sum .mod .properties .env .py .pyi .pyx .sh .bash .zsh "
    ".fish .ps1 .bat .cmd .c .h .cc .cpp .cxx .hpp .hh .m .mm .go .rs .java .kt .kts .scala "
    ".swift .js .mjs .cjs .ts .tsx .jsx .css .scss .less .rb .pl .pm .php .lua .r .jl .hs "
    ".ml .ex .exs .erl .clj .cs .fs .vb .dart .zig .nim .tex .sty .bib "
    # pattern files kept under a name of their own (github/gitignore's "Agda.gitignore")
    ".gitignore .gitattributes .dockerignore .npmignore .hgignore "
    # markup whose marks and line breaks carry meaning to its own tools
    ".rst .rest .adoc .asciidoc .textile".split()
)
_LOG_NAME = re.compile(r".*\.log(\.\d+)?(\.txt)?", re.I)


def _data_or_code_name(sample: Sample) -> str | None:
    suffix = os.path.splitext(sample.name)[1].lower()
    if suffix in _DATA_SUFFIXES:
        return f"a {suffix} file"
    if _LOG_NAME.fullmatch(sample.name):
        return f"{sample.name} is named as a log"
    return None


# --- Rules on the first lines --------------------------------------------------------------------

#: A word of running text: letters (an apostrophe inside), maybe in brackets or quotes, maybe
#: followed by punctuation.
_WORD = re.compile(r"[(\"'“‘]?[^\W\d_]+(?:['’][^\W\d_]+)*[)\"'”’]?[,.;:!?…)\"'”’]*")
_SENTENCE_END = re.compile(r"[.;:!?…,][)\"'”’]*$")
#: A long number, cut with a backslash as bc prints it.
_NUMBER = re.compile(r"[-+]?[\d.]+\\?")
#: Sentence punctuation at a word's end, or anywhere in text written without spaces.
_STOP = re.compile(r"[.;:!?…,][)\"'”’]*$|[。、，．！？；：]")


def _prose_line(line: str) -> bool:
    """Six or more tokens, three in four of them words: a line of running text."""
    tokens = line.split()
    if len(tokens) < 6:
        return False
    words = sum(1 for token in tokens if _WORD.fullmatch(token))
    return words * 4 >= len(tokens) * 3


def _share(count: int, total: int, at_least: float) -> bool:
    return total > 0 and count >= total * at_least


def _most(lines: Sequence[str], test: Callable[[str], object], at_least: float) -> int:
    """How many ``lines`` pass ``test``: 0 as soon as fewer than ``at_least`` of them can."""
    allowed = len(lines) - len(lines) * at_least  # the misses that still leave enough
    passed = missed = 0
    for line in lines:
        if test(line):
            passed += 1
        else:
            missed += 1
            if missed > allowed:
                return 0
    return passed


def _shebang(sample: Sample) -> str | None:
    if sample.lines and sample.lines[0].startswith("#!"):
        return "it starts with #! (a script)"
    return None


# Markup whose line breaks and marks carry meaning, saved as text: a Vim help file opens with
# its "*name.txt*" tag; AsciiDoc has labelled-list terms alone on a line ("tar.umask::") and
# preprocessor lines ("ifdef::git-am[]", "include::other.adoc[]").
_VIM_HELP_HEAD = re.compile(r"\*[\w.-]+\.txt\*\s")
_ASCIIDOC_LINE = re.compile(
    r"[A-Za-z][\w.<>*-]*::\s*$|(?:ifdef|ifndef|ifeval|endif|include)::[^\s\[]*\[[^\]]*\]\s*$"
)


# reStructuredText (Sphinx and Django keep their documentation in .txt files): an explicit
# markup line, a directive ".. note::", a substitution ".. |name| image::", a link target
# ".. _label:" or a footnote ".. [#note]", or a paragraph ending in "::" over the indented
# literal block it introduces. Joined or unindented, a directive's options and body, a
# literal block, fall out of it.
_REST_EXPLICIT = re.compile(
    r"""[ \t]*\.\.[ \t]+(?:
        (?:\|[^|\n]+\|[ \t]+)?[A-Za-z][\w:+.-]*::(?:[ \t]|$)   # a directive
      | _[^:\n]+:(?:[ \t]|$)                                  # a link target
      | \[[^\]\s]+\](?:[ \t]|$)                                # a footnote or citation
    )""",
    re.X,
)
_INDENT = re.compile(r"[ \t]*")


def _rest_markup(lines: Sequence[str]) -> str | None:
    for n, line in enumerate(lines):
        if _REST_EXPLICIT.match(line):
            return f"reStructuredText markup ({line.strip()[:40]})"
        if (
            line.rstrip().endswith("::")
            and n + 1 < len(lines)
            and _INDENT.match(lines[n + 1]).end() > _INDENT.match(line).end()  # type: ignore[union-attr]
        ):
            # (an AsciiDoc term of several words over its indented description too)
            return f"a line ending in '::' over an indented block ({line.strip()[-40:]})"
    return None


def _markup(sample: Sample) -> str | None:
    lines = sample.lines
    if lines and _VIM_HELP_HEAD.match(lines[0]):
        return "it opens as a Vim help file does (*name.txt*)"
    if "::" in sample.text:
        found = next((line for line in lines if _ASCIIDOC_LINE.match(line)), None)
        if found is not None:
            return f"AsciiDoc markup ({found.strip()[:40]})"
    if "::" in sample.text or ".. " in sample.text:  # (a link target needs no "::")
        return _rest_markup(lines)
    return None


# "-- go.mod --": a file in a Go txtar archive (and the test scripts built on it).
_TXTAR_MARKER = re.compile(r"-- (\S+) --")
_FILE_LIKE = re.compile(r".*(\w\.\w|/).*")


def _txtar(sample: Sample) -> str | None:
    if "-- " not in sample.text:
        return None
    for line in sample.lines:
        if not line.startswith("-- "):
            continue
        found = _TXTAR_MARKER.fullmatch(line.rstrip())
        if found and _FILE_LIKE.fullmatch(found.group(1)):
            return f"a txtar file marker {line.strip()!r}"
    return None


# A command's first word, after an optional "!" (expect failure) or "[condition]" (Go scripts).
_COMMAND_START = re.compile(r"(?:!\s*|\[[^\]\s]+\]\s*|\$\s+)?[a-z][\w.+-]*(?:\s|$)")
_SHELL_TOKEN = re.compile(r"-{1,2}[A-Za-z]|.*[=$/'\"|><*{}\\]")
_LIST_ITEM = re.compile(r"[-*+•]\s|\d+[.)]\s")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _command_script(sample: Sample) -> str | None:
    """``#`` comments and command lines: a shell script, a Go test script, a config."""
    if "#" not in sample.text:
        return None
    comments = commands = shellish = 0
    for line in sample.lines:
        stripped = line.strip()
        if stripped == "#" or stripped.startswith("# "):
            comments += 1
            continue
        if (
            _prose_line(_QUOTED.sub("", stripped))  # a command's quoted message is no prose
            or _LIST_ITEM.match(stripped)
            or not _COMMAND_START.match(stripped)
            or (_SENTENCE_END.search(stripped) and not stripped.endswith(" ."))
        ):
            return None
        commands += 1
        if any(_SHELL_TOKEN.match(token) for token in stripped.split()) or stripped[0] in "![$":
            shellish += 1
    if comments and commands >= 3 and _share(shellish, commands, 0.5):
        return f"{comments} comment and {commands} command lines"
    return None


# A comment after a word list's entry, or on a line of its own: "og   | and" in Snowball's
# stop-word lists (Sphinx ships them as .txt), "# …" in others.
_ENTRY_COMMENT = re.compile(r"(?:^|[ \t]+)[|#].*")


def _word_list(sample: Sample) -> str | None:
    """One word a line (a spelling dictionary, a list of names, a stop-word list whose words
    carry comments): never a paragraph."""
    lines: Sequence[str] = sample.lines
    if "|" in sample.text or "#" in sample.text:
        entries = (_ENTRY_COMMENT.sub("", line.lstrip()) for line in lines)
        lines = [entry for entry in entries if entry.strip()]
        if len(lines) < 8 or sum(line.count(" ") for line in lines) > 2 * len(lines):
            return None
    elif len(lines) < 8 or sample.text.count(" ") > 2 * len(lines):
        return None
    single = _most(lines, lambda line: len(line.split()) == 1, 0.9)
    if not single:
        return None
    # Scripts written without spaces (Japanese, Chinese) put a whole sentence on a line (a long
    # number, a test's expected result, is no sentence).
    words = [line.strip() for line in lines]
    stops = sum(
        1
        for word in words
        if (len(word) > 40 and not _NUMBER.fullmatch(word)) or _STOP.search(word)
    )
    if stops * 20 <= single:
        return f"{single} of {len(lines)} lines are a single word"
    return None


# A file path or glob pattern, maybe negated as .gitignore writes it: "*.log", "build/",
# "!keep.txt", ".cache", "**/out/**", "Thumbs.db".
_PATH_LIKE = re.compile(r"!?(?:\S*[*/\\]\S*|\.\w\S*|\S*\w\.\w\S*)")


def _path_list(sample: Sample) -> str | None:
    """One token a line, ``#`` comments aside, and a file path or glob pattern among them (an
    ignore file, a manifest): a list too short for ``word-list``, which joined would be one
    line of patterns, or split into paragraphs one entry each."""
    if "\x1b" in sample.text:  # ISO-2022 text: its escaped letters may look like paths
        return None
    entries = [line.strip() for line in sample.lines if not line.lstrip().startswith("#")]
    if not entries or any(" " in entry or "\t" in entry for entry in entries):
        return None
    paths = sum(1 for entry in entries if _PATH_LIKE.fullmatch(entry))
    # (Chinese and Japanese put a whole sentence on a line without a space: its stops tell.)
    if not paths or any(
        _STOP.search(entry) and not _PATH_LIKE.fullmatch(entry) for entry in entries
    ):
        return None
    return f"{paths} of {len(entries)} lines are file paths or patterns, the others one word"


_REQUIREMENT = re.compile(
    r"""
    (?: -[rcei]\s*\S+ | --[a-z][a-z-]*(?:[\s=]\S+)?           # pip options: -r other.txt
      | [A-Za-z0-9][\w.-]*(?:\[[\w.,\s-]*\])?\s*             # a name, maybe with extras
        (?: @\s*\S+                                          # a direct reference
          | (?:(?:===?|>=|<=|~=|!=|<|>)\s*[\w.*+!-]+\s*,?\s*)*   # version specifiers
        )
        (?:;.*)?                                             # environment markers
    )
    (?:\s+\#.*)?
    """,
    re.X,
)
_SPECIFIER = re.compile(r"===?|>=|<=|~=|!=|[<>@]|^-")


def _requirement_list(sample: Sample) -> str | None:
    count = pinned = 0
    for line in sample.lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if not _REQUIREMENT.fullmatch(stripped):
            return None
        count += 1
        pinned += bool(_SPECIFIER.search(stripped))
    if count >= 2 and pinned:
        return f"{count} lines are package requirements"
    return None


_LOG_LINE = re.compile(
    r"""\[?(?:
        \d{4}-\d{2}-\d{2}[T\s]\d{1,2}:\d{2}                 # 2024-05-01 12:30 / ISO 8601
      | \d{1,2}:\d{2}:\d{2}                                 # 12:30:05
      | [A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}         # syslog: May  1 12:30:05
      | (?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL)\b
    )""",
    re.X,
)


_LOG_LEVELS = ("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL", "CRITICAL")


def _log(sample: Sample) -> str | None:
    # Each line _LOG_LINE takes holds a clock time (a ":") or a level. (str.count and "in"
    # scan at C speed; a regex of alternatives over the whole sample is twenty times slower.)
    text = sample.text
    if 2 * text.count(":") < len(sample.lines) and not any(level in text for level in _LOG_LEVELS):
        return None
    stamped = _most(sample.lines, _LOG_LINE.match, 0.5)
    if stamped >= 3:
        return f"{stamped} of {len(sample.lines)} lines start with a time or a log level"
    return None


def _delimited(sample: Sample) -> str | None:
    """CSV, TSV: the same number of delimiters on almost every line."""
    lines = sample.lines
    if len(lines) < 4:
        return None
    for delimiter, label in (("\t", "tab"), (",", "comma"), (";", "semicolon")):
        if sample.text.count(delimiter) < 0.8 * len(lines):
            continue
        if not _most(lines, lambda line, d=delimiter: d in line, 0.8):
            continue
        counts = Counter(line.lstrip("\t ").count(delimiter) for line in lines)
        columns, rows = counts.most_common(1)[0]
        if columns == 0 or not _share(rows, len(lines), 0.8):
            continue
        if delimiter == "\t" or (columns >= 3 and not any(_prose_line(line) for line in lines)):
            return f"{rows} of {len(lines)} lines hold {columns} {label}s each"
        # One or two commas a line is common in prose too: data has no space after them.
        tight = sum(1 for line in lines if delimiter in line and f"{delimiter} " not in line)
        if _share(tight, len(lines), 0.8):
            return f"{rows} of {len(lines)} lines hold {columns} {label}s each"
    return None


# Table borders and compiler diagnostics: "| a | b |", "+---+", " --> src/main.rs:3:5", "2 | x".
_FRAMED = re.compile(r"\s*(?:\||\+[-=+]|-->|\d+\s+\||[│├└┌┐┘┬┴┼╭╰║╔╚═─])")
_BOX_DRAWING = "│├└┌┐┘┬┴┼╭╰║╔╚═─"
_PROMPT = re.compile(r"\$ [a-z./]")


def _command_output(sample: Sample) -> str | None:
    lines = sample.lines
    if lines and _PROMPT.match(lines[0]):
        return "it starts with a shell prompt ($ ...)"
    # Each line _FRAMED takes holds "|", "+" or "-->", or draws boxes.
    text = sample.text
    marks = text.count("|") + text.count("+") + text.count("-->")
    if not text.isascii():
        marks += sum(text.count(char) for char in _BOX_DRAWING)
    if marks < 0.3 * len(lines):
        return None
    framed = _most(lines, _FRAMED.match, 0.3)
    if framed >= 3:
        return f"{framed} of {len(lines)} lines are table borders or diagnostics"
    return None


_SECTION = re.compile(r"\[[^\]\s][^\]]*\]")
_KEY_VALUE = re.compile(r"[\w.-]+\s*([=:])\s*\S.*")


def _settings(sample: Sample) -> str | None:
    """INI-like files (``entry_points.txt``, ``setup.cfg``) and ``KEY=value`` lists."""
    text = sample.text
    if text.count("=") + text.count(":") + text.count("[") < 0.7 * len(sample.lines):
        return None
    if not _most(sample.lines, lambda line: "=" in line or ":" in line or "[" in line, 0.7):
        return None
    lines = [line.strip() for line in sample.lines if not line.lstrip().startswith(("#", ";"))]
    if len(lines) < 2:
        return None
    sections = sum(1 for line in lines if _SECTION.fullmatch(line))
    pairs = [found.group(1) for line in lines if (found := _KEY_VALUE.fullmatch(line))]
    if sections and _share(sections + len(pairs), len(lines), 0.7):
        return f"{sections} [section] and {len(pairs)} key = value lines"
    equals = pairs.count("=")
    if len(lines) >= 3 and _share(equals, len(lines), 0.8):
        return f"{equals} of {len(lines)} lines are KEY=value settings"
    return None


# How a line of code starts; how it ends is looked at with string methods (_code_line).
_CODE_START = re.compile(
    r"""(?:
        \#\s*(?:include|define|ifn?def|if|endif|pragma|import)\b
      | (?:import|package|using|namespace)\s+[\w.:]+\s*;?\s*$
      | from\s+[\w.]+\s+import\s
      | (?:def|class|func|fn|function|struct|enum|impl|interface|trait)\s+\w+\s*[(<:{\s]
      | (?:const|let|var|val)\s+\w+\s*[:=]
      | (?:return|break|continue)\b.*;\s*$
      | (?:public|private|protected|static)\s
      | (?:if|for|while|switch)\s*\(
      | //
      | /\*
      | \*/
      | [A-Za-z_]\w*\(                           # a call starts the line: CMake, Bazel
      | [A-Z_][A-Z0-9_]*\s*[:+?]?=               # a Make variable
    )""",
    re.X,
)


def _code_line(line: str) -> bool:
    stripped = line.strip()
    last = stripped[-1:]
    if last in ("{", "}") or stripped == ")":  # a block opens or closes
        return True
    if last == ";" and ("=" in stripped or "(" in stripped):  # verse ends in ";" too
        return True
    return bool(_CODE_START.match(stripped)) and not _prose_line(stripped)


def _code(sample: Sample) -> str | None:
    # Code is full of these; a file with few of them has too few lines of code to count.
    if sum(sample.text.count(mark) for mark in "{};(=#/") < 0.2 * len(sample.lines):
        return None
    code = _most(sample.lines, _code_line, 0.4)
    if code >= 3:
        return f"{code} of {len(sample.lines)} lines look like code"
    return None


def _front_matter(sample: Sample) -> str | None:
    """A text file that opens with front matter is a site generator's page (Jekyll, Hugo).

    Its first lines are settings the generator reads, and its body is passed on as written:
    plain-text rules would join or drop the fences.
    """
    # (The sample's lines leave blank ones out: front matter after blank lines counts too.)
    if front_matter_end(sample.lines):
        return f"it opens with {sample.lines[0].rstrip()} front matter (a site generator's page)"
    return None


# -- Rules on the first lines of any file, Markdown too -----------------------------------------

#: How many of a file's first (non-blank) lines may say it is generated.
GENERATED_HEAD_LINES = 5
# A file made by a tool says so in its first lines, mostly in a comment: Go's "Code generated
# by stringer; DO NOT EDIT.", "<!-- DO NOT EDIT: generated from docs/src -->", "@generated",
# "This file is automatically generated by …". Capitals alone for "DO NOT EDIT" (prose asks
# readers not to edit things in lower case); "generated" with "file" or "do not edit" else.
_GENERATED = re.compile(
    r"\bDO NOT (?:EDIT|MODIFY)\b|@generated\b"
    r"|(?i:\b(?:this|the) file (?:is|was|has been) (?:\w+ )?(?:auto-?)?generated\b)"
    r"|(?i:\bgenerated\b.*\b(?:do not|don't) (?:edit|modify)\b)"
)


def _generated(sample: Sample) -> str | None:
    """A generated file is remade by its tool: an edit of it would be lost, or fail a check
    that it is as the tool writes it."""
    for number, line in enumerate(sample.lines[:GENERATED_HEAD_LINES], 1):
        found = _GENERATED.search(line)
        if found:
            return f"its line {number} says it is generated ({found.group(0)!r})"
    return None


def _test_cases(sample: Sample) -> str | None:
    """markdown-it's test-case files (its plugins', MyST's): a title, then the input and the
    output it must give, each case's three parts between lines that are only ".". A test
    compares the output byte for byte, and the input is kept as the case was written. (A
    file of one long case has few such lines, but its second line is one, under the title.)"""
    dots = sample.lines.count(".")
    if dots >= 3 and (dots * 10 >= len(sample.lines) or sample.lines[1] == "."):
        return f'{dots} of its {len(sample.lines)} lines are "." (test cases: input, output)'
    return None


#: Rules for any file, Markdown too.
ANY_KIND_RULES: tuple[NamedRule, ...] = (NamedRule("licence", _licence),)
#: Rules on a text file's name, answered without opening it.
NAME_RULES: tuple[NamedRule, ...] = (
    *ANY_KIND_RULES,
    NamedRule("build-file", _build_file),
    NamedRule("requirement-list", _requirement_list_name),
    NamedRule("machine-read", _machine_read),
    NamedRule("data-or-code", _data_or_code_name),
)
#: Rules on the first lines of any file, Markdown too.
ANY_KIND_CONTENT_RULES: tuple[NamedRule, ...] = (
    NamedRule("generated", _generated),
    NamedRule("test-cases", _test_cases),
)
#: Rules on a text file's first lines.
CONTENT_RULES: tuple[NamedRule, ...] = (
    *ANY_KIND_CONTENT_RULES,
    NamedRule("front-matter", _front_matter),
    NamedRule("markup", _markup),
    NamedRule("script", _shebang),
    NamedRule("txtar", _txtar),
    NamedRule("requirement-list", _requirement_list),
    NamedRule("word-list", _word_list),
    NamedRule("log", _log),
    NamedRule("delimited-data", _delimited),
    NamedRule("command-output", _command_output),
    NamedRule("settings", _settings),
    NamedRule("command-script", _command_script),
    NamedRule("code", _code),
    NamedRule("path-list", _path_list),
)


def sample_lines(head: bytes, *, complete: bool) -> tuple[str, ...] | None:
    """The non-blank lines of a file's first bytes (None when they are not ASCII-based text).

    ``complete`` says whether ``head`` is the whole file; if not, its last line may be cut
    and is left out.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
            break
    else:
        if b"\x00" in head:  # UTF-16 without a BOM, or binary: the converter decides
            return None
        text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not complete:
        lines = lines[:-1]
    return tuple(line for line in lines[:SAMPLE_LINES] if line.strip())


def _first(rules: Sequence[NamedRule], sample: Sample) -> str | None:
    for rule in rules:
        why = rule.test(sample)
        if why:
            return f"not prose ({rule.name}: {why})"
    return None


def _parts(relative: str) -> tuple[str, tuple[str, ...]]:
    parts = [part for part in relative.replace(os.sep, "/").split("/") if part not in ("", ".")]
    return (parts[-1] if parts else ""), tuple(parts[:-1])


def name_verdict(relative: str, *, markdown: bool) -> str | None:
    """Why a file is not prose from its path alone (``relative``, "/"-separated), or None."""
    name, folders = _parts(relative)
    sample = Sample(name, folders, ())
    return _first(ANY_KIND_RULES if markdown else NAME_RULES, sample)


def content_verdict(
    relative: str, head: bytes, *, complete: bool, markdown: bool = False
) -> str | None:
    """Why a file is not prose from its first bytes ``head``, or None (a Markdown file is
    asked only the rules for any kind of file)."""
    lines = sample_lines(head, complete=complete)
    if not lines:
        return None
    name, folders = _parts(relative)
    rules = ANY_KIND_CONTENT_RULES if markdown else CONTENT_RULES
    return _first(rules, Sample(name, folders, lines, "\n".join(lines)))


def read_head(path: str) -> tuple[bytes, bool] | None:
    """A regular file's first ``SAMPLE_BYTES`` and whether that is all of it; None otherwise.

    The file is opened without blocking, so a FIFO put where a file was never stalls.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        head = os.read(fd, SAMPLE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return head[:SAMPLE_BYTES], len(head) <= SAMPLE_BYTES


def verdict(path: str, relative: str, *, markdown: bool) -> str | None:
    """Why reflow leaves this file alone as not prose, or None: it is prose (or cannot tell).

    ``relative`` is the path the rules see (under the folder walked, or as named).
    A file's first lines are read too: a text file's by every content rule, a Markdown
    file's only by those for any kind of file (it says it is generated).
    """
    why = name_verdict(relative, markdown=markdown)
    if why:
        return why
    found = read_head(path)
    if found is None:  # unreadable or not a file: the converter reports it
        return None
    head, complete = found
    return content_verdict(relative, head, complete=complete, markdown=markdown)
