"""Read data files into tables of text: CSV (UTF-8), XLSX (tidy or the offices' wide sheets), Parquet.

Every row keeps where it came from as the user sees it (`line`, `place`). Problems are
collected, never raised one at a time; rows that are read but not used are counted in
`skipped`. Observations come in two layouts, tidy and wide (data/examples/README.md).

Modules, each importing only those listed before it:

- places: Table, Skipped, SheetInfo, how rows and cells are named ("dòng 14", "'2023 NTM'!E8",
  parse_cell, lines_text) and the cell helpers the readers share (text_categorical, …);
- wide: the wide layouts of a sheet (indicator codes down the rows and communes across, or one
  row per commune and the codes across);
- csv, parquet, xlsx: one reader per format (xlsx reads tidy sheets and hands wide ones to wide);
- observations: find_observations and read_observations, whatever the format.

The names other modules use are re-exported here (`from ntmlib.dataset.readers import read_csv`).
"""
from __future__ import annotations

from .csv import read_csv
from .observations import OBSERVATION_FORMATS, find_observations, read_observations
from .parquet import read_parquet
from .places import (
    OBSERVATION_OPTIONAL,
    OBSERVATION_REQUIRED,
    SheetInfo,
    Skipped,
    Table,
    cell_place,
    column_letter,
    line_places,
    lines_text,
    parse_cell,
    sheet_ref,
    text_categorical,
)
from .xlsx import READ_ONLY_ABOVE, read_xlsx

__all__ = [
    "OBSERVATION_FORMATS", "OBSERVATION_OPTIONAL", "OBSERVATION_REQUIRED", "READ_ONLY_ABOVE", "SheetInfo",
    "Skipped", "Table", "cell_place", "column_letter", "find_observations", "line_places", "lines_text",
    "parse_cell", "read_csv", "read_observations", "read_parquet", "read_xlsx", "sheet_ref", "text_categorical",
]
