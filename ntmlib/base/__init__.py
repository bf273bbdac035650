"""The ground floor: parsing values (numbers with a decimal comma, yes/no words, percentages) and
writing outputs (atomic writes, safe file names, text cells that spreadsheets do not run), checking
the language a function is asked to write in.
"""
from __future__ import annotations

from .languages import check_lang
from .outputs import check_output_dir, csv_safe, slug, write_bytes_atomic, write_text_atomic
from .values import (
    code_key,
    fold,
    normalise_text,
    number_to_text,
    parse_distinct,
    parse_number,
    parse_values,
    value_message,
)

__all__ = [
    "check_lang", "code_key", "fold", "normalise_text", "number_to_text", "parse_distinct", "parse_number",
    "parse_values", "value_message", "check_output_dir", "csv_safe", "slug", "write_bytes_atomic", "write_text_atomic",
]
