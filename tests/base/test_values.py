import pandas as pd

from ntmlib.base.values import parse_number, parse_values


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


def test_words_in_any_case_with_or_without_diacritics():
    raw = pd.Series(["dat", "Đạt", "ĐẠT", "chưa đạt", "CHUA DAT", "khong dat", "Không Đạt", "  đạt  ", "co", "KHÔNG"])
    p = parse_values(raw)
    assert p["flag"].tolist() == [True, True, True, False, False, False, False, True, True, False]
    assert p["kind"].tolist() == ["verdict"] * 8 + ["yesno"] * 2


def test_thousands_dot_and_ambiguous_numbers():
    from ntmlib.base.values import parse_values

    assert parse_number("1.234.567") == 1234567.0
    assert parse_number("1 234,5") == 1234.5
    assert parse_number(",5") == 0.5
    assert parse_number("−3") == -3.0  # Unicode minus
    assert parse_number("1.234") is None  # thousands or decimals? refused, not guessed
    assert parse_number("0.125") == 0.125  # a leading zero cannot be a thousands group
    assert parse_number("1,234.5") is None
    p = parse_values(pd.Series(["1.234", "abc"]))
    assert p["problem"].tolist() == ["ambiguous", "unreadable"]


def test_percent_rule_per_unit_and_rule():
    raw = pd.Series(["95%", "95", "0,95", "0.95", "1", "0", "1,0", "0,8", "0,8", "120", "-1", "0,5"])
    unit = ["%"] * 11 + ["m²/người"]
    rule = [">="] * 7 + ["<=", ">=", ">=", ">=", ">="]
    p = parse_values(raw, unit=unit, rule=rule)
    # fractions count only for >= rates; "1" and "0" stay as written; "0,8" of a <= rate (poverty) stays 0,8 %
    assert p["number"].tolist()[:9] == [95.0, 95.0, 95.0, 95.0, 1.0, 0.0, 100.0, 0.8, 80.0]
    assert p["problem"].tolist()[9:11] == ["range", "range"]
    assert p["number"].iloc[11] == 0.5  # not a percentage: taken as written


def test_kind_checks_need_the_rule():
    raw = pd.Series(["có", "Đạt", "5", "1", "3", "12%"])
    rule = [">=", ">=", "yes", "yes", "absent", ">="]
    unit = ["%", "%", "", "", "", "triệu đồng"]
    p = parse_values(raw, unit=unit, rule=rule)
    assert p["problem"].tolist() == ["kind_number", "", "kind_yesno", "", "", "percent_sign"]
    assert p["kind"].tolist() == ["bad", "verdict", "bad", "number", "number", "bad"]
    # without the rule the same words are just read
    assert parse_values(raw)["kind"].tolist() == ["yesno", "verdict", "number", "number", "number", "number"]


def test_each_distinct_value_is_parsed_once(monkeypatch):
    import ntmlib.base.values as v

    calls = []
    real = v._parse_full
    monkeypatch.setattr(v, "_parse_full", lambda x: calls.append(x) or real(x))
    v.parse_values(pd.Series(["95,5", "Đạt", "95,5", None] * 10_000), unit="%", rule=">=")
    assert len(calls) == 3  # two distinct values and the entry for missing ones


def test_numbers_from_cells_are_written_the_vietnamese_way():
    from ntmlib.base.values import number_to_text

    assert [number_to_text(x) for x in (95.5, 2023.0, 0.1 + 0.2, 1e-7, float("nan"))] == [
        "95,5", "2023", "0,3", "0,0000001", ""]
