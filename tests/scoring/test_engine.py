"""Scoring the tiny fixture dataset; every expected number is worked out by hand in the comments.

ntmlib.scoring.engine paths the other fast tests did not reach (found by mutation testing): two sets of
one tier, a set no observation serves, and the errors scoring itself raises for observations
changed after loading (load_dataset's checks catch them in files)."""
from __future__ import annotations

import shutil
from dataclasses import replace

import pandas as pd
import pytest

import ntmlib
from ntmlib import DataError
from ntmlib.scoring import engine as scoring
from ntmlib.scoring.engine import categorical

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import EXAMPLES, TINY
from tests.helpers.tiny import NC, NTM, one, tiny_copy


def test_a_tier_is_reached_through_any_of_its_sets():
    # tiny-prov-ntm (extends tiny-ntm) adds 3.3, for which nobody has data: A meets tiny-ntm but
    # not tiny-prov-ntm (no data). Reaching NTM through tiny-ntm is enough for nâng cao.
    card = ntmlib.score(TINY, sets=[NTM, "tiny-prov-ntm", NC], year=2023)
    c = card.communes
    got = {(r.commune_id, r.set): (r.criteria_met, r.no_data, r.reaches, r.prerequisite_met, r.tier_reached)
           for r in c.itertuples()}
    assert got[("A", NTM)] == (3, 0, True, True, "nang-cao")
    assert got[("A", "tiny-prov-ntm")] == (2, 1, False, True, "nang-cao")
    assert got[("A", NC)] == (1, 0, True, True, "nang-cao")
    assert got[("C", NC)][2:4] == (False, False) and pd.isna(got[("C", NC)][4])  # no tier reached: NA


def test_a_set_no_observation_serves_is_all_no_data(tmp_path):
    # only the tiny-nc rows are kept (named by set, none by measure): nothing serves tiny-ntm
    d = tiny_copy(tmp_path)
    obs = d / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    obs.write_text("\n".join([lines[0]] + [x for x in lines[1:] if ",tiny-nc," in x]) + "\n", encoding="utf-8")
    card = ntmlib.score(d, sets=NTM, year=2023)
    assert len(card.indicators) == 3 * 7 and card.indicators["met"].isna().all()
    assert card.indicators["source_line"].isna().all() and set(card.indicators["source_place"]) == {""}
    a = one(card.communes, commune_id="A")
    assert (a["criteria_met"], a["indicators_met"], a["no_data"], a["reaches"]) == (0, 0, 7, False)
    assert card.communes["set_met"].isna().all()


def test_clashing_values_set_after_loading_are_reported_by_line(tmp_path):
    # an identical copy of A's 1.1 (line 29) loads as a skipped duplicate; changed afterwards in
    # the table, scoring refuses the clash and names both lines
    d = tiny_copy(tmp_path, add=("A,2023,tiny-ntm,1.1,100",))
    ds = ntmlib.load_dataset(d)
    obs = ds.observations.copy()
    obs.loc[obs.index[-1], "value"] = "98"
    ds.observations = obs
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value) == ("observations.csv: dòng 2 (cột value): giá trị trùng lặp khác nhau cho xã A, năm 2023, "
                            "chỉ tiêu 1.1 (các dòng 2, 29)")
    assert len(e.value.problems) == 1


def test_values_set_after_loading_that_an_indicator_cannot_take_are_reported():
    ds = ntmlib.load_dataset(TINY)
    obs = ds.observations.copy()
    obs.loc[obs.index[0], "value"] = "không"  # A's 1.1, a percentage
    obs.loc[obs.index[1], "value"] = "63,5"  # A's 1.2, yes/no
    ds.observations = obs
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value).splitlines() == [
        ("observations.csv: dòng 2 (cột value): giá trị 'không' không đọc được cho chỉ tiêu 1.1 (tiny-ntm): chỉ tiêu "
         "này cần một số (%) hoặc Đạt/Không đạt"),
        ("observations.csv: dòng 3 (cột value): giá trị '63,5' không đọc được cho chỉ tiêu 1.2 (tiny-ntm): chỉ tiêu "
         "này cần Đạt/Không đạt, có/không hoặc 1/0")]


