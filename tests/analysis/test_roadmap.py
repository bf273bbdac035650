"""The roadmap's outlook by a target year (ntmlib.analysis.roadmap) on a variant of tests/data/tiny: the
threshold that applies that year and where it comes from (region, commune group, a year the set
does not cover), the projection at the recent rate, what is still needed, and the text the
command prints. These kill the mutants of roadmap.py that the other fast tests left alive.

Roadmap to nâng cao on the sample dataset: counts and order as aggregate.readiness, district
totals counted again from the indicator results, and the outlook by a target year.
And the outlook of a `<=` rule on tiny."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.analysis import aggregate
from ntmlib.analysis.roadmap import (
    BY_COLUMNS,
    COLUMNS,
    district_totals,
    roadmap,
    roadmap_for,
    to_text,
)
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import Threshold
from ntmlib.errors import ParameterError
from ntmlib.text import number_text

from tests.helpers.paths import LY_NHAN, TINY
from tests.helpers.tiny import NC, NTM, one, tiny_copy


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    """tiny with: A's income 61 in 2023 (60 in 2022: +1 a year; threshold DBSH 62 in 2023, none
    for later years); B's poverty 2,6 % in 2022 (2,5 % in 2023, ceiling 2); B's temporary houses
    counted (2); C's green space 1,54321 m² (group 2: threshold 2). Only A and B hold NTM; C holds
    nothing, so every commune is a candidate for nâng cao and C for NTM."""
    d = tiny_copy(tmp_path_factory.mktemp("roadmap"),
                  change={'A,2023,tiny-ntm,2.1,"63,5"': "A,2023,tiny-ntm,2.1,61",
                          "B,2023,tiny-ntm,2.3,có": "B,2023,tiny-ntm,2.3,2",
                          'C,2023,tiny-ntm,3.2,"1,5"': 'C,2023,tiny-ntm,3.2,"1,54321"'},
                  add=('B,2022,tiny-ntm,2.2,"2,6"',))
    (d / "recognitions.csv").write_text("commune_id,tier,year,decision,note\nA,ntm,2019,,\nB,ntm,,,\n",
                                        encoding="utf-8")
    return ntmlib.score(d)


def outlook(rm):
    return {(r.commune_id, r.set, r.indicator): (r.threshold_by, r.threshold_by_basis, r.projected, r.outlook, r.extra)
            for r in rm.itertuples()}


def same(got, want):
    """Equal, NaN equal to NaN, numbers to 1e-9."""
    assert got.keys() == want.keys()
    for key in want:
        for g, w in zip(got[key], want[key]):
            if isinstance(w, float) and math.isnan(w):
                assert isinstance(g, float) and math.isnan(g), key
            else:
                assert g == (pytest.approx(w) if isinstance(w, float) else w), key


def test_outlook_by_next_year(card):
    rm = roadmap(card, 2023, "nang-cao", by=2024)
    assert list(rm.columns) == COLUMNS + BY_COLUMNS
    nan = math.nan
    same(outlook(rm), {
        # 61 + 1 = 62 reaches the 2023 threshold exactly (2024 has none: the 2023 one stays)
        ("A", NTM, "2.1"): (62.0, "vùng DBSH, năm 2023 (chưa có ngưỡng năm 2024)", 62.0, "closes", 0.0),
        # one year of data: no trend; 2 − 1,54321 still needed, to 4 decimals
        ("C", NTM, "3.2"): (2.0, "nhóm xã 2", nan, "no_trend", 0.4568),
        ("C", NC, "1.1"): (95.0, "chung", nan, "no_trend", 1.0),
        ("B", NTM, "1.1"): (100.0, "vùng DBSH", nan, "no_trend", 2.0),
        # 2,5 − 0,1 = 2,4 > 2: 0,4 more
        ("B", NTM, "2.2"): (2.0, "năm: mặc định", 2.4, "needs_more", 0.4),
        # a count of temporary houses is not a rate to project
        ("B", NTM, "2.3"): (nan, "", nan, "no_trend", nan),
        ("B", NTM, "3.2"): (2.0, "nhóm xã 2", nan, "no_trend", nan),
        ("B", NC, "1.1"): (95.0, "chung", nan, "no_trend", nan),
        ("B", NC, "1.2"): (nan, "", nan, "no_trend", nan)})
    assert rm.loc[rm["indicator"] == "2.2", "extra"].tolist() == [0.4]  # rounded, not 0.40000000000000036


def test_outlook_by_a_year_the_sets_do_not_cover(card):
    rm = roadmap(card, 2023, "nang-cao", by=2026)  # the sets end in 2025: today's thresholds stay
    got = outlook(rm)
    assert got[("B", NTM, "1.1")][:2] == (100.0, "vùng DBSH (chưa có ngưỡng năm 2026)")
    assert got[("C", NTM, "3.2")][:2] == (2.0, "nhóm xã 2 (chưa có ngưỡng năm 2026)")
    assert got[("B", NTM, "2.2")][2:] == (pytest.approx(2.2), "needs_more", 0.2)
    assert got[("A", NTM, "2.1")][2:] == (64.0, "closes", 0.0)


def test_outlook_year_before_the_assessment_is_refused_the_same_year_is_not(card):
    with pytest.raises(ParameterError) as e:
        roadmap(card, 2023, by=2022)
    assert str(e.value) == "năm mục tiêu: năm 2022 trước năm đánh giá 2023"
    rm = roadmap(card, 2023, by=2023)
    assert outlook(rm)[("B", NTM, "2.2")][2:] == (2.5, "needs_more", 0.5)


def test_text_in_english_with_outlook(card):
    rm = roadmap(card, 2023, "nang-cao", by=2024)
    text = to_text(rm, card, 2023, "nang-cao", "en").splitlines()
    assert text[:7] == [
        "Road to advanced NTM — 2023, target year 2024",
        "3 communes not yet recognised as advanced NTM, ranked by readiness (fewest missing first).",
        "",
        "1. An — missing 1 criterion, 1 indicator (of which NTM: 1 criterion, 1 indicator)",
        "   Tier Code                    Indicator Value Threshold Missing                            By 2024",
        "    NTM  2.1 Thu nhập bình quân đầu người    61      ≥ 62       1 met before 2024 at the recent rate",
        ""]
    bình = text[text.index("3. Bình — missing 4 criteria, 6 indicators (of which NTM: 3 criteria, 4 indicators)"):]
    assert [line.split() for line in bình[3:5]] == [
        ["NTM", "2.2", "Tỷ", "lệ", "nghèo", "đa", "chiều", "2.5", "%", "≤", "2", "0.5", "needs", "0.4", "more"],
        ["NTM", "2.3", "Nhà", "tạm,", "dột", "nát", "2", "None"]]
    assert bình[5].split() == ["NTM", "3.2", "Đất", "cây", "xanh", "công", "cộng", "no", "data", "≥", "2", "?"]
    assert text[-1] == "  - no data for 1 commune (có tuyến đường hoa, cây xanh) (indicator 1.2, advanced NTM)."


def test_text_when_nobody_is_left(tiny_card):
    rm = roadmap(tiny_card, 2023, "ntm")  # A, B and C all hold NTM
    assert rm.empty
    assert to_text(rm, tiny_card, 2023, "ntm", "en") == (
        "Road to NTM — 2023\nEvery commune is already recognised as NTM or meets all its indicators.")


# --- found by the mutation run of 2026-12 (mutmut over roadmap.py) -------------------------------------------------


def test_district_totals_order_columns_and_sentences(card):
    dt = district_totals(roadmap(card, 2023, "nang-cao"))
    assert list(dt.columns) == ["target_set", "set", "tier", "criterion", "indicator", "name", "name_en", "unit",
                                "rule", "communes", "no_data", "no_threshold", "gap_min", "gap_max", "sentence"]
    # most communes first, then most without data, then the lower tier
    assert dt[["set", "indicator", "communes", "no_data"]].values.tolist() == [
        [NTM, "3.2", 1, 1], [NC, "1.1", 1, 1], [NTM, "2.1", 1, 0], [NTM, "1.1", 1, 0], [NTM, "2.2", 1, 0],
        [NTM, "2.3", 1, 0], [NC, "1.2", 0, 1]]
    assert dt["sentence"].tolist() == [
        "1 xã cần nâng đất cây xanh công cộng thêm 0,46 m²/người; 1 xã chưa có số liệu (chỉ tiêu 3.2, NTM).",
        ("1 xã cần nâng tỷ lệ người dân tham gia bảo hiểm y tế thêm 1 điểm %; 1 xã chưa có số liệu (chỉ tiêu 1.1, "
         "NTM nâng cao)."),
        "1 xã cần nâng thu nhập bình quân đầu người thêm 1 triệu đồng/người/năm (chỉ tiêu 2.1, NTM).",
        "1 xã cần nâng tỷ lệ đường xã được cứng hóa thêm 2 điểm % (chỉ tiêu 1.1, NTM).",
        "1 xã cần giảm tỷ lệ nghèo đa chiều thêm 0,5 điểm % (chỉ tiêu 2.2, NTM).",
        "1 xã cần xóa hết: nhà tạm, dột nát (chỉ tiêu 2.3, NTM).",
        "1 xã chưa có số liệu về có tuyến đường hoa, cây xanh (chỉ tiêu 1.2, NTM nâng cao)."]


def test_text_in_english_names_the_tiers_and_writes_decimal_points(card):
    text = to_text(roadmap(card, 2023, "nang-cao"), card, 2023, "nang-cao", "en").splitlines()
    cao = text[text.index("2. Cao — missing 2 criteria, 2 indicators (of which NTM: 1 criterion, 1 indicator)"):]
    assert [line.split() for line in cao[2:4]] == [
        ["NTM", "3.2", "Đất", "cây", "xanh", "công", "cộng", "1.54", "≥", "2", "0.46"],
        ["advanced", "NTM", "1.1", "Tỷ", "lệ", "người", "dân", "tham", "gia", "bảo", "hiểm", "y", "tế", "94", "%", "≥",
         "95", "1"]]
    summary = text.index("Summary:")
    assert text[summary - 1] == "" and text[summary + 1] == (
        "  - 1 commune must raise đất cây xanh công cộng by 0.46 m²/người; no data for 1 commune (indicator 3.2, "
        "NTM).")


def test_text_to_ntm_a_commune_without_a_prerequisite(card):
    # only C (holds nothing) is a candidate for NTM; NTM requires no tier
    assert to_text(roadmap(card, 2023, "ntm"), card, 2023, "ntm").splitlines() == [
        "Lộ trình lên NTM — năm 2023",
        "1 xã chưa được công nhận NTM, xếp theo mức sẵn sàng (thiếu ít nhất trước).",
        "",
        "1. Cao — còn thiếu 1 tiêu chí, 1 chỉ tiêu",
        "   Hạng  Mã               Chỉ tiêu Giá trị Ngưỡng Còn thiếu",
        "    NTM 3.2 Đất cây xanh công cộng    1,54    ≥ 2      0,46",
        "",
        "Tổng hợp:",
        "  - 1 xã cần nâng đất cây xanh công cộng thêm 0,46 m²/người (chỉ tiêu 3.2, NTM)."]


@pytest.mark.parametrize("ntm_31, measure, binding, covered", [
    # A's 3.1 (NTM, ≥ 90) is written for the set, tiny-nc 1.1 (≥ 95) reads the measure: two values
    ("80", "94", {"3.1": True, "1.1": False}, {"3.1": "", "1.1": "3.1 (tiny-ntm)"}),  # NTM short of more: it leads
    ("85", "90", {"3.1": False, "1.1": True}, {"3.1": "1.1 (tiny-nc)", "1.1": ""}),  # 5 and 5: the target set leads
])
def test_a_shared_measure_binds_where_the_shortfall_is_largest(tmp_path, ntm_31, measure, binding, covered):
    d = tiny_copy(tmp_path, change={"A,2023,tiny-ntm,3.1,96": f"A,2023,tiny-ntm,3.1,{ntm_31}",
                                    "A,2023,,health_insurance_rate,96": f"A,2023,,health_insurance_rate,{measure}"})
    card = ntmlib.score(d, year=2023)
    rm = roadmap(card, 2023, "nang-cao")
    a = rm[rm["commune_id"] == "A"]
    assert a["indicator"].tolist() == ["3.1", "1.1"]
    assert dict(zip(a["indicator"], a["binding"])) == binding
    assert dict(zip(a["indicator"], a["covered_by"])) == covered
    lead = "3.1" if binding["3.1"] else "1.1"
    line = next(x for x in to_text(rm, card, 2023, "nang-cao", "en").splitlines() if "see " in x)
    assert line.endswith(f"see {lead} (NTM)" if lead == "3.1" else f"see {lead} (advanced NTM)")


def test_roadmap_of_one_district_and_a_tier_not_scored(tmp_path):
    d = tiny_copy(tmp_path)
    communes = (d / "communes.csv").read_text(encoding="utf-8")
    (d / "communes.csv").write_text(communes.replace("B,Bình,Thử,", "B,Bình,Khác,"), encoding="utf-8")
    card = ntmlib.score(d, year=2023)
    # A meets everything, C holds nâng cao: only B (district Khác) has a road to nâng cao
    assert set(roadmap_for(card, 2023, "nang-cao", district="khac")["commune_id"]) == {"B"}
    assert roadmap_for(card, 2023, "nang-cao", district="Thử").empty
    with pytest.raises(ParameterError) as e:
        roadmap(card, 2023, "kieu-mau")
    assert str(e.value) == "hạng: không có bộ tiêu chí hạng NTM kiểu mẫu trong kết quả chấm (có: tiny-ntm, tiny-nc)"


def test_outlook_uses_the_threshold_of_the_target_year(tiny_both_years_card):
    # 2022 → 2023: B's income threshold goes from 58 (DBSH, 2022) to 62; poverty from 3 to the default 2
    rm = roadmap(tiny_both_years_card, 2022, "nang-cao", by=2023)
    b = rm[(rm["commune_id"] == "B") & (rm["set"] == NTM)].set_index("indicator")
    assert b.loc["2.1", ["threshold", "threshold_by", "threshold_by_basis"]].tolist() == [58.0, 62.0,
                                                                                         "vùng DBSH, năm 2023"]
    assert b.loc["2.2", ["threshold", "threshold_by", "threshold_by_basis"]].tolist() == [3.0, 2.0, "năm: mặc định"]


def test_sample_totals_in_english_and_the_road_to_kieu_mau(ly_nhan_2023_card):
    dt = district_totals(roadmap(ly_nhan_2023_card, 2023, "nang-cao"), "en")
    # 13.2 of NTM and 2.2 of nâng cao both lack 6 communes: the lower tier first
    assert dt[["tier", "indicator", "communes"]].values.tolist()[8:12] == [
        ["nang-cao", "13.5", 7], ["ntm", "13.2", 6], ["nang-cao", "2.2", 6], ["nang-cao", "14.3", 6]]
    s = dt.set_index(["tier", "indicator"])["sentence"]
    assert s[("nang-cao", "14.1")] == ("10 communes must raise health-insurance coverage by 1.3–8.1 percentage points "
                                       "(indicator 14.1, advanced NTM).")
    text = to_text(roadmap(ly_nhan_2023_card, 2023, "kieu-mau"), ly_nhan_2023_card, 2023, "kieu-mau", "en").splitlines()
    assert text[0] == "Road to model NTM — 2023"
    assert ("4. Trần Hưng Đạo — missing 6 criteria, 6 indicators (of which advanced NTM: 3 criteria, 3 indicators)"
            in text)


REC_NTM_ONLY = "commune_id,tier,year,decision,note\nA,ntm,2019,,\nB,ntm,,,\n"  # C holds nothing


def test_indicators_without_a_measure_each_bind(tmp_path):
    # B fails NTM 1.2 and has no data for nâng cao 1.2: two yes/no rows without a measure, both binding
    d = tiny_copy(tmp_path, change={"B,2023,tiny-ntm,1.2,có": "B,2023,tiny-ntm,1.2,không"})
    rm = roadmap(ntmlib.score(d, year=2023), 2023, "nang-cao")
    b = rm[rm["commune_id"] == "B"]
    assert b[["set", "indicator"]].values.tolist() == [[NTM, "1.1"], [NTM, "1.2"], [NTM, "2.2"], [NTM, "2.3"],
                                                        [NTM, "3.2"], [NC, "1.1"], [NC, "1.2"]]
    assert b["binding"].all() and set(b["covered_by"]) == {""}


def test_district_totals_tie_the_lower_tier_first_even_when_the_higher_comes_first(tmp_path):
    # A (first in readiness) fails only nâng cao 1.2; B meets nâng cao and fails NTM 1.1, 2.2 and 2.3
    d = tiny_copy(tmp_path, change={"A,2023,tiny-nc,1.2,đạt": "A,2023,tiny-nc,1.2,không đạt"},
                  add=("B,2023,tiny-nc,1.2,đạt", "B,2023,,health_insurance_rate,96"))
    rm = roadmap(ntmlib.score(d, year=2023), 2023, "nang-cao")
    assert rm[["commune_id", "set", "indicator"]].values.tolist()[:2] == [["A", NC, "1.2"], ["B", NTM, "1.1"]]
    assert district_totals(rm)[["set", "indicator", "communes", "no_data"]].values.tolist() == [
        [NTM, "1.1", 1, 0], [NTM, "2.2", 1, 0], [NTM, "2.3", 1, 0], [NC, "1.2", 1, 0], [NTM, "3.2", 0, 1]]


def test_an_indicator_without_unit_and_a_threshold_with_decimals(tmp_path):
    from dataclasses import replace

    from ntmlib.criteria.criteria_set import Threshold

    d = tiny_copy(tmp_path)
    (d / "recognitions.csv").write_text(REC_NTM_ONLY, encoding="utf-8")
    ds = ntmlib.load_dataset(d)
    sets = ntmlib.score(ds, year=2023).sets
    s = sets[NTM]
    s = replace(s, indicators=tuple(replace(i, unit="", threshold=Threshold("group", {"1": 4.0, "2": 2.5}))
                                    if i.code == "3.2" else i for i in s.indicators))
    card = ntmlib.score(ds, sets=[s, sets[NC]], year=2023)
    rm = roadmap(card, 2023, "nang-cao")
    assert district_totals(rm)["sentence"].iloc[0] == (
        "1 xã cần nâng đất cây xanh công cộng thêm 1; 1 xã chưa có số liệu (chỉ tiêu 3.2, NTM).")
    assert [x.split()[-3:] for x in to_text(rm, card, 2023, "nang-cao", "en").splitlines() if " 3.2 " in x] == [
        ["≥", "2.5", "1"], ["≥", "2.5", "?"]]


def test_pace_when_one_commune_closes_and_one_needs_more(tmp_path):
    # income: A 60 → 61 (DBSH 62: closes by 2024), C 42,5 → 43 (TDMNPB 44: 0,5 short in 2024)
    d = tiny_copy(tmp_path, change={'A,2023,tiny-ntm,2.1,"63,5"': "A,2023,tiny-ntm,2.1,61",
                                    "C,2023,tiny-ntm,2.1,45": "C,2023,tiny-ntm,2.1,43"},
                  add=('C,2022,tiny-ntm,2.1,"42,5"',))
    (d / "recognitions.csv").write_text(REC_NTM_ONLY, encoding="utf-8")
    dt = district_totals(roadmap(ntmlib.score(d), 2023, "nang-cao", by=2024))
    assert dt.loc[dt["indicator"] == "2.1", "sentence"].tolist() == [
        ("2 xã cần nâng thu nhập bình quân đầu người thêm 1 triệu đồng/người/năm (chỉ tiêu 2.1, NTM); theo tốc độ gần "
         "đây 1 xã đạt trước năm 2024, 1 xã cần nỗ lực thêm.")]


def test_outlook_of_a_card_without_its_dataset(tiny_card):
    # no communes table: region and group unknown, so the thresholds of the assessed year stay
    from ntmlib.scoring.scorecard import Scorecard

    bare = Scorecard(tiny_card.indicators, tiny_card.criteria, tiny_card.communes, tiny_card.sets)
    rm = roadmap(bare, 2023, "nang-cao", by=2024)
    b = rm[rm["commune_id"] == "B"].set_index(["set", "indicator"])
    assert b.loc[[(NTM, "1.1"), (NTM, "2.2"), (NTM, "3.2"), (NC, "1.1")], "threshold_by"].tolist() == [100.0, 2.0, 2.0,
                                                                                                        95.0]
    assert b.loc[[(NTM, "2.2"), (NC, "1.1")], "threshold_by_basis"].tolist() == ["năm: mặc định", "chung"]


def test_by_uses_the_threshold_of_that_year_when_the_assessed_year_has_none(tiny_card):
    card = tiny_card
    s = card.sets[NTM]
    later = Threshold("region_year", {("DBSH", "2024"): 62, ("TDMNPB", "2024"): 44})
    s = replace(s, indicators=tuple(replace(i, threshold=later) if i.code == "2.1" else i for i in s.indicators))
    card = ntmlib.score(TINY, sets=[s, *[x for k, x in card.sets.items() if k != NTM]], year=2023)
    rm = roadmap(card, 2023, "nang-cao", by=2024)
    row = rm[(rm["commune_id"] == "A") & (rm["indicator"] == "2.1")]
    assert len(row) == 1 and math.isnan(row["threshold"].iloc[0])  # no threshold in 2023: not judged
    assert row["threshold_by"].iloc[0] == 62 and "2024" in row["threshold_by_basis"].iloc[0]


SAMPLE_NC, SAMPLE_NTM = "hanam-2022-nang-cao", "hanam-2022-ntm"


@pytest.fixture(scope="module")
def rm(ly_nhan_card):
    return roadmap(ly_nhan_card, 2023, "nang-cao")


def test_missing_counts_and_order_follow_readiness(ly_nhan_card, rm):
    ready = aggregate.readiness(ly_nhan_card, "nang-cao", year=2023)
    counts = rm.groupby("commune_id", sort=False).size()
    assert list(counts.index) == list(ready["commune_id"])
    expected = ready["indicators_missing"] + ready["prerequisite_indicators_missing"]
    assert counts.tolist() == expected.tolist()
    target = rm[rm["role"] == "target"].groupby("commune_id")["indicator"].agg(", ".join)
    assert target.to_dict() == dict(zip(ready["commune_id"], ready["missing"]))


def test_rows_carry_value_threshold_and_gap_from_the_scores(ly_nhan_card, rm):
    ind = ly_nhan_card.indicators.set_index(["commune_id", "year", "set", "indicator"])
    for r in rm.sample(20, random_state=1).itertuples():
        src = ind.loc[(r.commune_id, 2023, r.set, r.indicator)]
        assert (r.value, r.rule) == (src["value"], src["rule"])
        assert r.gap == pytest.approx(src["gap"], nan_ok=True)
        assert r.threshold == pytest.approx(src["threshold"], nan_ok=True)


def test_district_totals_for_health_insurance(ly_nhan_card, rm):
    ready = aggregate.readiness(ly_nhan_card, "nang-cao", year=2023)
    ind = ly_nhan_card.indicators
    failing = ind[(ind["year"] == 2023) & (ind["set"] == SAMPLE_NC) & (ind["indicator"] == "14.1")
                  & ind["commune_id"].isin(ready["commune_id"]) & ind["met"].eq(False)]
    totals = district_totals(rm).set_index(["set", "indicator"])
    row = totals.loc[(SAMPLE_NC, "14.1")]
    lo, hi = -failing["gap"].max(), -failing["gap"].min()
    assert (row["communes"], row["gap_min"], row["gap_max"]) == (len(failing), pytest.approx(lo), pytest.approx(hi))
    assert row["sentence"] == (f"{len(failing)} xã cần nâng tỷ lệ người dân tham gia bảo hiểm y tế thêm "
                               f"{number_text(lo)}–{number_text(hi)} điểm % (chỉ tiêu 14.1, NTM nâng cao).")
    # NTM 15.1 tests the same measure with a lower threshold: met once 14.1 is, so not counted twice
    assert (SAMPLE_NTM, "15.1") not in totals.index
    covered = rm[(rm["set"] == SAMPLE_NTM) & (rm["indicator"] == "15.1")]
    assert len(covered) and set(covered["covered_by"]) == {f"14.1 ({SAMPLE_NC})"} and not covered["binding"].any()


def test_lower_is_better_and_yes_no_wording(rm):
    totals = district_totals(rm).set_index(["set", "indicator"])
    assert totals.loc[(SAMPLE_NC, "14.4"), "sentence"].split(" thêm ")[0].endswith(
        "xã cần giảm tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi (chiều cao theo tuổi)")
    n = totals.loc[(SAMPLE_NC, "2.5"), "communes"]
    assert totals.loc[(SAMPLE_NC, "2.5"), "sentence"].startswith(f"{n} xã cần đạt: có tuyến đường hoa")


def test_by_year_outlook_uses_the_recent_rate(ly_nhan_card):
    rm = roadmap(ly_nhan_card, 2023, "nang-cao", by=2025)
    ind = ly_nhan_card.indicators
    both = ind[(ind["set"] == SAMPLE_NC) & (ind["indicator"] == "14.1")].pivot(index="commune_id", columns="year",
                                                                         values="number")
    rows = rm[(rm["set"] == SAMPLE_NC) & (rm["indicator"] == "14.1")].set_index("commune_id")
    projected = both[2023] + (both[2023] - both[2022]) * 2
    want = projected.loc[rows.index].ge(95).map({True: "closes", False: "needs_more"})
    assert rows["outlook"].to_dict() == want.to_dict()
    assert rows["projected"].to_numpy() == pytest.approx(projected.loc[rows.index].to_numpy())
    more = rows[rows["outlook"] == "needs_more"]
    assert more["extra"].to_numpy() == pytest.approx((95 - projected.loc[more.index]).to_numpy())
    sentence = district_totals(rm).set_index(["set", "indicator"]).loc[(SAMPLE_NC, "14.1"), "sentence"]
    assert sentence.endswith(f"theo tốc độ gần đây {int((want == 'closes').sum())} xã đạt trước năm 2025, "
                             f"{int((want == 'needs_more').sum())} xã cần nỗ lực thêm.")


def test_cli_roadmap(ly_nhan_card):
    first = aggregate.readiness(ly_nhan_card, "nang-cao", year=2023)["commune"].iloc[0]
    r = CliRunner().invoke(main, ["roadmap", str(LY_NHAN), "--year", "2023", "--target", "nang-cao"])
    assert r.exit_code == 0, r.output
    assert f"\n1. {first} — còn thiếu" in r.output and "Tổng hợp:" in r.output
    r = CliRunner().invoke(main, ["roadmap", str(LY_NHAN), "--year", "2023", "--format", "csv"])
    assert r.output.splitlines()[0].startswith("rank,commune_id,commune,year,target_set,set")
    r = CliRunner().invoke(main, ["roadmap", str(LY_NHAN), "--year", "2023", "--district", "Không Có"])
    assert r.exit_code == 2 and "không có huyện 'Không Có'" in r.output


def test_roadmap_figure_bars_are_the_district_totals(ly_nhan_card, rm):
    from matplotlib.patches import Rectangle

    from ntmlib.present import plots

    fig = plots.roadmap_totals(ly_nhan_card, 2023, "nang-cao", top=10)
    widths = [p.get_width() for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert widths == district_totals(rm)["communes"].head(10).astype(float).tolist()
    # the district report passes its table
    given = plots.roadmap_totals(ly_nhan_card, 2023, "nang-cao", top=10, table=rm)
    assert [p.get_width() for p in given.axes[0].patches if isinstance(p, Rectangle)] == widths


def test_roadmap_outlook_lower_is_better(tmp_path):
    # Poverty 2.2 (rule <=, threshold 3 in 2022, 2 from then on):
    #   A 2,8 (2022) → 2,4 (2023): rate −0,4/yr, by 2025 1,6 ≤ 2 → closes, nothing extra.
    #   B 2,6 (2022) → 2,5 (2023): rate −0,1/yr, by 2025 2,3 > 2 → needs 0,3 more.
    d = tiny_copy(tmp_path, change={'A,2023,tiny-ntm,2.2,"1,2"': 'A,2023,tiny-ntm,2.2,"2,4"'},
                  add=('B,2022,tiny-ntm,2.2,"2,6"',))
    rm = roadmap(ntmlib.score(d), 2023, "nang-cao", by=2025)
    assert set(rm["commune_id"]) == {"A", "B"}  # C holds nâng cao since 2022
    a, b = (one(rm, commune_id=c, set=NTM, indicator="2.2") for c in "AB")
    assert (a["rule"], a["threshold"], a["threshold_by"], a["status"]) == ("<=", 2.0, 2.0, "not_met")
    assert (a["rate"], a["projected"]) == (pytest.approx(-0.4), pytest.approx(1.6))
    assert (a["outlook"], a["extra"]) == ("closes", 0.0)
    assert (b["rate"], b["projected"]) == (pytest.approx(-0.1), pytest.approx(2.3))
    assert (b["outlook"], b["extra"]) == ("needs_more", pytest.approx(0.3))
    # B's road rate 98 (≥ 100) has one year only: no trend, 2 points still needed
    b11 = one(rm, commune_id="B", set=NTM, indicator="1.1")
    assert (b11["outlook"], b11["extra"], b11["threshold_by"]) == ("no_trend", 2.0, 100.0)
