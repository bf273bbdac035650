"""Places, tables and the cell helpers the readers share (no reader here).

Every row keeps where it came from as the user sees it: `line` (the CSV line, the Excel row,
the Parquet row number) and `place` ("dòng 14" in a CSV, "2023!D14" in a workbook, "hàng 14"
in Parquet). Rows that are read but not used are counted in `skipped` (Skipped). Cells are
text, normalised to NFC and trimmed; numbers from Excel or Parquet cells are written the
Vietnamese way ("95,5"), a cell formatted as a percentage as "95%". Observations files, which
can hold millions of rows, come back as categoricals: each distinct text is normalised once
(text_categorical), and pyarrow columns are read without a Python string per cell.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ...base.values import normalise_text, number_to_text
from ...errors import Problem
from ...text import Message, error_text

OBSERVATION_REQUIRED = ("commune_id", "year", "indicator", "value")
OBSERVATION_OPTIONAL = ("set", "source", "note")
COLUMN_ALIASES = {"framework": "set"}


@dataclass(frozen=True)
class Skipped:
    """Rows (or columns, or sheets) read but not used, counted and located."""

    file: str
    reason: str
    places: tuple[str, ...]
    what: str = "dòng"  # dòng | cột | trang tính

    @property
    def count(self) -> int:
        return len(self.places)

    def __str__(self) -> str:
        shown = ", ".join(self.places[:6]) + (f" … (+{len(self.places) - 6})" if len(self.places) > 6 else "")
        return f"{self.file}: {shown}: bỏ qua {self.count} {self.what}: {self.reason}"


@dataclass
class SheetInfo:
    """How one sheet of a workbook was read."""

    name: str
    layout: str  # tidy | wide
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)  # field -> column number (1-based)
    headers: dict[int, str] = field(default_factory=dict)  # column number -> header text as written
    year_place: str = ""
    set_place: str = ""
    communes: str = "columns"  # wide sheets: communes across the "columns", or one commune per row ("rows")


@dataclass
class Table:
    """A table of text read from one file, with the places of its rows."""

    path: Path
    frame: pd.DataFrame | None
    format: str = "csv"  # csv | xlsx | parquet
    sheets: dict[str, SheetInfo] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def locate(self, place: str, column: str) -> tuple[str, str]:
        """The place and column header, as the user sees them, of field `column` of the row at `place`.

        In a CSV or Parquet file the row's place and the column name; in a workbook the cell
        of that field (for the wide layout: the indicator code cell of the row, the commune
        header cell of the column, the sheet name or title cell that gave the year or set; with
        one commune per row, the code header cell of the column and the commune cell of the row).
        """
        if self.format != "xlsx":
            return place_word(place), column
        parsed = parse_cell(place)
        if parsed is None or parsed[0] not in self.sheets:
            return place_word(place), column
        sheet, col, row = parsed
        info = self.sheets[sheet]
        if info.layout == "tidy":
            c = info.columns.get(column)
            return (cell_place(sheet, c, row), info.headers.get(c, column)) if c else (place, column)
        if column == "value":
            return place, info.headers.get(col, "")
        if info.communes == "rows" and column in ("indicator", "commune_id"):  # codes across, communes down
            if column == "indicator":
                return cell_place(sheet, col, info.header_row), info.headers.get(col, "")
            c = info.columns["commune_id"]
            return cell_place(sheet, c, row), info.headers.get(c, "")
        if column == "indicator":
            c = info.columns["indicator"]
            return cell_place(sheet, c, row), info.headers.get(c, "")
        if column == "commune_id":
            return cell_place(sheet, col, info.header_row), info.headers.get(col, "")
        if column == "set" and "set" in info.columns:
            return cell_place(sheet, info.columns["set"], row), info.headers.get(info.columns["set"], "")
        if column in ("year", "set"):
            return (info.year_place if column == "year" else info.set_place) or place, ""
        return place, ""


# --------------------------------------------------------------------------- places


def column_letter(n: int) -> str:
    """Excel's letters of column number `n` (1 -> 'A', 28 -> 'AB')."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def sheet_ref(sheet: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted when it holds spaces or signs."""
    return sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"


def cell_place(sheet: str, col: int, row: int) -> str:
    """'2023!D14' (or "'2023 NTM'!D14")."""
    return f"{sheet_ref(sheet)}!{column_letter(col)}{row}"


_CELL = re.compile(r"^(?:'((?:[^']|'')*)'|([^!']+))!([A-Z]+)(\d+)$")


