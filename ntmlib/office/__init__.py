"""Office documents: the shared workbook styling, the score workbook, the criteria-set
workbook (export and import), the data-entry workbook and the Word bulletin.
"""
from __future__ import annotations

from . import criteria_workbook, data_entry, excel, word_bulletin

__all__ = ["criteria_workbook", "data_entry", "excel", "word_bulletin"]
