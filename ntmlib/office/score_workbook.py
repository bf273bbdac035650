"""The scored results as a formatted Excel workbook (`ntm score --format xlsx`).

One sheet of communes per criteria set (named by tier: "NTM", "NTM nâng cao", …), with the
bulletin's counts and one coloured column per criterion; one sheet of indicators per set
(value as written, threshold, the rule that chose it, met, gap, where the value came from);
a legend sheet. Colours: green met, red not met, yellow no data. Vietnamese headers, frozen
header row and filters. Written in streaming mode to a temporary file, then renamed into
place, so a reader never sees a half-written workbook.

Every sheet prints on A4 landscape, one page wide (as many pages down as it needs), the
header row repeated on each page, the set's Vietnamese name in the page header and
"Trang 1 / 9" in the footer. Numbers are stored rounded: to the decimals of the indicator's
thresholds, at least two (the criteria sets declare no precision of their own), so a gap
reads 15.7, never 15.700000000000003. Sheets are named by tier ("NTM"); when two sets of one
tier share a workbook, by tier and period ("NTM 2021-2025"), else by the set's shortened name.
"""
from __future__ import annotations

import io
import re
from copy import copy
from pathlib import Path

import numpy as np
import pandas as pd

from ..analysis.verdicts import set_states
from ..base.outputs import write_bytes_atomic
from ..text import (
    DOCUMENT_LABELS,
    NO_THRESHOLD_TEXT,
    RULE_SIGNS,
    counts_text,
    label,
    met_word,
    result_word,
    sentence_case,
    state_text,
    tier_name,
    tier_order,
)
from .workbook_style import (
    FONT,
    HEADER_FILL,
    MET_FILL,
    MET_FONT,
    NODATA_FILL,
    NODATA_FONT,
    ROW_PAD_PT,
    UNMET_FILL,
    UNMET_FONT,
    default_font,
    line_pt,
    new_cell,
    print_setup,
    unique_sheet_name,
    wrapped_lines,
)

MAX_ROWS = 1_048_575  # rows of an Excel sheet below its header

# (key, header, width in characters); widths chosen so a sheet printed one page wide stays legible
COMMUNE_COLUMNS = [("commune_id", "Mã xã", 8), ("commune", "Xã", 14), ("year", "Năm", 6), ("set", "Bộ tiêu chí", 20),
                   ("result", "Kết quả", 14), ("criteria_met", "Số tiêu chí đạt", 9),
                   ("criteria_total", "Tổng số tiêu chí", 9), ("indicators_met", "Số chỉ tiêu đạt", 9),
                   ("indicators_total", "Tổng số chỉ tiêu", 9), ("no_data", "Chưa có số liệu", 8),
                   ("set_met", "Đạt bộ tiêu chí", 9), ("state", "Tình trạng", 16),
                   ("tier_reached", "Hạng đạt được", 12.5),
                   ("tier_recognised", "Hạng đã công nhận", 12.5)]
# Shown on demand: a collapsed column group (the [+] above them): the set is the sheet's own and
# the counts are those of "Kết quả", so the printed page leaves them out.
FOLDED_COMMUNE_COLUMNS = ("set", "criteria_met", "criteria_total", "indicators_met", "indicators_total")
CRITERION_WIDTH, CRITERION_FONT_PT = 7, 9  # one column per criterion: Đạt / Chưa đạt / Chưa có số liệu
INDICATOR_COLUMNS = [("commune_id", "Mã xã", 8), ("commune", "Xã", 13), ("year", "Năm", 6),
                     ("criterion", "Tiêu chí", 7), ("indicator", "Chỉ tiêu", 7), ("name", "Tên chỉ tiêu", 48),
                     ("value", "Giá trị ghi nhận", 10), ("number", "Giá trị số", 9), ("unit", "Đơn vị", 10),
                     ("rule", "Yêu cầu", 9), ("threshold", "Ngưỡng", 8), ("threshold_basis", "Căn cứ ngưỡng", 14),
                     ("met", "Kết quả", 10), ("gap", "Chênh lệch so với ngưỡng", 10),
                     ("assessed", "Theo kết luận của cơ quan", 9), ("source", "Nguồn (dòng / ô)", 11)]
