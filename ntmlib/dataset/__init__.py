"""A dataset folder read into tables: readers/ for CSV, XLSX and Parquet, the Dataset, loading
(read, resolve names and codes, check, encode), the 2025 crosswalk of merged communes, the
official administrative units and the synthetic national dataset.
"""
from __future__ import annotations

from . import checks, crosswalk, encoding, loading, model, readers, resolve, synthetic, units
from .loading import load_dataset
from .model import Dataset, Target
from .synthetic import make_national

__all__ = ["checks", "crosswalk", "encoding", "loading", "model", "readers", "resolve", "synthetic", "units", "Dataset",
           "Target", "load_dataset", "make_national"]
