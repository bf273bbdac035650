"""Reading observations in every layout and format into the same tidy table, and writing the
scored workbook. The examples under data/examples hold the observations of the tiny fixture:
read from any of them, the scores equal the fixture's.

Both layouts offices keep in Excel read like the tidy file, and notes under the table are skipped.

The sample dataset's 2023 observations (data/ly-nhan/observations.csv) are written into two
workbooks, one sheet per criteria set:

- communes across the columns: indicator codes down column A (criterion rows between them,
  their names merged over the name and unit columns), communes by name ("Xã Hợp Lý") across a header under a merged
  "Kết quả thực hiện";
- one row per commune: "TT", "Mã xã", "Tên xã" merged over two header rows, the criterion
  names merged above the indicator codes across ("1. Quy hoạch" over "1.1", "1.2").

Under each table: a notes row merged across the table ("Ghi chú: …"), a signature row
("Người lập biểu", "Chủ tịch UBND xã") and the names under it. Each workbook, put in a copy
of data/ly-nhan as observations.xlsx, must score every commune and set as the CSV does, and
list the notes and signature rows among the skipped rows.

Observations named by a measure (no set) serve every set testing that measure: in a sheet
per set they are written at that set's indicator, unless the set's own code has a value.
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

import ntmlib
from ntmlib.cli import main
from ntmlib.dataset import readers
from ntmlib.dataset.resolve import resolve_communes
from ntmlib.office.score_workbook import write_score_workbook
from ntmlib.office.workbook_style import MET_FILL, NODATA_FILL, UNMET_FILL

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import DATA, EXAMPLES, ROOT, TINY

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
def fixture_scores(tiny_both_years_card):
    return tiny_both_years_card.indicators[COLS]


# --------------------------------------------------------------------------- the two layouts


def test_tidy_example_scores_like_the_fixture(tmp_path, fixture_scores):
    d = dataset_with(tmp_path, "observations.csv", EXAMPLES / "tidy.csv")
    assert ntmlib.validate(d) == []
    assert_frame_equal(scores(d), fixture_scores)


def test_wide_example_scores_like_the_fixture(tmp_path, fixture_scores):
    d = dataset_with(tmp_path, "observations.xlsx", EXAMPLES / "wide.xlsx")
    problems = ntmlib.validate(d)
    assert problems == []
    assert_frame_equal(scores(d), fixture_scores)
    # nothing dropped silently: the criterion verdict row, the totals row and the notes sheet are reported
    skipped = [str(s) for s in problems.skipped]
    assert ("observations.xlsx: '2023 NTM'!A7: bỏ qua 1 dòng: dòng tiêu chí hoặc nhóm tiêu chí "
            "(chỉ chấm theo chỉ tiêu)") in skipped
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
    assert_frame_equal(streamed, full)
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
    assert_frame_equal(scores(d), fixture_scores)
    ds = ntmlib.load_dataset(d)
    assert ds.observations["place"].iloc[0] == "'Số liệu'!E4"
    assert ds.locate("observations", "'Số liệu'!E4", "commune_id") == ("'Số liệu'!A4", "commune_id")

    shutil.rmtree(d)
    pq = tidy.assign(year=tidy["year"].astype(int))
    pq.to_parquet(tmp_path / "obs.parquet", index=False)
    d = dataset_with(tmp_path, "observations.parquet", tmp_path / "obs.parquet")
    assert_frame_equal(scores(d), fixture_scores)
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
    problems = ntmlib.validate(DATA / "bad" / "csv-many-problems-at-once")
    html = problems._repr_html_()
    assert "<table" in html and "dòng 13" in html
    assert list(problems.to_frame().columns) == ["file", "place", "column", "message"]
    assert ntmlib.validate(LY_NHAN, official=False)._repr_html_() == "<p>Dữ liệu hợp lệ, không có vấn đề.</p>"
    # communes without data in a year (the tiny dataset's 2022 has An alone) are a warning under the verdict
    html = ntmlib.validate(TINY, official=False)._repr_html_()
    assert html.startswith("<p>Dữ liệu hợp lệ, không có vấn đề.</p><table")
    assert "xã Bình (B) chưa có số liệu năm 2022" in html
    # checked against the official list, the made-up province is a warning shown under the verdict
    html = ntmlib.validate(TINY)._repr_html_()
    assert html.startswith("<p>Dữ liệu hợp lệ, không có vấn đề.</p><table")
    assert "tỉnh 'Thử nghiệm' không có trong danh mục" in html


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


LY_NHAN = ROOT / "data" / "ly-nhan"
YEAR = 2023
SHEETS = {"hanam-2022-ntm": "NTM 2023", "hanam-2022-nang-cao": "Nâng cao 2023", "hanam-2022-kieu-mau": "Kiểu mẫu 2023"}
NOTE = "Ghi chú: số liệu do các xã báo cáo, UBND huyện tổng hợp; ô trống là chưa có số liệu."
COUNTS = ["commune_id", "set", "criteria_met", "criteria_total", "indicators_met", "indicators_total", "no_data",
          "set_met", "tier_reached"]


# --------------------------------------------------------------------------- the sample, by set


def sample_values() -> tuple[dict[str, dict[tuple[str, str], str]], list[tuple[str, str]]]:
    """({set: {(commune id, code): value}}, [(commune id, name)]) of the sample's 2023 observations."""
    obs = pd.read_csv(LY_NHAN / "observations.csv", dtype=str, keep_default_na=False)
    obs = obs[obs["year"] == str(YEAR)]
    communes = pd.read_csv(LY_NHAN / "communes.csv", dtype=str, keep_default_na=False)
    names = dict(zip(communes["commune_id"], communes["commune"]))
    by_measure = {(r.commune_id, r.indicator): r.value for r in obs[obs["set"] == ""].itertuples()}
    values = {}
    for sid in SHEETS:
        s = ntmlib.load_set(sid)
        own = {(r.commune_id, r.indicator): r.value for r in obs[obs["set"] == sid].itertuples()}
        cells = {}
        for cid in dict.fromkeys(obs["commune_id"]):
            for ind in s.indicators:
                v = own.get((cid, ind.code), by_measure.get((cid, ind.measure)) if ind.measure else None)
                if v not in (None, ""):
                    cells[(cid, ind.code)] = v
        assert not set(own) - set(cells), f"{sid}: observations of codes the set does not have"
        values[sid] = cells
    ids = list(dict.fromkeys(obs["commune_id"]))
    return values, [(cid, names[cid]) for cid in ids]