# --- found by the mutation run of 2026-12 (mutmut over scoring.py) -------------------------------------------------

WIDE = EXAMPLES / "wide.xlsx"  # the tiny observations, communes across


def test_problems_in_a_workbook_name_the_cell_and_the_commune_column(tmp_path):
    d = tmp_path / "wide"
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    shutil.copy(WIDE, d / "observations.xlsx")
    ds = ntmlib.load_dataset(d)
    obs = ds.observations
    assert obs[["place", "commune_id", "indicator", "value"]].iloc[0].tolist() == ["'2023 NTM'!D8", "A", "1.1", "100"]
    # a value 1.1 cannot take, set after loading: the cell of A's 1.1, under the header "Xã An"
    ds.observations = obs.assign(value=["không"] + obs["value"].tolist()[1:])
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value) == ("observations.xlsx: '2023 NTM'!D8 (cột Xã An): giá trị 'không' không đọc được cho chỉ tiêu "
                            "1.1 (tiny-ntm): chỉ tiêu này cần một số (%) hoặc Đạt/Không đạt")
    # a second value for A's 1.1, from the same cell: a clash, located the same way
    ds.observations = pd.concat([obs, obs.iloc[[0]].assign(value="99")], ignore_index=True)
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value) == ("observations.xlsx: '2023 NTM'!D8 (cột Xã An): giá trị trùng lặp khác nhau cho xã A, năm "
                            "2023, chỉ tiêu 1.1 (các ô '2023 NTM'!D8, '2023 NTM'!D8)")


def test_two_clashes_are_reported_in_the_order_of_the_file(tmp_path):
    # identical copies of A's 2022 income (line 26) and B's 1.1 (line 11) load as skipped duplicates
    # (lines 29, 30); changed afterwards, both clash. B's lines come first in the file, A's rows
    # first in the grid (A before B; 2022 before 2023): the problems follow the file.
    d = tiny_copy(tmp_path, add=("A,2022,tiny-ntm,2.1,60", "B,2023,tiny-ntm,1.1,98"))
    ds = ntmlib.load_dataset(d)
    obs = ds.observations
    ds.observations = obs.assign(value=obs["value"].tolist()[:-2] + ["61", "97"])
    with pytest.raises(DataError) as e:
        ntmlib.score(ds)
    assert str(e.value).splitlines() == [
        ("observations.csv: dòng 11 (cột value): giá trị trùng lặp khác nhau cho xã B, năm 2023, chỉ tiêu 1.1 "
         "(các dòng 11, 30)"),
        ("observations.csv: dòng 26 (cột value): giá trị trùng lặp khác nhau cho xã A, năm 2022, chỉ tiêu 2.1 "
         "(các dòng 26, 29)")]


def test_source_places_are_one_unordered_categorical(tiny_card):
    # one category per observation, not one string per row (see _places)
    card = tiny_card
    places = card.indicators["source_place"]
    assert isinstance(places.dtype, pd.CategoricalDtype) and not places.dtype.ordered
    assert places.cat.categories.dtype == "str"
    assert list(places.cat.categories) == [f"dòng {n}" for n in range(2, 29)] + [""]
    assert one(card.indicators, commune_id="C", set=NTM, indicator="3.1")["source_place"] == "dòng 22"


def test_two_communes_one_year():
    # communes × years = 2: the set / criterion / indicator columns are laid out twice
    card = ntmlib.score(ntmlib.load_dataset(TINY).restrict(["A", "B"]), year=2023)
    ind = card.indicators
    assert len(ind) == 2 * (7 + 2) and ind["commune_id"].tolist() == ["A"] * 9 + ["B"] * 9
    assert ind["indicator"].tolist()[:9] == ind["indicator"].tolist()[9:]
    assert ind[["set", "indicator"]].iloc[7].tolist() == [NC, "1.1"]
    assert card.criteria["criterion"].tolist() == card.criteria["criterion"].tolist()[:4] * 2


