"""The XLSX reader: every visible sheet of a workbook, tidy or wide, into one tidy table.

- tidy sheets: a header row naming commune_id, year, indicator, value (and optional set,
  source, note); title rows above the header are allowed. Read here.
- wide sheets: indicator codes down the rows and communes across the columns, or one row per
  commune with the codes across; the layout, the header and the rows are read by
  ntmlib.dataset.readers.wide.

The first HEAD_ROWS rows of a sheet are searched for its header. Workbooks larger than
READ_ONLY_ABOVE bytes are streamed (no merged cells, no hidden sheets). A place is the cell
of the value, "2023!D14" (see ntmlib.dataset.readers.places.cell_place).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import Problem
from ...text import error_text
from .places import (
    OBSERVATION_OPTIONAL,
    OBSERVATION_REQUIRED,
    SheetInfo,
    Skipped,
    Table,
    canonical_header,
    cell_place,
    cell_text,
    file_present,
    missing_columns,
)
from .wide import read_wide_sheet, wide_layout

READ_ONLY_ABOVE = 2_000_000  # bytes: larger workbooks are streamed (no merged cells, no hidden sheets)
HEAD_ROWS = 30  # rows searched for the header of a sheet


def read_xlsx(path: Path, problems: list[Problem]) -> Table:
    """Read every visible sheet of a workbook, tidy or wide, into one tidy table."""
    # deferred: openpyxl is heavy to import and only workbooks need it (zipfile for its error)
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    table = Table(path, None, "xlsx")
    if not file_present(path, problems):
        return table
    read_only = path.stat().st_size > READ_ONLY_ABOVE
    try:
        wb = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        problems.append(Problem(name, error_text("unreadable_xlsx", kind=type(e).__name__)))
        return table
    frames = []
    found_any_cell = False
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible" and not read_only:
                if ws.max_row > 1 or ws.max_column > 1 or ws.cell(1, 1).value is not None:
                    table.skipped.append(Skipped(name, "trang tính ẩn", (f"trang tính '{ws.title}'",), "trang tính"))
                    found_any_cell = True
                continue
            frame, had_cells = _read_sheet(ws, name, read_only, table, problems)
            found_any_cell |= had_cells
            if frame is not None:
                frames.append(frame)
    finally:
        wb.close()
    if not found_any_cell:
        problems.append(Problem(name, error_text("empty_xlsx")))
        return table
    if not frames:
        if not any(p.file == name for p in problems):
            problems.append(Problem(name, error_text("no_table")))
        return table
    df = pd.concat(frames, ignore_index=True)
    for c in df.columns[2:]:  # a column some sheets lack (a tidy sheet without 'source'): empty text there
        if df[c].isna().any():
            df[c] = df[c].astype(object).where(df[c].notna(), "")
    if df.empty:
        problems.append(Problem(name, error_text("no_xlsx_cells")))
        return table
    table.frame = df
    return table


def _merged_fill(ws, read_only: bool) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each covered cell of a merged range -> (row, col) of its top-left cell."""
    if read_only or not getattr(ws, "merged_cells", None):
        return {}
    out = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    out[(r, c)] = (rng.min_row, rng.min_col)
    return out


