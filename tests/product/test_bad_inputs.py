"""Every broken input of tests/data/bad stops `ntm validate` (and `ntm score`) with exit status 2,
one line per problem naming the file, the place and the column, and no traceback.

Each case is a dataset folder; its expected.txt lists substrings the output must contain.
The Excel and Parquet cases are written by tests/data/bad/make_xlsx_cases.py.
"""
import runpy
import shutil

import pytest
from click.testing import CliRunner

from ntmlib.cli import main

from tests.helpers.paths import DATA

BAD = DATA / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())
SCORED = ["csv-text-for-numeric", "csv-many-problems-at-once", "csv-windows-1258", "csv-missing-column",
          "xlsx-wide-text-for-numeric", "xlsx-tidy-unknown-commune", "xlsx-wide-no-year", "parquet-text-for-numeric"]


def expected(case: str) -> list[str]:
    return [ln for ln in (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]


def check(result, case: str) -> None:
    out = result.output
    assert result.exit_code == 2, out
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in out
    assert "Lỗi dữ liệu (" in out
    for line in expected(case):
        assert line in out, f"{case}: {line!r} not in\n{out}"


def test_corpus_is_large_and_covers_every_kind_of_file():
    assert len(CASES) >= 25
    kinds = {c.split("-")[0] for c in CASES}
    assert kinds == {"csv", "xlsx", "parquet"}
    assert "csv-windows-1258" in CASES


@pytest.mark.parametrize("case", CASES)
def test_validate_lists_the_problem_with_its_place(case):
    check(CliRunner().invoke(main, ["validate", str(BAD / case)]), case)


@pytest.mark.parametrize("case", SCORED)
def test_score_stops_the_same_way(case):
    check(CliRunner().invoke(main, ["score", str(BAD / case), "--year", "2023"]), case)


def test_windows_1258_file_really_is_windows_1258():
    data = (BAD / "csv-windows-1258" / "observations.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Đạt" in __import__("unicodedata").normalize("NFC", data.decode("cp1258"))


def test_excel_cases_match_their_generator(tmp_path):
    """make_xlsx_cases.py, run again, writes the same expected messages and readable files."""
    generated = runpy.run_path(str(BAD / "make_xlsx_cases.py"), run_name="make_xlsx_cases")["cases"]()
    on_disk = {c for c in CASES if c.startswith(("xlsx-", "parquet-"))}
    assert set(generated) == on_disk
    for name, (_, _, lines) in generated.items():
        assert expected(name) == lines, name


def test_python_api_raises_data_error_with_a_table(tmp_path):
    import ntmlib

    with pytest.raises(ntmlib.DataError) as e:
        ntmlib.score(BAD / "csv-many-problems-at-once", year=2023)
    frame = e.value.to_frame()
    assert list(frame.columns) == ["file", "place", "column", "message"]
    assert len(frame) == 5
    assert frame["place"].tolist() == ["dòng 11", "dòng 12", "dòng 13", "dòng 14", "dòng 15"]
    assert frame["column"].tolist() == ["indicator", "commune_id", "value", "value", "year"]
    problems = ntmlib.validate(BAD / "csv-many-problems-at-once")
    assert [str(p) for p in problems] == str(e.value).splitlines()


def test_a_clean_copy_of_a_case_is_clean(tmp_path):
    """The cases differ from valid data only by their defect: the base rows alone are clean."""
    d = tmp_path / "d"
    shutil.copytree(BAD / "csv-text-for-numeric", d)
    lines = (d / "observations.csv").read_text(encoding="utf-8").splitlines()
    (d / "observations.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", str(d)])
    assert r.exit_code == 0, r.output
