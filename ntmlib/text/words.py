"""Every word ntmlib shows people, in Vietnamese (the default) and English: tier names, the
headings and labels of reports, tables and figures, and how numbers, counts and dates are
written ('18/19 tiêu chí, 55/57 chỉ tiêu', '95,5', '1/7/2025')."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import pandas as pd

LANGS = ("vi", "en")

TIERS = ("ntm", "nang-cao", "kieu-mau")  # lowest first: nâng cao (advanced) needs NTM, kiểu mẫu (model) needs nâng cao
# The dtype of every tier column (tier, tier_reached, tier_recognised): ordered lowest first, NA for none.
TIER_DTYPE = pd.CategoricalDtype(TIERS, ordered=True)
TIER_NAMES = {"ntm": "NTM", "nang-cao": "NTM nâng cao", "kieu-mau": "NTM kiểu mẫu"}
TIER_NAMES_EN = {"ntm": "NTM", "nang-cao": "advanced NTM", "kieu-mau": "model NTM"}
TIER_WORDS = {"vi": TIER_NAMES, "en": TIER_NAMES_EN}

RULE_SIGNS = {">=": "≥", "<=": "≤", "yes": "Đạt", "absent": "Không có"}  # how a set's rule is written
RULE_WORDS = {"vi": RULE_SIGNS, "en": {">=": "≥", "<=": "≤", "yes": "Met", "absent": "None"}}
CONFIDENCE_MARKS = {"confirmed": "✓ xác nhận", "derived": "≈ suy ra", "provisional": "? tạm tính"}

MET_WORDS = {"vi": {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"},
             "en": {True: "Met", False: "Not met", None: "No data"}}
COUNT_WORDS = {"vi": {"criteria": "{met}/{total} tiêu chí", "indicators": "{met}/{total} chỉ tiêu"},
               "en": {"criteria": "{met}/{total} criteria", "indicators": "{met}/{total} indicators"}}
AND_WORDS = {"vi": "và", "en": "and"}
DECIMAL_MARKS = {"vi": ",", "en": "."}
DATE_FORMATS = {
    "vi": {"short": "{day}/{month}/{year}", "long": "ngày {day} tháng {month} năm {year}"},
    "en": {"short": "{day} {month_name} {year}", "long": "{day} {month_name} {year}"},
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


def label(table: dict, key: str, lang: str = "vi", **fmt) -> str:
    """The text `key` of a table keyed by language (`{"vi": {...}, "en": {...}}`), in `lang`,
    filled in with `fmt` when given."""
    text = table[lang][key]
    text = text.format(**fmt) if fmt else text
    return _singular(text) if lang == "en" and isinstance(text, str) else text


_ONE = re.compile(r"(?<![\d/.,])1 (commune|indicator|report|predecessor)s\b|(?<![\d/.,])1 criteria\b")


def _singular(text: str) -> str:
    """English counts of one in the singular: '1 communes' -> '1 commune', '1 criteria' -> '1 criterion'."""
    return _ONE.sub(lambda m: f"1 {m.group(1)}" if m.group(1) else "1 criterion", text)


def localized(name: str, name_en: str | None, lang: str = "vi") -> str:
    """A name from a criteria set or dataset in `lang`: the English name when asked for and
    given, else the Vietnamese one."""
    return (name_en if lang == "en" else "") or name


def count_text(met: int, total: int, what: str, lang: str = "vi") -> str:
    """'18/19 tiêu chí' (what="criteria") or '55/57 chỉ tiêu' (what="indicators"), or in English."""
    return label(COUNT_WORDS, what, lang, met=met, total=total)


def counts_text(criteria_met: int, criteria_total: int, indicators_met: int, indicators_total: int,
                lang: str = "vi") -> str:
    """'18/19 tiêu chí, 55/57 chỉ tiêu' (or '18/19 criteria, 55/57 indicators')."""
    return (f"{count_text(criteria_met, criteria_total, 'criteria', lang)}, "
            f"{count_text(indicators_met, indicators_total, 'indicators', lang)}")


def short_counts(rows: pd.DataFrame) -> list[str]:
    """'18/19 · 55/57' (criteria · indicators met) for each row of a communes table."""
    return [f"{a}/{b} · {c}/{d}" for a, b, c, d in zip(rows["criteria_met"], rows["criteria_total"],
                                                       rows["indicators_met"], rows["indicators_total"])]


def tier_name(tier: str, lang: str = "vi") -> str:
    """'nang-cao' -> 'NTM nâng cao'; NA (no tier) -> '—'."""
    if tier is None or tier is pd.NA or (isinstance(tier, float) and tier != tier) or not tier:
        return "—"
    return TIER_WORDS[lang][tier]


def met_word(value, lang: str = "vi") -> str:
    """True / False / NA as 'Đạt' / 'Chưa đạt' / 'Chưa có số liệu'."""
    if value is pd.NA or value is None or (isinstance(value, float) and pd.isna(value)):
        return MET_WORDS[lang][None]
    return MET_WORDS[lang][bool(value)]


RESULT_MET = {"met": True, "not_met": False, "no_data": None}  # result states as met values (no_threshold aside)


def result_word(state: str, lang: str = "vi") -> str:
    """A result state as words: met / not_met / no_data as met_word says them, no_threshold as
    'Chưa có ngưỡng'."""
    if state == "no_threshold":
        return label(NO_THRESHOLD_TEXT, "status", lang)
    return met_word(RESULT_MET[state], lang)


def number_text(value: float, decimals: int = 2, lang: str = "vi") -> str:
    """A number with its decimal mark ('95,5'; '95.5' in English), no trailing zeros."""
    if value is None or pd.isna(value):
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", DECIMAL_MARKS[lang])


def join_names(names: list[str], lang: str = "vi") -> str:
    """'A, B và C' (or 'A, B and C'); one name as it is, none as ''."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {AND_WORDS[lang]} {names[-1]}"


COMMUNE_HEADERS = {
    "vi": {"commune_id": "Mã xã", "commune": "Xã", "year": "Năm", "set": "Bộ tiêu chí", "result": "Kết quả",
           "no_data": "Chưa có số liệu", "set_met": "Đạt bộ tiêu chí", "tier_reached": "Hạng đạt được",
           "tier_recognised": "Hạng đã công nhận"},
    "en": {"commune_id": "Code", "commune": "Commune", "year": "Year", "set": "Criteria set", "result": "Result",
           "no_data": "No data", "set_met": "Meets set", "tier_reached": "Tier reached",
           "tier_recognised": "Tier recognised"},
}


