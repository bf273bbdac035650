"""Criteria sets as data: the CriteriaSet model and its loader (YAML files validated against
sets/schema.yaml, extends/overrides), the ladder of tiers the sets of a year make (ladder.py), and
the sets that ship with ntmlib in sets/.
"""
from __future__ import annotations

from .criteria_set import CriteriaSet, Criterion, Indicator, Threshold, available_sets, load_set
from .ladder import Ladder, ladder_of

__all__ = ["CriteriaSet", "Criterion", "Indicator", "Ladder", "Threshold", "available_sets", "ladder_of", "load_set"]
