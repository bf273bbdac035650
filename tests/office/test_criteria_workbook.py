"""Criteria sets kept in Excel (ntmlib.office.criteria_workbook, `ntm frameworks export|import`): the
workbook an officer corrects, the YAML set made from it, the verdicts it changes."""
from __future__ import annotations

import shutil

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.criteria.criteria_set import available_sets, load_set
from ntmlib.dataset.loading import load_dataset
from ntmlib.errors import FrameworkError
from ntmlib.office.criteria_import import import_set
from ntmlib.office.criteria_workbook import export_set, threshold_columns
from ntmlib.scoring.engine import score

from tests.helpers.paths import LY_NHAN

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
    s = load_set("hanam-2022-ntm")
    # the threshold columns, from the set: a region's column when some threshold names that region (in the
    # set's order), 'Vùng khác' when some threshold has a value for the regions not named, and a region's
    # column for every year of the period when some threshold is by region and year
    by = {kind: [i.threshold for i in s.indicators if i.threshold is not None and i.threshold.kind == kind]
          for kind in ("region", "region_year")}
    regions = [r for r in s.regions if any(r in t.values for t in by["region"])]
    other = ["Vùng khác"] if any("default" in t.values for t in by["region"]) else []
    yearly = [r for r in s.regions if any(k[0] == r for t in by["region_year"] for k in t.values)]
    years = [f"{r} {y}" for r in yearly for y in range(s.period[0], s.period[1] + 1)]
    assert head[:5] == ["Tiêu chí", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Quy tắc"]
    assert head[5:-5] == ["Mọi xã", *regions, *other, *years]
    assert head[-5:] == ["Ngưỡng suy ra", "Mức chắc chắn", "Nguồn", "Tên tiếng Anh", "Thước đo (measure)"]
    assert "DBSH" in regions and other == ["Vùng khác"]
    assert years == ["DBSH 2022", "DBSH 2023", "DBSH 2024", "DBSH 2025"]
    assert ws.max_row - 3 == 57  # one row per indicator of the 57
    assert _cell(ws, "2.2", "DBSH").value == 100 and _cell(ws, "2.2", "TDMNPB").value == 70
    rural = next(i for i in s.indicators if i.code == "15.4")  # DBSH 70, TDMNPB 50, the other regions 50
    assert _cell(ws, "15.4", "Vùng khác").value == rural.threshold.values["default"] == 50
    assert _cell(ws, "15.4", "DBSH").value == 70 and _cell(ws, "15.4", "BTB").value is None
    income = next(i for i in load_set("hanam-2022-ntm").indicators if i.code == "10")
    for year in (2022, 2023, 2024, 2025):  # the income thresholds the set has, by year; none typed as 0
        assert _cell(ws, "10", f"DBSH {year}").value == income.threshold.lookup("DBSH", year)[0]
    assert _cell(ws, "1.1", "Quy tắc").value == "Đạt" and _cell(ws, "11", "Quy tắc").value == "≤"
    marks = {"confirmed": "xác nhận", "derived": "suy ra", "provisional": "tạm tính"}
    assert _cell(ws, "10", "Mức chắc chắn").value == marks[income.confidence]
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    mark = _cell(ws, "10", "Mức chắc chắn").column_letter
    assert lists == {"E": '"≥,≤,Đạt,Không có"', mark: '"xác nhận,suy ra,tạm tính"'}
    assert all(ws.cell(r, len(head) - 4).value is None for r in range(4, ws.max_row + 1))  # no threshold is a rule
    info = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(values_only=True) if r and r[0]}
    assert info["Mã bộ tiêu chí"] == "hanam-2022-ntm" and info["Giai đoạn"] == "2022-2025"


PROVINCE_SET = LY_NHAN.parent / "examples" / "tinh-mau" / "frameworks" / "tinh-mau-2026-ntm.yaml"


