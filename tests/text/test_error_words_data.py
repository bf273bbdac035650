"""Error messages of criteria sets, datasets, scoring and the base helpers, worded in English with
`--lang en` and unchanged in Vietnamese: real error paths, through the library and the `ntm` command."""
import pandas as pd
import pytest
from click.testing import CliRunner

from ntmlib.base.languages import check_lang
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import load_set
from ntmlib.dataset import resolve
from ntmlib.dataset.loading import load_dataset
from ntmlib.errors import DataError, ParameterError
from ntmlib.scoring.cache import read_scorecard

from tests.helpers.paths import ROOT, TINY
from tests.helpers.tiny import tiny_copy

BAD = ROOT / "tests" / "data" / "bad"
BAD_SETS = ROOT / "tests" / "data" / "bad-sets"


def problems(error: DataError, lang: str) -> list[str]:
    return [p.text(lang) for p in error.problems]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# --------------------------------------------------------------------------- resolve: words passed as values


def test_an_unknown_commune_lists_the_communes_in_either_language():
    communes = pd.DataFrame({"commune_id": [str(i) for i in range(27)],
                             "commune": [f"Xã Q{i}W" for i in range(27)]})
    with pytest.raises(ParameterError) as e:
        resolve.commune_id(communes, "Zzzzzz")
    listed = "Xã Q0W, Xã Q1W, Xã Q2W, Xã Q3W, Xã Q4W"
    assert problems(e.value, "vi") == [f"communes.csv: không có xã 'Zzzzzz'. Có: {listed}, … (27 xã)"]
    assert problems(e.value, "en") == [f"communes.csv: no commune 'Zzzzzz'. There are: {listed}, … (27 communes)"]


def test_a_name_of_several_communes_a_district_and_a_set_in_english():
    communes = pd.DataFrame({"commune_id": ["1", "2"], "commune": ["An", "An"], "district": ["Lý Nhân"] * 2})
    with pytest.raises(ParameterError) as e:
        resolve.commune_id(communes, "an")
    assert problems(e.value, "vi") == ["communes.csv: 'an' trùng với nhiều xã: 1 (An), 2 (An); ghi mã để chọn một"]
    assert problems(e.value, "en") == ["communes.csv: 'an' matches several communes: 1 (An), 2 (An); write the code "
                                       "to choose one"]
    with pytest.raises(ParameterError) as e:
        resolve.district_name(communes, "Ly Nhan Moi")
    assert problems(e.value, "vi") == ["communes.csv: không có huyện 'Ly Nhan Moi'. Có phải: Lý Nhân?"]
    assert problems(e.value, "en") == ["communes.csv: no district 'Ly Nhan Moi'. Did you mean: Lý Nhân?"]
    with pytest.raises(ParameterError) as e:
        resolve.set_id("zz", {"tiny-ntm": "Tiny NTM"})
    assert problems(e.value, "vi") == ["bộ tiêu chí: không có bộ tiêu chí 'zz'. Có: tiny-ntm"]
    assert problems(e.value, "en") == ["criteria set: no criteria set 'zz'. There are: tiny-ntm"]


def test_the_command_names_an_unknown_commune_and_set_in_english():
    vi, en = run("trends", TINY, "--commune", "Zzz"), run("trends", TINY, "--commune", "Zzz", "--lang", "en")
    assert vi.exit_code == en.exit_code == 2
    assert vi.output == "Lỗi: communes.csv: không có xã 'Zzz'. Có: An, Bình, Cao, Thị trấn Đông\n"
    assert en.output == "Error: communes.csv: no commune 'Zzz'. There are: An, Bình, Cao, Thị trấn Đông\n"
    en = run("score", TINY, "--year", "2023", "--set", "nope", "--lang", "en")
    assert en.output.startswith("Error: criteria set: no criteria set 'nope'. There are: tiny-ntm, tiny-nc")


# --------------------------------------------------------------------------- the checks of loading


