"""The data-entry workbook a district sends to its communes (`ntm template`).

One sheet per commune assessed (layout "per-commune") or one sheet with the communes across
(layout "across"): every indicator of the sets dataset.yaml names for the year, grouped by set
and criterion, with its unit and threshold beside the entry cell and last year's value in a grey
column for reference. A figure several sets use (a measure: income, poverty, trained labour…)
is asked once, where it first appears: its row is keyed by the measure (the set cell left
empty), so that every set using it is filled from that one cell; where it appears again, a grey
row without an entry cell says which row to fill. Communes not assessed (assessed = false in
communes.csv: towns, wards) get no sheet, and the result says which were left out. Yes/no
indicators take "Đạt" / "Chưa đạt" from a drop-down list, a percentage a number from 0 to 100,
other numbers a number not below 0. Labels are locked and the entry cells unlocked (sheet
protection without a password); each sheet prints on A4, one page wide, its header row on every
page.

The filled workbook is read by ntmlib.dataset.readers as it is (the wide layout, codes down the rows):
the year is the title row "Năm 2024", the set the 'Bộ tiêu chí' column (empty on a measure's row:
every set using the measure), the commune the header of its entry column; the unit, threshold
and reference columns are descriptive columns the reader skips. An empty entry cell is no data.
"""
from __future__ import annotations

import io
from copy import copy
from pathlib import Path

import pandas as pd

from ..base.outputs import write_bytes_atomic
from ..criteria.criteria_set import CriteriaSet, Indicator
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset
from ..errors import ParameterError, Problem
from ..scoring.engine import score
from ..text import ENTRY_TEMPLATE_WORDS, RULE_SIGNS, error_text, tier_name
from .workbook_style import (
    FONT,
    HEADER_FILL,
    ROW_PAD_PT,
    default_font,
    line_pt,
    new_cell,
    print_setup,
    unique_sheet_name,
    wrapped_lines,
)

W = ENTRY_TEMPLATE_WORDS
LAYOUTS = ("per-commune", "across")
HEADER_ROW = 5
GREY, HEAD, SECTION = "E7E6E6", HEADER_FILL, "F2F2F2"
YES_NO = ("Đạt", "Chưa đạt")
CODE_WIDTH, THRESHOLD_WIDTH = 11, 17  # a measure's key is shrunk to fit the code column


def template(dataset: Dataset | str | Path, year: int, out: str | Path, communes: list[str] | None = None,
             layout: str = "per-commune") -> dict:
    """The data-entry workbook of `year` for the communes of `dataset` (a Dataset or its folder),
    or only `communes` (codes or names), written to `out` (`ntm template`). Returns what
    write_template returns."""
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    ids = list(dict.fromkeys(ds.commune_id(str(c)) for c in communes)) if communes else None
    return write_template(ds, year, out, ids, layout)


def write_template(ds: Dataset, year: int, path: str | Path, communes: list[str] | None = None,
                   layout: str = "per-commune") -> dict:
    """Write the data-entry workbook of `year` for `communes` (ids; all when None) to `path`; those
    not assessed are left out. Returns what it holds: {"communes": n, "indicators": indicators of
    the sets, "inputs": entry cells per commune, "left_out": [names not assessed], "sheets": [titles]}."""
    sets = ds.sets_for(year)
    if not sets:
        raise ParameterError(Problem(error_text("year_given"), error_text("entry_no_sets", year=year)))
    info = ds.communes.set_index(ds.communes["commune_id"].astype(str))
    # all: the communes of that year (a reorganisation's dates, crosswalk.csv)
    asked = list(communes) if communes else list(ds.communes.loc[ds.existing([year]), "commune_id"].astype(str))
    assessed = info["assessed"].astype(bool) if "assessed" in info.columns else pd.Series(True, index=info.index)
    ids = [c for c in asked if assessed.get(c, True)]
    left_out = [str(info.loc[c, "commune"]) for c in asked if not assessed.get(c, True)]
    if not ids:
        raise ParameterError(Problem(error_text("commune_given"), error_text("entry_none_assessed",
                                                                             names=", ".join(left_out))))
    previous = _previous_values(ds, year, ids)
    set_words = _set_words(sets)

    from openpyxl import Workbook

    wb = Workbook()
    default_font(wb)
    wb.remove(wb.active)
    _add_styles(wb)
    used: set[str] = set()
    tables: dict = {}  # threshold of (indicator, region, group), looked up once
    if layout == "across":
        ws = wb.create_sheet(unique_sheet_name(str(year), used))
        _fill_sheet(ws, sets, set_words, [(cid, info.loc[cid]) for cid in ids], year, previous,
                    W["title_across"].format(district=_district(info, ids)), across=True, tables=tables)
    else:
        for cid in ids:
            row = info.loc[cid]
            ws = wb.create_sheet(unique_sheet_name(str(row["commune"]), used))
            _fill_sheet(ws, sets, set_words, [(cid, row)], year, previous,
                        W["title_commune"].format(commune=row["commune"]), across=False, tables=tables)
    wb.properties.creator = "ntmlib"
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes_atomic(Path(path), buf.getvalue())
    return {"communes": len(ids), "indicators": sum(len(s.indicators) for s in sets),
            "inputs": sum(1 for _, _, first in _asked_rows(sets) if first is None), "left_out": left_out,
            "sheets": list(wb.sheetnames)}


