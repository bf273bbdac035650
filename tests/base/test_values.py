"""ntmlib.base.values: numbers written the Vietnamese way (decimal comma, thousands, percent) and
values parsed by kind.

Values of yes/no indicators written as numbers: 1 and 0 are yes and no; any other number is a
value of the wrong kind, named at its row. Then values.py on its own: the cases the mutation run
(mutmut) showed untested."""
import shutil

import numpy as np
import pandas as pd

import ntmlib
from ntmlib.base.values import (
    normalise_text,
    number_to_text,
    parse_distinct,
    parse_number,
    parse_values,
    problem_text,
    value_message,
)

from tests.helpers.paths import TINY


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
    flag = parse_values(pd.Series([decomposed]))["flag"].iloc[0]
    assert isinstance(flag, (bool, np.bool_)) and flag


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
    real = v.parse_full
    monkeypatch.setattr(v, "parse_full", lambda x: calls.append(x) or real(x))
    v.parse_values(pd.Series(["95,5", "Đạt", "95,5", None] * 10_000), unit="%", rule=">=")
    assert len(calls) == 3  # two distinct values and the entry for missing ones


def test_numbers_from_cells_are_written_the_vietnamese_way():
    from ntmlib.base.values import number_to_text

    assert [number_to_text(x) for x in (95.5, 2023.0, 0.1 + 0.2, 1e-7, float("nan"))] == [
        "95,5", "2023", "0,3", "0,0000001", ""]


def test_one_and_zero_are_yes_and_no_other_numbers_are_refused(tmp_path):
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    obs = (d / "observations.csv").read_text(encoding="utf-8")
    assert "A,2023,tiny-ntm,1.2,Đạt\n" in obs and "B,2023,tiny-ntm,1.2," in obs
    (d / "observations.csv").write_text(obs.replace("A,2023,tiny-ntm,1.2,Đạt\n", "A,2023,tiny-ntm,1.2,0\n"),
                                        encoding="utf-8")
    assert list(ntmlib.validate(d)) == []
    row = ntmlib.score(d, year=2023).indicators
    a = row[(row["commune_id"] == "A") & (row["indicator"] == "1.2") & (row["set"] == "tiny-ntm")].iloc[0]
    assert a["met"] == False  # noqa: E712 - 0 means "no": not met (a pandas boolean, not None/NA)
    (d / "observations.csv").write_text(obs.replace("A,2023,tiny-ntm,1.2,Đạt\n", "A,2023,tiny-ntm,1.2,2\n"),
                                        encoding="utf-8")
    problems = [str(p) for p in ntmlib.validate(d)]
    assert len(problems) == 1 and problems[0].startswith("observations.csv: dòng 3 (cột value):")


# --- values.py on its own: the cases the mutation run (mutmut) showed untested ----------------------------------


def test_missing_values_become_empty_text_and_numbers_are_written_as_text():
    assert [normalise_text(v) for v in (None, pd.NA, float("nan"), np.nan)] == ["", "", "", ""]
    assert normalise_text(95.5) == "95.5" and normalise_text(" a \u200b  b ") == "a b"


def test_a_plus_sign_is_read_and_signs_are_kept():
    assert [parse_number(t) for t in ("+5", "+ 2,5", "-5", "−1.234,5")] == [5.0, 2.5, -5.0, -1234.5]


def test_parse_distinct_codes_per_value():
    # one value of each kind; "-" and "%" leave nothing to read
    raw = ["", "Đạt", "không đạt", "có", "không", "95%", "0,95", "1.234.567", "1.234", "abc", "-", "%", None]
    p = parse_distinct(raw)
    assert p["kind"].tolist() == [0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 0]  # codes into KINDS
    assert p["flag"].tolist() == [-1, 1, 0, 1, 0, -1, -1, -1, -1, -1, -1, -1, -1]
    assert p["is_verdict"].tolist() == [False, True, True] + [False] * 10
    assert p["problem"].tolist() == [0] * 8 + [2, 1, 1, 1, 0]  # ambiguous, then unreadable
    assert p["pct"].tolist() == [False] * 5 + [True] + [False] * 5 + [True, False]
    # a decimal mark is a comma or a decimal dot; thousands dots are not, nor is anything in a word
    assert p["decimal"].tolist() == [False] * 6 + [True] + [False] * 6
    np.testing.assert_array_equal(p["number"], [np.nan] * 5 + [95.0, 0.95, 1234567.0] + [np.nan] * 5)
    # small codes: these arrays are indexed per row of millions of observations
    assert {k: str(a.dtype) for k, a in p.items()} == {
        "number": "float64", "flag": "int8", "is_verdict": "bool", "kind": "int8", "problem": "int8",
        "pct": "bool", "decimal": "bool"}


def test_parse_distinct_of_no_values_gives_empty_arrays_of_the_same_kinds():
    p = parse_distinct([])
    assert {k: (len(a), str(a.dtype)) for k, a in p.items()} == {
        "number": (0, "float64"), "flag": (0, "int8"), "is_verdict": (0, "bool"), "kind": (0, "int8"),
        "problem": (0, "int8"), "pct": (0, "bool"), "decimal": (0, "bool")}


def test_fractions_are_read_only_up_to_one_and_yes_no_numbers_are_one_or_zero():
    p = parse_values(pd.Series(["1,5", "1,0", "0,0", "0"]), unit="%", rule=">=")
    assert p["number"].tolist() == [1.5, 100.0, 0.0, 0.0]  # 1,5 is not a fraction: 1,5 %
    p = parse_values(pd.Series(["1", "0", "2"]), unit="", rule="yes")
    assert p["kind"].tolist() == ["number", "number", "bad"] and p["problem"].tolist() == ["", "", "kind_yesno"]
    assert p["number"].tolist()[:2] == [1.0, 0.0] and np.isnan(p["number"].iloc[2])


