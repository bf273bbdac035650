"""The scored results as a formatted Excel workbook (`ntm score --format xlsx`).

One sheet of communes per criteria set (named by tier: "NTM", "NTM nâng cao", …), with the
bulletin's counts and one coloured column per criterion; one sheet of indicators per set
(value as written, threshold, the rule that chose it, met, gap, where the value came from);
a legend sheet. Colours: green met, red not met, yellow no data. Vietnamese headers, frozen
header row and filters. Written in streaming mode to a temporary file, then renamed into
place, so a reader never sees a half-written workbook.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .outputs import write_bytes_atomic
from .words import RULE_SIGNS, TIERS, counts_text, met_word, tier_name

MET_FILL, MET_FONT = "C6EFCE", "006100"
UNMET_FILL, UNMET_FONT = "FFC7CE", "9C0006"
NODATA_FILL, NODATA_FONT = "FFEB9C", "9C5700"
HEADER_FILL = "DDEBF7"
MAX_ROWS = 1_048_575  # rows of an Excel sheet below its header

COMMUNE_COLUMNS = [("commune_id", "Mã xã", 10), ("commune", "Xã", 18), ("year", "Năm", 7), ("set", "Bộ tiêu chí", 20),
                   ("result", "Kết quả", 26), ("criteria_met", "Số tiêu chí đạt", 9),
                   ("criteria_total", "Tổng số tiêu chí", 9), ("indicators_met", "Số chỉ tiêu đạt", 9),
                   ("indicators_total", "Tổng số chỉ tiêu", 9), ("no_data", "Chưa có số liệu", 9),
                   ("set_met", "Đạt bộ tiêu chí", 16), ("tier_reached", "Hạng đạt được", 16),
                   ("tier_recognised", "Hạng đã công nhận", 16)]
INDICATOR_COLUMNS = [("commune_id", "Mã xã", 10), ("commune", "Xã", 18), ("year", "Năm", 7),
                     ("criterion", "Tiêu chí", 8), ("indicator", "Chỉ tiêu", 9), ("name", "Tên chỉ tiêu", 48),
                     ("value", "Giá trị ghi nhận", 14), ("number", "Giá trị số", 11), ("unit", "Đơn vị", 12),
                     ("rule", "Yêu cầu", 9), ("threshold", "Ngưỡng", 9), ("threshold_basis", "Căn cứ ngưỡng", 20),
                     ("met", "Kết quả", 16), ("gap", "Chênh lệch so với ngưỡng", 12),
                     ("assessed", "Theo kết luận của cơ quan", 12), ("source", "Nguồn (dòng / ô)", 16)]
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def write_score_workbook(card, path: str | Path, sets=None) -> Path:
    """Write the Scorecard `card` as a formatted .xlsx workbook at `path` (atomically); return the path.

    `sets`: ids of the criteria sets to include (default: every set scored).
    """
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook(write_only=True)
    styles = _Styles()
    wanted = set(card.sets) if sets is None else {str(s) for s in sets}
    sets = sorted((s for s in card.sets.values() if s.id in wanted), key=lambda s: (TIERS.index(s.tier), s.id))
    tier_count = pd.Series([s.tier for s in sets]).value_counts().to_dict() if sets else {}
    names: set[str] = set()
    for s in sets:
        title = tier_name(s.tier) if tier_count.get(s.tier, 0) == 1 else s.id
        _communes_sheet(wb, _sheet_name(title, names), card, s, styles)
    for s in sets:
        title = tier_name(s.tier) if tier_count.get(s.tier, 0) == 1 else s.id
        _indicators_sheets(wb, f"Chỉ tiêu {title}", names, card, s, styles)
    _legend_sheet(wb, _sheet_name("Chú thích", names), card, sets, styles)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())
    return path


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.header_align = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.fills = {True: PatternFill("solid", fgColor=MET_FILL), False: PatternFill("solid", fgColor=UNMET_FILL),
                      None: PatternFill("solid", fgColor=NODATA_FILL)}
        self.fonts = {True: Font(color=MET_FONT), False: Font(color=UNMET_FONT), None: Font(color=NODATA_FONT)}
        self.title_font = Font(bold=True, size=13)


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("-", title).strip("'")[:31] or "Trang"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _clean(v):
    """A cell value openpyxl accepts: plain Python types, no control characters, NA as empty."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, str):
        return _ILLEGAL.sub("", v)
    return v