@pytest.mark.parametrize("set_id", [*available_sets(), str(PROVINCE_SET)])
def test_export_then_import_without_edits_gives_the_same_set(set_id, tmp_path, monkeypatch):
    s = load_set(set_id)  # a built-in set, or a dataset's own set file
    if set_id == str(PROVINCE_SET):  # the workbook names it by its path in the dataset: imported in that folder
        monkeypatch.chdir(PROVINCE_SET.parent.parent)
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
    assert doc["overrides"]["9.2"]["confidence"] == "confirmed"
    # the source says which values the decision gives, and that the others keep their earlier source
    before_92 = next(i for i in load_set("hanam-2022-ntm").indicators if i.code == "9.2")
    assert doc["overrides"]["9.2"]["source"] == (f"{DECISION}: DBSH 92; các giá trị khác giữ nguyên theo nguồn cũ: "
                                                 f"{before_92.source}")
    assert doc["overrides"]["10"]["source"].startswith(f"{DECISION}: DBSH 2024 66; ")
    i, before = {x.code: x for x in s.indicators}, {x.code: x for x in load_set("hanam-2022-ntm").indicators}
    assert i["9.2"].threshold.lookup("DBSH", 2023)[0] == 92
    assert i["9.2"].threshold.lookup("TN", 2023)[0] == before["9.2"].threshold.lookup("TN", 2023)[0]
    assert i["10"].threshold.lookup("DBSH", 2024)[0] == 66
    assert i["10"].threshold.lookup("DBSH", 2023)[0] == before["10"].threshold.lookup("DBSH", 2023)[0]
    assert i["9.2"].confidence == i["10"].confidence == "confirmed"
    unchanged = [x for x in s.indicators if x.code not in ("9.2", "10")]
    assert unchanged == [x for x in before.values() if x.code not in ("9.2", "10")]


def test_the_imported_set_changes_exactly_the_verdicts_it_should(exported, tmp_path):
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    wb = openpyxl.load_workbook(exported)
    _cell(wb["Chỉ tiêu"], "9.2", "DBSH").value = 92
    wb.save(tmp_path / "sua.xlsx")
    r = run("frameworks", "import", tmp_path / "sua.xlsx", "--id", "hanam-2024-ntm", "--extends", "vn-2021-ntm",
            "--decision", DECISION, "--out", d / "frameworks" / "hanam-2024-ntm.yaml")
    assert r.exit_code == 0, r.output
    confirmed = 1 + sum(x.confidence == "confirmed" for x in load_set("vn-2021-ntm").indicators if x.code != "9.2")
    assert r.output.splitlines()[-1] == (f"Bộ tiêu chí hanam-2024-ntm: 57 chỉ tiêu, {confirmed} chỉ tiêu có ngưỡng "
                                         "xác nhận.")
    use_set(d, "hanam-2022-ntm", "hanam-2024-ntm")
    before, after = score(load_dataset(LY_NHAN), year=2023), score(load_dataset(d), year=2023)
    old = before.indicators[before.indicators["set"] == "hanam-2022-ntm"]
    new = after.indicators[after.indicators["set"] == "hanam-2024-ntm"]
    assert new["met"].notna().sum() == old["met"].notna().sum()  # every value reaches the new set
    both = old.merge(new, on=["commune_id", "indicator"], suffixes=("_old", "_new"))
    changed = both[both["met_old"].astype(str) != both["met_new"].astype(str)]
    # the communes whose 9.2 value lies in [the old threshold, 92): met before, not met now; nothing else moves
    was = old.loc[old["indicator"] == "9.2", "threshold"].iloc[0]
    values = old[(old["indicator"] == "9.2") & (old["number"] >= was) & (old["number"] < 92)]
    assert sorted(changed["commune_id"].astype(str)) == sorted(values["commune_id"].astype(str))
    assert set(changed["indicator"].astype(str)) == {"9.2"} and len(changed) == len(values) > 0
    assert changed["met_old"].all() and not changed["met_new"].any()
    counts = ["commune_id", "criteria_met", "indicators_met", "tier_reached"]
    was_c = before.communes[before.communes["set"] == "hanam-2022-ntm"][counts].set_index("commune_id")
    now_c = after.communes[after.communes["set"] == "hanam-2024-ntm"][counts].set_index("commune_id")
    moved = set(values["commune_id"].astype(str))
    assert (now_c["indicators_met"] == was_c["indicators_met"] - was_c.index.astype(str).isin(moved)).all()
    assert now_c[~now_c.index.astype(str).isin(moved)].equals(was_c[~was_c.index.astype(str).isin(moved)])
    out = run("score", d, "--year", 2023, "--set", "hanam-2024-ntm", "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.output.count("hanam-2024-ntm") == 20


def use_set(d, old: str, new: str) -> None:
    """Dataset folder `d` scored with set `new` where it used `old`: dataset.yaml names it, and the
    observations written for the old set are the new one's (what the office does when the
    province's corrected set replaces the one in use)."""
    for name in ("dataset.yaml", "observations.csv"):
        path = d / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("edit, place, message", [  # place None: the cell edited, found by its header
    (("2.2", "DBSH", "nhiều"), "'Chỉ tiêu'!H7", "ngưỡng 'nhiều' không phải số"),  # docs/province-office.md shows H7
    (("2.2", "Quy tắc", "lớn hơn"), "'Chỉ tiêu'!E7", "quy tắc 'lớn hơn' không phải một trong ≥, ≤, Đạt, Không có"),
    (("2.2", "Mức chắc chắn", "chắc"), None, "mức chắc chắn 'chắc' không phải một trong"),
    (("1.1", "Mọi xã", 5), "'Chỉ tiêu'!F4", "quy tắc 'Đạt' không có ngưỡng: để trống các cột ngưỡng"),
    (("2.2", "Mọi xã", 95), "'Chỉ tiêu'!F7", "một chỉ tiêu chỉ điền một loại cột ngưỡng"),
    (("2.2", "Tiêu chí", "99"), "'Chỉ tiêu'!A7", "tiêu chí '99' không có trong bộ"),
    (("2.2", "Ngưỡng suy ra", "1,1 × ngưỡng chỉ tiêu 10"), None,
     "ngưỡng suy ra '1,1 × ngưỡng chỉ tiêu 10' không đọc được: ghi dạng '1,1 × ngưỡng chỉ tiêu 10 của bộ"),
    (("2.2", "Ngưỡng suy ra", "1,1 × ngưỡng chỉ tiêu 10 của bộ tinh-khac"), None,
     "ngưỡng suy ra dựa vào bộ tiêu chí không có: 'tinh-khac'"),
    (("2.2", "Ngưỡng suy ra", "1,1 × ngưỡng chỉ tiêu 99 của bộ vn-2021-ntm"), None,
     "ngưỡng suy ra dựa vào chỉ tiêu '99' không có trong bộ vn-2021-ntm"),
    (("2.2", "Ngưỡng suy ra", "2 × ngưỡng chỉ tiêu 1.1 của bộ vn-2021-ntm"), None,
     "ngưỡng suy ra dựa vào chỉ tiêu '1.1' của bộ vn-2021-ntm, chỉ tiêu này không có ngưỡng số"),
    (("1.1", "Ngưỡng suy ra", "1 × ngưỡng chỉ tiêu 2.2 của bộ vn-2021-ntm"), None,
     "quy tắc 'Đạt' không có ngưỡng: để trống cột 'Ngưỡng suy ra'"),
])
def test_errors_name_the_sheet_and_the_cell(exported, tmp_path, edit, place, message):
    wb = openpyxl.load_workbook(exported)
    code, header, value = edit
    cell = _cell(wb["Chỉ tiêu"], code, header)
    cell.value = value
    place = place or f"'Chỉ tiêu'!{cell.coordinate}"
    wb.save(tmp_path / "sai.xlsx")
    out = tmp_path / "tinh-x.yaml"
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "sai.xlsx", "tinh-x", out, extends="vn-2021-ntm")
    [p] = e.value.problems
    assert p.file == "sai.xlsx" and p.place == place and p.message.startswith(message), p
    assert not out.exists()


