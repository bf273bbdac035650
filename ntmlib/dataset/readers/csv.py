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

from ...base.values import normalise_text
from ...errors import Problem
from ...text import error_text
from .places import (
    Table,
    arrow_categorical,
    blank_rows,
    canonical_columns,
    line_places,
    missing_columns,
    normalise_column,
    text_categorical,
)

_CONTENT_BYTE = re.compile(rb"[^ \t\r\n\x00\x0b\x0c\xef\xbb\xbf]")  # a byte no strip() removes: not an empty file
_MANGLED = re.compile(r"^(.*)\.\d+$")  # pandas' name of a repeated column: "value.1"
_FIRST_LINE = re.compile(rb"[^\r\n]*")  # the header line, whatever ends it (LF, CR LF or an old Mac's CR)


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
        problems.append(Problem(name, error_text("no_file")))
        return table
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(name, error_text("utf16")))
        return table
    if not _CONTENT_BYTE.search(data) and not data.strip(b" \t\r\n\x00").removeprefix(b"\xef\xbb\xbf").strip():
        problems.append(Problem(name, error_text("empty")))
        return table
    if categorical:  # a large file: pyarrow reads it and checks its UTF-8, when it is plain
        try:
            first = _FIRST_LINE.match(data).group(0).decode("utf-8-sig")
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
            guess = error_text("cp1258_guess")
        except UnicodeDecodeError:
            pass
        problems.append(Problem(name, error_text("not_utf8_byte", byte=f"{data[e.start]:02X}", guess=guess),
                                error_text("line", n=line)))
        return table
    first = _FIRST_LINE.match(data).group(0).decode("utf-8-sig")
    sep = max((",", ";", "\t"), key=first.count)
    if not first.strip():
        problems.append(Problem(name, error_text("blank_first_line"), error_text("line", n=1)))
        return table
    # a first row with more cells than the header (an unquoted "95,5"): pandas would take the extra cells
    # for an index column, slowly, and shift every column; it is a ragged line
    if _first_row_longer(text, sep):
        problems += _ragged_lines(name, text, sep)
        return table
    del text  # checked; pandas reads the bytes faster than the text
    try:
        df = pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False,
                         na_filter=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        problems.append(Problem(name, error_text("empty")))
        return table
    except pd.errors.ParserError:
        problems += _ragged_lines(name, data.decode("utf-8-sig"), sep)
        return table
    if not isinstance(df.index, pd.RangeIndex):  # pandas took cells for an index all the same: ragged lines
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
    """Note the required columns missing from the header, or written twice (True when some are);
    name the columns canonically."""
    headers = [normalise_text(c) for c in df.columns]
    missing = missing_columns(table.name, error_text("line", n=1), headers, required)
    if not missing:
        canonical = canonical_columns(headers)
        # a required column written twice ("value" and "Value"; pandas names a second "value" "value.1")
        base = [m.group(1) if (m := _MANGLED.match(c)) and m.group(1) in required else c for c in canonical]
        for c in dict.fromkeys(b for b in base if base.count(b) > 1 and b in required):
            where = [k for k, b in enumerate(base) if b == c]
            missing.append(Problem(table.name, error_text("repeated_column", column=c, n=len(where),
                                                          where=", ".join(str(k + 1) for k in where)),
                                   error_text("line", n=1), c))
        if not missing:  # other columns named alike ("Ghi chú", "ghi chú"): the later ones as pandas names them
            seen: dict[str, int] = {}
            for k, c in enumerate(canonical):
                if c in seen:
                    seen[c] += 1
                    while f"{c}.{seen[c]}" in canonical:
                        seen[c] += 1
                    canonical[k] = f"{c}.{seen[c]}"
                else:
                    seen[c] = 0
            df.columns = canonical
    problems += missing
    return bool(missing)


def _read_plain_csv(data: bytes, sep: str, first: str) -> pd.DataFrame | None:
    """A CSV file read by pyarrow into categoricals, when every line after the header is one row
    (no blank line, no line break inside a quoted cell) and every row has the header's cells; else
    None, and the file is read by pandas, which places and reports the rest."""

    try:
        names = next(csv.reader([first.removeprefix("\ufeff")], delimiter=sep), [])
    except csv.Error:  # a header cell longer than the csv module takes: pandas reads it
        return None
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
    try:  # pyarrow does not check the UTF-8 of every name and text: pandas' path finds the bad line
        if arrow.column_names != names or arrow.num_rows + 1 != lines:
            return None
        columns = {n: arrow_categorical(arrow.column(i), "label") for i, n in enumerate(names)}
    except UnicodeDecodeError:
        return None
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
            df[c] = normalise_column(df[c])
    blank = blank_rows(df)
    df.insert(0, "line", line)
    if blank.any():
        df = df[~blank].reset_index(drop=True)
    df.insert(1, "place", line_places("dòng ", df["line"]) if categorical else "dòng " + df["line"].astype(str))
    if df.empty and not allow_empty:
        problems.append(Problem(name, error_text("no_rows"), error_text("line", n=2)))
        return table
    table.frame = df
    return table


def _first_row_longer(text: str, sep: str) -> bool:
    """Whether the first row after the header has more cells than the header (an unquoted "95,5")."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=sep)
    try:
        header, row = next(reader, None), next(reader, None)
    except csv.Error:  # a cell longer than the csv module takes: pandas reads the file
        return False
    return bool(header) and row is not None and len(row) > len(header)


def _ragged_lines(name: str, text: str, sep: str) -> list[Problem]:
    """Every line whose number of cells differs from the header's (pandas stops at the first).

    Lines end at LF, CR LF or a lone CR, as pandas reads them; a line the csv module cannot read
    (a cell longer than its limit of 131,072 characters) ends the list with a problem at that line."""
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=sep)
    problems = []
    width = None
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            why = (error_text("long_cell", limit=csv.field_size_limit())
                   if "field larger" in str(e) else str(e))
            problems.append(Problem(name, error_text("bad_line", why=why), error_text("line", n=start)))
            break
        if width is None:
            width = len(row)
        elif row and len(row) != width:
            hint = (error_text("decimal_hint")
                    if sep == "," and len(row) > width else "")
            problems.append(Problem(name, error_text("line_width", cells=len(row), width=width, hint=hint),
                                    error_text("line", n=start)))
        start = reader.line_num + 1
    return problems or [Problem(name, error_text("unreadable_csv"))]