def communes_display(communes: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The communes table as people read it: one line per commune and set, counts as text."""
    out = pd.DataFrame({
        "commune_id": communes["commune_id"],
        "commune": communes["commune"],
        "year": communes["year"],
        "set": communes["set"],
        "result": [counts_text(a, b, c, d, lang) for a, b, c, d in zip(
            communes["criteria_met"], communes["criteria_total"], communes["indicators_met"],
            communes["indicators_total"])],
        "no_data": communes["no_data"],
        "set_met": [met_word(v, lang) for v in communes["set_met"]],
        "tier_reached": [tier_name(t, lang) for t in communes["tier_reached"]],
        "tier_recognised": [tier_name(t, lang) for t in communes["tier_recognised"]],
    })
    if communes["no_threshold"].any():  # values with no threshold that year
        out.insert(out.columns.get_loc("no_data") + 1, "no_threshold", communes["no_threshold"].to_numpy())
        out.loc[communes["undecided"].to_numpy(dtype=bool), "set_met"] = NO_THRESHOLD_TEXT[lang]["undecided"]
    return out.rename(columns=COMMUNE_HEADERS[lang])


def sentence_case(text: str) -> str:
    """'Tỷ lệ hộ …' -> 'tỷ lệ hộ …' for use inside a sentence; acronyms ('OCOP …') are kept."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def range_text(low: float, high: float, lang: str = "vi") -> str:
    """'1,5–4' (or '1.5–4' in English); a single number when both ends are equal."""
    lo, hi = number_text(low, lang=lang), number_text(high, lang=lang)
    return lo if lo == hi else f"{lo}–{hi}"


def date_text(iso, lang: str = "vi", style: str = "short") -> str:
    """'2025-07-01' as '1/7/2025' (or '1 July 2025'); with style="long", as a decision is
    dated, 'ngày 1 tháng 7 năm 2025'. Text that is not a date is returned as it is."""
    try:
        y, m, d = (int(x) for x in str(iso)[:10].split("-"))
        day = _dt.date(y, m, d)
    except (TypeError, ValueError):
        return str(iso)
    return DATE_FORMATS[lang][style].format(day=day.day, month=day.month, year=day.year,
                                            month_name=MONTH_NAMES[day.month - 1])


REPORT_LABELS = {
    "vi": {
        "commune": "Xã", "district": "Huyện", "province": "Tỉnh", "year": "Năm", "region": "Vùng",
        "sets": "Bộ tiêu chí", "reached": "Đạt theo kết quả", "not_reached": "Chưa đạt", "recognised": "đã công nhận",
        "indicator": "Chỉ tiêu", "name": "Tên chỉ tiêu", "value": "Giá trị", "threshold": "Ngưỡng",
        "gap": "Chênh lệch", "result": "Kết quả", "criterion": "Tiêu chí", "gained": "Tiêu chí đạt thêm",
        "lost": "Tiêu chí không còn đạt", "none": "không có", "version": "Phiên bản ntmlib",
        "sha256": "SHA-256 của tệp", "years_scored": "Các năm đã chấm", "ran": "Thời điểm chấm (giờ Việt Nam)", "prev": "So với năm",
        "no_prev": "Không có số liệu năm trước để so sánh.", "rank": "Hạng", "missing": "Chỉ tiêu còn thiếu",
        "criteria_missing": "Số tiêu chí còn thiếu", "indicators_missing": "Số chỉ tiêu còn thiếu",
        "communes": "Số xã", "reaching": "Số xã đạt", "recognised_n": "Số xã đã công nhận",
        "mean": "Bình quân tiêu chí/xã", "crange": "Khoảng tiêu chí", "irange": "Khoảng chỉ tiêu",
        "failing": "Chỉ tiêu chưa đạt", "tier": "Hạng", "tier_reached": "Hạng đạt theo kết quả",
    },
    "en": {
        "commune": "Commune", "district": "District", "province": "Province", "year": "Year", "region": "Region",
        "sets": "Criteria sets", "reached": "Reached by results", "not_reached": "Not reached",
        "recognised": "recognised", "indicator": "Indicator", "name": "Indicator name", "value": "Value",
        "threshold": "Threshold", "gap": "Gap", "result": "Result", "criterion": "Criterion",
        "gained": "Criteria gained", "lost": "Criteria lost", "none": "none", "version": "ntmlib version",
        "sha256": "SHA-256 of", "years_scored": "Years scored", "ran": "Scored at (Vietnam time)", "prev": "Compared with",
        "no_prev": "No previous year to compare with.", "rank": "Rank", "missing": "Missing (codes)",
        "criteria_missing": "Criteria missing", "indicators_missing": "Indicators missing",
        "communes": "Communes", "reaching": "Reaching", "recognised_n": "Recognised",
        "mean": "Mean criteria per commune", "crange": "Criteria range", "irange": "Indicator range",
        "failing": "Failing indicators", "tier": "Tier", "tier_reached": "Tier reached",
    },
}


REORG_LABELS = {
    "vi": {"code": "Mã xã", "key": "Mã tham chiếu", "effective": "Thành lập từ ngày", "predecessors": "Xã tiền thân",
           "predecessor": "Xã tiền thân", "tier_reached": "Hạng đạt theo kết quả",
           "tier_recognised": "Hạng đã công nhận",
           "recognitions": "Công nhận đến năm đó", "not_assessed": "không đánh giá", "n": "Số xã tiền thân",
           "assessed": "Số xã được đánh giá", "reaching": "Số xã đạt theo kết quả", "recognised": "Số xã đã công nhận",
           "crange": "Khoảng tiêu chí", "irange": "Khoảng chỉ tiêu", "new_commune": "Xã mới", "from": "Từ ngày",
           "unit": "xã {name}", "typed_unit": "{lower}"},
    "en": {"code": "Code", "key": "Reference", "effective": "Formed on", "predecessors": "Predecessors",
           "predecessor": "Predecessor", "tier_reached": "Tier reached", "tier_recognised": "Tier recognised",
           "recognitions": "Recognitions by that year", "not_assessed": "not assessed", "n": "Predecessors",
           "assessed": "Assessed", "reaching": "Reaching by results", "recognised": "Recognised",
           "crange": "Criteria range", "irange": "Indicator range", "new_commune": "Commune", "from": "From",
           "unit": "{name}", "typed_unit": "{name}"},
}


FORMATION_TEXT = {
    "vi": {"formed": "{Kind} {name} (mã {code}, tỉnh {province}) được thành lập từ ngày {when} trên cơ sở {names} "
                     "({places}).",
           "place": "huyện {}, tỉnh {}",
           "before": "Kết quả năm {span} dưới đây là của các xã tiền thân, trước khi sắp xếp."},
    "en": {"formed": "{name} commune (code {code}, {province} province) was formed on {when} from {names} ({places}).",
           "place": "{} district, {} province",
           "before": "The results of {span} below are those of its predecessors, before the reorganisation."},
}


HEADINGS = {
    "vi": {"commune_title": "Báo cáo kết quả xây dựng nông thôn mới — Xã {name}, năm {year}",
           "district_title": "Báo cáo tổng hợp nông thôn mới — Huyện {name}, năm {year}",
           "summary": "Kết quả theo từng bộ tiêu chí", "steps": "Việc cần làm", "grid": "Các tiêu chí", "unmet": "Chỉ tiêu chưa đạt",
           "changes": "Thay đổi so với năm trước", "provenance": "Nguồn gốc báo cáo",
           "status": "Tình hình chung", "communes": "Kết quả từng xã", "heatmap": "Bản đồ nhiệt xã × tiêu chí",
           "distribution": "Phân bố số tiêu chí đạt", "groups": "Nhóm tiêu chí chưa đạt nhiều nhất",
           "alerts": "Cảnh báo duy trì: xã đã công nhận nhưng chưa đạt lại", "readiness":
           "Mức độ sẵn sàng đăng ký nông thôn mới nâng cao", "bulletin": "Nội dung bản tin",
           "roadmap": "Lộ trình lên NTM nâng cao", "trends": "Xu hướng", "whatif": "Giả định ngưỡng",
           "none": "Không có.", "formed": "Hình thành xã", "history": "Kết quả của các xã tiền thân",
           "regroup": "Các xã tiền thân theo hạng"},
    "en": {"commune_title": "New Rural Development results — {name} commune, {year}",
           "district_title": "New Rural Development summary — {name} district, {year}",
           "summary": "Results by criteria set", "steps": "What to do next", "grid": "Criteria", "unmet": "Indicators not met",
           "changes": "Change since the previous year", "provenance": "Provenance", "status": "Overview",
           "communes": "Results by commune", "heatmap": "Communes × criteria", "distribution":
           "Distribution of criteria met", "groups": "Most-failed criteria groups",
           "alerts": "Maintenance alerts: recognised communes no longer meeting their set",
           "readiness": "Readiness for advanced NTM", "bulletin": "Bulletin text", "none": "None.",
           "roadmap": "Road to advanced NTM", "trends": "Trends", "whatif": "Threshold what-if",
           "formed": "How the commune was formed", "history": "Results of the predecessor communes",
           "regroup": "Predecessors by tier"},
}


HISTORY_FIGURE_LABELS = {
    "vi": {"title": "Các xã tiền thân của xã {name}",
           "sub": "Màu: hạng đạt theo kết quả chấm; số: tiêu chí · chỉ tiêu đạt",
           "none": "Chưa đạt NTM", "not_assessed": "Không đánh giá", "recognised": "công nhận: {tier}"},
    "en": {"title": "Predecessors of {name} commune",
           "sub": "Colour: tier reached by the scoring; numbers: criteria · indicators met",
           "none": "Not NTM", "not_assessed": "Not assessed", "recognised": "recognised: {tier}"},
}


DIRECTION_NAMES = {
    "vi": {"improving": "tiến bộ", "stagnant": "không đổi", "worsening": "giảm sút", "no_data": "không đủ số liệu"},
    "en": {"improving": "improving", "stagnant": "stagnant", "worsening": "worsening", "no_data": "no data"},
}


SAME_SET = "cùng bộ tiêu chí"


VERDICT_TEXT = {
    "vi": {"maintained": "Đạt · đã công nhận và đang duy trì", "reached": "Đạt theo kết quả (chưa công nhận)",
           "lapsed": "Đã công nhận nhưng chưa duy trì", "not_reached": "Chưa đạt",
           "missing": "Còn thiếu {n} tiêu chí: {names}.",
           "prerequisite": "Đủ {met}/{total} tiêu chí của bộ nhưng chưa đạt {tier}, điều kiện của hạng này.",
           "no_data": "{n} chỉ tiêu chưa có số liệu.",
           "criterion": "{code}. {name}",
           "steps_lead": "Để {verb} {tier}, xã cần khắc phục {n} chỉ tiêu thuộc {k} tiêu chí (xếp theo tiêu chí):",
           "verb_lapsed": "đạt lại", "verb_not_reached": "đạt",
           "steps_done": "Xã đạt mọi bộ tiêu chí được chấm năm {year}: việc cần làm là duy trì kết quả.",
           "group": "Tiêu chí {code} · {name} ({tier})",
           "provisional": "{p} trong {n} kết quả chỉ tiêu của {what} dựa trên ngưỡng tạm tính (đánh dấu †).",
           "provisional_note": "† Ngưỡng tạm tính: bộ tiêu chí chưa đối chiếu được ngưỡng này với phụ lục chính thức "
                               "của quyết định ban hành, nên kết luận “đạt” hay “chưa đạt” theo ngưỡng này cần được "
                               "kiểm tra lại trước khi công bố.",
           "this_report": "báo cáo này", "this_bulletin": "bản tin này",
           "provisional_plain": "Ghi chú: {p} trong {n} kết quả chỉ tiêu của {what} dựa trên ngưỡng tạm tính, tức "
                                "ngưỡng chưa đối chiếu được với phụ lục chính thức của quyết định ban hành bộ tiêu "
                                "chí; các kết luận đạt hay chưa đạt theo những ngưỡng này cần được kiểm tra lại trước "
                                "khi công bố.",
           "no_value": "chưa có số liệu", "raise": "cần tăng {gap}", "lower": "cần giảm {gap}", "achieve": "cần đạt",
           "points": "điểm %", "at_rate": "{arrow} {rate}/năm",
           "unmet_summary": "{tier}: {n} chỉ tiêu chưa đạt hoặc chưa có số liệu",
           "road_commune": "{rank}. {commune} — còn thiếu {missing}.",
           "road_gaps": "Xa ngưỡng nhất: {gaps}.", "road_gap": "{criterion}: {name} {need}",
           "road_rest": "Danh sách đủ {n} chỉ tiêu",
           "ready_rule": "Thứ tự: ít tiêu chí còn thiếu nhất trước, tính cả tiêu chí của hạng phải đạt trước "
                         "(NTM); bằng nhau thì xét số chỉ tiêu còn thiếu, rồi mức thiếu so với ngưỡng.",
           "trends_summary": "{n} chỉ tiêu (bấm để xem)"},
    "en": {"maintained": "Met · recognised and maintained", "reached": "Met by the results (not yet recognised)",
           "lapsed": "Recognised but not maintained", "not_reached": "Not met",
           "missing": "{n} criteria missing: {names}.",
           "prerequisite": "Meets {met}/{total} criteria of the set but not {tier}, which this tier requires.",
           "no_data": "{n} indicators without data.",
           "criterion": "{code}. {name}",
           "steps_lead": "To {verb} {tier}, the commune must fix {n} indicators in {k} criteria (by criterion):",
           "verb_lapsed": "reach again", "verb_not_reached": "reach",
           "steps_done": "The commune meets every set scored in {year}: the task is to keep its results.",
           "group": "Criterion {code} · {name} ({tier})",
           "provisional": "{p} of the {n} indicator results of {what} rest on provisional thresholds (marked †).",
           "provisional_note": "† Provisional threshold: the criteria set could not check this threshold against the "
                               "official appendix of the decision, so a 'met' or 'not met' on it should be checked "
                               "before it is published.",
           "this_report": "this report", "this_bulletin": "this bulletin",
           "provisional_plain": "Note: {p} of the {n} indicator results of {what} rest on provisional thresholds, "
                                "not yet checked against the official appendix of the decision; a met or not met on "
                                "them should be checked before it is published.",
           "no_value": "no data", "raise": "raise by {gap}", "lower": "lower by {gap}", "achieve": "to achieve",
           "points": "points", "at_rate": "{arrow} {rate}/year",
           "unmet_summary": "{tier}: {n} indicators not met or without data",
           "road_commune": "{rank}. {commune} — missing {missing}.",
           "road_gaps": "Furthest from the threshold: {gaps}.", "road_gap": "{criterion}: {name} {need}",
           "road_rest": "Full list of {n} indicators",
           "ready_rule": "Order: fewest criteria missing first, counting those of the tier required first (NTM); "
                         "then fewest indicators missing, then the smallest shortfall against the thresholds.",
           "trends_summary": "{n} indicators (click to show)"},
}

EXPORT_LABELS = {
    "vi": {"title": "Báo cáo nông thôn mới", "index": "← Danh sách báo cáo", "chart": "Biểu đồ"},
    "en": {"title": "New Rural Development report", "index": "← All reports", "chart": "Chart"},
}

STEP_HEADERS = {
    "vi": {"indicator": "Chỉ tiêu", "value": "Giá trị", "threshold": "Ngưỡng", "gap": "Còn thiếu",
           "trend": "Xu hướng gần đây", "projected": "Năm dự kiến đạt"},
    "en": {"indicator": "Indicator", "value": "Value", "threshold": "Threshold", "gap": "Gap",
           "trend": "Recent trend", "projected": "Projected year"},
}


def quantity_text(number, unit: str = "", lang: str = "vi") -> str:
    """A number with its unit: '88,6 %', '1,8 m²/người', '58 triệu đồng/người/năm' ('' for none)."""
    text = number_text(number, lang=lang)
    return f"{text} {unit}" if text and unit else text


def gap_text(gap, unit: str = "", lang: str = "vi") -> str:
    """How far a value is from its threshold in its unit: a percentage as points ('1,4 điểm %')."""
    word = VERDICT_TEXT[lang]["points"] if unit == "%" else unit
    return quantity_text(abs(gap), word, lang)


def vi_sort_key(text: str) -> tuple:
    """A sort key in Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư … y, letters
    before tones (Bình Lục before Bình Mỹ; Đạo Lý after Duy Minh)."""
    base, marks = [], []
    for ch in unicodedata.normalize("NFD", str(text).casefold()):
        if unicodedata.combining(ch):
            if ch in _LETTER_MARKS and base:
                base[-1] = base[-1] + ch
            else:
                marks.append(_TONES.get(ch, 9))
            continue
        marks.append(0)
        base.append(ch)
    return tuple(_ALPHABET.get(b, (len(_ALPHABET), b)) for b in base), tuple(marks)


_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư): part of the letter
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_ALPHABET = {letter: (n, "") for n, letter in enumerate(
    ["a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
     "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b", "v", "w", "x", "y", "z"])}



