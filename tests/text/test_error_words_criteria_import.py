"""Errors of `ntm frameworks import` (ntmlib.office.criteria_import), worded in English with --lang en; the
Vietnamese line unchanged. The workbook's own words (its sheets, columns, rules) stay Vietnamese in both."""
import openpyxl
import pytest
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.criteria.criteria_set import load_set
from ntmlib.errors import FrameworkError
from ntmlib.office.criteria_import import import_set
from ntmlib.office.criteria_workbook import export_set


def lines(error: FrameworkError) -> list[tuple[str, str]]:
    """Each problem of `error` in Vietnamese (as str() says it) and in English."""
    for p in error.problems:
        assert str(p) == p.text("vi")
    return [(str(p), p.text("en")) for p in error.problems]


def run(lang: str, *args) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["--lang", lang, "frameworks", "import", *[str(a) for a in args]])
    return r.exit_code, r.output


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("sets") / "bo-tieu-chi.xlsx"
    export_set(load_set("hanam-2022-ntm"), path)
    return path


@pytest.fixture(scope="module")
def model_workbook(tmp_path_factory):
    """hanam-2022-kieu-mau: its income K2 is 1,1 × the income threshold of hanam-2022-nang-cao."""
    path = tmp_path_factory.mktemp("kieu-mau") / "kieu-mau.xlsx"
    export_set(load_set("hanam-2022-kieu-mau"), path)
    return path


def edited(workbook, tmp_path, changes: dict, sheet: str = "Chỉ tiêu"):
    """A copy of `workbook` with `changes` ({cell: value}) made on `sheet`."""
    wb = openpyxl.load_workbook(workbook)
    for cell, value in changes.items():
        wb[sheet][cell] = value
    wb.save(tmp_path / "sai.xlsx")
    return tmp_path / "sai.xlsx"


def test_a_corrupted_workbook(tmp_path):
    (tmp_path / "hong.xlsx").write_bytes(b"not a workbook")
    args = (tmp_path / "hong.xlsx", "--id", "tinh-x", "--out", tmp_path / "tinh-x.yaml")
    assert run("en", *args) == (2, "Problems in the data (1):\n"
                                   "  - hong.xlsx: cannot read the Excel file: damaged or not .xlsx (BadZipFile)\n")
    assert run("vi", *args) == (2, "Lỗi dữ liệu (1 vấn đề):\n"
                                   "  - hong.xlsx: không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx "
                                   "(BadZipFile)\n")


def test_a_wrong_id_and_a_file_named_otherwise(exported, tmp_path):
    code, out = run("en", exported, "--id", "Hà_Nam", "--out", tmp_path / "Hà_Nam.yaml")
    assert code == 2 and out.splitlines()[-1] == (
        "  - --id: the id 'Hà_Nam' may hold only lower-case letters without accents, digits and hyphens (for "
        "example hanam-2024-ntm)")
    code, out = run("vi", exported, "--id", "Hà_Nam", "--out", tmp_path / "Hà_Nam.yaml")
    assert code == 2 and out.splitlines()[-1] == (
        "  - --id: mã 'Hà_Nam' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ hanam-2024-ntm)")
    other = tmp_path / "khac.yaml"
    code, out = run("en", exported, "--id", "tinh-x", "--out", other)
    assert code == 2 and out.splitlines()[-1] == (
        f"  - {other}: the file name must be the criteria set's id: tinh-x.yaml")
    code, out = run("vi", exported, "--id", "tinh-x", "--out", other)
    assert code == 2 and out.splitlines()[-1] == f"  - {other}: tên tệp phải là mã của bộ tiêu chí: tinh-x.yaml"


def test_a_workbook_without_its_sheets(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    del wb["Chỉ tiêu"]
    wb.save(tmp_path / "thieu.xlsx")
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "thieu.xlsx", "tinh-x", tmp_path / "tinh-x.yaml")
    assert lines(e.value) == [(
        "thieu.xlsx: không có trang tính 'Chỉ tiêu' (bảng bộ tiêu chí do 'ntm frameworks export' viết)",
        "thieu.xlsx: no sheet 'Chỉ tiêu' (the criteria-set workbook that 'ntm frameworks export' writes)")]
    wb = openpyxl.load_workbook(exported)
    del wb["Thông tin"]
    wb.save(tmp_path / "thieu.xlsx")
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "thieu.xlsx", "tinh-x", tmp_path / "tinh-x.yaml")
    assert lines(e.value) == [(
        "thieu.xlsx: trang tính 'Thông tin': không rõ bộ gốc: ghi mã bộ tiêu chí ở trang 'Thông tin' hoặc dùng "
        "--extends",
        "thieu.xlsx: sheet 'Thông tin': the original set is unknown: write its id on the 'Thông tin' sheet or use "
        "--extends")]
    with pytest.raises(FrameworkError) as e:
        import_set(exported, "tinh-x", tmp_path / "tinh-x.yaml", extends="khong-co")
    assert lines(e.value) == [("bo-tieu-chi.xlsx: kế thừa bộ tiêu chí không có: 'khong-co'",
                               "bo-tieu-chi.xlsx: the parent criteria set does not exist: 'khong-co'")]


