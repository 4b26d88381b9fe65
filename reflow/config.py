"""Find and read the ``[tool.reflow]`` settings of a project (pyproject.toml or .reflow.toml)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import OptionsError

if TYPE_CHECKING:
    from pathlib import Path

#: Checked in this order in each folder: a dedicated file wins over pyproject.toml (as ruff's).
CONFIG_NAMES = (".reflow.toml", "pyproject.toml")
#: The search stops at the top of a repository, like black's, isort's and mdformat's.
_REPO_MARKERS = (".git", ".hg")

# Keys are the long option names without "--"; the value is the option's parameter name and
# the TOML type it must have. Modes (-i, --check, --out-dir) are left to the command line:
# a config file that silently rewrote files would surprise.
KEYS: dict[str, tuple[str, type | tuple[type, ...]]] = {
    "to": ("to", str),
    "from": ("source", str),
    "width": ("width", int),
    "wrap": ("wrap", (str, int)),  # a style name or a number of columns
    "encoding": ("encoding", str),
    "dialect": ("dialect", str),
    "keep-duplicates": ("keep_duplicates", bool),
    "drop-repeats": ("drop_repeats", bool),
    "body-only": ("body_only", bool),
    "no-repair": ("no_repair", bool),
    "no-dehyphenate": ("no_dehyphenate", bool),
    "include": ("include", list),
    "exclude": ("exclude", list),
    "force-exclude": ("force_exclude", bool),
    "respect-gitignore": ("respect_gitignore", bool),
    "line-ending": ("line_ending", str),
    "output-encoding": ("output_encoding", str),
    "jobs": ("jobs", int),
    "scheduler": ("scheduler", str),
    "fast": ("fast", bool),
}

#: Settings a repository's file may not make, with why: they would send its files over the
#: network or turn the safety check off. Only the command line or the environment sets them.
UNTRUSTED = {
    "scheduler": "a configuration file cannot send files to a scheduler "
    "(use --scheduler or REFLOW_SCHEDULER)",
    "fast": "a configuration file cannot turn the safety check off (use --fast or REFLOW_FAST)",
}

_TYPE_NAMES: dict[type | tuple[type, ...], str] = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list of strings",
    (str, int): "a string or a whole number",
}


class ConfigError(OptionsError):
    """A configuration file cannot be read or holds a key or value reflow does not accept."""


def _start(paths: Sequence[str], cwd: str) -> str:
    """The folder the search starts from: the common folder of ``paths`` (cwd for stdin)."""
    folders = []
    for path in paths:
        if path == "-":
            folders.append(cwd)
            continue
        absolute = os.path.abspath(os.path.join(cwd, path))
        folders.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    return os.path.commonpath(folders) if folders else cwd


def _has_reflow_table(pyproject: str | Path) -> bool:
    return "reflow" in _read_toml(pyproject).get("tool", {})


def find_config(paths: Sequence[str], cwd: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest ``.reflow.toml``, or ``pyproject.toml`` with ``[tool.reflow]``, above ``paths``.

    The search goes up from the paths' common folder and stops after the top of
    a git or Mercurial repository; None when nothing is found.
    """
    # Plain os.path strings: every run searches, and pathlib costs ~4 ms to import.
    folder = _start(paths, os.fspath(cwd) if cwd is not None else os.getcwd())
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (
                name != "pyproject.toml" or _has_reflow_table(candidate)
            ):
                from pathlib import Path

                return Path(candidate)
        if any(os.path.exists(os.path.join(folder, marker)) for marker in _REPO_MARKERS):
            return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_toml(path: str | Path) -> dict[str, object]:
    import tomllib  # ~4 ms: loaded only when there is a file to read

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except IsADirectoryError:
        message = f"{path}: is a folder, not a configuration file"
        raise ConfigError(message) from None
    except OSError as error:
        message = f"{path}: {(error.strerror or str(error)).lower()}"
        raise ConfigError(message) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        message = f"{path}: not valid TOML: {error}"
        raise ConfigError(message) from None


def _suggest(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, KEYS, n=1)
    return f"did you mean {close[0]!r}?" if close else f"known: {', '.join(KEYS)}"


def load_config(path: Path) -> dict[str, object]:
    """The settings in ``path`` as ``{parameter name: value}``, each key and type checked.

    In a ``pyproject.toml`` the settings are the ``[tool.reflow]`` table; any other
    file holds them at its top level.
    """
    data = _read_toml(path)
    table: object = data
    where = "the file"
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("reflow", {})  # type: ignore[union-attr]
        where = "[tool.reflow]"
    if not isinstance(table, dict):
        message = f"{path}: {where} must be a table"
        raise ConfigError(message)
    if path.name != "pyproject.toml" and isinstance(table.get("tool"), dict):
        # pyproject.toml's table copied over whole: "tool" is no key, nor close to "to".
        message = (
            f"{path}: [tool.reflow] belongs in pyproject.toml; {path.name} takes the keys "
            "at its top level (width = 72, not under a table)"
        )
        raise ConfigError(message)
    settings: dict[str, object] = {}
    for key, value in table.items():
        spelled = key.replace("_", "-")
        if spelled not in KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} in {where} ({_suggest(spelled)})")
        name, kind = KEYS[spelled]
        # bool is an int in Python: `width = true` must still be refused.
        wrong_bool = kind is int and isinstance(value, bool)
        wrong_list = isinstance(value, list) and not all(isinstance(v, str) for v in value)
        if not isinstance(value, kind) or wrong_bool or wrong_list:
            message = f"{path}: {key!r} must be {_TYPE_NAMES[kind]}, not {value!r}"
            raise ConfigError(message)
        settings[name] = tuple(value) if isinstance(value, list) else value
    return settings
