"""Files of a content repository that are not prose, and prose that must still be converted.

Every text here was written for reflow's tests. Each non-prose sample is stored under a name
its name rules do not catch too (``NOT_PROSE``), so that the content rules are tested; the
scratch repositories also give them their usual names.
"""

from __future__ import annotations

CMAKE = """\
cmake_minimum_required(VERSION 3.16)
project(harbour LANGUAGES C)

add_executable(harbour
  src/main.c
  src/tide.c
)
target_link_libraries(harbour PRIVATE m)
install(TARGETS harbour DESTINATION bin)
"""

REQUIREMENTS = """\
# pinned for the documentation build
click>=8.1,<9
ftfy==6.3.1
pathspec ~= 0.12
-r base.txt
tomli; python_version < "3.11"
"""

# An aspell personal dictionary: a header line, then one word a line.
WORD_LIST = """\
personal_ws-1.1 en 11
bollard
capstan
gunwale
hawser
keelson
lanyard
mizzen
painter
scupper
thwart
windlass
"""

# A Go test script in a txtar archive: commands, then the files they work on.
TXTAR_SCRIPT = """\
# The tide table builds and prints its first entry.
go build -o $WORK/tide ./cmd/tide
exec $WORK/tide
stdout '^high water'
! stderr .

-- go.mod --
module example.com/tide

go 1.22
-- cmd/tide/main.go --
package main

import "fmt"

func main() {
\tfmt.Println("high water at 06:12")
}
"""

# A Go test script without files: "#" comments and commands.
COMMAND_SCRIPT = """\
# Running without arguments prints the usage.
! exec tide
stderr 'usage: tide \\[-station N\\]'

# An unknown flag is refused.
! exec tide -bogus
stderr 'flag provided but not defined: -bogus'
"""

ENTRY_POINTS = """\
[console_scripts]
tide = tide.cli:main
tide-admin = tide.admin:run

[tide.plugins]
moon = tide.plugins.moon:MoonPhase
"""

LOG = """\
2026-03-02 09:14:07 INFO starting the tide server on port 8080
2026-03-02 09:14:07 INFO loaded 412 stations from stations.db
2026-03-02 09:15:31 WARNING station 17 sent no reading for ten minutes
2026-03-02 09:16:02 ERROR cannot reach the upstream feed: timed out
2026-03-02 09:16:32 INFO upstream feed back after one retry
"""

CSV = """\
station,time,height_m
17,06:12,2.41
17,12:30,0.38
18,06:20,2.55
18,12:41,0.29
"""

TSV = "station\ttime\theight\n17\t06:12\t2.41\n17\t12:30\t0.38\n18\t06:20\t2.55\n"

# What a build printed, pulled into a book's chapter by an include directive.
COMMAND_OUTPUT = """\
$ cargo run
   Compiling tide v0.1.0 (file:///projects/tide)
error[E0308]: mismatched types
 --> src/main.rs:4:23
  |
4 |     let height: u32 = "high";
  |                 ---   ^^^^^^ expected `u32`, found `&str`
  |                 |
  |                 expected due to this
"""

TABLE_OUTPUT = """\
+---------+--------+
| station | height |
+---------+--------+
| 17      | 2.41   |
| 18      | 2.55   |
+---------+--------+
"""

C_CODE = """\
#include <stdio.h>

int main(void) {
    double height = 2.41;
    printf("high water: %.2f m\\n", height);
    return 0;
}
"""

SETTINGS = """\
TIDE_PORT=8080
TIDE_STATIONS=/var/lib/tide/stations.db
TIDE_LOG_LEVEL=info
"""

SHELL_SCRIPT = """\
#!/bin/sh
set -eu
tide --station 17 > today.txt
"""

#: name -> (text, the rule that must stop it)
JEKYLL_TEXT_PAGE = """\
---
permalink: /crew/
---

Keeper: Ansel Varga
Cook: Rosa Quint
"""

HUGO_TEXT_PAGE = """\
+++
title = "Tide tables"
+++
The tables below were copied from the harbour office's board every
morning at seven.
"""

