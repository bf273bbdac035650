"""A value with no threshold for its year is its own result, never "no data": the sample with
its 2023 values entered again for 2024, a year the Hà Nam sets have no income threshold for
(no public source gives one), and the derived kiểu mẫu income of QĐ 319."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.analysis import verdicts
from ntmlib.analysis.roadmap import district_totals, roadmap
from ntmlib.analysis.validation import validate
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import load_set
from ntmlib.errors import FrameworkError
from ntmlib.present import blocks
from ntmlib.present.bulletin import build

from tests.helpers.paths import ROOT, sample_again_in_2024

NTM, NC, KM = "hanam-2022-ntm", "hanam-2022-nang-cao", "hanam-2022-kieu-mau"
NGUYEN_LY, HOP_LY = "13570", "13567"  # 19/19 NTM in 2023; 18/19 NTM in 2023 (a criterion failed)


@pytest.fixture(scope="module")
def ly_nhan_2024(tmp_path_factory) -> Path:
    return sample_again_in_2024(tmp_path_factory.mktemp("data") / "ly-nhan-2024")


@pytest.fixture(scope="module")
def card(ly_nhan_2024):
    return ntmlib.score(ly_nhan_2024, year=[2023, 2024])


def test_income_of_2024_is_no_threshold_not_no_data(card):
    ind = card.indicators
    income = ind[(ind["indicator"] == "10") & (ind["set"] == NTM)].set_index(["commune_id", "year"])
    got = income.loc[(NGUYEN_LY, 2024)]
    assert got["status"] == "no_threshold" and pd.isna(got["met"]) and pd.isna(got["threshold"])
    assert (got["threshold_basis"], got["threshold_basis_label"]) == ("none", "không có ngưỡng")
    assert got["number"] == income.loc[(NGUYEN_LY, 2023), "number"]  # the value was read
    # 2023 has one: ĐBSH 62 (provisional)
    assert income.loc[(NGUYEN_LY, 2023), ["threshold", "threshold_basis", "status"]].tolist() == [62.0, "region_year",
                                                                                                 "met"]
    # every status occurs in 2024, and each of the 20 communes has 3 values without threshold (NTM, NC, KM income)
    in_2024 = ind[ind["year"] == 2024]
    counts = in_2024["status"].value_counts()
    assert counts["no_threshold"] == 20 * 3 and counts["no_data"] > 0 and counts["met"] > 0 and counts["not_met"] > 0
    assert list(ind["status"].cat.categories) == ["met", "not_met", "no_threshold", "no_data"]


def test_counts_split_no_data_from_no_threshold(card):
    c = card.communes.set_index(["commune_id", "year", "set"])
    assert c.loc[(NGUYEN_LY, 2024, NTM), ["indicators_met", "no_data", "no_threshold"]].tolist() == [56, 0, 1]
    assert c.loc[(NGUYEN_LY, 2023, NTM), ["indicators_met", "no_data", "no_threshold"]].tolist() == [57, 0, 0]
    crit = card.criteria.set_index(["commune_id", "year", "set", "criterion"])
    assert crit.loc[(NGUYEN_LY, 2024, NTM, "10"), ["indicators_met", "no_data", "no_threshold"]].tolist() == [0, 0, 1]
    assert pd.isna(crit.loc[(NGUYEN_LY, 2024, NTM, "10"), "met"])


def test_tier_is_undecided_only_when_nothing_failed(card):
    c = card.communes.set_index(["commune_id", "year", "set"])
    # Nguyên Lý met everything in 2023: in 2024 NTM and nâng cao wait on the income threshold
    assert c.loc[(NGUYEN_LY, 2023, NTM), "reaches"] and c.loc[(NGUYEN_LY, 2023, NC), "reaches"]
    assert c.loc[(NGUYEN_LY, 2024, NTM), ["reaches", "undecided"]].tolist() == [False, True]
    assert pd.isna(c.loc[(NGUYEN_LY, 2024, NTM), "set_met"])
    assert bool(c.loc[(NGUYEN_LY, 2024, NC), "undecided"]) and bool(c.loc[(NGUYEN_LY, 2024, KM), "undecided"])
    # Hợp Lý fails other NTM criteria: not reached, decided, and so are the tiers above it
    assert c.loc[(HOP_LY, 2024, NTM), ["set_met", "undecided"]].tolist() == [False, False]
    assert not c.loc[(HOP_LY, 2024, NC), "undecided"] and not c.loc[(HOP_LY, 2024, KM), "undecided"]
    undecided = card.communes[card.communes["year"] == 2024].groupby("set")["undecided"].sum().to_dict()
    assert undecided == {NTM: 5, NC: 4, KM: 4}
    assert card.communes.loc[card.communes["year"] == 2023, "undecided"].sum() == 0


def test_verdict_card_says_it_cannot_be_decided(card):
    vs = verdicts.commune_verdicts(card, NGUYEN_LY, 2024)
    ntm = next(v for v in vs if v.set_id == NTM)
    assert ntm.state == "undecided" and not ntm.reached and ntm.no_threshold == ("10",)
    assert (ntm.region, ntm.year) == ("DBSH", 2024)
    html = blocks.verdicts_html(vs, card.sets)
    assert 'data-state="undecided"' in html and "Chưa xác định (chưa có ngưỡng)" in html
    assert ("Chưa xác định được: 1 chỉ tiêu có số liệu nhưng chưa có ngưỡng cho năm 2024 (bộ NTM, "
            "vùng Đồng bằng sông Hồng): 10.") in html
    english = blocks.verdicts_html(vs, card.sets, "en")
    assert "Undecided (no threshold)" in english and "no threshold for 2024" in english
    assert next(v for v in verdicts.commune_verdicts(card, HOP_LY, 2024) if v.set_id == NTM).state == "lapsed"
    steps = verdicts.next_steps(card, NGUYEN_LY, 2024)
    assert steps[["indicator", "status"]].values.tolist() == [["10", "no_threshold"]]
    assert blocks.need_text(">=", "no_threshold", float("nan"), "triệu đồng/người/năm") == "chưa xác định được"
    assert blocks.threshold_text(">=", float("nan"), "triệu đồng/người/năm") == "chưa có ngưỡng"
    assert blocks.threshold_text("yes", float("nan"), "") == "Đạt"


def test_validate_warns_once_per_set_year_and_region(ly_nhan_2024):
    problems = validate(ly_nhan_2024)
    assert list(problems) == []  # warnings are not errors
    messages = [w.message for w in problems.warnings]
    assert messages == [
        f"chưa có ngưỡng cho năm 2024 (bộ {sid}, vùng DBSH): 20 giá trị của 1 chỉ tiêu ({code}) không chấm được; "
        "bộ tiêu chí chưa có mức cho năm và vùng này" for sid, code in ((NTM, "10"), (NC, "10"), (KM, "K2"))]
    lines = (ly_nhan_2024 / "observations.csv").read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, 1) if line.startswith("13567,2024,,income_per_capita,"))
    assert {(w.file, w.place, w.column) for w in problems.warnings} == {("observations.csv", f"dòng {first}", "value")}
    assert validate(ROOT / "data" / "ly-nhan").warnings == []  # 2022-2023 have every threshold
    r = CliRunner().invoke(main, ["validate", str(ly_nhan_2024)])
    assert r.exit_code == 0 and r.output.startswith("3 cảnh báo:\n") and "dữ liệu hợp lệ" in r.output


def test_bulletin_lists_the_missing_thresholds_and_undecided_tiers(card):
    b = build(card, 2024)
    section = next(s for s in b.sections if s.heading == "Lưu ý về ngưỡng")
    assert [blk.text for blk in section.blocks][0] == (
        "Chưa có ngưỡng cho năm 2024 (Bộ tiêu chí xã nông thôn mới tỉnh Hà Nam giai đoạn 2022 - 2025, vùng Đồng bằng "
        "sông Hồng): chỉ tiêu 10 (thu nhập bình quân đầu người khu vực nông thôn); 20 xã có số liệu nhưng chưa "
        "chấm được chỉ tiêu này. Kết quả theo bộ tiêu chí NTM của 5 xã "
        "chưa xác định được (không tính là chưa đạt).")
    state = b.table.set_index("Xã")["Tình trạng"]
    assert state["Nguyên Lý"] == "NTM: Chưa xác định (chưa có ngưỡng)"
    assert state["Hợp Lý"] == "NTM kiểu mẫu: Đã công nhận nhưng chưa duy trì"
    assert all(s.heading != "Lưu ý về ngưỡng" for s in build(card, 2023).sections)


def test_roadmap_counts_communes_without_threshold(card):
    dt = district_totals(roadmap(card, 2024, "nang-cao"))
    income = dt[(dt["set"] == NC) & (dt["indicator"] == "10")].iloc[0]
    assert income["no_threshold"] == 10 and income["communes"] == 0  # the 10 communes not yet recognised nâng cao
    assert income["sentence"].startswith("10 xã chưa có ngưỡng cho năm 2024 về thu nhập bình quân")


def test_kieu_mau_income_is_the_rule_of_decision_319():
    for sid, base in (("vn-2021-kieu-mau", "vn-2021-nang-cao"), (KM, NC)):
        k2 = next(i for i in load_set(sid).indicators if i.code == "K2")
        assert k2.confidence == "derived" and k2.threshold.derived == (base, "10", 1.1)
        assert k2.threshold.values == {("DBSH", "2022"): 70.4, ("DBSH", "2023"): 74.8}  # 64 × 1.1, 68 × 1.1
        assert k2.threshold.lookup("DBSH", 2024) == (None, "")  # no nâng cao income for 2024: none either


def test_derived_threshold_follows_the_set_it_names(tmp_path):
    (tmp_path / "nc.yaml").write_text(Path(ROOT / "ntmlib/criteria/sets/hanam-2022-nang-cao.yaml").read_text(
        encoding="utf-8").replace("id: hanam-2022-nang-cao", "id: nc") + """