@pytest.mark.parametrize("n", [200, 40_000])
def test_categorical_of_many_labels(n):
    # more labels than an int8 (or an int16) code can count
    labels = [f"x{i:05d}" for i in range(n)][::-1]
    c = categorical(labels, repeat=2)
    assert len(c.categories) == n and c[0] == labels[0] and c[-1] == labels[-1] and c[2 * n // 2] == labels[n // 2]
    assert list(c[:4]) == [labels[0], labels[0], labels[1], labels[1]]


def test_threshold_basis_of_yes_no_rows_and_of_a_numeric_indicator_without_threshold(tiny_card):
    from dataclasses import replace

    s = tiny_card.sets[NTM]  # 2.1 without threshold: the rows after it keep theirs
    s = replace(s, indicators=tuple(replace(i, threshold=None) if i.code == "2.1" else i for i in s.indicators))
    ind = ntmlib.score(TINY, sets=[s], year=2023).indicators
    a = ind[ind["commune_id"] == "A"].set_index("indicator")
    assert a["threshold_basis_label"].astype(object).fillna("").to_dict() == {
        "1.1": "vùng DBSH", "1.2": "", "2.1": "không có ngưỡng", "2.2": "năm: mặc định", "2.3": "", "3.1": "chung",
        "3.2": "nhóm xã 1"}
    assert a["threshold_basis"].astype(object).fillna("").to_dict() == {
        "1.1": "region", "1.2": "", "2.1": "none", "2.2": "default", "2.3": "", "3.1": "single", "3.2": "commune_group"}
    assert a.loc[["1.1", "2.2", "3.1", "3.2"], "threshold"].tolist() == [100.0, 2.0, 90.0, 4.0]
    assert pd.isna(a.loc["2.1", "threshold"]) and pd.isna(a.loc["2.1", "met"])  # 63,5 and nothing to compare with
    # a value with no threshold is its own status, not "no data"
    assert a["status"].astype(str).to_dict() == {"1.1": "met", "1.2": "met", "2.1": "no_threshold", "2.2": "met",
                                                 "2.3": "met", "3.1": "met", "3.2": "met"}


@pytest.mark.parametrize("row, value, message", [
    # a yes/no word for a `<=` rate, and a negative count of cases
    (12, "có", ("dòng 14 (cột value): giá trị 'có' không đọc được cho chỉ tiêu 2.2 (tiny-ntm): chỉ tiêu này cần một "
                "số (%) hoặc Đạt/Không đạt")),
    (13, "-1", ("dòng 15 (cột value): giá trị '-1' không đọc được cho chỉ tiêu 2.3 (tiny-ntm): chỉ tiêu này cần "
                "Đạt/Không đạt, có/không hoặc 1/0")),
])
def test_values_a_lower_is_better_rate_or_a_count_cannot_take(row, value, message):
    ds = ntmlib.load_dataset(TINY)
    obs = ds.observations
    assert obs["place"].iloc[row] == message.split(" (cột")[0]
    ds.observations = obs.assign(value=[value if k == row else v for k, v in enumerate(obs["value"])])
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value) == "observations.csv: " + message


def test_a_negative_number_is_a_value_for_a_higher_is_better_indicator():
    # -5 for A's income (≥, not a %): read, and not met; only counts of cases refuse numbers below 0
    ds = ntmlib.load_dataset(TINY)
    obs = ds.observations
    assert obs[["commune_id", "indicator", "value"]].iloc[2].tolist() == ["A", "2.1", "63,5"]
    ds.observations = obs.assign(value=["-5" if k == 2 else v for k, v in enumerate(obs["value"])])
    r = one(ntmlib.score(ds, year=2023).indicators, commune_id="A", set=NTM, indicator="2.1")
    assert (r["number"], r["met"], r["gap"]) == (-5.0, False, -67.0)


