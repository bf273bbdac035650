"""The province figures recounted from the score tables with plain loops: states per commune
group, communes meeting each criterion, bands of criteria met, communes nearest to the standard,
lapsed communes, district rows and the predecessors of the new communes."""
import math

import pandas as pd
import pytest

from ntmlib.analysis import province as P


def _state(row) -> str:
    """The state of a communes-table row, written out from the rule's words."""
    all_met = row["criteria_met"] == row["criteria_total"]
    if row["reaches"]:
        return "maintained" if row["recognised"] else "reached"
    blocked = all_met and not row["prerequisite_met"]
    if row["undecided"] and not blocked:
        return "undecided"
    if pd.isna(row["set_met"]) and row["prerequisite_met"]:
        return "no_data"
    return "lapsed" if row["recognised"] else "not_reached"


def _rows(card, year, province, tier="ntm"):
    ds = card.dataset
    mine = set(ds.communes.loc[ds.communes["province"] == province, "commune_id"].astype(str))
    c = card.communes
    c = c[(c["year"] == year) & (c["tier"].astype(str) == tier) & c["commune_id"].astype(str).isin(mine)]
    groups = dict(zip(ds.communes["commune_id"].astype(str), ds.communes["commune_group"].fillna("").astype(str)))
    return [dict(r, state=_state(r), group=groups[str(r["commune_id"])]) for _, r in c.iterrows()]


@pytest.mark.parametrize("year, province", [(2026, "Ninh Bình"), (2023, "Hà Nam"), (2022, "Hà Nam")])
def test_state_counts_recounted(ly_nhan_card, year, province):
    rows = _rows(ly_nhan_card, year, province)
    got = P.state_counts(ly_nhan_card, year, province).iloc[0]
    assert got["communes"] == len(rows)
    for s in ("maintained", "reached", "lapsed", "not_reached", "undecided", "no_data"):
        assert got[s] == sum(r["state"] == s for r in rows), s
    reaching = sum(r["state"] in ("maintained", "reached") for r in rows)
    assert got["reaching"] == reaching and got["share"] == pytest.approx(reaching / len(rows))


def test_state_counts_per_commune_group_2026(ly_nhan_card):
    rows = _rows(ly_nhan_card, 2026, "Ninh Bình")
    got = P.state_counts(ly_nhan_card, 2026, "Ninh Bình", by="commune_group")
    groups = sorted({r["group"] for r in rows})
    assert list(got["commune_group"].iloc[:-1]) == groups == ["1", "2"]
    assert pd.isna(got["commune_group"].iloc[-1]) and got["communes"].iloc[-1] == 7
    for g in groups:
        mine = [r for r in rows if r["group"] == g]
        row = got[got["commune_group"] == g].iloc[0]
        assert row["communes"] == len(mine)
        assert row["reaching"] == sum(r["state"] in ("maintained", "reached") for r in mine)
        assert row["not_reached"] == sum(r["state"] == "not_reached" for r in mine)
    # the sample's 2026: Nam Xang (group 2) reaches NTM by its results, nobody is recognised yet
    assert got["reached"].tolist() == [0, 1, 1] and got["maintained"].sum() == 0


@pytest.mark.parametrize("year, province", [(2026, "Ninh Bình"), (2023, "Hà Nam")])
def test_criterion_counts_recounted(ly_nhan_card, year, province):
    rows = _rows(ly_nhan_card, year, province)
    ids = {str(r["commune_id"]) for r in rows}
    set_id = rows[0]["set"]
    cr = ly_nhan_card.criteria
    cr = cr[(cr["year"] == year) & (cr["set"] == set_id) & cr["commune_id"].astype(str).isin(ids)]
    got = P.criterion_counts(ly_nhan_card, year, province).set_index("criterion")
    assert len(got) == len(ly_nhan_card.sets[set_id].criteria)
    for code in got.index:
        mine = cr[cr["criterion"].astype(str) == code]
        met = sum(m is True or m == True for m in mine["met"].dropna())  # noqa: E712
        failed = sum(m == False for m in mine["met"].dropna())  # noqa: E712
        assert (got.at[code, "met"], got.at[code, "not_met"]) == (met, failed), code
        assert got.at[code, "share"] == pytest.approx(met / len(ids))
    shares = got["share"].tolist()
    assert shares == sorted(shares, reverse=True)


def test_criterion_counts_2023_as_the_bulletin_counts(ly_nhan_card):
    """The seed bulletin's weakest criterion of 2023: 17 (môi trường), met by 9 of the 20 communes."""
    got = P.criterion_counts(ly_nhan_card, 2023, "Hà Nam")
    last = got.iloc[-1]
    assert (last["criterion"], last["met"], last["communes"]) == ("17", 9, 20)