overrides:
  "10":
    threshold: {by_region_year: {DBSH: {2024: 80}}}
""", encoding="utf-8")
    (tmp_path / "km.yaml").write_text("""id: km
extends: vn-2021-kieu-mau
name: "Kiểu mẫu thử"
tier: kieu-mau
overrides:
  K2:
    threshold: {derived: {set: nc, indicator: "10", factor: 1.1}}
""", encoding="utf-8")
    k2 = next(i for i in load_set(tmp_path / "km.yaml").indicators if i.code == "K2")
    assert k2.threshold.values == {("DBSH", "2024"): 88.0}
    assert k2.threshold.describe() == "1,1 × nc 10 = DBSH 2024: 88"


@pytest.mark.parametrize("rule, message", [
    ('{set: nowhere, indicator: "10", factor: 1.1}', "km.yaml: overrides['K2'].threshold.derived.set: "
                                                     "quy tắc ngưỡng dựa vào bộ tiêu chí không có: 'nowhere'"),
    ('{set: vn-2021-nang-cao, indicator: "99", factor: 1.1}', "km.yaml: overrides['K2'].threshold.derived.indicator: "
                                                              "quy tắc ngưỡng dựa vào không có chỉ tiêu '99' của bộ "
                                                              "vn-2021-nang-cao"),
    ('{set: vn-2021-nang-cao, indicator: "1.1", factor: 1.1}', "km.yaml: overrides['K2'].threshold.derived.indicator: "
                                                               "quy tắc ngưỡng dựa vào chỉ tiêu không có ngưỡng số: "
                                                               "'1.1' của bộ vn-2021-nang-cao"),
    ('{set: km, indicator: "K2", factor: 1.1}', "km.yaml: overrides['K2'].threshold.derived.set: "
                                                "quy tắc ngưỡng vòng tròn: km -> km"),
    ('{set: vn-2021-nang-cao, indicator: "10", factor: 0}', "km.yaml: overrides.K2.threshold.derived.factor: 0 phải "
                                                           "lớn hơn 0"),
])
def test_a_bad_rule_names_the_file_and_place(tmp_path, rule, message):
    (tmp_path / "km.yaml").write_text(f"""id: km
