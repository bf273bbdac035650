"""Every word ntmlib shows people, in Vietnamese (the default) and English: tier names, the
headings and labels of reports, tables and figures, and how numbers, counts and dates are
written ('18/19 tiêu chí, 55/57 chỉ tiêu', '95,5', '1/7/2025')."""
from __future__ import annotations

import datetime as _dt

import pandas as pd

LANGS = ("vi", "en")

TIERS = ("ntm", "nang-cao", "kieu-mau")  # lowest first: nâng cao (advanced) needs NTM, kiểu mẫu (model) needs nâng cao
TIER_NAMES = {"ntm": "NTM", "nang-cao": "NTM nâng cao", "kieu-mau": "NTM kiểu mẫu"}
TIER_NAMES_EN = {"ntm": "NTM", "nang-cao": "advanced NTM", "kieu-mau": "model NTM"}

RULE_SIGNS = {">=": "≥", "<=": "≤", "yes": "Đạt", "absent": "Không có"}  # how a set's rule is written
CONFIDENCE_MARKS = {"confirmed": "✓ xác nhận", "derived": "≈ suy ra", "provisional": "? tạm tính"}


def counts_text(criteria_met: int, criteria_total: int, indicators_met: int, indicators_total: int,
                lang: str = "vi") -> str:
    """'18/19 tiêu chí, 55/57 chỉ tiêu' (or '18/19 criteria, 55/57 indicators')."""
    if lang == "en":
        return f"{criteria_met}/{criteria_total} criteria, {indicators_met}/{indicators_total} indicators"
    return f"{criteria_met}/{criteria_total} tiêu chí, {indicators_met}/{indicators_total} chỉ tiêu"


def short_counts(rows: pd.DataFrame) -> list[str]:
    """'18/19 · 55/57' (criteria · indicators met) for each row of a communes table."""
    return [f"{a}/{b} · {c}/{d}" for a, b, c, d in zip(rows["criteria_met"], rows["criteria_total"],
                                                       rows["indicators_met"], rows["indicators_total"])]


def tier_name(tier: str, lang: str = "vi") -> str:
    """'nang-cao' -> 'NTM nâng cao'; '' -> '—'."""
    if not tier:
        return "—"
    return (TIER_NAMES_EN if lang == "en" else TIER_NAMES)[tier]


def met_word(value, lang: str = "vi") -> str:
    """True / False / NA as 'Đạt' / 'Chưa đạt' / 'Chưa có số liệu'."""
    if value is pd.NA or value is None or (isinstance(value, float) and pd.isna(value)):
        return "No data" if lang == "en" else "Chưa có số liệu"
    if lang == "en":
        return "Met" if value else "Not met"
    return "Đạt" if value else "Chưa đạt"


def number_text(value: float, decimals: int = 2) -> str:
    """A number the Vietnamese way: decimal comma, no trailing zeros ('95,5')."""
    if value is None or pd.isna(value):
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


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
    return out.rename(columns=COMMUNE_HEADERS[lang])


def sentence_case(text: str) -> str:
    """'Tỷ lệ hộ …' -> 'tỷ lệ hộ …' for use inside a sentence; acronyms ('OCOP …') are kept."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def range_text(low: float, high: float, lang: str = "vi") -> str:
    """'1,5–4' (or '1.5–4' in English); a single number when both ends are equal."""
    fmt = number_text if lang != "en" else (lambda v: number_text(v).replace(",", "."))
    return fmt(low) if fmt(low) == fmt(high) else f"{fmt(low)}–{fmt(high)}"


def date_text(iso: str, lang: str = "vi") -> str:
    """'2025-07-01' as '1/7/2025' (or '1 July 2025')."""
    d = _dt.date.fromisoformat(str(iso)[:10])
    return f"{d.day} {d.strftime('%B')} {d.year}" if lang == "en" else f"{d.day}/{d.month}/{d.year}"


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
        "failing": "Chỉ tiêu chưa đạt", "tier": "Hạng",
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
        "failing": "Failing indicators", "tier": "Tier",
    },
}


REORG_LABELS = {
    "vi": {"code": "Mã xã", "key": "Mã tham chiếu", "effective": "Thành lập từ ngày", "predecessors": "Xã tiền thân",
           "predecessor": "Xã tiền thân", "tier_reached": "Hạng đạt theo kết quả",
           "tier_recognised": "Hạng đã công nhận",
           "recognitions": "Công nhận đến năm đó", "not_assessed": "không đánh giá", "n": "Số xã tiền thân",
           "assessed": "Số xã được đánh giá", "reaching": "Số xã đạt theo kết quả", "recognised": "Số xã đã công nhận",
           "crange": "Khoảng tiêu chí", "irange": "Khoảng chỉ tiêu", "and": "và"},
    "en": {"code": "Code", "key": "Reference", "effective": "Formed on", "predecessors": "Predecessors",
           "predecessor": "Predecessor", "tier_reached": "Tier reached", "tier_recognised": "Tier recognised",
           "recognitions": "Recognitions by that year", "not_assessed": "not assessed", "n": "Predecessors",
           "assessed": "Assessed", "reaching": "Reaching by results", "recognised": "Recognised",
           "crange": "Criteria range", "irange": "Indicator range", "and": "and"},
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
           "summary": "Kết quả theo từng bộ tiêu chí", "grid": "Các tiêu chí", "unmet": "Chỉ tiêu chưa đạt",
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
           "summary": "Results by criteria set", "grid": "Criteria", "unmet": "Indicators not met",
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
