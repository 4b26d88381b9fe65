"""Start-up (issue 7): what ``reflow --version`` and a plain run load, and what --version says.

Counted, not timed: each test names the modules a command must not load. Timings are
bench/bench.py's.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path, PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reflow import __version__, compiled_modules
from reflow.api import MARKDOWN_SUFFIXES, is_markdown_name
from reflow.versions import installed_versions

from .test_cli import child_env, reflow_cli

#: Modules the start-up path has no use for. An editable install's path hook imports pathlib
#: before reflow is loaded, so the probe forgets the watched modules first, to see them again
#: only if reflow imports them.
_WATCHED = (
    "importlib.metadata",
    "pathlib",
    "tomllib",
    "dataclasses",
    "ftfy",
    "chardet",
    "markdown_it",
    "wordfreq",
    "reflow.api",
    "reflow.batch",
    "reflow.config",
    "reflow.markdown",
)

_PROBE = """
import json, sys
watched = {watched!r}
for name in watched:
    sys.modules.pop(name, None)
from reflow.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps([name for name in watched if name in sys.modules]), file=sys.stderr)
"""


def _loaded(cwd: Path, *args: str) -> tuple[str, list[str]]:
    """Run the command in a fresh interpreter: its output and the watched modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(watched=_WATCHED), *args],
        capture_output=True,
        text=True,
        env=child_env(CI=None, PRE_COMMIT=None),
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A folder that is the top of a repository, so the config search stops there."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_version_loads_none_of_the_pipeline_nor_importlib_metadata(repo: Path) -> None:
    out, loaded = _loaded(repo, "--version")
    assert out.startswith(f"reflow {__version__} ")
    assert loaded == []


def test_plain_utf8_text_loads_only_the_pipeline(repo: Path) -> None:
    text = "The council’s plan — dropped…\nafter “a long” evening.\n\nResidents cheered.\n"
    (repo / "notes.txt").write_text(text, encoding="utf-8")
    out, loaded = _loaded(repo, "notes.txt")
    assert out == "The council’s plan — dropped… after “a long” evening.\n\nResidents cheered.\n"
    assert loaded == ["dataclasses", "reflow.api", "reflow.config"]


def test_accented_text_that_ftfy_would_leave_alone_does_not_load_it(repo: Path) -> None:
    # No two of the characters ftfy's mojibake test names stand side by side here ("éé" or
    # "«" before a no-break space would send their line to ftfy, which leaves it as it is).
    text = "Le conseil a élu Hélène à Zürich,\nsans débat ni réserve.\n"
    (repo / "notes.txt").write_text(text, encoding="utf-8")
    out, loaded = _loaded(repo, "notes.txt")
    assert out == "Le conseil a élu Hélène à Zürich, sans débat ni réserve.\n"
    assert "ftfy" not in loaded
    # The counter-check: mojibake does load it, and is repaired.
    (repo / "notes.txt").write_text("Le conseil a Ã©lu HÃ©lÃ¨ne.\n", encoding="utf-8")
    out, loaded = _loaded(repo, "notes.txt")
    assert out == "Le conseil a élu Hélène.\n"
    assert "ftfy" in loaded


def test_the_probe_sees_what_markdown_and_a_config_file_load(repo: Path) -> None:
    """The counter-check: the modules the two tests above keep out do show when needed."""
    (repo / "notes.md").write_text("Some\nwrapped *text*.\n", encoding="utf-8")
    (repo / ".reflow.toml").write_text("width = 0\n", encoding="utf-8")
    out, loaded = _loaded(repo, "notes.md")
    assert out == "Some wrapped *text*.\n"
    assert {"pathlib", "tomllib", "markdown_it", "reflow.markdown"} <= set(loaded)


# --- what --version says ---------------------------------------------------------------------


def _metadata_version(project: str) -> str | None:
    try:
        return importlib.metadata.version(project)
    except importlib.metadata.PackageNotFoundError:
        return None


def test_version_names_the_versions_importlib_metadata_finds() -> None:
    run = reflow_cli("--version")
    compiled = len(compiled_modules())
    head = f"{compiled} modules compiled" if compiled else "pure Python"
    parts = [f"reflow {__version__} ({head})"]
    parts += [f"{name} {_metadata_version(name)}" for name in ("ftfy", "chardet", "click")]
    parts.append(f"Python {sys.version.split()[0]}")
    assert run.code == 0
    assert run.out == ", ".join(parts) + "\n"


def test_installed_versions_agree_with_importlib_metadata() -> None:
    names = ["ftfy", "chardet", "click", "markdown-it-py", "Markdown_It.Py", "no-such-project-x"]
    assert installed_versions(names) == {name: _metadata_version(name) for name in names}


def test_installed_versions_take_the_first_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dist(folder: Path, name: str, version: str) -> None:
        (folder / name).mkdir(parents=True)
        metadata = "METADATA" if name.endswith(".dist-info") else "PKG-INFO"
        (folder / name / metadata).write_text(
            f"Metadata-Version: 2.1\nName: x\nVersion: {version}\n\nVersion: 0.0 (body)\n",
            encoding="utf-8",
        )

    first, second = tmp_path / "first", tmp_path / "second"
    dist(first, "fake_project-1.2.dist-info", "1.2")
    dist(second, "fake_project-2.0.dist-info", "2.0")
    dist(second, "Other_Thing-3.1.dist-info", "3.1")
    dist(second, "legacy-0.9-py3.11.egg-info", "0.9")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(first), str(second)])
    names = ["fake-project", "Other.Thing", "legacy", "absent"]
    expected = {"fake-project": "1.2", "Other.Thing": "3.1", "legacy": "0.9", "absent": None}
    assert installed_versions(names) == expected
    assert {name: _metadata_version(name) for name in names} == expected


# --- the cheap checks that keep pathlib out ----------------------------------------------------


@given(st.text(alphabet="./mMdDaArRkKkoOwWnNqQ\\x é", max_size=16))
def test_is_markdown_name_agrees_with_pathlib(name: str) -> None:
    assert is_markdown_name(name) == (
        bool(name) and PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES
    )
