"""The words of results: rules and confidence marks, met / not met, verdicts of a set,
values with no threshold, the communes table's headers and the direction of a trend."""
from __future__ import annotations

import pandas as pd

from .formats import counts_text, label, quantity_text, tier_name
from .states import STATE_TEXT

RULE_SIGNS = {">=": "≥", "<=": "≤", "yes": "Đạt", "absent": "Không có"}  # how a set's rule is written
RULE_WORDS = {"vi": RULE_SIGNS, "en": {">=": "≥", "<=": "≤", "yes": "Met", "absent": "None"}}
CONFIDENCE_MARKS = {"confirmed": "✓ xác nhận", "derived": "≈ suy ra", "provisional": "? tạm tính"}

MET_WORDS = {"vi": {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"},
             "en": {True: "Met", False: "Not met", None: "No data"}}


def met_word(value, lang: str = "vi") -> str:
    """True / False / NA as 'Đạt' / 'Chưa đạt' / 'Chưa có số liệu'."""
    if value is pd.NA or value is None or (isinstance(value, float) and pd.isna(value)):
        return label(MET_WORDS, None, lang)
    return label(MET_WORDS, bool(value), lang)


RESULT_MET = {"met": True, "not_met": False, "no_data": None}  # result states as met values (no_threshold aside)


def result_word(state: str, lang: str = "vi") -> str:
    """A result state as words: met / not_met / no_data as met_word says them, no_threshold as
    'Chưa có ngưỡng'."""
    if state == "no_threshold":
        return label(NO_THRESHOLD_TEXT, "status", lang)
    return met_word(RESULT_MET[state], lang)


COMMUNE_HEADERS = {
    "vi": {"commune_id": "Mã xã", "commune": "Xã", "year": "Năm", "set": "Bộ tiêu chí", "result": "Kết quả",
           "no_data": "Chưa có số liệu", "set_met": "Đạt bộ tiêu chí", "tier_reached": "Hạng đạt được",
           "tier_recognised": "Hạng đã công nhận",
           "no_threshold": "Chưa có ngưỡng"},  # values entered for a year the set has no threshold for
    "en": {"commune_id": "Code", "commune": "Commune", "year": "Year", "set": "Criteria set", "result": "Result",
           "no_data": "No data", "set_met": "Meets set", "tier_reached": "Tier reached",
           "tier_recognised": "Tier recognised", "no_threshold": "No threshold"},
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
        out.loc[communes["undecided"].to_numpy(dtype=bool), "set_met"] = label(NO_THRESHOLD_TEXT, "undecided", lang)
    return out.rename(columns=COMMUNE_HEADERS[lang])


def gap_text(gap, unit: str = "", lang: str = "vi") -> str:
    """How far a value is from its threshold in its unit: a percentage as points ('1,4 điểm %')."""
    word = label(VERDICT_TEXT, "points", lang) if unit == "%" else unit
    return quantity_text(abs(gap), word, lang)


DIRECTION_NAMES = {
    "vi": {"improving": "tiến bộ", "stagnant": "không đổi", "worsening": "giảm sút", "no_data": "không đủ số liệu"},
    "en": {"improving": "improving", "stagnant": "stagnant", "worsening": "worsening", "no_data": "no data"},
}


SAME_SET = "cùng bộ tiêu chí"


VERDICT_TEXT = {
    "vi": {**STATE_TEXT["vi"],  # the states themselves: one vocabulary (ntmlib.text.states)
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
    "en": {**STATE_TEXT["en"],
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

# a value with no threshold for its set, year and region (status 'no_threshold'); undecided verdicts
NO_THRESHOLD_TEXT = {
    "vi": {"status": "Chưa có ngưỡng", "short": "chưa có ngưỡng cho năm {year}",
           "indicator": "chưa có ngưỡng cho năm {year} (bộ {set}, vùng {region})",
           "named": "chưa có ngưỡng cho năm {year} ({set}, vùng {region})",
           "undecided": "Chưa xác định được",
           "reason": "Chưa xác định được: {n} chỉ tiêu có số liệu nhưng chưa có ngưỡng cho năm {year} (bộ {set}, "
                     "vùng {region}): {codes}.",
           "count": "{n} chỉ tiêu chưa có ngưỡng",
           "roadmap": "{n} xã chưa có ngưỡng cho năm {year}",
           "validate": "chưa có ngưỡng cho năm {year} (bộ {set}, vùng {region}): {n} giá trị của {k} chỉ tiêu "
                       "({codes}) "
                       "không chấm được; bộ tiêu chí chưa có mức cho năm và vùng này",
           "warnings": "{n} cảnh báo:", "bulletin": "chưa xác định được {n} xã vì chưa có ngưỡng cho năm {year} "
                                                   "({codes})",
           "need": "chưa có ngưỡng"},
    "en": {"status": "No threshold", "short": "no threshold for {year}",
           "indicator": "no threshold for {year} (set {set}, region {region})",
           "named": "no threshold for {year} ({set}, region {region})",
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
