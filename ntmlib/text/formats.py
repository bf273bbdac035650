"""How ntmlib writes languages, tiers, numbers, counts, dates and names in Vietnamese (the
default) and English ('18/19 tiêu chí, 55/57 chỉ tiêu', '95,5', '1/7/2025'), and `label`, the one
way to read a word of any table of the catalogue."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

import pandas as pd

LANGS = ("vi", "en")

# The tiers of 2021–2025, lowest first: nâng cao (advanced) needs NTM, kiểu mẫu (model) needs nâng
# cao. Each criteria set declares its own tier (ntmlib.criteria.ladder builds the ladder of a year's
# sets); these are the default ladder and the tiers a set may name without saying its rank.
TIERS = ("ntm", "nang-cao", "kieu-mau")
# The dtype of the tier columns of the default ladder: ordered lowest first, NA for none.
TIER_DTYPE = pd.CategoricalDtype(TIERS, ordered=True)
TIER_NAMES = {"ntm": "NTM", "nang-cao": "NTM nâng cao", "kieu-mau": "NTM kiểu mẫu"}
TIER_NAMES_EN = {"ntm": "NTM", "nang-cao": "advanced NTM", "kieu-mau": "model NTM"}
TIER_WORDS = {"vi": TIER_NAMES, "en": TIER_NAMES_EN}
# tier -> (rank, what it requires, vi name, en name): the defaults of the tiers a set may name
# without its rank; "hien-dai" (xã NTM hiện đại, QĐ 51/2025/QĐ-TTg Phụ lục II) ships no set.
KNOWN_TIERS = {"ntm": (1, None, "NTM", "NTM"), "nang-cao": (2, "ntm", "NTM nâng cao", "advanced NTM"),
               "kieu-mau": (3, "nang-cao", "NTM kiểu mẫu", "model NTM"),
               "hien-dai": (2, "ntm", "NTM hiện đại", "modern NTM")}
_TIERS_SEEN: dict[str, tuple] = {}  # the tiers of the sets loaded in this process (register_tier)


def register_tier(tier: str, rank: int, name: str, name_en: str = "") -> None:
    """Make a set's tier known by rank and name to `tier_name` and `tier_rank` (the criteria loader
    calls this for every set it reads)."""
    _TIERS_SEEN[tier] = (int(rank), name, name_en or name)


def tier_rank(tier: str) -> int:
    """The rank of a tier (NTM 1, nâng cao and hiện đại 2, kiểu mẫu 3, or the rank its set
    declares); 0 for none or a tier no set has named."""
    if tier in _TIERS_SEEN:
        return _TIERS_SEEN[tier][0]
    return KNOWN_TIERS[tier][0] if tier in KNOWN_TIERS else 0


def tier_order(tier: str) -> tuple[int, str]:
    """The sort key of a tier: (rank, code), so tiers of one rank from different periods keep one order."""
    return tier_rank(tier), str(tier)

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


_ONE = re.compile(r"(?<![\d/.,])1 (commune|indicator|report|predecessor|year)s\b|(?<![\d/.,])1 criteria\b")


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
    """'nang-cao' -> 'NTM nâng cao'; a tier a set declared -> its name; NA (no tier) -> '—'."""
    if tier is None or tier is pd.NA or (isinstance(tier, float) and tier != tier) or not tier:
        return "—"
    if tier in TIER_NAMES:
        return label(TIER_WORDS, tier, lang)
    if tier in _TIERS_SEEN:
        _, name, name_en = _TIERS_SEEN[tier]
    elif tier in KNOWN_TIERS:
        _, _, name, name_en = KNOWN_TIERS[tier]
    else:
        name = name_en = str(tier)
    return name_en if lang == "en" else name


def number_text(value: float, decimals: int = 2, lang: str = "vi") -> str:
    """A number with its decimal mark ('95,5'; '95.5' in English), no trailing zeros."""
    if value is None or pd.isna(value):
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", DECIMAL_MARKS[lang])


def share_text(share: float, lang: str = "vi") -> str:
    """A share as a percentage without its sign, one decimal: 0.1428 -> '14,3' ('14.3' in English);
    '—' where there is none (no commune to count)."""
    return number_text(100 * float(share), 1, lang) if pd.notna(share) else "—"


def join_names(names: list[str], lang: str = "vi") -> str:
    """'A, B và C' (or 'A, B and C'); one name as it is, none as ''."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {AND_WORDS[lang]} {names[-1]}"


def sentence_case(text: str) -> str:
    """'Tỷ lệ hộ …' -> 'tỷ lệ hộ …' for use inside a sentence; acronyms ('OCOP …') are kept."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def shortened(text: str, words: int = 7) -> str:
    """The first `words` words of a long name, then '…': a short name where a list names many."""
    parts = str(text).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


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
    return label(DATE_FORMATS, style, lang).format(day=day.day, month=day.month, year=day.year,
                                            month_name=MONTH_NAMES[day.month - 1])


def quantity_text(number, unit: str = "", lang: str = "vi") -> str:
    """A number with its unit: '88,6 %', '1,8 m²/người', '58 triệu đồng/người/năm' ('' for none)."""
    text = number_text(number, lang=lang)
    return f"{text} {unit}" if text and unit else text


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