PLOT_LABELS = {
    "vi": {
        "place": "xã {name}",
        "grid_title": "Kết quả các tiêu chí {tier} — {place}, năm {year}",
        "heat_title": "Kết quả các tiêu chí {tier} theo xã, năm {year}",
        "dist_title": "Số xã theo số tiêu chí {tier} đạt, năm {year}",
        "groups_title": "Chỉ tiêu {tier} chưa đạt theo nhóm tiêu chí, năm {year}",
        "ready_title": "Xã phấn đấu đạt chuẩn {tier}: số tiêu chí còn thiếu, năm {year}",
        "tiers_title": "Số xã theo hạng nông thôn mới, năm {year}",
        "achieved": "Đạt {counts}",
        "gained": "đạt mới so với năm {year}",
        "lost": "không còn đạt so với năm {year}",
        "cell_note": "Số trong ô: số chỉ tiêu đạt; (n) dưới mã tiêu chí: số chỉ tiêu của tiêu chí",
        "met_column": "Đạt",
        "criteria_met": "Số tiêu chí đạt",
        "communes": "Số xã",
        "dist_sub": "{n} xã được chấm; {full} xã đạt đủ {total}/{total} tiêu chí",
        "failed_axis": "Số chỉ tiêu chưa đạt (cộng dồn các xã)",
        "failed_note": "{failed} · {communes} xã",
        "groups_sub": "{n} xã; chỉ tiêu chưa có số liệu không tính là chưa đạt",
        "none_failed": "Không có chỉ tiêu nào chưa đạt",
        "missing_axis": "Số tiêu chí còn thiếu",
        "ready_axis": "Số tiêu chí còn thiếu, kể cả của hạng phải đạt trước",
        "ready_sub": ("Xã chưa được công nhận {tier}, xếp theo số tiêu chí còn thiếu (của bộ này và của hạng phải "
                      "đạt trước),\nrồi số chỉ tiêu còn thiếu. Nhãn: tiêu chí đạt · chỉ tiêu đạt của bộ {tier}"),
        "all_met": " — đạt đủ tiêu chí",
        "no_candidates": "Mọi xã đã được công nhận {tier}",
        "reached": "Đạt theo kết quả chấm năm {year}",
        "recognised": "Đã có quyết định công nhận",
        "tiers_axis": "Số xã (hạng này trở lên)",
        "tiers_sub": "{n} xã; mỗi cột đếm các xã đạt hạng đó trở lên",
        "total_line": "Tổng số xã: {n}",
        "roadmap_title": "Lộ trình lên {tier}: chỉ tiêu nhiều xã còn thiếu, năm {year}",
        "roadmap_sub": "{n} xã chưa được công nhận {tier} (gồm cả chỉ tiêu NTM còn thiếu)\n"
                       "Thanh: số xã cần cải thiện chỉ tiêu; nhãn: số xã · khoảng còn thiếu",
        "roadmap_axis": "Số xã cần cải thiện",
        "roadmap_yes": "chưa đạt",
        "points": "điểm %",
        "trend_title": "Xu hướng các chỉ tiêu {tier}, {y0}–{y1}",
        "trend_sub": "Số xã theo chiều thay đổi giữa hai năm gần nhất có số liệu\n"
                     "{n} chỉ tiêu có nhiều xã giảm sút nhất, rồi nhiều xã tiến bộ nhất",
        "trend_axis": "Số xã",
        "improving": "↑ tiến bộ", "stagnant": "→ không đổi", "worsening": "↓ giảm sút", "no_data": "· không đủ số liệu",
        "no_trend": "Chưa có hai năm số liệu để so sánh",
    },
    "en": {
        "place": "{name}",
        "grid_title": "{Tier} criteria — {place}, {year}",
        "heat_title": "{Tier} criteria by commune, {year}",
        "dist_title": "Communes by number of {tier} criteria met, {year}",
        "groups_title": "Failed {tier} indicators by criteria group, {year}",
        "ready_title": "Candidates for {tier}: criteria still missing, {year}",
        "tiers_title": "Communes by NTM tier, {year}",
        "achieved": "Meets {counts}",
        "gained": "newly met since {year}",
        "lost": "no longer met since {year}",
        "cell_note": "Number in a cell: indicators met; (n) under the code: indicators in the criterion",
        "met_column": "Met",
        "criteria_met": "Criteria met",
        "communes": "Communes",
        "dist_sub": "{n} communes scored; {full} meet all {total} criteria",
        "failed_axis": "Failed indicators (summed over communes)",
        "failed_note": "{failed} · {communes} communes",
        "groups_sub": "{n} communes; indicators without data are not counted as failed",
        "none_failed": "No failed indicators",
        "missing_axis": "Criteria missing",
        "ready_axis": "Criteria missing, including those of the tier required first",
        "ready_sub": ("Communes not yet recognised as {tier}, ranked by criteria missing (in this set and in the "
                      "tier required first),\nthen indicators missing. Label: criteria met · indicators met in {tier}"),
        "all_met": " — all criteria met",
        "no_candidates": "Every commune is already recognised as {tier}",
        "reached": "Reached by the {year} scoring",
        "recognised": "Recognised by decision",
        "tiers_axis": "Communes (this tier or higher)",
        "tiers_sub": "{n} communes; each bar counts communes at that tier or higher",
        "total_line": "All communes: {n}",
        "roadmap_title": "Road to {tier}: indicators most communes still miss, {year}",
        "roadmap_sub": "{n} communes not yet recognised as {tier} (including missing NTM indicators)\n"
                       "Bars: communes that must improve the indicator; label: communes · range of the gaps",
        "roadmap_axis": "Communes that must improve",
        "roadmap_yes": "not met",
        "points": "pp",
        "trend_title": "Trends of {tier} indicators, {y0}–{y1}",
        "trend_sub": "Communes by direction between the last two years with data\n"
                     "The {n} indicators with most communes worsening, then improving",
        "trend_axis": "Communes",
        "improving": "↑ improving", "stagnant": "→ stagnant", "worsening": "↓ worsening", "no_data": "· no data",
        "no_trend": "No two years of data to compare",
    },
}


