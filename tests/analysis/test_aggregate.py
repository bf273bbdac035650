"""ntmlib.analysis.aggregate on tests/data/tiny, every table checked in full (columns, order, numbers worked
out by hand): the tables a district office reads, so a changed column, order or count shows.
These kill the mutants of aggregate.py that the other fast tests left alive.
And, worked out by hand: criteria gained and lost between years, readiness order, most-failed
counts, tiers reached in the district summary."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

import ntmlib
from ntmlib.analysis import aggregate
from ntmlib.errors import ParameterError

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import TINY
from tests.helpers.tiny import NC, NTM, one, tiny_copy

# The hand-worked results of tiny in 2023 are in the header of tests/helpers/tiny.py.


def rows(df, cols):
    return [tuple(r) for r in df[cols].itertuples(index=False)]


def test_errors_name_the_choices():
    with pytest.raises(ParameterError) as e:
        aggregate.require_tier("hang-4")
    assert str(e.value) == "hạng: không có hạng 'hang-4' (chọn ntm, nang-cao, kieu-mau, hien-dai)"
    card = ntmlib.score(TINY, year=2023)
    with pytest.raises(ParameterError) as e:
        aggregate.summary(card, level="xa")
    assert str(e.value) == "cấp tổng hợp: 'xa' không có (chọn district, province, region hoặc commune_group)"


def test_summary_table_in_full(tiny_card):
    s = aggregate.summary(tiny_card)
    assert list(s.columns) == ["province", "district", "year", "set", "tier", "communes", "reaching", "not_reaching",
                               "undecided", "without_data", "recognised", "with_data", "criteria_total",
                               "indicators_total", "criteria_mean", "indicators_mean", "no_data", "criteria_range",
                               "indicators_range"]
    # sets in tier order, as scored (not alphabetical: tiny-nc sorts before tiny-ntm)
    # tiny-ntm: A 3/3 7/7, B 0/3 3/7, C 2/3 6/7 → means 5/3, 16/3; tiny-nc: A 1/1 2/2, B 0/1 0/2 (no value
    # at all: not in the means), C 0/1 1/2 → means over A and C: 1/2, 3/2
    assert rows(s, list(s.columns)) == [
        ("Thử nghiệm", "Thử", 2023, NTM, "ntm", 3, 1, 2, 0, 0, 3, 3, 3, 7, 1.67, 5.33, 1, "0–3", "3–7"),
        ("Thử nghiệm", "Thử", 2023, NC, "nang-cao", 3, 1, 1, 0, 1, 1, 2, 1, 2, 0.5, 1.5, 2, "0–1", "1–2")]
    assert list(s.index) == [0, 1]
    counts = ["reaching", "not_reaching", "undecided", "without_data"]
    assert (s[counts].sum(axis=1) == s["communes"]).all()  # every commune assessed counted once


def test_criteria_distribution_over_two_years(tiny_both_years_card):
    # 2022: only A has values (2.1, 2.2; criterion 2 lacks 2.3): A meets 0 criteria of tiny-ntm, B and C
    # have no value at all; tiny-nc has no value in 2022. 2023: B has no value of tiny-nc.
    # A commune without data is not counted at 0 criteria: it is in the last row of its year and set.
    card = tiny_both_years_card
    d = aggregate.criteria_distribution(card)
    assert list(d.columns) == ["year", "set", "criteria_met", "criteria_total", "communes", "label"]
    none = pd.NA
    assert rows(d, list(d.columns)) == [
        (2022, NC, none, 1, 3, "Chưa có số liệu"),
        (2022, NTM, 0, 3, 1, "0/3"), (2022, NTM, none, 3, 2, "Chưa có số liệu"),
        (2023, NC, 1, 1, 1, "1/1"), (2023, NC, 0, 1, 1, "0/1"), (2023, NC, none, 1, 1, "Chưa có số liệu"),
        (2023, NTM, 3, 3, 1, "3/3"), (2023, NTM, 2, 3, 1, "2/3"), (2023, NTM, 0, 3, 1, "0/3")]
    assert list(d.index) == list(range(9))
    # every commune scored is in exactly one row of its year and set
    assert d.groupby(["year", "set"], observed=True)["communes"].sum().tolist() == [3] * 4


def test_summary_means_and_ranges_leave_out_communes_without_data(tiny_both_years_card):
    s = aggregate.summary(tiny_both_years_card)
    got = rows(s, ["year", "set", "with_data", "criteria_mean", "indicators_mean", "criteria_range",
                   "indicators_range"])
    # 2022 tiny-ntm: A alone has values (0 criteria, 2 indicators met); B and C, without data, are not
    # zeros in the mean or the range. 2022 tiny-nc: no commune has data: no mean, no range.
    # 2023 tiny-nc: A 1/1 2/2 and C 0/1 1/2; B has no value (its 0 indicators met is no range's low end)
    assert got[0] == (2022, NTM, 1, 0.0, 2.0, "0", "2")
    assert got[1][:3] == (2022, NC, 0) and pd.isna(got[1][3]) and pd.isna(got[1][4]) and got[1][5:] == ("", "")
    assert got[3] == (2023, NC, 2, 0.5, 1.5, "0–1", "1–2")


def test_most_failed_ranked_by_failures_with_indicator_names(tmp_path):
    # C's poverty 0 → 3 % (> 2): criterion 2 now failed by B and C, 1 by B, 3 by C (B: no data)
    d = tiny_copy(tmp_path, change={"C,2023,tiny-ntm,2.2,0": "C,2023,tiny-ntm,2.2,3"})
    card = ntmlib.score(d, year=2023)
    mf = aggregate.most_failed(card)
    assert list(mf.columns) == ["year", "set", "group", "criterion", "failed", "communes", "name", "group_name"]
    assert str(mf["failed"].dtype) == "int64" and str(mf["communes"].dtype) == "int64"
    assert rows(mf, ["set", "criterion", "failed", "communes"]) == [
        (NC, "1", 1, 2), (NTM, "2", 2, 3), (NTM, "1", 1, 3), (NTM, "3", 1, 2)]
    assert list(mf.index) == [0, 1, 2, 3]
    mi = aggregate.most_failed(card, by="indicator")
    assert rows(mi, ["set", "indicator", "failed", "communes", "name"]) == [
        (NC, "1.1", 1, 2, "Tỷ lệ người dân tham gia bảo hiểm y tế"),
        (NTM, "2.2", 2, 3, "Tỷ lệ nghèo đa chiều"),
        (NTM, "1.1", 1, 3, "Tỷ lệ đường xã được cứng hóa"),
        (NTM, "2.3", 1, 3, "Nhà tạm, dột nát"),
        (NTM, "3.2", 1, 2, "Đất cây xanh công cộng")]


def test_most_failed_years_in_order_and_ties_in_the_sets_order(ly_nhan_card):
    # the sample: two years, 19 criteria ("10" sorts before "2" as text, not in the set)
    card = ly_nhan_card
    mf = aggregate.most_failed(card)
    assert mf["year"].is_monotonic_increasing
    for (year, set_id), g in mf.groupby(["year", "set"], sort=False):
        order = [c.code for c in card.sets[set_id].criteria]
        key = [(-f, order.index(c)) for f, c in zip(g["failed"], g["criterion"])]
        assert key == sorted(key), (year, set_id)
    # numbers counted directly from the criteria table
    crit = card.criteria
    top = mf.iloc[0]
    direct = crit[(crit["year"] == top["year"]) & (crit["set"] == top["set"]) & (crit["criterion"] == top["criterion"])]
    assert top["failed"] == int(direct["met"].eq(False).sum()) and top["communes"] == int(direct["met"].notna().sum())


def test_failed_groups_and_failing_indicators(tiny_card):
    # failed tiny-ntm indicators in 2023: B 1.1 (group I), B 2.2, B 2.3, C 3.2 (group II)
    g = aggregate.failed_groups(tiny_card, 2023, NTM)
    assert list(g.columns) == ["group", "failed", "communes", "group_name"]
    assert rows(g, list(g.columns)) == [("II", 3, 2, "Kinh tế và xã hội"), ("I", 1, 1, "Quy hoạch và hạ tầng")]
    assert rows(aggregate.failed_groups(tiny_card, 2023, NTM, communes=["C"]), ["group", "failed", "communes"]) == [
        ("II", 1, 1)]
    f = aggregate.failing_indicators(tiny_card, "B", 2023, NTM)
    assert list(f.columns) == ["criterion", "criterion_name", "indicator", "indicator_name", "rule", "unit", "value",
                               "number", "threshold", "threshold_text", "gap", "status"]
    assert rows(f, ["criterion", "indicator", "indicator_name", "value", "status"]) == [
        ("1", "1.1", "Tỷ lệ đường xã được cứng hóa", "98", "not_met"),
        ("2", "2.2", "Tỷ lệ nghèo đa chiều", "2,5", "not_met"),
        ("2", "2.3", "Nhà tạm, dột nát", "có", "not_met"),
        ("3", "3.2", "Đất cây xanh công cộng", "", "no_data")]
    assert f["gap"].tolist()[:2] == [-2.0, -0.5] and list(f.index) == [0, 1, 2, 3]


def test_maintenance_alerts_need_a_failed_criterion_not_missing_data(tmp_path):
    # without C's health insurance row, C's tiny-nc 1.1 has no data: its nâng cao set is no data,
    # not failed, so C is alerted for tiny-ntm only (3.2); B (recognised NTM) fails tiny-ntm
    d = tiny_copy(tmp_path, drop=("C,2023,,health_insurance_rate,94",))
    card = ntmlib.score(d, year=2023)
    assert pd.isna(card.communes.set_index(["commune_id", "set"]).loc[("C", NC), "set_met"])
    a = aggregate.maintenance_alerts(card, exact=False)
    assert list(a.columns) == ["commune_id", "commune", "year", "set", "tier", "criteria_met", "criteria_total",
                               "indicators_met", "indicators_total", "no_data", "failing_codes", "failing"]
    assert rows(a, ["commune_id", "set", "criteria_met", "failing_codes"]) == [
        ("B", NTM, 0, "1.1, 2.2, 2.3, 3.2"), ("C", NTM, 2, "3.2")]
    assert list(a.index) == [0, 1]
    # by default, as the bulletin counts: only communes recognised exactly at the set's tier (C holds nâng cao)
    assert rows(aggregate.maintenance_alerts(card), ["commune_id", "set"]) == [("B", NTM)]


def _no_recognitions(d):
    (d / "recognitions.csv").write_text("commune_id,tier,year,decision,note\n", encoding="utf-8")


def test_readiness_default_tier_and_communes_without_any_recognition(tmp_path, tiny_card):
    assert_frame_equal(aggregate.readiness(tiny_card, year=2023),
                                  aggregate.readiness(tiny_card, "nang-cao", year=2023))
    d = tiny_copy(tmp_path)
    (d / "recognitions.csv").write_text("commune_id,tier,year,decision,note\nA,ntm,2019,,\nC,ntm,2018,,\n",
                                        encoding="utf-8")
    r = aggregate.readiness(ntmlib.score(d, year=2023), "ntm")  # B holds nothing: a candidate for NTM
    assert rows(r, ["rank", "commune_id", "criteria_missing", "indicators_missing"]) == [(1, "B", 3, 4)]
    assert r["tier_recognised"].isna().all()  # holds no tier: NA, never ''
    assert r["tier_recognised"].dtype == tiny_card.communes["tier_recognised"].dtype


def test_readiness_without_the_prerequisite_set_scored(tiny_card):
    # only tiny-nc scored: nothing is known of NTM, so nothing is counted missing there
    card = ntmlib.score(TINY, sets=NC, year=2023)
    r = aggregate.readiness(card, "nang-cao", year=2023)
    assert rows(r, ["rank", "commune_id", "criteria_missing", "indicators_missing", "prerequisite_criteria_missing",
                    "prerequisite_indicators_missing"]) == [(1, "A", 0, 0, 0, 0), (2, "B", 1, 2, 0, 0)]
    assert str(r["prerequisite_criteria_missing"].dtype) == "int64"


def test_readiness_shortfall_is_the_summed_relative_gap(tmp_path):
    # No recognitions: everyone is a candidate for NTM. Poverty ceiling 0 % from 2023 (a threshold
    # of 0 has no relative gap: left out), B's income 61 against 62.
    #   A: 2.2 1,2 > 0 ✗ → 1 criterion, 1 indicator missing, shortfall 0 (threshold 0).
    #   B: 1.1 98/100 → 0,02; 2.1 61/62 → 1/62; 2.2 (threshold 0) left out → 0,036129… → 0,0361;
    #      criteria 1 and 2 failed, 3 no data → 3 criteria, 7 − 2 = 5 indicators missing.
    #   C: 2.2 0 ✓; 3.2 1,5 against 2 → 0,25; 1 criterion, 1 indicator missing.
    # A and C tie on counts; A's smaller shortfall ranks it first.
    d = tiny_copy(tmp_path, change={"B,2023,tiny-ntm,2.1,đạt": "B,2023,tiny-ntm,2.1,61"})
    _no_recognitions(d)
    yaml = d / "frameworks" / "tiny-ntm.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("{by_year: {2022: 3, default: 2}}", "{by_year: {2022: 3, default: 0}}"),
                    encoding="utf-8")
    r = aggregate.readiness(ntmlib.score(d, year=2023), "ntm", year=2023)
    assert rows(r, ["rank", "commune_id", "criteria_missing", "indicators_missing", "shortfall", "missing"]) == [
        (1, "A", 1, 1, 0.0, "2.2"), (2, "C", 1, 1, 0.25, "3.2"), (3, "B", 3, 5, 0.0361, "1.1, 2.1, 2.2, 2.3, 3.2")]


def test_year_change_gains_losses_order_and_one_year(tmp_path, tiny_card):
    # 2022 rows added (thresholds of 2022: income DBSH 58 / TDMNPB 40, poverty 3):
    #   A: 1.1 90 < 100 and 1.2 không → 1 ✗; 2.1 60, 2.2 2,8, 2.3 không → 2 ✓; 3.1 80 < 90 → 3 ✗.
    #      2023 all met: gained 1 and 3.
    #   B: 3.1 95, 3.2 5 → 3 ✓; in 2023 3.2 has no data: neither gained nor lost.
    #   C: all seven met → 3/3; in 2023 with poverty 3 % (> 2) C fails 2 and 3: lost 2 and 3.
    add = ["A,2022,tiny-ntm,1.1,90", "A,2022,tiny-ntm,1.2,không", "A,2022,tiny-ntm,2.3,không",
           "A,2022,tiny-ntm,3.1,80", "A,2022,tiny-ntm,3.2,5", "B,2022,tiny-ntm,3.1,95", "B,2022,tiny-ntm,3.2,5",
           "C,2022,tiny-ntm,1.1,95", "C,2022,tiny-ntm,1.2,có", "C,2022,tiny-ntm,2.1,50", "C,2022,tiny-ntm,2.2,1",
           "C,2022,tiny-ntm,2.3,0", "C,2022,tiny-ntm,3.1,95", "C,2022,tiny-ntm,3.2,3"]
    d = tiny_copy(tmp_path, change={"C,2023,tiny-ntm,2.2,0": "C,2023,tiny-ntm,2.2,3"}, add=tuple(add))
    yc = aggregate.year_change(ntmlib.score(d))
    assert list(yc.columns) == ["commune_id", "set", "year_from", "year_to", "criteria_from", "criteria_to", "gained",
                                "lost", "commune", "change"]
    assert rows(yc, ["commune_id", "set", "criteria_from", "criteria_to", "gained", "lost", "change"]) == [
        ("A", NTM, 1, 3, "1, 3", "", 2), ("A", NC, 0, 1, "", "", 1),
        ("B", NTM, 1, 0, "", "", -1), ("B", NC, 0, 0, "", "", 0),
        ("C", NTM, 3, 1, "", "2, 3", -2), ("C", NC, 0, 0, "", "", 0)]
    one_year = aggregate.year_change(tiny_card)
    assert one_year.empty and list(one_year.columns) == list(yc.columns)


def test_year_change_of_one_commune_pairs_the_years_it_is_given(tmp_path):
    # three years; every commune is scored in each (without data in some): the pairs are 2021→2022 and 2022→2023
    add = ["A,2021,tiny-ntm,1.1,90", "A,2021,tiny-ntm,1.2,không", "A,2021,tiny-ntm,2.3,không",
           "A,2021,tiny-ntm,3.1,80", "A,2021,tiny-ntm,3.2,5", "B,2022,tiny-ntm,3.1,95", "B,2022,tiny-ntm,3.2,5"]
    card = ntmlib.score(tiny_copy(tmp_path, add=tuple(add)))
    assert card.years == [2021, 2022, 2023]
    whole = aggregate.year_change(card)
    assert rows(whole[whole["set"] == NTM], ["commune_id", "year_from", "criteria_from", "criteria_to", "lost"]) == [
        ("A", 2021, 0, 0, ""), ("B", 2021, 0, 1, ""), ("C", 2021, 0, 0, ""),
        ("A", 2022, 0, 3, ""), ("B", 2022, 1, 0, ""), ("C", 2022, 0, 2, "")]
    for cid in ("A", "B", "C"):  # one commune's card, the whole card's years: that commune's rows of the whole table
        assert_frame_equal(aggregate.year_change(card.subset([cid]), years=card.years),
                                      whole[whole["commune_id"] == cid].reset_index(drop=True))
    # the last pair only: the rows of 2022→2023
    last = aggregate.year_change(card, years=[2022, 2023])
    assert_frame_equal(last, whole[whole["year_to"] == 2023].reset_index(drop=True))
    # a pair of years without a set scored in both has no rows
    assert aggregate.year_change(card, years=[2020, 2021]).empty


def test_summary_district_of_communes_without_one(tmp_path):
    # a commune without a district counts in its province and, at district level, in its own row
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    f = d / "communes.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("C,Cao,Thử,", "C,Cao,,"), encoding="utf-8")
    s = aggregate.summary(ntmlib.score(d, year=2023))
    assert rows(s[s["set"] == NTM], ["district", "communes", "reaching"]) == [
        ("Thử", 2, 1), (aggregate.NO_DISTRICT, 1, 0)]
    p = aggregate.summary(ntmlib.score(d, year=2023), level="province")
    assert rows(p[p["set"] == NTM], ["province", "communes"]) == [("Thử nghiệm", 3)]


def test_maintenance_alerts_fail_the_same_indicators_as_failing_indicators(ly_nhan_card):
    card = ly_nhan_card
    alerts = aggregate.maintenance_alerts(card)
    assert len(alerts) > 5
    for a in alerts.itertuples():
        assert_frame_equal(a.failing, aggregate.failing_indicators(card, a.commune_id, a.year, a.set))
        assert a.failing_codes == ", ".join(a.failing["indicator"].astype(str))


def test_year_change_no_data_to_met_is_not_gained(tmp_path):
    # A in 2022 (with these two rows): criterion 1 no data; 2: 2.1 60 ≥ 58 ✓, 2.2 2,8 ≤ 3 ✓, 2.3 no
    # data → no data; 3: 3.1 80 < 90 ✗ (3.2 5 ≥ 4 ✓) → not met. In 2023 A meets all three: only 3 is
    # gained (1 and 2 had no data). B and C have no 2022 rows: nothing gained, nothing lost.
    d = tiny_copy(tmp_path, add=("A,2022,tiny-ntm,3.1,80", "A,2022,tiny-ntm,3.2,5"))
    yc = aggregate.year_change(ntmlib.score(d))
    got = {(r.commune_id, r.set): (r.year_from, r.year_to, r.criteria_from, r.criteria_to, r.gained, r.lost, r.change)
           for r in yc.itertuples()}
    assert got == {
        ("A", NTM): (2022, 2023, 0, 3, "3", "", 3),
        ("B", NTM): (2022, 2023, 0, 0, "", "", 0),
        ("C", NTM): (2022, 2023, 0, 2, "", "", 2),
        ("A", NC): (2022, 2023, 0, 1, "", "", 1),
        ("B", NC): (2022, 2023, 0, 0, "", "", 0),
        ("C", NC): (2022, 2023, 0, 0, "", "", 0),
    }
    assert one(yc, commune_id="A", set=NTM)["commune"] == "An"


def test_year_change_met_to_not_met_is_lost_and_no_data_after_is_neither(tmp_path):
    # A 2022: 3.1 95 ✓, 3.2 5 ✓ → criterion 3 met; 2: 2.1 60 ✓, 2.2 2,8 ✓, 2.3 không ✓ → met.
    # A 2023 with 2.2 = 2,4 (> 2) → criterion 2 lost; 3 still met; 1 gained? no: no data in 2022.
    # C 2022: 1.1 95 ✓, 1.2 có ✓ → 1 met; in 2023 C's criterion 1 is met too: neither.
    d = tiny_copy(tmp_path, change={'A,2023,tiny-ntm,2.2,"1,2"': 'A,2023,tiny-ntm,2.2,"2,4"'},
                  add=("A,2022,tiny-ntm,3.1,95", "A,2022,tiny-ntm,3.2,5", "A,2022,tiny-ntm,2.3,không",
                       "C,2022,tiny-ntm,1.1,95", "C,2022,tiny-ntm,1.2,có"))
    yc = aggregate.year_change(ntmlib.score(d)).set_index(["commune_id", "set"])
    assert yc.loc[("A", NTM), ["criteria_from", "criteria_to", "gained", "lost", "change"]].tolist() == [
        2, 2, "", "2", 0]
    assert yc.loc[("C", NTM), ["criteria_from", "criteria_to", "gained", "lost", "change"]].tolist() == [
        1, 2, "", "", 1]


def test_readiness_closest_first(tiny_card):
    # Not recognised at nâng cao in 2023: A and B (C holds it since 2022).
    #   A: tiny-nc 1/1 criteria, 2/2 indicators; tiny-ntm 3/3, 7/7 → nothing missing.
    #   B: tiny-nc 0/1, 0/2 (no data) → 1 criterion, 2 indicators; tiny-ntm 0/3, 3/7 → 3 and 4 more.
    r = aggregate.readiness(tiny_card, "nang-cao", year=2023)
    cols = ["rank", "commune_id", "criteria_missing", "indicators_missing", "prerequisite_criteria_missing",
            "prerequisite_indicators_missing", "shortfall", "missing"]
    assert [tuple(x) for x in r[cols].itertuples(index=False)] == [
        (1, "A", 0, 0, 0, 0, 0.0, ""), (2, "B", 1, 2, 3, 4, 0.0, "1.1, 1.2")]
    assert aggregate.readiness(tiny_card, "ntm", year=2023).empty  # all three hold NTM


def test_most_failed_counts_failures_not_missing_data(tiny_card):
    # tiny-ntm: criterion 1 failed by B, 2 by B, 3 by C (B's 3 is no data: neither failed nor
    # assessed); tiny-nc: criterion 1 failed by C (B no data).
    mf = aggregate.most_failed(tiny_card)
    assert [(r.set, r.criterion, r.failed, r.communes, r.name) for r in mf.itertuples()] == [
        (NC, "1", 1, 2, "Y tế và cảnh quan"),
        (NTM, "1", 1, 3, "Giao thông và quy hoạch"),
        (NTM, "2", 1, 3, "Thu nhập và nghèo"),
        (NTM, "3", 1, 2, "Y tế và môi trường")]
    assert mf["group_name"].tolist() == ["Y tế và cảnh quan", "Quy hoạch và hạ tầng", "Kinh tế và xã hội",
                                         "Kinh tế và xã hội"]
    # by indicator: failures 1.1 (B), 2.2 (B), 2.3 (B), 3.2 (C) in tiny-ntm, 1.1 (C) in tiny-nc;
    # 3.2 is assessed for A and C only, tiny-nc 1.1 for A and C
    mi = aggregate.most_failed(tiny_card, by="indicator")
    assert [(r.set, r.indicator, r.failed, r.communes) for r in mi.itertuples()] == [
        (NC, "1.1", 1, 2), (NTM, "1.1", 1, 3), (NTM, "2.2", 1, 3), (NTM, "2.3", 1, 3), (NTM, "3.2", 1, 2)]


def test_summary_reaching_needs_the_prerequisite(tmp_path):
    # C's health insurance 94 → 96: C now meets tiny-nc (1.1 96 ≥ 95, 1.2 ĐẠT) but not tiny-ntm
    # (3.2 1,5 < 2), so C does not reach nâng cao (recognised there since 2022 all the same).
    d = tiny_copy(tmp_path, change={"C,2023,,health_insurance_rate,94": "C,2023,,health_insurance_rate,96"})
    card = ntmlib.score(d, year=2023)
    assert one(card.communes, commune_id="C", set=NC)[["set_met", "prerequisite_met", "reaches"]].tolist() == [
        True, False, False]
    s = aggregate.summary(card).set_index("set")
    cols = ["communes", "reaching", "not_reaching", "without_data", "recognised", "with_data", "criteria_total",
            "criteria_mean", "criteria_range", "indicators_range", "no_data"]
    # tiny-ntm: A 3/3 7/7, B 0/3 3/7 (1 no data), C 2/3 6/7; recognised: all three hold NTM
    assert s.loc[NTM, cols].tolist() == [3, 1, 2, 0, 3, 3, 3, round(5 / 3, 2), "0–3", "3–7", 1]
    # tiny-nc: A 1/1 2/2, B 0/1 0/2 (2 no data: no value, so not in the mean nor the ranges), C 1/1 2/2
    # but not NTM; reaching: A only; not reaching: C; without data: B; recognised: C
    assert s.loc[NC, cols].tolist() == [3, 1, 1, 1, 1, 2, 1, 1.0, "1", "2", 2]
    assert set(s["district"]) == {"Thử"} and set(s["province"]) == {"Thử nghiệm"}
    p = aggregate.summary(card, level="province").set_index("set")
    assert p.loc[NC, ["province", "communes", "reaching", "recognised"]].tolist() == ["Thử nghiệm", 3, 1, 1]


def test_failing_long_is_report_ready_without_float_noise(ly_nhan_card):
    f = aggregate.failing_long(ly_nhan_card)
    assert list(f.columns) == ["commune_id", "commune", "year", "set", "tier", "tier_recognised", "criterion",
                               "criterion_name", "indicator", "indicator_name", "rule", "unit", "value", "number",
                               "threshold", "threshold_text", "gap", "status"]
    r = f[(f["commune"] == "Chính Lý") & (f["year"] == 2023) & (f["indicator"] == "14.1")].iloc[0]
    assert (r["number"], r["threshold"], r["threshold_text"], r["gap"], r["criterion_name"]) == (
        92.2, 95.0, "≥ 95 %", -2.8, "Y tế")
    assert set(f.loc[f["rule"] == "yes", "threshold_text"]) == {"Đạt"}
    # every gap is its value minus its threshold, written with no more decimals than they have
    num = f[f["gap"].notna()]
    sign = num["rule"].map({">=": 1, "<=": -1}).astype(float)
    assert (num["gap"] - (num["number"] - num["threshold"]) * sign).abs().max() < 1e-9
    assert all(len(repr(g).split(".")[1]) <= 2 for g in num["gap"])
    # the gap without noise is in the scores themselves
    gaps = ly_nhan_card.indicators["gap"].dropna()
    assert (gaps == gaps.round(6)).all() and (gaps != gaps.round(0)).any()
