"""Finding and reading the observations file of a dataset, whatever its format and layout.

Two layouts of observations (documented in data/examples/README.md):

- tidy: one row per commune × year × indicator, columns commune_id, year, indicator, value
  and optional set, source, note (CSV, XLSX or Parquet; title rows above the header are
  allowed in a workbook);
- wide (XLSX): a sheet per year or per year and set, indicator codes (and names) down the
  rows and communes across the columns, or one row per commune with the codes across (see
  ntmlib.dataset.readers.wide).

Whatever the file, read_observations gives the same tidy table of text.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import Problem
from ...text import error_text
from .csv import read_csv
from .parquet import read_parquet
from .places import OBSERVATION_OPTIONAL, OBSERVATION_REQUIRED, Table
from .xlsx import read_xlsx

OBSERVATION_FORMATS = ("csv", "xlsx", "parquet")


def find_observations(root: Path, problems: list[Problem]) -> Path | None:
    """The observations file of a dataset folder (observations.csv, .xlsx or .parquet)."""
    found = [root / f"observations.{ext}" for ext in OBSERVATION_FORMATS if (root / f"observations.{ext}").is_file()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        problems.append(Problem(found[0].name, error_text("many_observations",
                                                          names=", ".join(p.name for p in found))))
        return None
    other = sorted(p.name for p in root.glob("observations.*"))
    if other:
        problems.append(Problem(other[0], error_text("unsupported_observations")))
    else:
        problems.append(Problem("observations.csv", error_text("no_observations")))
    return None


def read_observations(path: Path, problems: list[Problem]) -> Table:
    """Read observations (tidy CSV / XLSX / Parquet, or wide XLSX) into the tidy table of text.

    Columns: line, place, commune_id (an id or a name, as written), year, set (an id, a tier
    or a sheet title, as written), indicator, value, and source / note when present.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        t = read_csv(path, OBSERVATION_REQUIRED, problems, categorical=True)
    elif suffix == ".xlsx":
        t = read_xlsx(path, problems)
    elif suffix == ".parquet":
        t = read_parquet(path, problems)
    else:
        problems.append(Problem(path.name, error_text("unsupported_format")))
        return Table(path, None)
    if t.frame is not None:
        for col in OBSERVATION_OPTIONAL:
            if col not in t.frame.columns:
                t.frame[col] = pd.Categorical.from_codes(np.zeros(len(t.frame), np.int8),
                                                         categories=pd.Index([""], dtype="str"))
    return t
