"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in scratch repositories.

Installing reflow is what costs (pip, and Cython unless REFLOW_PURE_PYTHON is set), so the module
installs it once: a pure-Python wheel of this checkout is built once, and every test but one runs
the manifest's own hook definitions as a `repo: local` hook with that wheel as its dependency,
in one pre-commit store that all of them share (pre-commit makes the environment once, on first
use). One test takes the path users take, `pre-commit try-repo` on this repository's last
commit, which installs afresh by design. pip needs the package index the first time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .samples import CMAKE, NOT_PROSE, REQUIREMENTS
from .test_batch import UNWRAPPED, WRAPPED, write

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pre_commit")
yaml = pytest.importorskip("yaml")  # pre-commit's own dependency
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not run from a git checkout"),
]

LICENSE = "Anyone may use this text\nfor any purpose, as long as this notice stays.\n"
MANIFEST = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def clean_env(store: Path | None = None) -> dict[str, str]:
    # Outside git's own hooks: GIT_DIR and friends would point pre-commit at the wrong
    # repository. Without PYTHONPATH, which would put this checkout's source ahead of the
    # installed package the hook is meant to run.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key != "PYTHONPATH"
    }
    env["REFLOW_PURE_PYTHON"] = "1"  # what is tested is the hook, not the compiled build
    if store is not None:
        env["PRE_COMMIT_HOME"] = str(store)
    return env


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env=clean_env(),
    )


def commit(repo: Path, store: Path, message: str) -> subprocess.CompletedProcess[str]:
    """A real `git commit`, which runs the installed pre-commit hook."""
    return subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo,
        capture_output=True,
        text=True,
        env=clean_env(store),
        timeout=900,
        check=False,
    )


def pre_commit(repo: Path, store: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=clean_env(store),
        timeout=900,
        check=False,
    )


def head() -> str:
    return git(ROOT, "rev-parse", "HEAD").stdout.strip()


def new_repo(path: Path) -> Path:
    path.mkdir()
    git(path, "init", "-q")
    git(path, "config", "user.email", "tests@example.invalid")
    git(path, "config", "user.name", "reflow tests")
    git(path, "config", "commit.gpgsign", "false")
    return path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pure-Python wheel of this checkout as it is on disk, built once for the module.

    Built from a copy: setup.py deletes compiled modules beside the source when
    REFLOW_PURE_PYTHON is set, and the checkout's may be wanted (an in-place build)."""
    source = tmp_path_factory.mktemp("source")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a tracked file may be deleted in the working tree
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    built = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(built), str(source)],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = built.glob("reflow-*.whl")
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module: the local hook's environment is made once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def local_config(wheel: Path, *hook_ids: str) -> str:
    """A .pre-commit-config.yaml running the manifest's hooks, as written there, from the wheel."""
    hooks = [
        {**hook, "additional_dependencies": [str(wheel)]}
        for hook in MANIFEST
        if hook["id"] in hook_ids
    ]
    assert [hook["id"] for hook in hooks] == list(hook_ids)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.fixture
def content_repo(tmp_path: Path) -> Path:
    """A git repository of content: a hard-wrapped note and page, a clean page, and files that
    are not prose: a hard-wrapped licence, a build file and a requirement list."""
    repo = new_repo(tmp_path / "content")
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


def test_the_hooks_name_markdown_and_text_and_let_reflow_choose() -> None:
    hooks = {hook["id"]: hook for hook in MANIFEST}
    assert hooks["reflow"]["entry"].split() == ["reflow", "-i", "--force-exclude"]
    assert hooks["reflow-check"]["entry"].split() == ["reflow", "--check", "--force-exclude"]
    for hook in hooks.values():
        assert (hook["language"], hook["types_or"]) == ("python", ["markdown", "plain-text"])
        # Which of them reflow touches is decided in one place, reflow's include and prose
        # test (tests/test_selection.py), not again by a pattern here.
        assert "exclude" not in hook and "files" not in hook


