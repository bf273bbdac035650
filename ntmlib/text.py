"""How results are written in bulletins: counts, tier names, yes/no, in Vietnamese or English."""
from __future__ import annotations

import pandas as pd

from .framework import TIER_NAMES, TIER_NAMES_EN


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
