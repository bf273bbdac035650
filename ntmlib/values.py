"""Reading observation values: numbers with a decimal comma, yes/no words, office verdicts."""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

# Words as written in the offices' sheets, compared after NFC, lower case and trimming.
VERDICT_YES = {"đạt", "dat"}
VERDICT_NO = {"không đạt", "khong dat", "chưa đạt", "chua dat", "kđ", "cđ"}
YES_WORDS = {"có", "co", "x", "yes", "y", "true", "đúng"}
NO_WORDS = {"không", "khong", "no", "n", "false", "sai", "chưa", "chua"}

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)$")


def normalise_text(value: object) -> str:
    """NFC, trimmed, inner spaces collapsed; missing values become ''."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    text = unicodedata.normalize("NFC", str(value)).strip()
    return re.sub(r"\s+", " ", text)


def parse_number(text: str) -> float | None:
    """'95,5' -> 95.5, '1.234,5' -> 1234.5, '95%' -> 95.0; None when not a number."""
    t = text.replace(" ", "").removesuffix("%")
    if not _NUMBER.match(t):
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    return float(t)


def parse_one(raw: object) -> tuple[float, object, bool, str]:
    """(number, flag, is_verdict, kind) for one cell; kind is number|yesno|verdict|empty|bad."""
    text = normalise_text(raw)
    if not text:
        return np.nan, pd.NA, False, "empty"
    word = text.lower()
    if word in VERDICT_YES or word in VERDICT_NO:
        return np.nan, word in VERDICT_YES, True, "verdict"
    if word in YES_WORDS or word in NO_WORDS:
        return np.nan, word in YES_WORDS, False, "yesno"
    number = parse_number(text)
    if number is not None:
        return number, pd.NA, False, "number"
    return np.nan, pd.NA, False, "bad"


def parse_values(values: pd.Series) -> pd.DataFrame:
    """Parse a column of raw values into number, flag, is_verdict and kind columns.

    Each distinct raw value is parsed once, so a long column costs little more than its
    distinct values; a column that is already numeric is taken as it is.
    """
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        number = values.astype("float64").to_numpy()
        kind = np.where(np.isnan(number), "empty", "number")
        return pd.DataFrame(
            {"number": number, "flag": pd.array([pd.NA] * len(values), dtype="boolean"),
             "is_verdict": np.zeros(len(values), bool), "kind": kind},
            index=values.index,
        )
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = [parse_one(u) for u in uniques] + [parse_one(None)]  # last entry for NA (code -1)
    pick = np.where(codes < 0, len(parsed) - 1, codes)
    number = np.array([p[0] for p in parsed], dtype="float64")[pick]
    flag = pd.array([p[1] for p in parsed], dtype="boolean")[pick]
    is_verdict = np.array([p[2] for p in parsed], dtype=bool)[pick]
    kind = np.array([p[3] for p in parsed], dtype=object)[pick]
    return pd.DataFrame({"number": number, "flag": flag, "is_verdict": is_verdict, "kind": kind},
                        index=values.index)