WRAPPED = {"commune", "result", "name", "value", "unit", "threshold_basis", "met", "source", "tier_reached",
           "tier_recognised", "set_met", "no_data", "state"}
MIN_DECIMALS, MAX_DECIMALS = 2, 6  # numbers are rounded to the thresholds' decimals, within these bounds
_WORDS = DOCUMENT_LABELS["vi"]


def write_score_workbook(card, path: str | Path, sets=None) -> Path:
    """Write the Scorecard `card` as a formatted .xlsx workbook at `path` (atomically); return the path.

    `sets`: ids of the criteria sets to include (default: every set scored).
    """
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook(write_only=True)
    default_font(wb)
    styles = _Styles()
    wanted = set(card.sets) if sets is None else {str(s) for s in sets}
    sets = sorted((s for s in card.sets.values() if s.id in wanted), key=lambda s: (*tier_order(s.tier), s.id))
    titles = sheet_titles(sets)
    names: set[str] = set()
    for s in sets:
        _communes_sheet(wb, unique_sheet_name(titles[s.id], names), card, s, styles)
    for s in sets:
        _indicators_sheets(wb, _WORDS["indicators_title"].format(title=titles[s.id]), names, card, s, styles)
    _legend_sheet(wb, unique_sheet_name(_WORDS["legend"], names), card, sets, styles)
    _properties(wb, card)
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())
    return path


def sheet_titles(sets) -> dict[str, str]:
    """The title of each set's sheets, in Vietnamese: its tier ('NTM nâng cao') when it is the
    only set of its tier, else tier and period ('NTM 2026-2030'), else its shortened name
    ('NTM tỉnh Hà Nam 2022-2025'); never the set's id."""
    sets = list(sets)
    tiers = pd.Series([s.tier for s in sets]).value_counts().to_dict() if sets else {}
    periods = pd.Series([(s.tier, s.period) for s in sets]).value_counts().to_dict() if sets else {}
    out = {}
    for s in sets:
        if tiers[s.tier] == 1:
            out[s.id] = tier_name(s.tier)
        elif s.period and periods[(s.tier, s.period)] == 1:
            out[s.id] = f"{tier_name(s.tier)} {s.period[0]}-{s.period[1]}"
        else:
            out[s.id] = short_set_name(s.name) or tier_name(s.tier)
    return out


def short_set_name(name: str) -> str:
    """'Bộ tiêu chí xã nông thôn mới tỉnh Hà Nam giai đoạn 2022 - 2025' -> 'NTM tỉnh Hà Nam 2022-2025'."""
    for long, short in _WORDS["shortenings"]:
        name = name.replace(long, short)
    return " ".join(name.split())


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=11)
        self.header_font = Font(name=FONT, size=11, bold=True)
        self.small_header_font = Font(name=FONT, bold=True, size=CRITERION_FONT_PT)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.header_align = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.centre_wrap = Alignment(wrap_text=True, vertical="top", horizontal="center")
        self.fills = {True: PatternFill("solid", fgColor=MET_FILL), False: PatternFill("solid", fgColor=UNMET_FILL),
                      None: PatternFill("solid", fgColor=NODATA_FILL)}
        self.fonts = {k: Font(name=FONT, size=11, color=c) for k, c in ((True, MET_FONT), (False, UNMET_FONT),
                                                                         (None, NODATA_FONT))}
        self.small_fonts = {k: Font(name=FONT, color=f.color, size=CRITERION_FONT_PT) for k, f in self.fonts.items()}
        self.title_font = Font(name=FONT, bold=True, size=13)


