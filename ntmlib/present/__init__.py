"""What a reader sees on a page: report views, matplotlib figures, HTML grids and blocks,
maps and the bulletin in Markdown and HTML.
"""
from __future__ import annotations

from . import blocks, bulletin, grids, maps, plots, views

__all__ = ["blocks", "bulletin", "grids", "maps", "plots", "views"]