def test_refused_values_have_no_number():
    p = parse_values(pd.Series(["120", "-1", "95"]), unit="%", rule=">=")
    assert p["problem"].tolist() == ["range", "range", ""]
    assert np.isnan(p["number"].iloc[0]) and np.isnan(p["number"].iloc[1]) and p["number"].iloc[2] == 95.0


def test_unit_alone_or_rule_alone_switch_the_checks_on():
    # only the unit: the range of a percentage is checked
    assert parse_values(pd.Series(["120", "95"]), unit="%")["problem"].tolist() == ["range", ""]
    assert parse_values(pd.Series(["120", "95"]), unit=["%", "%"])["problem"].tolist() == ["range", ""]
    # only the rule: a yes/no word for a numeric rule is refused, for a yes/no rule read
    assert parse_values(pd.Series(["có", "5"]), rule=">=")["problem"].tolist() == ["kind_number", ""]
    assert parse_values(pd.Series(["có", "5"]), rule="<=")["problem"].tolist() == ["kind_number", ""]
    p = parse_values(pd.Series(["có", "không", "1"]), rule="yes")
    assert p["kind"].tolist() == ["yesno", "yesno", "number"] and p["problem"].tolist() == ["", "", ""]
    # an `absent` count may be any number ≥ 0; a `>=` rate below 0 is only refused for a '%' unit
    p = parse_values(pd.Series(["3", "-1", "-1"]), unit=["", "", ""], rule=["absent", "absent", ">="])
    assert p["problem"].tolist() == ["", "kind_yesno", ""] and p["number"].iloc[2] == -1.0


def test_missing_units_and_rules_are_no_unit_and_no_rule():
    p = parse_values(pd.Series(["120", "có", "0,5"]), unit=[pd.NA, None, np.nan], rule=[pd.NA, ">=", None])
    assert p["problem"].tolist() == ["", "kind_number", ""] and p["number"].iloc[2] == 0.5


def test_numeric_columns_are_taken_as_they_are():
    s = pd.Series([1.234, 1e-7, np.nan, 2.0], index=[10, 20, 30, 40])
    p = parse_values(s)
    assert p.index.tolist() == [10, 20, 30, 40]
    assert p["number"].tolist()[:2] == [1.234, 1e-7] and p["kind"].tolist() == ["number", "number", "empty", "number"]
    assert p["flag"].isna().all() and p["is_verdict"].tolist() == [False] * 4 and p["is_verdict"].dtype == bool
    assert p["problem"].tolist() == [""] * 4
    # a fraction from a cell (0.95 of a '%' rate) is 95 %; a whole 1 stays 1
    p = parse_values(pd.Series([0.95, 1.0, 0.0, np.nan]), unit="%", rule=">=")
    assert p["number"].tolist()[:3] == [95.0, 1.0, 0.0] and p["kind"].tolist()[3] == "empty"
    # True / False cells are yes / no words, not the numbers 1 and 0
    p = parse_values(pd.Series([True, False]))
    assert p["kind"].tolist() == ["yesno", "yesno"] and p["flag"].tolist() == [True, False]


def test_index_of_a_text_column_is_kept():
    assert parse_values(pd.Series(["1", "có"], index=["x", "y"])).index.tolist() == ["x", "y"]


def test_problem_texts():
    assert problem_text("") == ""
    assert problem_text("other") == "other"  # a code it does not know is shown as it is
    assert problem_text("ambiguous") == ("không rõ dấu chấm là dấu thập phân hay phân cách hàng nghìn "
                                         "(viết 1234 hoặc 1,234)")
    assert problem_text("kind_number") == "chỉ tiêu này cần một số hoặc Đạt/Không đạt"
    assert problem_text("kind_number", "%") == "chỉ tiêu này cần một số (%) hoặc Đạt/Không đạt"
    assert problem_text("range") == "ngoài khoảng 0–100"
    assert problem_text("percent_sign") == "có dấu % nhưng đơn vị của chỉ tiêu là (không có)"
    assert problem_text("percent_sign", "ha") == "có dấu % nhưng đơn vị của chỉ tiêu là ha"


def test_value_messages():
    assert value_message("x", "1.2", "", "") == ("giá trị 'x' không đọc được cho chỉ tiêu 1.2: "
                                                 "không phải số, cũng không phải Đạt/Không đạt hay có/không")
    assert value_message("có", "3.1", "tiny-ntm", "kind_number") == (
        "giá trị 'có' không đọc được cho chỉ tiêu 3.1 (tiny-ntm): chỉ tiêu này cần một số hoặc Đạt/Không đạt")
    assert value_message("120", "3.1", "tiny-ntm", "range") == (
        "giá trị '120' ngoài khoảng 0–100 cho chỉ tiêu 3.1 (tiny-ntm), đơn vị %")


def test_booleans_and_large_numbers_as_text():
    assert [number_to_text(x) for x in (True, False, np.bool_(True), np.bool_(False))] == [
        "true", "false", "true", "false"]
    assert [number_to_text(x) for x in (1e15, 1e16, -2.5e16, 123456789012345.5)] == [
        "1000000000000000", "10000000000000000", "-25000000000000000", "123456789012346"]  # 15 digits, as Excel