def parse_cell(place: str) -> tuple[str, int, int] | None:
    """(sheet, column number, row) of a place written by cell_place(); None for other places."""
    m = _CELL.match(place)
    if not m:
        return None
    sheet = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
    return sheet, _column_number(m.group(3)), int(m.group(4))


_PLACE_WORDS = (("dòng ", "line", "n"), ("hàng ", "row", "n"))


def place_word(place: str) -> str:
    """A place of a row as a message of ERROR_TEXT, worded in the user's language: 'dòng 14' (a CSV
    line), 'hàng 14' (a Parquet row), "trang tính '2023'"; any other place (a cell) as it is."""
    if not isinstance(place, str) or isinstance(place, Message):
        return place
    for prefix, key, param in _PLACE_WORDS:
        if place.startswith(prefix) and place[len(prefix):].isdigit():
            return error_text(key, **{param: int(place[len(prefix):])})
    m = re.fullmatch(r"trang tính '(.*)'", place, re.S)
    return error_text("sheet_place", sheet=m.group(1)) if m else place


def lines_text(places: list[str]) -> str:
    """'các dòng 2, 29' for CSV places, 'các ô 2023!D5, 2023!D9' for cells (a message of ERROR_TEXT)."""
    if all(p.startswith("dòng ") for p in places):
        return error_text("lines_listed", lines=", ".join(p.removeprefix("dòng ") for p in places))
    if all(p.startswith("hàng ") for p in places):
        return error_text("rows_listed", rows=", ".join(p.removeprefix("hàng ") for p in places))
    return error_text("cells_listed", cells=", ".join(places))


# --------------------------------------------------------------------------- helpers


def normalise_column(s: pd.Series) -> pd.Series:
    """normalise_text over a column of text, once per distinct value."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    clean = np.array([normalise_text(u) for u in uniques] + [""], dtype=object)
    return pd.Series(clean[np.where(codes < 0, len(clean) - 1, codes)], index=s.index, dtype=object)


def text_categorical(codes: np.ndarray, uniques, clean) -> pd.Categorical:
    """Codes into `uniques` (-1: missing) as a categorical of texts, where `clean` turns one unique
    value into its text; distinct values that clean to the same text share a category."""
    texts = np.array([clean(u) for u in uniques] + [""], dtype=object)
    merged, categories = pd.factorize(texts)
    codes = np.asarray(codes)
    small = np.int8 if len(categories) < 2**7 else np.int16 if len(categories) < 2**15 else np.int32
    if (merged[:-1] == np.arange(len(uniques))).all() and (len(codes) == 0 or codes.min() >= 0):
        codes = codes.astype(small)  # every text distinct, none missing: the codes as they are
    else:
        codes = merged.astype(small)[np.where(codes < 0, len(texts) - 1, codes)]
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype="str"), validate=False)


def blank_rows(df: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is '' (df[c] == '' in every column), read from a categorical's codes."""
    blank = np.ones(len(df), bool)
    for c in df.columns:
        col = df[c]
        if isinstance(col.dtype, pd.CategoricalDtype):
            where = np.flatnonzero(col.cat.categories == "")
            if not len(where):
                return np.zeros(len(df), bool)
            blank &= col.cat.codes.to_numpy() == where[0]
        else:
            blank &= col.to_numpy() == ""
    return blank


