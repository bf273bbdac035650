"""The communes' data-entry workbook (ntmlib.office.data_entry, `ntm template`): what it shows beside
each entry cell, and that the filled workbook is read by the existing readers, with no option,
into the same Scorecard as the same values in a tidy CSV."""
from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.dataset.loading import load_dataset
from ntmlib.office.data_entry import write_template
from ntmlib.scoring.engine import score

from tests.helpers.entry import HEADER, SOME, fill_entry_workbook
from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN, TINY


@pytest.fixture(scope="module")
def ly_nhan():
    return load_dataset(LY_NHAN)


def _with_values(card, ids) -> int:
    rows = card.indicators[card.indicators["commune_id"].astype(str).isin(set(map(str, ids)))]
    return int((rows["value"].astype(str) != "").sum())


def _asked_with_values(card, ids, sets) -> int:
    """The entry cells a commune fills: one per figure with a value, a figure several sets use
    (the same measure, rule and unit) counted once."""
    key = {(s.id, i.code): (i.measure, i.rule, i.unit.strip()) for s in sets for i in s.indicators}
    uses = pd.Series(list(key.values())).value_counts()
    rows = card.indicators[card.indicators["commune_id"].astype(str).isin(set(map(str, ids)))
                           & (card.indicators["value"].astype(str) != "")]
    asked = {(cid, key[(sid, code)] if uses[key[(sid, code)]] > 1 else (sid, code))
             for cid, sid, code in zip(rows["commune_id"].astype(str), rows["set"].astype(str),
                                       rows["indicator"].astype(str))}
    return len(asked)


def _same_scores(a, b) -> None:
    assert_frame_equal(a.communes.reset_index(drop=True), b.communes.reset_index(drop=True))
    cols = ["commune_id", "set", "indicator", "number", "threshold", "met", "gap"]
    assert_frame_equal(a.indicators[cols].astype(str).reset_index(drop=True),
                                  b.indicators[cols].astype(str).reset_index(drop=True))
    crit = [c for c in a.criteria.columns if "source" not in c]  # the places differ: CSV lines, workbook cells
    assert_frame_equal(a.criteria[crit].reset_index(drop=True), b.criteria[crit].reset_index(drop=True))


def _dataset_with(tmp_path, workbook):
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    (d / "observations.csv").unlink()
    shutil.copy(workbook, d / "observations.xlsx")
    return d


@pytest.mark.parametrize("layout", ["per-commune", "across"])
def test_filled_template_scores_as_the_csv(layout, ly_nhan, ly_nhan_2023_card, tmp_path):
    path = tmp_path / "nhap-lieu.xlsx"
    made = write_template(ly_nhan, 2023, path, SOME, layout)
    assert made["communes"] == 3 and made["indicators"] == 57 + 75 + 3
    # 37 measures are used by two sets (income by three): 38 indicators are filled from another's cell
    assert made["inputs"] == 57 + 75 + 3 - 38 and made["left_out"] == []
    assert made["sheets"] == (["Hợp Lý", "Đức Lý", "Tiến Thắng"] if layout == "per-commune" else ["2023"])
    filled = fill_entry_workbook(path, ly_nhan, ly_nhan_2023_card)
    assert _with_values(ly_nhan_2023_card, SOME) == 403  # the values scored; two indicators have none
    assert filled == _asked_with_values(ly_nhan_2023_card, SOME, ly_nhan.sets_for(2023)) == 289  # typed once each
    d = _dataset_with(tmp_path, path)
    ds = load_dataset(d)
    assert ds.skipped == []  # the unit, threshold and reference columns are read as descriptive, silently
    _same_scores(score(ly_nhan.restrict(SOME), year=2023), score(ds.restrict(SOME), year=2023))


@pytest.mark.slow
def test_whole_district_template_scores_as_the_csv(ly_nhan, ly_nhan_2023_card, tmp_path):
    path = tmp_path / "nhap-lieu.xlsx"
    made = write_template(ly_nhan, 2023, path)
    assert made["communes"] == 20 and made["left_out"] == ["Thị trấn Vĩnh Trụ"]  # not assessed: no sheet
    filled = fill_entry_workbook(path, ly_nhan, ly_nhan_2023_card)
    assessed = ly_nhan.communes.loc[ly_nhan.communes["assessed"] & ly_nhan.existing([2023]), "commune_id"]
    assert filled == _asked_with_values(ly_nhan_2023_card, assessed, ly_nhan.sets_for(2023))
    _same_scores(ly_nhan_2023_card, score(load_dataset(_dataset_with(tmp_path, path)), year=2023))


