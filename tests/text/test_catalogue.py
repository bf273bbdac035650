"""The vi/en catalogue: every table has the same keys in both languages, every placeholder of a
Vietnamese text is filled in English too, and error messages are worded in either language."""
import pickle
import string

import pytest

import ntmlib.text as text
from ntmlib.errors import Problem
from ntmlib.text import ERROR_TEXT, error_text, label

# Tables only in Vietnamese, on purpose: the office workbooks are always written in Vietnamese, and these
# are the Vietnamese halves (or Vietnamese-only words) of tables keyed by language elsewhere.
VIETNAMESE_ONLY = {"CONFIDENCE_MARKS", "ENTRY_TEMPLATE_WORDS", "FRAMEWORK_EXCEL_DERIVED_WORDS",
                   "FRAMEWORK_EXCEL_WORDS", "RESULT_MET", "RULE_SIGNS", "TIER_NAMES", "TIER_NAMES_EN"}
# Lists that are each language's own rules, not translations item by item.
OWN_RULES = {("DOCUMENT_LABELS", "shortenings")}
# Placeholders a language words differently: English writes the month's name, and names the kind of
# unit after the name ("{name} commune").
WORDED_DIFFERENTLY = {
    ("DATE_FORMATS", "short"): {"month"}, ("DATE_FORMATS", "long"): {"month"},
    ("FORMATION_TEXT", "formed"): {"kind"}, ("REPORT_TEXT", "successor"): {"kind"},
    ("REORG_LABELS", "typed_unit"): {"lower"},
    ("ERROR_TEXT", "date_short"): {"month"},
}


def tables():
    return {name: getattr(text, name) for name in text.__all__
            if isinstance(getattr(text, name), dict) and name not in VIETNAMESE_ONLY}


def pairs(vi, en, path):
    """(path, vi, en) for every leaf of two tables, failing on a key or length one of them lacks."""
    if isinstance(vi, dict):
        assert isinstance(en, dict) and vi.keys() == en.keys(), (path, set(vi) ^ set(en))
        for key in vi:
            yield from pairs(vi[key], en[key], path + (key,))
    elif isinstance(vi, (list, tuple)) and path not in OWN_RULES:
        assert isinstance(en, (list, tuple)) and len(vi) == len(en), path
        for k, (a, b) in enumerate(zip(vi, en)):
            yield from pairs(a, b, path + (k,))
    else:
        yield path, vi, en


def fields(s: str) -> set[str]:
    """The placeholders of `s`, in lower case: '{Tier}' fills '{tier}' capitalised."""
    return {f.lower() for _, f, _, _ in string.Formatter().parse(s) if f}


def test_the_catalogue_has_its_tables():
    found = tables()
    assert {"CLI_WORDS", "ERROR_TEXT", "HEADINGS", "REPORT_LABELS", "MAP_LABELS"} <= found.keys()
    assert not VIETNAMESE_ONLY & found.keys()


@pytest.mark.parametrize("name", sorted(tables()))
def test_every_table_has_the_same_keys_in_vi_and_en(name):
    table = tables()[name]
    assert set(table) == {"vi", "en"}, name
    assert list(pairs(table["vi"], table["en"], (name,)))


@pytest.mark.parametrize("name", sorted(tables()))
def test_every_vietnamese_placeholder_is_filled_in_english(name):
    table = tables()[name]
    for path, vi, en in pairs(table["vi"], table["en"], (name,)):
        if isinstance(vi, str) and isinstance(en, str):
            assert fields(vi) - fields(en) == WORDED_DIFFERENTLY.get(path, set()), (path, vi, en)


def test_a_missing_key_or_placeholder_is_caught():
    with pytest.raises(AssertionError):
        list(pairs({"a": "x", "b": "y"}, {"a": "x"}, ("T",)))
    assert fields("{n} xã, năm {year}") - fields("{n} communes") == {"year"}


def test_an_error_message_is_vietnamese_as_a_string_and_english_when_worded():
    problem = Problem("observations.csv", error_text("no_data_years", years="1999", have="2022, 2023"),
                      error_text("line", n=3), "value")
    assert str(problem) == "observations.csv: dòng 3 (cột value): không có số liệu năm 1999 (có: 2022, 2023)"
    assert problem.text("en") == "observations.csv: line 3 (column value): no data for 1999 (there is: 2022, 2023)"
    again = pickle.loads(pickle.dumps(problem))  # problems cross to the batch's workers and back
    assert again == problem and again.text("en") == problem.text("en")


def test_a_message_inside_a_message_is_worded_too():
    outer = error_text("year_not_there", absent=error_text("year_not_scored", year=2021), have="2023")
    assert outer == "năm 2021 chưa được chấm (có: 2023)"
    assert outer.worded("en") == "2021 was not scored (there is: 2023)"
    assert label(ERROR_TEXT, "line", "en", n=1) == "line 1"


def test_english_error_from_the_readers(tmp_path):
    from ntmlib.dataset.readers.csv import read_csv

    path = tmp_path / "communes.csv"
    path.write_bytes(b"")
    problems = []
    read_csv(path, ["commune_id"], problems)
    assert [str(p) for p in problems] == ["communes.csv: tệp rỗng"]
    assert [p.text("en") for p in problems] == ["communes.csv: the file is empty"]