@pytest.mark.parametrize("cell, value, message", [
    ("B4", "siêu", "hạng 'siêu' không phải một trong ntm, nang-cao, kieu-mau"),
    ("B5", "2024", "giai đoạn '2024' phải ghi dạng 2022-2025"),
])
def test_errors_in_the_information_sheet_name_its_cell(exported, tmp_path, cell, value, message):
    wb = openpyxl.load_workbook(exported)
    wb["Thông tin"][cell] = value
    wb.save(tmp_path / "sai.xlsx")
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "sai.xlsx", "tinh-x", tmp_path / "tinh-x.yaml", extends="vn-2021-ntm")
    [p] = e.value.problems
    assert p.place == f"'Thông tin'!{cell}" and p.message.startswith(message), p


def test_the_tier_is_written_by_name_and_read_back(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    assert wb["Thông tin"]["B4"].value == "NTM"
    wb["Thông tin"]["B4"] = "ntm nâng cao"
    wb.save(tmp_path / "nc.xlsx")
    assert import_set(tmp_path / "nc.xlsx", "tinh-x", tmp_path / "tinh-x.yaml").tier == "nang-cao"


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


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    (tmp_path / "tinh-y.yaml").write_text(
        'id: tinh-y\nextends: hanam-2022-ntm\nname: "=HYPERLINK(\\"http://x\\")"\ntier: ntm\n'
        'overrides:\n  "1.1": {name: "+cmd|\' /C calc\'!A0", name_en: "@SUM(1)"}\n', encoding="utf-8")
    s = load_set(tmp_path / "tinh-y.yaml")
    export_set(s, tmp_path / "b.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["Chỉ tiêu"]
    name, english = _cell(ws, "1.1", "Tên chỉ tiêu"), _cell(ws, "1.1", "Tên tiếng Anh")
    assert (name.value, name.data_type) == ("+cmd|' /C calc'!A0", "s")
    assert (english.value, english.data_type) == ("@SUM(1)", "s")
    assert ws["A1"].data_type == "s" and ws["A1"].value.endswith('=HYPERLINK("http://x")')
    back = import_set(tmp_path / "b.xlsx", "tinh-z", tmp_path / "tinh-z.yaml")
    assert back.indicators == s.indicators


@pytest.mark.parametrize("text, number, date", [
    ("12/2024/QĐ-UBND ngày 15/3/2024", "12/2024/QĐ-UBND", "2024-03-15"),
    ("Quyết định số 12/2024/QĐ-UBND ngày 05/03/2024", "12/2024/QĐ-UBND", "2024-03-05"),
    ("QĐ 7/QĐ-UBND", "7/QĐ-UBND", ""),
    ("7/QĐ-UBND, Ngày 1.2.2025", "7/QĐ-UBND", "2025-02-01"),
])
def test_the_decision_number_and_date(text, number, date):
    from ntmlib.office.criteria_import import split_decision

    assert split_decision(text) == (number, date)


def test_a_decision_dated_a_day_that_does_not_exist(exported, tmp_path):
    with pytest.raises(FrameworkError) as e:
        import_set(exported, "tinh-x", tmp_path / "tinh-x.yaml", extends="vn-2021-ntm",
                   decision="12/2024/QĐ-UBND ngày 31/2/2024")
    assert str(e.value) == ("--decision: ngày trong '12/2024/QĐ-UBND ngày 31/2/2024' không có thật "
                            "(ghi ngày/tháng/năm, ví dụ 15/3/2024)")


def test_an_id_that_cannot_name_a_set_and_a_missing_workbook(exported, tmp_path):
    r = run("frameworks", "import", exported, "--id", "Hà_Nam", "--out", tmp_path / "Hà_Nam.yaml")
    assert r.exit_code == 2 and r.output.splitlines()[-1] == (
        "  - --id: mã 'Hà_Nam' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ hanam-2024-ntm)")
    assert not (tmp_path / "Hà_Nam.yaml").exists()
    r = run("frameworks", "import", tmp_path / "khong-co.xlsx", "--id", "a-b", "--out", tmp_path / "a-b.yaml")
    assert r.exit_code == 2 and r.output == f"Lỗi: {tmp_path / 'khong-co.xlsx'}: không có tệp này\n"


@pytest.fixture(scope="module")
def model_workbook(tmp_path_factory):
    """hanam-2022-kieu-mau exported: its income K2 is 1,1 × the income threshold of hanam-2022-nang-cao."""
    path = tmp_path_factory.mktemp("kieu-mau") / "kieu-mau.xlsx"
    export_set(load_set("hanam-2022-kieu-mau"), path)
    return path


def _income(set_id: str) -> dict:
    return next(i for i in load_set(set_id).indicators if i.code == "10").threshold.values


def test_a_derived_threshold_is_written_as_its_rule_with_its_values_greyed(model_workbook):
    ws = openpyxl.load_workbook(model_workbook)["Chỉ tiêu"]
    assert _cell(ws, "K2", "Ngưỡng suy ra").value == "1,1 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao"
    advanced = _income("hanam-2022-nang-cao")  # DBSH 64 (2022), 68 (2023)
    for year in ("2022", "2023"):
        cell = _cell(ws, "K2", f"DBSH {year}")
        assert cell.value == pytest.approx(1.1 * advanced[("DBSH", year)])
        assert cell.font.i and cell.fill.fgColor.rgb.endswith("E7E6E6")  # computed: italic on grey
    assert (_cell(ws, "K2", "DBSH 2022").value, _cell(ws, "K2", "DBSH 2023").value) == (70.4, 74.8)
    assert _cell(ws, "K2", "DBSH 2024").value is None  # the nâng cao set has no income threshold for 2024 yet
    assert not _cell(ws, "K3", "DBSH 2022").font.i and _cell(ws, "K3", "Ngưỡng suy ra").value is None
    assert ws["A2"].value.endswith("Ô ngưỡng chữ nghiêng nền xám là giá trị tính theo cột 'Ngưỡng suy ra'.")


def test_a_changed_rule_is_imported_as_a_rule_confirmed_by_the_decision(model_workbook, tmp_path):
    wb = openpyxl.load_workbook(model_workbook)
    _cell(wb["Chỉ tiêu"], "K2", "Ngưỡng suy ra").value = "1,2 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao"
    wb.save(tmp_path / "sua.xlsx")
    out = tmp_path / "hanam-2024-kieu-mau.yaml"
    s = import_set(tmp_path / "sua.xlsx", "hanam-2024-kieu-mau", out, extends="hanam-2022-kieu-mau", decision=DECISION)
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert list(doc["overrides"]) == ["K2"]
    k2 = doc["overrides"]["K2"]
    assert k2["threshold"] == {"derived": {"set": "hanam-2022-nang-cao", "indicator": "10", "factor": 1.2}}
    assert k2["confidence"] == "confirmed"
    assert k2["source"] == f"{DECISION}: ngưỡng suy ra 1,2 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao"
    t = next(i for i in s.indicators if i.code == "K2").threshold
    assert t.derived == ("hanam-2022-nang-cao", "10", 1.2)
    assert t.values == {k: round(1.2 * v, 6) for k, v in _income("hanam-2022-nang-cao").items()}  # 76.8, 81.6


def test_numbers_typed_over_a_cleared_rule_are_imported_as_numbers(model_workbook, tmp_path):
    wb = openpyxl.load_workbook(model_workbook)
    ws = wb["Chỉ tiêu"]
    _cell(ws, "K2", "Ngưỡng suy ra").value = None
    _cell(ws, "K2", "DBSH 2022").value = 71  # 74.8 (2023) kept as shown, 2024 typed in
    _cell(ws, "K2", "DBSH 2024").value = 80
    wb.save(tmp_path / "so.xlsx")
    out = tmp_path / "hanam-2024-kieu-mau.yaml"
    s = import_set(tmp_path / "so.xlsx", "hanam-2024-kieu-mau", out, extends="hanam-2022-kieu-mau", decision=DECISION)
    k2 = yaml.safe_load(out.read_text(encoding="utf-8"))["overrides"]["K2"]
    assert k2["threshold"] == {"by_region_year": {"DBSH": {"2022": 71, "2023": 74.8, "2024": 80}}}
    assert k2["confidence"] == "confirmed"
    assert k2["source"] == f"{DECISION}: DBSH 2022 71, DBSH 2023 74,8, DBSH 2024 80"  # the rule's values had no source
    t = next(i for i in s.indicators if i.code == "K2").threshold
    assert t.derived == () and t.lookup("DBSH", 2024)[0] == 80 and t.lookup("DBSH", 2023)[0] == 74.8


@pytest.mark.parametrize("header, value, message", [
    ("DBSH 2022", 71, "ngưỡng 71 khác giá trị tính theo cột 'Ngưỡng suy ra' (70,4): muốn dùng số đã gõ thì xoá ô"),
    ("DBSH 2024", 80, "ngưỡng 80 khác giá trị tính theo cột 'Ngưỡng suy ra' (ô trống)"),
])
def test_a_number_typed_over_a_rule_that_was_kept_is_an_error(model_workbook, tmp_path, header, value, message):
    wb = openpyxl.load_workbook(model_workbook)
    cell = _cell(wb["Chỉ tiêu"], "K2", header)
    cell.value = value
    wb.save(tmp_path / "sai.xlsx")
    with pytest.raises(FrameworkError) as e:
        import_set(tmp_path / "sai.xlsx", "tinh-km", tmp_path / "tinh-km.yaml", extends="hanam-2022-kieu-mau")
    [p] = e.value.problems
    assert p.place == f"'Chỉ tiêu'!{cell.coordinate}" and p.message.startswith(message), p


@pytest.mark.parametrize("text, parsed", [
    ("1,1 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao", (1.1, "10", "hanam-2022-nang-cao")),
    ("1.1 x nguong chi tieu 10 cua bo hanam-2022-nang-cao", (1.1, "10", "hanam-2022-nang-cao")),
    ("1,05 × ngưỡng chỉ tiêu K2 của bộ tiêu chí vn-2021-kieu-mau", (1.05, "k2", "vn-2021-kieu-mau")),
    ("2 * chỉ tiêu 9.2 bộ vn-2021-ntm", (2.0, "9.2", "vn-2021-ntm")),
    ("1,1 × ngưỡng chỉ tiêu 10", None),
    ("0 × ngưỡng chỉ tiêu 10 của bộ vn-2021-nang-cao", None),
    ("cao hơn 10% mức nâng cao", None),
])
def test_the_rule_of_a_derived_threshold_is_read_as_written_or_without_diacritics(text, parsed):
    from ntmlib.office.criteria_workbook import parse_derived

    assert parse_derived(text) == parsed