def test_a_blank_entry_cell_is_no_data_never_zero(ly_nhan, ly_nhan_2023_card, tmp_path):
    path = tmp_path / "nhap-lieu.xlsx"
    write_template(ly_nhan, 2023, path, SOME[:1])
    fill_entry_workbook(path, ly_nhan, ly_nhan_2023_card,
                        leave_out={("13567", "hanam-2022-ntm", "11"), ("13567", "hanam-2022-nang-cao", "11"),
                                   ("13567", "hanam-2022-ntm", "1.1")})
    card = score(load_dataset(_dataset_with(tmp_path, path)).restrict(SOME[:1]), year=2023)
    rows = card.indicators[(card.indicators["set"] == "hanam-2022-ntm")
                           & card.indicators["indicator"].isin(["11", "1.1"])]
    assert rows["met"].isna().all() and rows["number"].isna().all()  # 0 % poverty would have been met
    ntm = card.communes[card.communes["set"] == "hanam-2022-ntm"].iloc[0]
    assert ntm["no_data"] == 2


def test_what_the_sheet_of_one_commune_shows(ly_nhan, tmp_path):
    path = tmp_path / "nhap-lieu.xlsx"
    write_template(ly_nhan, 2024, path, ["13627"])
    ws = openpyxl.load_workbook(path)["Tiến Thắng"]
    assert ws["A2"].value == "Năm 2024"
    assert [c.value for c in ws[HEADER]] == ["Bộ tiêu chí", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Ngưỡng",
                                             "Tiến Thắng", "Năm 2023 (tham khảo)"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(HEADER + 1, ws.max_row + 1)
            if ws.cell(r, 2).value}
    assert len(rows) == 135  # a row for every indicator: 97 asking a figure, 38 saying where it was asked
    r = rows[("NTM", "2.2")]
    assert [ws.cell(r, c).value for c in (4, 5, 7)] == ["%", "≥ 100", 100]
    # the income, which the three sets use, is asked once: its row keyed by the measure, every threshold
    # beside it (none for 2024 in the sets: said, not hidden)
    r = rows[(None, "income_per_capita")]
    assert ws.cell(r, 3).value == ("Thu nhập bình quân đầu người khu vực nông thôn (một số liệu cho: NTM 10; "
                                   "NTM nâng cao 10; NTM kiểu mẫu K2)")
    assert ws.cell(r, 5).value.split("\n") == ["NTM: chưa có ngưỡng năm 2024", "nâng cao: chưa có ngưỡng năm 2024",
                                               "kiểu mẫu: chưa có ngưỡng năm 2024"]
    for sid, code in (("NTM nâng cao", "10"), ("NTM kiểu mẫu", "K2")):  # said where it is asked; nothing to type
        p = rows[(sid, code)]
        assert ws.cell(p, 3).value.endswith(f"— đã nhập ở dòng {r} (NTM 10)")
        assert ws.cell(p, 6).protection.locked and ws.cell(p, 6).value is None
    # last year's values, as scored: observations.csv gives them by measure (income_per_capita "72,5",
    # multidim_poverty_rate "0,54" for 13627 in 2023)
    assert ws.cell(r, 7).value == 72.5
    assert ws.cell(rows[(None, "multidim_poverty_rate")], 7).value == 0.54
    assert ws.cell(rows[("NTM nâng cao", "2.2")], 7).value == 100
    assert ws.cell(rows[("NTM", "1.1")], 5).value == "Đạt" and ws.cell(rows[("NTM", "1.1")], 7).value == "Đạt"
    assert ws.cell(rows[("NTM kiểu mẫu", "K3")], 5).value == "Đạt"
    # the entry column alone is unlocked; the sheet is protected without a password
    assert ws.protection.sheet and not ws.protection.password
    assert not ws.cell(r, 6).protection.locked and ws.cell(r, 5).protection.locked and ws.cell(r, 7).protection.locked
    assert ws.cell(r, 7).fill.fgColor.rgb.endswith("E7E6E6")
    checks = {dv.type + (dv.formula2 or ""): str(dv.sqref) for dv in ws.data_validations.dataValidation}
    yes_no = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert yes_no.formula1 == '"Đạt,Chưa đạt"'
    assert f"F{rows[('NTM', '1.1')]}" in checks["list"].split()
    assert f"F{rows[('NTM', '2.2')]}" in checks["decimal100"].split()  # a percentage: 0 to 100
    assert f"F{r}" in checks["decimal"].split()  # a number not below 0
    assert ws.print_title_rows == "$5:$5" and ws.page_setup.paperSize == 9