def test_a_missing_column_and_a_bad_header(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    rule = next(c for c in wb["Chỉ tiêu"][3] if c.value == "Quy tắc").coordinate
    with pytest.raises(FrameworkError) as e:
        import_set(edited(exported, tmp_path, {rule: None, "G3": "Miền núi"}), "tinh-x", tmp_path / "tinh-x.yaml")
    assert lines(e.value) == [
        ("sai.xlsx: 'Chỉ tiêu'!G3: tiêu đề cột 'Miền núi' không phải cột ngưỡng (mã vùng như DBSH, 'DBSH 2024', "
         "'Năm 2024', 'Nhóm 1', 'Mọi xã') hay cột của bảng",
         "sai.xlsx: 'Chỉ tiêu'!G3: column header 'Miền núi' is neither a threshold column (a region code such as "
         "DBSH, 'DBSH 2024', 'Năm 2024', 'Nhóm 1', 'Mọi xã') nor a column of the table"),
        ("sai.xlsx: trang tính 'Chỉ tiêu': thiếu cột 'Quy tắc'",
         "sai.xlsx: sheet 'Chỉ tiêu': column 'Quy tắc' is missing")]


def test_rows_with_a_bad_rule_a_bad_mark_and_a_threshold_that_is_not_a_number(exported, tmp_path):
    with pytest.raises(FrameworkError) as e:
        import_set(edited(exported, tmp_path, {"E7": "lớn hơn", "H8": "nhiều"}), "tinh-x", tmp_path / "tinh-x.yaml",
                   extends="vn-2021-ntm")
    assert lines(e.value) == [
        ("sai.xlsx: 'Chỉ tiêu'!E7: quy tắc 'lớn hơn' không phải một trong ≥, ≤, Đạt, Không có",
         "sai.xlsx: 'Chỉ tiêu'!E7: rule 'lớn hơn' is not one of ≥, ≤, Đạt, Không có"),
        ("sai.xlsx: 'Chỉ tiêu'!H8: ngưỡng 'nhiều' không phải số",
         "sai.xlsx: 'Chỉ tiêu'!H8: threshold 'nhiều' is not a number")]


def test_a_bad_tier_and_a_bad_decision_date(exported, tmp_path):
    with pytest.raises(FrameworkError) as e:
        import_set(edited(exported, tmp_path, {"B4": "siêu"}, "Thông tin"), "tinh-x", tmp_path / "tinh-x.yaml",
                   extends="vn-2021-ntm")
    assert lines(e.value) == [(
        "sai.xlsx: 'Thông tin'!B4: hạng 'siêu' không phải một trong ntm, nang-cao, kieu-mau, hien-dai (hoặc NTM, "
        "NTM nâng cao, NTM kiểu mẫu, NTM hiện đại)",
        "sai.xlsx: 'Thông tin'!B4: tier 'siêu' is not one of ntm, nang-cao, kieu-mau, hien-dai (or NTM, NTM nâng "
        "cao, NTM kiểu mẫu, NTM hiện đại)")]
    with pytest.raises(FrameworkError) as e:
        import_set(exported, "tinh-x", tmp_path / "tinh-x.yaml", extends="vn-2021-ntm",
                   decision="12/2024/QĐ-UBND ngày 31/2/2024")
    assert lines(e.value) == [(
        "--decision: ngày trong '12/2024/QĐ-UBND ngày 31/2/2024' không có thật (ghi ngày/tháng/năm, ví dụ "
        "15/3/2024)",
        "--decision: the date in '12/2024/QĐ-UBND ngày 31/2/2024' does not exist (write day/month/year, for "
        "example 15/3/2024)")]


def derived_cell(workbook, code: str, header: str = "Ngưỡng suy ra") -> str:
    ws = openpyxl.load_workbook(workbook)["Chỉ tiêu"]
    col = next(c.column for c in ws[3] if c.value == header)
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == code)
    return ws.cell(row, col).coordinate


