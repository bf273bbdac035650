"""The `ntm` command: one module per command group, each with its click declaration and its help
(vi and en) beside it, and one call into the library; the translation of click's words
(translation).

app: the `ntm` group, --version, --lang, errors; frameworks: frameworks (list, show, export, import);
score; validate; bulletin; analyses: roadmap, whatif, trends; reports: report, reports, notebooks;
crosswalk: show, build; template; synthetic.
"""
from __future__ import annotations

from . import analyses, bulletin, crosswalk, frameworks, reports, score, synthetic, template, validate
from .app import help_texts, main

__all__ = ["main", "help_texts", "analyses", "bulletin", "crosswalk", "frameworks", "reports", "score", "synthetic",
           "template", "validate"]
