"""The Dask adapter's first import path, which docs/cluster.md gave: reflow.integrations.dask."""

from __future__ import annotations

from .integrations.dask import (
    ClusterError,
    CorpusReport,
    convert_corpus,
    normalize_bag,
    plan_tasks,
    run_on_cluster,
)

__all__ = [
    "ClusterError",
    "CorpusReport",
    "convert_corpus",
    "normalize_bag",
    "plan_tasks",
    "run_on_cluster",
]
