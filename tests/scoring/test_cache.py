"""A batch's scores saved once per district: each part holds exactly its district's results and
data (as Scorecard.subset and Dataset.restrict cut them, but for the communes.csv rows of the
communes a reorganisation names), large categoricals trimmed to what the part uses, each
report's run pointed at its own district's file, and a report from that file equal to one
from the whole scores."""
import json
import re
import shutil

import numpy as np
import pandas as pd
import pytest

import ntmlib
from ntmlib.errors import Problem
from ntmlib.run import batch, runner
from ntmlib.scoring.cache import own_categories, read_scorecard, split_scorecard, write_scorecard

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN

# Lý Nhân's 21 units spread over three made-up districts (and one left without a district)
DISTRICTS = {"13567": "Bắc", "13570": "Bắc", "13573": "Bắc", "13576": "Nam", "13579": "Nam"}


@pytest.fixture(scope="module")
def three_districts(tmp_path_factory):
    d = tmp_path_factory.mktemp("ly-nhan") / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    # the 21 old units and their years 2022–2023 (the new communes of 2026 left out)
    for name in ("communes.csv", "observations.csv"):
        kept = [x for x in (d / name).read_text(encoding="utf-8").splitlines() if "@2025-07-01" not in x]
        (d / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    lines = (d / "communes.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[2] = DISTRICTS.get(cells[0], "" if cells[0] == "13630" else cells[2])
        out.append(",".join(cells))
    (d / "communes.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    ds = ntmlib.load_dataset(d)
    return ds, ntmlib.score(ds)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Same rows, columns and values (a large categorical may hold fewer unused categories)."""
    assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_categorical=False)


def test_each_part_is_its_districts_subset_and_restricted_dataset(three_districts):
    ds, card = three_districts
    c = ds.communes
    groups = {d: list(c.loc[c["district"].fillna("") == d, "commune_id"]) for d in ("Bắc", "Nam", "Lý Nhân", "")}
    assert [len(g) for g in groups.values()] == [3, 2, 15, 1]
    parts = dict(split_scorecard(card, groups))
    assert list(parts) == ["Bắc", "Nam", "Lý Nhân", ""]
    assert sum(len(p.indicators) for p in parts.values()) == len(card.indicators)
    for name, ids in groups.items():
        part, want, data = parts[name], card.subset(ids), ds.restrict(ids)
        for table in ("indicators", "criteria", "communes"):
            _same(getattr(part, table), getattr(want, table))
        for table in ("observations", "recognitions", "registrations"):
            _same(getattr(part.dataset, table), getattr(data, table))
        # every Lý Nhân commune is named by crosswalk.csv: each part keeps all 21 rows of communes.csv,
        # so that a report can name the predecessors of the new unit its commune belongs to
        _same(part.dataset.communes, ds.communes)
        assert part.provenance is card.provenance and part.sets is card.sets
        assert set(part.communes["commune_id"]) == set(ids) - {"13597"}  # the town is not scored
        places = part.indicators["source_place"]  # 3,821 places in all: only the part's own are kept
        assert set(places.cat.categories) == set(places.dropna())
    bac = parts["Bắc"].communes
    assert len(bac) == 3 * len(card.years) * card.communes.groupby(["commune_id", "year"]).size().iloc[0]


def test_large_categoricals_keep_only_the_categories_they_use():
    ids = pd.Categorical([f"x{i}" for i in range(1500)])
    sets = pd.Categorical(["a", "b", "c"] * 500, categories=["a", "b", "c", "d"])
    df = pd.DataFrame({"commune_id": ids, "set": sets})
    part = own_categories(df.iloc[[3, 1, 3]].reset_index(drop=True))
    assert list(part["commune_id"].cat.categories) == ["x1", "x3"]  # in the categories' own order
    assert list(part["commune_id"]) == ["x3", "x1", "x3"]
    assert list(part["set"].cat.categories) == ["a", "b", "c", "d"]  # a small vocabulary is kept whole


def test_batch_runs_read_their_own_districts_file(three_districts, tmp_path):
    ds, card = three_districts
    runs = batch.plan(ds, [2023])
    # the commune without a district reads the file of its province's communes without one
    assert sorted({r.district for r in runs}) == ["Bắc", "Lý Nhân", "Nam", "không huyện:Hà Nam", "tỉnh:Hà Nam"]
    files = batch.write_district_scores(card, runs, tmp_path)
    assert sorted(p.name for p in files.values()) == ["0000-bac.pkl", "0001-ly-nhan.pkl", "0002-nam.pkl",
                                                      "0003-khong-huyen-ha-nam.pkl", "tinh-0000-ha-nam.pkl"]
    # the province report's file: every commune of the province (the three districts and the one without)
    province = read_scorecard(files["tỉnh:Hà Nam"])
    hanam = set(ds.communes.loc[ds.communes["province"] == "Hà Nam", "commune_id"])
    assert set(province.communes["commune_id"].unique()) == hanam & set(card.communes["commune_id"])
    nam = read_scorecard(files["Nam"])
    assert sorted(nam.communes["commune_id"].unique()) == ["13576", "13579"]
    assert len(nam.dataset.communes) == 21  # all named by the crosswalk
    assert len(nam.dataset.observations) == int(ds.observations["commune_id"].isin(["13576", "13579"]).sum())
    whole = card.communes[card.communes["commune_id"].isin(["13576", "13579"])]
    _same(nam.communes, whole)
    assert np.array_equal(nam.communes["criteria_met"].to_numpy(), whole["criteria_met"].to_numpy())
    # the district file is a small part of the whole: Nam holds 2 of 21 units
    assert files["Nam"].stat().st_size < files["Lý Nhân"].stat().st_size / 3
    # the file of the units without a district keeps the crosswalk rows of their own units only: Hòa Hậu
    # (13630) became Nam Lý (13627@2025-07-01) with Phú Phúc and Tiến Thắng; the communes.csv rows named there
    alone = read_scorecard(files["không huyện:Hà Nam"])
    assert sorted(alone.communes["commune_id"].unique()) == ["13630"]
    assert sorted(alone.dataset.crosswalk["old_commune_id"]) == ["13621", "13627", "13630"]
    assert set(alone.dataset.crosswalk["key"]) == {"13627@2025-07-01"} and len(ds.crosswalk) == 21
    assert sorted(alone.dataset.communes["commune"]) == ["Hòa Hậu", "Phú Phúc", "Tiến Thắng"]


def _outputs(nb) -> list:
    """Each cell's outputs as text, times left out (the scores' provenance says when they were made)."""
    return [re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)? ?[A-Z+0-9:]*", "TIME",
                   json.dumps([{k: v for k, v in o.items() if k != "metadata"} for o in c.get("outputs", [])],
                              ensure_ascii=False)) for c in nb.cells]


@pytest.mark.slow
def test_a_report_from_its_districts_file_equals_one_from_the_whole_scores(three_districts, tmp_path):
    ds, card = three_districts
    whole = write_scorecard(card, tmp_path / "whole.pkl")
    runs = [r for r in batch.plan(ds, [2023]) if r.target in ("13576", "Nam")]
    files = batch.write_district_scores(card, runs, tmp_path / "parts")
    assert sorted(r.stem for r in runs) == ["2023/huyen-nam", "2023/xa-chan-ly-13576"]
    for r in runs:
        params = dict(r.params, dataset=str(ds.path))
        from_whole = runner.run_report(r.kind, dict(params, scores=str(whole)))
        from_part = runner.run_report(r.kind, dict(params, scores=str(files[r.district])))
        assert _outputs(from_part) == _outputs(from_whole)
        assert "Chân Lý" in json.dumps(_outputs(from_part), ensure_ascii=False)
    runner.stop_warm_kernel()


@pytest.mark.slow
def test_a_2026_report_from_its_provinces_file_equals_one_from_the_whole_scores(tmp_path):
    """Without districts (2026) a unit's report reads its province's file (its units without a
    district, the crosswalk rows of those units): the same report as from the whole scores, map included."""
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    c = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
    c.loc[c["commune_id"].isin(["13591@2025-07-01", "13594@2025-07-01"]), "province"] = "Hà Nam"  # a second province
    c.to_csv(d / "communes.csv", index=False)
    ds = ntmlib.load_dataset(d)
    card = ntmlib.score(ds)
    whole = write_scorecard(card, tmp_path / "whole.pkl")
    runs = [r for r in batch.plan(ds, [2026]) if r.kind == "commune"]
    assert sorted({r.district for r in runs}) == ["không huyện:Hà Nam", "không huyện:Ninh Bình"]
    files = batch.write_district_scores(card, runs, tmp_path / "parts")
    assert sorted(p.name for p in files.values()) == ["0000-khong-huyen-ha-nam.pkl", "0001-khong-huyen-ninh-binh.pkl"]
    for r in [r for r in runs if r.target in ("13579@2025-07-01", "13591@2025-07-01")]:  # Bắc Lý, Nam Xang
        params = dict(r.params, dataset=str(ds.path))
        from_whole = runner.run_report(r.kind, dict(params, scores=str(whole)))
        from_part = runner.run_report(r.kind, dict(params, scores=str(files[r.district])))
        assert _outputs(from_part) == _outputs(from_whole)  # the trends' note too: the unit's own years
        shown = json.dumps(_outputs(from_part), ensure_ascii=False)
        assert (r.label in shown) and ("Trần Thương" in shown) == (r.target == "13591@2025-07-01")  # its province's map
    runner.stop_warm_kernel()


def test_the_trends_note_counts_the_communes_own_years_whatever_scores_it_reads():
    """A new commune of 2025 has results for 2026 alone: its note says so whether its report reads the
    whole dataset's scores (2022–2026) or its province's file (2026); an older commune's note gives
    the years it has, up to the report's."""
    from ntmlib.present.views import commune_report

    new = commune_report(LY_NHAN, "13579@2025-07-01", 2026)  # Bắc Lý, scored with the sample's three years
    assert new.card.years == [2022, 2023, 2026]
    assert new.trends_note() == "Chỉ có số liệu một năm: chưa có xu hướng."
    old = commune_report(LY_NHAN, "13567", 2023)  # Hợp Lý
    assert ", 2022–2023. " in old.trends_note()
    assert ", 2022–2022. " not in commune_report(LY_NHAN, "13567", 2022).trends_note()
    assert commune_report(LY_NHAN, "13567", 2022).trends_note() == "Chỉ có số liệu một năm: chưa có xu hướng."


def test_a_communes_trends_and_changes_from_its_own_results_equal_those_from_the_whole_card(three_districts):
    """CommuneReport works on the commune's own results (own_card): the same tables as from its
    whole district's or dataset's card."""
    from ntmlib.analysis import aggregate, trends
    from ntmlib.present.views import CommuneReport

    ds, card = three_districts
    changes = aggregate.year_change(card)
    for cid in ("13567", "13585", "13618", "13630"):
        r = CommuneReport(ds, card, cid, 2023)
        assert r.own_card.years == card.years == [2022, 2023]
        _same(r.trend_table, trends.trends(card.upto(2023), communes=[cid]))
        mine = changes[(changes["commune_id"] == cid) & (changes["year_to"] == 2023)]
        assert len(r.changes()) == len(mine) == 3  # one row per set
        own = aggregate.year_change(r.own_card)
        _same(own, changes[changes["commune_id"] == cid])


@pytest.mark.parametrize("district, communes", [
    ("Bắc", 3),
    # the same checks over Lý Nhân's 14 assessed communes (the town is not assessed): a minute of reports
    pytest.param("Lý Nhân", 14, marks=pytest.mark.slow),
])
def test_a_districts_file_carries_its_trends_and_reports_read_the_same_tables_from_it(three_districts, tmp_path,
                                                                                        district, communes):
    """The batch works out the trends once per district and year; a commune's or district's
    report takes its rows from the file, identical (dtypes and categories too) to computing them."""
    from ntmlib.analysis import trends
    from ntmlib.present.views import commune_report, district_report
    from ntmlib.scoring.cache import read_batch_scores

    ds, card = three_districts
    runs = [r for r in batch.plan(ds, [2022, 2023]) if r.district in ("Bắc", district)]
    files = batch.write_district_scores(card, runs, tmp_path)
    part, shared = read_batch_scores(files["Bắc"])
    assert sorted(shared) == [2022, 2023]
    assert set(shared[2023]["commune_id"]) == {"13567", "13570", "13573"}
    assert_frame_equal(shared[2023], trends.trends(part.upto(2023)))
    compared = 0
    cids = sorted({r.target for r in runs if r.district == district and r.kind == "commune"})
    for year in (2022, 2023):
        for cid in cids:
            from_file = commune_report(ds.path, cid, year, scores=files[district])
            assert from_file.shared_trends is not None
            alone = trends.trends(card.subset([cid]).upto(year), communes=[cid])
            assert_frame_equal(from_file.trend_table, alone)
            assert len(alone) == len(card.indicators.query("commune_id == @cid and year == @year"))
            compared += 1
        d = district_report(ds.path, district, year, scores=files[district])
        assert_frame_equal(d.trend_table, trends.trends(card.upto(year).subset(cids)))
    assert compared == 2 * communes
    # a report for a year the file has no trends for works them out itself
    only_2023 = batch.write_district_scores(card, [r for r in runs if r.year == 2023], tmp_path / "2023")
    r = commune_report(ds.path, "13567", 2022, scores=only_2023["Bắc"])
    assert r.shared_trends is None
    assert_frame_equal(r.trend_table, trends.trends(card.subset(["13567"]).upto(2022), communes=["13567"]))


def _fake_render(log):
    def execute_run(run, out_dir, formats, isolate=False):
        log.append(("run", run["stem"]))
        return {"stem": run["stem"], "status": "ok", "error": None, "outputs": [], "duration": 0.0}
    return execute_run


def test_a_districts_reports_start_once_its_file_is_written_not_after_every_file(three_districts, tmp_path,
                                                                                    monkeypatch):
    ds, _ = three_districts
    log = []
    real_write = batch.write_scorecard
    monkeypatch.setattr(batch, "write_scorecard", lambda part, path, shared: (
        log.append(("file", path.name)), real_write(part, path, shared))[1])
    monkeypatch.setattr(batch, "execute_run", _fake_render(log))
    res = batch.run_batch(ds, years=[2023], out=tmp_path, jobs=1, progress=False, kinds=("commune",),
                          communes=["13567", "13570", "13573", "13576", "13579"])
    assert res.ok and res.executed == 5
    stem = {r.target: r.stem for r in batch.plan(ds, [2023])}
    assert log == [("file", "0000-bac.pkl"), ("run", stem["13567"]), ("run", stem["13570"]), ("run", stem["13573"]),
                   ("file", "0001-nam.pkl"), ("run", stem["13576"]), ("run", stem["13579"])]


@pytest.mark.slow
def test_a_scores_file_that_cannot_be_written_keeps_the_reports_already_finished(three_districts, tmp_path,
                                                                                  monkeypatch):
    """The second district's file fails (a full disk): the first district's reports, already sent to
    the workers, finish and are in the manifest; the error reaches the caller."""
    from ntmlib.errors import OutputError

    ds, _ = three_districts
    real_write = batch.write_scorecard

    def write(part, path, shared):
        if path.name.startswith("0001"):
            raise OutputError(Problem(str(path), "không ghi được tệp: ổ đĩa đầy"))
        return real_write(part, path, shared)

    monkeypatch.setattr(batch, "write_scorecard", write)
    with pytest.raises(OutputError, match="ổ đĩa đầy"):
        batch.run_batch(ds, years=[2023], out=tmp_path, jobs=2, progress=False, kinds=("commune",),
                        communes=["13567", "13570", "13573", "13576", "13579"], formats=("html",))
    runs = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["runs"]
    bac = sorted(r.stem for r in batch.plan(ds, [2023]) if r.target in ("13567", "13570", "13573"))
    assert sorted((r["stem"], r["status"]) for r in runs) == [(s, "ok") for s in bac]
    assert sorted(f"2023/{p.name}" for p in (tmp_path / "2023").iterdir()) == [f"{s}.html" for s in bac]
    # run again once the disk has room: only the other district's reports are rendered
    monkeypatch.setattr(batch, "write_scorecard", real_write)
    res = batch.run_batch(ds, years=[2023], out=tmp_path, jobs=1, progress=False, kinds=("commune",),
                          communes=["13567", "13570", "13573", "13576", "13579"], formats=("html",))
    assert res.ok and (res.executed, res.skipped) == (2, 3)
    runner.stop_warm_kernel()
