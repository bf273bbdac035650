"""Read data files into tables of text: CSV (UTF-8), XLSX (tidy or the offices' wide sheets), Parquet.

Every row keeps where it came from as the user sees it: `line` (the CSV line, the Excel row,
the Parquet row number) and `place` ("dòng 14" in a CSV, "2023!D14" in a workbook, "hàng 14"
in Parquet). Problems are collected, never raised one at a time; rows that are read but not
used are counted in `skipped`. Cells are text, normalised to NFC and trimmed; numbers from
Excel or Parquet cells are written the Vietnamese way ("95,5"), a cell formatted as a
percentage as "95%". Observations files, which can hold millions of rows, come back as
categoricals: each distinct text is normalised once, and pyarrow reads Parquet and plain CSV
files (one row per line) without a Python string per cell.

Two layouts of observations (documented in data/examples/README.md):

- tidy: one row per commune × year × indicator, columns commune_id, year, indicator, value
  and optional set, source, note (CSV, XLSX or Parquet; title rows above the header are
  allowed in a workbook);
- wide (XLSX): a sheet per year or per year and set, indicator codes (and names) down the
  rows, communes across the columns. The year is a 4-digit word of the sheet name ("2023",
  "2023 NTM", "2023 hanam-2022-ntm", "NTM 2023") or a title row above the table saying
  "năm 2023"; the set is the rest of the sheet name or a title row (a set id or a tier:
  "NTM", "nâng cao"/"NC", "kiểu mẫu"/"KM"), or a "Bộ tiêu chí" column, or the only set that
  dataset.yaml names for that year. The header row is the row with a cell "Mã chỉ tiêu" (or
  "Mã", "Chỉ tiêu", "TT", "STT"); every other titled column is a commune, by id or name
  ("13570", "Nhân Bình", "Xã Nhân Bình"), except descriptive columns (name, unit,
  threshold, note) and totals ("Tổng", "Toàn huyện"), which are skipped and reported.
"""
from __future__ import annotations

import csv
import datetime as _dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .errors import Problem
from .values import fold, normalise_text, number_to_text

OBSERVATION_REQUIRED = ("commune_id", "year", "indicator", "value")
OBSERVATION_OPTIONAL = ("set", "source", "note")
OBSERVATION_FORMATS = ("csv", "xlsx", "parquet")
COLUMN_ALIASES = {"framework": "set"}
READ_ONLY_ABOVE = 2_000_000  # bytes: larger workbooks are streamed (no merged cells, no hidden sheets)
HEAD_ROWS = 30  # rows searched for the header of a sheet

# Header labels of the wide layout, compared after fold().
CODE_LABELS = ("ma chi tieu", "ma ct", "ma so chi tieu", "ma so", "ma", "indicator", "code", "chi tieu", "tt",
               "stt", "so tt")
NAME_LABELS = ("ten chi tieu", "noi dung chi tieu", "noi dung", "ten", "name", "chi tieu", "tieu chi, chi tieu",
               "noi dung tieu chi")
SET_LABELS = ("bo tieu chi", "set")
DESCRIPTIVE_LABELS = ("don vi", "don vi tinh", "dvt", "unit", "tieu chi", "ma tieu chi", "criterion", "nguong",
                      "chi tieu dat chuan", "muc dat chuan", "yeu cau", "yeu cau cua bo tieu chi",
                      "chi tieu theo bo tieu chi", "threshold", "ghi chu", "note", "nguon", "source", "nhom",
                      "ten tieu chi", "noi dung tieu chi")
TOTAL_LABELS = ("tong", "tong cong", "cong", "toan huyen", "huyen", "so xa dat", "ty le dat", "ty le xa dat",
                "ket qua chung", "toan tinh")
