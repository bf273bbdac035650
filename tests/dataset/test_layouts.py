"""Both layouts offices keep in Excel read like the tidy file, and notes under the table are skipped.

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
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

import ntmlib
from ntmlib.cli import main

ROOT = Path(__file__).parents[2]
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


def dataset_with(tmp_path: Path, build) -> tuple[Path, dict[str, list[str]]]:
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d, ignore=shutil.ignore_patterns("sources"))
    (d / "observations.csv").unlink()
    return d, build(d / "observations.xlsx")


@pytest.fixture(scope="module")
def sample_scores() -> pd.DataFrame:
    return ntmlib.score(LY_NHAN, year=YEAR).communes


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[COUNTS].sort_values(["commune_id", "set"]).reset_index(drop=True)


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("build", [columns_workbook, rows_workbook], ids=["communes-across", "communes-down"])
def test_workbook_scores_like_the_sample(tmp_path, build, sample_scores):
    d, footers = dataset_with(tmp_path, build)
    problems = ntmlib.validate(d)
    assert list(problems) == []
    got = ntmlib.score(d, year=YEAR).communes
    assert len(got) == len(sample_scores) == 60
    pd.testing.assert_frame_equal(_counts(got), _counts(sample_scores))
    # notes and signature rows: skipped, listed at their first cell, under their own reason
    skipped = {p: s.reason for s in problems.skipped for p in s.places}
    for sheet, cells in footers.items():
        for cell in cells:
            place = f"'{sheet}'!{cell}"
            assert skipped.get(place) == "ghi chú hoặc chữ ký dưới bảng (không phải số liệu)", (place, skipped)


def test_communes_down_rows_name_their_cells(tmp_path):
    """A bad value names its cell and code column; an unknown commune names its cell in the commune column."""
    from openpyxl import load_workbook

    d, _ = dataset_with(tmp_path, rows_workbook)
    wb = load_workbook(d / "observations.xlsx")
    ws = wb["NTM 2023"]
    assert ws["D5"].value == "1.1" and ws["B6"].value == 13567
    ws["E6"] = "nhiều"  # 1.2 of the first commune: a yes/no indicator
    ws["B7"] = 99999  # a commune id the dataset does not have
    wb.save(d / "observations.xlsx")
    messages = [str(p) for p in ntmlib.validate(d)]
    assert any(m.startswith("observations.xlsx: 'NTM 2023'!E6 (cột 1.2): giá trị 'nhiều'") for m in messages), messages
    assert any(m.startswith("observations.xlsx: 'NTM 2023'!B7 (cột Mã xã): mã xã '99999' không có trong communes.csv") for m in messages), \
        messages
    assert len(messages) == 2, messages


def test_notes_end_the_table_and_a_code_below_them_is_still_read(tmp_path):
    """Codes down the rows: a notes row (merged) and a signature row end the table, a name under the
    signature in a commune column is not a value, and an indicator row after the notes is read."""
    from fixture_paths import TINY

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

    from fixture_paths import TINY
    from openpyxl import load_workbook

    example = ROOT / "data" / "examples" / "rows.xlsx"
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    shutil.copy(example, d / "observations.xlsx")
    problems = ntmlib.validate(d)
    assert list(problems) == []
    cols = ["commune_id", "year", "set", "indicator", "met", "number", "assessed"]
    pd.testing.assert_frame_equal(ntmlib.score(d, year=[2022, 2023]).indicators[cols],
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
