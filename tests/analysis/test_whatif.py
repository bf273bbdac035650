"""What-if (ntmlib.analysis.whatif) on tests/data/tiny: a threshold replaced for one region or commune
group, for each kind of threshold the sets use (one value, by region, by region and year, by
group), the errors that name what cannot be replaced, and the sentences and tables a user reads.
These kill the mutants of whatif.py that the sample's what-if tests (below) left
alive.

What-if on thresholds, on the sample dataset: the same threshold changes nothing; a lower one
flips exactly the communes whose value lies between the two; several changes together can
change the tier a commune reaches."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.analysis.whatif import ThresholdChange, whatif
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import Threshold
from ntmlib.errors import DataError, ParameterError
from ntmlib.scoring.engine import score

from tests.helpers.paths import LY_NHAN, TINY
from tests.helpers.tiny import NC, NTM, tiny_copy

ASSUME_31 = "Giả định: ngưỡng chỉ tiêu 3.1 (Tỷ lệ người dân tham gia bảo hiểm y tế) của bộ tiny-ntm: ≥ 90 % → "


def flips(w):
    return [(r.commune_id, r.indicator, bool(r.met_before), bool(r.met_after), r.threshold_before, r.threshold_after)
            for r in w.indicators.itertuples()]


@pytest.mark.parametrize("indicator, threshold, scope, expected", [
    # one value (90) for every commune, replaced for DBSH only: B (DBSH, 91) fails, C (TDMNPB, 95) keeps 90
    ("3.1", "95,5", {"region": "DBSH"}, [("B", "3.1", True, False, 90.0, 95.5)]),
    ("3.1", 96, {"region": "TDMNPB"}, [("C", "3.1", True, False, 90.0, 96.0)]),
    # by region (DBSH 100, TDMNPB 90): TDMNPB to 93, C's 92 fails
    ("1.1", 93, {"region": "TDMNPB"}, [("C", "1.1", True, False, 90.0, 93.0)]),
    # by region and year (TDMNPB 44 in 2023): TDMNPB to 46 in every year, C's 45 fails
    ("2.1", 46, {"region": "TDMNPB"}, [("C", "2.1", True, False, 44.0, 46.0)]),
    # by commune group (1: 4, 2: 2): group 2 to 1, C's 1,5 now meets it; A (group 1) keeps 4
    ("3.2", "1", {"group": 2}, [("C", "3.2", False, True, 2.0, 1.0)]),
])
def test_threshold_replaced_for_one_region_or_group(tiny_card, indicator, threshold, scope, expected):
    assert flips(whatif(tiny_card, NTM, indicator, threshold, **scope)) == expected


@pytest.mark.parametrize("args, message", [
    ((NTM, "2.1", 46, None, 1), ("nhóm xã: ngưỡng chỉ tiêu 2.1 của bộ tiny-ntm được quy định theo vùng và năm, không "
                                 "thay riêng theo nhóm xã được")),
    ((NTM, "2.2", 1, "DBSH", None), ("vùng: ngưỡng chỉ tiêu 2.2 của bộ tiny-ntm được quy định theo năm, không thay "
                                     "riêng theo vùng được")),
    ((NTM, "1.1", 93, None, 1), ("nhóm xã: ngưỡng chỉ tiêu 1.1 của bộ tiny-ntm được quy định theo vùng, không thay "
                                 "riêng theo nhóm xã được")),
    ((NTM, "3.2", 1, "DBSH", None), ("vùng: ngưỡng chỉ tiêu 3.2 của bộ tiny-ntm được quy định theo nhóm xã, không "
                                     "thay riêng theo vùng được")),
    ((NTM, "3.1", 95, "XYZ", None), "vùng: bộ tiny-ntm không có vùng 'XYZ' (có: DBSH, TDMNPB)"),
    ((NTM, "3.1", 95, None, 5), "nhóm xã: bộ tiny-ntm không có nhóm xã '5' (có: 1, 2)"),
    ((NC, "1.1", 95, None, 1), "nhóm xã: bộ tiny-nc không có nhóm xã '1' (có: không có nhóm nào)"),
    ((NTM, "1.2", 1, None, None), ("chỉ tiêu: chỉ tiêu 1.2 của bộ tiny-ntm là chỉ tiêu đạt/không đạt, không có ngưỡng "
                                  "số để thay")),
     ((NTM, "3.3", 1, None, None), "chỉ tiêu: bộ tiny-ntm không có chỉ tiêu '3.3' (có phải '3.2'?)"),
    ((NTM, "zz", 1, None, None), "chỉ tiêu: bộ tiny-ntm không có chỉ tiêu 'zz'"),
    ((NTM, "3.1", "abc", None, None), "ngưỡng: 'abc' không phải là số"),
])
def test_what_cannot_be_replaced_is_named(tiny_card, args, message):
    set_id, indicator, threshold, region, group = args
    with pytest.raises(ParameterError) as e:
        whatif(tiny_card, set_id, indicator, threshold, region=region, group=group)
    assert str(e.value) == message


def test_at_least_one_change_is_needed(tiny_card):
    with pytest.raises(ParameterError) as e:
        whatif(tiny_card)
    assert str(e.value) == "ngưỡng: cần ít nhất một thay đổi ngưỡng (set_id, indicator, threshold)"


def test_sentences_tables_and_columns_in_both_languages(tiny_card):
    w = whatif(tiny_card, NTM, "3.1", "95,5", region="DBSH")
    assert w.sentences() == [
        ASSUME_31 + "≥ 95,5 % (vùng DBSH).",
        "Năm 2023: 1 xã chuyển sang chưa đạt chỉ tiêu 3.1 (tiny-ntm): Bình (91).",
        "Bình (2023, NTM): 0/3 tiêu chí, 3/7 chỉ tiêu → 0/3 tiêu chí, 2/7 chỉ tiêu.",
        "Không xã nào đổi hạng đạt được."]
    assert w.sentences("en")[0] == ("Assumption: threshold of indicator 3.1 (Tỷ lệ người dân tham gia bảo hiểm y tế) "
                                    "of tiny-ntm: ≥ 90 % → ≥ 95.5 % (region DBSH).")  # the English decimal point
    assert w.sentences("en")[-1] == "No commune changes the tier it reaches."
    assert w.table("en").to_dict("records") == [
        {"Commune": "Bình", "Year": 2023, "Criteria set": NTM, "Indicator": "3.1", "Value": "91",
         "Threshold before": "90", "Threshold after": "95.5", "Before": "Met", "After": "Not met"}]
    assert list(w.indicators.columns) == [
        "commune_id", "commune", "year", "set", "tier", "criterion", "criterion_name", "indicator", "indicator_name",
        "rule", "unit", "value", "number", "threshold_before", "threshold_after", "threshold_text_before",
        "threshold_text_after", "met_before", "met_after", "status_before", "status_after", "gap_before", "gap_after"]
    r = w.indicators.iloc[0]
    assert (r["threshold_text_before"], r["threshold_text_after"], r["gap_before"], r["gap_after"]) == (
        "≥ 90 %", "≥ 95,5 %", 1.0, -4.5)
    assert list(w.criteria.columns) == ["commune_id", "commune", "year", "set", "tier", "criterion", "criterion_name",
                                        "met_before", "met_after", "indicators_met_before", "indicators_met_after"]
    assert list(w.communes.columns) == [
        "commune_id", "commune", "year", "set", "tier", "criteria_total", "indicators_total", "criteria_met_before",
        "criteria_met_after", "indicators_met_before", "indicators_met_after", "set_met_before", "set_met_after",
        "tier_reached_before", "tier_reached_after"]
    assert list(w.tiers().columns) == ["commune_id", "commune", "year", "tier_reached_before", "tier_reached_after"]
    # one dtype per column, as in the scores: ids and tiers are the scores' categoricals, so tiers compare
    for t in (w.indicators, w.criteria, w.communes):
        for col in [c for c in ("commune_id", "set", "tier", "criterion") if c in t.columns]:
            ref = tiny_card.communes if col in tiny_card.communes else tiny_card.indicators
            assert t[col].dtype == ref[col].dtype
    assert w.communes["tier_reached_before"].dtype == tiny_card.communes["tier_reached"].dtype


def test_group_change_that_changes_the_tier_reached(tiny_card):
    # C (group 2) with 3.2 at 1: 3/3 criteria, reaches NTM
    w = whatif(tiny_card, NTM, "3.2", 1, group=2)
    assert w.sentences() == [
        ("Giả định: ngưỡng chỉ tiêu 3.2 (Đất cây xanh công cộng) của bộ tiny-ntm: ≥ nhóm 1: 4; nhóm 2: 2 → ≥ 1 "
         "m²/người (nhóm xã 2)."),
        "Năm 2023: 1 xã chuyển sang đạt chỉ tiêu 3.2 (tiny-ntm): Cao (1,5).",
        "Cao (2023, NTM): 2/3 tiêu chí, 6/7 chỉ tiêu → 3/3 tiêu chí, 7/7 chỉ tiêu; chưa đạt → đạt.",
        "Cao (2023): hạng đạt được — → NTM."]
    got = w.tiers().astype(object).to_dict("records")
    assert pd.isna(got[0].pop("tier_reached_before"))  # no tier before: NA
    assert got == [{"commune_id": "C", "commune": "Cao", "year": 2023, "tier_reached_after": "ntm"}]


def test_set_result_from_no_data_to_not_met_is_said(tmp_path):
    # B with 1.1 100, poverty 1,5 % and no temporary houses meets criteria 1 and 2; 3.2 has no
    # data, so the set is no data. 3.1 to 95 fails B's 91: the set goes from no data to not met.
    d = tiny_copy(tmp_path, change={"B,2023,tiny-ntm,1.1,98": "B,2023,tiny-ntm,1.1,100",
                                    'B,2023,tiny-ntm,2.2,"2,5"': 'B,2023,tiny-ntm,2.2,"1,5"',
                                    "B,2023,tiny-ntm,2.3,có": "B,2023,tiny-ntm,2.3,không"})
    w = whatif(ntmlib.score(d, year=2023), NTM, "3.1", 95)
    assert w.sentences()[2] == ("Bình (2023, NTM): 2/3 tiêu chí, 6/7 chỉ tiêu → 2/3 tiêu chí, 5/7 chỉ tiêu; chưa có "
                                "số liệu → chưa đạt.")


def test_changes_keep_their_order_and_a_year_of_a_card_or_a_dataset(tiny_card, tiny_both_years_card):
    w = whatif(tiny_card, NTM, "3.1", 95, changes=[ThresholdChange(NC, "1.1", 94)])
    assert [s.split(" (")[0] for s in w.sentences()[:2]] == ["Giả định: ngưỡng chỉ tiêu 3.1",
                                                              "Giả định: ngưỡng chỉ tiêu 1.1"]
    assert flips(w) == [("B", "3.1", True, False, 90.0, 95.0), ("C", "1.1", False, True, 95.0, 94.0)]
    two_years = tiny_both_years_card
    w = whatif(two_years, NTM, "3.1", 95, year=2023)
    assert set(w.baseline.communes["year"]) == set(w.scenario.communes["year"]) == {2023}
    assert flips(w) == [("B", "3.1", True, False, 90.0, 95.0)]
    assert flips(whatif(ntmlib.load_dataset(TINY), NTM, "3.1", 95, year=2023)) == flips(w)


# --- found by the mutation run of 2026-12 (mutmut over whatif.py) --------------------------------------------------


def test_scope_in_both_languages():
    region, group, every = (ThresholdChange(NTM, "3.1", 95, region="DBSH"), ThresholdChange(NTM, "3.1", 95, group=2),
                            ThresholdChange(NTM, "3.1", 95))
    assert [c.scope_text() for c in (region, group, every)] == ["vùng DBSH", "nhóm xã 2", "mọi xã"]
    assert [c.scope_text("en") for c in (region, group, every)] == ["region DBSH", "commune group 2", "all communes"]


def test_sentences_in_english_across_two_sets_and_a_tier_gained(tiny_card):
    w = whatif(tiny_card, NTM, "3.2", 1, group=2, changes=[ThresholdChange(NC, "1.1", 94)])
    assert w.sentences("en")[2:] == [
        # in the order of the results (the commune's NTM set first), not sorted by set
        "2023: met on indicator 3.2 (tiny-ntm) for 1 commune: Cao (1.5).",
        "2023: met on indicator 1.1 (tiny-nc) for 1 commune: Cao (94).",
        "Cao (2023, NTM): 2/3 criteria, 6/7 indicators → 3/3 criteria, 7/7 indicators; not met → met.",
        "Cao (2023, advanced NTM): 0/1 criteria, 1/2 indicators → 1/1 criteria, 2/2 indicators; not met → met.",
        "Cao (2023): tier reached — → advanced NTM."]
    assert w.sentences("en")[1] == ("Assumption: threshold of indicator 1.1 (Tỷ lệ người dân tham gia bảo hiểm y tế) "
                                    "of tiny-nc: ≥ 95 % → ≥ 94 % (all communes).")


def test_a_tier_lost_and_a_set_no_longer_met(tiny_card):
    w = whatif(tiny_card, NTM, "3.1", 97)
    assert w.sentences()[2:] == [
        "An (2023, NTM): 3/3 tiêu chí, 7/7 chỉ tiêu → 2/3 tiêu chí, 6/7 chỉ tiêu; đạt → chưa đạt.",
        "Bình (2023, NTM): 0/3 tiêu chí, 3/7 chỉ tiêu → 0/3 tiêu chí, 2/7 chỉ tiêu.",
        "Cao (2023, NTM): 2/3 tiêu chí, 6/7 chỉ tiêu → 2/3 tiêu chí, 5/7 chỉ tiêu.",
        "An (2023): hạng đạt được NTM nâng cao → —."]
    assert w.sentences("en")[-1] == "An (2023): tier reached advanced NTM → —."


def test_results_moving_both_ways_on_one_indicator_keep_the_order_of_the_communes(tiny_card):
    w = whatif(tiny_card, changes=[ThresholdChange(NTM, "1.1", 98, region="DBSH"),
                                   ThresholdChange(NTM, "1.1", 93, region="TDMNPB")])
    assert w.sentences()[2:4] == ["Năm 2023: 1 xã chuyển sang đạt chỉ tiêu 1.1 (tiny-ntm): Bình (98).",
                                  "Năm 2023: 1 xã chuyển sang chưa đạt chỉ tiêu 1.1 (tiny-ntm): Cao (92)."]


def test_no_change_and_a_threshold_to_four_decimals(tiny_card):
    assert whatif(tiny_card, NTM, "3.1", 90).sentences("en")[-1] == "No commune changes its results."
    assert whatif(tiny_card, NTM, "3.1", "90,12345").sentences()[0].endswith("≥ 90 % → ≥ 90,1235 % (mọi xã).")


def test_a_code_given_as_a_number_and_a_year_of_a_card(tiny_card, tiny_both_years_card):
    assert flips(whatif(tiny_card, changes=[ThresholdChange(NTM, 3.1, 95)])) == [("B", "3.1", True, False, 90.0,
                                                                                   95.0)]
    two_years = tiny_both_years_card
    w = whatif(two_years, NTM, "3.1", 95, year=2023)
    assert list(w.baseline.indicators.columns) == list(two_years.indicators.columns)
    assert w.baseline.indicators.index.tolist() == list(range(len(w.baseline.indicators)))


def test_region_and_year_threshold_replaced_for_one_region(tiny_card):
    w = whatif(tiny_card, NTM, "2.1", 46, region="TDMNPB")
    t = next(i for i in w.scenario.sets[NTM].indicators if i.code == "2.1").threshold
    assert t == Threshold("region_year", {("DBSH", "2022"): 58, ("DBSH", "2023"): 62, ("TDMNPB", "2022"): 46,
                                          ("TDMNPB", "2023"): 46})
    # a region the table does not list gets the value for every year
    s = tiny_card.sets[NTM]
    only_dbsh = Threshold("region_year", {("DBSH", "2022"): 58, ("DBSH", "2023"): 62})
    s = replace(s, indicators=tuple(replace(i, threshold=only_dbsh) if i.code == "2.1" else i for i in s.indicators))
    w = whatif(ntmlib.score(TINY, sets=[s], year=2023), NTM, "2.1", 46, region="TDMNPB")
    t = next(i for i in w.scenario.sets[NTM].indicators if i.code == "2.1").threshold
    assert t == Threshold("region_year", {("DBSH", "2022"): 58, ("DBSH", "2023"): 62, ("TDMNPB", "default"): 46})
    assert [(r.commune_id, r.threshold_after, r.met_after) for r in w.indicators.itertuples()] == [("C", 46.0, False)]


def test_assumption_for_an_indicator_without_threshold(tiny_card):
    s = tiny_card.sets[NTM]
    s = replace(s, indicators=tuple(replace(i, threshold=None) if i.code == "3.2" else i for i in s.indicators))
    first = whatif(ntmlib.score(TINY, sets=[s], year=2023), NTM, "3.2", 1).sentences()[0]
    before, after = first.split(" → ")
    assert before == "Giả định: ngưỡng chỉ tiêu 3.2 (Đất cây xanh công cộng) của bộ tiny-ntm: chưa có ngưỡng"
    assert after == "≥ 1 m²/người (mọi xã)."


def test_assumption_names_the_indicator_in_english(ly_nhan_2023_card):
    card = ly_nhan_2023_card
    w = whatif(card, "hanam-2022-nang-cao", "14.1", 99)
    assert w.sentences("en")[0] == (
        "Assumption: threshold of indicator 14.1 (Health-insurance coverage) of hanam-2022-nang-cao: ≥ 95 % → ≥ 99 % "
        "(all communes).")
    assert w.sentences()[0].startswith("Giả định: ngưỡng chỉ tiêu 14.1 (Tỷ lệ người dân tham gia bảo hiểm y tế) ")


def test_assumption_for_an_indicator_without_unit(tiny_card):
    s = tiny_card.sets[NTM]
    s = replace(s, indicators=tuple(replace(i, unit="") if i.code == "3.2" else i for i in s.indicators))
    w = whatif(ntmlib.score(TINY, sets=[s], year=2023), NTM, "3.2", 1, group=2)
    assert w.sentences()[0] == ("Giả định: ngưỡng chỉ tiêu 3.2 (Đất cây xanh công cộng) của bộ tiny-ntm: ≥ nhóm 1: 4; "
                                "nhóm 2: 2 → ≥ 1 (nhóm xã 2).")


SAMPLE_NC, SAMPLE_NTM = "hanam-2022-nang-cao", "hanam-2022-ntm"


def _rows(ly_nhan_card, set_id, code):
    ind = ly_nhan_card.indicators
    return ind[(ind["set"] == set_id) & (ind["indicator"] == code)]


def test_same_threshold_changes_nothing(ly_nhan_2023_card):
    w = whatif(ly_nhan_2023_card, SAMPLE_NC, "14.1", 95)
    assert not w.changed and w.indicators.empty and w.communes.empty and w.tiers().empty
    assert w.sentences()[-1] == "Không xã nào đổi kết quả."


def test_lower_threshold_flips_exactly_the_communes_in_between(ly_nhan_2023_card):
    bhyt = _rows(ly_nhan_2023_card, SAMPLE_NC, "14.1")
    failing = bhyt[bhyt["met"].eq(False)].sort_values("number")
    new = float(failing["number"].iloc[len(failing) // 2]) - 0.05  # just below a failing commune's value
    w = whatif(ly_nhan_2023_card, SAMPLE_NC, "14.1", new)
    between = set(bhyt.loc[(bhyt["number"] >= new) & (bhyt["number"] < 95), "commune_id"])
    assert len(between) >= 2
    assert set(w.indicators["commune_id"]) == between
    assert w.indicators["met_after"].all() and not w.indicators["met_before"].any()
    assert set(w.indicators["threshold_after"]) == {new}
    # criterion 14 flips where 14.1 was its only failing indicator
    ind = ly_nhan_2023_card.indicators
    crit = ind[(ind["set"] == SAMPLE_NC) & (ind["criterion"] == "14")]
    fails = crit[crit["met"].eq(False)].groupby("commune_id")["indicator"].agg(set)
    only = {c for c in between if fails.get(c) == {"14.1"}}
    assert set(w.criteria["commune_id"]) == only
    gained = w.communes.set_index("commune_id")
    assert set(gained.index) == between
    assert (gained["indicators_met_after"] - gained["indicators_met_before"]).eq(1).all()
    # the scored set is untouched: the change lives in a copy
    health_insurance = next(i for i in ly_nhan_2023_card.sets[SAMPLE_NC].indicators if i.code == "14.1")
    assert health_insurance.threshold.values == {"DBSH": 95.0, "TDMNPB": 95.0}


def test_region_scope(ly_nhan_2023_card):
    assert not whatif(ly_nhan_2023_card, SAMPLE_NC, "14.1", 80, region="TDMNPB").changed  # no Lý Nhân commune there
    assert whatif(ly_nhan_2023_card, SAMPLE_NC, "14.1", 80, region="DBSH").indicators["commune_id"].nunique() == int(
        _rows(ly_nhan_2023_card, SAMPLE_NC, "14.1")["met"].eq(False).sum())


def test_several_changes_can_change_the_tier_reached(ly_nhan_2023_card):
    ind = ly_nhan_2023_card.indicators[ly_nhan_2023_card.indicators["set"] == SAMPLE_NTM]
    todo = ind[~ind["met"].fillna(False).astype(bool)]
    numeric_only = todo.groupby("commune_id").filter(
        lambda g: g["rule"].isin([">=", "<="]).all() and g["number"].notna().all())
    cid = numeric_only["commune_id"].iloc[0]
    mine = numeric_only[numeric_only["commune_id"] == cid]
    changes = [ThresholdChange(SAMPLE_NTM, code, value, region="DBSH")  # the sample's region
               for code, value in zip(mine["indicator"], mine["number"])]
    w = whatif(ly_nhan_2023_card, changes=changes)
    tiers = w.tiers().set_index("commune_id")
    assert pd.isna(tiers.at[cid, "tier_reached_before"]) and tiers.at[cid, "tier_reached_after"] == "ntm"
    assert any(s.endswith("hạng đạt được — → NTM.") for s in w.sentences())


def test_a_threshold_that_differs_by_region_is_changed_only_where_asked(ly_nhan_2023_card):
    # 15.4: TDMNPB 50, DBSH 70, other regions 50. Without a region the what-if asks which; with one
    # it changes that region's value only.
    with pytest.raises(ParameterError) as e:
        whatif(ly_nhan_2023_card, SAMPLE_NTM, "15.4", 72)
    assert str(e.value) == (
        "vùng: ngưỡng chỉ tiêu 15.4 của bộ hanam-2022-ntm khác nhau theo vùng (TDMNPB: 50; DBSH: 70; vùng khác: 50), "
        "không thay một giá trị cho mọi vùng được: chọn region=… (lệnh ntm: --region), một trong TDMNPB, DBSH")
    w = whatif(ly_nhan_2023_card, SAMPLE_NTM, "15.4", 72, region="DBSH")
    t = next(i for i in w.scenario.sets[SAMPLE_NTM].indicators if i.code == "15.4").threshold
    assert t.values == {"TDMNPB": 50.0, "DBSH": 72.0, "default": 50.0}
    # one value listed under several regions (14.1: DBSH 95, TDMNPB 95) is replaced under each, and no
    # region without a threshold gets one
    w = whatif(ly_nhan_2023_card, SAMPLE_NC, "14.1", 92)
    t = next(i for i in w.scenario.sets[SAMPLE_NC].indicators if i.code == "14.1").threshold
    assert t == Threshold("region", {"DBSH": 92.0, "TDMNPB": 92.0})
    r = CliRunner().invoke(main, ["whatif", str(LY_NHAN), "--year", "2023", "--set", SAMPLE_NTM, "--indicator", "15.4",
                                  "--threshold", "72"])
    assert r.exit_code == 2 and "--region), một trong TDMNPB, DBSH" in r.output


def test_bad_changes_are_named(ly_nhan_2023_card):
    with pytest.raises(DataError, match="không có chỉ tiêu '14.9' \\(có phải '17.9'\\?\\)"):
        whatif(ly_nhan_2023_card, SAMPLE_NC, "14.9", 90)
    with pytest.raises(DataError, match="chỉ tiêu 2.5 .* đạt/không đạt"):
        whatif(ly_nhan_2023_card, SAMPLE_NC, "2.5", 90)
    with pytest.raises(DataError, match="không có nhóm xã '2'"):
        whatif(ly_nhan_2023_card, SAMPLE_NC, "14.1", 90, group="2")


def test_cli_whatif(ly_nhan_2023_card):
    bhyt = _rows(ly_nhan_2023_card, SAMPLE_NC, "14.1")
    n = int(((bhyt["number"] >= 92) & (bhyt["number"] < 95)).sum())
    r = CliRunner().invoke(main, ["whatif", str(LY_NHAN), "--year", "2023", "--set", SAMPLE_NC, "--indicator", "14.1",
                                  "--threshold", "92"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Giả định: ngưỡng chỉ tiêu 14.1 (Tỷ lệ người dân tham gia bảo hiểm y tế) của bộ "
                               f"{SAMPLE_NC}: ≥ 95 % → ≥ 92 % (mọi xã).")
    assert f"Năm 2023: {n} xã chuyển sang đạt chỉ tiêu 14.1" in r.output
    r = CliRunner().invoke(main, ["whatif", str(LY_NHAN), "--year", "2023", "--set", "khong-co", "--indicator", "1",
                                  "--threshold", "1"])
    assert r.exit_code == 2 and "bộ tiêu chí: không có bộ tiêu chí 'khong-co'" in r.output


def test_years_scored_with_different_sets_are_rescored_apart():

    from tests.helpers.paths import DATA

    ly_nhan_card = score(DATA / "trends")  # trend-old in 2021-2022, trend-new in 2023
    w = whatif(ly_nhan_card, "trend-new", "A", 86)  # X has 86 in 2023 (threshold 92), Y 90, Z 96
    assert sorted(zip(w.indicators["commune_id"], w.indicators["year"])) == [("X", 2023), ("Y", 2023)]
    assert set(w.scenario.communes["year"]) == {2021, 2022, 2023}
    assert not whatif(ly_nhan_card, "trend-old", "1", 90).changed


def test_whatif_lists_a_criterion_moving_from_no_data_to_not_met(tiny_card):
    # tiny-ntm 3.1 from 90 to 95: A 96 and C 95 % still meet it, B's 91 no longer does. B's
    # criterion 3 (3.2 has no data) goes from no data to not met; B's counts 0/3, 3/7 → 0/3, 2/7.
    w = whatif(tiny_card, NTM, "3.1", 95)
    assert [(r.commune_id, r.indicator, r.met_before, r.met_after, r.threshold_before, r.threshold_after)
            for r in w.indicators.itertuples()] == [("B", "3.1", True, False, 90.0, 95.0)]
    assert len(w.criteria) == 1
    c = w.criteria.iloc[0]
    assert (c["commune_id"], c["set"], c["criterion"], c["commune"]) == ("B", NTM, "3", "Bình")
    assert pd.isna(c["met_before"]) and not pd.isna(c["met_after"]) and not c["met_after"]  # no data → not met
    assert (c["indicators_met_before"], c["indicators_met_after"]) == (1, 0)
    n = w.communes
    assert [(r.commune_id, r.set, r.criteria_met_before, r.criteria_met_after, r.indicators_met_before,
             r.indicators_met_after) for r in n.itertuples()] == [("B", NTM, 0, 0, 3, 2)]
    assert w.tiers().empty
