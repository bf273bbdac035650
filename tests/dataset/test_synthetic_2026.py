"""The synthetic datasets on the map of 1 July 2025 (ntmlib.dataset.synthetic.make_2026, `ntm synthetic
--year 2026`): the official new units with their names, codes and coordinates, commune groups, values
for every measure of vn-2026-ntm, the crosswalk from the old units, and a mix of states once scored."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

import ntmlib
from ntmlib.analysis.verdicts import states
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import load_set
from ntmlib.dataset import synthetic, units
from ntmlib.dataset.synthetic import make_2026, reorganised_units
from ntmlib.errors import ParameterError

pytestmark = pytest.mark.skipif(not units.available(), reason="needs the official list (ntmlib[units])")
MEASURES = {i.measure for i in load_set("vn-2026-ntm").indicators}


def _read(folder, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def ninh_binh(tmp_path_factory):
    """The whole province of Ninh Bình in 2026, scored."""
    folder = make_2026(tmp_path_factory.mktemp("ninh-binh"), province="Ninh Bình", formats=("csv",))["csv"]
    return folder, ntmlib.score(folder)


@pytest.fixture(scope="module")
def with_2025(tmp_path_factory):
    """The first 30 new units of Ninh Bình (16 wards, 14 communes) and their predecessors, 2025 and 2026."""
    folder = make_2026(tmp_path_factory.mktemp("nb-30"), province="Ninh Bình", years=(2025, 2026), communes=30,
                       seed=7, formats=("csv",))["csv"]
    return folder, ntmlib.score(folder)


def test_the_new_units_are_the_official_ones(ninh_binh):
    folder, _ = ninh_binh
    communes = _read(folder, "communes.csv")
    new = communes[communes["commune_id"].str.endswith("@2025-07-01")]
    official = units.new_units("Ninh Bình")
    assert len(new) == len(official) == 129
    assert new["commune_id"].str.removesuffix("@2025-07-01").tolist() == official["code"].tolist()
    names = [s if t == "Xã" else f"{t} {s}" for s, t in zip(official["short"], official["type"])]
    assert new["commune"].tolist() == names
    assert np.allclose(new["lat"].astype(float), official["lat"], atol=1e-6)
    assert np.allclose(new["lon"].astype(float), official["lon"], atol=1e-6)
    # only communes are assessed: 97 xã, the 32 wards not; no district since 1/7/2025
    assert (new["assessed"] == "").tolist() == (official["type"] == "Xã").tolist()
    assert (new["assessed"] == "").sum() == 97 and set(new["district"]) == {""}
    assert set(new["province"]) == {"Ninh Bình"}
    meta = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    assert meta["name"] == "Tỉnh Ninh Bình (dữ liệu mô phỏng)"
    assert "huyện" not in (meta["name"] + meta["description"]).lower()
    assert meta["frameworks"] == [{"years": [2026, 2030], "sets": ["vn-2026-ntm"]}]
    # the codes and names pass the official check (a reused code is looked up in the new list for a key)
    warnings = ntmlib.validate(ntmlib.load_dataset(folder)).warnings
    assert not [w for w in warnings if "chính thức" in str(w)], warnings


def test_every_assessed_commune_has_a_group_and_every_measure_is_valued(ninh_binh):
    folder, card = ninh_binh
    communes = _read(folder, "communes.csv")
    assessed = communes[(communes["assessed"] == "") & communes["commune_id"].str.contains("@")]
    assert set(assessed["commune_group"]) == {"1", "2", "3"}  # each group has communes
    assert (communes.loc[communes["assessed"] == "false", "commune_group"] == "").all()
    obs = _read(folder, "observations.csv")
    assert set(obs["commune_id"]) == set(assessed["commune_id"]) and set(obs["year"]) == {"2026"}
    assert set(obs["indicator"]) == MEASURES  # every measure, by measure
    per = obs.groupby("commune_id")["indicator"].nunique()
    assert (per == len(MEASURES)).mean() > 0.8 and per.min() >= len(MEASURES) // 2  # a few gaps, as offices have
    # nothing dropped: what is not in the file is scored 'no data', each value scored once
    ind = card.indicators[card.indicators["year"] == 2026]
    assert len(ind) == len(assessed) * len(MEASURES)
    assert int((ind["status"] == "no_data").sum()) == len(ind) - len(obs)
    # the thresholds are the group's: a commune of group 3 is judged on 70 % of village roads, group 1 on 100 %
    roads = ind[ind["indicator"] == "2.2"].merge(assessed[["commune_id", "commune_group"]], on="commune_id")
    assert roads.groupby("commune_group")["threshold"].agg(set).to_dict() == {"1": {100.0}, "2": {90.0},
                                                                              "3": {70.0}}


def test_scoring_gives_a_mix_of_states(ninh_binh):
    folder, card = ninh_binh
    ind = card.indicators[card.indicators["year"] == 2026]
    # recounted from the indicators: met when every indicator is met, no data when none fails but one is missing
    by = ind.groupby("commune_id", observed=True)["status"]
    failed, missing = by.agg(lambda s: (s == "not_met").any()), by.agg(lambda s: (s == "no_data").any())
    recognised = set(_read(folder, "recognitions.csv").query("tier == 'ntm' and year == '2026'")["commune_id"])
    mine = pd.Series(np.select([failed, missing], ["not_reached", "no_data"], "met"), index=failed.index)
    mine[(mine == "met")] = ["maintained" if c in recognised else "reached" for c in mine.index[mine == "met"]]
    s = states(card, 2026).set_index("commune_id")["state"]
    assert s.sort_index().tolist() == mine.sort_index().tolist()
    counts = s.value_counts().to_dict()
    assert set(counts) == {"maintained", "reached", "not_reached", "no_data"}, counts
    reach = (counts["maintained"] + counts["reached"]) / len(s)
    assert 0.1 < reach < 0.5 and counts["not_reached"] > len(s) / 2, counts  # some reach NTM, many not
    assert recognised <= set(mine.index[mine != "not_reached"])  # only communes meeting the set are recognised


def test_the_crosswalk_links_every_old_unit_of_the_province():
    new, cw, old = reorganised_units("Ninh Bình")
    old_of = units.old_units()
    formed = old_of[old_of["province_short"].isin(["Hà Nam", "Nam Định", "Ninh Bình"])]
    assert set(cw["old_commune_id"]) == set(old["code"]) == set(formed["code"])  # 98 + 175 + 125
    assert len(set(cw["old_commune_id"])) == 398
    assert set(new["code"]) <= set(cw["new_commune_id"])  # every new unit has predecessors
    assert (cw.groupby("old_commune_id")["default"].agg(lambda d: (d == "x").sum() if len(d) > 1 else 1) == 1).all()


def test_earlier_years_belong_to_the_old_communes(with_2025):
    folder, card = with_2025
    communes, cw = _read(folder, "communes.csv"), _read(folder, "crosswalk.csv")
    new = communes[communes["commune_id"].str.contains("@")]
    old = communes[~communes["commune_id"].str.contains("@")]
    assert len(new) == 30 and (new["assessed"] == "").sum() == 14
    assert set(old["commune_id"]) == set(cw["old_commune_id"])  # every old unit in the crosswalk
    keys = set(cw["new_commune_id"] + "@" + cw["effective"])
    assert set(new["commune_id"]) <= keys  # every new unit formed from old ones
    assert (old["district"] != "").all() and set(old["province"]) <= {"Hà Nam", "Nam Định", "Ninh Bình"}
    c = card.communes
    assert set(c.loc[c["year"] == 2025, "set"].astype(str)) == set(synthetic.SETS)
    obs = _read(folder, "observations.csv")
    assert set(obs.loc[obs["year"] == "2025", "commune_id"]) == set(old.loc[old["assessed"] == "", "commune_id"])
    # the new communes exist from 1/7/2025, so they are scored in 2025 too, without data
    in_2025 = c[(c["year"] == 2025) & c["commune_id"].astype(str).str.contains("@")]
    assert len(in_2025) and (in_2025["indicators_total"] == in_2025["no_data"]).all()
    assert set(c.loc[c["year"] == 2026, "commune_id"].astype(str)) == set(new.loc[new["assessed"] == "",
                                                                                  "commune_id"])
    history = ntmlib.reorg.history_table(card, years=2025)
    assert len(history) > 0 and set(history["key"]) <= set(new["commune_id"])


def test_the_same_seed_writes_the_same_files(tmp_path, with_2025):
    folder, _ = with_2025
    again = make_2026(tmp_path, province="ninh binh", years=(2025, 2026), communes=30, seed=7,
                      formats=("csv",))["csv"]
    for name in ("communes.csv", "crosswalk.csv", "observations.csv", "recognitions.csv"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name
    other = make_2026(tmp_path / "other", province="Ninh Bình", communes=30, seed=8, formats=("csv",))["csv"]
    assert _read(other, "observations.csv")["value"].tolist() != _read(folder, "observations.csv").query(
        "year == '2026'")["value"].tolist()


@pytest.mark.parametrize("years", [(2024,), (2026, 2031), (2019, 2026)])
def test_years_outside_the_sets_are_refused(tmp_path, years):
    with pytest.raises(ParameterError, match="2021–2030"):
        make_2026(tmp_path, province="Ninh Bình", years=years, communes=3)
    assert not any(tmp_path.iterdir())


def test_the_2026_cache_is_kept_apart_from_the_older_one(tmp_path, monkeypatch):
    calls = []

    def fake(name):
        def make(out_dir, **kw):
            calls.append((name, str(out_dir), kw.get("years"), tuple(kw["formats"])))
            for fmt in kw["formats"]:
                (out_dir / fmt).mkdir(parents=True, exist_ok=True)
                (out_dir / fmt / f"observations.{fmt}").write_text(name)
        return make

    monkeypatch.setattr(synthetic, "make_national", fake("old"))
    monkeypatch.setattr(synthetic, "make_2026", fake("2026"))
    synthetic.national_cache(tmp_path, communes=30, seed=7, formats=("parquet",))
    assert synthetic.national_cache(tmp_path, seed=7, formats=("parquet",), year=2026) == ["parquet"]
    assert synthetic.national_cache(tmp_path, communes=30, seed=7, formats=("parquet",)) == []  # still held
    assert synthetic.national_cache(tmp_path, seed=7, formats=("parquet",), year=2026) == []
    assert calls == [("old", str(tmp_path), None, ("parquet",)),
                     ("2026", str(tmp_path / "map-2026"), (2025, 2026), ("parquet",))]
    assert synthetic.national_folder(tmp_path, "parquet", 2026).joinpath("observations.parquet").read_text() == "2026"
    assert json.loads((tmp_path / "map-2026" / "generated.json").read_text()) == {
        "year": 2026, "seed": 7, "formats": ["parquet"]}
    assert json.loads((tmp_path / "generated.json").read_text())["communes"] == 30


def test_ntm_synthetic_year_2026(tmp_path):
    r = CliRunner().invoke(main, ["synthetic", str(tmp_path / "nb"), "--province", "Ninh Bình", "--year", "2026",
                                  "--communes", "20"])
    assert r.exit_code == 0, r.output
    communes = _read(tmp_path / "nb" / "csv", "communes.csv")
    new = communes[communes["commune_id"].str.contains("@")]
    groups = new["commune_group"].value_counts()
    cells = len(pd.read_parquet(tmp_path / "nb" / "parquet" / "observations.parquet"))
    assert r.output.splitlines()[0] == (
        f"20 đơn vị hành chính (4 xã được đánh giá: nhóm 1 {groups.get('1', 0)}, nhóm 2 {groups.get('2', 0)}, "
        f"nhóm 3 {groups.get('3', 0)}), {len(communes) - 20} đơn vị cũ trong bảng đối chiếu, 1 năm, {cells} ô số liệu")
    for args, word in ((["--district", "Lý Nhân"], "cấp huyện"), (["--national"], "--national")):
        r = CliRunner().invoke(main, ["synthetic", str(tmp_path / "x"), "--province", "Ninh Bình", "--year", "2026",
                                      *args])
        assert r.exit_code == 2 and word in r.output, r.output


def test_a_missing_threshold_leaves_communes_undecided(ninh_binh, tmp_path):
    """vn-2026-ntm has a threshold for every group; a province's set without one for group 2 (here
    4.1, trained labour) leaves undecided the communes of group 2 that fail nothing else."""
    folder, _ = ninh_binh
    shutil.copytree(folder, tmp_path / "nb")
    (tmp_path / "nb" / "frameworks").mkdir()
    (tmp_path / "nb" / "frameworks" / "nb-2026-ntm.yaml").write_text(
        "id: nb-2026-ntm\nextends: vn-2026-ntm\nname: 'Bộ tiêu chí thử'\ntier: ntm\nperiod: [2026, 2030]\n"
        "overrides:\n  '4.1':\n    threshold: {by_group: {1: 75, 3: 60}}\n", encoding="utf-8")
    meta = yaml.safe_load((tmp_path / "nb" / "dataset.yaml").read_text(encoding="utf-8"))
    meta["frameworks"] = [{"years": [2026, 2030], "sets": ["nb-2026-ntm"]}]
    (tmp_path / "nb" / "dataset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    card = ntmlib.score(tmp_path / "nb")
    ind = card.indicators[card.indicators["year"] == 2026]
    status = ind.groupby("commune_id", observed=True)["status"].agg(set)
    group = _read(folder, "communes.csv").set_index("commune_id")["commune_group"]
    mine = {c for c, s in status.items() if "not_met" not in s and "no_threshold" in s}
    assert mine and {group[c] for c in mine} == {"2"}  # recounted from the indicators
    s = states(card, 2026).set_index("commune_id")["state"]
    assert set(s.index[s == "undecided"]) == mine
    assert {"reached", "not_reached", "undecided"} <= set(s)
