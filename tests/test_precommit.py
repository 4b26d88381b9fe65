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
    """A git repository of content: a hard-wrapped note, a clean page and a hard-wrapped licence."""
    repo = tmp_path / "content"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "tests@example.invalid")
    git(repo, "config", "user.name", "reflow tests")
    git(repo, "config", "commit.gpgsign", "false")
    write(repo / "notes" / "harbour.txt", WRAPPED)
    write(repo / "clean.md", "# Harbour\n\n" + UNWRAPPED)
    write(repo / "LICENSE.txt", LICENSE)
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
    clean, licence = content_repo / "clean.md", content_repo / "LICENSE.txt"
    for path in (clean, licence):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    first = try_repo(content_repo, "reflow")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "reflow: error" not in first.stdout  # (the path of a checkout may say "error")
    assert (content_repo / "notes" / "harbour.txt").read_text(encoding="utf-8") == UNWRAPPED
    second = try_repo(content_repo, "reflow")
    assert second.returncode == 0, second.stdout + second.stderr
    assert (content_repo / "notes" / "harbour.txt").read_text(encoding="utf-8") == UNWRAPPED
    assert clean.stat().st_mtime_ns == licence.stat().st_mtime_ns == 1_000_000_000
    assert licence.read_text(encoding="utf-8") == LICENSE


def test_the_hooks_fix_or_check_markdown_and_text_but_not_licences() -> None:
    import re

    import yaml  # pre-commit's own dependency

    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert hooks["reflow"]["entry"].split()[:2] == ["reflow", "-i"]
    assert hooks["reflow-check"]["entry"].split()[:2] == ["reflow", "--check"]
    for hook in hooks.values():
        assert (hook["language"], hook["types_or"]) == ("python", ["markdown", "plain-text"])
        exclude = re.compile(hook["exclude"])
        for name in (
            "LICENSE",
            "LICENSE.txt",
            "docs/COPYING.md",
            "licence.txt",
            "NOTICE",
            "AUTHORS.md",
        ):
            assert exclude.search(name), name
        for name in ("README.md", "notes/licensed-work.txt", "docs/authorship.md"):
            assert not exclude.search(name), name