def categorical_column(s: pd.Series, role: str = "value") -> pd.Categorical:
    """A column of any type as a categorical of normalised text (see cell_text), each distinct value cleaned once."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        return text_categorical(codes, uniques, lambda u: cell_text(u, "", role))
    return text_categorical(codes, uniques, lambda u: cell_text(u.item() if hasattr(u, "item") else u, "", role))


def arrow_categorical(column, role: str) -> pd.Categorical:
    """A pyarrow column as a categorical of normalised text, each distinct value cleaned once."""

    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(column.type):
        encoded = column
    else:
        encoded = pc.dictionary_encode(column)
    indices = encoded.indices if encoded.indices.null_count == 0 else encoded.indices.fill_null(-1)
    codes = indices.to_numpy(zero_copy_only=False)
    return text_categorical(codes, encoded.dictionary.to_pylist(), lambda u: cell_text(u, "", role))


def line_places(prefix: str, lines) -> pd.Series:
    """`prefix` + each line number ('hàng 1', 'hàng 2', …) as a string column, built as one buffer of
    bytes (no Python string per row): lines in increasing order (as readers give them) are written
    block by block of numbers with the same count of digits, others by pyarrow."""
    numbers = np.asarray(lines, dtype=np.int64)
    n = len(numbers)
    step_up = numbers[1:] - numbers[:-1]
    if n == 0 or numbers[0] < 0 or (step_up < 0).any():
        return joined_places(prefix, numbers)
    distinct = (step_up > 0).all()
    head = np.frombuffer(prefix.encode("utf-8"), np.uint8)
    powers = 10 ** np.arange(1, 19, dtype=np.int64)
    cuts = [0, *np.searchsorted(numbers, powers[:len(str(int(numbers[-1]))) - 1]), n]  # rows of 1, 2, … digits
    data = np.empty(sum((b - a) * (len(head) + d) for d, (a, b) in enumerate(zip(cuts[:-1], cuts[1:]), start=1)),
                    np.uint8)
    offsets = np.zeros(n + 1, np.int64)
    pos = 0
    for d, (a, b) in enumerate(zip(cuts[:-1], cuts[1:]), start=1):
        m, w = b - a, len(head) + d
        if not m:
            continue
        offsets[a + 1:b + 1] = np.arange(pos + w, pos + w * m + 1, w)
        block = data[pos:pos + m * w].reshape(m, w)  # one row of bytes per line: prefix, then d digits
        pos += m * w
        block[:, :len(head)] = head
        if distinct and numbers[b - 1] - numbers[a] == m - 1:  # consecutive: each digit's column repeats a pattern
            lo = int(numbers[a])
            for j in range(d):
                step = 10 ** (d - 1 - j)
                if step > m:  # a few runs at most
                    block[:, len(head) + j] = numbers[a:b] // step % 10 + 48
                    continue
                first = lo // step
                run = (np.arange(first, (lo + m - 1) // step + 1) % 10 + 48).astype(np.uint8)
                block[:, len(head) + j] = np.repeat(run, step)[lo - first * step:lo - first * step + m]
        else:
            x = numbers[a:b].astype(np.int32 if d < 10 else np.int64)
            for j in range(d - 1, -1, -1):
                q = x // 10
                block[:, len(head) + j] = x - q * 10 + 48
                x = q
    joined = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))
    return pd.Series(pd.array(joined, dtype="str"))


def joined_places(prefix: str, numbers: np.ndarray) -> pd.Series:
    """line_places by pyarrow's cast and join, for lines in any order."""
    text = pa.large_string()
    joined = pc.binary_join_element_wise(pa.scalar(prefix, text), pc.cast(pa.array(numbers), text),
                                         pa.scalar("", text))
    return pd.Series(pd.array(joined, dtype="str"))


def cell_text(value, number_format: str = "", role: str = "value") -> str:
    """A cell as text. Numbers: for role 'value' with a decimal comma ('95,5', '95%' for a cell
    formatted as a percentage); for labels (codes, ids, years) as plain text ('1.1', '2023')."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, float, np.integer, np.floating)):
        if isinstance(value, (float, np.floating)) and np.isnan(value):
            return ""
        if role == "value":
            if "%" in (number_format or ""):
                return number_to_text(round(float(value) * 100, 10)) + "%"
            return number_to_text(value)
        if float(value).is_integer():
            return str(int(value))
        return np.format_float_positional(float(f"{float(value):.15g}"), trim="-")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return normalise_text(value)


def canonical_header(header: str) -> str:
    """The column a header names: in lower case, an old alias read as today's name ('framework' -> 'set')."""
    h = normalise_text(header).lower()
    return COLUMN_ALIASES.get(h, h)


def canonical_columns(headers: list[str]) -> list[str]:
    """Header names in lower case, 'framework' read as 'set' unless the file has both."""
    plain = [normalise_text(h).lower() for h in headers]
    return [COLUMN_ALIASES[h] if h in COLUMN_ALIASES and COLUMN_ALIASES[h] not in plain else h for h in plain]


def missing_columns(name: str, place: str, headers: list[str], required, column_of=None) -> list[Problem]:
    """One problem per missing required column, with the closest header as a hint."""
    have = [canonical_header(h) for h in headers]
    problems = []
    for col in required:
        if col in have:
            continue
        hint = difflib.get_close_matches(col, [h for h in have if h not in required], n=1, cutoff=0.6)
        shown = ", ".join(h for h in headers if h) or error_text("none_shown")
        msg = error_text("missing_column", column=col, hint=error_text("did_you_mean", hint=hint[0]) if hint else "",
                         shown=shown)
        problems.append(Problem(name, msg, place, col))
    return problems


def file_present(path: Path, problems: list[Problem]) -> bool:
    """False (and the problem noted) when the file is missing or empty."""
    if not path.is_file():
        problems.append(Problem(path.name, error_text("no_file")))
        return False
    if path.stat().st_size == 0:
        problems.append(Problem(path.name, error_text("empty")))
        return False
    return True