DESCRIPTIVE_WORDS = ("chi tieu", "tieu chi", "noi dung", "don vi", "ghi chu", "nguong", "yeu cau")
_CODE_RE = re.compile(r"^(\d+(\.\d+)*[a-z]?|[ivx]+)\.?$")
_YEAR_WORD = re.compile(r"^(19|20)\d\d$")
_TITLE_YEAR = re.compile(r"\bnam\s*:?\s*((?:19|20)\d\d)\b")
_SET_FILLER = {"nam", "year", "-", "–", "_", "ket", "qua", "bang", "tong", "hop"}


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
        header cell of the column, the sheet name or title cell that gave the year or set).
        """
        if self.format != "xlsx":
            return place, column
        parsed = parse_cell(place)
        if parsed is None or parsed[0] not in self.sheets:
            return place, column
        sheet, col, row = parsed
        info = self.sheets[sheet]
        if info.layout == "tidy":
            c = info.columns.get(column)
            return (cell_place(sheet, c, row), info.headers.get(c, column)) if c else (place, column)
        if column == "value":
            return place, info.headers.get(col, "")
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


def lines_text(places: list[str]) -> str:
    """'các dòng 2, 29' for CSV places, 'các ô 2023!D5, 2023!D9' for cells."""
    if all(p.startswith("dòng ") for p in places):
        return "các dòng " + ", ".join(p.removeprefix("dòng ") for p in places)
    if all(p.startswith("hàng ") for p in places):
        return "các hàng " + ", ".join(p.removeprefix("hàng ") for p in places)
    return "các ô " + ", ".join(places)


# --------------------------------------------------------------------------- helpers


def _normalise_column(s: pd.Series) -> pd.Series:
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


def _categorical_column(s: pd.Series, role: str = "value") -> pd.Categorical:
    """A column of any type as a categorical of normalised text (see _cell_text), each distinct value cleaned once."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        return text_categorical(codes, uniques, lambda u: _cell_text(u, "", role))
    return text_categorical(codes, uniques, lambda u: _cell_text(u.item() if hasattr(u, "item") else u, "", role))


def _arrow_categorical(column, role: str) -> pd.Categorical:
    """A pyarrow column as a categorical of normalised text, each distinct value cleaned once."""

    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if pa.types.is_dictionary(column.type):
        encoded = column
    else:
        encoded = pc.dictionary_encode(column)
    indices = encoded.indices if encoded.indices.null_count == 0 else encoded.indices.fill_null(-1)
    codes = indices.to_numpy(zero_copy_only=False)
    return text_categorical(codes, encoded.dictionary.to_pylist(), lambda u: _cell_text(u, "", role))


def line_places(prefix: str, lines) -> pd.Series:
    """`prefix` + each line number ('hàng 1', 'hàng 2', …) as a string column, built by pyarrow
    (no Python string per row)."""

    numbers = pc.cast(pa.array(np.asarray(lines, dtype=np.int64)), pa.large_string())
    text = pa.large_string()
    joined = pc.binary_join_element_wise(pa.scalar(prefix, text), numbers, pa.scalar("", text))
    return pd.Series(pd.array(joined, dtype="str"))


def _cell_text(value, number_format: str = "", role: str = "value") -> str:
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


def _canonical(header: str) -> str:
    h = normalise_text(header).lower()
    return COLUMN_ALIASES.get(h, h)


def _canonical_columns(headers: list[str]) -> list[str]:
    """Header names in lower case, 'framework' read as 'set' unless the file has both."""
    plain = [normalise_text(h).lower() for h in headers]
    return [COLUMN_ALIASES[h] if h in COLUMN_ALIASES and COLUMN_ALIASES[h] not in plain else h for h in plain]


def _missing_columns(name: str, place: str, headers: list[str], required, column_of=None) -> list[Problem]:
    """One problem per missing required column, with the closest header as a hint."""
    have = [_canonical(h) for h in headers]
    problems = []
    for col in required:
        if col in have:
            continue
        hint = difflib.get_close_matches(col, [h for h in have if h not in required], n=1, cutoff=0.6)
        shown = ", ".join(h for h in headers if h) or "(không có)"
        msg = f"thiếu cột bắt buộc '{col}'" + (f" (có phải '{hint[0]}'?)" if hint else "") + f"; các cột có: {shown}"
        problems.append(Problem(name, msg, place, col))
    return problems


# --------------------------------------------------------------------------- CSV


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


# --------------------------------------------------------------------------- observations


