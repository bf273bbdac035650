"""Criteria sets kept in Excel: a set written as a workbook an officer can read and correct
(`ntm frameworks export`), and the corrected workbook turned back into a validated YAML set
(`ntm frameworks import`).

The workbook has a sheet 'Chỉ tiêu' (one row per indicator: criterion, code, name, unit, rule,
one threshold column per region, year, region × year or commune group, the rule of a derived
threshold, mark, source, English name, measure), a sheet 'Thông tin' (the set's id, name, tier, period, legal basis) and a sheet
'Hướng dẫn' (how to fill it in). The rule and mark columns carry drop-down lists. A threshold given as a rule (`derived`: 1,1 × the
threshold of an indicator of another set) is written as that rule, readable ('1,1 × ngưỡng chỉ
tiêu 10 của bộ hanam-2022-nang-cao'), in the column 'Ngưỡng suy ra'; its computed values are shown,
greyed, in the threshold columns, and read back only to check they were not typed over.

Importing compares every row with a reference set (the parent given with `extends`, else the
set the workbook was exported from): a value the officer changed is marked `confirmed` with the
decision as its source. With `extends`, only the differences are written (overrides, add,
remove). Every error names the sheet and the cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import FrameworkError, Problem
from .excel import FONT, ROW_PAD_PT, _cell, _default_font, _line_pt, _print_setup, _wrapped_lines
from ..criteria.criteria_set import FRAMEWORK_DIR, NUMERIC_RULES, CriteriaSet, Indicator, Threshold, load_set
from ..base.outputs import write_bytes_atomic, write_text_atomic
from ..dataset.readers import cell_place
from ..base.values import fold
from ..text import FRAMEWORK_EXCEL_DERIVED_WORDS, FRAMEWORK_EXCEL_WORDS, TIERS, tier_name

W = FRAMEWORK_EXCEL_WORDS
D = FRAMEWORK_EXCEL_DERIVED_WORDS
SHEET, INFO_SHEET, NOTES_SHEET = W["sheet"], W["info_sheet"], W["notes_sheet"]
HEADER_ROW = 3  # title, note, then the header
RULE_WORDS = {">=": "≥", "<=": "≤", "yes": "Đạt", "absent": "Không có"}
MARK_WORDS = {"confirmed": "xác nhận", "derived": "suy ra", "provisional": "tạm tính"}
# (key, header, width): the fixed columns before and after the thresholds
LEFT = [("criterion", "Tiêu chí", 7), ("code", "Mã chỉ tiêu", 8), ("name", "Tên chỉ tiêu", 50),
        ("unit", "Đơn vị", 11), ("rule", "Quy tắc", 8)]
RIGHT = [("derived", D["column"], 28), ("confidence", "Mức chắc chắn", 11), ("source", "Nguồn", 40), ("name_en", "Tên tiếng Anh", 30),
         ("measure", "Thước đo (measure)", 24)]
INFO_KEYS = [("id", "Mã bộ tiêu chí"), ("name", "Tên bộ tiêu chí"), ("tier", "Hạng"), ("period", "Giai đoạn"),
             ("issuer", "Cơ quan ban hành"), ("decision", "Quyết định"), ("date", "Ngày ban hành"),
             ("file", "Tệp gốc")]  # the set's file when exported: what the officer changed is read against it
_YEAR = re.compile(r"^(19|20)\d\d$")


# --------------------------------------------------------------------------- threshold columns


def _column_label(kind: str, key, s: CriteriaSet) -> str:
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


def _parse_label(text: str, regions) -> tuple[str, object] | None:
    """(kind, key) of a threshold column's header, or None when it is not one."""
    t = " ".join(str(text).split())
    f = fold(t)
    if f == fold(W["all"]):
        return "all", "all"
    if f == fold(W["other_region"]):
        return "region", "default"
    if f == fold(W["other_group"]):
        return "group", "default"
    if f == fold(W["other_year"]):
        return "year", "default"
    if f.startswith("nam "):
        y = t.split(" ", 1)[1]
        return ("year", y) if _YEAR.match(y) else None
    if f.startswith("nhom "):
        return "group", t.split(" ", 1)[1]
    if t in regions:
        return "region", t
    for r in [*regions, W["other_region"]]:
        if t.startswith(r + " "):
            y = t[len(r) + 1:]
            if _YEAR.match(y) or fold(y) == fold(W["other_year"]):
                return "region_year", (r if r != W["other_region"] else "default",
                                       y if _YEAR.match(y) else "default")
    return None


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