ASCIIDOC = """\
harbour.<station>::
\tThe file the tide tables are read from. Defaults to the
\tone in the harbour master's folder.

ifdef::with-ferries[]
See the ferry timetable for the crossings.
endif::with-ferries[]
"""

VIM_HELP = """\
*tides.txt*\tFor Tide version 2.1.  Last change: 2026 Dec 07

\t\t  TIDE TABLES REFERENCE\t\t\t\t*tides*

1. Reading a table\t\t\t\t\t|tides-reading|
2. Stations\t\t\t\t\t\t|tides-stations|
"""

# reStructuredText as Sphinx and Django keep it in .txt files: a directive with an option.
REST_DIRECTIVE = """\
Reading the tables
==================

.. note::
   :class: margin

   The tables are read at seven, before the
   first ferry leaves.
"""

# reStructuredText with no directive: a paragraph ending in "::" over its literal block.
REST_LITERAL = """\
The reader takes the number of a station and prints the table
for today, as in::

    tide --station 17
    tide --station 18

Each line of the table is one high or low water.
"""

# A reStructuredText file of link targets only (included by other pages): no "::" in it.
REST_TARGETS = """\
.. Targets for the harbour pages. Include this file to use them.

.. _tide tables: https://tides.example.org/tables
.. _ferry timetable: https://ferry.example.org/times
"""

# A Snowball stop-word list: comments after a bar, on their own lines or after each word.
STOP_WORDS = """\
 | A short list of harbour words, commonest first. Comments
 | begin with a vertical bar.

quay           | where boats tie up
buoy           | a float that marks
ebb            | the falling tide
flood          | the rising tide
neap
spring         | the largest range
berth
slip           | a ramp into the water
"""

#: A calculator test's expected results: one number a line, the long ones cut with "\\".
RESULTS = """\
0
1
2
12
720
1998
-14338.391079082
31415926535897932384626433832795028841971693993751\\
05820974944592307816406286
3.14159265358979323846264338327950288419716939937510582
"""

#: An ignore file too short for a word list: two patterns and a bare name under a comment.
IGNORE_PATTERNS = """\
# Made by the tide tables build
*.tidecache
charts/out/
soundings
"""

# A file a tool writes, saying so in its first line: hard-wrapped prose, left for the tool.
GENERATED_TEXT = """\
# Code generated by tidegen from tides.yaml. DO NOT EDIT.

The tide tables for the north harbour are computed from the
soundings of last spring, and corrected for the new breakwater,
which moved the slack water by about ten minutes.
"""

# Markdown generated from the source's comments: the same, in an HTML comment.
GENERATED_MARKDOWN = """\
<!-- This file is automatically generated by tidedoc; edit tides.py instead. -->
# tides

Compute the height of the tide at a harbour for a given hour, from
the harbour's constants and the soundings that were taken there.
"""

# markdown-it's test cases in Markdown (a plugin's tests): a title, the input and the HTML
# it must give, between lines that are only "."; the input's breaks are the case's own.
TEST_CASES_MARKDOWN = """\
Tide link:
.
See the {tide}`north
harbour` table.
.
<p>See the <a href="#north-harbour">north harbour</a> table.</p>
.

Tide link in a list:
.
- {tide}`south`
.
<ul>
<li><a href="#south">south</a></li>
</ul>
.
"""

# Prose that only asks its readers not to change something: no tool made it.
ASKS_NOT_TO_EDIT = """\
Please do not edit the shared timetable directly; send your
changes to the harbour office, which publishes a new one each week.
"""