def find_observations(root: Path, problems: list[Problem]) -> Path | None:
    """The observations file of a dataset folder (observations.csv, .xlsx or .parquet)."""
    found = [root / f"observations.{ext}" for ext in OBSERVATION_FORMATS if (root / f"observations.{ext}").is_file()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        problems.append(Problem(found[0].name, "có nhiều tệp số liệu (" + ", ".join(p.name for p in found)
                                + "): chỉ để lại một, để không số liệu nào bị bỏ qua"))
        return None
    other = sorted(p.name for p in root.glob("observations.*"))
    if other:
        problems.append(Problem(other[0], "định dạng không hỗ trợ (dùng .csv, .xlsx hoặc .parquet; "
                                          "tệp .xls cũ hãy lưu lại dạng .xlsx)"))
    else:
        problems.append(Problem("observations.csv", "không tìm thấy tệp số liệu "
                                                    "(observations.csv, observations.xlsx hoặc observations.parquet)"))
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
        problems.append(Problem(path.name, "định dạng không hỗ trợ (dùng .csv, .xlsx hoặc .parquet)"))
        return Table(path, None)
    if t.frame is not None:
        for col in OBSERVATION_OPTIONAL:
            if col not in t.frame.columns:
                t.frame[col] = pd.Categorical.from_codes(np.zeros(len(t.frame), np.int8),
                                                         categories=pd.Index([""], dtype="str"))
    return t


def _present(path: Path, problems: list[Problem]) -> bool:
    """False (and the problem noted) when the file is missing or empty."""
    if not path.is_file():
        problems.append(Problem(path.name, "không tìm thấy tệp"))
        return False
    if path.stat().st_size == 0:
        problems.append(Problem(path.name, "tệp rỗng"))
        return False
    return True


def read_parquet(path: Path, problems: list[Problem]) -> Table:
    """Read a tidy Parquet table; `place` is 'hàng N' (N-th row, from 1)."""
    name = path.name
    table = Table(path, None, "parquet")
    if not _present(path, problems):
        return table

    try:
        texts = [f.name for f in pq.read_schema(path) if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
        arrow = pq.read_table(path, read_dictionary=texts)  # text columns as codes into their distinct values
    except Exception as e:  # noqa: BLE001 - pyarrow raises many kinds; all mean "cannot read"
        problems.append(Problem(name, f"không đọc được tệp Parquet ({type(e).__name__}: {str(e)[:120]})"))
        return table
    index_columns = [c for c in (arrow.schema.pandas_metadata or {}).get("index_columns", []) if isinstance(c, str)]
    arrow = arrow.drop_columns(index_columns)  # a pandas index saved with the table is not data
    headers = [normalise_text(c) for c in arrow.column_names]
    missing = _missing_columns(name, "", headers, OBSERVATION_REQUIRED)
    if missing:
        problems += missing
        return table
    if arrow.num_rows == 0:
        problems.append(Problem(name, "tệp không có dòng số liệu nào"))
        return table
    # each column as codes into its distinct values, cleaned once per distinct value
    columns = {}
    for c, column in zip(_canonical_columns(headers), arrow.columns):
        if c not in columns:
            try:
                columns[c] = _arrow_categorical(column, "value" if c == "value" else "label")
            except (pa.ArrowNotImplementedError, pa.ArrowInvalid, TypeError):  # nested or odd types: value by value
                columns[c] = _categorical_column(pd.Series(column.to_pandas()), "value" if c == "value" else "label")
    del arrow
    out = pd.DataFrame(columns, copy=False)
    blank = np.logical_and.reduce([(out[c] == "").to_numpy() for c in out.columns])
    line = np.arange(1, len(out) + 1, dtype=np.int64)
    if blank.any():
        table.skipped.append(Skipped(name, "hàng trống", tuple(f"hàng {n}" for n in line[blank])))
        out, line = out[~blank].reset_index(drop=True), line[~blank]
    out.insert(0, "line", line)
    out.insert(1, "place", line_places("hàng ", line))
    table.frame = out
    return table


# --------------------------------------------------------------------------- XLSX


def read_xlsx(path: Path, problems: list[Problem]) -> Table:
    """Read every visible sheet of a workbook, tidy or wide, into one tidy table."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    table = Table(path, None, "xlsx")
    if not _present(path, problems):
        return table
    read_only = path.stat().st_size > READ_ONLY_ABOVE
    try:
        wb = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as e:
        problems.append(Problem(name, f"không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx ({type(e).__name__})"))
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
        problems.append(Problem(name, "tệp rỗng (không có ô nào có số liệu)"))
        return table
    if not frames:
        if not any(p.file == name for p in problems):
            problems.append(Problem(name, "không tìm thấy bảng số liệu: cần dòng tiêu đề có commune_id, year, "
                                          "indicator, value (dạng dọc) hoặc ô 'Mã chỉ tiêu' (dạng ngang)"))
        return table
    df = pd.concat(frames, ignore_index=True)
    if df.empty:
        problems.append(Problem(name, "tệp không có ô số liệu nào"))
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
    head = [[_cell_text(v, f, "label") for v, f in row] for row in raw]
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
    wide = _wide_header(head)
    if wide is None:
        table.skipped.append(Skipped(name, "không có bảng số liệu (không thấy dòng tiêu đề có 'Mã chỉ tiêu' "
                                           "hoặc commune_id, year, indicator, value)", (f"trang tính '{sheet}'",), "trang tính"))
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
    return _read_wide_sheet(sheet, name, wide, head, rows, table, problems), True


def _tidy_header(head: list[list[str]]) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """(header row, field -> column, column -> header) of a tidy sheet: the first row naming at
    least two of commune_id, year, indicator, value (the missing ones are reported)."""
    for r, row in enumerate(head, start=1):
        cols = {}
        for c, text in enumerate(row, start=1):
            key = _canonical(text)
            if key and key not in cols:
                cols[key] = c
        if sum(k in cols for k in OBSERVATION_REQUIRED) >= 2:
            return r, cols, {c: text for c, text in enumerate(row, start=1) if text}
    return None


def _read_tidy_sheet(ws, sheet, name, header, raw, rows_iter, table: Table, problems):
    hr, cols, headers = header
    missing = _missing_columns(name, cell_place(sheet, 1, hr), list(headers.values()), OBSERVATION_REQUIRED)
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
            vals[f] = _cell_text(v, fmt, "value" if f == "value" else "label")
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


def _wide_header(head: list[list[str]]):
    """(header row, code column, name column, set column, labels) of a wide sheet, or None."""
    for r, row in enumerate(head, start=1):
        folded = {c: _label(text) for c, text in enumerate(row, start=1) if text}
        code_candidates = [c for c, f in folded.items() if f in CODE_LABELS]
        if not code_candidates:
            continue
        below = head[r:]

        def code_like(c: int) -> int:
            return sum(1 for row2 in below if c <= len(row2) and _CODE_RE.match(fold(row2[c - 1]) or "-"))

        ranked = sorted(code_candidates, key=lambda c: CODE_LABELS.index(folded[c]))
        code = next((c for c in ranked if code_like(c)), ranked[0])
        name = next((c for c, f in folded.items() if c != code and f in NAME_LABELS), None) or next(
            (c for c, f in folded.items() if c != code and ("chi tieu" in f or "noi dung" in f)), None)
        set_col = next((c for c, f in folded.items() if f in SET_LABELS), None)
        # a header on two rows (merged cells): the table starts below the last row holding the code label
        hr = r
        while hr < len(head) and code <= len(head[hr]) and _label(head[hr][code - 1]) == folded[code]:
            hr += 1
        return hr, code, name, set_col, code_candidates
    return None


def _descriptive(label: str) -> bool:
    """A header of a column that describes the indicators (name, unit, threshold, note), not a commune."""
    return (label in DESCRIPTIVE_LABELS or label in NAME_LABELS or label in CODE_LABELS
            or any(w in label for w in DESCRIPTIVE_WORDS))


def _label(text: str) -> str:
    return fold(text).rstrip(":*. ").strip()


_SET_WORDS = re.compile(r"\b(ntm|nc|km|nang cao|kieu mau|nong thon moi)\b|[a-z]+-\d{4}-[a-z]")


def _mentions_set(text: str) -> bool:
    """Whether a sheet name names a set: a tier (NTM, nâng cao, kiểu mẫu, NC, KM) or a set id."""
    return bool(_SET_WORDS.search(fold(text)))


def _sheet_year_set(sheet: str, titles: list[tuple[str, str]]):
    """(year text, year place, set reference, set place) from the sheet name, else from title cells."""
    tokens = normalise_text(sheet).replace("_", " ").split(" ")
    years = [t for t in tokens if _YEAR_WORD.match(t)]
    rest = " ".join(t for t in tokens if t not in years and fold(t) not in _SET_FILLER).strip()
    sheet_place = f"trang tính '{sheet}'"
    year, year_place = (years[0], sheet_place) if years else ("", "")
    set_titles: list[tuple[str, str]] = []
    set_ref, set_place = (rest, sheet_place) if rest and _mentions_set(rest) else ("", "")
    for place, text in titles:
        f = fold(text)
        if not year:
            m = _TITLE_YEAR.search(f)
            if m:
                year, year_place = m.group(1), place
        if "bo tieu chi" in f or "nong thon moi" in f or "ntm" in f.split():
            set_titles.append((place, text))
    if not set_ref and set_titles:  # every title naming a set or tier; the most specific tier wins
        set_ref, set_place = " | ".join(t for _, t in set_titles), set_titles[0][0]
    return year, year_place, set_ref, set_place


def _row_texts(cells) -> dict[int, str]:
    texts = {c: _cell_text(v, f, "label") for c, (v, f) in enumerate(cells, start=1)}
    return {c: t for c, t in texts.items() if t}


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[\d.,]+%?", text.replace(" ", "")))


_NUMBERING = re.compile(r"^\(?(\d{1,2}|[A-Z])\)?$")


def _numbering_row(texts: dict[int, str]) -> bool:
    """A row that numbers the columns of the header: '(1)', '(2)', … or 'A', 'B', 1, 2, …"""
    if len(texts) < 3 or not all(_NUMBERING.match(t) for t in texts.values()):
        return False
    numbers = [int(t.strip("()")) for t in texts.values() if t.strip("()").isdigit()]
    return len(numbers) >= 2 and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def _read_wide_sheet(sheet, name, header, head, rows, table: Table, problems):
    hr, code_col, name_col, set_col, code_candidates = header
    titles = [(cell_place(sheet, c, r), text) for r, row in enumerate(head[:hr - 1], start=1)
              for c, text in enumerate(row, start=1) if text and not _CODE_RE.match(fold(text))]
    headers = _row_texts(rows[hr - 1])
    name_row = hr
    # a header on two rows without merged cells ("Kết quả" above the commune names), and a row
    # numbering the columns ("(1) (2) (3)…") below the header, belong to the header
    for _ in range(3):
        if hr >= len(rows):
            break
        below = _row_texts(rows[hr])
        if not below.get(code_col) and below and all(not _looks_numeric(t) for t in below.values()):
            headers.update(below)
            hr += 1
            name_row = hr
        elif _numbering_row(below):
            hr += 1
        else:
            break
    year, year_place, set_ref, set_place = _sheet_year_set(sheet, titles)
    if not set_ref and not set_col:  # the only set of the year, or a problem naming the sheet
        set_ref, set_place = sheet, f"trang tính '{sheet}'"
    communes, totals, untitled = [], [], []
    width = max((len(r) for r in rows[hr:]), default=0)
    for c in range(1, max(width, max(headers, default=0)) + 1):
        if c in (code_col, name_col, set_col):
            continue
        label = _label(headers.get(c, ""))
        if not label:
            untitled.append(c)
        elif label in TOTAL_LABELS:
            totals.append(c)
        elif _descriptive(label):
            continue
        else:
            communes.append(c)
    info = SheetInfo(sheet, "wide", name_row, {"indicator": code_col}, headers, year_place, set_place)
    if name_col:
        info.columns["name"] = name_col
    if set_col:
        info.columns["set"] = set_col
    table.sheets[sheet] = info
    if not communes:
        problems.append(Problem(name, "không có cột xã nào bên phải cột mã chỉ tiêu (tiêu đề cột là mã hoặc tên xã)",
                                cell_place(sheet, code_col, hr)))
        return None
    if not year:
        problems.append(Problem(name, f"không rõ năm của trang tính '{sheet}': đặt tên trang là năm (ví dụ "
                                      "'2023' hoặc '2023 NTM') hoặc ghi 'Năm 2023' ở dòng tiêu đề",
                                f"trang tính '{sheet}'"))
        return None

    out = {k: [] for k in ("line", "place", "commune_id", "year", "set", "indicator", "value")}
    no_code, total_cells, untitled_cells = [], {}, {}
    for r in range(hr + 1, len(rows) + 1):
        cells = rows[r - 1]

        def text(c: int, role: str = "value") -> str:
            if c is None or c > len(cells):
                return ""
            v, f = cells[c - 1]
            return _cell_text(v, f, role)

        code = text(code_col, "label")
        row_set = text(set_col, "label") if set_col else ""
        values = [(c, text(c)) for c in communes]
        values = [(c, v) for c, v in values if v]
        for c in totals:
            if text(c):
                total_cells.setdefault(c, []).append(r)
        for c in untitled:
            if text(c):
                untitled_cells.setdefault(c, []).append(r)
        if not values:
            continue
        if not code:
            no_code.append(cell_place(sheet, code_col, r))
            continue
        for c, v in values:
            out["line"].append(r)
            out["place"].append(cell_place(sheet, c, r))
            out["commune_id"].append(headers[c])
            out["year"].append(year)
            out["set"].append(row_set or set_ref)
            out["indicator"].append(code)
            out["value"].append(v)
    if no_code:
        table.skipped.append(Skipped(name, "có số liệu nhưng không có mã chỉ tiêu", tuple(no_code)))
    for c, rs in total_cells.items():
        table.skipped.append(Skipped(name, f"cột tổng '{headers[c]}' không phải một xã",
                                     (cell_place(sheet, c, hr),), "cột"))
    for c, rs in untitled_cells.items():
        table.skipped.append(Skipped(name, "cột có số liệu nhưng không có tiêu đề (mã hoặc tên xã)",
                                     (cell_place(sheet, c, hr),), "cột"))
    df = pd.DataFrame(out)
    df["line"] = df["line"].astype(np.int64)
    return df
