"""The data-entry workbook a district sends to its communes (`ntm template`).

One sheet per commune (layout "per-commune") or one sheet with the communes across (layout
"across"): every indicator of the sets dataset.yaml names for the year, grouped by set and
criterion, with its unit and threshold beside the entry cell and last year's value in a grey
column for reference. Yes/no indicators take "Đạt" / "Chưa đạt" from a drop-down list, a
percentage a number from 0 to 100, other numbers a number not below 0. Labels are locked and
the entry cells unlocked (sheet protection without a password); each sheet prints on A4, one
page wide, its header row on every page.

The filled workbook is read by ntmlib.dataset.readers as it is (the wide layout, codes down the rows):
the year is the title row "Năm 2024", the set the 'Bộ tiêu chí' column, the commune the header
of its entry column; the unit, threshold and reference columns are descriptive columns the
reader skips. An empty entry cell is no data.
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..base.outputs import write_bytes_atomic
from ..criteria.criteria_set import CriteriaSet, Indicator
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


def write_template(ds: Dataset, year: int, path: str | Path, communes: list[str] | None = None,
                   layout: str = "per-commune") -> dict:
    """Write the data-entry workbook of `year` for `communes` (ids; all when None) to `path`.
    Returns what it holds: {"communes": n, "indicators": n per commune, "sheets": [titles]}."""
    sets = ds.sets_for(year)
    if not sets:
        raise ParameterError(Problem(error_text("year_given"), error_text("entry_no_sets", year=year)))
    # all: the communes of that year (a reorganisation's dates, crosswalk.csv)
    ids = list(communes) if communes else list(ds.communes.loc[ds.existing([year]), "commune_id"].astype(str))
    info = ds.communes.set_index(ds.communes["commune_id"].astype(str))
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
    return {"communes": len(ids), "indicators": sum(len(s.indicators) for s in sets), "sheets": list(wb.sheetnames)}


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
    section_rows, criterion_rows = [], []
    for s in sets:
        r += 1
        ws.append([None, None, new_cell(ws, W["section"].format(tier=tier_name(s.tier), name=s.name))])
        section_rows.append(r)
        crit_names = {c.code: c.name for c in s.criteria}
        last_crit = None
        for i in s.indicators:
            if i.criterion != last_crit:
                r += 1
                label = W["criterion"].format(code=i.criterion, name=crit_names[i.criterion])
                ws.append([None, None, new_cell(ws, label)])
                criterion_rows.append(r)
                last_crit = i.criterion
            r += 1
            texts = {threshold_text(i, str(row["region"]), year, _group(row), tables) for _, row in communes}
            thr = texts.pop() if len(texts) == 1 else (f"{RULE_SIGNS[i.rule]} {i.threshold.describe()}"
                                                       if i.threshold else RULE_SIGNS[i.rule])
            cells = [set_words[s.id], i.code, i.name, i.unit, thr]
            for cid, _ in communes:
                prev = previous.get((cid, s.id, i.code), previous.get((cid, i.measure)) if i.measure else None)
                cells += [None, prev]
            ws.append([new_cell(ws, v) for v in cells])
            lines = max(wrapped_lines(i.name, 58), wrapped_lines(thr, 15), wrapped_lines(i.unit, 12))
            if lines > 1:
                ws.row_dimensions[r].height = lines * line_pt(11) + ROW_PAD_PT
            for c in entry_cols:
                ref = f"{get_column_letter(c)}{r}"
                if not i.numeric:
                    yes_no.add(ref)
                elif i.unit.strip() == "%":
                    percent.add(ref)
                else:
                    positive.add(ref)
    last_row = r
    widths = [13, 9, 58, 12, 15] + [14, 12] * len(communes)
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
    for c in range(1, len(heads) + 1):  # named styles: one lookup per cell, not one per attribute
        ws.cell(HEADER_ROW, c).style = "ntm_ref_head" if c > n_fixed and c not in entry else "ntm_head"
        kind = ("ntm_entry" if c in entry else "ntm_ref" if c > n_fixed
                else "ntm_text" if c in (3, 4, 5) else "ntm_label")
        for rr in range(HEADER_ROW + 1, last_row + 1):
            if rr in plain:
                continue
            ws.cell(rr, c).style = kind
    for rr in section_rows + criterion_rows:  # one line, running over the empty cells beside it
        for c in range(1, len(heads) + 1):
            ws.cell(rr, c).style = "ntm_section" if rr in section_rows else "ntm_criterion"
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
