"""Running notebooks: one report through papermill, warm kernels and their state, the batch
(plan, pool, manifest), the HTML export, the index page and its templates.
"""
from __future__ import annotations

from . import batch, export, index, kernel_state, runner

__all__ = ["batch", "export", "index", "kernel_state", "runner"]
