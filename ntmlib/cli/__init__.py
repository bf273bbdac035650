"""The `ntm` command: the command groups and their help, and the translation of click's words.
"""
from __future__ import annotations

from .main import main

__all__ = ["main"]