def test_try_repo_installs_the_hook_from_this_repository(content_repo: Path) -> None:
    # The last commit, named explicitly: uncommitted changes would otherwise be half taken
    # (try-repo copies changes to tracked files only). try-repo installs into a store of its
    # own every time: this is the one call.
    untouched = [
        content_repo / name
        for name in ("notes/harbour.txt", "clean.md", "LICENSE.txt", "CMakeLists.txt")
    ]
    before = {path: path.read_bytes() for path in untouched}
    done = pre_commit(
        content_repo, None, "try-repo", str(ROOT), "reflow", "--ref", head(), "--all-files"
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert "reflow: error" not in done.stdout  # (the path of a checkout may say "error")
    page = content_repo / "notes" / "harbour.md"
    assert page.read_text(encoding="utf-8") == "# Harbour\n\n" + UNWRAPPED
    # Text files only when included, and never a file that is not prose.
    assert {path: path.read_bytes() for path in untouched} == before


def test_opted_in_text_is_fixed_and_files_that_are_not_prose_are_left_alone(
    content_repo: Path, wheel: Path, store: Path
) -> None:
    write(content_repo / ".pre-commit-config.yaml", local_config(wheel, "reflow", "reflow-check"))
    write(content_repo / "pyproject.toml", '[tool.reflow]\ninclude = ["*.txt", "*.md"]\n')
    for name, (text, _rule) in NOT_PROSE.items():
        write(content_repo / "kept" / name, text)
    untouched = [content_repo / name for name in ("clean.md", "LICENSE.txt", "CMakeLists.txt")] + [
        content_repo / "requirements.txt",
        *(content_repo / "kept").iterdir(),
    ]
    before = {path: path.read_bytes() for path in untouched}
    for path in untouched:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    note, page = content_repo / "notes" / "harbour.txt", content_repo / "notes" / "harbour.md"
    git(content_repo, "add", ".")

    checked = pre_commit(content_repo, store, "run", "reflow-check", "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert note.read_text(encoding="utf-8") == WRAPPED  # the check writes nothing
    fixed = pre_commit(content_repo, store, "run", "reflow", "--all-files")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "files were modified by this hook" in fixed.stdout
    assert note.read_text(encoding="utf-8") == UNWRAPPED
    assert page.read_text(encoding="utf-8") == "# Harbour\n\n" + UNWRAPPED
    again = pre_commit(content_repo, store, "run", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
    for path in untouched:
        assert (path.read_bytes(), path.stat().st_mtime_ns) == (before[path], 1_000_000_000), path


# --- a commit to a file already formatted, under wrap = "auto" ---------------------------------

FERRY = [
    "The ferry to the outer islands leaves from the stone pier at the end of Quay Street, where "
    "the old customs house still keeps its clock. Tickets are sold on board, and the crew will "
    "take coins or a card but not notes larger than twenty.",
    "In winter the timetable thins to two crossings a day. When the wind rises above force "
    "seven the morning boat waits in the harbour, and the harbour master posts a notice on the "
    "board by the ticket window before eight.",
    "Bicycles travel free on the lower deck, strapped to the rail along the port side. Dogs are "
    "welcome in the saloon if they stay on a lead, and the cafe serves tea, soup and a heavy "
    "fruit cake that regular passengers swear by.",
    "The crossing takes fifty minutes in calm water. On a clear day the lighthouse on the "
    "northern point comes into view after the first half hour, and seals are often seen on the "
    "rocks below it at low tide.",
]
TITLE = "# Getting to the islands"


@pytest.fixture
def hooked_repo(tmp_path: Path, wheel: Path, store: Path) -> Path:
    """A content repository with the reflow hook installed and `wrap = "auto"`."""
    repo = new_repo(tmp_path / "site")
    write(repo / ".pre-commit-config.yaml", local_config(wheel, "reflow"))
    write(repo / "pyproject.toml", '[tool.reflow]\nwrap = "auto"\n')
    installed = pre_commit(repo, store, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def commit_edit(repo: Path, store: Path, path: Path, old: str, new: str) -> tuple[str, str]:
    """Commit a file as written (the hook must pass), replace old with new in it and commit
    again (the hook must fail and fix it, then pass). Returns the edited text and the fix."""
    git(repo, "add", ".")
    first = commit(repo, store, "the page")
    assert first.returncode == 0, first.stdout + first.stderr
    written = path.read_text(encoding="utf-8")
    assert git(repo, "show", f"HEAD:{path.name}").stdout == written  # committed as it was
    assert old in written
    edited = written.replace(old, new, 1)
    path.write_text(edited, encoding="utf-8")
    git(repo, "add", path.name)
    refused = commit(repo, store, "an edit")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "files were modified by this hook" in refused.stdout + refused.stderr
    assert git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    fixed = path.read_text(encoding="utf-8")
    git(repo, "add", path.name)
    accepted = commit(repo, store, "an edit, fixed")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(repo, "show", f"HEAD:{path.name}").stdout == fixed
    return edited, fixed


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_a_commit_to_a_page_wrapped_at_72_changes_only_the_paragraph_it_touched(
    hooked_repo: Path, store: Path
) -> None:
    page = write(
        hooked_repo / "islands.md",
        "\n\n".join([TITLE, *(textwrap.fill(paragraph, 72) for paragraph in FERRY)]) + "\n",
    )
    written = page.read_text(encoding="utf-8")
    assert max(len(line) for line in written.splitlines()) == 72
    # A clause in the middle of the second paragraph: one line too long, one left short.
    edited, fixed = commit_edit(
        hooked_repo,
        store,
        page,
        "morning boat waits",
        "morning boat, the only one with a covered deck for the winter,\nwaits",
    )
    assert edited.count("\n") == written.count("\n") + 1
    before, after = paragraphs(edited), paragraphs(fixed)
    assert len(after) == len(before)
    touched = FERRY.index(next(p for p in FERRY if p.startswith("In winter"))) + 1
    for number, (old, new) in enumerate(zip(before, after, strict=True)):
        if number != touched:
            assert new == old  # every other line byte for byte
    assert after[touched] == textwrap.fill(" ".join(before[touched].split()), 72)
    assert after[touched] != before[touched]


SENTENCES = [
    "The ferry leaves from the stone pier at the end of Quay Street.\n"
    "Tickets are sold on board, for coins or a card.\n"
    "The crew will not take notes larger than twenty.",
    "In winter there are two crossings a day.\n"
    "When the wind rises above force seven, the morning boat waits in the harbour.\n"
    "The harbour master posts a notice by the ticket window before eight.",
    "Bicycles travel free on the lower deck.\n"
    "Dogs are welcome in the saloon if they stay on a lead.",
]


def test_a_commit_to_a_page_written_one_sentence_per_line_keeps_that_style(
    hooked_repo: Path, store: Path
) -> None:
    page = write(hooked_repo / "islands.md", "\n\n".join([TITLE, *SENTENCES]) + "\n")
    # A sentence added at the end of a line of the second paragraph, where it does not belong.
    added = "Mr. Quint, who runs the cafe, says the 7.15 boat is the calmer one."
    edited, fixed = commit_edit(
        hooked_repo,
        store,
        page,
        "waits in the harbour.\n",
        f"waits in the harbour. {added}\n",
    )
    before, after = paragraphs(edited), paragraphs(fixed)
    assert len(after) == len(before)
    for number, (old, new) in enumerate(zip(before, after, strict=True)):
        if number != 2:
            assert new == old
    assert after[2] == SENTENCES[1].replace("harbour.\n", f"harbour.\n{added}\n")