def cell_value(text: str):
    """A value as an office types it: numbers as numbers (77,7 -> 77.7), words as text."""
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+,\d+", text):
        return float(text.replace(",", "."))
    return text


def _titles(ws, width: int, heading: str) -> None:
    ws["A1"] = "UBND HUYỆN LÝ NHÂN"
    ws.merge_cells("A1:C1")
    ws["A2"] = heading
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)


def _footer(ws, r: int, width: int, left: int, right: int) -> list[str]:
    """The notes row (merged across the table), a signature row and the names under it; their first cells."""
    ws.cell(r, 1, NOTE)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    ws.cell(r + 2, left, "Người lập biểu")
    ws.cell(r + 2, right, "Chủ tịch UBND xã")
    ws.cell(r + 3, left, "Nguyễn Văn An")
    ws.cell(r + 3, right, "Trần Thị Bình")
    return [f"A{r}", f"{get_column_letter(left)}{r + 2}", f"{get_column_letter(left)}{r + 3}"]


def _workbook(path: Path, write_sheet) -> dict[str, list[str]]:
    """A sheet per set written by write_sheet(ws, set, title, {(commune, code): value}, communes),
    which returns the sheet's footer cells; returns them by sheet."""
    values, communes = sample_values()
    wb = Workbook()
    wb.remove(wb.active)
    footers = {title: write_sheet(wb.create_sheet(title), ntmlib.load_set(sid), title, values[sid], communes)
               for sid, title in SHEETS.items()}
    wb.save(path)
    return footers


def _labels_on_two_rows(ws, labels: tuple[str, ...]) -> None:
    """Column headers A, B, C… merged over rows 4 and 5."""
    for col, text in enumerate(labels, start=1):
        ws.cell(4, col, text)
        ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)


