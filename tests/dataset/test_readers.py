"""Reading observations in every layout and format into the same tidy table, and writing the
scored workbook. The examples under data/examples hold the observations of the tiny fixture:
read from any of them, the scores equal the fixture's."""
import shutil
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import ntmlib
from ntmlib.dataset import readers
from ntmlib.dataset.resolve import resolve_communes
from ntmlib.office.excel import MET_FILL, NODATA_FILL, UNMET_FILL, write_score_workbook

from tests.helpers.paths import TINY

EXAMPLES = Path(__file__).parents[2] / "data" / "examples"
COLS = ["commune_id", "year", "set", "indicator", "met", "number", "assessed"]


def dataset_with(tmp_path, name: str, src: Path | None = None, text: str | None = None) -> Path:
    """A copy of the tiny fixture whose observations file is replaced by `src` (or `text`) as `name`."""
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    if src is not None:
        shutil.copy(src, d / name)
    else:
        (d / name).write_text(text, encoding="utf-8")
    return d


def scores(path) -> pd.DataFrame:
    return ntmlib.score(path, year=[2022, 2023]).indicators[COLS]


@pytest.fixture(scope="module")
def fixture_scores():
    return scores(TINY)


# --------------------------------------------------------------------------- the two layouts


def test_tidy_example_scores_like_the_fixture(tmp_path, fixture_scores):
    d = dataset_with(tmp_path, "observations.csv", EXAMPLES / "tidy.csv")
    assert ntmlib.validate(d) == []
    pd.testing.assert_frame_equal(scores(d), fixture_scores)


def test_wide_example_scores_like_the_fixture(tmp_path, fixture_scores):
    d = dataset_with(tmp_path, "observations.xlsx", EXAMPLES / "wide.xlsx")
    problems = ntmlib.validate(d)
    assert problems == []
    pd.testing.assert_frame_equal(scores(d), fixture_scores)
    # nothing dropped silently: the criterion verdict row, the totals row and the notes sheet are reported
    skipped = [str(s) for s in problems.skipped]
    assert "observations.xlsx: '2023 NTM'!A7: bỏ qua 1 dòng: dòng tiêu chí hoặc nhóm tiêu chí (chỉ chấm theo chỉ tiêu)" \
        in skipped
    assert "observations.xlsx: '2023 NTM'!A18: bỏ qua 1 dòng: có số liệu nhưng không có mã chỉ tiêu" in skipped
    assert "observations.xlsx: trang tính 'Ghi chú': bỏ qua 1 trang tính: không có bảng số liệu" in "\n".join(skipped)


def test_wide_sheet_places_and_values(tmp_path):
    d = dataset_with(tmp_path, "observations.xlsx", EXAMPLES / "wide.xlsx")
    ds = ntmlib.load_dataset(d)
    obs = ds.observations.set_index("place")
    # two-row merged header: communes on row 6, data from row 7; "Xã An", "Bình" and "C" all resolve
    assert obs.loc["'2023 NTM'!D8", ["commune_id", "year", "set", "indicator", "value"]].tolist() == [
        "A", 2023, "tiny-ntm", "1.1", "100"]
    assert obs.loc["'2023 NTM'!E8", "commune_id"] == "B" and obs.loc["'2023 NTM'!F8", "commune_id"] == "C"
    assert obs.loc["'2023 NTM'!D11", "value"] == "63,5"  # a number cell, written the Vietnamese way
    assert obs.loc["'2023 NTM'!D15", "value"] == "96%"  # 0.96 in a cell formatted as a percentage
    assert obs.loc["'2023 nâng cao'!F9", ["set", "value"]].tolist() == ["tiny-nc", "ĐẠT"]
    assert obs.loc["'2023 NTM'!D8", "line"] == 8
    # the other fields of a value cell, as the user sees them
    assert ds.locate("observations", "'2023 NTM'!E12", "indicator") == ("'2023 NTM'!A12", "TT")
    assert ds.locate("observations", "'2023 NTM'!E12", "commune_id") == ("'2023 NTM'!E6", "Bình")
    assert ds.locate("observations", "'2023 NTM'!E12", "year") == ("trang tính '2023 NTM'", "")


