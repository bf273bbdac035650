"""Office documents: the shared workbook styling (workbook_style), the score workbook
(score_workbook), the criteria-set workbook written (criteria_workbook) and read back
(criteria_import), the data-entry workbook (data_entry) and the Word bulletin (word_bulletin).
"""
from __future__ import annotations

from . import criteria_import, criteria_workbook, data_entry, score_workbook, word_bulletin, workbook_style

__all__ = ["criteria_import", "criteria_workbook", "data_entry", "score_workbook", "word_bulletin", "workbook_style"]
