"""A fuzzer on every reader and on load_dataset: whatever the bytes, a file loads or its problems
are named; never another exception, never a hang.

Generated CSV files (comma, semicolon or tab; quoted or not; UTF-8, UTF-8 with BOM, cp1258,
latin-1 or UTF-16 bytes; ragged rows, duplicate and empty headers, NFD text, control
characters, empty and huge cells, stray bytes), workbooks (tidy and wide, either way round,
merged cells, hidden sheets, odd sheet names, numbers, dates and text in any cell, or not a
workbook at all) and Parquet files (odd column types, duplicate names) are read by
read_csv, read_xlsx, read_parquet and read_observations, and put as observations.* (or
communes.csv) into a copy of tests/data/tiny for load_dataset and validate.

The contract checked (`readable`, `named`):

- a reader returns a Table and raises nothing; its problems each name the file, and a place
  that is a line, a row, a cell or a sheet when there is one; its frame (when there is one)
  has a row per kept row with its line and a non-empty text place, columns of text, no NaN;
- load_dataset returns a Dataset or raises ntmlib.DataError whose problems name a file of
  the dataset and, for a problem about a row, the row or cell; validate never raises.

Each target runs twice: in the fast suite with a fifth of its examples (and every input kept as an
@example), in the slow suite (`*_full`) with all of them, a few hundred in all; both derandomized (the
same examples every run). `NTM_FUZZ_EXAMPLES=5000 pytest tests/product/test_fuzz.py` tries that many per
target, with a new seed each run unless `NTM_FUZZ_SEED` is set. Every input the fuzzer found crashing a reader is
kept as an @example of its target (and the crash fixed in ntmlib/readers).
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import shutil
import signal
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

import ntmlib
from ntmlib.dataset import readers
from ntmlib.dataset.model import COMMUNE_COLUMNS
from ntmlib.dataset.readers import OBSERVATION_REQUIRED, parse_cell

from tests.helpers.paths import TINY

EXAMPLES = int(os.environ.get("NTM_FUZZ_EXAMPLES", "0") or 0)
SEED = os.environ.get("NTM_FUZZ_SEED")
HANG_SECONDS = 30  # one example taking this long is a hang


FAST_SHARE = 5  # the fast suite tries 1 in FAST_SHARE of a target's examples; the slow suite tries them all


def fuzz(normal: int, fast: bool = False):
    """Settings of a fuzz target: `normal` derandomized examples (a fifth with `fast`), or NTM_FUZZ_EXAMPLES of
    them."""
    normal = max(normal // FAST_SHARE, 10) if fast else normal

    def wrap(f):
        f = settings(max_examples=EXAMPLES or normal, derandomize=not EXAMPLES or SEED is not None, database=None,
                     deadline=dt.timedelta(seconds=10), print_blob=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                            HealthCheck.filter_too_much, HealthCheck.large_base_example])(f)
        return seed(int(SEED))(f) if SEED is not None else f
    return wrap


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS):
    """Fail an example that runs longer than `seconds` (hypothesis' deadline only judges it afterwards)."""
    def stop(signum, frame):
        raise TimeoutError(f"no answer after {seconds} s: a hang")

    if not hasattr(signal, "SIGALRM"):  # Windows: hypothesis' deadline alone
        yield
        return
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --------------------------------------------------------------------------- the contract

_ROW_PLACE = re.compile(r"^(dòng|hàng) \d+$")
_PLACE = re.compile(r"^(dòng \d+|hàng \d+|trang tính '.*'|frameworks\[\d+\].*)$", re.S)
# messages about one row (or cell): they must name it
_ROW_MESSAGES = ("dòng có ", "không đọc được cho chỉ tiêu", "không có trong communes.csv", "không có chỉ tiêu '",
                 "thiếu mã chỉ tiêu", "thiếu năm", "năm '", "giá trị trùng lặp", "ngoài khoảng", "thiếu mã xã")


def good_place(place) -> bool:
    return isinstance(place, str) and (place == "" or bool(_PLACE.match(place)) or parse_cell(place) is not None)


def named(problems, files: set[str]) -> None:
    """Every problem names a file of `files`, a well-formed place, and a place when it is about a row."""
    assert problems, "no problem named"
    for p in problems:
        assert isinstance(p, ntmlib.Problem), p
        assert p.file in files, (p, files)
        assert good_place(p.place), p
        assert isinstance(p.message, str) and p.message, p
        if any(m in p.message for m in _ROW_MESSAGES):
            assert p.place, f"a problem about a row names no row: {p}"
        str(p)  # prints


def readable(table, problems, name: str) -> None:
    """A reader's result: a Table; its problems named; its frame, when read, well formed."""
    assert isinstance(table, readers.Table), table
    if problems:
        named(problems, {name})
    for s in table.skipped:
        assert s.file == name and s.places and all(good_place(p) and p for p in s.places), s
        str(s)
    df = table.frame
    if df is None:
        assert problems, "no table and no problem"
        return
    assert isinstance(df, pd.DataFrame)
    assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0, df.index
    assert list(df.columns[:2]) == ["line", "place"], list(df.columns)
    assert not df.columns.duplicated().any(), list(df.columns)
    assert pd.api.types.is_integer_dtype(df["line"]) and (df["line"] >= 1).all()
    places = df["place"].astype(object).tolist()
    assert all(isinstance(p, str) and p and good_place(p) for p in places), places[:5]
    for c in df.columns[2:]:
        values = df[c].astype(object).tolist()
        assert all(isinstance(v, str) for v in values), (c, [v for v in values if not isinstance(v, str)][:3])


# --------------------------------------------------------------------------- generated cells

HEADER_WORDS = ["commune_id", "year", "set", "indicator", "value", "source", "note", "framework", "Commune_ID",
                " Value ", "VALUE", "giá trị", "", "commune", "district", "province", "region", "group", "assessed",
                "value.1", "Unnamed: 0", "tier"]
CELL_WORDS = ["A", "B", "C", "D", "Xã Bình", "Cao", "An", "2023", "2022", "1899", "2023.0", "tiny-ntm", "tiny-nc",
              "nâng cao", "NTM", "1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "1", "health_insurance_rate",
              "100", "95,5", "95,5%", "120%", "-5", "Đạt", "không đạt", "chưa đạt", "x", "có", "", " ", "1.234",
              "0,95", "1e400", "nan", "NaN", "NULL", "None", "inf", "-inf", "=1+1", '"', "'", "\\", "#N/A",
              "Ghi chú: số liệu tạm", "Người lập biểu", "Tổng", "ntm", "kieu-mau", "false", "DBSH", "Mã chỉ tiêu",
              "TT", "Tên xã", "K2", "17.10", "95.5"]
CONTROL = "\x00\x01\x08\x0b\x0c\x1b\x7f\r\n\t\u200b\ufeff\u2028\u00a0"

words = st.sampled_from(CELL_WORDS)
plain_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
nfd_text = words.map(lambda s: unicodedata.normalize("NFD", s))
control_text = st.text(st.sampled_from(CONTROL), min_size=1, max_size=3)
# a huge cell: past Excel's 32,767 characters and the csv module's field limit (131,072)
huge_text = st.builds(lambda ch, n: ch * n, st.sampled_from(["9", "x", "Đ", ",", '"', "\n", " "]),
                      st.sampled_from([1_000, 40_000, 140_000]))
cell_text = st.one_of(words, words, words, plain_text, nfd_text, control_text,
                      st.builds(lambda a, b: a + b, words, control_text))


def required_header(extra: list[str]) -> st.SearchStrategy[list[str]]:
    return st.permutations(list(OBSERVATION_REQUIRED) + extra)


@st.composite
def with_extras(draw, base: st.SearchStrategy[list[str]]) -> list[str]:
    """A header with a few more names put anywhere: known ones in another case, duplicates, noise."""
    head = list(draw(base))
    for name in draw(st.lists(st.one_of(st.sampled_from(HEADER_WORDS), cell_text), max_size=3)):
        head.insert(draw(st.integers(0, len(head))), name)
    return head


header_strategy = st.one_of(required_header([]), required_header(["set"]), required_header(["set", "source", "note"]),
                            with_extras(required_header(["set"])),
                            st.lists(st.one_of(st.sampled_from(HEADER_WORDS), cell_text), max_size=8))


@st.composite
def csv_text(draw, header=header_strategy) -> tuple[list[str], str]:
    """(header, text of a CSV file): quoted by the csv module or joined raw, any line end."""
    head = draw(header)
    width = max(len(head), 1)
    rows = draw(st.lists(st.one_of(st.lists(cell_text, min_size=width, max_size=width),
                                   st.lists(cell_text, max_size=width + 2)), max_size=8))
    if rows and draw(st.integers(0, 9)) == 0:  # now and then one huge cell
        row = draw(st.integers(0, len(rows) - 1))
        rows[row] = [*rows[row], draw(huge_text)]
    sep = draw(st.sampled_from([",", ";", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if draw(st.booleans()):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=sep, lineterminator=eol)
        writer.writerow(head)
        writer.writerows(rows)
        text = buf.getvalue()
    else:
        text = eol.join(sep.join(r) for r in [head, *rows]) + draw(st.sampled_from(["", eol, eol * 2]))
    return head, text


@st.composite
def encoded(draw, text_strategy) -> bytes:
    """Text in some encoding, sometimes with stray bytes spliced in."""
    _, text = draw(text_strategy)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1258", "latin-1", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    return data


csv_bytes = encoded(csv_text())


# --------------------------------------------------------------------------- generated workbooks

SHEET_NAMES = ["2023 NTM", "2023", "2022 NTM", "2023 nâng cao", "NTM 2023", "2023 tiny-nc", "Sheet", "Ghi chú",
               "Số liệu", "'quote", "2023 2024", "x" * 31, "Năm"]
xl_scalar = st.one_of(
    st.none(), st.none(), words, words, words, plain_text, nfd_text,
    st.integers(-10**6, 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.96, 63.5, 2023, 1.1, 17.1, 13570, 95.5, -0.0, 1e300]), st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["=SUM(A1:A2)", "=1/0", "#DIV/0!"]))
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl refuses these in a cell


def _legal(v):
    return _ILLEGAL.sub("?", v) if isinstance(v, str) else v


@st.composite
def sheet_grid(draw) -> list[list]:
    """A grid of cells: free, or shaped like a tidy or wide table (either way round) with noise."""
    shape = draw(st.sampled_from(["free", "tidy", "wide", "rows"]))
    n_rows, n_cols = draw(st.integers(0, 10)), draw(st.integers(1, 8))
    grid = [[draw(xl_scalar) for _ in range(n_cols)] for _ in range(n_rows)]
    if shape == "tidy":
        grid.insert(0, draw(required_header(draw(st.sampled_from([[], ["set"], ["source"]])))))
    elif shape == "wide":
        grid.insert(0, [draw(st.sampled_from(["Mã chỉ tiêu", "TT", "Mã", "STT"])), "Nội dung",
                        *draw(st.lists(st.sampled_from(["Xã An", "Bình", "C", "A", "Tổng", "", "Ghi chú", "Xã Mới"]),
                                       max_size=4))])
        for row in grid[1:]:
            row[0] = draw(st.sampled_from(["1", "1.1", "1.2", "2.1", "3.1", "I", "", "Ghi chú: x", "3.22", None]))
    elif shape == "rows":
        grid.insert(0, ["TT", draw(st.sampled_from(["Tên xã", "Mã xã", "Xã", "Đơn vị", "TT"])),
                        *draw(st.lists(st.sampled_from(["1.1", "1.2", "2.1", "3.1", "K2", "1", "Tổng", ""]),
                                       min_size=2, max_size=5))])
        for row in grid[1:]:
            if len(row) > 1:
                row[1] = draw(st.sampled_from(["Xã An", "Bình", "C", "Tổng cộng", "", "Người lập biểu", None]))
    if grid and draw(st.integers(0, 9)) == 0:  # now and then one huge cell
        grid[-1].append(draw(huge_text)[:32_767])
    if draw(st.booleans()):  # title rows above the table
        grid[:0] = [[draw(st.sampled_from(["BẢNG TỔNG HỢP NĂM 2023", "Bộ tiêu chí NTM", "UBND HUYỆN"]))]]
    return [[_legal(v) for v in row] for row in grid]


@st.composite
def workbook_bytes(draw) -> bytes:
    """An .xlsx file: sheets of generated cells, some merged, some hidden; or bytes that are not one."""
    from openpyxl import Workbook

    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.one_of(st.binary(max_size=64), st.just(b"PK\x03\x04" + b"\x00" * 30)))
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 15, 8, 0, 0)
    used = set()
    for _ in range(draw(st.integers(0, 3))):
        title = draw(st.one_of(st.sampled_from(SHEET_NAMES),
                               st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"],
                                                     exclude_characters="[]:*?/\\'"), min_size=1, max_size=31)))
        if title.lower() in used:
            continue
        used.add(title.lower())
        ws = wb.create_sheet(title)
        grid = draw(sheet_grid())
        down = draw(st.sampled_from([0, 0, 0, 3, 26, 29]))  # rows above the table: across the 30 rows searched
        grid[:0] = [[] for _ in range(down)]
        for r, row in enumerate(grid, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    cell = ws.cell(r, c, v)
                    if isinstance(v, float) and draw(st.integers(0, 5)) == 0:
                        cell.number_format = "0%"
        height, width = max(len(grid), 1), max((len(r) for r in grid), default=1)
        for _ in range(draw(st.integers(0, 3))):  # merged ranges, anywhere (even past the cells)
            r0, c0 = draw(st.integers(1, height + 2)), draw(st.integers(1, width + 1))
            r1, c1 = r0 + draw(st.integers(0, 3)), c0 + draw(st.integers(0, 4))
            if (r1, c1) != (r0, c0):
                with contextlib.suppress(ValueError):
                    ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        if draw(st.integers(0, 6)) == 0:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    if not wb.worksheets:
        wb.create_sheet("Trống")
    if all(ws.sheet_state == "hidden" for ws in wb.worksheets):  # Excel keeps one sheet visible
        wb.worksheets[0].sheet_state = "visible"
    wb.save(buf)
    data = buf.getvalue()
    if kind == 1:  # truncated (at a share of its length: the bytes of a workbook vary a little with the clock)
        data = data[:len(data) * draw(st.integers(0, 99)) // 100]
    return data


# --------------------------------------------------------------------------- generated Parquet

@st.composite
def parquet_bytes(draw) -> bytes:
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return draw(st.one_of(st.binary(max_size=64), st.just(b"PAR1" + b"\x00" * 20 + b"PAR1")))
    names = draw(st.one_of(required_header([]), required_header(["set", "note"]),
                           st.lists(st.sampled_from(HEADER_WORDS), max_size=6)))
    n = draw(st.integers(0, 6))
    arrays = []
    for _ in names:
        kind = draw(st.sampled_from(["text", "int", "float", "bool", "null", "date", "list", "dict"]))
        if kind == "text":
            arr = pa.array(draw(st.lists(st.one_of(st.none(), cell_text.map(lambda s: s[:5000])),
                                         min_size=n, max_size=n)), pa.string())
        elif kind == "int":
            arr = pa.array(draw(st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)), min_size=n, max_size=n)),
                           pa.int64())
        elif kind == "float":
            arr = pa.array(draw(st.lists(st.floats(), min_size=n, max_size=n)), pa.float64())
        elif kind == "bool":
            arr = pa.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), pa.bool_())
        elif kind == "null":
            arr = pa.nulls(n)
        elif kind == "date":
            arr = pa.array(draw(st.lists(st.dates(), min_size=n, max_size=n)), pa.date32())
        elif kind == "list":
            arr = pa.array(draw(st.lists(st.lists(st.integers(0, 9), max_size=2), min_size=n, max_size=n)))
        else:
            arr = pa.array(draw(st.lists(words, min_size=n, max_size=n)), pa.string()).dictionary_encode()
        arrays.append(arr)
    table = pa.Table.from_arrays(arrays, names=names) if names else pa.table({})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- the targets