def _met_key(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    return bool(v)


def _cell(ws, value):
    """A write-only cell holding `value`; text is typed as text, so a name such as
    '=HYPERLINK(…)' is shown as written and never run as a formula."""
    from openpyxl.cell import (
        WriteOnlyCell,  # deferred: openpyxl is heavy and only workbooks need it
    )

    c = WriteOnlyCell(ws, _clean(value))
    if isinstance(c.value, str):
        c.data_type = "s"
    return c


def _start(wb, name: str, columns, styles: _Styles, freeze: str):
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    for i, (_, _, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    header = []
    for _, label, _ in columns:
        c = _cell(ws, label)
        c.font, c.fill, c.alignment, c.border = styles.header_font, styles.header_fill, styles.header_align, styles.border
        header.append(c)
    ws.append(header)
    return ws


def _row(ws, values, met_columns: dict[int, object], styles: _Styles, number_formats: dict[int, str] | None = None):

    cells = []
    for i, v in enumerate(values):
        c = _cell(ws, v)
        c.border = styles.border
        if i in met_columns:
            key = _met_key(met_columns[i])
            c.fill, c.font = styles.fills[key], styles.fonts[key]
        if number_formats and i in number_formats:
            c.number_format = number_formats[i]
        cells.append(c)
    ws.append(cells)


def _communes_sheet(wb, name: str, card, s, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    communes = card.communes[card.communes["set"] == s.id].sort_values(["year", "commune_id"], kind="stable")
    crit = card.criteria[card.criteria["set"] == s.id]
    met = {(r.commune_id, r.year, r.criterion): r.met for r in crit.itertuples()}
    columns = list(COMMUNE_COLUMNS) + [(f"c:{c.code}", f"{c.code}. {c.name}", 14) for c in s.criteria]
    ws = _start(wb, name, columns, styles, "C2")
    n_fixed = len(COMMUNE_COLUMNS)
    set_met_col = [k for k, _, _ in COMMUNE_COLUMNS].index("set_met")
    for r in communes.itertuples():
        values = [r.commune_id, r.commune, int(r.year), r.set,
                  counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total),
                  r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, r.no_data,
                  met_word(r.set_met), tier_name(r.tier_reached), tier_name(r.tier_recognised)]
        colours = {set_met_col: r.set_met}
        for j, c in enumerate(s.criteria):
            m = met.get((r.commune_id, r.year, c.code), pd.NA)
            values.append(met_word(m))
            colours[n_fixed + j] = m
        _row(ws, values, colours, styles)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(communes) + 1, 2)}"


def _indicators_sheets(wb, title: str, used: set[str], card, s, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    ind = card.indicators[card.indicators["set"] == s.id]
    info = s.indicator_table().set_index("indicator")[["name", "unit"]]
    names = card.communes.drop_duplicates("commune_id").set_index("commune_id")["commune"]
    source = "source_place" if "source_place" in ind.columns else ("place" if "place" in ind.columns else "source_line")
    met_col = [k for k, _, _ in INDICATOR_COLUMNS].index("met")
    formats = {[k for k, _, _ in INDICATOR_COLUMNS].index("gap"): "0.00"}
    chunks = [ind.iloc[i:i + MAX_ROWS] for i in range(0, max(len(ind), 1), MAX_ROWS)]
    for n, part in enumerate(chunks):
        ws = _start(wb, _sheet_name(title if n == 0 else f"{title} ({n + 1})", used), INDICATOR_COLUMNS, styles, "F2")
        for r in part.itertuples():
            src = getattr(r, source)
            if source == "source_line":
                src = f"dòng {int(src)}" if pd.notna(src) else ""
            unit = info["unit"].get(r.indicator, "")
            values = [r.commune_id, names.get(r.commune_id, ""), int(r.year), r.criterion, r.indicator,
                      info["name"].get(r.indicator, ""), r.value, r.number, unit, RULE_SIGNS.get(r.rule, r.rule),
                      r.threshold, r.threshold_basis, met_word(r.met), r.gap, "có" if bool(r.assessed) else "",
                      src if isinstance(src, str) else ""]
            _row(ws, values, {met_col: r.met}, styles, formats)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(INDICATOR_COLUMNS))}{max(len(part) + 1, 2)}"


def _legend_sheet(wb, name: str, card, sets, styles: _Styles) -> None:
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet(name)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 70
    title = WriteOnlyCell(ws, "Kết quả chấm điểm xã nông thôn mới")
    title.font = styles.title_font
    ws.append([title])
    ds = getattr(card, "dataset", None)
    if ds is not None:
        ws.append([_cell(ws, "Bộ dữ liệu"), _cell(ws, ds.name)])
    years = sorted(int(y) for y in card.communes["year"].unique()) if len(card.communes) else []
    ws.append(["Năm", ", ".join(map(str, years))])
    for s in sets:
        ws.append([_cell(ws, tier_name(s.tier)), _cell(ws, f"{s.id}: {s.name}")])
    ws.append([])
    for key, text in ((True, "Đạt"), (False, "Chưa đạt"), (None, "Chưa có số liệu: không tính là đạt, "
                                                                 "cũng không tính là chưa đạt")):
        c = WriteOnlyCell(ws, met_word(pd.NA if key is None else key))
        c.fill, c.font, c.border = styles.fills[key], styles.fonts[key], styles.border
        ws.append([c, text])
    ws.append([])
    ws.append(["Chênh lệch", "khoảng cách tới ngưỡng theo đơn vị của chỉ tiêu; số âm là còn thiếu"])
    ws.append(["Theo kết luận", "chỉ tiêu định lượng được ghi 'Đạt' / 'Không đạt' theo kết luận của cơ quan"])