def _asked_rows(sets: list[CriteriaSet]) -> list[tuple[CriteriaSet, Indicator, tuple | None]]:
    """(set, indicator, where it is asked) of every indicator of `sets` in order: None for the row
    that asks it, else the (set, indicator) of the earlier row asking the same measure (same rule
    and unit, so one figure fits both)."""
    first: dict[tuple, tuple] = {}
    out = []
    for s in sets:
        for i in s.indicators:
            key = (i.measure, i.rule, i.unit.strip()) if i.measure else None
            earlier = first.get(key) if key else None
            if key and earlier is None:
                first[key] = (s, i)
            out.append((s, i, earlier))
    return out


def _shared_measures(sets: list[CriteriaSet]) -> dict[tuple, list[tuple[CriteriaSet, Indicator]]]:
    """(set id, code) of the row asking a measure several sets use -> every (set, indicator) it fills."""
    rows = _asked_rows(sets)
    users: dict[tuple, list] = {}
    for s, i, earlier in rows:
        head = (earlier[0].id, earlier[1].code) if earlier else (s.id, i.code)
        users.setdefault(head, []).append((s, i))
    return {k: v for k, v in users.items() if len(v) > 1}


def _district(info: pd.DataFrame, ids: list[str]) -> str:
    names = list(dict.fromkeys(str(info.loc[c, "district"]) for c in ids if "district" in info.columns))
    return ", ".join(names)


def _set_words(sets: list[CriteriaSet]) -> dict[str, str]:
    """What the 'Bộ tiêu chí' column says of each set: its tier ('NTM nâng cao') when it is the only
    set of its tier that year (the reader takes a tier for the year's set of that tier), else its id."""
    tiers = [s.tier for s in sets]
    return {s.id: tier_name(s.tier) if tiers.count(s.tier) == 1 else s.id for s in sets}


def _previous_values(ds: Dataset, year: int, ids: list[str]) -> dict:
    """Last year's value of each (commune, set, indicator), and of each (commune, measure) for
    sets that changed between the years: the value as scored."""
    if year - 1 not in ds.years:
        return {}
    card = score(ds.restrict(ids), year=year - 1)
    out: dict = {}
    measures = {(s.id, i.code): i.measure for s in card.sets.values() for i in s.indicators}
    df = card.indicators
    df = df[df["value"].astype(str) != ""]
    for cid, sid, code, value, number in zip(df["commune_id"].astype(str), df["set"].astype(str),
                                             df["indicator"].astype(str), df["value"].astype(object), df["number"]):
        v = float(number) if pd.notna(number) else str(value)
        out[(cid, sid, code)] = v
        if measures.get((sid, code)):
            out.setdefault((cid, measures[(sid, code)]), v)
    return out


def _number_text(v: float) -> str:
    return f"{v:g}".replace(".", ",")


def threshold_text(i: Indicator, region: str, year: int, group: str, cache: dict | None = None) -> str:
    """The threshold of indicator `i` for one commune, as the workbook shows it ('≥ 95', 'Đạt',
    'chưa có ngưỡng năm 2024'). `cache` keeps the answers between calls."""
    if i.threshold is None:
        return RULE_SIGNS[i.rule]
    key = (id(i), region, group)
    if cache is None or key not in cache:
        value, _ = i.threshold.lookup(region, year, group)
        if cache is None:
            return _threshold_words(i, value, year)
        cache[key] = value
    return _threshold_words(i, cache[key], year)


def _threshold_words(i: Indicator, value, year: int) -> str:
    if value is None:
        return W["no_threshold"].format(year=year)
    return f"{RULE_SIGNS[i.rule]} {_number_text(value)}"