@pytest.fixture(scope="module")
def work():
    with tempfile.TemporaryDirectory(prefix="ntm-fuzz-") as d:
        yield Path(d)


def _write(work: Path, name: str, data: bytes) -> Path:
    path = work / name
    path.write_bytes(data)
    return path


def _read_csv(path: Path, **kw):
    problems: list = []
    with no_hang():
        table = readers.read_csv(path, OBSERVATION_REQUIRED, problems, **kw)
    return table, problems


# Inputs found crashing a reader (or breaking the contract) are kept as @example of their target,
# each with what it did before it was fixed.
@fuzz(200, fast=True)
# first row with one cell more than the header: pandas took it as an index, places NaN, TypeError later
@example(data="commune_id,year,indicator,value\nA,2023,1.1,95,5%\nB,2023,1.1,90\n".encode(), categorical=True)
# lines ending in a bare \r: csv.Error ("new-line character seen in unquoted field"), header and ragged rows
@example(data=b'value,commune_id,set,indicator,year\r"""\r', categorical=True)
@example(data=b"commune_id,year,indicator,value\nA,2023,1.1,5\nB,2023,1.1,5,6\nC\rD,1\n", categorical=False)
# a cell longer than the csv module's limit on a ragged line: read as an index column, every column shifted
@example(data=b"commune_id,year,indicator,value\nA,2023,1.1," + b"9" * 140_000 + b",5\n", categorical=False)
# a column written twice in different case: two columns named 'value', AttributeError
@example(data=b"commune_id,year,indicator,value,Value\nA,2023,1.1,5,6\n", categorical=False)
@example(data=b"commune_id,year,indicator,value,VALUE\nA,2023,1.1,5,6\n", categorical=True)
# bytes not UTF-8 in a header pyarrow read: UnicodeDecodeError from pyarrow's names (NTM_FUZZ_EXAMPLES=5000)
@example(data=b'"0\n",n\xe2ng cao\n', categorical=True)
@example(data=b'"0\r\x80"\r\n', categorical=True)
# a first row with 140,000 cells more than the header: pandas built a 140,000-level index for 16 s (a hang)
@example(data=b"commune_id,year,indicator,value\nA,2023,1.1,5" + b"," * 140_000 + b"\n", categorical=False)
@given(data=csv_bytes, categorical=st.booleans())
def test_fuzz_read_csv(work, data, categorical):
    _fuzz_read_csv(work, data, categorical)


