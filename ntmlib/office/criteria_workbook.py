"""Criteria sets kept in Excel: a set written as a workbook an officer can read and correct
(`ntm frameworks export`); the layout of that workbook (its sheets, columns and the words of its
rules and marks), which ntmlib.office.criteria_import reads back (`ntm frameworks import`).

The workbook has a sheet 'Chỉ tiêu' (one row per indicator: criterion, code, name, unit, rule,
one threshold column per region, year, region × year or commune group, the rule of a derived
threshold, mark, source, English name, measure), a sheet 'Thông tin' (the set's id, name, tier,
period, legal basis) and a sheet 'Hướng dẫn' (how to fill it in). The rule and mark columns carry
drop-down lists. A threshold given as a rule (`derived`: 1,1 × the threshold of an indicator of
another set) is written as that rule, readable ('1,1 × ngưỡng chỉ tiêu 10 của bộ
hanam-2022-nang-cao'), in the column 'Ngưỡng suy ra'; its computed values are shown, greyed, in
the threshold columns, and read back only to check they were not typed over.
"""
from __future__ import annotations

import re
from copy import copy
from pathlib import Path

from ..base.outputs import write_bytes_atomic
from ..base.values import fold
from ..criteria.criteria_set import CriteriaSet, Threshold, available_sets, load_set
from ..dataset.resolve import set_id_among
from ..text import FRAMEWORK_EXCEL_DERIVED_WORDS, FRAMEWORK_EXCEL_WORDS, tier_name
from ..text.formats import KNOWN_TIERS
from .workbook_style import FONT, HEADER_FILL, ROW_PAD_PT, default_font, line_pt, new_cell, print_setup, wrapped_lines

W = FRAMEWORK_EXCEL_WORDS
D = FRAMEWORK_EXCEL_DERIVED_WORDS
SHEET, INFO_SHEET, NOTES_SHEET = W["sheet"], W["info_sheet"], W["notes_sheet"]
HEADER_ROW = 3  # title, note, then the header
RULE_WORDS = {">=": "≥", "<=": "≤", "yes": "Đạt", "absent": "Không có"}
MARK_WORDS = {"confirmed": "xác nhận", "derived": "suy ra", "provisional": "tạm tính"}
# (key, header, width): the fixed columns before and after the thresholds
LEFT = [("criterion", "Tiêu chí", 7), ("code", "Mã chỉ tiêu", 8), ("name", "Tên chỉ tiêu", 50),
        ("unit", "Đơn vị", 11), ("rule", "Quy tắc", 8)]
RIGHT = [("derived", D["column"], 28), ("confidence", "Mức chắc chắn", 11), ("source", "Nguồn", 40),
         ("name_en", "Tên tiếng Anh", 30), ("measure", "Thước đo (measure)", 24)]
INFO_KEYS = [("id", "Mã bộ tiêu chí"), ("name", "Tên bộ tiêu chí"), ("tier", "Hạng"), ("period", "Giai đoạn"),
             ("issuer", "Cơ quan ban hành"), ("decision", "Quyết định"), ("date", "Ngày ban hành"),
             ("appendix", "Phụ lục"), ("url", "Văn bản công khai")]
OLD_INFO_KEYS = [("file", "Tệp gốc")]  # read from workbooks written by earlier versions, no longer written
# A legal text cited in a source: 'QĐ 318/QĐ-TTg ngày 08/3/2022, Phụ lục I', '12/2024/QĐ-UBND ngày 15/3/2024',
# 'Công văn 45/SNN-PTNT'
_LEGAL = re.compile(r"(?:(?:QĐ|Quyết định|NĐ|Nghị định|TT|Thông tư|NQ|Nghị quyết|CV|Công văn|KH|Kế hoạch)\s+"
                    r"(?:số\s+)?)?\d+(?:/\d{4})?/[A-ZĐ]{2,}[-\w]*(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?"
                    r"(?:,\s+(?:Phụ lục|điều kiện|Điều|khoản)\s+[IVXL\d]+\b)?")
