"""Reading observation values: numbers with a decimal comma, yes/no words, office verdicts, percentages.

Every function here works on text as written in a sheet. `parse_values` parses a whole
column at once and costs little more than its distinct values, so it is cheap on millions of
rows.

Rules (also in data/examples/README.md):

- Text is normalised to Unicode NFC, trimmed, inner spaces collapsed; words are compared
  in any case and with or without diacritics ("Đạt", "ĐẠT", "dat", "chưa đạt", "chua dat").
- Numbers: a comma is the decimal mark and dots group thousands ("1.234,5" = 1234.5,
  "95,5" = 95.5, "1.234.567" = 1234567). Without a comma a single dot is a decimal point
  ("12.5" = 12.5) except in the ambiguous form "1.234" (one dot, then exactly three digits),
  which is refused: write "1234" or "1,234". Spaces inside a number are ignored.
- Percentages, for an indicator whose unit is "%": "95%" and "95" mean 95 %; a number
  written with a decimal mark between 0 and 1 inclusive ("0,95", "0.95", "1,0") is a
  fraction and means 95 % — but only for a rule `>=` (rates that must reach a threshold,
  such as insurance coverage); for a rule `<=` (poverty, stunting) "0,8" stays 0,8 %, since
  such rates are often below 1 %. "0" and "1" always stay as written. A value below 0 or
  above 100 is refused ("ngoài khoảng 0–100"). A "%" sign on an indicator of another unit is
  refused.
- Kinds: a numeric indicator (`>=`, `<=`) takes a number or the office's verdict
  ("Đạt" / "Không đạt"); a yes/no indicator (`yes`, `absent`) takes a yes/no word, a
  verdict, or 1 / 0 (for `absent`, any count ≥ 0: the number of cases found).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from ..text import error_text

# Words as written in the offices' sheets, compared after fold(): NFC, lower case, no diacritics.
VERDICT_YES = {"dat", "d", "dat chuan"}
VERDICT_NO = {"khong dat", "chua dat", "kd", "cd", "khong dat chuan", "chua dat chuan"}
YES_WORDS = {"co", "x", "yes", "y", "true", "dung"}
NO_WORDS = {"khong", "no", "n", "false", "sai", "chua"}

# Why a value was refused (column `problem` of parse_values); text via problem_text().
PROBLEMS = ("unreadable", "ambiguous", "kind_number", "kind_yesno", "range", "percent_sign")

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_INT = re.compile(r"^\d+$")
_COMMA_DECIMAL = re.compile(r"^(\d{1,3}(\.\d{3})+|\d*),\d+$")  # 1.234,5  95,5  ,5
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")  # 1.234.567
_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")  # 1.234: thousands or decimals?
_DOT_DECIMAL = re.compile(r"^\d*\.\d+$")  # 12.5  .5


def normalise_text(value: object) -> str:
    """NFC, trimmed, inner spaces collapsed, zero-width characters removed; missing values become ''."""
    if value.__class__ is not str:
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return ""
        value = str(value)
    if value.isascii():  # already NFC, no zero-width character
        return " ".join(value.split())  # trimmed, each run of whitespace one space
    return " ".join(unicodedata.normalize("NFC", value).translate(_INVISIBLE).split())


def code_key(code: object) -> tuple:
    """A sort key that puts criterion and indicator codes in their natural order: 2 before 10,
    17.2 before 17.10, K2 before K10 (numbers compared as numbers, letters as text)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|[^\d.]+", str(code)))


def fold(text: object) -> str:
    """Text for comparing words: normalised, lower case, without diacritics ('Chưa Đạt' -> 'chua dat')."""
    return _fold_text(text) if text.__class__ is str else _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold_text(text: str) -> str:
    """fold of a text, kept: the same names and words are folded again and again (the 10,000 official
    unit names each time a province is looked up)."""
    return _fold(text)


def _fold(text: object) -> str:
    t = normalise_text(text).lower().replace("đ", "d")
    t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", t)