def test_wide_sheet_read_streaming_gives_the_same_table(tmp_path, monkeypatch):
    d = dataset_with(tmp_path, "observations.xlsx", EXAMPLES / "wide.xlsx")
    full = ntmlib.load_dataset(d).observations
    monkeypatch.setattr(readers.xlsx, "READ_ONLY_ABOVE", 0)  # large workbooks are streamed (no merged cells)
    streamed = ntmlib.load_dataset(d).observations
    # without merged cells the header holding 'TT' continues on the row of the commune names
    pd.testing.assert_frame_equal(streamed, full)
    assert len(full) == 26


def test_wide_sheet_with_a_numbering_row_and_ids_across(tmp_path, fixture_scores):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022"
    ws.append(["BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI"])
    ws.append(["Mã chỉ tiêu", "Nội dung", "A", "B"])
    ws.append(["(1)", "(2)", "(3)", "(4)"])
    ws.append(["2.1", "Thu nhập", 60, None])
    ws.append(["2.2", "Tỷ lệ nghèo", 2.8, None])
    ws2 = wb.create_sheet("2023 tiny-nc")
    ws2.append(["Mã", "Xã An", "Xã Cao"])
    ws2.append(["1.2", "Đạt", "Đạt"])
    wb.save(tmp_path / "w.xlsx")
    d = dataset_with(tmp_path, "observations.xlsx", tmp_path / "w.xlsx")
    ds = ntmlib.load_dataset(d, collect=[])
    assert ds.observations[["place", "commune_id", "year", "set", "indicator", "value"]].values.tolist() == [
        ["2022!C4", "A", 2022, "tiny-ntm", "2.1", "60"], ["2022!C5", "A", 2022, "tiny-ntm", "2.2", "2,8"],
        ["'2023 tiny-nc'!B2", "A", 2023, "tiny-nc", "1.2", "Đạt"],
        ["'2023 tiny-nc'!C2", "C", 2023, "tiny-nc", "1.2", "Đạt"]]


def test_tidy_workbook_with_title_rows_and_parquet(tmp_path, fixture_scores):
    tidy = pd.read_csv(TINY / "observations.csv", dtype=str, keep_default_na=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["SỐ LIỆU CÁC CHỈ TIÊU"])
    ws.append([])
    ws.append(list(tidy.columns))
    for row in tidy.itertuples(index=False):
        ws.append([int(v) if c == "year" else v for c, v in zip(tidy.columns, row)])
    src = tmp_path / "obs.xlsx"
    wb.save(src)
    d = dataset_with(tmp_path, "observations.xlsx", src)
    pd.testing.assert_frame_equal(scores(d), fixture_scores)
    ds = ntmlib.load_dataset(d)
    assert ds.observations["place"].iloc[0] == "'Số liệu'!E4"
    assert ds.locate("observations", "'Số liệu'!E4", "commune_id") == ("'Số liệu'!A4", "commune_id")

    shutil.rmtree(d)
    pq = tidy.assign(year=tidy["year"].astype(int))
    pq.to_parquet(tmp_path / "obs.parquet", index=False)
    d = dataset_with(tmp_path, "observations.parquet", tmp_path / "obs.parquet")
    pd.testing.assert_frame_equal(scores(d), fixture_scores)
    assert ntmlib.load_dataset(d).observations["place"].iloc[0] == "hàng 1"


def test_parquet_numbers_are_read_as_written(tmp_path):
    df = pd.DataFrame({"commune_id": ["A", "A", "B"], "year": [2023, 2023, 2023], "set": ["tiny-ntm"] * 3,
                       "indicator": ["2.1", "3.2", "2.1"], "value": [63.5, 4.5, np.nan]})
    df.to_parquet(tmp_path / "o.parquet", index=False)
    t = readers.read_parquet(tmp_path / "o.parquet", [])
    assert t.frame["value"].tolist() == ["63,5", "4,5", ""]
    assert t.frame["year"].tolist() == ["2023"] * 3


# --------------------------------------------------------------------------- CSV details


