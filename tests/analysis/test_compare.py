"""ntmlib.compare against a plain row-by-row comparison: the sample's 2022 against its 2023, and a
synthetic dataset's two years; sets matched by tier, NA equal to NA only, what-if built on it."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import ntmlib
from ntmlib.analysis import aggregate
from ntmlib.analysis.compare import compare
from ntmlib.analysis.whatif import whatif
from ntmlib.criteria.criteria_set import load_set
from ntmlib.errors import ParameterError

from tests.helpers.paths import LY_NHAN

INDICATOR_KEYS = ("number", "threshold", "met", "status")
COMMUNE_KEYS = ("criteria_met", "indicators_met", "no_data", "set_met", "reaches", "tier_reached")


def _same(x, y) -> bool:
    """Two results as a person compares them: missing equals missing only."""
    missing = [v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) for v in (x, y)]
    if any(missing):
        return all(missing)
    return str(x) == str(y) if isinstance(x, str) or isinstance(y, str) else x == y


def _rows(card, table: str, year: int, key: tuple, values: tuple) -> dict:
    tiers = {k: s.tier for k, s in card.sets.items()}
    out = {}
    for r in getattr(card, table).to_dict("records"):
        if r["year"] == year:
            k = (str(r["commune_id"]), tiers[str(r["set"])]) + tuple(str(r[c]) for c in key)
            out[k] = {v: r[v] for v in values}
    return out


def reference(a, b, year_a: int, year_b: int, table: str, key: tuple, values: tuple) -> dict:
    """{(commune, tier, code): (values of a, values of b)} of the rows that differ, one row at a time."""
    left, right = _rows(a, table, year_a, key, values), _rows(b, table, year_b, key, values)
    empty = dict.fromkeys(values)
    out = {}
    for k in list(left) + [k for k in right if k not in left]:
        x, y = left.get(k, empty), right.get(k, empty)
        if not all(_same(x[v], y[v]) for v in values):
            out[k] = (x, y)
    return out


def _found(table: pd.DataFrame, key: tuple, values: tuple) -> dict:
    return {(str(r["commune_id"]), str(r["tier"])) + tuple(str(r[c]) for c in key):
            ({v: r[f"{v}_a"] for v in values}, {v: r[f"{v}_b"] for v in values}) for r in table.to_dict("records")}


def check_against_reference(card, year_a: int, year_b: int):
    c = compare(card, card, years=(year_a, year_b))
    want = reference(card, card, year_a, year_b, "indicators", ("indicator",), INDICATOR_KEYS)
    got = _found(c.indicators, ("indicator",), INDICATOR_KEYS)
    assert got.keys() == want.keys()
    for k, (x, y) in want.items():
        assert all(_same(x[v], got[k][0][v]) and _same(y[v], got[k][1][v]) for v in INDICATOR_KEYS), k
    want = reference(card, card, year_a, year_b, "communes", (), COMMUNE_KEYS)
    got = _found(c.communes, (), COMMUNE_KEYS)
    assert got.keys() == want.keys()
    for k, (x, y) in want.items():
        assert all(_same(x[v], got[k][0][v]) and _same(y[v], got[k][1][v]) for v in COMMUNE_KEYS), k
    want = reference(card, card, year_a, year_b, "criteria", ("criterion",), ("met",))
    assert _found(c.criteria, ("criterion",), ("met",)).keys() == want.keys()
    return c


def test_the_sample_2022_against_2023_row_by_row(ly_nhan_card):
    c = check_against_reference(ly_nhan_card, 2022, 2023)
    assert (len(c.communes), len(c.criteria), len(c.indicators)) == (45, 42, 975)
    # the tiers reached that moved: 8 communes, Nhân Bình lost NTM (criteria 15 and 18 lost)
    tiers = c.tiers().set_index("commune")
    assert len(tiers) == 8 and tiers.at["Nhân Bình", "tier_reached_a"] == "ntm"
    assert pd.isna(tiers.at["Nhân Bình", "tier_reached_b"])
    # the criteria gained or lost are those aggregate.criterion_changes_long lists
    long = aggregate.criterion_changes_long(ly_nhan_card)
    moved = c.criteria[c.criteria["met_a"].notna() & c.criteria["met_b"].notna()]
    assert sorted(zip(moved["commune_id"].astype(str), moved["criterion"].astype(str))) == sorted(
        zip(long["commune_id"].astype(str), long["criterion"].astype(str)))
    # report-ready: names, rule, unit, threshold text and gap on each side, one dtype per column
    r = c.indicators[(c.indicators["commune"] == "Nhân Bình") & (c.indicators["indicator"] == "15.1")
                     & (c.indicators["tier"] == "ntm")].iloc[0]
    assert (r["indicator_name"], r["unit"], r["threshold_text_a"], r["number_b"], r["gap_b"], r["met_b"]) == (
        "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "≥ 90 %", 88.6, -1.4, False)
    for col in ("commune_id", "tier", "indicator", "criterion"):
        assert c.indicators[col].dtype == ly_nhan_card.indicators[col].dtype if col != "tier" else \
            c.indicators[col].dtype == ly_nhan_card.communes[col].dtype


def test_a_scorecard_against_itself_and_na_equal_to_na(ly_nhan_card):
    same = compare(ly_nhan_card, ly_nhan_card)
    assert not same.changed  # kiểu mẫu's no-data rows (NA against NA) are no change
    assert ly_nhan_card.indicators["met"].isna().sum() > 0


def test_sets_are_matched_by_tier():
    # the sample scored with the national NTM set against the province's: same tier, other set
    province = ntmlib.score(LY_NHAN, year=2023, sets=["hanam-2022-ntm"])
    national = ntmlib.score(LY_NHAN, year=2023, sets=[load_set("vn-2021-ntm")])
    c = compare(province, national)
    assert set(c.communes["set_a"].astype(str)) <= {"hanam-2022-ntm"}
    assert set(c.communes["set_b"].astype(str)) <= {"vn-2021-ntm"}
    want = reference(province, national, 2023, 2023, "indicators", ("indicator",), INDICATOR_KEYS)
    assert _found(c.indicators, ("indicator",), INDICATOR_KEYS).keys() == want.keys()


def test_years_must_be_chosen_when_they_differ(ly_nhan_card, ly_nhan_2023_card):
    one = ly_nhan_2023_card
    with pytest.raises(ParameterError, match=r"hai kết quả chấm khác năm \(2022, 2023, 2026 và 2023\)"):
        compare(ly_nhan_card, one)
    assert compare(ly_nhan_card, one, years=(2023, 2023)).changed is False


def test_whatif_is_the_comparison_of_baseline_and_scenario(ly_nhan_2023_card):
    w = whatif(ly_nhan_2023_card, "hanam-2022-nang-cao", "14.1", 92)
    c = compare(w.baseline, w.scenario, suffixes=("_before", "_after"))
    # every indicator whose threshold moved is in the comparison; the what-if keeps those whose result moved
    assert len(c.indicators) == 20 and len(w.indicators) == 6
    moved = c.indicators[c.indicators["met_before"] != c.indicators["met_after"]]
    assert list(moved["commune_id"]) == list(w.indicators["commune_id"])
    assert list(c.communes["commune_id"]) == list(w.communes["commune_id"])


@pytest.mark.slow
def test_a_synthetic_dataset_row_by_row(tmp_path):
    from ntmlib.dataset.synthetic import make_national

    folder = make_national(tmp_path, communes=40, years=(2022, 2023), formats=("csv",))["csv"]
    card = ntmlib.score(folder)
    c = check_against_reference(card, 2022, 2023)
    assert c.changed and card.communes["undecided"].any()  # communes without an income threshold, both years
    assert not compare(card, card).changed