def _met_key(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    return bool(v)


def _places(v: float) -> int:
    """Decimals needed to write `v` exactly (at most MAX_DECIMALS): 95 -> 0, 0.5 -> 1."""
    for d in range(MAX_DECIMALS + 1):
        if abs(round(v, d) - v) < 1e-9:
            return d
    return MAX_DECIMALS


def indicator_decimals(s) -> dict[str, int]:
    """Decimals each numeric indicator of set `s` is stored with: those of its thresholds, at
    least MIN_DECIMALS (a set declares no precision; 2 keeps 0,61 % and 15,7 points as written)."""
    out = {}
    for i in s.indicators:
        values = list(i.threshold.values.values()) if i.threshold is not None else []
        places = [_places(float(v)) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        out[i.code] = min(max([MIN_DECIMALS, *places]), MAX_DECIMALS)
    return out


_REGION = re.compile(r"^vùng (?P<code>[^\s,:]+)(?=,|$)")


def _basis_text(r, regions: dict | None = None) -> str:
    """The 'Căn cứ ngưỡng' cell: the threshold entry that applied, its region by name ('vùng Đồng
    bằng sông Hồng, năm 2023' for 'vùng DBSH, năm 2023'), or for a value without a threshold
    'chưa có ngưỡng cho năm 2024'."""
    if r.status == "no_threshold":
        return label(NO_THRESHOLD_TEXT, "short", year=int(r.year))
    text = getattr(r, "threshold_basis_label", "")
    if not isinstance(text, str):
        return ""
    return _REGION.sub(lambda m: f"vùng {(regions or {}).get(m['code']) or m['code']}", text)


def _rounded(v, decimals: int):
    """`v` rounded to `decimals` (no float noise, no -0.0); NA stays NA."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    return round(float(v), decimals) + 0.0


class _Sheet:
    """One sheet being written: its columns, which of them wrap, the rows so far."""

    def __init__(self, wb, name: str, columns, styles: _Styles, freeze: str, header_text: str,
                 small_from: int | None = None, folded: tuple[int, ...] = (), wrapped: frozenset[int] = frozenset()):
        from openpyxl.utils import get_column_letter

        self.ws = ws = wb.create_sheet(name)
        self.widths = [w for _, _, w in columns]
        self.styles, self.small_from, self.wrapped, self.rows = styles, small_from, wrapped, 0
        self._looks: dict = {}
        for i, width in enumerate(self.widths, start=1):
            dim = ws.column_dimensions[get_column_letter(i)]
            dim.width = width
            if i - 1 in folded:
                dim.outlineLevel, dim.hidden = 1, True
        if folded:
            ws.sheet_properties.outlinePr.summaryRight = False  # the [+] sits left of the group, by its header
        ws.freeze_panes = freeze
        print_setup(ws, header_text)
        header = []
        heights = []
        for i, (_, title, width) in enumerate(columns):
            c = new_cell(ws, title)
            small = self._small(i)
            c.font = styles.small_header_font if small else styles.header_font
            c.fill, c.alignment, c.border = styles.header_fill, styles.header_align, styles.border
            header.append(c)
            if i not in folded:
                font = CRITERION_FONT_PT if small else 11
                heights.append(wrapped_lines(title, width, font, bold=True) * line_pt(font))
        ws.row_dimensions[1].height = round(max(heights) + ROW_PAD_PT, 1)
        self._append(header)

    def _look(self, c, i: int, met, number_format: str | None):
        """The style of the cells of column `i` coloured for `met` ('plain': not coloured)."""
        styles, small = self.styles, self._small(i)
        c.border, c.font = styles.border, styles.font
        if met != "plain":
            c.fill, c.font = styles.fills[met], (styles.small_fonts if small else styles.fonts)[met]
        if number_format:
            c.number_format = number_format
        c.alignment = styles.centre_wrap if small else (styles.wrap if i in self.wrapped else styles.top)
        return copy(c._style)

    def _small(self, i: int) -> bool:
        return self.small_from is not None and i >= self.small_from

    def _append(self, cells) -> None:
        self.ws.append(cells)
        self.rows += 1

    def row(self, values, met_columns: dict[int, object], number_formats: dict[int, str] | None = None) -> None:
        """Append a row of `values`; the cells of `met_columns` coloured by met / not met / no
        data; the row as high as its longest wrapped cell."""
        cells, height = [], 0.0
        for i, v in enumerate(values):
            c = new_cell(self.ws, v)
            small = self._small(i)
            key = (i, _met_key(met_columns[i]) if i in met_columns else "plain",
                   number_formats.get(i) if number_formats else None)
            if key not in self._looks:
                self._looks[key] = self._look(c, *key)
            # the styled cell's look, shared: a write-only cell is written as it is appended, and never changed
            c._style = self._looks[key]
            if (small or i in self.wrapped) and isinstance(c.value, str):
                font = CRITERION_FONT_PT if small else 11
                height = max(height, wrapped_lines(c.value, self.widths[i], font) * line_pt(font))
            cells.append(c)
        if height > line_pt(11):
            self.ws.row_dimensions[self.rows + 1].height = round(height + ROW_PAD_PT, 1)
        self._append(cells)


def _years_text(frame: pd.DataFrame) -> str:
    years = sorted(int(y) for y in frame["year"].unique()) if len(frame) else []
    return _WORDS["years"].format(years=", ".join(map(str, years))) if years else ""


def _communes_sheet(wb, name: str, card, s, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    communes = card.communes[card.communes["set"] == s.id].sort_values(["year", "commune_id"], kind="stable")
    crit = card.criteria[card.criteria["set"] == s.id]
    met = {(r.commune_id, r.year, r.criterion): r.met for r in crit.itertuples()}
    columns = list(COMMUNE_COLUMNS) + [(f"c:{c.code}", f"{c.code}. {c.name}", CRITERION_WIDTH) for c in s.criteria]
    keys = [k for k, _, _ in COMMUNE_COLUMNS]
    n_fixed = len(COMMUNE_COLUMNS)
    title = " — ".join(x for x in (_WORDS["results_sheet"].format(set=sentence_case(s.name)), _years_text(communes))
                       if x)
    sheet = _Sheet(wb, name, columns, styles, "C2", title, small_from=n_fixed,
                   folded=tuple(keys.index(k) for k in FOLDED_COMMUNE_COLUMNS),
                   wrapped=frozenset(keys.index(k) for k in WRAPPED if k in keys))
    set_met_col = keys.index("set_met")
    for r, state in zip(communes.itertuples(), set_states(communes)):
        values = [r.commune_id, r.commune, int(r.year), r.set,
                  counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total),
                  r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, r.no_data,
                  met_word(r.set_met), state_text(state), tier_name(r.tier_reached), tier_name(r.tier_recognised)]
        colours = {set_met_col: r.set_met}
        for j, c in enumerate(s.criteria):
            m = met.get((r.commune_id, r.year, c.code), pd.NA)
            values.append(met_word(m))
            colours[n_fixed + j] = m
        sheet.row(values, colours)
    sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(communes) + 1, 2)}"


def _indicators_sheets(wb, title: str, used: set[str], card, s, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    ind = card.indicators[card.indicators["set"] == s.id]
    info = s.indicator_table().drop_duplicates("indicator")  # as Series.get of the table by indicator read it
    ind_name, ind_unit = dict(zip(info["indicator"], info["name"])), dict(zip(info["indicator"], info["unit"]))
    communes = card.communes.drop_duplicates("commune_id")
    names = dict(zip(communes["commune_id"], communes["commune"]))
    source = "source_place" if "source_place" in ind.columns else ("place" if "place" in ind.columns else "source_line")
    keys = [k for k, _, _ in INDICATOR_COLUMNS]
    met_col = keys.index("met")
    decimals = indicator_decimals(s)
    gap_formats = {d: "0." + "0" * d for d in set(decimals.values()) | {MIN_DECIMALS}}
    wrapped = frozenset(keys.index(k) for k in WRAPPED if k in keys)
    header = " — ".join(x for x in (_WORDS["indicators_sheet"].format(set=sentence_case(s.name)), _years_text(ind))
                        if x)
    chunks = [ind.iloc[i:i + MAX_ROWS] for i in range(0, max(len(ind), 1), MAX_ROWS)]
    for n, part in enumerate(chunks):
        name = unique_sheet_name(title if n == 0 else f"{title} ({n + 1})", used)
        sheet = _Sheet(wb, name, INDICATOR_COLUMNS, styles, "F2", header, wrapped=wrapped)
        for r in part.itertuples():
            src = getattr(r, source)
            if source == "source_line":
                src = f"dòng {int(src)}" if pd.notna(src) else ""
            unit = ind_unit.get(r.indicator, "")
            d = decimals.get(str(r.indicator), MIN_DECIMALS)
            values = [r.commune_id, names.get(r.commune_id, ""), int(r.year), r.criterion, r.indicator,
                      ind_name.get(r.indicator, ""), r.value, _rounded(r.number, d), unit,
                      RULE_SIGNS.get(r.rule, r.rule), _rounded(r.threshold, d), _basis_text(r, s.regions),
                      result_word(str(r.status)),
                      _rounded(r.gap, d), "có" if bool(r.assessed) else "", src if isinstance(src, str) else ""]
            sheet.row(values, {met_col: r.met}, {keys.index("gap"): gap_formats[d]})
        sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(INDICATOR_COLUMNS))}{max(len(part) + 1, 2)}"


def _legend_sheet(wb, name: str, card, sets, styles: _Styles) -> None:
    ws = wb.create_sheet(name)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    print_setup(ws, _WORDS["legend_title"])
    ws.print_title_rows = None

    def put(*values, first_font=None, first_fill=None):
        cells = []
        for k, v in enumerate(values):
            c = new_cell(ws, v)
            c.font = (first_font or styles.font) if k == 0 else styles.font
            if k == 0 and first_fill is not None:
                c.fill, c.border = first_fill, styles.border
            cells.append(c)
        ws.append(cells)

    put(_WORDS["legend_title"], first_font=styles.title_font)
    ds = getattr(card, "dataset", None)
    if ds is not None:
        put("Bộ dữ liệu", ds.name)
    years = sorted(int(y) for y in card.communes["year"].unique()) if len(card.communes) else []
    put("Năm", ", ".join(map(str, years)))
    for s in sets:
        put(tier_name(s.tier), f"{s.id}: {s.name}")
    ws.append([])
    for key, text in ((True, "Đạt"), (False, "Chưa đạt"),
                      (None, "Chưa có số liệu: không tính là đạt, cũng không tính là chưa đạt")):
        put(met_word(pd.NA if key is None else key), text, first_font=styles.fonts[key], first_fill=styles.fills[key])
    ws.append([])
    put("Chênh lệch", "khoảng cách tới ngưỡng theo đơn vị của chỉ tiêu; số âm là còn thiếu")
    put("Làm tròn", f"giá trị số, ngưỡng và chênh lệch làm tròn đến {MIN_DECIMALS} chữ số thập phân (nhiều hơn nếu "
                    "ngưỡng của chỉ tiêu có nhiều hơn); giá trị ghi nhận giữ như bản gốc")
    put("Theo kết luận", "chỉ tiêu định lượng được ghi 'Đạt' / 'Không đạt' theo kết luận của cơ quan")
    put("Cột ẩn", "bộ tiêu chí và các số đếm của cột 'Kết quả' ở trang kết quả xã: bấm [+] trên dòng tiêu đề để hiện")


def _properties(wb, card) -> None:
    """Title, author and language of the workbook."""
    props = wb.properties
    ds = getattr(card, "dataset", None)
    props.title = _WORDS["legend_title"] + (f" — {ds.name}" if ds is not None else "")
    props.creator = props.lastModifiedBy = _WORDS["author"]
    props.language = "vi-VN"
