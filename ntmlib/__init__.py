"""ntmlib: score Vietnamese communes against the New Rural Development (nông thôn mới) criteria sets."""
from __future__ import annotations

__version__ = "0.1.0"

from .dataset import Dataset, load_dataset
from .errors import DataError, FrameworkError, NtmError, Problem
from .framework import TIERS, CriteriaSet, Criterion, Indicator, Threshold, available_sets, load_set
from .scoring import Scorecard, score
from .text import counts_text, tier_name
from .validation import validate

__all__ = [
    "__version__", "Dataset", "load_dataset", "DataError", "FrameworkError", "NtmError", "Problem", "TIERS",
    "CriteriaSet", "Criterion", "Indicator", "Threshold", "available_sets", "load_set", "Scorecard", "score",
    "counts_text", "tier_name", "validate",
]
