"""Tables computed from a Scorecard: aggregates by district and province, a province's figures, verdicts, trends,
roadmaps to the next tier, two scorecards compared, what-if thresholds, the 2025
reorganisation, dataset validation.
"""
from __future__ import annotations

from . import aggregate, compare, province, reorg, roadmap, targets, trends, validation, verdicts, whatif
from .roadmap import roadmap_for
from .validation import validate
from .whatif import ThresholdChange

__all__ = ["aggregate", "compare", "province", "reorg", "roadmap", "targets", "trends", "validation", "verdicts",
           "whatif", "validate", "ThresholdChange", "roadmap_for"]