def test_bad_observations_in_english_through_the_command(tmp_path):
    d = tiny_copy(tmp_path, add=("B,2023,tiny-ntm,1.11,95", "A,20x3,tiny-ntm,1.1,95", "Zz,2023,tiny-ntm,1.1,95",
                                 "C,2023,tiny-ntm,2.2,nhiều"))
    vi, en = run("score", d, "--year", "2023"), run("score", d, "--year", "2023", "--lang", "en")
    assert vi.exit_code == en.exit_code == 2
    assert vi.output.splitlines() == [
        "Lỗi dữ liệu (5 vấn đề):",
        "  - observations.csv: dòng 20 (cột value): giá trị trùng lặp khác nhau cho xã C, năm 2023, chỉ tiêu 2.2 "
        "(các dòng 20, 32: '0', 'nhiều')",
        "  - observations.csv: dòng 29 (cột indicator): không có chỉ tiêu '1.11' của bộ tiny-ntm năm 2023 "
        "(có phải '1.1'?)",
        "  - observations.csv: dòng 30 (cột year): năm '20x3' không hợp lệ",
        "  - observations.csv: dòng 31 (cột commune_id): xã 'Zz' không có trong communes.csv",
        "  - observations.csv: dòng 32 (cột value): giá trị 'nhiều' không đọc được cho chỉ tiêu 2.2 (tiny-ntm): "
        "không phải số, cũng không phải Đạt/Không đạt hay có/không"]
    assert en.output.splitlines() == [
        "Problems in the data (5):",
        "  - observations.csv: line 20 (column value): different values repeated for commune C, year 2023, "
        "indicator 2.2 (lines 20, 32: '0', 'nhiều')",
        "  - observations.csv: line 29 (column indicator): no indicator '1.11' of set tiny-ntm in 2023 "
        "(did you mean '1.1'?)",
        "  - observations.csv: line 30 (column year): year '20x3' is not valid",
        "  - observations.csv: line 31 (column commune_id): commune 'Zz' is not in communes.csv",
        "  - observations.csv: line 32 (column value): value 'nhiều' cannot be read for indicator 2.2 (tiny-ntm): "
        "neither a number nor Đạt/Không đạt or có/không"]


def test_crosswalk_problems_name_their_places_in_english():
    with pytest.raises(DataError) as e:
        load_dataset(BAD / "csv-crosswalk-two-successors")
    assert problems(e.value, "vi")[1] == ("crosswalk.csv: dòng 5 (cột new_commune): xã mới 13573@2025-07-01 đã ghi "
                                          "tên 'Lý Nhân' (dòng 2), ở đây là 'Lí Nhân'")
    assert problems(e.value, "en")[1] == ("crosswalk.csv: line 5 (column new_commune): new commune 13573@2025-07-01 "
                                          "already has the name 'Lý Nhân' (line 2), here 'Lí Nhân'")


def test_workbook_problems_name_the_sheet_in_english():
    with pytest.raises(DataError) as e:
        load_dataset(BAD / "xlsx-wide-no-year")
    assert problems(e.value, "vi") == [
        "observations.xlsx: trang tính 'NTM': không rõ năm của trang tính 'NTM': đặt tên trang là năm (ví dụ '2023' "
        "hoặc '2023 NTM') hoặc ghi 'Năm 2023' ở dòng tiêu đề"]
    assert problems(e.value, "en") == [
        "observations.xlsx: sheet 'NTM': unclear year of sheet 'NTM': name the sheet by its year (for example '2023' "
        "or '2023 NTM') or write 'Năm 2023' in the title rows"]


def test_a_missing_column_names_the_header_line_in_english():
    with pytest.raises(DataError) as e:
        load_dataset(BAD / "csv-missing-column-typo")
    assert problems(e.value, "vi") == [
        "observations.csv: dòng 1 (cột indicator): thiếu cột bắt buộc 'indicator' (có phải 'indicatr'?); các cột có: "
        "commune_id, year, set, indicatr, value"]
    assert problems(e.value, "en") == [
        "observations.csv: line 1 (column indicator): required column 'indicator' is missing (did you mean "
        "'indicatr'?); the columns are: commune_id, year, set, indicatr, value"]


