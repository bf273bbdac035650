import pandas as pd

from ntmlib.values import parse_number, parse_values


def test_decimal_comma_percent_and_thousands():
    assert parse_number("95,5") == 95.5
    assert parse_number("1.234,5") == 1234.5
    assert parse_number("95%") == 95.0
    assert parse_number("12.5") == 12.5
    assert parse_number("abc") is None


def test_yes_no_words_and_verdicts():
    raw = pd.Series(["Đạt", "không đạt", "Chưa đạt", "có", "Không", "x", "yes", "FALSE", "ĐẠT", "", "42", "?!"])
    p = parse_values(raw)
    assert p["flag"].tolist()[:9] == [True, False, False, True, False, True, True, False, True]
    assert p["is_verdict"].tolist()[:9] == [True, True, True, False, False, False, False, False, True]
    assert p["kind"].tolist()[9:] == ["empty", "number", "bad"]
    assert p["number"].iloc[10] == 42.0


def test_decomposed_diacritics_are_read_like_composed():
    decomposed = "\u0110a\u0323t"  # "Đạt" written with a combining dot below
    assert parse_values(pd.Series([decomposed]))["flag"].iloc[0] is True or parse_values(
        pd.Series([decomposed]))["flag"].iloc[0] == True  # noqa: E712


def test_numeric_column_fast_path():
    p = parse_values(pd.Series([1.5, None, 3.0]))
    assert p["kind"].tolist() == ["number", "empty", "number"]
    assert p["number"].iloc[2] == 3.0
