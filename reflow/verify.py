"""The safety checks' former name: ``reflow.safety`` under the import path written before."""

from .safety import (
    FURNITURE_RULE,
    check_conversion,
    encoding_problem,
    lost_words,
    rejoined_words,
    repaired_words,
    word_stream,
)

__all__ = [
    "FURNITURE_RULE",
    "check_conversion",
    "encoding_problem",
    "lost_words",
    "rejoined_words",
    "repaired_words",
    "word_stream",
]
