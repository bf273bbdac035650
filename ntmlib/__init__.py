"""ntmlib: score Vietnamese communes against the New Rural Development (nông thôn mới) criteria sets."""
from __future__ import annotations

from .dataset import Dataset
from .errors import DataError, FrameworkError, NtmError, Problem
from .explorer import explore
from .framework import (
    CriteriaSet,
    Criterion,
    Indicator,
    Threshold,
    available_sets,
    load_set,
)
from .loading import load_dataset
from .scorecard import Scorecard
from .scoring import score
from .validation import validate
from .version import __version__
from .words import TIERS, counts_text, tier_name

__all__ = [
    "__version__", "Dataset", "load_dataset", "DataError", "FrameworkError", "NtmError", "Problem", "TIERS",
    "CriteriaSet", "Criterion", "Indicator", "Threshold", "available_sets", "load_set", "Scorecard", "score",
    "counts_text", "tier_name", "validate", "explore",
]