NOT_PROSE: dict[str, tuple[str, str]] = {
    "tide-tables.txt": (GENERATED_TEXT, "generated"),
    "tide-roles.txt": (TEST_CASES_MARKDOWN, "test-cases"),
    "results.txt": (RESULTS, "word-list"),
    "harbour-words.txt": (STOP_WORDS, "word-list"),
    "reading.txt": (REST_DIRECTIVE, "markup"),
    "usage.txt": (REST_LITERAL, "markup"),
    "links.txt": (REST_TARGETS, "markup"),
    "tides-config.txt": (ASCIIDOC, "markup"),
    "tides-help.txt": (VIM_HELP, "markup"),
    "crew.txt": (JEKYLL_TEXT_PAGE, "front-matter"),
    "tides.txt": (HUGO_TEXT_PAGE, "front-matter"),
    "cmake-notes.txt": (CMAKE, "code"),
    "pins.txt": (REQUIREMENTS, "requirement-list"),
    "nautical-words.txt": (WORD_LIST, "word-list"),
    "harbour-ignore.txt": (IGNORE_PATTERNS, "path-list"),
    "tide-build.txt": (TXTAR_SCRIPT, "txtar"),
    "tide-usage.txt": (COMMAND_SCRIPT, "command-script"),
    "plugins.txt": (ENTRY_POINTS, "settings"),
    "server-run.txt": (LOG, "log"),
    "readings.txt": (CSV, "delimited-data"),
    "readings-tabs.txt": (TSV, "delimited-data"),
    "output.txt": (COMMAND_OUTPUT, "command-output"),
    "heights.txt": (TABLE_OUTPUT, "command-output"),
    "snippet.txt": (C_CODE, "code"),
    "environment.txt": (SETTINGS, "settings"),
    "fetch.txt": (SHELL_SCRIPT, "script"),
}

# --- prose, which the rules must let through ---------------------------------------------------

ARTICLE = """\
The harbour committee met on a grey morning and agreed, after
some argument, to repaint the lighthouse before the autumn
storms arrived in earnest.

Nobody could say when it had last been painted. The oldest
member, who had kept the minutes for thirty years, thought it
was the spring of the flood; others said it was later.
"""

README = """\
Tide tables for small harbours
==============================

This program prints the times of high and low water for the
stations you name, from the readings it keeps in a small file.

# Install

  pip install tide
  tide --init

Then run it with the number of your station, for example 17,
and it prints today's table. See the manual for the other
options; most people never need them.
"""

NOTES = """\
# Saturday

- buy rope for the dinghy / ask about the price of oars
- call the harbour master about the mooring
- Write to Ana about the race

# Later

The mooring fee went up again this year, which nobody
expected after the meeting in March.
"""

POEM = """\
The tide comes in
and the tide goes out,
the gulls complain
and the bollards stand;
a rope lies coiled
where the painter left it,
and nobody asks
who will paint the light.
"""

DIARY = """\
2026-03-01: Windy. We stayed in and mended the sail, which had
torn along the seam near the head.

2026-03-02: Calm at last. Out at nine, back by noon with two
fish and a sunburn.

2026-03-03: Rain all day; read the tide tables and slept.
"""

EMAIL = """\
From: Ana <ana@example.org>
To: harbour committee
Subject: the lighthouse

Dear all,

> Could we wait for the spring before we paint?

I would rather not: the storms start in October, and the
scaffold is free until the end of September.

--\x20
Ana
"""

# A scraped page: navigation words on lines of their own, then the article.
SCRAPED = """\
Home
News
Sport
Weather
Harbour

Lighthouse to be repainted before the storms

The harbour committee agreed on Tuesday to repaint the
lighthouse before the autumn storms, after an argument about
the cost that lasted most of the morning.

The work will take three weeks, weather permitting, and the
light will stay on throughout.
"""

STORY_WITH_BREAKS = """\
-- 1 --

The boat left before dawn, with the tide, and nobody on the
quay saw it go.

-- 2 --

By noon the wind had turned, and the boat came back under a
reefed sail, slower than it had left.
"""

#: name -> text: prose files that every mode must convert.
# A rule above the text, as a mail client or a scraper leaves one: no closing fence.
RULED_NOTE = """\
---
The ferry timetable changes on the first of the month, and the
early crossing will leave ten minutes later than it does now.
"""

PROSE: dict[str, str] = {
    "ruled-note.txt": RULED_NOTE,
    "article.txt": ARTICLE,
    "README.txt": README,
    "notes.txt": NOTES,
    "poem.txt": POEM,
    "diary.txt": DIARY,
    "email.txt": EMAIL,
    "scraped.txt": SCRAPED,
    "story.txt": STORY_WITH_BREAKS,
    "timetable.txt": ASKS_NOT_TO_EDIT,
}