ROADMAP_TEXT = {
    "vi": {
        # district totals, one sentence per indicator
        "raise": "{n} xã cần nâng {name} thêm {amount} {unit}", "lower": "{n} xã cần giảm {name} thêm {amount} {unit}",
        "points": "điểm %", "absent": "{n} xã cần xóa hết: {name}", "yes": "{n} xã cần đạt: {name}",
        "no_data": "{n} xã chưa có số liệu", "no_data_about": " về {name}", "which": " (chỉ tiêu {code}, {tier})",
        "pace": "; theo tốc độ gần đây {closes} xã đạt trước năm {by}, {more} xã cần nỗ lực thêm",
        # the roadmap as text (ntm roadmap)
        "title": "Lộ trình lên {tier} — năm {year}", "title_by": ", mục tiêu năm {by}",
        "all_done": "Mọi xã đã được công nhận {tier} hoặc đã đạt đủ các chỉ tiêu.",
        "count": "{n} xã chưa được công nhận {tier}, xếp theo mức sẵn sàng (thiếu ít nhất trước).",
        "commune": "{rank}. {commune} — còn thiếu {criteria} tiêu chí, {indicators} chỉ tiêu{pre}",
        "prerequisite": " (trong đó {tier}: {criteria} tiêu chí, {indicators} chỉ tiêu)",
        "tier": "Hạng", "code": "Mã", "indicator": "Chỉ tiêu", "value": "Giá trị", "threshold": "Ngưỡng",
        "gap": "Còn thiếu", "by": "Đến {by}", "no_value": "chưa có số liệu", "covered": "theo {code} ({tier})",
        "totals": "Tổng hợp:",
        "closes": "đạt trước năm {by} nếu giữ tốc độ", "needs_more": "cần thêm {extra}",
        "no_trend": "chưa có xu hướng",
    },
    "en": {
        "raise": "{n} communes must raise {name} by {amount} {unit}",
        "lower": "{n} communes must lower {name} by {amount} {unit}",
        "points": "percentage points", "absent": "{n} communes must eliminate: {name}",
        "yes": "{n} communes must meet: {name}", "no_data": "no data for {n} communes", "no_data_about": " ({name})",
        "which": " (indicator {code}, {tier})",
        "pace": "; at the recent rate {closes} close the gap by {by}, {more} need more",
        "title": "Road to {tier} — {year}", "title_by": ", target year {by}",
        "all_done": "Every commune is already recognised as {tier} or meets all its indicators.",
        "count": "{n} communes not yet recognised as {tier}, ranked by readiness (fewest missing first).",
        "commune": "{rank}. {commune} — missing {criteria} criteria, {indicators} indicators{pre}",
        "prerequisite": " (of which {tier}: {criteria} criteria, {indicators} indicators)",
        "tier": "Tier", "code": "Code", "indicator": "Indicator", "value": "Value", "threshold": "Threshold",
        "gap": "Missing", "by": "By {by}", "no_value": "no data", "covered": "see {code} ({tier})",
        "totals": "Summary:",
        "closes": "met before {by} at the recent rate", "needs_more": "needs {extra} more",
        "no_trend": "no trend yet",
    },
}


WHATIF_TEXT = {
    "vi": {"region": "vùng {region}", "group": "nhóm xã {group}", "all": "mọi xã",
           "assumption": "Giả định: ngưỡng chỉ tiêu {code} ({name}) của bộ {set}: {before} → {sign} {new}{unit} "
                         "({scope}).", "no_threshold": "chưa có ngưỡng",
           "no_change": "Không xã nào đổi kết quả.",
           "indicator": "Năm {year}: {n} xã chuyển sang {state} chỉ tiêu {code} ({set}): {names}.",
           "no_tier_change": "Không xã nào đổi hạng đạt được.",
           "tier": "{commune} ({year}): hạng đạt được {before} → {after}."},
    "en": {"region": "region {region}", "group": "commune group {group}", "all": "all communes",
           "assumption": "Assumption: threshold of indicator {code} ({name}) of {set}: {before} → {sign} {new}{unit} "
                         "({scope}).", "no_threshold": "no threshold",
           "no_change": "No commune changes its results.",
           "indicator": "{year}: {state} on indicator {code} ({set}) for {n} communes: {names}.",
           "no_tier_change": "No commune changes the tier it reaches.",
           "tier": "{commune} ({year}): tier reached {before} → {after}."},
}
WHATIF_HEADERS = {
    "vi": ["Xã", "Năm", "Bộ tiêu chí", "Chỉ tiêu", "Giá trị", "Ngưỡng trước", "Ngưỡng sau", "Trước", "Sau"],
    "en": ["Commune", "Year", "Criteria set", "Indicator", "Value", "Threshold before", "Threshold after", "Before",
           "After"],
}


TREND_HEADERS = {
    "vi": {"set": "Bộ tiêu chí", "indicator": "Chỉ tiêu", "name": "Tên chỉ tiêu", "values": "Giá trị theo năm",
           "arrow": "Xu hướng", "rate": "Tốc độ/năm", "threshold": "Ngưỡng", "projected_year": "Năm dự kiến đạt",
           "compared_via": "So sánh"},
    "en": {"set": "Criteria set", "indicator": "Indicator", "name": "Name", "values": "Values by year",
           "arrow": "Trend", "rate": "Rate/year", "threshold": "Threshold", "projected_year": "Projected year",
           "compared_via": "Compared via"},
}


