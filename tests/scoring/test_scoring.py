"""Scoring the tiny fixture dataset; every expected number is worked out by hand in the comments."""
import pandas as pd
import pytest

import ntmlib
from ntmlib import DataError

from tests.helpers.paths import TINY


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
    assert ind(tiny_card, "C", "2.1")[["threshold", "threshold_basis_label"]].tolist() == [44.0, "vùng TDMNPB, năm 2023"]
    assert ind(tiny_card, "B", "2.2")[["threshold", "threshold_basis_label", "gap"]].tolist() == [2.0, "năm: mặc định", -0.5]
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
