"""The synthetic datasets (ntmlib.dataset.synthetic, `ntm synthetic`): every measure of every set the
dataset uses is written, so that every tier is reached by some commune; a province is named after
itself and scored with its own sets where ntmlib has them."""
from __future__ import annotations

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import available_sets, load_set
from ntmlib.dataset import synthetic
from ntmlib.dataset.synthetic import make_national, sets_by_years

YEARS = (2022, 2023)  # the years the national and Hà Nam sets have an income threshold for (DBSH)


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    paths = make_national(tmp_path_factory.mktemp("national"), communes=300, years=YEARS, seed=11,
                          formats=("parquet",))
    return ntmlib.score(ntmlib.load_dataset(paths["parquet"]))


def _reached(card) -> dict[str, int]:
    """Commune-years reaching each tier (the highest each reaches), counted from the sets' rows."""
    c = card.communes[card.communes["reaches"].fillna(False).astype(bool)]
    top = c.groupby(["commune_id", "year"], observed=True)["tier"].agg(
        lambda t: max(t.astype(str), key=ntmlib.TIERS.index))
    return {t: int((top == t).sum()) for t in ntmlib.TIERS}


def test_every_tier_is_reached_by_some_synthetic_commune(national):
    reached = _reached(national)
    assert all(reached[t] > 0 for t in ntmlib.TIERS), reached
    # the tiers' own columns agree: tier_reached is the highest tier whose set the commune reaches
    rows = national.communes.drop_duplicates(["commune_id", "year"])
    assert rows["tier_reached"].astype(str).value_counts().reindex(ntmlib.TIERS).tolist() == [
        reached[t] for t in ntmlib.TIERS]
    # at plausible rates: fewer communes at each higher tier, most of those decided at none
    decided = national.communes[(national.communes["tier"] == "ntm") & ~national.communes["undecided"]]
    assert reached["ntm"] + reached["nang-cao"] + reached["kieu-mau"] < len(decided)
    assert reached["kieu-mau"] <= reached["nang-cao"] + reached["kieu-mau"] <= sum(reached.values())


def test_every_measure_of_every_set_is_written(national):
    ind = national.indicators
    written = ind[ind["value"].astype(str) != ""].groupby("set", observed=True)["indicator"].agg(
        lambda s: set(s.astype(str)))
    for sid in synthetic.SETS:
        codes = {i.code for i in load_set(sid).indicators}
        assert codes - written[sid] == set(), sid
    # the three the generator used to leave out: health insurance, green land, sanitary facilities of nâng cao,
    # measures the NTM set shares (now always written by measure, never with the NTM set's own code)
    nc = ind[(ind["set"] == "vn-2021-nang-cao") & ind["indicator"].isin(["14.1", "17.7", "18.3"])]
    assert nc.groupby("indicator", observed=True)["met"].agg(lambda m: m.notna().sum()).gt(0).all()


def test_a_province_is_named_after_itself_and_scored_with_its_own_sets(tmp_path):
    paths = make_national(tmp_path, province="Hà Nam", district="Lý Nhân", years=(2021, *YEARS), formats=("csv",))
    meta = yaml.safe_load((paths["csv"] / "dataset.yaml").read_text(encoding="utf-8"))
    assert meta["name"] == "Huyện Lý Nhân, tỉnh Hà Nam (dữ liệu mô phỏng)"
    hanam = ["hanam-2022-ntm", "hanam-2022-nang-cao", "hanam-2022-kieu-mau"]
    assert meta["frameworks"] == [{"years": [2021, 2021], "sets": list(synthetic.SETS)},
                                  {"years": [2022, 2023], "sets": hanam}]
    card = ntmlib.score(ntmlib.load_dataset(paths["csv"]))
    assert sorted(card.communes.loc[card.communes["year"] == 2023, "set"].astype(str).unique()) == sorted(hanam)
    assert set(card.communes["commune"].astype(str)) >= {"Nhân Bình", "Hợp Lý"}


def test_sets_by_years_uses_a_province_s_sets_only_in_their_period():
    spans = [(years, [s.id for s in sets]) for years, sets in sets_by_years("Hà Nam", [2021, 2022, 2025, 2026])]
    assert spans == [((2021, 2021), list(synthetic.SETS)),
                     ((2022, 2025), ["hanam-2022-ntm", "hanam-2022-nang-cao", "hanam-2022-kieu-mau"]),
                     ((2026, 2026), list(synthetic.SETS))]
    assert [(y, [s.id for s in sets]) for y, sets in sets_by_years("Nam Định", [2022, 2023])] == [
        ((2022, 2023), list(synthetic.SETS))]


def test_the_thresholds_read_once_are_those_lookup_gives():
    cache = {}
    for sid in available_sets():
        kinds = {}  # one threshold of each kind, plain and derived, per set: lookup is slow
        for i in load_set(sid).indicators:
            if i.threshold is not None:
                kinds.setdefault((i.threshold.kind, bool(i.threshold.derived)), i)
        for i in kinds.values():
            for region in ("DBSH", "TDMNPB", "DBSCL"):
                for year in (2022, 2024, 2026):
                    entries = synthetic._entries(i.threshold, cache)
                    mine = next((v for r, y, v in entries if r in (region, "*") and y in (str(year), "*")), None)
                    assert mine == i.threshold.lookup(region, year)[0], (sid, i.code, region, year)


def test_ntm_synthetic_names_the_province(tmp_path):
    r = CliRunner().invoke(main, ["synthetic", str(tmp_path / "ha-nam"), "--province", "ha nam"])
    assert r.exit_code == 0, r.output
    communes = pd.read_csv(tmp_path / "ha-nam" / "csv" / "communes.csv", dtype=str)
    assert len(communes) == 98 and r.output.splitlines()[0].startswith("98 xã, 5 năm, ")
    meta = yaml.safe_load((tmp_path / "ha-nam" / "csv" / "dataset.yaml").read_text(encoding="utf-8"))
    assert meta["name"] == "Tỉnh Hà Nam (dữ liệu mô phỏng)" and "98 đơn vị hành chính thật" in meta["description"]