REPORT_TEXT = {
    "vi": {"no_data": "{n} chưa có số liệu",
           "successor": "Từ {when} thuộc {kind} {name}, tỉnh {province}.",
           "commune_trends": "Các chỉ tiêu chưa đạt năm {year}, chưa có số liệu hoặc giảm sút (năm dự kiến đạt tính "
                             "theo tốc độ gần đây)",
           "district_trends": "Số xã tiến bộ (↑), không đổi (→), giảm sút (↓) hoặc chưa đủ hai năm số liệu (·)",
           "one_year": "Chỉ có số liệu một năm: chưa có xu hướng.",
           "compare_rule": "Chỉ so sánh giá trị trong cùng một bộ tiêu chí, hoặc giữa các bộ có chỉ tiêu khai báo cùng "
                           "thước đo.",
           "recognised": " (công nhận)",
           "missing": "{criteria} tiêu chí · {indicators} chỉ tiêu",
           "more": "- … và {n} chỉ tiêu khác, mỗi chỉ tiêu tối đa {most} xã còn thiếu.",
           "whatif_not_scored": "Bộ tiêu chí {set} không được chấm ở đây (đã chấm: {have}); đặt tham số whatif_set là "
                                "một trong các bộ đó để xem giả định."},
    "en": {"no_data": "{n} without data",
           "successor": "From {when} part of {name} commune, {province} province.",
           "commune_trends": "Indicators not met in {year}, without data, or getting worse (the projected year "
                             "assumes the recent rate goes on)",
           "district_trends": "Number of communes improving (↑), stagnant (→), worsening (↓) or without two years of "
                              "data (·)",
           "one_year": "Only one year scored: no trend to show.",
           "compare_rule": "Values are compared only within one criteria set, or between sets whose indicators "
                           "declare the same measure.",
           "recognised": " (recognised)",
           "missing": "{criteria} criteria · {indicators} indicators",
           "more": "- … and {n} more indicators, each missed by at most {most} communes.",
           "whatif_not_scored": "Criteria set {set} is not scored here (scored: {have}); set the parameter whatif_set "
                                "to one of them to see a what-if."},
}


GRID_LABELS = {  # the HTML criteria grid and heatmap (ntmlib.present.grids); titles and legends come from PLOT_LABELS
    "vi": {"tiles": "Các tiêu chí", "legend": "Chú giải", "commune": "Xã",
           "cell": "{commune} — tiêu chí {code}, {name}: {state}, {indicators}",
           "column": "Tiêu chí {code}: {name} ({n} chỉ tiêu)",
           "scroll_hint": "← vuốt ngang để xem hết →",
           "table": "Bảng xã × tiêu chí, cuộn ngang được"},
    "en": {"tiles": "Criteria", "legend": "Legend", "commune": "Commune",
           "cell": "{commune} — criterion {code}, {name}: {state}, {indicators}",
           "column": "Criterion {code}: {name} ({n} indicators)",
           "scroll_hint": "← swipe sideways to see all →",
           "table": "Communes × criteria table, scrolls sideways"},
}


DOCUMENT_LABELS = {
    # The printed documents: the Word bulletin (heading block and sections of Nghị định
    # 30/2020/NĐ-CP) and the print set-up of the scored workbook.
    "vi": {
        "country": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto": "Độc lập - Tự do - Hạnh phúc",
        "place_date": "{place}, {date}",
        "section_1": "1. Về công tác chỉ đạo, điều hành",
        "placeholder_1": ("[Phần này do cơ quan soạn thảo điền: kết quả công tác chỉ đạo, điều hành xây dựng nông "
                          "thôn mới năm {year}.]"),
        "section_2": "2. Kết quả thực hiện năm {year}", "section_2_plain": "2. Kết quả thực hiện",
        "summary": "Bảng tổng hợp", "author": "ntmlib",
        "summary_note": "Số tiêu chí · số chỉ tiêu đạt theo từng bộ tiêu chí.",
        "results_sheet": "Kết quả chấm điểm theo {set}", "indicators_sheet": "Kết quả từng chỉ tiêu theo {set}",
        "indicators_title": "Chỉ tiêu {title}", "legend": "Chú thích",
        "legend_title": "Kết quả chấm điểm xã nông thôn mới", "years": "năm {years}",
        "page_of": "Trang &P / &N",
        # a set's name shortened for a sheet title (at most 31 characters)
        "shortenings": (("Bộ tiêu chí ", ""), ("xã nông thôn mới", "NTM"), ("nông thôn mới", "NTM"),
                        ("giai đoạn ", ""), (" - ", "-"), (" – ", "-")),
    },
    "en": {
        "country": "SOCIALIST REPUBLIC OF VIETNAM", "motto": "Independence - Freedom - Happiness",
        "place_date": "{place}, {date}",
        "section_1": "1. Direction and management",
        "placeholder_1": "[To be written by the issuing office: direction and management of the programme in {year}.]",
        "section_2": "2. Results in {year}", "section_2_plain": "2. Results",
        "summary": "Summary table", "author": "ntmlib",
        "summary_note": "Criteria · indicators met in each criteria set.",
        "results_sheet": "Scores by {set}", "indicators_sheet": "Indicator results by {set}",
        "indicators_title": "Indicators {title}", "legend": "Legend",
        "legend_title": "New Rural Development scores", "years": "{years}",
        "page_of": "Page &P / &N",
        "shortenings": (("criteria set for ", ""), ("criteria for ", ""), (" - ", "-")),
    },
}


EXPLORER_LABELS = {  # the explorer of JupyterLab (ntmlib.jupyter.explorer): pickers, tabs, sentences, table headers
    "vi": {"year": "Năm", "set": "Bộ tiêu chí", "district": "Huyện", "commune": "Xã",
           "heatmap": "Bản đồ nhiệt của huyện", "grid": "Tiêu chí của xã", "unmet": "Chỉ tiêu chưa đạt",
           "steps": "Việc cần làm",
           "headline": "Xã {commune} — {district}, năm {year}", "in_district": "huyện {district}",
           "no_district": "chưa rõ huyện",
           "summary": "Xã {commune} ({district}), năm {year}, bộ {tier}: {counts}",
           "empty": "Không có xã nào được chấm",
           "unmet_lead": "Xã {commune} còn {n} chỉ tiêu của bộ {tier} chưa đạt hoặc chưa có số liệu năm {year}:",
           "unmet_none": "Xã {commune} đạt mọi chỉ tiêu của bộ {tier} năm {year}.",
           "no_communes": "Không có xã nào của {district} được chấm năm {year}.",
           "not_scored": "Xã {commune} không được chấm theo bộ {tier} năm {year}.",
           "criterion": "Tiêu chí", "indicator": "Chỉ tiêu", "name": "Tên chỉ tiêu", "value": "Giá trị",
           "threshold": "Ngưỡng", "need": "Còn cần", "result": "Kết quả", "source": "Nguồn số liệu",
           "tier": "Bộ tiêu chí"},
    "en": {"year": "Year", "set": "Criteria set", "district": "District", "commune": "Commune",
           "heatmap": "District heatmap", "grid": "Commune criteria", "unmet": "Indicators not met",
           "steps": "What to do next",
           "headline": "{commune} commune — {district}, {year}", "in_district": "{district} district",
           "no_district": "no district",
           "summary": "{commune} commune ({district}), {year}, {tier} set: {counts}",
           "empty": "No commune scored",
           "unmet_lead": "{commune} does not meet, or has no data for, {n} indicators of the {tier} set in {year}:",
           "unmet_none": "{commune} meets every indicator of the {tier} set in {year}.",
           "no_communes": "No commune of {district} was scored in {year}.",
           "not_scored": "{commune} is not scored against the {tier} set in {year}.",
           "criterion": "Criterion", "indicator": "Indicator", "name": "Indicator name", "value": "Value",
           "threshold": "Threshold", "need": "Still needed", "result": "Result", "source": "Source",
           "tier": "Criteria set"},
}


