"""The names of the Markdown dialects (a module of its own, so that --help loads nothing else)."""

#: Markdown dialects (``--dialect``); ``auto`` detects one (see ``reflow.dialects``).
DIALECTS = (
    "commonmark",
    "gfm",
    "jekyll",
    "hugo",
    "mkdocs",
    "myst",
    "pandoc",
    "mdx",
    "obsidian",
    "hexo",
)