def _split_number(text: str) -> tuple[float | None, bool, bool, str]:
    """(number, had '%', had a decimal mark, problem) for one normalised text."""
    t = text.replace(" ", "").replace("\u2212", "-")
    pct = t.endswith("%")
    t = t.removesuffix("%")
    sign = 1.0
    if t[:1] in ("+", "-"):
        sign = -1.0 if t[0] == "-" else 1.0
        t = t[1:]
    if not t:
        return None, pct, False, "unreadable"
    if _INT.match(t):
        return sign * float(t), pct, False, ""
    if _COMMA_DECIMAL.match(t):
        whole, frac = t.split(",")
        return sign * float(f"{whole.replace('.', '') or '0'}.{frac}"), pct, True, ""
    if _DOT_THOUSANDS.match(t):
        return sign * float(t.replace(".", "")), pct, False, ""
    if _AMBIGUOUS.match(t):
        return None, pct, False, "ambiguous"
    if _DOT_DECIMAL.match(t):
        return sign * float(t), pct, True, ""
    return None, pct, False, "unreadable"


def parse_number(text: str) -> float | None:
    """'95,5' -> 95.5, '1.234,5' -> 1234.5, '95%' -> 95.0, '12.5' -> 12.5; None when not a number."""
    number, _, _, problem = _split_number(normalise_text(text))
    return None if problem else number


def parse_full(raw: object) -> tuple:
    """(number, flag, is_verdict, kind, problem, had '%', had a decimal mark) for one cell."""
    return _parse_text(raw) if raw.__class__ is str else _parse(raw)


@lru_cache(maxsize=1 << 16)
def _parse_text(raw: str) -> tuple:
    """parse_full of a text, kept: a dataset's values are a few hundred texts, parsed when it is checked,
    when it is coded and for every dataset loaded again."""
    return _parse(raw)


def _parse(raw: object) -> tuple:
    text = normalise_text(raw)
    if not text:
        return np.nan, pd.NA, False, "empty", "", False, False
    word = fold(text)
    if word in VERDICT_YES or word in VERDICT_NO:
        return np.nan, word in VERDICT_YES, True, "verdict", "", False, False
    if word in YES_WORDS or word in NO_WORDS:
        return np.nan, word in YES_WORDS, False, "yesno", "", False, False
    number, pct, decimal, problem = _split_number(text)
    if problem:
        return np.nan, pd.NA, False, "bad", problem, pct, decimal
    return number, pd.NA, False, "number", "", pct, decimal


KINDS = ("empty", "verdict", "yesno", "number", "bad")  # kind codes of parse_distinct / check_unit_rule
EMPTY, VERDICT, YESNO, NUMBER, BAD = range(len(KINDS))


def parse_distinct(values) -> dict[str, np.ndarray]:
    """Parse each raw value of a sequence (meant for distinct values) on its own terms.

    Returns arrays: number (float, NaN when none), flag (int8: -1 none, 0 no, 1 yes),
    is_verdict, kind (codes into KINDS), problem (codes: 0 none, n = PROBLEMS[n - 1]),
    pct (written with '%') and decimal (written with a decimal mark). Unit and rule checks
    come after, in check_unit_rule.
    """
    parsed = [parse_full(v) for v in values]
    column = list(zip(*parsed)) if parsed else [()] * 7
    flag = np.array([-1 if f is pd.NA else int(f) for f in column[1]], dtype=np.int8)
    return {
        "number": np.array(column[0], dtype="float64"),
        "flag": flag,
        "is_verdict": np.array(column[2], dtype=bool),
        "kind": np.array([KINDS.index(k) for k in column[3]], dtype=np.int8),
        "problem": np.array([PROBLEMS.index(p) + 1 if p else 0 for p in column[4]], dtype=np.int8),
        "pct": np.array(column[5], dtype=bool),
        "decimal": np.array(column[6], dtype=bool),
    }


def check_unit_rule(number, kind, problem, pct, decimal, percent, rule_ge, rule_le, rule_yes, rule_absent):
    """The percentage rule and the checks of kind and range, on arrays (any broadcastable shapes).

    `percent` is True where the indicator's unit is '%'; rule_* mark its rule. Returns
    (number, kind, problem) with the codes of parse_distinct: a fraction such as '0,95'
    becomes 95 for a '%' indicator with rule '>=', a refused value gets kind BAD and NaN.
    """
    is_number = kind == NUMBER
    numeric = rule_ge | rule_le
    with np.errstate(invalid="ignore"):
        fraction = percent & rule_ge & is_number & ~pct & decimal & (number >= 0) & (number <= 1)
        number = np.where(fraction, number * 100, number)
        refused = [  # in order of precedence
            (PROBLEMS.index("range") + 1, percent & is_number & ((number < 0) | (number > 100))),
            (PROBLEMS.index("percent_sign") + 1, numeric & ~percent & is_number & pct),
            (PROBLEMS.index("kind_number") + 1, numeric & (kind == YESNO)),
            (PROBLEMS.index("kind_yesno") + 1, (rule_yes & is_number & (number != 0) & (number != 1))
             | (rule_absent & is_number & (number < 0))),
        ]
    for code, mask in refused:
        mask = mask & (kind != BAD)
        problem = np.where(mask, code, problem)
        kind = np.where(mask, BAD, kind)
    number = np.where(kind == BAD, np.nan, number)
    return number, kind, problem


