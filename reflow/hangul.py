"""Whether a line end in Korean wrapped by character fell on a space: a small fitted model."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache

#: What the model weighs, in the order of its weights. The four syllable features are log-odds
#: (against the average) that a space follows the line's last syllables or comes before the
#: next line's first ones, read from Korean prose (train/fit_hangul.py); the rest ask the
#: document itself, from the words that stand inside its lines (where no wrap cut them).
FEATURES = (
    "space-after-syllable",  # the left part's last syllable ends words ("다", "는", "를")
    "space-after-two",  # its last two ("니다", "에서")
    "space-before-syllable",  # the right part's first syllable opens words
    "space-before-two",  # its first two
    "right-stands-alone",  # the right part is a word of the document
    "left-stands-alone",  # the left part is one too
    "joined-seen",  # the two joined are a word of the document
    "right-one-syllable",  # a one-syllable right part is as often a word's ending ("만", "가")
    "left-one-syllable",
)


@dataclass(frozen=True)
class HangulModel:
    """Weights and syllable tables fitted by train/fit_hangul.py."""

    weights: tuple[float, ...]
    bias: float
    after: dict[str, float]
    after_two: dict[str, float]
    before: dict[str, float]
    before_two: dict[str, float]


@cache
def model() -> HangulModel:
    """The package's model, read on first use (only Korean wrapped by character asks)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "hangul_spaces.json")
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    weights = data["weights"]
    return HangulModel(
        tuple(float(weights[name]) for name in FEATURES),
        float(data["bias"]),
        data["after"],
        data["after_two"],
        data["before"],
        data["before_two"],
    )


def features(
    left: str, right: str, inner_words: frozenset[str], fitted: HangulModel
) -> list[float]:
    """The values of ``FEATURES`` at a line end between ``left`` (the last line's last word,
    cut or not) and ``right`` (the next line's first), both lowercased without punctuation."""
    return [
        fitted.after.get(left[-1:], 0.0),
        fitted.after_two.get(left[-2:], 0.0) if len(left) > 1 else 0.0,
        fitted.before.get(right[:1], 0.0),
        fitted.before_two.get(right[:2], 0.0) if len(right) > 1 else 0.0,
        1.0 if right in inner_words else 0.0,
        1.0 if left in inner_words else 0.0,
        1.0 if left + right in inner_words else 0.0,
        1.0 if len(right) == 1 else 0.0,
        1.0 if len(left) == 1 else 0.0,
    ]


def score(values: list[float], fitted: HangulModel) -> float:
    """Above zero: the line end fell on a space."""
    total = fitted.bias
    for weight, value in zip(fitted.weights, values, strict=True):
        total += weight * value
    return total


def _size(part: tuple[float, str]) -> float:
    return -abs(part[0])


def weighed_most(values: list[float], fitted: HangulModel, count: int = 2) -> str:
    """The features that weighed most for ``--explain``: "right-stands-alone +1.6, …"."""
    weighed = zip(FEATURES, fitted.weights, values, strict=True)
    parts = sorted(((weight * value, name) for name, weight, value in weighed), key=_size)
    return ", ".join(f"{name} {part:+.1f}" for part, name in parts[:count] if part)
