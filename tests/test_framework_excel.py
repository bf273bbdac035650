"""Criteria sets kept in Excel (ntmlib.framework_excel, `ntm frameworks export|import`): the
workbook an officer corrects, the YAML set made from it, the verdicts it changes."""
from __future__ import annotations

import shutil

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.errors import FrameworkError
from ntmlib.framework import available_sets, load_set
from ntmlib.framework_excel import export_set, import_set, threshold_columns
from ntmlib.loading import load_dataset
from ntmlib.scoring import score

from fixture_paths import LY_NHAN

DECISION = "12/2024/QĐ-UBND ngày 15/3/2024"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _cell(ws, code: str, header: str):
    """The cell of indicator `code` in the column headed `header` of the 'Chỉ tiêu' sheet."""
    col = next(c.column for c in ws[3] if c.value == header)
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == code)
    return ws.cell(row, col)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("sets") / "bo-tieu-chi.xlsx"
    export_set(load_set("hanam-2022-ntm"), path)
    return path


def test_the_workbook_has_one_row_per_indicator_and_a_column_per_region_and_year(exported):
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == ["Chỉ tiêu", "Thông tin", "Hướng dẫn"]
    ws = wb["Chỉ tiêu"]
    head = [c.value for c in ws[3]]
    assert head[:5] == ["Tiêu chí", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Quy tắc"]
    assert head[5:17] == ["Mọi xã", "TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL",
                          "DBSH 2022", "DBSH 2023", "DBSH 2024", "DBSH 2025"]  # every year of the period
    assert head[17:] == ["Mức chắc chắn", "Nguồn", "Tên tiếng Anh", "Thước đo (measure)"]
    assert ws.max_row - 3 == 57  # one row per indicator of the 57
    assert _cell(ws, "2.2", "DBSH").value == 100 and _cell(ws, "2.2", "TDMNPB").value == 70
    assert _cell(ws, "10", "DBSH 2023").value == 62 and _cell(ws, "10", "DBSH 2024").value is None
    assert _cell(ws, "1.1", "Quy tắc").value == "Đạt" and _cell(ws, "11", "Quy tắc").value == "≤"
    assert _cell(ws, "10", "Mức chắc chắn").value == "suy ra"
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    assert lists == {"E": '"≥,≤,Đạt,Không có"', "R": '"xác nhận,suy ra,tạm tính"'}
    info = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(values_only=True) if r and r[0]}
    assert info["Mã bộ tiêu chí"] == "hanam-2022-ntm" and info["Giai đoạn"] == "2022-2025"


@pytest.mark.parametrize("set_id", available_sets())
def test_export_then_import_without_edits_gives_the_same_set(set_id, tmp_path):
    s = load_set(set_id)
    export_set(s, tmp_path / "b.xlsx")
    alone = import_set(tmp_path / "b.xlsx", "ban-sao", tmp_path / "ban-sao.yaml")
    assert alone.indicators == s.indicators and alone.criteria == s.criteria
    assert alone.regions == s.regions and alone.commune_groups == s.commune_groups and alone.period == s.period
    if len(s.lineage) > 1:  # extending the set's own parent: the differences are the set's own
        child = import_set(tmp_path / "b.xlsx", "ke-thua", tmp_path / "ke-thua.yaml", extends=s.lineage[1])
        assert child.indicators == s.indicators and child.lineage == ("ke-thua", *s.lineage[1:])


def test_threshold_columns_follow_the_kinds_of_the_set():
    assert threshold_columns(load_set("vn-2026-ntm"))[:4] == [("all", "all"), ("group", "1"), ("group", "2"),
                                                               ("group", "3")]