def _columns_sheet(ws, s, title, values, communes) -> list[str]:
    first, width = 4, 3 + len(communes) + 1
    _titles(ws, width, f"KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ {title.upper()}")
    _labels_on_two_rows(ws, ("TT", "Nội dung tiêu chí, chỉ tiêu", "Đơn vị"))
    ws.cell(4, first, "Kết quả thực hiện")
    ws.merge_cells(start_row=4, start_column=first, end_row=4, end_column=first + len(communes) - 1)
    for k, (_, name) in enumerate(communes):
        ws.cell(5, first + k, f"Xã {name}")
    ws.cell(4, width, "Ghi chú")
    ws.merge_cells(start_row=4, start_column=width, end_row=5, end_column=width)
    r = 6
    for criterion in s.criteria:
        if criterion.code not in {i.code for i in s.indicators}:  # a criterion row, its name over B:C
            ws.cell(r, 1, criterion.code)
            ws.cell(r, 2, criterion.name)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
            r += 1
        for ind in (i for i in s.indicators if i.criterion == criterion.code):
            ws.cell(r, 1, ind.code)
            ws.cell(r, 2, ind.name)
            ws.cell(r, 3, ind.unit)
            for k, (cid, _) in enumerate(communes):
                if (cid, ind.code) in values:
                    ws.cell(r, first + k, cell_value(values[(cid, ind.code)]))
            r += 1
    return _footer(ws, r + 1, width, 2, first + 5)


def _rows_sheet(ws, s, title, values, communes) -> list[str]:
    first = 4
    width = first + len(s.indicators) - 1
    _titles(ws, width, f"TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ {title.upper()} CÁC XÃ")
    _labels_on_two_rows(ws, ("TT", "Mã xã", "Tên xã"))
    c = first
    for criterion in s.criteria:
        codes = [i.code for i in s.indicators if i.criterion == criterion.code]
        ws.cell(4, c, f"{criterion.code}. {criterion.name}")
        if len(codes) > 1:
            ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + len(codes) - 1)
        for code in codes:
            ws.cell(5, c, code)
            c += 1
    for k, (cid, name) in enumerate(communes):
        r = 6 + k
        ws.cell(r, 1, k + 1)
        ws.cell(r, 2, int(cid))
        ws.cell(r, 3, name)
        for j, ind in enumerate(s.indicators):
            if (cid, ind.code) in values:
                ws.cell(r, first + j, cell_value(values[(cid, ind.code)]))
    return _footer(ws, 6 + len(communes) + 1, width, 2, 6)


def columns_workbook(path: Path) -> dict[str, list[str]]:
    """Communes across the columns; returns the footer cells of each sheet."""
    return _workbook(path, _columns_sheet)


def rows_workbook(path: Path) -> dict[str, list[str]]:
    """One row per commune, codes across under merged criterion headers; returns the footer cells."""
    return _workbook(path, _rows_sheet)


def sample_with_workbook(tmp_path: Path, build) -> tuple[Path, dict[str, list[str]]]:
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d, ignore=shutil.ignore_patterns("sources"))
    (d / "observations.csv").unlink()
    return d, build(d / "observations.xlsx")


@pytest.fixture(scope="module")
def sample_scores(ly_nhan_2023_card) -> pd.DataFrame:
    return ly_nhan_2023_card.communes


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[COUNTS].sort_values(["commune_id", "set"]).reset_index(drop=True)


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("build", [columns_workbook, rows_workbook], ids=["communes-across", "communes-down"])
def test_workbook_scores_like_the_sample(tmp_path, build, sample_scores):
    d, footers = sample_with_workbook(tmp_path, build)
    problems = ntmlib.validate(d)
    assert list(problems) == []
    got = ntmlib.score(d, year=YEAR).communes
    assert len(got) == len(sample_scores) == 60
    assert_frame_equal(_counts(got), _counts(sample_scores))
    # notes and signature rows: skipped, listed at their first cell, under their own reason
    skipped = {p: s.reason for s in problems.skipped for p in s.places}
    for sheet, cells in footers.items():
        for cell in cells:
            place = f"'{sheet}'!{cell}"
            assert skipped.get(place) == "ghi chú hoặc chữ ký dưới bảng (không phải số liệu)", (place, skipped)