def _read_sheet(ws, name: str, read_only: bool, table: Table, problems: list[Problem]):
    """(tidy frame of the sheet or None, whether the sheet has any cell)."""
    sheet = ws.title
    merged = _merged_fill(ws, read_only)
    rows_iter = ws.iter_rows()
    raw: list[list[tuple]] = []  # head rows: (value, number_format)
    for row in rows_iter:
        raw.append([(c.value, getattr(c, "number_format", "") or "") for c in row])
        if len(raw) >= HEAD_ROWS:
            break
    if merged:
        for (r, c), (r0, c0) in merged.items():
            if r <= len(raw) and r0 <= len(raw):
                while len(raw[r - 1]) < c:
                    raw[r - 1].append((None, ""))
                if c0 <= len(raw[r0 - 1]):
                    raw[r - 1][c - 1] = raw[r0 - 1][c0 - 1]
    head = [[cell_text(v, f, "label") for v, f in row] for row in raw]
    has_cells = any(t for row in head for t in row)
    if not has_cells and read_only:
        # a sheet whose first rows are empty may still hold cells further down
        for row in rows_iter:
            if any(c.value is not None for c in row):
                has_cells = True
                break
        rows_iter = iter(())
    if not has_cells:
        return None, False
    tidy = _tidy_header(head)
    if tidy is not None:
        return _read_tidy_sheet(ws, sheet, name, tidy, raw, rows_iter, table, problems), True
    wide = wide_layout(sheet, name, head)
    if isinstance(wide, Problem):  # codes both down and across: which way is not guessed
        problems.append(wide)
        return None, True
    if wide is None:
        table.skipped.append(Skipped(name, "không có bảng số liệu (không thấy dòng tiêu đề có 'Mã chỉ tiêu' "
                                           "hoặc commune_id, year, indicator, value)", (f"trang tính '{sheet}'",),
                                   "trang tính"))
        return None, True
    rows = [list(r) for r in raw]
    for row in rows_iter:  # a wide sheet is small: read it whole
        rows.append([(c.value, getattr(c, "number_format", "") or "") for c in row])
    if merged:
        for (r, c), (r0, c0) in merged.items():
            if r > HEAD_ROWS or r0 > HEAD_ROWS:
                while len(rows[r - 1]) < c:
                    rows[r - 1].append((None, ""))
                if c0 <= len(rows[r0 - 1]):
                    rows[r - 1][c - 1] = rows[r0 - 1][c0 - 1]
    return read_wide_sheet(sheet, name, wide, head, rows, table, problems), True


def _tidy_header(head: list[list[str]]) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """(header row, field -> column, column -> header) of a tidy sheet: the first row naming at
    least two of commune_id, year, indicator, value (the missing ones are reported)."""
    for r, row in enumerate(head, start=1):
        cols = {}
        for c, text in enumerate(row, start=1):
            key = canonical_header(text)
            if key and key not in cols:
                cols[key] = c
        if sum(k in cols for k in OBSERVATION_REQUIRED) >= 2:
            return r, cols, {c: text for c, text in enumerate(row, start=1) if text}
    return None


def _read_tidy_sheet(ws, sheet, name, header, raw, rows_iter, table: Table, problems):
    hr, cols, headers = header
    missing = missing_columns(name, cell_place(sheet, 1, hr), list(headers.values()), OBSERVATION_REQUIRED)
    if missing:
        problems += missing
        return None
    fields = [f for f in (*OBSERVATION_REQUIRED, *OBSERVATION_OPTIONAL) if f in cols]
    data: dict[str, list] = {f: [] for f in fields}
    lines: list[int] = []

    def take(r: int, cells: list[tuple]) -> None:
        vals = {}
        for f in fields:
            c = cols[f]
            v, fmt = cells[c - 1] if c <= len(cells) else (None, "")
            vals[f] = cell_text(v, fmt, "value" if f == "value" else "label")
        if any(vals.values()):
            for f in fields:
                data[f].append(vals[f])
            lines.append(r)

    for r, cells in enumerate(raw[hr:], start=hr + 1):
        take(r, cells)
    r = len(raw)
    for row in rows_iter:
        r += 1
        take(r, [(c.value, getattr(c, "number_format", "") or "") for c in row])
    table.sheets[sheet] = SheetInfo(sheet, "tidy", hr, {f: cols[f] for f in fields},
                                    {cols[f]: headers.get(cols[f], f) for f in fields})
    df = pd.DataFrame(data, dtype=object)
    df.insert(0, "line", np.array(lines, dtype=np.int64))
    vc = cols["value"]
    df.insert(1, "place", [cell_place(sheet, vc, r) for r in lines])
    return df
