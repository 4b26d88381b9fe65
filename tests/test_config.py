"""Project settings: where they are found, what they may say, and that the command line wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflow.config import ConfigError, find_config, load_config

from .test_batch import UNWRAPPED, WRAPPED, write
from .test_cli import reflow_cli


def test_the_search_goes_up_from_the_paths_and_stops_at_the_repository(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.reflow]\nwidth = 60\n")  # above the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    notes = write(repo / "docs" / "a" / "notes.txt")
    assert find_config([str(notes)]) is None
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.reflow]: not ours
    assert find_config([str(notes)]) is None
    write(repo / "docs" / "pyproject.toml", "[tool.reflow]\nwidth = 72\n")
    assert find_config([str(notes)]) == repo / "docs" / "pyproject.toml"
    write(repo / "docs" / ".reflow.toml", "width = 80\n")  # wins in the same folder
    assert find_config([str(notes)]) == repo / "docs" / ".reflow.toml"
    # Several paths: their common folder; stdin: the working folder.
    other = write(repo / "other.txt")
    assert find_config([str(notes), str(other)]) is None
    assert find_config(["-"], cwd=repo / "docs") == repo / "docs" / ".reflow.toml"


def test_keys_may_use_dashes_or_underscores(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.reflow]\nkeep-duplicates = true\nbody_only = true\nexclude = ["drafts/"]\n'
        'from = "text"\n',
    )
    assert load_config(path) == {
        "keep_duplicates": True,
        "body_only": True,
        "exclude": ("drafts/",),
        "source": "text",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("widht = 70\n", "unknown key 'widht' in the file (did you mean 'width'?)"),
        ("[tool.reflow]\nwidth = 72\n", "[tool.reflow] belongs in pyproject.toml; .reflow.toml"),
        ("colour = 1\n", "unknown key 'colour' in the file (known: to, from, width,"),
        ("width = '70'\n", "'width' must be a whole number, not '70'"),
        ("width = true\n", "'width' must be a whole number, not True"),
        ("include = ['*.txt', 3]\n", "'include' must be a list of strings, not ['*.txt', 3]"),
        ("fast = 1\n", "'fast' must be true or false, not 1"),
        ("width = \n", "not valid TOML: "),
    ],
)
def test_bad_settings_are_errors_that_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / ".reflow.toml", text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}: {message}")


def test_settings_apply_and_the_command_line_wins(tmp_path: Path) -> None:
    write(tmp_path / ".reflow.toml", 'width = 30\nto = "text"\n')
    path = write(tmp_path / "notes.txt")
    narrow = reflow_cli(str(path))
    assert narrow.code == 0
    assert max(len(line) for line in narrow.out.splitlines()) <= 30
    wide = reflow_cli("--width", "0", str(path))
    assert wide.out == UNWRAPPED


def test_to_from_a_config_counts_as_given_for_in_place(tmp_path: Path) -> None:
    write(tmp_path / ".reflow.toml", 'to = "markdown"\n')
    path = write(
        tmp_path / "year.txt", "1984. It was a cold day in the\nvillage and nobody went out.\n"
    )
    assert reflow_cli("-i", str(path)).code == 0
    assert path.read_text(encoding="utf-8").startswith("1984\\. It was a cold day")


def test_excludes_from_a_config_apply_to_folders(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml", '[tool.reflow]\ninclude = ["*.txt"]\nexclude = ["drafts/"]\n'
    )
    write(tmp_path / "drafts" / "a.txt")
    kept = write(tmp_path / "b.txt")
    run = reflow_cli("--check", "-j", "1", str(tmp_path))
    assert run.err.splitlines() == [f"would reformat {kept}", "1 file would be reformatted"]


def test_an_explicit_config_file_is_used_instead_of_the_search(tmp_path: Path) -> None:
    write(tmp_path / ".reflow.toml", "width = 30\n")
    chosen = write(tmp_path / "settings" / "wide.toml", 'to = "text"\n')
    path = write(tmp_path / "notes.txt")
    run = reflow_cli("--config", str(chosen), "-v", str(path))
    assert (run.code, run.out) == (0, UNWRAPPED)
    assert run.err.splitlines() == [f"reflow: using {chosen}"]


def test_config_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", "[tool.reflow]\nline_width = 70\n")
    path = write(tmp_path / "notes.txt", WRAPPED)
    run = reflow_cli("--check", str(path))
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith(f"reflow: error: {config}: unknown key 'line_width' in [tool.reflow]")
    write(tmp_path / "pyproject.toml", '[tool.reflow]\nto = "pdf"\n')
    bad_choice = reflow_cli("--check", str(path))
    assert bad_choice.code == 2
    assert bad_choice.err.splitlines() == [
        f"reflow: error: {config}: 'to': 'pdf' is not one of 'markdown', 'text', 'jsonl'. "
        "(see reflow --help)"
    ]
    missing = reflow_cli("--config", str(tmp_path / "nope.toml"), str(path))
    assert (missing.code, missing.err) == (
        2,
        f"reflow: error: {tmp_path / 'nope.toml'}: no such file or directory (see reflow --help)\n",
    )