def test_communes_down_rows_name_their_cells(tmp_path):
    """A bad value names its cell and code column; an unknown commune names its cell in the commune column."""
    from openpyxl import load_workbook

    d, _ = sample_with_workbook(tmp_path, rows_workbook)
    wb = load_workbook(d / "observations.xlsx")
    ws = wb["NTM 2023"]
    assert ws["D5"].value == "1.1" and ws["B6"].value == 13567
    ws["E6"] = "nhiều"  # 1.2 of the first commune: a yes/no indicator
    ws["B7"] = 99999  # a commune id the dataset does not have
    wb.save(d / "observations.xlsx")
    messages = [str(p) for p in ntmlib.validate(d)]
    assert any(m.startswith("observations.xlsx: 'NTM 2023'!E6 (cột 1.2): giá trị 'nhiều'") for m in messages), messages
    unknown = "observations.xlsx: 'NTM 2023'!B7 (cột Mã xã): mã xã '99999' không có trong communes.csv"
    assert any(m.startswith(unknown) for m in messages), messages
    assert len(messages) == 2, messages


def test_notes_end_the_table_and_a_code_below_them_is_still_read(tmp_path):
    """Codes down the rows: a notes row (merged) and a signature row end the table, a name under the
    signature in a commune column is not a value, and an indicator row after the notes is read."""
    from tests.helpers.paths import TINY

    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    wb = Workbook()
    ws = wb.active
    ws.title = "2023 NTM"
    ws.append(["Mã chỉ tiêu", "Nội dung", "Xã An"])
    ws.append(["1.1", "Đường", 100])
    ws.append(["Ghi chú: số liệu tạm tính"])
    ws.merge_cells("A3:C3")
    ws.append(["1.2", "Quy hoạch", "Đạt"])
    ws.append([None, "Người lập biểu", "Chủ tịch UBND xã"])
    ws.append([None, None, "Nguyễn Văn An"])
    wb.save(d / "observations.xlsx")
    problems = ntmlib.validate(d)
    assert list(problems) == []
    ds = ntmlib.load_dataset(d)
    assert ds.observations[["place", "indicator", "value"]].astype(str).values.tolist() == [
        ["'2023 NTM'!C2", "1.1", "100"], ["'2023 NTM'!C4", "1.2", "Đạt"]]
    assert "observations.xlsx: '2023 NTM'!A3, '2023 NTM'!B5, '2023 NTM'!C6: bỏ qua 3 dòng: ghi chú hoặc chữ ký dưới " \
           "bảng (không phải số liệu)" in [str(s) for s in problems.skipped]


def test_ambiguous_sheet_is_one_line_saying_how_it_is_read(tmp_path):
    """Codes both down column A (headed 'TT') and across a header row, no header saying which: one problem."""
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d, ignore=shutil.ignore_patterns("sources"))
    (d / "observations.csv").unlink()
    wb = Workbook()
    ws = wb.active
    ws.title = "NTM 2023"
    ws.append(["TT", "Nội dung", "1.1", "1.2", "2.1"])
    for code in ("1.1", "1.2", "2.1"):
        ws.append([code, "chỉ tiêu", "Đạt", "Đạt", 100])
    wb.save(d / "observations.xlsx")
    problems = ntmlib.validate(d)
    assert len(problems) == 1, [str(p) for p in problems]
    text = str(problems[0])
    assert text.startswith("observations.xlsx: trang tính 'NTM 2023': không rõ bảng xếp theo chiều nào"), text
    assert "có vẻ là mỗi dòng một chỉ tiêu, mỗi cột một xã" in text and "'Mã chỉ tiêu'" in text and "'Tên xã'" in text
    # saying it: "Mã chỉ tiêu" over the codes down the rows reads it that way
    ws["A1"] = "Mã chỉ tiêu"
    wb.save(d / "observations.xlsx")
    messages = [str(p) for p in ntmlib.validate(d)]
    assert not any("không rõ bảng" in m for m in messages), messages
    assert "observations.xlsx: 'NTM 2023'!C1 (cột 1.1): mã xã '1.1' không có trong communes.csv" in messages, messages
    # or "Tên xã" over a column of communes reads one commune per row
    ws["A1"], ws["B1"] = "TT", "Tên xã"
    wb.save(d / "observations.xlsx")
    messages = [str(p) for p in ntmlib.validate(d)]
    assert not any("không rõ bảng" in m for m in messages), messages
    assert "observations.xlsx: 'NTM 2023'!B2 (cột Tên xã): xã 'chỉ tiêu' không có trong communes.csv" in messages, \
        messages


