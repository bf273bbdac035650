"""The CSV reader: UTF-8 text, comma, semicolon or tab separated.

Rows are placed by the line of the file where they start ("dòng 14"). Large observations
files that are plain (one row per line) are read by pyarrow into categoricals
(_read_plain_csv); the others by pandas, which places and reports ragged lines.

The module is named after the format; `import csv` below is an absolute import, so it is
the standard library's csv module, not this one.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import Problem
from ..values import normalise_text
from .places import (
    Table,
    _arrow_categorical,
    _canonical_columns,
    _missing_columns,
    _normalise_column,
    line_places,
    text_categorical,
)

_CONTENT_BYTE = re.compile(rb"[^ \t\r\n\x00\x0b\x0c\xef\xbb\xbf]")  # a byte no strip() removes: not an empty file


def read_csv(path: Path, required, problems: list[Problem], *, allow_empty: bool = False,
             categorical: bool = False) -> Table:
    """Read a UTF-8 CSV file of text; append to `problems` what makes it unreadable.

    Comma, semicolon or tab separated (guessed from the header line). `line` is the line of
    the file where each row starts (quoted line breaks counted); blank lines are ignored.
    With `categorical`, columns are categoricals (for large files of few distinct texts).
    """
    path = Path(path)
    name = path.name
    table = Table(path, None, "csv")
    if not path.is_file():
        problems.append(Problem(name, "không tìm thấy tệp"))
        return table
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(name, "tệp mã UTF-16 (Unicode text): hãy lưu lại dưới dạng 'CSV UTF-8'"))
        return table
    if not _CONTENT_BYTE.search(data) and not data.strip(b" \t\r\n\x00").removeprefix(b"\xef\xbb\xbf").strip():
        problems.append(Problem(name, "tệp rỗng"))
        return table
    if categorical:  # a large file: pyarrow reads it and checks its UTF-8, when it is plain
        end = data.find(b"\n")
        try:
            first = (data if end < 0 else data[:end]).decode("utf-8-sig")
        except UnicodeDecodeError:
            first = None
        df = _read_plain_csv(data, max((",", ";", "\t"), key=first.count), first) if first is not None else None
        if df is not None:
            if _missing_csv_columns(table, df, required, problems):
                return table
            return _finish_csv(table, df, np.arange(2, len(df) + 2, dtype=np.int64), problems, allow_empty,
                               categorical)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        guess = ""
        try:
            data.decode("cp1258")
            guess = ", có vẻ là mã Windows-1258 (ANSI)"
        except UnicodeDecodeError:
            pass
        problems.append(Problem(name, f"tệp không phải mã UTF-8 (byte 0x{data[e.start]:02X}{guess}): "
                                      "hãy lưu lại dưới dạng 'CSV UTF-8'", f"dòng {line}"))
        return table
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    sep = max((",", ";", "\t"), key=first.count)
    del text  # checked; pandas reads the bytes faster than the text
    try:
        df = pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False,
                         na_filter=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        problems.append(Problem(name, "tệp rỗng"))
        return table
    except pd.errors.ParserError:
        problems += _ragged_lines(name, data.decode("utf-8-sig"), sep)
        return table
    if _missing_csv_columns(table, df, required, problems):
        return table
    # where each row starts: line 2 for the first, plus the line breaks inside quoted cells before it
    breaks = np.zeros(len(df), dtype=np.int64)
    if data.count(b"\n") > len(df) + 1 and len(df):  # more line breaks than rows: some inside quoted cells
        for c in df.columns:
            col = df[c]
            has = col.str.contains("\n", regex=False)
            if has.any():
                breaks += np.where(has, col.str.count("\n"), 0)
    line = 2 + np.arange(len(df), dtype=np.int64) + np.concatenate([[0], np.cumsum(breaks)[:-1]]) if len(df) \
        else np.zeros(0, dtype=np.int64)
    return _finish_csv(table, df, line, problems, allow_empty, categorical)


def _missing_csv_columns(table: Table, df: pd.DataFrame, required, problems: list[Problem]) -> bool:
    """Note the required columns missing from the header (True when some are); name the columns canonically."""
    headers = [normalise_text(c) for c in df.columns]
    missing = _missing_columns(table.name, "dòng 1", headers, required)
    problems += missing
    if not missing:
        df.columns = _canonical_columns(headers)
    return bool(missing)


def _read_plain_csv(data: bytes, sep: str, first: str) -> pd.DataFrame | None:
    """A CSV file read by pyarrow into categoricals, when every line after the header is one row
    (no blank line, no line break inside a quoted cell) and every row has the header's cells; else
    None, and the file is read by pandas, which places and reports the rest."""

    names = next(csv.reader([first.removeprefix("\ufeff").rstrip("\r")], delimiter=sep), [])
    if not names or "" in names or len(set(names)) != len(names):  # pandas names such columns itself
        return None
    text_type = pa.dictionary(pa.int32(), pa.string())
    try:
        arrow = pacsv.read_csv(
            pa.py_buffer(data), read_options=pacsv.ReadOptions(encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=sep, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={n: text_type for n in names}, null_values=[],
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if arrow.column_names != names or arrow.num_rows + 1 != lines:
        return None
    columns = {n: _arrow_categorical(arrow.column(i), "label") for i, n in enumerate(names)}
    del arrow
    return pd.DataFrame(columns, copy=False)


def _finish_csv(table: Table, df: pd.DataFrame, line: np.ndarray, problems, allow_empty: bool,
                categorical: bool) -> Table:
    """Normalised text, line and place of each row, blank rows left out."""
    name = table.name
    for c in df.columns:
        if isinstance(df[c].dtype, pd.CategoricalDtype):  # normalised when read
            continue
        if categorical:
            df[c] = text_categorical(*pd.factorize(df[c], use_na_sentinel=True), normalise_text)
        else:
            df[c] = _normalise_column(df[c])
    blank = (np.logical_and.reduce([(df[c] == "").to_numpy() for c in df.columns]) if len(df.columns)
             else np.ones(len(df), bool))
    df.insert(0, "line", line)
    if blank.any():
        df = df[~blank].reset_index(drop=True)
    df.insert(1, "place", line_places("dòng ", df["line"]) if categorical else "dòng " + df["line"].astype(str))
    if df.empty and not allow_empty:
        problems.append(Problem(name, "tệp không có dòng số liệu nào (chỉ có dòng tiêu đề)", "dòng 2"))
        return table
    table.frame = df
    return table


def _ragged_lines(name: str, text: str, sep: str) -> list[Problem]:
    """Every line whose number of cells differs from the header's (pandas stops at the first)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    problems = []
    width = None
    start = 1
    for row in reader:
        if width is None:
            width = len(row)
        elif row and len(row) != width:
            hint = " (số có dấu phẩy thập phân phải đặt trong ngoặc kép, ví dụ \"95,5\")" if sep == "," else ""
            problems.append(Problem(name, f"dòng có {len(row)} ô, dòng tiêu đề có {width}{hint}", f"dòng {start}"))
        start = reader.line_num + 1
    return problems or [Problem(name, "không đọc được tệp CSV")]