def test_ntm_template_command(tmp_path, monkeypatch):
    out = tmp_path / "nhap.xlsx"
    r = CliRunner().invoke(main, ["template", str(LY_NHAN), "--year", "2024", "--commune", "Nhân Bình,chan ly",
                                  "--layout", "across", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [f"Đã ghi {out}",
                                     "2 xã, 97 số liệu mỗi xã (135 chỉ tiêu của 3 bộ tiêu chí), năm 2024"]
    ws = openpyxl.load_workbook(out)["2024"]
    assert [c.value for c in ws[HEADER]][5:] == ["Nhân Bình", "Nhân Bình: năm 2023 (tham khảo)", "Chân Lý",
                                                 "Chân Lý: năm 2023 (tham khảo)"]
    r = CliRunner().invoke(main, ["template", str(LY_NHAN), "--year", "2024", "--commune", "Nhân Bìn",
                                  "--out", str(out)])
    assert r.exit_code == 2 and "Nhân Bình" in r.output
    r = CliRunner().invoke(main, ["template", str(LY_NHAN), "--year", "2031", "--out", str(out)])
    assert r.exit_code == 2 and "dataset.yaml không nêu bộ tiêu chí nào cho năm 2031" in r.output


def test_a_commune_name_that_looks_like_a_formula_is_written_as_text(tmp_path):
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    for name in ("communes.csv", "crosswalk.csv"):
        path = d / name
        path.write_text(path.read_text(encoding="utf-8").replace("13627,Tiến Thắng,", "13627,=2+3,"),
                        encoding="utf-8")
    path = tmp_path / "nhap.xlsx"
    write_template(load_dataset(d), 2024, path, ["13627"], "across")
    ws = openpyxl.load_workbook(path)["2024"]
    assert [(c.value, c.data_type) for c in ws[HEADER]][5:] == [("=2+3", "s"), ("=2+3: năm 2023 (tham khảo)", "s")]


def test_communes_not_assessed_get_no_sheet_and_the_message_counts_only_the_others(tmp_path):
    out = tmp_path / "nhap.xlsx"
    r = CliRunner().invoke(main, ["template", str(LY_NHAN), "--year", "2024", "--commune", "Vĩnh Trụ,Nhân Bình",
                                  "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[1:] == [
        "1 xã, 97 số liệu mỗi xã (135 chỉ tiêu của 3 bộ tiêu chí), năm 2024",
        "Không lập phiếu cho 1 đơn vị không thuộc diện đánh giá: Thị trấn Vĩnh Trụ"]
    assert openpyxl.load_workbook(out).sheetnames == ["Nhân Bình"]
    ds = load_dataset(LY_NHAN)  # the communes of 2024: the 21 units before the reorganisation of 2025
    assessed = ds.communes.loc[ds.communes["assessed"] & ds.existing([2024]), "commune"].tolist()
    made = ntmlib.template(LY_NHAN, 2024, out)  # the folder, every commune
    assert made["communes"] == len(assessed) == 20 and made["sheets"] == assessed
    assert made["left_out"] == ["Thị trấn Vĩnh Trụ"]
    r = CliRunner().invoke(main, ["template", str(LY_NHAN), "--year", "2024", "--commune", "Vĩnh Trụ",
                                  "--out", str(out)])
    assert r.exit_code == 2 and "không xã nào được đánh giá: Thị trấn Vĩnh Trụ không thuộc diện đánh giá" in r.output


def test_each_commune_sheet_shows_the_threshold_of_its_own_group_and_region(tmp_path):
    # tiny-ntm: 3.2 by commune group (1: ≥ 4, 2: ≥ 2), 1.1 by region (DBSH: ≥ 100, TDMNPB: ≥ 90);
    # An is group 1 in DBSH, Bình group 2 in DBSH, Cao group 2 in TDMNPB
    path = tmp_path / "nhap-lieu.xlsx"
    write_template(load_dataset(TINY), 2023, path, ["A", "B", "C"])
    wb = openpyxl.load_workbook(path)
    shown = {}
    for name in ("An", "Bình", "Cao"):
        ws = wb[name]
        rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(HEADER + 1, ws.max_row + 1)
                if ws.cell(r, 2).value}
        shown[name] = (ws.cell(rows[("NTM", "3.2")], 5).value, ws.cell(rows[("NTM", "1.1")], 5).value)
    assert shown == {"An": ("≥ 4", "≥ 100"), "Bình": ("≥ 2", "≥ 100"), "Cao": ("≥ 2", "≥ 90")}
