"""Read data files into tables of text: CSV (UTF-8), XLSX (tidy or the offices' wide sheets), Parquet.

Every row keeps where it came from as the user sees it (`line`, `place`). Problems are
collected, never raised one at a time; rows that are read but not used are counted in
`skipped`. Observations come in two layouts, tidy and wide (data/examples/README.md).

Modules, each importing only those listed before it:

- places: Table, Skipped, SheetInfo, how rows and cells are named ("dòng 14", "'2023 NTM'!E8",
  parse_cell, lines_text) and the cell helpers the readers share (text_categorical, …);
- wide: the wide layout of a sheet (indicator codes down the rows, communes across);
- csv, parquet, xlsx: one reader per format (xlsx reads tidy sheets and hands wide ones to wide);
- observations: find_observations and read_observations, whatever the format.

The names other modules and the tests use are re-exported here: `from ntmlib.readers import
read_csv` and `readers.READ_ONLY_ABOVE` work as they did when ntmlib.readers was one module.
Setting one of these names on the package (as tests do with monkeypatch) sets it in the
module that uses it as well, so the change takes effect there.
"""
from __future__ import annotations

import sys as _sys
import types as _types

from . import csv, observations, parquet, places, wide, xlsx
from .csv import _read_plain_csv as _read_plain_csv  # tests call and patch it
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

_MODULES = (places, wide, csv, parquet, xlsx, observations)


class _Package(_types.ModuleType):
    """This package, whose re-exported names, when set, are set in the modules that use them too.

    `monkeypatch.setattr(readers, "READ_ONLY_ABOVE", 0)` sets the name here and in every module
    of the package that holds the same object under that name (xlsx), so read_xlsx sees it; the
    undo restores both the same way.
    """

    def __setattr__(self, name: str, value) -> None:
        if name in self.__dict__:
            current = self.__dict__[name]
            for module in _MODULES:
                if module.__dict__.get(name, _Package) is current:
                    setattr(module, name, value)
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
