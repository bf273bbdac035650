"""Helpers for tests: the row-by-row reference scorer that checks the vectorised engine.
"""
from __future__ import annotations

from .reference import score_reference

__all__ = ["score_reference"]
