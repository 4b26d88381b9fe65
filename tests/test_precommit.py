"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit framework on this repository.

pre-commit installs reflow from this repository's last commit into its own environment (from
PyPI), so this test needs the network to PyPI the first time for each commit; CI has it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .samples import CMAKE, REQUIREMENTS
from .test_batch import UNWRAPPED, WRAPPED, write

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pre_commit")
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not run from a git checkout"),
]

LICENSE = "Anyone may use this text\nfor any purpose, as long as this notice stays.\n"


def clean_env() -> dict[str, str]:
    # Outside git's own hooks: GIT_DIR and friends would point pre-commit at the wrong repository.
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=clean_env())


def head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
    )
    return done.stdout.strip()


def try_repo(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    # The last commit, named explicitly: uncommitted changes would otherwise be half taken
    # (try-repo copies changes to tracked files only). Each call installs reflow afresh, in
    # a store of its own: keep the calls few.
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            hook,
            "--ref",
            head(),
            "--all-files",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=900,
        check=False,
    )


@pytest.fixture
def content_repo(tmp_path: Path) -> Path:
    """A git repository of content: a hard-wrapped note and page, a clean page, and files that
    are not prose: a hard-wrapped licence, a build file and a requirement list."""
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "tests@example.invalid")
    git(repo, "config", "user.name", "reflow tests")
    git(repo, "config", "commit.gpgsign", "false")
    write(repo / "notes" / "harbour.txt", WRAPPED)
    write(repo / "notes" / "harbour.md", "# Harbour\n\n" + WRAPPED)
    write(repo / "clean.md", "# Harbour\n\n" + UNWRAPPED)
    write(repo / "LICENSE.txt", LICENSE)
    write(repo / "CMakeLists.txt", CMAKE)
    write(repo / "requirements.txt", REQUIREMENTS)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "content")
    return repo


def test_the_manifest_is_valid() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hook_fixes_once_then_passes_and_leaves_clean_files_alone(content_repo: Path) -> None:
    untouched = [
        content_repo / name
        for name in ("clean.md", "LICENSE.txt", "CMakeLists.txt", "requirements.txt")
    ]
    before = {path: path.read_bytes() for path in untouched}
    for path in untouched:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    note, page = content_repo / "notes" / "harbour.txt", content_repo / "notes" / "harbour.md"
    first = try_repo(content_repo, "reflow")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "reflow: error" not in first.stdout  # (the path of a checkout may say "error")
    assert page.read_text(encoding="utf-8") == "# Harbour\n\n" + UNWRAPPED
    assert note.read_text(encoding="utf-8") == WRAPPED  # text files only when included
    # The project opts text files in: the hook takes the note, and still no file that is
    # not prose.
    write(content_repo / "pyproject.toml", '[tool.reflow]\ninclude = ["*.txt", "*.md"]\n')
    second = try_repo(content_repo, "reflow")
    assert second.returncode == 1, second.stdout + second.stderr
    assert note.read_text(encoding="utf-8") == UNWRAPPED
    third = try_repo(content_repo, "reflow")
    assert third.returncode == 0, third.stdout + third.stderr
    for path in untouched:
        assert (path.read_bytes(), path.stat().st_mtime_ns) == (before[path], 1_000_000_000)


def test_the_hooks_name_markdown_and_text_and_let_reflow_choose() -> None:
    import yaml  # pre-commit's own dependency

    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert hooks["reflow"]["entry"].split() == ["reflow", "-i", "--force-exclude"]
    assert hooks["reflow-check"]["entry"].split() == ["reflow", "--check", "--force-exclude"]
    for hook in hooks.values():
        assert (hook["language"], hook["types_or"]) == ("python", ["markdown", "plain-text"])
        # Which of them reflow touches is decided in one place, reflow's include and prose
        # test (tests/test_selection.py), not again by a pattern here.
        assert "exclude" not in hook and "files" not in hook
