"""Markdown mode on hostile input: seconds at 1x, 10x and 100x of each family, and the ratio.

    python bench/markdown_hostile.py [--base 200] [FAMILY ...]

Linear time shows as a ratio near 100 from 1x to 100x; quadratic as near 10,000. The
families are those of tests/test_dialects.py (issue 18, item 8), at larger sizes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reflow.markdown import format_markdown
from reflow.options import Options
from tests.test_dialects import HOSTILE


def seconds(text: str, width: int) -> float:
    start = time.perf_counter()
    format_markdown(text, Options(width=width))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=200, help="repeats at 1x (default 200)")
    parser.add_argument("families", nargs="*", help=f"default: all ({', '.join(HOSTILE)})")
    args = parser.parse_args()
    print(f"{'family':28} {'1x':>8} {'10x':>8} {'100x':>8} {'ratio':>7}  bytes at 100x")
    for name in args.families or sorted(HOSTILE):
        make = HOSTILE[name]
        width = 25 if name == "reference-like-lines" else 0
        times = [seconds(make(args.base * k), width) for k in (1, 10, 100)]
        ratio = times[2] / max(times[0], 1e-6)
        size = len(make(args.base * 100).encode())
        print(f"{name:28} {times[0]:8.3f} {times[1]:8.3f} {times[2]:8.3f} {ratio:7.0f}  {size:,}")


if __name__ == "__main__":
    main()