# a published bulletin, and the address of a public page (a domain, then a path)
_BULLETIN = re.compile(r"[Bb]ản tin (?:NTM|[Nn]ông thôn mới) [^;:,()'\"]*?tháng \d{1,2}/\d{4}")
_URL = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:vn|com|org|net|int)(?:/[^\s'\"()<>,;]*)?", re.I)


# --------------------------------------------------------------------------- threshold columns


def column_label(kind: str, key, s: CriteriaSet) -> str:
    """The header of the threshold column of `key` of a threshold of `kind`."""
    if kind == "all":
        return W["all"]
    if kind == "region":
        return key if key != "default" else W["other_region"]
    if kind == "year":
        return f"Năm {key}" if key != "default" else W["other_year"]
    if kind == "group":
        return f"Nhóm {key}" if key != "default" else W["other_group"]
    region, year = key
    return f"{region if region != 'default' else W['other_region']} {year if year != 'default' else W['other_year']}"


def threshold_columns(s: CriteriaSet) -> list[tuple[str, object]]:
    """(kind, key) of each threshold column of set `s`'s workbook, in order: all, regions (the
    set's order), region × year (every year of the period for each region that has one), years,
    commune groups."""
    have: dict[str, list] = {"all": [], "region": [], "region_year": [], "year": [], "group": []}
    for i in s.indicators:
        if i.threshold is None:
            continue
        for key in (["all"] if i.threshold.kind == "all" else i.threshold.values):
            if key not in have[i.threshold.kind]:
                have[i.threshold.kind].append(key)
    cols: list[tuple[str, object]] = [("all", "all")]
    order = list(s.regions) + ["default"]
    cols += [("region", r) for r in sorted(have["region"], key=lambda r: order.index(r) if r in order else 99)]
    ry = list(have["region_year"])
    if s.period:
        for r in dict.fromkeys(r for r, _ in ry):
            ry += [(r, str(y)) for y in range(s.period[0], s.period[1] + 1) if (r, str(y)) not in ry]
    cols += [("region_year", k) for k in sorted(ry, key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[1]))]
    cols += [("year", y) for y in sorted(have["year"])]
    cols += [("group", g) for g in sorted(have["group"], key=lambda g: (g == "default", g))]
    return cols


# --------------------------------------------------------------------------- export


def export_set(s: CriteriaSet | str | Path, path: str | Path) -> Path:
    """Write set `s` (a CriteriaSet, a built-in set's id or name, or a set's .yaml file) as the
    workbook an officer corrects: sheets 'Chỉ tiêu', 'Thông tin', 'Hướng dẫn'. Its sources are
    the public ones only (public_source). Returns the path written."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if not isinstance(s, CriteriaSet):
        s = load_set(set_id_among(str(s), available_sets()))
    wb = Workbook()
    default_font(wb)
    ws = wb.active
    ws.title = SHEET
    tcols = threshold_columns(s)
    headers = [h for _, h, _ in LEFT] + [column_label(k, key, s) for k, key in tcols] + [h for _, h, _ in RIGHT]
    widths = [w for *_, w in LEFT] + [9] * len(tcols) + [w for *_, w in RIGHT]
    ws.append([new_cell(ws, W["title"].format(id=s.id, name=s.name))])
    derived_any = any(i.threshold is not None and i.threshold.derived for i in s.indicators)
    ws.append([new_cell(ws, W["subtitle"] + (" " + D["computed_note"] if derived_any else ""))])
    ws.append([new_cell(ws, h) for h in headers])
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i in s.indicators:
        row = [i.criterion, i.code, i.name, i.unit, RULE_WORDS[i.rule]]
        row += [_value_of(i.threshold, kind, key) for kind, key in tcols]
        row += [derived_text(i.threshold), MARK_WORDS[i.confidence], public_source(i.source), i.name_en, i.measure]
        ws.append([new_cell(ws, v if v != "" else None) for v in row])
    n = ws.max_row
    ws["A1"].font = Font(name=FONT, bold=True, size=13)
    ws["A2"].font = Font(name=FONT, italic=True, size=10)
    head_fill = PatternFill("solid", fgColor=HEADER_FILL)
    thr_fill = PatternFill("solid", fgColor="FFF2CC")
    first_thr, last_thr = len(LEFT) + 1, len(LEFT) + len(tcols)
    at = {k: last_thr + n for n, (k, _, _) in enumerate(RIGHT, start=1)}
    wrapped = (3, 4, at["derived"], at["source"], at["name_en"])
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
        h = ws.cell(HEADER_ROW, c)
        h.font = Font(name=FONT, bold=True)
        h.fill = thr_fill if first_thr <= c <= last_thr or c == at["derived"] else head_fill
        h.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        h.border = border
        looks: dict = {}  # the column's look from each look a cell had: set once, then copied (openpyxl styles slowly)
        for r in range(HEADER_ROW + 1, n + 1):
            cell = ws.cell(r, c)
            before = tuple(cell._style) if cell._style is not None else ()
            if before in looks:
                cell._style = copy(looks[before])
            else:
                cell.border = border
                cell.alignment = Alignment(vertical="top", wrap_text=c in wrapped)
                looks[before] = copy(cell._style)
    computed_fill, computed_font = PatternFill("solid", fgColor="E7E6E6"), Font(name=FONT, italic=True, color="7F7F7F")
    for r, i in enumerate(s.indicators, start=HEADER_ROW + 1):
        if i.threshold is not None and i.threshold.derived:  # the values are the rule's: greyed, to read only
            for c in range(first_thr, last_thr + 1):
                ws.cell(r, c).fill, ws.cell(r, c).font = computed_fill, computed_font
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, len(LEFT) + 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{n}"
    rule_col = get_column_letter(len(LEFT))
    mark_col = get_column_letter(at["confidence"])
    rules = DataValidation(type="list", formula1='"' + ",".join(RULE_WORDS.values()) + '"', allow_blank=False,
                           showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_rule"])
    marks = DataValidation(type="list", formula1='"' + ",".join(MARK_WORDS.values()) + '"', allow_blank=False,
                           showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_mark"])
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                             showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_number"])
    for dv in (rules, marks, numbers):
        ws.add_data_validation(dv)
    last = n + 200  # rows the officer adds below are checked too
    rules.add(f"{rule_col}{HEADER_ROW + 1}:{rule_col}{last}")
    marks.add(f"{mark_col}{HEADER_ROW + 1}:{mark_col}{last}")
    if tcols:
        numbers.add(f"{get_column_letter(first_thr)}{HEADER_ROW + 1}:{get_column_letter(last_thr)}{last}")
    for r, i in enumerate(s.indicators, start=HEADER_ROW + 1):
        lines = max(wrapped_lines(i.name, 50), wrapped_lines(public_source(i.source), 40), wrapped_lines(i.unit, 11),
                    wrapped_lines(derived_text(i.threshold), 28))
        if lines > 1:
            ws.row_dimensions[r].height = lines * line_pt(11) + ROW_PAD_PT
    print_setup(ws, s.name)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(at['source'])}{n}"  # the English name and the measure are not printed

    info = wb.create_sheet(INFO_SHEET)
    src = s.source or {}  # what the decision says, never the set's notes or its file on this machine
    values = {"id": s.id, "name": s.name, "tier": tier_name(s.tier),
              "period": f"{s.period[0]}-{s.period[1]}" if s.period else "",
              **{k: src.get(k) or "" for k in ("issuer", "decision", "date", "appendix", "url")}}
    info.append([new_cell(info, W["info_title"])])
    for key, label in INFO_KEYS:
        info.append([new_cell(info, label), new_cell(info, values[key])])
    names = ",".join(tier_name(t) for t in dict.fromkeys((*KNOWN_TIERS, s.tier)))  # the set's own tier too
    tiers = DataValidation(type="list", formula1=f'"{names}"',
                           allow_blank=False, showErrorMessage=True, errorTitle=W["bad_title"],
                           error=W["bad_tier_list"])
    info.add_data_validation(tiers)
    tiers.add(f"B{1 + 1 + [k for k, _ in INFO_KEYS].index('tier')}")
    info.append([])
    info.append([new_cell(info, W["regions_title"])])
    for code, name in s.regions.items():
        info.append([new_cell(info, code), new_cell(info, name)])
    for code, name in s.commune_groups.items():
        info.append([new_cell(info, f"Nhóm {code}"), new_cell(info, name)])
    info["A1"].font = Font(name=FONT, bold=True, size=13)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 70
    for r in range(2, len(INFO_KEYS) + 2):
        info.cell(r, 1).font = Font(name=FONT, bold=True)
    print_setup(info, s.name)

    notes = wb.create_sheet(NOTES_SHEET)
    for line in [*W["notes"], D["note"]]:
        notes.append([new_cell(notes, line.format(sheet=SHEET, all=W["all"]))])
    notes["A1"].font = Font(name=FONT, bold=True, size=13)
    notes.column_dimensions["A"].width = 120
    for r in range(2, notes.max_row + 1):
        notes.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
        notes.row_dimensions[r].height = wrapped_lines(notes.cell(r, 1).value, 120) * line_pt(11) + ROW_PAD_PT
    print_setup(notes, s.name)
    wb.properties.creator = "ntmlib"
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes_atomic(Path(path), buf.getvalue())
    return Path(path)


def public_source(text: str) -> str:
    """The public part of an indicator's source, as a workbook sent out shows it: the legal texts it
    cites ('QĐ 318/QĐ-TTg ngày 08/3/2022, Phụ lục I'), a published bulletin, the addresses of
    public pages; never the review notes around them. "" when it cites none."""
    if not text:
        return ""
    found = [m.group(0).strip() for m in _LEGAL.finditer(text)] + [m.group(0) for m in _BULLETIN.finditer(text)]
    urls = [u.rstrip(".:") for u in _URL.findall(text) if "/" in u or not any(
        other != u and other.split("/")[0].endswith(u.split("/")[0]) for other in _URL.findall(text))]
    parts = list(dict.fromkeys(found + urls))
    return "; ".join(p for p in parts if not any(p != q and p in q for q in parts))


def _value_of(t: Threshold | None, kind: str, key):
    if t is None or t.kind != kind:
        return None
    v = t.values.get("all" if kind == "all" else key)
    return None if v is None else (int(v) if float(v).is_integer() else float(v))


def derived_text(t: Threshold | None) -> str:
    """The rule of a derived threshold as the workbook writes it: '1,1 × ngưỡng chỉ tiêu 10 của bộ
    hanam-2022-nang-cao'; "" for a threshold given as numbers (or none)."""
    if t is None or not t.derived:
        return ""
    sid, code, factor = t.derived
    return D["rule_text"].format(factor=decimal_comma(factor), indicator=code, set=sid)


_DERIVED = re.compile(r"^(\d+(?:[.,]\d+)?)\s*[×x*]\s*(?:nguong\s+)?(?:(?:cua\s+)?chi tieu\s+)?(\S+?)\s+"
                      r"(?:cua\s+)?(?:bo\s+(?:tieu chi\s+)?)?([a-z0-9][a-z0-9-]*)$")


def parse_derived(text: str) -> tuple[float, str, str] | None:
    """(factor, indicator code folded to lower case, set id) of a rule written as `derived_text`
    writes it (also '1.1 x ngưỡng chỉ tiêu 10 của bộ …', without diacritics); None when unreadable."""
    m = _DERIVED.match(fold(text))
    if m is None or float(m.group(1).replace(",", ".")) <= 0:
        return None
    return float(m.group(1).replace(",", ".")), m.group(2), m.group(3)


def decimal_comma(v) -> str:
    """`v` as the workbook writes a factor or a threshold: '1,1', '95' (shortest form, decimal comma)."""
    return f"{v:g}".replace(".", ",")