def test_a_derived_threshold_that_cannot_be_read_and_one_on_a_rule_without_threshold(model_workbook, tmp_path):
    k2, k3 = derived_cell(model_workbook, "K2"), derived_cell(model_workbook, "K3")
    changes = {k2: "1,1 × ngưỡng chỉ tiêu 10", k3: "1 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao"}
    with pytest.raises(FrameworkError) as e:
        import_set(edited(model_workbook, tmp_path, changes), "tinh-km", tmp_path / "tinh-km.yaml",
                   extends="hanam-2022-kieu-mau")
    assert lines(e.value) == [
        (f"sai.xlsx: 'Chỉ tiêu'!{k2}: ngưỡng suy ra '1,1 × ngưỡng chỉ tiêu 10' không đọc được: ghi dạng '1,1 × "
         "ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao'",
         f"sai.xlsx: 'Chỉ tiêu'!{k2}: derived threshold '1,1 × ngưỡng chỉ tiêu 10' cannot be read: write it as "
         "'1,1 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao'"),
        (f"sai.xlsx: 'Chỉ tiêu'!{k3}: quy tắc 'Đạt' không có ngưỡng: để trống cột 'Ngưỡng suy ra'",
         f"sai.xlsx: 'Chỉ tiêu'!{k3}: rule 'Đạt' has no threshold: leave the 'Ngưỡng suy ra' column empty")]


@pytest.mark.parametrize("rule, vi, en", [
    ("1 × ngưỡng chỉ tiêu 10 của bộ tinh-km", "ngưỡng suy ra không thể dựa vào chính bộ đang nhập ('tinh-km')",
     "a derived threshold cannot be based on the set being imported ('tinh-km')"),
    ("1 × ngưỡng chỉ tiêu 10 của bộ tinh-khac", "ngưỡng suy ra dựa vào bộ tiêu chí không có: 'tinh-khac'",
     "the derived threshold is based on a criteria set that does not exist: 'tinh-khac'"),
    ("1 × ngưỡng chỉ tiêu 99 của bộ hanam-2022-nang-cao",
     "ngưỡng suy ra dựa vào chỉ tiêu '99' không có trong bộ hanam-2022-nang-cao",
     "the derived threshold is based on indicator '99', which set hanam-2022-nang-cao does not have"),
])
def test_a_derived_threshold_on_a_set_or_indicator_it_cannot_use(model_workbook, tmp_path, rule, vi, en):
    k2 = derived_cell(model_workbook, "K2")
    with pytest.raises(FrameworkError) as e:
        import_set(edited(model_workbook, tmp_path, {k2: rule}), "tinh-km", tmp_path / "tinh-km.yaml",
                   extends="hanam-2022-kieu-mau")
    assert lines(e.value) == [(f"sai.xlsx: 'Chỉ tiêu'!{k2}: {vi}", f"sai.xlsx: 'Chỉ tiêu'!{k2}: {en}")]


@pytest.mark.parametrize("header, value, vi, en", [
    ("DBSH 2022", 71, "ngưỡng 71 khác giá trị tính theo cột 'Ngưỡng suy ra' (70,4)",
     "threshold 71 differs from the value computed from the 'Ngưỡng suy ra' column (70,4)"),
    ("DBSH 2024", 80, "ngưỡng 80 khác giá trị tính theo cột 'Ngưỡng suy ra' (ô trống)",
     "threshold 80 differs from the value computed from the 'Ngưỡng suy ra' column (empty cell)"),
])
def test_a_number_typed_over_a_derived_threshold(model_workbook, tmp_path, header, value, vi, en):
    cell = derived_cell(model_workbook, "K2", header)
    with pytest.raises(FrameworkError) as e:
        import_set(edited(model_workbook, tmp_path, {cell: value}), "tinh-km", tmp_path / "tinh-km.yaml",
                   extends="hanam-2022-kieu-mau")
    assert lines(e.value) == [
        (f"sai.xlsx: 'Chỉ tiêu'!{cell}: {vi}: muốn dùng số đã gõ thì xoá ô 'Ngưỡng suy ra' của dòng này",
         f"sai.xlsx: 'Chỉ tiêu'!{cell}: {en}: to use the number typed, clear the 'Ngưỡng suy ra' cell of this row")]
