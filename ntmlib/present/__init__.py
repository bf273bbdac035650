"""What a reader sees on a page: report views, matplotlib figures, HTML grids and blocks,
maps, the bulletin in Markdown and HTML, and a criteria set as text (criteria_text).
"""
from __future__ import annotations

from . import blocks, bulletin, criteria_text, grids, maps, plots, views

__all__ = ["blocks", "bulletin", "criteria_text", "grids", "maps", "plots", "views"]