CLI_WORDS = {  # the `ntm` command (ntmlib.cli, ntmlib.cli.translation): what click would print, and the command's messages
    "vi": {
        "usage": "Cách dùng:", "options": "Tùy chọn", "arguments": "Tham số", "commands": "Lệnh", "examples": "Ví dụ",
        "options_metavar": "[TÙY_CHỌN]", "command_metavar": "LỆNH [THAM_SỐ]...",
        "required": "bắt buộc", "default": "mặc định: {value}", "envvar": "biến môi trường: {name}",
        "try_help": "Xem '{command} --help' để biết cách dùng.", "error": "Lỗi: {message}",
        "missing_option": "thiếu tùy chọn {name}.", "missing_argument": "thiếu tham số {name}.",
        "invalid": "giá trị không hợp lệ cho {name}: {message}", "no_such_option": "không có tùy chọn '{name}'.",
        "no_such_command": "không có lệnh '{name}'.", "did_you_mean": "Có phải: {names}?",
        "needs_value": "tùy chọn '{name}' cần một giá trị.", "takes_no_value": "tùy chọn '{name}' không nhận giá trị.",
        "extra_args": "thừa tham số: {args}.", "missing_command": "thiếu lệnh; các lệnh: {commands}.",
        "not_int": "'{value}' không phải số nguyên.", "not_choice": "'{value}' không phải một trong {choices}.",
        "not_date": "'{value}' không phải ngày dạng YYYY-MM-DD.", "no_folder": "không có thư mục '{path}'.",
        "is_file": "'{path}' là một tệp, không phải thư mục.", "aborted": "Đã dừng.",
        "version": "{prog}, phiên bản {version}",
        "data_errors": "Lỗi dữ liệu ({n} vấn đề):", "written": "Đã ghi {path}", "copied": "Đã chép {path}",
        "skipped": "Không dùng khi chấm ({n} mục, không phải lỗi):",
        "valid": "{dataset}: dữ liệu hợp lệ, không có vấn đề.",
        "no_tier_set": "không có bộ tiêu chí hạng '{tier}' cho năm {year}",
        "needs_out": "--format {fmt} cần --out TỆP.{fmt}",
        "one_of": "chỉ dùng một trong hai: {a} hoặc {b}", "exactly_one": "cần đúng một trong hai: {a} hoặc {b}",
        "bad_formats": "định dạng không hỗ trợ: {bad} (dùng {known})", "none": "(trống)",
        "out_is_dir": "là một thư mục: ghi tên tệp HTML, ví dụ bao-cao.html",
        "report_label": "{kind} {name} năm {year}", "commune": "Xã", "district": "Huyện",
        "report_failed": "{label} năm {year}{cell}: {error}", "cell": " (ô {cell})",
        "open_index": "Mở {index} để xem các báo cáo.",
        "trends_title": "Xu hướng các chỉ tiêu — Xã {name}, năm {years}",
        "trends_rule": "So sánh giữa các năm chỉ trong cùng một bộ tiêu chí, hoặc giữa các bộ có chỉ tiêu khai báo "
                       "cùng thước đo (measure).",
        "trends_hidden": "{n} chỉ tiêu đạt và không đổi không được liệt kê (thêm --all để xem).",
        "synthetic": "{communes} xã, {years} năm, {cells} ô số liệu",
        "set_columns": ("Mã", "Tên", "Hạng", "Giai đoạn", "Tiêu chí", "Chỉ tiêu", "Ngưỡng tạm tính"),
        "set_tier": "Hạng: {tier}", "set_requires": " (yêu cầu đã đạt {tier})", "set_period": "Giai đoạn: {period}",
        "set_decision": "Quyết định {decision}", "set_basis": "Căn cứ: {basis}", "set_note": "Ghi chú: {note}",
        "set_lineage": "Kế thừa: {chain}",
        "set_counts": "{criteria} tiêu chí, {indicators} chỉ tiêu; {provisional} chỉ tiêu có ngưỡng tạm tính",
        "set_criterion": "Tiêu chí {code}. {name}",
        "confidence": {"confirmed": "✓ xác nhận", "derived": "≈ suy ra", "provisional": "? tạm tính"},
        "shared_metavars": {
            "dataset": "DỮ_LIỆU", "year": "NĂM", "years": "NĂM", "by_year": "NĂM", "set_id": "BỘ_TIÊU_CHÍ",
            "out": "TỆP", "commune": "XÃ", "communes": "CÁC_XÃ", "district": "HUYỆN", "province": "TỈNH",
            "indicator": "MÃ", "threshold": "NGƯỠNG", "region": "VÙNG", "group": "NHÓM", "jobs": "SỐ",
            "formats": "ĐỊNH_DẠNG", "scheduler": "ĐỊA_CHỈ", "seed": "SỐ", "issued": "YYYY-MM-DD",
            "folder": "THƯ_MỤC",
        },
        "shared_options": {
            "help": "In hướng dẫn này rồi thoát.",
            "lang": "Ngôn ngữ: vi (tiếng Việt) hoặc en (tiếng Anh).",
            "version": "In phiên bản rồi thoát.",
        },
    },
    "en": {
        "usage": "Usage:", "options": "Options", "arguments": "Arguments", "commands": "Commands", "examples": "Examples",
        "options_metavar": "[OPTIONS]", "command_metavar": "COMMAND [ARGS]...",
        "required": "required", "default": "default: {value}", "envvar": "env var: {name}",
        "try_help": "Try '{command} --help' for help.", "error": "Error: {message}",
        "missing_option": "missing option {name}.", "missing_argument": "missing argument {name}.",
        "invalid": "invalid value for {name}: {message}", "no_such_option": "no such option '{name}'.",
        "no_such_command": "no such command '{name}'.", "did_you_mean": "Did you mean: {names}?",
        "needs_value": "option '{name}' needs a value.", "takes_no_value": "option '{name}' does not take a value.",
        "extra_args": "unexpected extra arguments: {args}.", "missing_command": "missing command; the commands: {commands}.",
        "not_int": "'{value}' is not a whole number.", "not_choice": "'{value}' is not one of {choices}.",
        "not_date": "'{value}' is not a date written YYYY-MM-DD.", "no_folder": "folder '{path}' does not exist.",
        "is_file": "'{path}' is a file, not a folder.", "aborted": "Stopped.",
        "version": "{prog}, version {version}",
        "data_errors": "Problems in the data ({n}):", "written": "Wrote {path}", "copied": "Copied {path}",
        "skipped": "Not used in scoring ({n} items, not errors):",
        "valid": "{dataset}: the data is valid, no problems.",
        "no_tier_set": "no criteria set of tier '{tier}' in {year}",
        "needs_out": "--format {fmt} needs --out FILE.{fmt}",
        "one_of": "use only one of {a} and {b}", "exactly_one": "give exactly one of {a} and {b}",
        "bad_formats": "unsupported format: {bad} (use {known})", "none": "(none)",
        "out_is_dir": "is a folder: give the name of an HTML file, for example report.html",
        "report_label": "{kind} {name}, {year}", "commune": "commune", "district": "district",
        "report_failed": "{label} {year}{cell}: {error}", "cell": " (cell {cell})",
        "open_index": "Open {index} to see the reports.",
        "trends_title": "Indicator trends — {name} commune, {years}",
        "trends_rule": "Years are compared only within one criteria set, or between sets whose indicators declare "
                       "the same measure.",
        "trends_hidden": "{n} indicators met and unchanged are not listed (add --all to see them).",
        "synthetic": "{communes} communes, {years} years, {cells} data cells",
        "set_columns": ("Id", "Name", "Tier", "Period", "Criteria", "Indicators", "Provisional thresholds"),
        "set_tier": "Tier: {tier}", "set_requires": " (requires {tier} first)", "set_period": "Period: {period}",
        "set_decision": "Decision {decision}", "set_basis": "Legal basis: {basis}", "set_note": "Note: {note}",
        "set_lineage": "Extends: {chain}",
        "set_counts": "{criteria} criteria, {indicators} indicators; {provisional} indicators with provisional "
                      "thresholds",
        "set_criterion": "Criterion {code}. {name}",
        "confidence": {"confirmed": "✓ confirmed", "derived": "≈ derived", "provisional": "? provisional"},
        "shared_metavars": {
            "dataset": "DATASET", "year": "YEAR", "years": "YEAR", "by_year": "YEAR", "set_id": "SET",
            "out": "FILE", "commune": "COMMUNE", "communes": "COMMUNES", "district": "DISTRICT",
            "province": "PROVINCE", "indicator": "CODE", "threshold": "VALUE", "region": "REGION", "group": "GROUP",
            "jobs": "NUMBER", "formats": "FORMATS", "scheduler": "ADDRESS", "seed": "NUMBER", "issued": "YYYY-MM-DD",
            "folder": "FOLDER",
        },
        "shared_options": {
            "help": "Show this help and exit.",
            "lang": "Language: vi (Vietnamese) or en (English).",
            "version": "Show the version and exit.",
        },
    },
}


