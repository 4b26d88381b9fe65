"""Shared test settings: hypothesis profiles and the path to the shared measuring data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from reflow import breaks

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("REFLOW_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_5cb2fd5b0f6486a4.txt"

# The main suite ("ci") runs each property on a modest set of examples so that the whole
# suite stays within a few minutes; .ci/run then runs the invariants again under "deep":
# 2,000 fixed (derandomized) examples each, the same on every run.
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "deep",
    max_examples=2000,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def always_break() -> Iterator[None]:
    """A score under which every weighed break is made: only the named rules join lines."""
    saved = dict(zip(breaks.NAMES, breaks.WEIGHTS, strict=True)), breaks.BIAS, breaks.TREES
    breaks.use(dict.fromkeys(breaks.NAMES, 0.0), 10.0)
    yield
    breaks.use(*saved)