def export_set(s: CriteriaSet, path: str | Path) -> Path:
    """Write set `s` as the workbook an officer corrects: sheets 'Chỉ tiêu', 'Thông tin', 'Hướng dẫn'."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    _default_font(wb)
    ws = wb.active
    ws.title = SHEET
    tcols = threshold_columns(s)
    headers = [h for _, h, _ in LEFT] + [_column_label(k, key, s) for k, key in tcols] + [h for _, h, _ in RIGHT]
    widths = [w for *_, w in LEFT] + [9] * len(tcols) + [w for *_, w in RIGHT]
    ws.append([_cell(ws, W["title"].format(id=s.id, name=s.name))])
    derived_any = any(i.threshold is not None and i.threshold.derived for i in s.indicators)
    ws.append([_cell(ws, W["subtitle"] + (" " + D["computed_note"] if derived_any else ""))])
    ws.append([_cell(ws, h) for h in headers])
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i in s.indicators:
        row = [i.criterion, i.code, i.name, i.unit, RULE_WORDS[i.rule]]
        row += [_value_of(i.threshold, kind, key) for kind, key in tcols]
        row += [derived_text(i.threshold), MARK_WORDS[i.confidence], i.source, i.name_en, i.measure]
        ws.append([_cell(ws, v if v != "" else None) for v in row])
    n = ws.max_row
    ws["A1"].font = Font(name=FONT, bold=True, size=13)
    ws["A2"].font = Font(name=FONT, italic=True, size=10)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
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
        for r in range(HEADER_ROW + 1, n + 1):
            cell = ws.cell(r, c)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=c in wrapped)
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
        lines = max(_wrapped_lines(i.name, 50), _wrapped_lines(i.source, 40), _wrapped_lines(i.unit, 11),
                    _wrapped_lines(derived_text(i.threshold), 28))
        if lines > 1:
            ws.row_dimensions[r].height = lines * _line_pt(11) + ROW_PAD_PT
    _print_setup(ws, s.name)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(at['source'])}{n}"  # the English name and the measure are not printed

    info = wb.create_sheet(INFO_SHEET)
    src = s.source or {}
    yml = Path(s.path)  # "Tệp gốc" without the machine's folders: its name in ntmlib, or its path in the dataset
    shown = f"{yml.name} (có sẵn trong ntmlib)" if yml.parent.resolve() == FRAMEWORK_DIR.resolve() else \
        f"{yml.parent.name}/{yml.name}" if yml.parent.name == "frameworks" else yml.name
    values = {"id": s.id, "name": s.name, "tier": tier_name(s.tier), "period": f"{s.period[0]}-{s.period[1]}" if s.period else "",
              "issuer": src.get("issuer") or "", "decision": src.get("decision") or "", "date": src.get("date") or "",
              "file": shown}
    info.append([_cell(info, W["info_title"])])
    for key, label in INFO_KEYS:
        info.append([_cell(info, label), _cell(info, values[key])])
    tiers = DataValidation(type="list", formula1='"' + ",".join(tier_name(t) for t in TIERS) + '"',
                           allow_blank=False, showErrorMessage=True, errorTitle=W["bad_title"], error=W["bad_tier_list"])
    info.add_data_validation(tiers)
    tiers.add(f"B{1 + 1 + [k for k, _ in INFO_KEYS].index('tier')}")
    info.append([])
    info.append([_cell(info, W["regions_title"])])
    for code, name in s.regions.items():
        info.append([_cell(info, code), _cell(info, name)])
    for code, name in s.commune_groups.items():
        info.append([_cell(info, f"Nhóm {code}"), _cell(info, name)])
    info["A1"].font = Font(name=FONT, bold=True, size=13)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 70
    for r in range(2, len(INFO_KEYS) + 2):
        info.cell(r, 1).font = Font(name=FONT, bold=True)
    _print_setup(info, s.name)

    notes = wb.create_sheet(NOTES_SHEET)
    for line in [*W["notes"], D["note"]]:
        notes.append([_cell(notes, line.format(sheet=SHEET, all=W["all"]))])
    notes["A1"].font = Font(name=FONT, bold=True, size=13)
    notes.column_dimensions["A"].width = 120
    for r in range(2, notes.max_row + 1):
        notes.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
        notes.row_dimensions[r].height = _wrapped_lines(notes.cell(r, 1).value, 120) * _line_pt(11) + ROW_PAD_PT
    _print_setup(notes, s.name)
    wb.properties.creator = "ntmlib"
    buf = io.BytesIO()
    wb.save(buf)
    return write_bytes_atomic(Path(path), buf.getvalue())


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
    return D["rule_text"].format(factor=_fmt_number(factor), indicator=code, set=sid)


_DERIVED = re.compile(r"^(\d+(?:[.,]\d+)?)\s*[×x*]\s*(?:nguong\s+)?(?:(?:cua\s+)?chi tieu\s+)?(\S+?)\s+"
                      r"(?:cua\s+)?(?:bo\s+(?:tieu chi\s+)?)?([a-z0-9][a-z0-9-]*)$")


def parse_derived(text: str) -> tuple[float, str, str] | None:
    """(factor, indicator code folded to lower case, set id) of a rule written as `derived_text`
    writes it (also '1.1 x ngưỡng chỉ tiêu 10 của bộ …', without diacritics); None when unreadable."""
    m = _DERIVED.match(fold(text))
    if m is None or float(m.group(1).replace(",", ".")) <= 0:
        return None
    return float(m.group(1).replace(",", ".")), m.group(2), m.group(3)


def _derived_yaml(sid: str, code: str, factor: float) -> dict:
    return {"derived": {"set": sid, "indicator": code, "factor": _num(factor)}}


# --------------------------------------------------------------------------- import


@dataclass
class _Row:
    """One indicator row of the workbook, as read."""

    place: str  # the row's code cell
    cells: dict  # key -> (value, cell place)
    raw: dict  # the indicator as a YAML mapping


def import_set(path: str | Path, set_id: str, out: str | Path, extends: str | None = None,
               decision: str = "", search: tuple[Path, ...] = ()) -> CriteriaSet:
    """Turn an edited criteria-set workbook into the YAML set `out` (named `set_id`), check it by
    loading it, and return it. With `extends`, only the differences from that parent are
    written. A value that differs from the reference set (the parent, else the set the workbook
    was exported from) is marked confirmed, with `decision` as its source. Raises FrameworkError
    naming the sheet and cell of every problem; `out` is not left behind then."""
    import openpyxl

    path, out = Path(path), Path(out)
    name = path.name
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", set_id):
        raise FrameworkError(Problem("--id", W["bad_id"].format(id=set_id)))
    if out.stem != set_id:
        raise FrameworkError(Problem(str(out), W["out_name"].format(id=set_id)))
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable file is one problem
        raise FrameworkError(Problem(name, W["unreadable"].format(kind=type(e).__name__)))
    if SHEET not in wb.sheetnames:
        raise FrameworkError(Problem(name, W["no_sheet"].format(sheet=SHEET)))
    info = _read_info(wb, name)
    search = tuple(search) + (out.parent,)
    problems: list[Problem] = []
    parent = _load(extends, search, name, problems, W["no_parent"]) if extends else None
    origin = _load(info.get("id"), search, name, [], "") if info.get("id") else None
    if origin is None and info.get("file", "").endswith((".yaml", ".yml")) and Path(info["file"]).is_file():
        origin = _load(info["file"], search, name, [], "")  # a dataset's own set, imported elsewhere
        origin = origin if origin is not None and origin.id == info.get("id") else None
    reference = parent or origin
    if reference is None and not problems:
        problems.append(Problem(name, W["no_reference"], f"trang tính '{INFO_SHEET}'"))
    if problems:
        raise FrameworkError(problems)
    before = {i.code: i for i in (origin or reference).indicators}  # what the officer changed is from this one

    def derive(text: str, place: str, code: str, values: dict) -> dict | None:
        """The `derived` threshold of a row's rule, checked against the set it names; the values
        typed in the row's threshold cells must be the rule's (or those exported)."""
        parsed = parse_derived(text)
        if parsed is None:
            problems.append(Problem(name, D["bad_rule"].format(value=text), place))
            return None
        factor, code_f, sid = parsed
        if sid == set_id:
            problems.append(Problem(name, D["self"].format(set=sid), place))
            return None
        other = _load(sid, search, name, [], "")
        if other is None:
            problems.append(Problem(name, D["no_set"].format(set=sid), place))
            return None
        base = next((i for i in other.indicators if fold(i.code) == code_f), None)
        if base is None or base.threshold is None:
            message = D["no_indicator"] if base is None else D["not_numeric"]
            problems.append(Problem(name, message.format(code=base.code if base else code_f, set=sid), place))
            return None
        computed = {(base.threshold.kind, k): round(v * factor, 6) for k, v in base.threshold.values.items()}
        old = before.get(code)
        shown = {(old.threshold.kind, k): v for k, v in old.threshold.values.items()} if old and old.threshold else {}
        for key, (v, where) in values.items():
            if any(key in known and abs(v - known[key]) < 1e-6 for known in (computed, shown)):
                continue
            was = _fmt_number(computed[key]) if key in computed else D["empty"]
            problems.append(Problem(name, D["typed"].format(value=_fmt_number(v), computed=was), where))
        return _derived_yaml(sid, base.code, factor)

    rows = _read_rows(wb[SHEET], name, reference, problems, derive)
    if problems:
        raise FrameworkError(problems)
    decision_no, date = _decision(decision)
    if date and not _real_date(date):
        raise FrameworkError(Problem("--decision", W["bad_date"].format(value=decision.strip())))
    source_text = W["source"].format(decision=decision.strip()) if decision.strip() else ""
    ref = {i.code: i for i in reference.indicators}  # the differences written are from this set
    doc: dict = {"id": set_id}
    if extends:
        doc["extends"] = extends
    doc["name"] = info.get("name") or reference.name
    doc["tier"] = _tier(info, reference, name, problems)
    if reference.requires and not extends:
        doc["requires"] = reference.requires
    period = _period(info, name, problems)
    if period:
        doc["period"] = period
    doc["source"] = {"issuer": info.get("issuer") or (reference.source or {}).get("issuer") or "",
                     "decision": decision_no or info.get("decision") or None,
                     "date": date or info.get("date") or None,
                     "note": W["source_note"].format(file=name)}
    if not doc["source"]["issuer"]:
        del doc["source"]["issuer"]
    indicators = {}
    for r in rows:
        code = r.raw["code"]
        base = before.get(code)
        raw = dict(r.raw)
        if base is None or _changed(raw, base):
            if base is not None and raw["confidence"] == _mark(base) or base is None:
                raw["confidence"] = "confirmed"
            if source_text and (raw.get("source", "") == base.source if base else not raw.get("source")):
                raw["source"] = _changed_source(source_text, raw, base)
        indicators[code] = raw
    if extends:
        overrides, add = {}, []
        for code, raw in indicators.items():
            base = ref.get(code)
            if base is None:
                add.append(_clean(raw))
                continue
            patch = {k: v for k, v in _clean(raw).items()
                     if k not in ("code", "criterion") and v != _clean(_raw_of(base)).get(k)}
            for k in ("name_en", "unit", "measure", "source"):
                if k in _clean(_raw_of(base)) and k not in _clean(raw):
                    patch[k] = ""
            if patch:
                overrides[code] = patch
        removed = [c for c in ref if c not in indicators]
        if overrides:
            doc["overrides"] = overrides
        if add:
            doc["add"] = add
        if removed:
            doc["remove"] = removed
    else:
        _full_structure(doc, reference, indicators)
    if problems:
        raise FrameworkError(problems)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110)
    existed = out.exists()
    old = out.read_bytes() if existed else None
    write_text_atomic(out, text)
    try:
        return load_set(out, search)
    except FrameworkError:
        if old is not None:
            write_bytes_atomic(out, old)
        else:
            out.unlink(missing_ok=True)
        raise


def _load(ref, search, name, problems, message) -> CriteriaSet | None:
    try:
        return load_set(ref, search)
    except FrameworkError:
        if message:
            problems.append(Problem(name, message.format(id=ref)))
        return None


def _read_info(wb, name: str) -> dict:
    """The 'Thông tin' sheet as key -> text (keys of INFO_KEYS), and "<key>@" -> the cell of each
    value; empty when the sheet is missing."""
    if INFO_SHEET not in wb.sheetnames:
        return {}
    labels = {fold(label): key for key, label in INFO_KEYS}
    out = {}
    for r, row in enumerate(wb[INFO_SHEET].iter_rows(values_only=True), start=1):
        if row and row[0] is not None and fold(str(row[0])) in labels and len(row) > 1 and row[1] is not None:
            key = labels[fold(str(row[0]))]
            out[key] = " ".join(str(row[1]).split())
            out[key + "@"] = cell_place(INFO_SHEET, 2, r)
    return out


def _period(info: dict, name: str, problems: list) -> list[int] | None:
    text = info.get("period", "")
    if not text:
        return None
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", text)]
    if len(years) != 2 or years[0] > years[1]:
        problems.append(Problem(name, W["bad_period"].format(value=text), info["period@"]))
        return None
    return years


def _tier(info: dict, reference: CriteriaSet, name: str, problems: list) -> str:
    """The tier the 'Thông tin' sheet gives (a code or a tier's name: 'NTM nâng cao'), else the reference's."""
    text = info.get("tier", "")
    if not text:
        return reference.tier
    names = {fold(tier_name(t)): t for t in TIERS} | {t: t for t in TIERS}
    tier = names.get(fold(text)) or names.get(text)
    if tier is None:
        problems.append(Problem(name, W["bad_tier"].format(value=text, known=", ".join(TIERS)), info["tier@"]))
        return reference.tier
    return tier


def _decision(text: str) -> tuple[str, str]:
    """(number, ISO date) of a decision written '12/2024/QĐ-UBND ngày 15/3/2024' (the date may be missing)."""
    text = " ".join(text.split())
    m = re.search(r"\bng[aà]y\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text, re.I)
    date = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else ""
    number = text[:m.start()].strip(" ,;") if m else text
    number = re.sub(r"^(quy[eế]t [dđ][iị]nh|qđ)\s*(s[oố]\s*)?", "", number, flags=re.I).strip()
    return number, date


def _real_date(iso: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def _read_rows(ws, name: str, reference: CriteriaSet, problems: list[Problem], derive) -> list[_Row]:
    """The indicator rows of the sheet, each checked; problems name the cell. `derive(text, cell,
    code, values)` turns the text of a 'Ngưỡng suy ra' cell into a `derived` threshold (None and a
    problem when it cannot)."""
    sheet = ws.title
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    hr = next((n for n, row in enumerate(grid[:15], start=1)
               if any(v is not None and fold(str(v)) == fold("Mã chỉ tiêu") for v in row)), None)
    if hr is None:
        problems.append(Problem(name, W["no_header"], f"trang tính '{sheet}'"))
        return []
    fixed = {fold(h): k for k, h, _ in LEFT + RIGHT}
    columns: dict[str, int] = {}
    thresholds: dict[int, tuple[str, object]] = {}
    for c, v in enumerate(grid[hr - 1], start=1):
        if v is None or not str(v).strip():
            continue
        f = fold(str(v))
        if f in fixed:
            columns[fixed[f]] = c
            continue
        parsed = _parse_label(str(v), reference.regions)
        if parsed is None:
            problems.append(Problem(name, W["bad_column"].format(header=v), cell_place(sheet, c, hr)))
        else:
            thresholds[c] = parsed
    for key in ("criterion", "code", "name", "rule", "confidence"):
        if key not in columns:
            header = next(h for k, h, _ in LEFT + RIGHT if k == key)
            problems.append(Problem(name, W["missing_column"].format(header=header), f"trang tính '{sheet}'"))
    if problems:
        return []
    rules = {fold(v): k for k, v in RULE_WORDS.items()} | {k: k for k in RULE_WORDS} | {">=": ">=", "<=": "<="}
    marks = {fold(v): k for k, v in MARK_WORDS.items()} | {k: k for k in MARK_WORDS}
    criteria = {c.code for c in reference.criteria}
    out, seen = [], {}
    for r in range(hr + 1, len(grid) + 1):
        row = grid[r - 1]

        def get(key):
            c = columns.get(key)
            v = row[c - 1] if c and c <= len(row) else None
            return ("" if v is None else " ".join(str(v).split())), cell_place(sheet, c or 1, r)

        code, where = get("code")
        if code.endswith(".0") and code[:-2].isdigit():
            code = code[:-2]
        if not code:
            if any(v is not None and str(v).strip() for v in row):
                problems.append(Problem(name, W["no_code"], where))
            continue
        if code in seen:
            problems.append(Problem(name, W["duplicate"].format(code=code, first=seen[code]), where))
            continue
        seen[code] = where
        raw: dict = {"code": code}
        crit, cw = get("criterion")
        crit = crit[:-2] if crit.endswith(".0") and crit[:-2].isdigit() else crit
        if crit not in criteria:
            problems.append(Problem(name, W["bad_criterion"].format(value=crit, known=", ".join(sorted(criteria))), cw))
        raw["criterion"] = crit
        nm, nw = get("name")
        if not nm:
            problems.append(Problem(name, W["no_name"], nw))
        raw["name"] = nm
        for key in ("name_en", "unit", "measure"):
            v, _ = get(key)
            if v:
                raw[key] = v
        rv, rw = get("rule")
        rule = rules.get(fold(rv)) or rules.get(rv)
        if rule is None:
            problems.append(Problem(name, W["bad_rule_value"].format(value=rv), rw))
            continue
        raw["rule"] = rule
        values = {}
        for c, (kind, key) in thresholds.items():
            v = row[c - 1] if c <= len(row) else None
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            try:
                number = float(str(v).replace(",", ".")) if isinstance(v, str) else float(v)
            except ValueError:
                problems.append(Problem(name, W["not_number"].format(value=v), cell_place(sheet, c, r)))
                continue
            values[(kind, key)] = (number, cell_place(sheet, c, r))
        kinds = {k for k, _ in values}
        dv, dw = get("derived")
        if dv and rule in NUMERIC_RULES:
            thr = derive(dv, dw, code, values)
            if thr is not None:
                raw["threshold"] = thr
        elif dv:
            problems.append(Problem(name, D["not_for_rule"].format(rule=rv), dw))
        elif rule in NUMERIC_RULES:
            if not values:
                first = min(thresholds) if thresholds else columns["rule"]
                problems.append(Problem(name, W["needs_threshold"].format(rule=rv), cell_place(sheet, first, r)))
            elif len(kinds) > 1:
                problems.append(Problem(name, W["mixed_kinds"], next(iter(values.values()))[1]))
            else:
                raw["threshold"] = _threshold_yaml(kinds.pop(), {k: v for (_, k), (v, _) in values.items()})
        elif values:
            problems.append(Problem(name, W["no_threshold_for"].format(rule=rv), next(iter(values.values()))[1]))
        mv, mw = get("confidence")
        mark = marks.get(fold(mv)) or marks.get(mv)
        if mark is None:
            problems.append(Problem(name, W["bad_mark_value"].format(value=mv), mw))
            continue
        raw["confidence"] = mark
        sv, _ = get("source")
        if sv:
            raw["source"] = sv
        out.append(_Row(where, {}, raw))
    return out


def _num(v: float):
    return int(v) if float(v).is_integer() else float(v)


def _threshold_yaml(kind: str, values: dict):
    if kind == "all":
        return _num(values["all"])
    if kind == "region_year":
        out: dict = {}
        for (r, y), v in values.items():
            out.setdefault(r, {})[y] = _num(v)
        return {"by_region_year": out}
    return {f"by_{kind}": {k: _num(v) for k, v in values.items()}}


def _raw_of(i: Indicator) -> dict:
    raw = {"code": i.code, "criterion": i.criterion, "name": i.name, "name_en": i.name_en, "unit": i.unit,
           "measure": i.measure, "rule": i.rule}
    if i.threshold is not None:
        t = i.threshold
        raw["threshold"] = _derived_yaml(*t.derived) if t.derived else _threshold_yaml(t.kind, t.values)
    raw["confidence"] = i.confidence
    raw["source"] = i.source
    return raw


def _clean(raw: dict) -> dict:
    """`raw` without empty text fields."""
    return {k: v for k, v in raw.items() if v not in ("", None)}


def _mark(i: Indicator) -> str:
    return i.confidence


def _changed(raw: dict, base: Indicator) -> bool:
    """Whether the rule or the threshold of a row differs from the reference indicator."""
    b = _clean(_raw_of(base))
    return raw.get("rule") != b.get("rule") or raw.get("threshold") != b.get("threshold")


def _flat(threshold) -> dict:
    """{(kind, key): value} of a threshold in its YAML form (empty when there is none)."""
    if threshold is None:
        return {}
    if not isinstance(threshold, dict):
        return {("all", "all"): threshold}
    (kind_key, values), = threshold.items()
    kind = kind_key.removeprefix("by_")
    if kind == "region_year":
        return {("region_year", (r, y)): v for r, ys in values.items() for y, v in ys.items()}
    return {(kind, k): v for k, v in values.items()}


def _changed_source(decision: str, raw: dict, base: Indicator | None) -> str:
    """The source of a row the officer changed: the decision and the values it gives; when some
    values of the threshold were left as they were, that they keep their earlier source."""
    if base is None:
        return decision
    thr = raw.get("threshold")
    if isinstance(thr, dict) and "derived" in thr:  # the decision gives a rule
        rule = thr["derived"]
        old, new = {}, {}
        given = [f"{D['source_word']} {derived_text(Threshold('all', {}, (rule['set'], rule['indicator'], rule['factor'])))}"]
    else:  # numbers; those of a rule they replace were the rule's, not a source's
        old = {} if base.threshold is not None and base.threshold.derived else _flat(_clean(_raw_of(base)).get("threshold"))
        new = _flat(thr)
        given = [f"{_column_label(k, key, None)} {_fmt_number(v)}" for (k, key), v in new.items() if old.get((k, key)) != v]
    if raw["rule"] != base.rule:
        given.insert(0, f"{W['rule_word']} {RULE_WORDS[raw['rule']]}")
    text = f"{decision}: {', '.join(given)}" if given else decision
    kept = [k for k, v in new.items() if old.get(k) == v]
    if kept and base.source:
        text += f"; {W['kept_source']}: {base.source}"
    return text


def _fmt_number(v) -> str:
    return f"{v:g}".replace(".", ",")


def _full_structure(doc: dict, s: CriteriaSet, indicators: dict) -> None:
    """The parts of a set that does not extend another: regions, groups, criteria and their indicators."""
    if s.name_en:
        doc["name_en"] = s.name_en
    if s.regions:
        doc["regions"] = [{"code": c, "name": n} for c, n in s.regions.items()]
    if s.commune_groups:
        doc["commune_groups"] = [{"code": c, "name": n} for c, n in s.commune_groups.items()]
    doc["groups"] = [{"code": c, "name": g["name"], **({"name_en": g["name_en"]} if g.get("name_en") else {})}
                     for c, g in s.groups.items()]
    crits = []
    for c in s.criteria:
        inds = [{k: v for k, v in _clean(raw).items() if k != "criterion"}
                for raw in indicators.values() if raw["criterion"] == c.code]
        if inds:
            crit = {"code": c.code, "name": c.name}
            if c.name_en:
                crit["name_en"] = c.name_en
            crit["group"] = c.group
            crit["indicators"] = inds
            crits.append(crit)
    doc["criteria"] = crits