FRAMEWORK_EXCEL_WORDS = {  # the criteria-set workbook (ntmlib.office.criteria_workbook): sheets, notes, import errors
    "sheet": "Chỉ tiêu", "info_sheet": "Thông tin", "notes_sheet": "Hướng dẫn",
    "title": "Bộ tiêu chí {id}: {name}",
    "subtitle": "Mỗi dòng một chỉ tiêu. Sửa ngưỡng ở các cột màu vàng (một cột mỗi vùng, năm hoặc nhóm xã); "
                "xem trang 'Hướng dẫn'.",
    "all": "Mọi xã", "other_region": "Vùng khác", "other_year": "năm khác", "other_group": "Nhóm khác",
    "info_title": "Thông tin bộ tiêu chí",
    "regions_title": "Các vùng và nhóm xã (mã dùng ở tiêu đề cột ngưỡng)",
    "bad_title": "Giá trị không hợp lệ",
    "bad_rule": "Chọn một quy tắc trong danh sách: ≥, ≤, Đạt, Không có.",
    "bad_mark": "Chọn một mức trong danh sách: xác nhận, suy ra, tạm tính.",
    "bad_number": "Ngưỡng là một số không âm (ví dụ 95 hoặc 62,5).",
    "notes": [
        "Hướng dẫn điền bảng bộ tiêu chí",
        "1. Trang '{sheet}' có một dòng cho mỗi chỉ tiêu: tiêu chí, mã chỉ tiêu, tên, đơn vị, quy tắc, các cột "
        "ngưỡng, mức chắc chắn và nguồn.",
        "2. Quy tắc (chọn trong danh sách): '≥' đạt khi giá trị không thấp hơn ngưỡng; '≤' đạt khi không cao hơn "
        "ngưỡng; 'Đạt' là chỉ tiêu đạt/chưa đạt; 'Không có' đạt khi không còn trường hợp nào (ví dụ nhà tạm).",
        "3. Cột ngưỡng: '{all}' là một ngưỡng chung cho mọi xã; cột mang mã vùng (DBSH, TDMNPB, …) là ngưỡng "
        "của vùng đó; cột 'DBSH 2024' là ngưỡng của vùng trong năm đó; 'Năm 2024' là ngưỡng chung của năm đó; "
        "'Nhóm 1' là ngưỡng của nhóm xã. Mỗi chỉ tiêu chỉ điền một loại cột. Để trống ô của vùng hoặc năm "
        "chưa có ngưỡng (không ghi 0). Có thể thêm cột cùng cách đặt tên, ví dụ 'DBSH 2025'.",
        "4. Mức chắc chắn (chọn trong danh sách): 'xác nhận' khi ngưỡng lấy đúng từ văn bản; 'suy ra' khi tính "
        "từ văn bản theo một quy tắc ghi trong nguồn; 'tạm tính' khi chưa đối chiếu. Khi nhập vào ntmlib, mọi "
        "chỉ tiêu có quy tắc hoặc ngưỡng được sửa được ghi 'xác nhận', với nguồn là quyết định của tỉnh.",
        "5. Nguồn: văn bản, điều, phụ lục của ngưỡng. Để trống thì ghi số quyết định khi nhập.",
        "6. Thêm chỉ tiêu: thêm một dòng với mã tiêu chí có sẵn và mã chỉ tiêu mới. Bỏ chỉ tiêu: xoá cả dòng.",
        "7. Trang 'Thông tin': tên bộ tiêu chí, hạng, giai đoạn và cơ quan ban hành của bộ mới.",
        "8. Nhập vào ntmlib: ntm frameworks import bo-tieu-chi.xlsx --id MÃ --extends BỘ_GỐC "
        "--decision \"Số/QĐ-UBND ngày d/m/yyyy\" --out DỮ_LIỆU/frameworks/MÃ.yaml",
    ],
    "source": "{decision}",
    "source_note": "nhập từ bảng Excel {file}",
    "out_name": "tên tệp phải là mã của bộ tiêu chí: {id}.yaml",
    "unreadable": "không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx ({kind})",
    "no_sheet": "không có trang tính '{sheet}' (bảng bộ tiêu chí do 'ntm frameworks export' viết)",
    "no_parent": "kế thừa bộ tiêu chí không có: '{id}'",
    "no_reference": "không rõ bộ gốc: ghi mã bộ tiêu chí ở trang 'Thông tin' hoặc dùng --extends",
    "bad_period": "giai đoạn '{value}' phải ghi dạng 2022-2025",
    "no_header": "không thấy dòng tiêu đề có ô 'Mã chỉ tiêu'",
    "bad_column": "tiêu đề cột '{header}' không phải cột ngưỡng (mã vùng như DBSH, 'DBSH 2024', 'Năm 2024', "
                  "'Nhóm 1', 'Mọi xã') hay cột của bảng",
    "missing_column": "thiếu cột '{header}'",
    "no_code": "dòng có nội dung nhưng không có mã chỉ tiêu",
    "duplicate": "mã chỉ tiêu '{code}' bị lặp (đã có ở {first})",
    "bad_criterion": "tiêu chí '{value}' không có trong bộ (có: {known})",
    "no_name": "thiếu tên chỉ tiêu",
    "bad_rule_value": "quy tắc '{value}' không phải một trong ≥, ≤, Đạt, Không có",
    "not_number": "ngưỡng '{value}' không phải số",
    "needs_threshold": "quy tắc '{rule}' cần ngưỡng: điền ít nhất một cột ngưỡng",
    "mixed_kinds": "một chỉ tiêu chỉ điền một loại cột ngưỡng (chung, theo vùng, theo vùng và năm, theo năm "
                   "hoặc theo nhóm xã)",
    "no_threshold_for": "quy tắc '{rule}' không có ngưỡng: để trống các cột ngưỡng",
    "bad_mark_value": "mức chắc chắn '{value}' không phải một trong xác nhận, suy ra, tạm tính",
}


EXCEL_SETS_CLI_WORDS = {  # messages of `ntm frameworks export|import` and `ntm template`, merged into CLI_WORDS
    "vi": {"no_file": "không có tệp này",
           "imported": "Bộ tiêu chí {id}: {indicators} chỉ tiêu, {confirmed} chỉ tiêu có ngưỡng xác nhận.",
           "template_written": "{communes} xã, {indicators} chỉ tiêu mỗi xã, năm {year}"},
    "en": {"no_file": "no such file",
           "imported": "Criteria set {id}: {indicators} indicators, {confirmed} with confirmed thresholds.",
           "template_written": "{communes} communes, {indicators} indicators each, year {year}"},
}
for _lang in LANGS:
    CLI_WORDS[_lang].update(EXCEL_SETS_CLI_WORDS[_lang])


ENTRY_TEMPLATE_WORDS = {  # the communes' data-entry workbook (ntmlib.office.data_entry, `ntm template`)
    "title_commune": "PHIẾU NHẬP SỐ LIỆU CÁC CHỈ TIÊU — XÃ {commune}",
    "title_across": "BẢNG NHẬP SỐ LIỆU CÁC CHỈ TIÊU CỦA CÁC XÃ — {district}",
    "year_line": "Năm {year}",
    "instructions": "Nhập số liệu vào các ô trắng của cột mang tên xã. Để trống ô chưa có số liệu (không ghi 0). "
                    "Chỉ tiêu Đạt/Chưa đạt: chọn trong danh sách; tỷ lệ %: ghi số từ 0 đến 100 (95 nghĩa là 95 %). "
                    "Cột xám là số liệu năm trước, chỉ để tham khảo; các cột nhãn đã khoá.",
    "set": "Bộ tiêu chí", "code": "Mã chỉ tiêu", "name": "Tên chỉ tiêu", "unit": "Đơn vị", "threshold": "Ngưỡng",
    "previous": "Năm {year} (tham khảo)", "previous_across": "{commune}: năm {year} (tham khảo)",
    "section": "{tier}: {name}", "criterion": "Tiêu chí {code}. {name}",
    "no_threshold": "chưa có ngưỡng năm {year}",
    "no_sets": "dataset.yaml không nêu bộ tiêu chí nào cho năm {year}",
    "bad_title": "Giá trị không hợp lệ", "prompt_title": "Chọn kết quả",
    "prompt_yes_no": "Chọn Đạt hoặc Chưa đạt; để trống nếu chưa đánh giá.",
    "bad_yes_no": "Chọn Đạt hoặc Chưa đạt trong danh sách.",
    "bad_percent": "Tỷ lệ là một số từ 0 đến 100 (ví dụ 95 hoặc 62,5).",
    "bad_number": "Ghi một số không âm (ví dụ 62,5).",
}
FRAMEWORK_EXCEL_WORDS.update({
    "rule_word": "quy tắc",
    "kept_source": "các giá trị khác giữ nguyên theo nguồn cũ",
})
FRAMEWORK_EXCEL_WORDS.update({
    "bad_tier": "hạng '{value}' không phải một trong {known} (hoặc NTM, NTM nâng cao, NTM kiểu mẫu)",
})
FRAMEWORK_EXCEL_WORDS.update({"bad_tier_list": "Chọn một hạng trong danh sách: NTM, NTM nâng cao, NTM kiểu mẫu."})
FRAMEWORK_EXCEL_WORDS.update({"bad_date": "ngày trong '{value}' không có thật (ghi ngày/tháng/năm, ví dụ 15/3/2024)"})
FRAMEWORK_EXCEL_WORDS.update({"bad_id": "mã '{id}' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối "
                                        "(ví dụ hanam-2024-ntm)"})
NO_THRESHOLD_TEXT = {  # a value with no threshold for its set, year and region (status 'no_threshold'); undecided verdicts
    "vi": {"status": "Chưa có ngưỡng", "short": "chưa có ngưỡng cho năm {year}",
           "indicator": "chưa có ngưỡng cho năm {year} (bộ {set}, vùng {region})",
           "undecided": "Chưa xác định được",
           "reason": "Chưa xác định được: {n} chỉ tiêu có số liệu nhưng chưa có ngưỡng cho năm {year} (bộ {set}, "
                     "vùng {region}): {codes}.",
           "count": "{n} chỉ tiêu chưa có ngưỡng",
           "roadmap": "{n} xã chưa có ngưỡng cho năm {year}",
           "validate": "chưa có ngưỡng cho năm {year} (bộ {set}, vùng {region}): {n} giá trị của {k} chỉ tiêu ({codes}) "
                       "không chấm được; bộ tiêu chí chưa có mức cho năm và vùng này",
           "warnings": "{n} cảnh báo:", "bulletin": "chưa xác định được {n} xã vì chưa có ngưỡng cho năm {year} "
                                                   "({codes})",
           "need": "chưa có ngưỡng"},
    "en": {"status": "No threshold", "short": "no threshold for {year}",
           "indicator": "no threshold for {year} (set {set}, region {region})",
           "undecided": "Cannot be decided",
           "reason": "Cannot be decided: {n} indicators have data but no threshold for {year} (set {set}, region "
                     "{region}): {codes}.",
           "count": "{n} indicators without a threshold",
           "roadmap": "no threshold for {year} for {n} communes",
           "validate": "no threshold for {year} (set {set}, region {region}): {n} values of {k} indicators ({codes}) "
                       "cannot be scored; the criteria set has no level for this year and region",
           "warnings": "{n} warnings:", "bulletin": "{n} communes cannot be decided: no threshold for {year} ({codes})",
           "need": "no threshold"},
}