def test_a_yes_no_indicator_written_1_or_0(tmp_path):
    d = tiny_copy(tmp_path, change={"A,2023,tiny-ntm,1.2,Đạt": "A,2023,tiny-ntm,1.2,1",
                                    "B,2023,tiny-ntm,1.2,có": "B,2023,tiny-ntm,1.2,0"})
    ind = ntmlib.score(d, sets=NTM, year=2023).indicators
    met = {r.commune_id: r.met for r in ind[ind["indicator"] == "1.2"].itertuples()}
    assert (met["A"], met["B"]) == (True, False)


def test_scoring_in_many_blocks_equals_scoring_in_one(monkeypatch):
    whole = ntmlib.score(TINY, year=[2022, 2023])
    monkeypatch.setattr(scoring, "BLOCK", 1)  # one commune-year per block
    parts = ntmlib.score(TINY, year=[2022, 2023])
    for name in ("indicators", "criteria", "communes"):
        assert_frame_equal(getattr(parts, name), getattr(whole, name))
    # values refused in two blocks (A's 1.1 and B's 1.1, set after loading): both are reported
    ds = ntmlib.load_dataset(TINY)
    obs = ds.observations
    rows = [k for k, (c, i, y) in enumerate(zip(obs["commune_id"], obs["indicator"], obs["year"]))
            if i == "1.1" and y == 2023 and c in ("A", "B")]
    ds.observations = obs.assign(value=["không" if k in rows else v for k, v in enumerate(obs["value"])])
    with pytest.raises(DataError) as blocks:
        ntmlib.score(ds, year=2023)
    monkeypatch.setattr(scoring, "BLOCK", 1 << 20)
    with pytest.raises(DataError) as one_block:
        ntmlib.score(ds, year=2023)
    assert len(rows) == 2 and len(blocks.value.problems) == len(one_block.value.problems) == 2
    assert [str(p) for p in blocks.value.problems] == [str(p) for p in one_block.value.problems]


def test_messages_name_every_year():
    with pytest.raises(DataError) as e:
        ntmlib.score(TINY, year=[2030, 2031])
    assert str(e.value) == "observations.csv: không có số liệu năm 2030, 2031 (có: 2022, 2023)"
    card = ntmlib.score(TINY, year=2023)
    later = replace(card.sets[NTM], period=(2024, 2025))
    with pytest.raises(DataError) as e:
        ntmlib.score(TINY, sets=[later, card.sets[NC]], year=[2022, 2023])
    assert str(e.value) == "tiny-ntm: năm 2022, 2023 nằm ngoài giai đoạn 2024–2025 của bộ tiêu chí"


def test_years_of_two_periods_are_scored_each_with_its_own_sets(tmp_path):
    d = tiny_copy(tmp_path)
    meta = d / "dataset.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "  - years: [2021, 2025]\n    sets: [tiny-ntm, tiny-nc]\n",
        "  - years: [2021, 2022]\n    sets: [tiny-ntm, tiny-nc]\n"
        "  - years: [2023, 2025]\n    sets: [tiny-prov-ntm, tiny-nc]\n"),
        encoding="utf-8")
    c = ntmlib.score(d, year=[2022, 2023]).communes
    sets = {y: sorted(set(c.loc[c["year"] == y, "set"].astype(str))) for y in (2022, 2023)}
    assert sets == {2022: sorted([NTM, NC]), 2023: sorted(["tiny-prov-ntm", NC])}


def test_no_set_for_the_years_scored_names_dataset_yaml_and_the_years():
    # load_dataset refuses such a year; a Dataset changed afterwards still gets the one line, not a traceback
    ds = ntmlib.load_dataset(TINY)
    bare = replace(ds, meta={**ds.meta, "frameworks": []})
    with pytest.raises(DataError) as e:
        ntmlib.score(bare, year=2023)
    assert [str(p) for p in e.value.problems] == ["dataset.yaml: không có bộ tiêu chí nào cho năm 2023"]


