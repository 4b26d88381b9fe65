"""How often the prose test stops a prose file: the dev corpus and the golden fixtures.

    python bench/prose.py [FOLDER ...]

Every file under the folders (default: ../shared/corpus/dev/input and fixtures/) is prose, so
each one the test calls "not prose" is a false skip; they are listed with the rule that fired.
Prints figures; it is not a test.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from reflow.api import is_markdown_name
from reflow.prose import verdict

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = (ROOT.parent / "shared" / "corpus" / "dev" / "input", ROOT / "fixtures")


def main(folders: list[Path]) -> None:
    scanned = 0
    stopped: list[tuple[Path, str]] = []
    start = time.perf_counter()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in (".txt", ".md", ".markdown"):
                continue
            scanned += 1
            why = verdict(str(path), path.name, markdown=is_markdown_name(path.name))
            if why:
                stopped.append((path, why))
    elapsed = time.perf_counter() - start
    for path, why in stopped:
        print(f"{path}: {why}")
    print(f"{scanned} prose files, {len(stopped)} called not prose, {elapsed * 1e3:.0f} ms")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or list(DEFAULT_FOLDERS))