FRAMEWORK_TEXT = {  # `ntm frameworks`: confidence counts per set and the list of provisional thresholds
    "vi": {"set_columns": ("Mã", "Tên", "Hạng", "Giai đoạn", "Tiêu chí", "Chỉ tiêu", "Xác nhận", "Suy ra",
                           "Tạm tính"),
           "set_counts": "{criteria} tiêu chí, {indicators} chỉ tiêu; ngưỡng: {confirmed} xác nhận, {derived} suy ra, "
                         "{provisional} tạm tính",
           "provisional_head": "{set}: {n} chỉ tiêu có ngưỡng tạm tính (chưa đối chiếu với văn bản gốc)",
           "provisional_columns": ("Mã", "Tên", "Ngưỡng", "Nguồn"),
           "provisional_none": "{set}: không có chỉ tiêu nào có ngưỡng tạm tính."},
    "en": {"set_columns": ("Id", "Name", "Tier", "Period", "Criteria", "Indicators", "Confirmed", "Derived",
                           "Provisional"),
           "set_counts": "{criteria} criteria, {indicators} indicators; thresholds: {confirmed} confirmed, "
                         "{derived} derived, {provisional} provisional",
           "provisional_head": "{set}: {n} indicators with a provisional threshold (not checked against the legal text)",
           "provisional_columns": ("Code", "Name", "Threshold", "Source"),
           "provisional_none": "{set}: no indicator has a provisional threshold."},
}

# the verdict of a set that could not be decided (ntmlib.analysis.verdicts state 'undecided'), beside the other states
VERDICT_TEXT["vi"]["undecided"] = "Chưa xác định được (chưa có ngưỡng)"
VERDICT_TEXT["en"]["undecided"] = "Cannot be decided (no threshold)"
COMMUNE_HEADERS["vi"]["no_threshold"] = "Chưa có ngưỡng"  # values entered for a year the set has no threshold for
COMMUNE_HEADERS["en"]["no_threshold"] = "No threshold"

FRAMEWORK_EXCEL_DERIVED_WORDS = {  # the criteria-set workbook: a threshold given as a rule (threshold: {derived: …})
    "column": "Ngưỡng suy ra",
    "rule_text": "{factor} × ngưỡng chỉ tiêu {indicator} của bộ {set}",
    "source_word": "ngưỡng suy ra",
    "note": "9. Cột 'Ngưỡng suy ra': ngưỡng tính từ ngưỡng của một chỉ tiêu ở bộ khác, cùng vùng, cùng năm, ghi "
            "dạng '1,1 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao' (thu nhập xã kiểu mẫu cao hơn 10% mức "
            "nâng cao). Các ô ngưỡng chữ nghiêng nền xám của dòng đó là giá trị tính ra, chỉ để đọc: sửa hệ số "
            "hoặc bộ ngay trong ô quy tắc. Muốn dùng số của quyết định thay cho quy tắc: xoá ô 'Ngưỡng suy ra' "
            "rồi gõ số vào các ô ngưỡng.",
    "computed_note": "Ô ngưỡng chữ nghiêng nền xám là giá trị tính theo cột 'Ngưỡng suy ra'.",
    "empty": "ô trống",
    "bad_rule": "ngưỡng suy ra '{value}' không đọc được: ghi dạng '1,1 × ngưỡng chỉ tiêu 10 của bộ "
                "hanam-2022-nang-cao'",
    "no_set": "ngưỡng suy ra dựa vào bộ tiêu chí không có: '{set}'",
    "self": "ngưỡng suy ra không thể dựa vào chính bộ đang nhập ('{set}')",
    "no_indicator": "ngưỡng suy ra dựa vào chỉ tiêu '{code}' không có trong bộ {set}",
    "not_numeric": "ngưỡng suy ra dựa vào chỉ tiêu '{code}' của bộ {set}, chỉ tiêu này không có ngưỡng số",
    "not_for_rule": "quy tắc '{rule}' không có ngưỡng: để trống cột 'Ngưỡng suy ra'",
    "typed": "ngưỡng {value} khác giá trị tính theo cột 'Ngưỡng suy ra' ({computed}): muốn dùng số đã gõ thì xoá "
             "ô 'Ngưỡng suy ra' của dòng này",
}
# --------------------------------------------------------------------------- official units (ntmlib.dataset.units, ntmlib.present.maps)

CLI_WORDS["vi"].update({
    "unit_warnings": "Cảnh báo — mã, tên xã khác danh mục đơn vị hành chính chính thức ({n} mục; "
                     "--strict để coi là lỗi):",
    "crosswalk_built": "Đã ghi {path}: {old} đơn vị cũ → {new} xã mới ({divided} đơn vị cũ bị chia cho nhiều xã mới)",
    "needs_province": "--district cần --province",
})
CLI_WORDS["en"].update({
    "unit_warnings": "Warnings — commune codes or names that differ from the official list of administrative "
                     "units ({n}; --strict makes them errors):",
    "crosswalk_built": "Wrote {path}: {old} old units → {new} new communes ({divided} old units divided between "
                       "several new communes)",
    "needs_province": "--district needs --province",
})


MAP_LABELS = {  # ntmlib.present.maps: the maps of communes in the district and commune reports
    "vi": {
        "legend": "Hạng đạt theo kết quả chấm", "tier": "{tier}", "none": "Chưa đạt NTM",
        "not_assessed": "Không chấm (thị trấn, phường)",
        "no_coordinates": "Không có tọa độ, không vẽ: {names}",
        "district_title": "Các xã huyện {district} năm {year}",
        "commune_title": "Vị trí xã {commune} trong huyện {district}",
        "new_title": "Xã {commune} (từ {date}) và các xã tiền thân",
        "caption": "Mỗi xã một điểm tại tọa độ chính thức (nguồn: {sources}); đường viền: bao lồi các khung "
                   "ranh giới xã, chỉ gần đúng. Màu và hình: hạng đạt theo kết quả chấm năm {year}.",
        "caption_new": "Đường đứt: phạm vi gần đúng (bao lồi) của các xã tiền thân hợp thành xã {commune}.",
        "no_map": "Không vẽ được bản đồ: không xã nào có tọa độ (thêm cột lat, lon vào communes.csv hoặc cài "
                  "gói vietnamadminunits).",
        "groups_title": "Các xã huyện {district} hợp thành {n} xã mới từ {date}",
        "caption_groups": "Mỗi màu, mỗi hình là một xã mới (theo crosswalk.csv); vùng tô: bao lồi các điểm của "
                          "các xã cũ hợp thành, chỉ để nhóm các điểm, không phải ranh giới.",
        "groups_legend": "Xã mới (số xã cũ)",
        "province_title": "Các xã tỉnh {province} năm {year}",
    },
    "en": {
        "legend": "Tier reached by the scoring", "tier": "{tier}", "none": "Not NTM",
        "not_assessed": "Not scored (towns, wards)",
        "no_coordinates": "No coordinates, not drawn: {names}",
        "district_title": "Communes of {district} district, {year}",
        "commune_title": "Where {commune} lies in {district} district",
        "new_title": "{commune} commune (from {date}) and its predecessors",
        "caption": "One point per commune at its official coordinates (source: {sources}); outline: the convex "
                   "hull of the communes' bounding boxes, approximate. Colour and shape: the tier reached by the "
                   "scoring in {year}.",
        "caption_new": "Dashed: the approximate extent (convex hull) of the predecessors that formed {commune}.",
        "no_map": "No map: no commune has coordinates (add lat, lon columns to communes.csv or install the "
                  "vietnamadminunits package).",
        "groups_title": "The communes of {district} district joined into {n} new communes from {date}",
        "caption_groups": "Each colour and shape is one new commune (by crosswalk.csv); shaded: the convex hull "
                          "of its old communes' points, to group them, not a boundary.",
        "groups_legend": "New commune (old communes)",
        "province_title": "Communes of {province} province, {year}",
    },
}
HEADINGS["vi"].update({"map": "Bản đồ các xã", "position": "Vị trí trên bản đồ"})
HEADINGS["en"].update({"map": "Map of the communes", "position": "On the map"})
