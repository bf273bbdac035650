"""The wide layouts of observations (XLSX): a table of indicators × communes, either way round.

- communes across the columns (indicators down the rows): a sheet per year or per year and
  set, indicator codes (and names) down the rows. The year is a 4-digit word of the sheet
  name ("2023", "2023 NTM", "2023 hanam-2022-ntm", "NTM 2023") or a title row above the table
  saying "năm 2023"; the set is the rest of the sheet name or a title row (a set id or a
  tier: "NTM", "nâng cao"/"NC", "kiểu mẫu"/"KM"), or a "Bộ tiêu chí" column, or the only set
  that dataset.yaml names for that year. The header row is the row with a cell "Mã chỉ tiêu"
  (or "Mã", "Chỉ tiêu", "TT", "STT"); every other titled column is a commune, by id or name
  ("13570", "Nhân Bình", "Xã Nhân Bình"), except descriptive columns (name, unit, threshold,
  note, values "tham khảo" for reference) and totals ("Tổng", "Toàn huyện"), which are skipped and reported.
- communes down the rows (one row per commune): indicator codes across a header row ("1.1",
  "17.10", "K2"), usually under merged criterion headers; the commune column is the one
  headed "Tên xã", "Xã", "Mã xã", "Đơn vị", … (else the first column of names). Year and set
  as above. Columns whose header is not a code (totals, "Số tiêu chí đạt") and rows without
  a commune or naming a total ("Tổng cộng") are skipped and reported.

The layout is told by where the codes are (wide_layout): down a column labelled as the code
column, or across one header row. When both hold codes and no header says which
("Mã chỉ tiêu" for codes down the rows; "Tên xã" / "Mã xã" for communes down the rows), the
sheet is not read and one problem says how it would be read and how to say otherwise.

In both layouts the table ends at a notes or signature row under it ("Ghi chú: …", "Người
lập biểu", "TM. UBND xã", "…, ngày … tháng … năm …"), merged across or not: that row and the
rows below it are skipped and reported (with codes down the rows, a row below it with an
indicator code is still read).

ntmlib.dataset.readers.xlsx finds the sheets and their first rows; this module finds the header of a
wide sheet (wide_layout) and turns the sheet into tidy rows (read_wide_sheet).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ...base.values import fold, normalise_text
from ...errors import Problem
from ...text import error_text
from .places import SheetInfo, Skipped, Table, cell_place, cell_text, column_letter

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
DESCRIPTIVE_WORDS = ("chi tieu", "tieu chi", "noi dung", "don vi", "ghi chu", "nguong", "yeu cau", "tham khao")
_CODE_RE = re.compile(r"^(\d+(\.\d+)*[a-z]?|[ivx]+)\.?$")
_YEAR_WORD = re.compile(r"^(19|20)\d\d$")
_TITLE_YEAR = re.compile(r"\bnam\s*:?\s*((?:19|20)\d\d)\b")
_SET_FILLER = {"nam", "year", "-", "–", "_", "ket", "qua", "bang", "tong", "hop"}
# communes down the rows: the header of the commune column, compared after fold()
COMMUNE_ID_LABELS = ("ma xa", "commune_id", "ma don vi", "ma so xa", "ma dvhc", "ma xa/thi tran")
COMMUNE_NAME_LABELS = ("ten xa", "xa", "xa/thi tran", "xa, thi tran", "ten xa/thi tran", "ten xa, thi tran",
                       "ten don vi", "don vi", "don vi hanh chinh", "commune", "dia phuong", "ten dia phuong", "ten")
# a header saying the codes run down the rows (not "TT", "STT", "Mã", which number any table)
EXPLICIT_CODE_LABELS = ("ma chi tieu", "ma ct", "ma so chi tieu", "indicator", "code")
# an indicator code as a header across ("1.1", "17.10", "2.3a", "K2"); a criterion's ("1") too
_HEADER_CODE = re.compile(r"^([a-z]{1,2})?\d{1,3}(\.\d{1,3})*[a-z]?\.?$")
# a code no commune id or row number looks like: with a dot or a letter ("1.1", "K2")
_STRONG_CODE = re.compile(r"^(\d{1,3}(\.\d{1,3})+[a-z]?|[a-z]{1,2}\d{1,3}(\.\d{1,3})*[a-z]?)\.?$")
# the first cell of a notes or signature row under a table (after fold())
FOOTER_PREFIXES = ("ghi chu", "chu thich", "luu y", "nguoi lap", "nguoi tong hop", "nguoi bao cao", "nguoi ky",
                   "chu tich", "pho chu tich", "kt. chu tich", "kt chu tich", "tm. ", "tm ", "t/m ", "t.m ",
                   "thu truong", "xac nhan", "noi nhan", "ky ten", "(ky", "da ky", "can bo tong hop", "lanh dao",
                   "truong ban", "giam doc", "ke toan")
_FOOTER_DATE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
FOOTER_REASON = "ghi chú hoặc chữ ký dưới bảng (không phải số liệu)"


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


def _strong_code(text: str) -> bool:
    return bool(_STRONG_CODE.match(fold(text).replace(" ", "")))


def _header_code(text: str) -> str:
    """The indicator code a header across holds ("1.1", "K2", "1" for a criterion), else ''."""
    t = normalise_text(text).replace(" ", "")
    return t.rstrip(".") if _HEADER_CODE.match(fold(t)) else ""


def _rows_codes(head: list[list[str]], down) -> tuple[int, list[int]] | None:
    """(row, columns) of the first header row holding indicator codes across (two at least), or None.

    With a code column found (`down`), only rows up to just below its header count, and not a
    row with a code in that column (a row of data whose numbers look like codes: 63.5, 4.5)."""
    code_col = down[1] if down else None
    last = down[0] + 1 if down else len(head)
    for r, row in enumerate(head[:last], start=1):
        if code_col and code_col <= len(row) and (_CODE_RE.match(fold(row[code_col - 1]) or "-")
                                                  or _header_code(row[code_col - 1])):
            continue
        strong = [c for c, t in enumerate(row, start=1) if t and _strong_code(t)]
        if len(strong) >= 2:
            return r, strong
    return None


def _column_labels(head: list[list[str]], r: int) -> dict[int, str]:
    """Header text of each column of a header ending at row `r`: the nearest of rows r, r-1, r-2."""
    out: dict[int, str] = {}
    for rr in (r, r - 1, r - 2):
        if rr < 1 or rr > len(head):
            continue
        for c, t in enumerate(head[rr - 1], start=1):
            if t and c not in out:
                out[c] = t
    return out


def _commune_column(labels: dict[int, str], codes: set[int], head: list[list[str]], r: int) -> tuple[int | None, bool]:
    """(the commune column of a sheet with communes down the rows, whether its header says so)."""
    rest = {c: _label(t) for c, t in labels.items() if c not in codes}
    below = head[r:]

    def filled(c: int) -> list[str]:
        return [row[c - 1] for row in below if c <= len(row) and row[c - 1]]

    for group in (COMMUNE_ID_LABELS, COMMUNE_NAME_LABELS):
        for c, f in sorted(rest.items()):
            if (f in group or (group is COMMUNE_NAME_LABELS and f.startswith(("ten xa", "xa/", "xa,"))))\
                    and filled(c):
                return c, True
    for c, f in sorted(rest.items()):  # no header says so: the first column of names
        if f in CODE_LABELS or f in SET_LABELS or f in TOTAL_LABELS or _descriptive(f):
            continue
        cells = filled(c)
        if cells and sum(not _looks_numeric(t) for t in cells) * 2 > len(cells):
            return c, False
    return None, False


def wide_layout(sheet: str, name: str, head: list[list[str]]):
    """How a wide sheet is laid out: ("columns", header) with communes across the columns (see
    _wide_header), ("rows", header) with one row per commune, a Problem when it cannot be told
    which, or None when the sheet has no wide table.

    The rows header is (code row, commune column, {column: code}, set column, title rows end)."""
    down = _wide_header(head)
    across = _rows_codes(head, down)
    if across is None:
        return ("columns", down) if down else None
    r, strong = across
    labels = _column_labels(head, r)
    codes = {c: code for c, t in enumerate(head[r - 1], start=1) if t and (code := _header_code(t))}
    commune_col, said = _commune_column(labels, set(codes), head, r)
    if down:
        hr, code_col = down[0], down[1]
        n_down = sum(1 for row in head[hr:] if code_col <= len(row) and _strong_code(row[code_col - 1]))
        if n_down >= 2:
            header_row = head[hr - 1]
            explicit = (_label(labels.get(code_col, "")) in EXPLICIT_CODE_LABELS
                        or code_col <= len(header_row) and _label(header_row[code_col - 1]) in EXPLICIT_CODE_LABELS)
            if explicit != said:  # one header says which way
                return ("rows", _rows_header(head, r, commune_col, codes)) if said else ("columns", down)
            letter = column_letter(code_col)
            guess = error_text("layout_down" if n_down >= len(strong) else "layout_across")
            return Problem(name, error_text("unclear_layout", letter=letter, down=n_down, row=r, across=len(strong),
                                            guess=guess), error_text("sheet_place", sheet=sheet))
    if commune_col is None:
        return Problem(name, error_text("no_commune_column"), cell_place(sheet, min(strong), r))
    return "rows", _rows_header(head, r, commune_col, codes)


def _rows_header(head, r: int, commune_col: int, codes: dict[int, str]):
    labels = _column_labels(head, r)
    set_col = next((c for c, t in labels.items() if _label(t) in SET_LABELS and c not in codes), None)
    # title rows: those above the header not holding header labels (the commune column's, or the
    # merged criterion headers above the codes)
    top = r
    while top > 1 and top > r - 2:
        row = head[top - 2]
        if commune_col <= len(row) and row[commune_col - 1] and _label(row[commune_col - 1]) == _label(
                labels.get(commune_col, "")):
            top -= 1
        elif any(row[c - 1] for c in codes if c <= len(row)) and len({t for t in row if t}) > 1:
            top -= 1
        else:
            break
    return r, commune_col, codes, set_col, top


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
    sheet_place = error_text("sheet_place", sheet=sheet)
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
    texts = {c: cell_text(v, f, "label") for c, (v, f) in enumerate(cells, start=1)}
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


def _footer(texts: dict[int, str], key: str) -> bool:
    """A notes or signature row under a table: its first cell, or its key cell (the code or the
    commune), starts "Ghi chú", "Người lập biểu", "Chủ tịch", "TM. UBND", or is a date line."""
    if not texts:
        return False
    for t in (texts[min(texts)], key):
        f = fold(t)
        if f and (f.startswith(FOOTER_PREFIXES) or _FOOTER_DATE.search(f)):
            return True
    return False


def _end_of_table(sheet: str, cells, r: int, footer: list[str]) -> None:
    """Note row `r` (a notes or signature row, or a row below one) at its first cell, when not empty."""
    texts = _row_texts(cells)
    if texts:
        footer.append(cell_place(sheet, min(texts), r))


def _cell_of(cells, c: int | None, role: str = "value") -> str:
    """The text of column `c` (1-based) of a row of (value, number format) cells; '' past its end."""
    if c is None or c > len(cells):
        return ""
    v, f = cells[c - 1]
    return cell_text(v, f, role)


def _no_year(name: str, sheet: str) -> Problem:
    return Problem(name, error_text("no_year_of_sheet", sheet=sheet), error_text("sheet_place", sheet=sheet))


class _TidyRows:
    """The tidy rows a wide sheet gives, column by column."""

    COLUMNS = ("line", "place", "commune_id", "year", "set", "indicator", "value")

    def __init__(self):
        self.columns: dict[str, list] = {k: [] for k in self.COLUMNS}

    def add(self, *row) -> None:
        for k, v in zip(self.COLUMNS, row):
            self.columns[k].append(v)

    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(self.columns)
        df["line"] = df["line"].astype(np.int64)
        return df


def read_wide_sheet(sheet, name, layout, head, rows, table: Table, problems):
    """The tidy rows of a wide sheet, laid out as wide_layout found ("columns" or "rows")."""
    kind, header = layout
    if kind == "rows":
        return _read_rows_sheet(sheet, name, header, head, rows, table, problems)
    return _read_columns_sheet(sheet, name, header, head, rows, table, problems)


def _read_columns_sheet(sheet, name, header, head, rows, table: Table, problems):
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
        set_ref, set_place = sheet, error_text("sheet_place", sheet=sheet)
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
        problems.append(Problem(name, error_text("no_commune_columns"),
                                cell_place(sheet, code_col, hr)))
        return None
    if not year:
        problems.append(_no_year(name, sheet))
        return None

    out = _TidyRows()
    no_code, total_cells, untitled_cells, footer = [], {}, {}, []
    for r in range(hr + 1, len(rows) + 1):
        cells = rows[r - 1]
        code = _cell_of(cells, code_col, "label")
        if not _CODE_RE.match(fold(code) or "-") and (footer or _footer(_row_texts(cells), code)):
            _end_of_table(sheet, cells, r, footer)  # this row and the rows below it without a code
            continue
        row_set = _cell_of(cells, set_col, "label")
        values = [(c, v) for c in communes if (v := _cell_of(cells, c))]
        for c in totals:
            if _cell_of(cells, c):
                total_cells.setdefault(c, []).append(r)
        for c in untitled:
            if _cell_of(cells, c):
                untitled_cells.setdefault(c, []).append(r)
        if not values:
            continue
        if not code:
            no_code.append(cell_place(sheet, code_col, r))
            continue
        for c, v in values:
            out.add(r, cell_place(sheet, c, r), headers[c], year, row_set or set_ref, code, v)
    if no_code:
        table.skipped.append(Skipped(name, "có số liệu nhưng không có mã chỉ tiêu", tuple(no_code)))
    if footer:
        table.skipped.append(Skipped(name, FOOTER_REASON, tuple(footer)))
    for c, rs in total_cells.items():
        table.skipped.append(Skipped(name, f"cột tổng '{headers[c]}' không phải một xã",
                                     (cell_place(sheet, c, hr),), "cột"))
    for c, rs in untitled_cells.items():
        table.skipped.append(Skipped(name, "cột có số liệu nhưng không có tiêu đề (mã hoặc tên xã)",
                                     (cell_place(sheet, c, hr),), "cột"))
    return out.frame()


def _read_rows_sheet(sheet, name, header, head, rows, table: Table, problems):
    """One row per commune, indicator codes across the header row (see wide_layout)."""
    hr, commune_col, codes, set_col, top = header
    titles = [(cell_place(sheet, c, r), text) for r, row in enumerate(head[:top - 1], start=1)
              for c, text in enumerate(row, start=1) if text and not _CODE_RE.match(fold(text))]
    headers = dict(_column_labels(head, hr))
    # rows right below the codes with no commune and no number (indicator names, units) and a
    # row numbering the columns belong to the header
    for _ in range(3):
        if hr >= len(rows):
            break
        below = _row_texts(rows[hr])
        if below and not below.get(commune_col) and all(not _looks_numeric(t) for t in below.values()) \
                and not _footer(below, ""):
            hr += 1
        elif _numbering_row(below):
            hr += 1
        else:
            break
    year, year_place, set_ref, set_place = _sheet_year_set(sheet, titles)
    if not set_ref and not set_col:
        set_ref, set_place = sheet, error_text("sheet_place", sheet=sheet)
    code_row = header[0]
    info = SheetInfo(sheet, "wide", code_row, {"commune_id": commune_col}, headers, year_place, set_place,
                     communes="rows")
    if set_col:
        info.columns["set"] = set_col
    table.sheets[sheet] = info
    if not year:
        problems.append(_no_year(name, sheet))
        return None
    others: dict[int, str] = {}  # titled columns that are not codes: totals, or unknown
    for c, t in headers.items():
        label = _label(t)
        if c in codes or c in (commune_col, set_col) or label in CODE_LABELS:
            continue
        if label in TOTAL_LABELS or label.startswith(("tong", "so ", "ty le", "ket qua")):
            others[c] = f"cột tổng '{t}' không phải một chỉ tiêu"
        elif not _descriptive(label) and label not in COMMUNE_ID_LABELS + COMMUNE_NAME_LABELS:
            others[c] = f"cột '{t}' có số liệu nhưng tiêu đề không phải mã chỉ tiêu"

    out = _TidyRows()
    no_commune, totals, footer, other_cells = [], [], [], {}
    for r in range(hr + 1, len(rows) + 1):
        cells = rows[r - 1]
        commune = _cell_of(cells, commune_col, "label")
        if footer or _footer(_row_texts(cells), commune):
            _end_of_table(sheet, cells, r, footer)  # this row and every row below it
            continue
        values = [(c, v) for c in codes if (v := _cell_of(cells, c))]
        for c in others:
            if _cell_of(cells, c):
                other_cells.setdefault(c, []).append(r)
        if not values:
            continue
        if not commune:
            no_commune.append(cell_place(sheet, commune_col, r))
            continue
        label = _label(commune)
        if label in TOTAL_LABELS or label.startswith(("tong", "toan huyen", "toan tinh")):
            totals.append(cell_place(sheet, commune_col, r))
            continue
        row_set = _cell_of(cells, set_col, "label")
        for c, v in values:
            out.add(r, cell_place(sheet, c, r), commune, year, row_set or set_ref, codes[c], v)
    if no_commune:
        table.skipped.append(Skipped(name, "có số liệu nhưng không có tên hoặc mã xã", tuple(no_commune)))
    if totals:
        table.skipped.append(Skipped(name, "dòng tổng, không phải một xã", tuple(totals)))
    if footer:
        table.skipped.append(Skipped(name, FOOTER_REASON, tuple(footer)))
    for c in other_cells:
        table.skipped.append(Skipped(name, others[c], (cell_place(sheet, c, code_row),), "cột"))
    return out.frame()
