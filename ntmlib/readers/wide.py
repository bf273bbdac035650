"""The wide layout of observations (XLSX): indicators down the rows, communes across the columns.

- wide (XLSX): a sheet per year or per year and set, indicator codes (and names) down the
  rows, communes across the columns. The year is a 4-digit word of the sheet name ("2023",
  "2023 NTM", "2023 hanam-2022-ntm", "NTM 2023") or a title row above the table saying
  "năm 2023"; the set is the rest of the sheet name or a title row (a set id or a tier:
  "NTM", "nâng cao"/"NC", "kiểu mẫu"/"KM"), or a "Bộ tiêu chí" column, or the only set that
  dataset.yaml names for that year. The header row is the row with a cell "Mã chỉ tiêu" (or
  "Mã", "Chỉ tiêu", "TT", "STT"); every other titled column is a commune, by id or name
  ("13570", "Nhân Bình", "Xã Nhân Bình"), except descriptive columns (name, unit,
  threshold, note) and totals ("Tổng", "Toàn huyện"), which are skipped and reported.

ntmlib.readers.xlsx finds the sheets and their first rows; this module finds the header of a
wide sheet (_wide_header) and turns the sheet into tidy rows (_read_wide_sheet).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import Problem
from ..values import fold, normalise_text
from .places import SheetInfo, Skipped, Table, _cell_text, cell_place

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