def test_csv_semicolons_bom_quoted_line_breaks_and_blank_lines(tmp_path):
    text = ("\ufeffcommune_id;year;set;indicator;value;note\n"
            "A;2023;tiny-ntm;1.1;100;\"ghi chú\ntrên hai dòng\"\n"
            "\n"
            "A;2023;tiny-ntm;3.2;nhiều;\n")
    d = dataset_with(tmp_path, "observations.csv", text=text)
    with pytest.raises(ntmlib.DataError) as e:
        ntmlib.load_dataset(d)
    # line 2 spans two lines, line 4 is blank: the bad value is on line 5
    assert [str(p) for p in e.value.problems] == [
        "observations.csv: dòng 5 (cột value): giá trị 'nhiều' không đọc được cho chỉ tiêu 3.2 (tiny-ntm): "
        "không phải số, cũng không phải Đạt/Không đạt hay có/không"]


def test_communes_by_id_or_name_with_or_without_prefix_or_diacritics():
    communes = pd.DataFrame({"commune_id": ["13570", "13573", "13576", "D"],
                             "commune": ["Nhân Bình", "Nhân Thịnh", "Nhân Binh", "Thị trấn Vĩnh Trụ"]})
    refs = pd.Series(["13570", "Nhân Bình", "Xã Nhân Bình", "xã  nhân bình", "Nhân Thịnh", "nhan thinh",
                      "Nhân Binh", "nhan binh", "Vĩnh Trụ", "Thị trấn Vĩnh Trụ", "Z", ""])
    # "nhan binh" without diacritics matches two communes: not resolved (reported as unknown)
    assert resolve_communes(refs, communes).tolist() == [
        "13570", "13570", "13570", "13570", "13573", "13573", "13576", "", "D", "D", "", ""]


def test_dataset_commune_id_keeps_its_contract():
    ds = ntmlib.load_dataset(TINY)
    assert ds.commune_id("Xã Bình") == "B" and ds.commune_id("C") == "C" and ds.commune_id("Đông") == "D"
    with pytest.raises(ntmlib.DataError, match="không có xã 'Không Có'"):
        ds.commune_id("Không Có")