def test_observations_of_several_towns_not_assessed_never_reach_an_assessed_commune(tmp_path):
    # two towns not assessed, both with values for C's indicators that differ from C's own
    d = tiny_copy(tmp_path, add=("E,2023,tiny-ntm,1.1,1", "F,2023,tiny-ntm,1.1,2"))
    with (d / "communes.csv").open("a", encoding="utf-8") as f:
        f.write("E,Thị trấn Én,Thử,Thử nghiệm,DBSH,2,false\nF,Thị trấn Phú,Thử,Thử nghiệm,DBSH,2,false\n")
    card, plain = ntmlib.score(d, year=2023), ntmlib.score(TINY, year=2023)
    assert set(card.indicators["commune_id"].astype(str)) == {"A", "B", "C"}
    assert_frame_equal(card.indicators[["commune_id", "set", "indicator", "number", "met"]],
                                  plain.indicators[["commune_id", "set", "indicator", "number", "met"]],
                                  check_categorical=False)
    assert one(card.indicators, commune_id="C", set=NTM, indicator="1.1")["number"] == 92.0


def row(card, commune, set_id="tiny-ntm"):
    c = card.communes
    return c[(c["commune_id"] == commune) & (c["set"] == set_id)].iloc[0]


def ind(card, commune, code, set_id="tiny-ntm"):
    i = card.indicators
    return i[(i["commune_id"] == commune) & (i["indicator"] == code) & (i["set"] == set_id)].iloc[0]


def test_counts_match_hand_computation(tiny_card):
    # A meets all 7 indicators; B meets 1.2, 2.1 (office verdict), 3.1 and has no data for 3.2;
    # C fails only 3.2 (1,5 m² against 2 for commune group 2).
    got = {c: tuple(row(tiny_card, c)[["criteria_met", "criteria_total", "indicators_met", "indicators_total",
                                         "no_data"]]) for c in "ABC"}
    assert got == {"A": (3, 3, 7, 7, 0), "B": (0, 3, 3, 7, 1), "C": (2, 3, 6, 7, 0)}


def test_town_not_assessed_is_left_out(tiny_card):
    assert "D" not in set(tiny_card.communes["commune_id"])


def test_threshold_choice_by_region_year_and_group(tiny_card):
    assert (ind(tiny_card, "B", "1.1")[["threshold", "threshold_basis_label", "gap"]].tolist()
            == [100.0, "vùng DBSH", -2.0])
    assert (ind(tiny_card, "C", "1.1")[["threshold", "threshold_basis_label", "gap"]].tolist()
            == [90.0, "vùng TDMNPB", 2.0])
    assert (ind(tiny_card, "C", "2.1")[["threshold", "threshold_basis_label"]].tolist()
            == [44.0, "vùng TDMNPB, năm 2023"])
    assert (ind(tiny_card, "B", "2.2")[["threshold", "threshold_basis_label", "gap"]].tolist()
            == [2.0, "năm: mặc định", -0.5])
    assert ind(tiny_card, "A", "3.2")[["threshold", "threshold_basis_label"]].tolist() == [4.0, "nhóm xã 1"]
    assert ind(tiny_card, "C", "3.2")[["threshold", "threshold_basis_label"]].tolist() == [2.0, "nhóm xã 2"]


def test_threshold_basis_is_a_code_and_its_label_the_text(tiny_card):
    got = {(c, i): tuple(ind(tiny_card, c, i)[["threshold_basis", "threshold_basis_label"]])
           for c, i in (("B", "1.1"), ("C", "2.1"), ("B", "2.2"), ("A", "3.2"), ("A", "3.1"))}
    assert got == {("B", "1.1"): ("region", "vùng DBSH"), ("C", "2.1"): ("region_year", "vùng TDMNPB, năm 2023"),
                   ("B", "2.2"): ("default", "năm: mặc định"), ("A", "3.2"): ("commune_group", "nhóm xã 1"),
                   ("A", "3.1"): ("single", "chung")}
    basis = tiny_card.indicators["threshold_basis"]
    assert basis.cat.ordered and list(basis.cat.categories) == ["single", "region", "year", "region_year",
                                                               "commune_group", "default", "none"]


