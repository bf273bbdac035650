"""The vectorised scoring engine and what it produces: the Scorecard, its provenance record,
the window of years a report shows and the cache of scores a batch shares.
"""
from __future__ import annotations

from . import cache, engine, provenance, scorecard, window
from .engine import score
from .provenance import Provenance
from .scorecard import Scorecard, combine
from .window import report_years, require_year

__all__ = ["cache", "engine", "provenance", "scorecard", "window", "score", "Scorecard", "combine", "Provenance",
           "report_years", "require_year"]