def _short(set_word: str) -> str:
    """A set as a shared figure's threshold lines name it: 'NTM', 'nâng cao', 'kiểu mẫu' (a set id as it is)."""
    return set_word.removeprefix("NTM ") if set_word != "NTM" else set_word


def _threshold_cell(i: Indicator, communes, year: int, tables: dict) -> str:
    """The threshold of `i` as its row shows it: the one that applies, or every region's when the
    communes of the sheet have different ones."""
    texts = {threshold_text(i, str(row["region"]), year, _group(row), tables) for _, row in communes}
    if len(texts) == 1:
        return texts.pop()
    return f"{RULE_SIGNS[i.rule]} {i.threshold.describe()}" if i.threshold else RULE_SIGNS[i.rule]


def _fill_sheet(ws, sets, set_words, communes, year, previous, title, across: bool, tables: dict) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append([new_cell(ws, title)])
    ws.append([new_cell(ws, W["year_line"].format(year=year))])
    ws.append([new_cell(ws, W["instructions"])])
    ws.append([])
    fixed = [W["set"], W["code"], W["name"], W["unit"], W["threshold"]]
    heads = list(fixed)
    for cid, row in communes:
        heads += [str(row["commune"]), W["previous_across" if across else "previous"].format(commune=row["commune"],
                                                                                            year=year - 1)]
    ws.append([new_cell(ws, h) for h in heads])
    n_fixed = len(fixed)
    entry_cols = [n_fixed + 1 + 2 * k for k in range(len(communes))]
    yes_no = DataValidation(type="list", formula1='"' + ",".join(YES_NO) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_yes_no"],
                            showInputMessage=True, promptTitle=W["prompt_title"], prompt=W["prompt_yes_no"])
    percent = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_percent"])
    positive = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                              showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_number"])
    for dv in (yes_no, percent, positive):
        ws.add_data_validation(dv)
    r = HEADER_ROW
    section_rows, criterion_rows, pointer_rows = [], [], []
    shared = _shared_measures(sets)
    asked_at: dict[tuple, int] = {}  # (set id, code) of a row asking a figure -> its row
    for s, i, earlier in _asked_rows(sets):
        if not section_rows or ws.cell(section_rows[-1], 3).value != W["section"].format(tier=tier_name(s.tier),
                                                                                        name=s.name):
            r += 1
            ws.append([None, None, new_cell(ws, W["section"].format(tier=tier_name(s.tier), name=s.name))])
            section_rows.append(r)
            crit_names = {c.code: c.name for c in s.criteria}
            last_crit = None
        if i.criterion != last_crit:
            r += 1
            label = W["criterion"].format(code=i.criterion, name=crit_names[i.criterion])
            ws.append([None, None, new_cell(ws, label)])
            criterion_rows.append(r)
            last_crit = i.criterion
        r += 1
        if earlier is not None:  # asked on an earlier row: said here, no entry cell
            head = (earlier[0].id, earlier[1].code)
            name = W["asked_above"].format(name=i.name, row=asked_at[head], set=set_words[earlier[0].id],
                                           code=earlier[1].code)
            cells = [set_words[s.id], i.code, name, i.unit, _threshold_cell(i, communes, year, tables)]
            ws.append([new_cell(ws, v) for v in cells])
            pointer_rows.append(r)
            lines = max(wrapped_lines(name, 56), wrapped_lines(cells[4], THRESHOLD_WIDTH - 3),
                        wrapped_lines(i.unit, 12))
        else:
            users = shared.get((s.id, i.code))
            asked_at[(s.id, i.code)] = r
            if users:  # one figure for several sets: keyed by its measure, the set cell left empty
                used_by = "; ".join(f"{set_words[us.id]} {ui.code}" for us, ui in users)
                name = W["shared"].format(name=i.name, sets=used_by)
                thr = "\n".join(f"{_short(set_words[us.id])}: {_threshold_cell(ui, communes, year, tables)}"
                                for us, ui in users)
                cells = [None, i.measure, name, i.unit, thr]
            else:
                thr = _threshold_cell(i, communes, year, tables)
                cells = [set_words[s.id], i.code, i.name, i.unit, thr]
            for cid, _ in communes:
                prev = previous.get((cid, s.id, i.code), previous.get((cid, i.measure)) if i.measure else None)
                cells += [None, prev]
            ws.append([new_cell(ws, v) for v in cells])
            lines = max(wrapped_lines(cells[2], 56),  # a line of a threshold wraps a little before Excel's width
                        sum(wrapped_lines(x, THRESHOLD_WIDTH - 3) for x in str(cells[4]).split("\n")),
                        wrapped_lines(i.unit, 12))
            for c in entry_cols:
                ref = f"{get_column_letter(c)}{r}"
                if not i.numeric:
                    yes_no.add(ref)
                elif i.unit.strip() == "%":
                    percent.add(ref)
                else:
                    positive.add(ref)
        if lines > 1:
            ws.row_dimensions[r].height = lines * line_pt(11) + ROW_PAD_PT
    last_row = r
    widths = [13, CODE_WIDTH, 56, 12, THRESHOLD_WIDTH] + [14, 12] * len(communes)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws["A1"].font = Font(name=FONT, bold=True, size=13)
    ws["A2"].font = Font(name=FONT, bold=True)
    ws["A3"].font = Font(name=FONT, italic=True, size=10)
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=min(len(heads), n_fixed + 2))
    ws.row_dimensions[3].height = 45
    entry = set(entry_cols)
    plain = set(section_rows) | set(criterion_rows)
    pointers = set(pointer_rows)
    # named styles: one per cell, not one per attribute; set as `cell.style = name` does, without looking the
    # name up among the workbook's styles for every cell
    named = {st.name: st.as_tuple() for st in ws.parent._named_styles}

    def style(cell, name: str) -> None:
        cell._style = copy(named[name])

    for c in range(1, len(heads) + 1):
        style(ws.cell(HEADER_ROW, c), "ntm_ref_head" if c > n_fixed and c not in entry else "ntm_head")
        kind = ("ntm_entry" if c in entry else "ntm_ref" if c > n_fixed
                else "ntm_text" if c in (3, 4, 5) else "ntm_label")
        for rr in range(HEADER_ROW + 1, last_row + 1):
            if rr in plain:
                continue
            cell = ws.cell(rr, c)
            if c == 2 and kind == "ntm_label" and ws.cell(rr, 1).value is None:  # a measure's key: shrunk to fit
                style(cell, "ntm_key")
            else:
                style(cell, "ntm_ref" if rr in pointers and c > n_fixed else kind)
    for rr in section_rows + criterion_rows:  # one line, running over the empty cells beside it
        for c in range(1, len(heads) + 1):
            style(ws.cell(rr, c), "ntm_section" if rr in section_rows else "ntm_criterion")
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, n_fixed + 1)
    ws.protection.sheet = True  # labels locked; no password: an office can unprotect to fix a label
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    print_setup(ws, title)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    if across:  # many communes: pages across too, the labels repeated on each
        ws.page_setup.fitToWidth = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = 70
        ws.print_title_cols = f"A:{get_column_letter(n_fixed)}"
    else:
        ws.page_setup.orientation = "portrait"