def test_an_edited_threshold_becomes_an_override_confirmed_by_the_decision(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    _cell(wb["Chỉ tiêu"], "9.2", "DBSH").value = 92
    _cell(wb["Chỉ tiêu"], "10", "DBSH 2024").value = 66  # a year the national set has no income threshold for
    wb.save(tmp_path / "sua.xlsx")
    out = tmp_path / "hanam-2024-ntm.yaml"
    s = import_set(tmp_path / "sua.xlsx", "hanam-2024-ntm", out, extends="vn-2021-ntm", decision=DECISION)
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["extends"] == "vn-2021-ntm"
    assert doc["source"]["decision"] == "12/2024/QĐ-UBND" and doc["source"]["date"] == "2024-03-15"
    assert set(doc["overrides"]) == {"9.2", "10"} and "add" not in doc and "remove" not in doc
    assert doc["overrides"]["9.2"]["threshold"]["by_region"]["DBSH"] == 92
    assert doc["overrides"]["9.2"]["confidence"] == "confirmed" and doc["overrides"]["9.2"]["source"] == DECISION
    i = {x.code: x for x in s.indicators}
    assert i["9.2"].threshold.lookup("DBSH", 2023)[0] == 92 and i["9.2"].threshold.lookup("TN", 2023)[0] == 75
    assert i["10"].threshold.lookup("DBSH", 2024)[0] == 66 and i["10"].threshold.lookup("DBSH", 2023)[0] == 62
    assert [x.code for x in s.indicators if x.confidence == "confirmed"] == ["9.2", "10"]
    unchanged = [x for x in s.indicators if x.code not in ("9.2", "10")]
    assert unchanged == [x for x in load_set("hanam-2022-ntm").indicators if x.code not in ("9.2", "10")]


def test_the_imported_set_changes_exactly_the_verdicts_it_should(exported, tmp_path):
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    wb = openpyxl.load_workbook(exported)
    _cell(wb["Chỉ tiêu"], "9.2", "DBSH").value = 92
    wb.save(tmp_path / "sua.xlsx")
    r = run("frameworks", "import", tmp_path / "sua.xlsx", "--id", "hanam-2024-ntm", "--extends", "vn-2021-ntm",
            "--decision", DECISION, "--out", d / "frameworks" / "hanam-2024-ntm.yaml")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "Bộ tiêu chí hanam-2024-ntm: 57 chỉ tiêu, 1 chỉ tiêu có ngưỡng xác nhận."
    ds = load_dataset(d)
    old = score(ds, sets="hanam-2022-ntm", year=2023).indicators
    new = score(ds, sets="hanam-2024-ntm", year=2023).indicators
    key = ["commune_id", "indicator"]
    both = old.merge(new, on=key, suffixes=("_old", "_new"))
    changed = both[both["met_old"] != both["met_new"]]
    # the communes whose 9.2 value lies in [90, 92): met before, not met now; nothing else moves
    values = old[(old["indicator"] == "9.2") & (old["number"] >= 90) & (old["number"] < 92)]
    assert sorted(changed["commune_id"].astype(str)) == sorted(values["commune_id"].astype(str))
    assert set(changed["indicator"].astype(str)) == {"9.2"} and len(changed) == 2
    assert changed["met_old"].all() and not changed["met_new"].any()
    out = run("score", d, "--year", 2023, "--set", "hanam-2024-ntm", "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.output.count("hanam-2024-ntm") == 20


@pytest.mark.parametrize("edit, place, message", [
    (("2.2", "DBSH", "nhiều"), "'Chỉ tiêu'!H7", "ngưỡng 'nhiều' không phải số"),
    (("2.2", "Quy tắc", "lớn hơn"), "'Chỉ tiêu'!E7", "quy tắc 'lớn hơn' không phải một trong ≥, ≤, Đạt, Không có"),
    (("2.2", "Mức chắc chắn", "chắc"), "'Chỉ tiêu'!R7", "mức chắc chắn 'chắc' không phải một trong"),
    (("1.1", "Mọi xã", 5), "'Chỉ tiêu'!F4", "quy tắc 'Đạt' không có ngưỡng: để trống các cột ngưỡng"),
    (("2.2", "Mọi xã", 95), "'Chỉ tiêu'!F7", "một chỉ tiêu chỉ điền một loại cột ngưỡng"),
    (("2.2", "Tiêu chí", "99"), "'Chỉ tiêu'!A7", "tiêu chí '99' không có trong bộ"),
])
def test_errors_name_the_sheet_and_the_cell(exported, tmp_path, edit, place, message):
    wb = openpyxl.load_workbook(exported)
    code, header, value = edit
    _cell(wb["Chỉ tiêu"], code, header).value = value
    wb.save(tmp_path / "sai.xlsx")
    out = tmp_path / "tinh-x.yaml"
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "sai.xlsx", "tinh-x", out, extends="vn-2021-ntm")
    [p] = e.value.problems
    assert p.file == "sai.xlsx" and p.place == place and p.message.startswith(message), p
    assert not out.exists()


def test_a_bad_column_header_and_a_file_named_otherwise(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    wb["Chỉ tiêu"]["G3"] = "Miền núi"
    wb.save(tmp_path / "sai.xlsx")
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "sai.xlsx", "tinh-x", tmp_path / "tinh-x.yaml")
    assert [(p.place, p.message[:40]) for p in e.value.problems] == [
        ("'Chỉ tiêu'!G3", "tiêu đề cột 'Miền núi' không phải cột ng")]
    r = run("frameworks", "import", exported, "--id", "tinh-x", "--out", tmp_path / "khac.yaml")
    assert r.exit_code == 2 and "tên tệp phải là mã của bộ tiêu chí: tinh-x.yaml" in r.output


def test_ntm_frameworks_keeps_its_listing_and_tree_beside_the_subcommands(tmp_path):
    assert "hanam-2022-nang-cao" in run("frameworks").output
    assert "19 tiêu chí, 57 chỉ tiêu" in run("frameworks", "vn-2021-ntm").output
    r = run("frameworks", "export", "hanam-2022-ntm", "--out", tmp_path / "b.xlsx")
    assert r.exit_code == 0 and r.output == f"Đã ghi {tmp_path / 'b.xlsx'}\n"
    r = run("frameworks", "vn-2021-ntm", "thừa")
    assert r.exit_code == 2 and r.output.splitlines()[-1] == "Lỗi: thừa tham số: thừa."
    for sub in ("export", "import"):
        vi, en = run("frameworks", sub, "--help").output, run("frameworks", sub, "--help", "--lang", "en").output
        assert vi.startswith(f"Cách dùng: ntm frameworks {sub} [TÙY_CHỌN]") and "\nVí dụ:\n  ntm frameworks" in vi
        assert en.startswith(f"Usage: ntm frameworks {sub} [OPTIONS]") and "\nExamples:\n  ntm frameworks" in en