def test_rows_example_scores_like_the_fixture(tmp_path):
    """data/examples/rows.xlsx (wide.xlsx the other way round) scores like tests/data/tiny, and its
    generator writes the same cells."""
    import runpy

    from openpyxl import load_workbook

    from tests.helpers.paths import TINY

    example = ROOT / "data" / "examples" / "rows.xlsx"
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    shutil.copy(example, d / "observations.xlsx")
    problems = ntmlib.validate(d)
    assert list(problems) == []
    cols = ["commune_id", "year", "set", "indicator", "met", "number", "assessed"]
    assert_frame_equal(ntmlib.score(d, year=[2022, 2023]).indicators[cols],
                                  ntmlib.score(TINY, year=[2022, 2023]).indicators[cols])
    skipped = [str(s) for s in problems.skipped]
    assert ("observations.xlsx: '2023 NTM'!A13, '2023 NTM'!B15: bỏ qua 2 dòng: ghi chú hoặc chữ ký dưới bảng "
            "(không phải số liệu)") in skipped
    assert "observations.xlsx: '2023 NTM'!B11: bỏ qua 1 dòng: dòng tổng, không phải một xã" in skipped
    assert "observations.xlsx: '2023 NTM'!J6: bỏ qua 1 cột: cột tổng 'Số tiêu chí đạt' không phải một chỉ tiêu" \
        in skipped
    built = runpy.run_path(str(ROOT / "data" / "examples" / "make_rows_xlsx.py"), run_name="make_rows_xlsx")["build"]()
    on_disk = load_workbook(example)
    assert built.sheetnames == on_disk.sheetnames
    for ws in built.worksheets:
        other = on_disk[ws.title]
        assert [[c.value for c in r] for r in ws.iter_rows()] == [[c.value for c in r] for r in other.iter_rows()]
        assert sorted(map(str, ws.merged_cells.ranges)) == sorted(map(str, other.merged_cells.ranges))


# --------------------------------------------------------------------------- the unquoted decimal comma


def _first_row_decimal_comma(tmp_path: Path) -> Path:
    """data/ly-nhan whose FIRST data row ends in 95,5% unquoted: one cell more than the header.

    pandas takes such a first row's extra cell for an index column and shifts every column;
    before the fix the places came out as NaN and the problems' sort ended in
    `TypeError: expected string or bytes-like object, got 'float'` (checks.place_order), from
    ntmlib.validate, ntmlib.score and `ntm validate` alike.
    """
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d, ignore=shutil.ignore_patterns("sources"))
    path = d / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    assert len(header) == 6
    first = lines[1].split(",")
    first[4] = "95,5%"  # unquoted: the comma makes seven cells
    lines[1] = ",".join(first)
    assert len(lines[1].split(",")) == 7
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


EXPECTED_LINE = ('observations.csv: dòng 2: dòng có 7 ô, dòng tiêu đề có 6 (số có dấu phẩy thập phân phải đặt '
                 'trong ngoặc kép, ví dụ "95,5", hoặc dùng dấu ; để ngăn cột)')


def test_first_row_decimal_comma_validate(tmp_path):
    problems = ntmlib.validate(_first_row_decimal_comma(tmp_path))
    assert [str(p) for p in problems] == [EXPECTED_LINE]


def test_first_row_decimal_comma_score(tmp_path):
    with pytest.raises(ntmlib.DataError) as e:
        ntmlib.score(_first_row_decimal_comma(tmp_path), year=YEAR)
    assert [str(p) for p in e.value.problems] == [EXPECTED_LINE]


@pytest.mark.parametrize("command", [["validate"], ["score", "--year", "2023"]])
def test_first_row_decimal_comma_cli(tmp_path, command):
    d = _first_row_decimal_comma(tmp_path)
    result = CliRunner().invoke(main, [command[0], str(d), *command[1:]])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    problem_lines = [ln for ln in result.output.splitlines() if ln.startswith("  - ")]
    assert problem_lines == ["  - " + EXPECTED_LINE], result.output
    assert "Traceback" not in result.output


def test_decimal_comma_on_a_later_row_reads_the_same(tmp_path):
    """The same mistake further down was already reported; it still is, with the same wording."""
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d, ignore=shutil.ignore_patterns("sources"))
    path = d / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = lines[10].split(",")
    row[4] = "95,5%"
    lines[10] = ",".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [str(p) for p in ntmlib.validate(d)] == [EXPECTED_LINE.replace("dòng 2:", "dòng 11:")]