def _add_styles(wb) -> None:
    """The named styles of the workbook's table: header, labels, entry cells (unlocked), reference cells (grey)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = dict(name=FONT, sz=11, family=1)
    styles = [
        NamedStyle("ntm_head", font=Font(bold=True, **font), fill=PatternFill("solid", fgColor=HEAD), border=border,
                   alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("ntm_ref_head", font=Font(bold=True, **font), fill=PatternFill("solid", fgColor=GREY),
                   border=border, alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("ntm_label", font=Font(**font), border=border, alignment=Alignment(vertical="top")),
        NamedStyle("ntm_text", font=Font(**font), border=border, alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle("ntm_key", font=Font(**{**font, "sz": 9}), border=border,
                   alignment=Alignment(vertical="top", shrink_to_fit=True)),
        NamedStyle("ntm_entry", font=Font(**font), border=border, protection=Protection(locked=False),
                   alignment=Alignment(horizontal="center", vertical="top")),
        NamedStyle("ntm_ref", font=Font(color="595959", **font), fill=PatternFill("solid", fgColor=GREY),
                   border=border, alignment=Alignment(horizontal="center", vertical="top")),
        NamedStyle("ntm_section", font=Font(bold=True, **{**font, "sz": 12}),
                   fill=PatternFill("solid", fgColor=SECTION), alignment=Alignment(vertical="center")),
        NamedStyle("ntm_criterion", font=Font(bold=True, **font), alignment=Alignment(vertical="center")),
    ]
    for st in styles:
        wb.add_named_style(st)


def _group(row) -> str:
    g = row.get("commune_group", "") if hasattr(row, "get") else ""
    return "" if g is None or (isinstance(g, float) and pd.isna(g)) else str(g)