def parse_values(values: pd.Series, unit=None, rule=None) -> pd.DataFrame:
    """Parse a column of raw values into number, flag, is_verdict, kind and problem columns.

    `unit` and `rule` (optional, one per row: the indicator's unit and rule) switch on the
    percentage rule and the checks of kind and range described in the module docstring; a
    refused value gets kind "bad" and a `problem` code (see PROBLEMS, problem_text()).
    Each distinct raw value is parsed once; a column that is already numeric is taken as it is.
    """
    n = len(values)
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        number = values.astype("float64").to_numpy(copy=True)
        empty = np.isnan(number)
        flag = np.full(n, -1, dtype=np.int8)
        is_verdict = np.zeros(n, bool)
        kind = np.where(empty, EMPTY, NUMBER).astype(np.int8)
        problem = np.zeros(n, np.int8)
        pct = np.zeros(n, bool)
        decimal = ~empty & (number != np.round(number))
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        parsed = parse_distinct(list(uniques) + [None])  # last entry for NA (code -1)
        pick = np.where(codes < 0, len(uniques), codes)
        number, flag, is_verdict, kind, problem, pct, decimal = (
            parsed[c][pick] for c in ("number", "flag", "is_verdict", "kind", "problem", "pct", "decimal"))
    if unit is not None or rule is not None:
        unit_a = _as_array(unit, n)
        rule_a = _as_array(rule, n)
        number, kind, problem = check_unit_rule(number, kind, problem, pct, decimal, unit_a == "%", rule_a == ">=",
                                                rule_a == "<=", rule_a == "yes", rule_a == "absent")
    flag_out = pd.arrays.BooleanArray(flag == 1, flag < 0)
    return pd.DataFrame({"number": number, "flag": flag_out, "is_verdict": is_verdict,
                         "kind": np.array(KINDS, dtype=object)[kind],
                         "problem": np.array(("",) + PROBLEMS, dtype=object)[problem]}, index=values.index)


def _as_array(x, n: int) -> np.ndarray:
    if x is None:
        return np.full(n, "", dtype=object)
    if isinstance(x, str):
        return np.full(n, x, dtype=object)
    a = np.asarray(x, dtype=object)
    return np.where(pd.isna(a), "", a)


def problem_text(problem: str, unit: str = "") -> str:
    """Explanation of a `problem` code of parse_values ('' for none): a message of ERROR_TEXT, Vietnamese
    as a string."""
    if problem == "kind_number":
        return error_text("value_kind_number", unit=f" ({unit})" if unit else "")
    if problem == "percent_sign":
        return error_text("value_percent_sign", unit=unit or error_text("none_shown"))
    if problem in ("unreadable", "ambiguous", "kind_yesno", "range"):
        return error_text(f"value_{problem}")
    return problem


def value_message(value: str, indicator: str, set_id: str, problem: str, unit: str = "") -> str:
    """The message for a refused value: "giá trị 'nhiều' không đọc được cho chỉ tiêu 3.2 (tiny-ntm): …"."""
    target = error_text("value_target", indicator=indicator, set=f" ({set_id})" if set_id else "")
    if problem == "range":
        return error_text("value_out_of_range", value=value, target=target)
    return error_text("value_not_read", value=value, target=target, why=problem_text(problem or 'unreadable', unit))


def number_to_text(x: float) -> str:
    """A number from a spreadsheet or Parquet cell written the Vietnamese way, exactly ('95,5', '1234')."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return ""
    if isinstance(x, (bool, np.bool_)):
        return "true" if x else "false"
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    # 15 significant digits, as Excel shows them: 0.1 + 0.2 is written "0,3"
    return np.format_float_positional(float(f"{float(x):.15g}"), trim="-").replace(".", ",")
