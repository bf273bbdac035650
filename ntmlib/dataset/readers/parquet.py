"""The Parquet reader: a tidy table; `place` is 'hàng N' (the N-th row, from 1).

pyarrow reads text columns as codes into their distinct values, each cleaned once, so a
large file never holds a Python string per cell.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ...base.values import normalise_text
from ...errors import Problem
from ...text import error_text
from .places import (
    OBSERVATION_REQUIRED,
    Skipped,
    Table,
    arrow_categorical,
    blank_rows,
    canonical_columns,
    categorical_column,
    file_present,
    line_places,
    missing_columns,
)


def read_parquet(path: Path, problems: list[Problem]) -> Table:
    """Read a tidy Parquet table; `place` is 'hàng N' (N-th row, from 1)."""
    name = path.name
    table = Table(path, None, "parquet")
    if not file_present(path, problems):
        return table

    try:
        texts = [f.name for f in pq.read_schema(path) if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        arrow = pq.read_table(path, read_dictionary=texts)  # text columns as codes into their distinct values
    except Exception as e:
        problems.append(Problem(name, error_text("unreadable_parquet", kind=type(e).__name__, reason=str(e)[:120])))
        return table
    index_columns = [c for c in (arrow.schema.pandas_metadata or {}).get("index_columns", []) if isinstance(c, str)]
    arrow = arrow.drop_columns(index_columns)  # a pandas index saved with the table is not data
    headers = [normalise_text(c) for c in arrow.column_names]
    missing = missing_columns(name, "", headers, OBSERVATION_REQUIRED)
    if missing:
        problems += missing
        return table
    if arrow.num_rows == 0:
        problems.append(Problem(name, error_text("no_parquet_rows")))
        return table
    # each column as codes into its distinct values, cleaned once per distinct value
    columns = {}
    for c, column in zip(canonical_columns(headers), arrow.columns):
        if c not in columns:
            try:
                columns[c] = arrow_categorical(column, "value" if c == "value" else "label")
            except (pa.ArrowNotImplementedError, pa.ArrowInvalid, TypeError):  # nested or odd types: value by value
                values = [v if v is None or isinstance(v, (str, int, float, bool)) else _odd_value(v)
                          for v in column.to_pylist()]  # a list or a struct as its text, to be reported where it is
                columns[c] = categorical_column(pd.Series(values, dtype=object), "value" if c == "value" else "label")
    del arrow
    out = pd.DataFrame(columns, copy=False)
    blank = blank_rows(out)
    line = np.arange(1, len(out) + 1, dtype=np.int64)
    if blank.any():
        table.skipped.append(Skipped(name, "hàng trống", tuple(f"hàng {n}" for n in line[blank])))
        out, line = out[~blank].reset_index(drop=True), line[~blank]
    if "line" in out.columns or "place" in out.columns:
        out.insert(0, "line", line)
        out.insert(1, "place", line_places("hàng ", line))
    else:  # the same columns, the arrays as they are (insert would copy them)
        out = pd.DataFrame({"line": line, "place": line_places("hàng ", line), **{c: out[c] for c in out.columns}},
                           copy=False)
    table.frame = out
    return table


def _odd_value(v) -> object:
    """A Parquet value pandas cannot compare (a list, a struct, bytes) as text; dates and times as they are."""
    if isinstance(v, (_dt.date, _dt.time)):
        return v
    if isinstance(v, bytes):
        return v.decode("utf-8", errors="replace")
    return str(v)