extends: vn-2021-kieu-mau
name: "Kiểu mẫu thử"
tier: kieu-mau
overrides:
  K2:
    threshold: {{derived: {rule}}}
""", encoding="utf-8")
    with pytest.raises(FrameworkError) as e:
        load_set(tmp_path / "km.yaml")
    assert any(str(p).startswith(message) for p in e.value.problems), [str(p) for p in e.value.problems]


def test_confidence_counts_and_the_provisional_listing():
    counts = {sid: load_set(sid).confidence_counts() for sid in ntmlib.available_sets()}
    assert counts["vn-2021-nang-cao"] == {"confirmed": 2, "derived": 0, "provisional": 53}  # income, health insurance
    assert counts["vn-2021-kieu-mau"] == {"confirmed": 2, "derived": 1, "provisional": 0}
    assert counts["vn-2021-ntm"] == {"confirmed": 0, "derived": 0, "provisional": 57}  # income 58/62: no source
    table = load_set("vn-2021-ntm").provisional_table()
    assert len(table) == 57
    stunting = table.set_index("indicator").loc["15.3"]
    assert stunting["threshold_text"] == "TDMNPB: 24; DBSH: 16,5; BTB: 25; DHNTB: 22; TN: 26,5; DNB: 14,5; DBSCL: 19"
    assert "tieu-chi-nong-thon-moi-cap-xa.jpg" in stunting["source"] and "≥16.5%" in stunting["source"]
    ehealth = load_set(NTM).indicators
    ehealth = next(i for i in ehealth if i.code == "15.4").threshold
    assert (ehealth.lookup("DBSH")[0], ehealth.lookup("TDMNPB")[0], ehealth.lookup("BTB")[0]) == (70.0, 50.0, 50.0)
    r = CliRunner().invoke(main, ["frameworks", "vn-2021-kieu-mau", "--provisional"])
    assert r.exit_code == 0 and r.output == "vn-2021-kieu-mau: không có chỉ tiêu nào có ngưỡng tạm tính.\n"
    r = CliRunner().invoke(main, ["frameworks", NC, "--provisional"])
    lines = r.output.splitlines()
    assert lines[0] == "hanam-2022-nang-cao: 73 chỉ tiêu có ngưỡng tạm tính (chưa đối chiếu với văn bản gốc)"
    assert not any(line.lstrip().startswith(("10 ", "14.1 ")) for line in lines)  # confirmed: not listed
    assert any(line.lstrip().startswith("18.1 ") and "BTB: 55" in line for line in lines)


def test_notes_record_the_special_commune_rule_and_the_2024_amendment():
    for sid in ("vn-2021-ntm", "vn-2021-nang-cao"):
        s = load_set(sid)
        assert "TDMNPB" in s.notes and "211/QĐ-TTg" in s.source["note"] and "211/QĐ-TTg" in s.notes
    assert "211/QĐ-TTg" in load_set("vn-2021-kieu-mau").source["note"]


def test_health_insurance_of_other_regions_has_no_threshold_in_nang_cao():
    t = next(i for i in load_set("vn-2021-nang-cao").indicators if i.code == "14.1").threshold
    assert t.lookup("DBSH")[0] == 95.0 and t.lookup("TDMNPB")[0] == 95.0 and t.lookup("BTB") == (None, "")


def test_workbook_says_no_threshold_in_the_basis_and_result_cells(card, tmp_path):
    import openpyxl

    from ntmlib.office.score_workbook import write_score_workbook

    path = tmp_path / "diem.xlsx"
    write_score_workbook(card.subset([NGUYEN_LY]).upto(2024), path, sets=[NTM])
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [r for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
    head = next(r for r in rows if r and "Căn cứ ngưỡng" in r)
    basis, result, year, code = (head.index(k) for k in ("Căn cứ ngưỡng", "Kết quả", "Năm", "Chỉ tiêu"))
    income = {r[year]: (r[basis], r[result]) for r in rows if r and len(r) > code and r[code] == "10"}
    assert income == {2023: ("vùng Đồng bằng sông Hồng, năm 2023", "Đạt"),
                      2024: ("chưa có ngưỡng cho năm 2024", "Chưa có ngưỡng")}


def test_grid_and_heatmap_show_the_criterion_waiting_on_a_threshold(card):
    import re

    from ntmlib.present import grids
    from ntmlib.text import result_word

    # Nguyên Lý's NTM criterion 10 (income) has a value in 2024 but no threshold: its own tile state
    tile = grids.criteria_grid_html(card, NGUYEN_LY, 2024, NTM)
    assert re.search(r'data-criterion="10" data-state="no_threshold"', tile)
    assert "∅ Chưa có ngưỡng" in tile.replace("</span> ", " ").replace('<span aria-hidden="true">', "")
    assert 'data-state="no_threshold"><span class="ntm-swatch ntm-nothr"' in tile  # in the legend, with its count
    states = re.findall(r'data-criterion="[^"]+" data-state="([a-z_]+)"', tile)
    assert states.count("no_threshold") == 1 and states.count("met") == 18
    # the heatmap: every commune whose income criterion has no failure waits on the threshold
    heat = grids.heatmap_html(card, 2024, NTM)
    crit = card.criteria[(card.criteria["year"] == 2024) & (card.criteria["set"] == NTM)
                         & (card.criteria["criterion"] == "10")]
    waiting = int((crit["met"].isna() & (crit["no_threshold"] > 0)).sum())
    assert waiting == len(re.findall(r'data-criterion="10" data-state="no_threshold"', heat)) > 0
    cells = re.findall(r'<td class="ntm-[a-z]+" data-criterion="10" data-state=', heat)
    assert len(cells) == crit["commune_id"].nunique()
    # 2023 had a threshold: no such state, and no legend key for it
    assert "no_threshold" not in grids.heatmap_html(card, 2023, NTM)
    assert result_word("no_threshold", "en") == "No threshold" and result_word("no_data") == "Chưa có số liệu"


def test_failing_indicators_and_the_explorer_name_a_missing_threshold(card):
    from ntmlib.analysis import aggregate
    from ntmlib.jupyter.explorer import indicators_table

    f = aggregate.failing_indicators(card, NGUYEN_LY, 2024, NTM)
    assert f.loc[f["indicator"] == "10", "status"].tolist() == ["no_threshold"]
    assert "no_threshold" not in set(aggregate.failing_indicators(card, NGUYEN_LY, 2023, NTM)["status"].astype(str))
    t = indicators_table(card, NGUYEN_LY, 2024, NTM, unmet_only=True)
    assert t.data["Kết quả"].tolist() == ["Chưa có ngưỡng"] * len(f) and len(f) == 1
