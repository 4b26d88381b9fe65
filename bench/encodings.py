"""Encoding detection on the project's own legacy-encoded prose, and the UTF-8 share rule's margins.

    python bench/encodings.py

For each legacy encoding of tests/legacy_prose.py, 16 samples (1 to 4 consecutive lines, from
each of the 4 lines) are detected as a file would be; a sample counts as right when the chosen
encoding decodes it to the prose itself. Then the share of non-ASCII bytes that form valid UTF-8
(``reflow.decode.utf8_share``) is printed: its highest value over the legacy samples, and its
lowest over UTF-8 prose in five scripts with 1 to 5 stray cp1252 characters inserted (seeded).
``UTF8_SHARE`` must sit between the two.
"""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reflow.decode import UTF8_SHARE, detect, utf8_share  # noqa: E402
from tests.legacy_prose import (  # noqa: E402
    JAPANESE,
    KOREAN,
    LEGACY_PROSE,
    RUSSIAN,
    SIMPLIFIED_CHINESE,
)

LATIN = "Zoë’s café crossed the river at dawn. The naïve pilot waved – “hello”.\n"
STRAY = "’“”–é—"


def samples(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    return ["".join((lines * 2)[start : start + n]) for n in range(1, 5) for start in range(4)]


def with_stray_bytes(text: str, count: int, rng: random.Random) -> bytes:
    data = bytearray(text.encode())
    for _ in range(count):
        at = rng.randrange(len(data))
        while at < len(data) and 0x80 <= data[at] < 0xC0:  # not inside a character
            at += 1
        data[at:at] = rng.choice(STRAY).encode("cp1252")
    return bytes(data)


def main() -> None:
    print(f"{'encoding':12} {'right':>7}  {'max share':>9}  chosen")
    highest = 0.0
    total_right = total = 0
    for encoding, text in sorted(LEGACY_PROSE.items()):
        right, chosen, shares = 0, set(), []
        for sample in samples(text):
            data = sample.encode(encoding)
            found = detect(data, complete=True)
            chosen.add(f"{found.encoding} ({found.source})")
            with contextlib.suppress(UnicodeDecodeError):
                right += data.decode(found.encoding) == sample
            if not data.isascii():  # ISO-2022 is 7-bit: told by its escapes, not this rule
                shares.append(utf8_share(data))
        share = max(shares, default=0.0)
        highest = max(highest, share)
        total_right, total = total_right + right, total + len(samples(text))
        shown = ", ".join(sorted(chosen))
        print(f"{encoding:12} {right:>3}/{len(samples(text)):<3}  {share:9.3f}  {shown}")
    print(f"{'all':12} {total_right:>3}/{total}")
    rng = random.Random(1)
    lowest = min(
        utf8_share(with_stray_bytes(text, count, rng))
        for text in (LATIN, JAPANESE, RUSSIAN, SIMPLIFIED_CHINESE, KOREAN)
        for count in range(1, 6)
        for _ in range(10)
    )
    print(
        f"UTF-8 share: legacy at most {highest:.3f}; UTF-8 with stray bytes at least {lowest:.3f}"
    )
    print(f"UTF8_SHARE = {UTF8_SHARE}")


if __name__ == "__main__":
    main()