def test_year_specific_threshold():
    card = ntmlib.score(TINY, sets="tiny-ntm", year=2022)
    a21 = ind(card, "A", "2.1")
    assert (a21["threshold"], a21["met"], a21["gap"]) == (58.0, True, 2.0)
    a22 = ind(card, "A", "2.2")  # 2,8 % poverty against the 2022 ceiling of 3 %
    assert (a22["threshold"], a22["met"], round(a22["gap"], 6)) == (3.0, True, 0.2)


def test_decimal_comma_and_percent_sign(tiny_card):
    assert ind(tiny_card, "A", "2.1")["number"] == 63.5
    assert ind(tiny_card, "A", "2.1")["gap"] == pytest.approx(1.5)
    assert ind(tiny_card, "C", "3.1")["number"] == 95.0


def test_yes_no_words_and_absent_rule(tiny_card):
    assert ind(tiny_card, "A", "1.2")["met"] is True or ind(tiny_card, "A", "1.2")["met"] == True  # noqa: E712
    assert bool(ind(tiny_card, "C", "1.2")["met"])  # "x"
    assert bool(ind(tiny_card, "A", "2.3")["met"])  # "không": no makeshift houses
    assert not bool(ind(tiny_card, "B", "2.3")["met"])  # "có": there are some
    assert bool(ind(tiny_card, "C", "2.3")["met"])  # 0 houses


def test_office_verdict_on_numeric_indicator_is_marked_assessed(tiny_card):
    b = ind(tiny_card, "B", "2.1")
    assert bool(b["met"]) and bool(b["assessed"]) and pd.isna(b["gap"])
    assert not ind(tiny_card, "A", "2.1")["assessed"]


def test_no_data_is_neither_met_nor_unmet(tiny_card):
    b = ind(tiny_card, "B", "3.2")
    assert pd.isna(b["met"]) and b["value"] == ""
    crit = tiny_card.criteria
    c3 = crit[(crit["commune_id"] == "B") & (crit["criterion"] == "3") & (crit["set"] == "tiny-ntm")].iloc[0]
    assert pd.isna(c3["met"]) and (c3["indicators_met"], c3["indicators_total"], c3["no_data"]) == (1, 2, 1)
    # a criterion with one failure is not met even when another indicator has no data
    b_nc = row(tiny_card, "B", "tiny-nc")
    assert pd.isna(b_nc["set_met"]) and b_nc["no_data"] == 2


def test_all_indicators_rule(tiny_card):
    crit = tiny_card.criteria
    c = crit[(crit["commune_id"] == "C") & (crit["set"] == "tiny-ntm")].set_index("criterion")
    # criterion 3 of C: 3.1 met, 3.2 not met -> not met
    assert c["met"].tolist() == [True, True, False]
    assert c["indicators_met"].tolist() == [2, 3, 1]


def test_measure_observation_serves_another_set(tiny_card):
    # "health_insurance_rate" rows carry no set: they feed tiny-nc 1.1 (95 %) ...
    assert ind(tiny_card, "C", "1.1", "tiny-nc")[["number", "met", "gap"]].tolist() == [94.0, False, -1.0]
    # ... while tiny-ntm 3.1 keeps its own set-qualified value
    assert ind(tiny_card, "C", "3.1")["number"] == 95.0


