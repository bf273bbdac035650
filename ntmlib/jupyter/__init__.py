"""Jupyter: the helpers the report notebooks call and the interactive explorer.
"""
from __future__ import annotations

from . import explorer, report

__all__ = ["explorer", "report"]