# --------------------------------------------------------------------------- criteria sets, scoring, languages


def test_criteria_set_problems_in_english():
    with pytest.raises(DataError) as e:
        load_set(BAD_SETS / "bad-region.yaml")
    vi, en = problems(e.value, "vi"), problems(e.value, "en")
    assert "bad-region.yaml: criteria[0].indicators[0].threshold: không có vùng 'DBSHH'" in vi
    assert "bad-region.yaml: criteria[0].indicators[0].threshold: no region 'DBSHH'" in en
    assert "bad-region.yaml: criteria[1].indicators[0].threshold: quy tắc '<=' cần ngưỡng" in vi
    assert "bad-region.yaml: criteria[1].indicators[0].threshold: rule '<=' needs a threshold" in en
    with pytest.raises(DataError) as e:
        load_set(BAD_SETS / "bad-missing-parent.yaml")
    assert problems(e.value, "vi") == ["bad-missing-parent.yaml: extends: kế thừa bộ tiêu chí không có: 'no-such-set'"]
    assert problems(e.value, "en") == ["bad-missing-parent.yaml: extends: extends a criteria set that does not exist: "
                                       "'no-such-set'"]


def test_a_schema_error_names_the_types_in_english(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text('id: bad\nname: X\ntier: ntm\nperiod: [2021, "x"]\ngroups: [{code: A, name: A}]\n'
                    "criteria: [{code: '1', name: C, group: A, indicators: [{code: '1.1', name: I, rule: 'yes', "
                    "confidence: confirmed}]}]\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_set(path)
    assert problems(e.value, "vi") == ["bad.yaml: period[1]: 'x' không phải số nguyên"]
    assert problems(e.value, "en") == ["bad.yaml: period[1]: 'x' is not an integer"]


def test_scorecard_and_language_errors_in_english(tiny_card, tmp_path):
    with pytest.raises(ParameterError) as e:
        tiny_card.require_set("nope")
    assert problems(e.value, "vi") == ["bộ tiêu chí: không có bộ tiêu chí 'nope' trong kết quả chấm "
                                       "(có: tiny-ntm, tiny-nc)"]
    assert problems(e.value, "en") == ["criteria set: no criteria set 'nope' in the scores (there is: tiny-ntm, "
                                       "tiny-nc)"]
    with pytest.raises(ParameterError) as e:
        check_lang("fr")
    assert problems(e.value, "vi") == ["ngôn ngữ: 'fr' không hỗ trợ (dùng vi hoặc en)"]
    assert problems(e.value, "en") == ["language: 'fr' is not supported (use vi or en)"]
    path = tmp_path / "scores.pkl"
    path.write_bytes(b"\x80\x05K\x01.")  # a pickle, of another thing than scores
    with pytest.raises(DataError) as e:
        read_scorecard(path)
    assert problems(e.value, "vi") == [f"{path}: tệp điểm đã chấm sẵn theo định dạng khác của ntmlib: chạy lại lô "
                                       "báo cáo"]
    assert problems(e.value, "en") == [f"{path}: the file of scores computed beforehand is in another format of "
                                       "ntmlib: run the report batch again"]


def test_why_a_folder_cannot_be_written_in_english(tmp_path):
    from ntmlib.base.outputs import check_output_dir
    from ntmlib.errors import OutputError

    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as e:
        check_output_dir(tmp_path / "a-file" / "out")
    where = tmp_path / "a-file" / "out"
    assert problems(e.value, "vi") == [f"{where}: không ghi được vào thư mục kết quả: không phải là thư mục"]
    assert problems(e.value, "en") == [f"{where}: cannot write into the output folder: not a folder"]