@pytest.mark.slow
@fuzz(200)
@given(data=csv_bytes, categorical=st.booleans())
def test_fuzz_read_csv_full(work, data, categorical):
    _fuzz_read_csv(work, data, categorical)


def _fuzz_read_csv(work, data, categorical):
    table, problems = _read_csv(_write(work, "observations.csv", data), categorical=categorical)
    readable(table, problems, "observations.csv")
    if table.frame is not None:
        assert set(OBSERVATION_REQUIRED) <= set(table.frame.columns)


@contextlib.contextmanager
def streamed(on: bool):
    """Workbooks read as large ones are (openpyxl's read-only mode: no merged cells, no hidden sheets)."""
    from ntmlib.dataset.readers import xlsx

    old = xlsx.READ_ONLY_ABOVE
    xlsx.READ_ONLY_ABOVE = 0 if on else old
    try:
        yield
    finally:
        xlsx.READ_ONLY_ABOVE = old


def _two_tidy_sheets() -> bytes:
    """Two tidy sheets, only the first with a 'source' column: NaN in 'source' for the second's rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "a"
    ws.append(["commune_id", "year", "indicator", "value", "source"])
    ws.append(["A", 2023, "1.1", 5, "x"])
    ws = wb.create_sheet("b")
    ws.append(["commune_id", "year", "indicator", "value"])
    ws.append(["B", 2023, "1.1", 6])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@fuzz(80, fast=True)
@example(data=_two_tidy_sheets(), stream=False)
@given(data=workbook_bytes(), stream=st.booleans())
def test_fuzz_read_xlsx(work, data, stream):
    _fuzz_read_xlsx(work, data, stream)


@pytest.mark.slow
@fuzz(80)
@given(data=workbook_bytes(), stream=st.booleans())
def test_fuzz_read_xlsx_full(work, data, stream):
    _fuzz_read_xlsx(work, data, stream)


def _fuzz_read_xlsx(work, data, stream):
    path = _write(work, "observations.xlsx", data)
    problems: list = []
    with no_hang(), streamed(stream):
        table = readers.read_xlsx(path, problems)
    readable(table, problems, "observations.xlsx")


def _list_column() -> bytes:
    """A Parquet 'value' column of lists: TypeError (unhashable numpy array) when reading it."""
    buf = io.BytesIO()
    pq.write_table(pa.table({"commune_id": ["A"], "year": [2023], "indicator": ["1.1"],
                             "value": pa.array([[1, 2]])}), buf)
    return buf.getvalue()


@fuzz(60, fast=True)
@example(data=_list_column())
@given(data=parquet_bytes())
def test_fuzz_read_parquet(work, data):
    _fuzz_read_parquet(work, data)


@pytest.mark.slow
@fuzz(60)
@given(data=parquet_bytes())
def test_fuzz_read_parquet_full(work, data):
    _fuzz_read_parquet(work, data)


def _fuzz_read_parquet(work, data):
    path = _write(work, "observations.parquet", data)
    problems: list = []
    with no_hang():
        table = readers.read_parquet(path, problems)
    readable(table, problems, "observations.parquet")


any_observations = st.one_of(st.tuples(st.just("csv"), csv_bytes), st.tuples(st.just("xlsx"), workbook_bytes()),
                            st.tuples(st.just("parquet"), parquet_bytes()))


@fuzz(60, fast=True)
@given(fmt_data=any_observations)
def test_fuzz_read_observations(work, fmt_data):
    _fuzz_read_observations(work, fmt_data)


@pytest.mark.slow
@fuzz(60)
@given(fmt_data=any_observations)
def test_fuzz_read_observations_full(work, fmt_data):
    _fuzz_read_observations(work, fmt_data)


def _fuzz_read_observations(work, fmt_data):
    fmt, data = fmt_data
    path = _write(work, f"observations.{fmt}", data)
    problems: list = []
    with no_hang():
        table = readers.read_observations(path, problems)
    readable(table, problems, path.name)
    if table.frame is not None:
        assert {*OBSERVATION_REQUIRED, "set", "source", "note"} <= set(table.frame.columns)


def _dataset(work: Path, files: dict[str, bytes]) -> Path:
    d = work / "ds"
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    if not any(n.startswith("observations.") for n in files):
        shutil.copy(TINY / "observations.csv", d / "observations.csv")
    for name, data in files.items():
        (d / name).write_bytes(data)
    return d


communes_bytes = encoded(csv_text(st.one_of(st.permutations(COMMUNE_COLUMNS + ["group", "assessed"]),
                                            st.permutations(COMMUNE_COLUMNS), header_strategy)))
dataset_files = st.one_of(
    st.tuples(st.just("observations.csv"), csv_bytes).map(lambda t: dict([t])),
    st.tuples(st.just("observations.xlsx"), workbook_bytes()).map(lambda t: dict([t])),
    st.tuples(st.just("observations.parquet"), parquet_bytes()).map(lambda t: dict([t])),
    st.tuples(st.just("communes.csv"), communes_bytes).map(lambda t: dict([t])),
    st.fixed_dictionaries({"observations.csv": csv_bytes, "communes.csv": communes_bytes}),
)
DATASET_FILES = {"observations.csv", "observations.xlsx", "observations.parquet", "communes.csv", "recognitions.csv",
                 "registrations.csv", "crosswalk.csv", "dataset.yaml"}


@fuzz(60, fast=True)
@given(files=dataset_files)
def test_fuzz_load_dataset(work, files):
    _fuzz_load_dataset(work, files)


@pytest.mark.slow
@fuzz(60)
@given(files=dataset_files)
def test_fuzz_load_dataset_full(work, files):
    _fuzz_load_dataset(work, files)


def _fuzz_load_dataset(work, files):
    d = _dataset(work, files)
    with no_hang():
        try:
            ds = ntmlib.load_dataset(d)
        except ntmlib.DataError as e:
            named(e.problems, DATASET_FILES)
        else:
            assert isinstance(ds, ntmlib.Dataset)
            assert isinstance(ds.observations.index, pd.RangeIndex)
        problems = ntmlib.validate(d)  # never raises
    if problems:
        named(problems, DATASET_FILES)


# --------------------------------------------------------------------------- cases kept as plain tests


def test_first_row_with_one_cell_more_is_a_ragged_line_not_an_index(tmp_path):
    """pandas reads a first row with one cell more than the header as an index column; the CSV
    reader reports it as a ragged line instead of a table whose every column is shifted."""
    for categorical in (False, True):
        path = tmp_path / "observations.csv"
        path.write_text("commune_id,year,indicator,value\nA,2023,1.1,95,5%\nB,2023,1.1,90\n", encoding="utf-8")
        table, problems = _read_csv(path, categorical=categorical)
        assert table.frame is None
        assert [str(p) for p in problems] == [
            'observations.csv: dòng 2: dòng có 5 ô, dòng tiêu đề có 4 (số có dấu phẩy thập phân phải đặt trong ngoặc '
            'kép, ví dụ "95,5", hoặc dùng dấu ; để ngăn cột)']


def test_a_blank_first_line_is_named(tmp_path):
    """A blank line above the header: one problem at line 1 (pandas read the cells of every row as an
    index once the first data row had more cells than the blank header)."""
    path = tmp_path / "observations.csv"
    path.write_text("\ncommune_id,year,indicator,value\nA,2023,1.1,5\n", encoding="utf-8")
    for categorical in (False, True):
        table, problems = _read_csv(path, categorical=categorical)
        assert table.frame is None
        assert [str(p) for p in problems] == [
            "observations.csv: dòng 1: dòng đầu trống: dòng tiêu đề (tên các cột) phải là dòng đầu tiên của tệp"]


def test_place_order_of_a_place_that_is_not_text():
    from ntmlib.dataset.checks import place_order

    assert place_order(float("nan")) == place_order(None) == (0, "", 0, 0)
    assert sorted(["dòng 3", float("nan"), "dòng 2"], key=place_order)[1:] == ["dòng 2", "dòng 3"]