def test_band_edges():
    assert P.band_edges(10) == [(10, 10), (8, 9), (5, 7), (0, 4)]
    assert P.band_edges(19) == [(19, 19), (16, 18), (10, 15), (0, 9)]
    assert P.band_edges(3) == [(3, 3), (2, 2), (0, 1)]


@pytest.mark.parametrize("year, province", [(2026, "Ninh Bình"), (2023, "Hà Nam")])
def test_bands_recounted(ly_nhan_card, year, province):
    rows = [r for r in _rows(ly_nhan_card, year, province) if r["no_data"] < r["indicators_total"]]
    got = P.criteria_bands(ly_nhan_card, year, province)
    total = rows[0]["criteria_total"]
    assert got["communes"].sum() == len(rows)
    for _, b in got.iterrows():
        n = sum(b["low"] <= r["criteria_met"] <= b["high"] for r in rows)
        assert b["communes"] == n and b["share"] == pytest.approx(n / len(rows))
    assert got["band"].iloc[0] == str(total)


def test_nearest_2026(ly_nhan_card):
    rows = _rows(ly_nhan_card, 2026, "Ninh Bình")
    left = [r for r in rows if r["state"] not in ("maintained", "reached")]
    best = max(r["criteria_met"] for r in left)
    got = P.nearest(ly_nhan_card, 2026, "Ninh Bình", limit=3, gaps=5)
    firsts = got.drop_duplicates("commune_id")
    assert len(firsts) == 3 and firsts["criteria_met"].iloc[0] == best
    assert "Nam Xang" not in set(got["commune"])  # it reaches NTM
    key = list(zip(firsts["criteria_met"], firsts["indicators_met"]))
    assert key == sorted(key, reverse=True)
    ind = ly_nhan_card.indicators
    for cid, mine in got.groupby("commune_id", sort=False):
        unmet = ind[(ind["year"] == 2026) & (ind["commune_id"].astype(str) == cid) & ind["met"].eq(False)]
        assert sorted(mine["indicator"].astype(str)) == sorted(unmet["indicator"].astype(str))  # ≤ 5 each here
    vt = got[got["commune"] == "Vĩnh Trụ"].iloc[0]  # its largest numeric gap first, in its unit
    assert (vt["indicator"], vt["number"], vt["threshold_text"]) == ("6.1", 1.5, "≤ 1 %")


def test_lapsed_2023_every_tier(ly_nhan_card):
    got = P.lapsed(ly_nhan_card, 2023, "Hà Nam")
    for tier in ("ntm", "nang-cao", "kieu-mau"):
        expected = {r["commune"] for r in _rows(ly_nhan_card, 2023, "Hà Nam", tier) if r["state"] == "lapsed"}
        assert set(got.loc[got["tier"] == tier, "commune"]) == expected and expected, tier
    assert P.lapsed(ly_nhan_card, 2026, "Ninh Bình").empty  # no commune is recognised yet in 2026


def test_districts_only_in_years_with_districts(ly_nhan_card):
    d = P.districts(ly_nhan_card, 2023, "Hà Nam")
    assert d["district"].tolist() == ["Lý Nhân"] and d["communes"].iloc[0] == 20
    assert d["reaching"].iloc[0] == sum(r["state"] in ("maintained", "reached")
                                        for r in _rows(ly_nhan_card, 2023, "Hà Nam"))
    assert P.districts(ly_nhan_card, 2026, "Ninh Bình").empty


def test_origins_last_results_before_the_merger(ly_nhan_card):
    got = P.origins(ly_nhan_card, 2026, "Ninh Bình")
    cw = ly_nhan_card.dataset.crosswalk
    assert len(got) == len(cw) and set(got["new_commune"]) == {r["commune"] for r in _rows(
        ly_nhan_card, 2026, "Ninh Bình")}
    assessed = got[got["assessed"]]
    assert assessed["year"].eq(2023).all()  # the sample's last year before 1/7/2025
    c = ly_nhan_card.communes
    for _, r in assessed.iterrows():
        row = c[(c["year"] == 2023) & (c["commune_id"].astype(str) == str(r["commune_id"])) & (c["tier"] == "ntm")]
        assert r["criteria_met"] == row["criteria_met"].iloc[0]
    town = got[~got["assessed"]]
    assert town["commune"].tolist() == ["Thị trấn Vĩnh Trụ"] and town["year"].isna().all()
    assert math.isclose(P.state_counts(ly_nhan_card, 2026).iloc[0]["communes"], 7)