def test_repeated_rows_with_the_same_value_are_counted_not_errors(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    with open(d / "observations.csv", "a", encoding="utf-8") as f:
        f.write("Xã An,2023,tiny-ntm,1.1,100\n")
    problems = ntmlib.validate(d)
    assert problems == []
    assert [str(s) for s in problems.skipped] == [
        "observations.csv: dòng 29: bỏ qua 1 dòng: trùng lặp cùng giá trị với một dòng trước, chỉ tính một lần"]
    assert [str(s) for s in ntmlib.load_dataset(d).skipped] == [str(s) for s in problems.skipped]


def test_tier_word_for_the_set_and_sheet_references():
    assert readers.cell_place("2023", 4, 14) == "2023!D14"
    assert readers.cell_place("2023 NTM", 28, 3) == "'2023 NTM'!AB3"
    assert readers.parse_cell("'2023 NTM'!AB3") == ("2023 NTM", 28, 3)
    assert readers.parse_cell("'Bà''s'!A1") == ("Bà's", 1, 1)
    assert readers.parse_cell("dòng 14") is None
    assert readers.lines_text(["dòng 2", "dòng 29"]) == "các dòng 2, 29"


# --------------------------------------------------------------------------- the scored workbook


def test_score_workbook_sheets_colours_headers(tmp_path, tiny_card):
    out = write_score_workbook(tiny_card, tmp_path / "kq" / "diem.xlsx")
    assert out.exists() and not [p for p in out.parent.iterdir() if p != out]  # no temporary file left
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["NTM", "NTM nâng cao", "Chỉ tiêu NTM", "Chỉ tiêu NTM nâng cao", "Chú thích"]
    ws = wb["NTM"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Mã xã", "Xã", "Năm", "Bộ tiêu chí", "Kết quả"]
    assert header[-3:] == ["1. Giao thông và quy hoạch", "2. Thu nhập và nghèo", "3. Y tế và môi trường"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert rows["C"][4].value == "2/3 tiêu chí, 6/7 chỉ tiêu"
    c3 = rows["C"][header.index("3. Y tế và môi trường")]
    assert (c3.value, c3.fill.fgColor.rgb[-6:]) == ("Chưa đạt", UNMET_FILL)
    b3 = rows["B"][header.index("3. Y tế và môi trường")]
    assert (b3.value, b3.fill.fgColor.rgb[-6:]) == ("Chưa có số liệu", NODATA_FILL)
    a1 = rows["A"][header.index("1. Giao thông và quy hoạch")]
    assert (a1.value, a1.fill.fgColor.rgb[-6:]) == ("Đạt", MET_FILL)
    ind = pd.read_excel(out, sheet_name="Chỉ tiêu NTM", dtype=object)
    assert len(ind) == len(tiny_card.indicators[tiny_card.indicators["set"] == "tiny-ntm"])
    b11 = ind[(ind["Mã xã"] == "B") & (ind["Chỉ tiêu"] == "1.1")].iloc[0]
    assert (b11["Giá trị số"], b11["Ngưỡng"], b11["Kết quả"], b11["Chênh lệch so với ngưỡng"]) == (
        98, 100, "Chưa đạt", -2)
    assert b11["Nguồn (dòng / ô)"] == "dòng 11"


def test_score_workbook_is_replaced_atomically(tmp_path, tiny_card):
    path = tmp_path / "diem.xlsx"
    path.write_text("cũ")
    write_score_workbook(tiny_card, path)
    assert openpyxl.load_workbook(path).sheetnames[0] == "NTM"


def test_score_workbook_of_one_tier(tmp_path, tiny_card):
    out = write_score_workbook(tiny_card, tmp_path / "nc.xlsx", sets=["tiny-nc"])
    assert openpyxl.load_workbook(out).sheetnames == ["NTM nâng cao", "Chỉ tiêu NTM nâng cao", "Chú thích"]


def test_validate_result_shows_as_a_table():
    problems = ntmlib.validate(Path(__file__).parents[1] / "data" / "bad" / "csv-many-problems-at-once")
    html = problems._repr_html_()
    assert "<table" in html and "dòng 13" in html
    assert list(problems.to_frame().columns) == ["file", "place", "column", "message"]
    assert ntmlib.validate(TINY, official=False)._repr_html_() == "<p>Dữ liệu hợp lệ, không có vấn đề.</p>"
    # checked against the official list, the made-up province is a warning shown under the verdict
    html = ntmlib.validate(TINY)._repr_html_()
    assert html.startswith("<p>Dữ liệu hợp lệ, không có vấn đề.</p><table") and "tỉnh 'Thử nghiệm' không có trong danh mục" in html


def test_wide_sheet_year_and_set_from_its_titles(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 02"
    ws.append(["BAN CHỈ ĐẠO CHƯƠNG TRÌNH XÂY DỰNG NÔNG THÔN MỚI HUYỆN"])
    ws.append(["KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NÂNG CAO NĂM 2023"])
    ws.append(["STT", "Chỉ tiêu", "An", "Cao", "Toàn huyện"])
    ws.append(["1.2", "Có tuyến đường hoa", "Đạt", "không đạt", "1/2"])
    wb.save(tmp_path / "w.xlsx")
    d = dataset_with(tmp_path, "observations.xlsx", tmp_path / "w.xlsx")
    problems = ntmlib.validate(d)
    assert problems == []
    assert [str(s) for s in problems.skipped] == [
        "observations.xlsx: 'Biểu 02'!E3: bỏ qua 1 cột: cột tổng 'Toàn huyện' không phải một xã"]
    ds = ntmlib.load_dataset(d)
    assert ds.observations[["place", "commune_id", "year", "set", "value"]].values.tolist() == [
        ["'Biểu 02'!C4", "A", 2023, "tiny-nc", "Đạt"], ["'Biểu 02'!D4", "C", 2023, "tiny-nc", "không đạt"]]
    assert ds.locate("observations", "'Biểu 02'!C4", "year") == ("'Biểu 02'!A2", "")


def test_framework_column_is_read_as_set_unless_both_are_present(tmp_path):
    text = (TINY / "observations.csv").read_text(encoding="utf-8").replace(
        "commune_id,year,set,indicator,value", "commune_id,year,framework,indicator,value", 1)
    d = dataset_with(tmp_path, "observations.csv", text=text)
    assert ntmlib.validate(d) == []