def test_tier_prerequisites_and_recognitions(tiny_card):
    a, a_nc = row(tiny_card, "A"), row(tiny_card, "A", "tiny-nc")
    assert bool(a["reaches"]) and bool(a_nc["reaches"]) and a["tier_reached"] == "nang-cao"
    assert a["tier_recognised"] == "ntm"
    c, c_nc = row(tiny_card, "C"), row(tiny_card, "C", "tiny-nc")
    assert not c["reaches"] and not c_nc["prerequisite_met"] and pd.isna(c["tier_reached"])
    assert c_nc["recognised"] and c["tier_recognised"] == "nang-cao"  # recognised, but slipped
    assert row(tiny_card, "B")["tier_recognised"] == "ntm"  # year unknown: held in every year


def test_prerequisite_from_recognition_when_lower_set_not_scored():
    card = ntmlib.score(TINY, sets=["tiny-nc"], year=2023)
    a = row(card, "A", "tiny-nc")
    assert bool(a["prerequisite_met"]) and bool(a["reaches"]) and a["tier_reached"] == "nang-cao"


def test_provincial_set_uses_parent_observations():
    card = ntmlib.score(TINY, sets="tiny-prov-ntm", year=2023)
    a = row(card, "A", "tiny-prov-ntm")
    # 3.1 now needs 95 (A has 96), 2.3 removed, 3.3 added with no data
    assert tuple(a[["criteria_met", "criteria_total", "indicators_met", "indicators_total", "no_data"]]) == (
        2, 3, 6, 7, 1)
    b31 = ind(card, "B", "3.1", "tiny-prov-ntm")
    assert (b31["threshold"], bool(b31["met"])) == (95.0, False)


def test_vectorised_equals_row_by_row(tiny_card):
    """Recompute every indicator with plain Python rules and compare."""
    sets = {s: ntmlib.load_set(s, (TINY / "frameworks",)) for s in ("tiny-ntm", "tiny-nc")}
    ds = ntmlib.load_dataset(TINY)
    communes = ds.communes.set_index("commune_id")
    for r in tiny_card.indicators.itertuples():
        i = next(x for x in sets[r.set].indicators if x.code == r.indicator)
        text = r.value.strip().lower()
        if text == "":
            expected = None
        elif i.rule in (">=", "<="):
            if text in ("đạt", "không đạt"):
                expected = text == "đạt"
            else:
                thr, _ = i.threshold.lookup(communes.at[r.commune_id, "region"], r.year,
                                            communes.at[r.commune_id, "commune_group"])
                v = float(text.rstrip("%").replace(",", "."))
                expected = v >= thr if i.rule == ">=" else v <= thr
        elif i.rule == "yes":
            expected = text in ("đạt", "có", "x")
        else:
            expected = text in ("không", "0")
        got = None if pd.isna(r.met) else bool(r.met)
        assert got == expected, (r.commune_id, r.set, r.indicator, r.value)


def test_unknown_year_and_clashing_duplicates(tmp_path):
    with pytest.raises(DataError, match="không có số liệu năm 2030"):
        ntmlib.score(TINY, year=2030)
    import shutil

    shutil.copytree(TINY, tmp_path / "d")
    with open(tmp_path / "d" / "observations.csv", "a", encoding="utf-8") as f:
        f.write("A,2023,tiny-ntm,1.1,97\n")
    with pytest.raises(DataError) as e:
        ntmlib.score(tmp_path / "d", year=2023)
    msg = str(e.value)
    assert "observations.csv: dòng 2 (cột value)" in msg and "các dòng 2, 29" in msg


def test_observations_are_coded_once_and_recoded_when_replaced():
    ds = ntmlib.load_dataset(TINY)
    first = ds.encoded
    assert first is not None and first.n == len(ds.observations)
    ntmlib.score(ds)
    assert ds.encoded is first  # reused, not rebuilt
    ds.observations = ds.observations[ds.observations["commune_id"] != "A"].reset_index(drop=True)
    card = ntmlib.score(ds, year=2023)
    assert ds.encoded is not first and ds.encoded.n == len(ds.observations)
    a = card.communes[card.communes["commune_id"] == "A"]
    assert (a["indicators_met"] == 0).all() and (a["no_data"] == a["indicators_total"]).all()
