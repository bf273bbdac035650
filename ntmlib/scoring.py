"""Scoring: one vectorised pass over communes × years × indicators of every set asked for."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .dataset import Dataset, load_dataset
from .errors import DataError, Problem
from .framework import TIERS, CriteriaSet, load_set
from .readers import lines_text
from .values import parse_values, value_message

NO_THRESHOLD = "không có ngưỡng"
MEASURE_PRIORITY = 1000  # observations named by measure lose to those naming the set


@dataclass
class Scorecard:
    """Tidy results of one scoring pass.

    indicators: one row per commune × year × set × indicator (value, rule, threshold,
    threshold_basis, met, gap, assessed); criteria: one row per criterion; communes: one
    row per commune × year × set with the counts and the tier reached.
    """

    indicators: pd.DataFrame
    criteria: pd.DataFrame
    communes: pd.DataFrame
    sets: dict[str, CriteriaSet]
    dataset: Dataset | None = field(default=None, repr=False)

    def subset(self, commune_ids) -> "Scorecard":
        """The same results restricted to some communes (e.g. one district of a province)."""
        ids = set(commune_ids)
        pick = lambda df: df[df["commune_id"].isin(ids)].reset_index(drop=True)  # noqa: E731
        return Scorecard(pick(self.indicators), pick(self.criteria), pick(self.communes), self.sets, self.dataset)

    def commune(self, commune_id: str, year: int) -> pd.DataFrame:
        """The communes-table rows of one commune and year (one per set)."""
        c = self.communes
        return c[(c["commune_id"] == commune_id) & (c["year"] == year)]


def _as_sets(sets, dataset: Dataset, years: list[int]) -> list[CriteriaSet]:
    if sets is None:
        out: list[CriteriaSet] = []
        for y in years:
            out += [s for s in dataset.sets_for(y) if s.id not in {o.id for o in out}]
        if not out:
            raise DataError(Problem("dataset.yaml", f"không có bộ tiêu chí nào cho năm {', '.join(map(str, years))}"))
    else:
        if isinstance(sets, (str, CriteriaSet)):
            sets = [sets]
        out = [s if isinstance(s, CriteriaSet) else load_set(s, dataset.framework_dir) for s in sets]
    return sorted(out, key=lambda s: TIERS.index(s.tier))


def indicator_catalogue(sets: list[CriteriaSet]) -> pd.DataFrame:
    frames = []
    for s in sets:
        t = s.indicator_table()[["set", "criterion", "group", "indicator", "rule", "measure", "unit"]]
        t["order"] = range(len(t))
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def observation_keys(sets: list[CriteriaSet], cat: pd.DataFrame) -> pd.DataFrame:
    """(obs_set, obs_indicator) -> (set, indicator, priority): own set first, then ancestors, then measure."""
    frames = []
    for s in sets:
        mine = cat[cat["set"] == s.id]
        for depth, ancestor in enumerate(s.lineage):
            frames.append(pd.DataFrame({"obs_set": ancestor, "obs_indicator": mine["indicator"],
                                        "set": s.id, "indicator": mine["indicator"], "priority": depth}))
        by_measure = mine[mine["measure"] != ""]
        frames.append(pd.DataFrame({"obs_set": "", "obs_indicator": by_measure["measure"], "set": s.id,
                                    "indicator": by_measure["indicator"], "priority": MEASURE_PRIORITY}))
    return pd.concat(frames, ignore_index=True)


def _observations(dataset: Dataset, sets, cat, years) -> pd.DataFrame:
    obs = dataset.observations
    obs = obs[obs["year"].isin(years)]
    keys = observation_keys(sets, cat)
    m = obs.rename(columns={"set": "obs_set", "indicator": "obs_indicator"}).merge(
        keys, on=["obs_set", "obs_indicator"], how="inner")
    m = m.sort_values(["priority", "line"], kind="stable")
    best = m.groupby(["commune_id", "year", "set", "indicator"], sort=False)["priority"].transform("min")
    m = m[m["priority"] == best]
    key = ["commune_id", "year", "set", "indicator"]
    clash = m[m.duplicated(key, keep=False)]
    if len(clash):
        clash = clash[clash.groupby(key)["value"].transform("nunique") > 1]
    if len(clash):
        name = dataset.files["observations"].name
        problems = [
            Problem(name, f"giá trị trùng lặp khác nhau cho xã {k[0]}, năm {k[1]}, chỉ tiêu {k[3]} "
                          f"({lines_text(list(g['place']))})", *dataset.locate("observations", g["place"].iloc[0], "value"))
            for k, g in clash.groupby(key, sort=False)
        ]
        raise DataError(problems)
    return m.drop_duplicates(key)[key + ["value", "line", "place"]]


def _thresholds(sets: list[CriteriaSet]) -> pd.DataFrame:
    frames = []
    for s in sets:
        for ind in s.indicators:
            if ind.threshold is not None:
                t = ind.threshold.table()
                t["set"], t["indicator"] = s.id, ind.code
                t["rank"] = range(len(t))
                frames.append(t)
    cols = ["set", "indicator", "region", "year", "group", "value", "basis", "rank"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def _apply_thresholds(grid: pd.DataFrame, thr: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Threshold value and basis for each grid row: the most specific matching entry wins."""
    value = np.full(len(grid), np.nan)
    basis = np.full(len(grid), NO_THRESHOLD, dtype=object)
    best = np.full(len(grid), np.iinfo(np.int64).max)
    keys = grid[["set", "indicator", "region", "year_key", "commune_group"]].reset_index(drop=True)
    keys["row"] = np.arange(len(keys))
    for pattern, part in thr.groupby([thr["region"] == "*", thr["year"] == "*", thr["group"] == "*"]):
        on = ["set", "indicator"] + [c for c, wild in zip(("region", "year_key", "commune_group"), pattern) if not wild]
        right = part.rename(columns={"year": "year_key", "group": "commune_group"})[on + ["value", "basis", "rank"]]
        hit = keys[on + ["row"]].merge(right, on=on, how="inner")
        rows, rank = hit["row"].to_numpy(), hit["rank"].to_numpy()
        better = rank < best[rows]
        rows = rows[better]
        value[rows], basis[rows], best[rows] = hit["value"].to_numpy()[better], hit["basis"].to_numpy()[better], rank[better]
    return value, basis


def _rollup(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Count met / not met / no data per group and combine: False wins over NA, NA over True."""
    met = df["met"]
    counts = pd.DataFrame({
        "n_true": met.eq(True).fillna(False).astype(int), "n_false": met.eq(False).fillna(False).astype(int),
        "n_na": met.isna().astype(int),
    })
    g = pd.concat([df[by], counts], axis=1).groupby(by, sort=False, observed=True).sum().reset_index()
    result = pd.array(np.where(g["n_false"] > 0, False, True), dtype="boolean")
    result[(g["n_false"] == 0).to_numpy() & (g["n_na"] > 0).to_numpy()] = pd.NA
    g["met"] = result
    return g


def score(dataset: Dataset | str | Path, sets: Iterable | str | CriteriaSet | None = None,
          year: int | Iterable[int] | None = None) -> Scorecard:
    """Score every assessed commune of `dataset` against `sets` for `year` (all years if None).

    `sets` are ids, paths or CriteriaSet objects; by default the sets dataset.yaml names for
    each year. Returns a Scorecard.
    """
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    years = ds.years if year is None else ([int(year)] if isinstance(year, (int, np.integer, str)) else
                                           [int(y) for y in year])
    missing = [y for y in years if y not in ds.years]
    if missing:
        raise DataError(Problem(ds.files["observations"].name,
                                f"không có số liệu năm {', '.join(map(str, missing))} "
                                f"(có: {', '.join(map(str, ds.years))})"))
    set_list = _as_sets(sets, ds, years)
    for s in set_list:
        outside = [y for y in years if not s.covers(y)]
        if outside:
            raise DataError(Problem(s.id, f"năm {', '.join(map(str, outside))} nằm ngoài giai đoạn "
                                          f"{s.period[0]}–{s.period[1]} của bộ tiêu chí"))

    cat = indicator_catalogue(set_list)
    communes = ds.communes[ds.communes["assessed"]].rename(columns={"group": "commune_group"})
    grid = (communes[["commune_id", "region", "commune_group"]]
            .merge(pd.DataFrame({"year": years}), how="cross")
            .merge(cat, how="cross"))
    grid = grid.merge(_observations(ds, set_list, cat, years), on=["commune_id", "year", "set", "indicator"],
                      how="left")
    grid["year_key"] = grid["year"].astype(str)
    grid["value"] = grid["value"].fillna("")
    grid["place"] = grid["place"].fillna("")

    parsed = parse_values(grid["value"], unit=grid["unit"], rule=grid["rule"])
    rule = grid["rule"].to_numpy()
    numeric = np.isin(rule, [">=", "<="])
    bad = (parsed["kind"] == "bad").to_numpy()
    if bad.any():
        name = ds.files["observations"].name
        rows = grid[bad]
        raise DataError([
            Problem(name, value_message(v, i, s, pr, u), *ds.locate("observations", pl, "value"))
            for v, i, s, pr, u, pl in zip(rows["value"], rows["indicator"], rows["set"], parsed["problem"][bad],
                                          rows["unit"], rows["place"])
        ])

    thr_value, thr_basis = _apply_thresholds(grid, _thresholds(set_list))
    number = parsed["number"].to_numpy()
    flag = parsed["flag"]
    is_verdict = parsed["is_verdict"].to_numpy()
    has_number = ~np.isnan(number)
    has_thr = ~np.isnan(thr_value)

    met = pd.array([pd.NA] * len(grid), dtype="boolean")
    ge, le = rule == ">=", rule == "<="
    with np.errstate(invalid="ignore"):
        met[ge & has_number & has_thr] = (number >= thr_value)[ge & has_number & has_thr]
        met[le & has_number & has_thr] = (number <= thr_value)[le & has_number & has_thr]
    verdict_rows = numeric & is_verdict
    met[verdict_rows] = flag[verdict_rows]
    yes, absent = rule == "yes", rule == "absent"
    flag_known = flag.notna().to_numpy()
    met[yes & flag_known] = flag[yes & flag_known]
    met[yes & has_number] = number[yes & has_number] == 1
    # absent: "không" / 0 means none found (met); a verdict "đạt" also means met
    met[absent & flag_known & ~is_verdict] = ~flag[absent & flag_known & ~is_verdict]
    met[absent & flag_known & is_verdict] = flag[absent & flag_known & is_verdict]
    met[absent & has_number] = number[absent & has_number] == 0

    gap = np.where(ge, number - thr_value, np.where(le, thr_value - number, np.nan))
    grid["threshold"] = np.where(numeric, thr_value, np.nan)
    grid["threshold_basis"] = np.where(numeric, thr_basis, "")
    grid["met"] = met
    grid["gap"] = np.where(numeric & has_number, gap, np.nan)
    grid["assessed"] = verdict_rows
    grid["number"] = number

    indicators = grid[["commune_id", "year", "set", "group", "criterion", "indicator", "value", "number", "rule",
                       "threshold", "threshold_basis", "met", "gap", "assessed", "line", "place"]].reset_index(drop=True)
    indicators = indicators.rename(columns={"line": "source_line", "place": "source_place"})
    indicators["source_line"] = indicators["source_line"].astype("Int64")

    crit = _rollup(indicators, ["commune_id", "year", "set", "group", "criterion"])
    crit = crit.rename(columns={"n_true": "indicators_met"})
    crit["indicators_total"] = crit["indicators_met"] + crit["n_false"] + crit["n_na"]
    criteria = crit[["commune_id", "year", "set", "group", "criterion", "met", "indicators_met",
                     "indicators_total"]].assign(no_data=crit["n_na"])

    per_set = _rollup(criteria, ["commune_id", "year", "set"]).rename(
        columns={"n_true": "criteria_met", "met": "set_met"})
    per_set["criteria_total"] = per_set["criteria_met"] + per_set["n_false"] + per_set["n_na"]
    ind_counts = criteria.groupby(["commune_id", "year", "set"], sort=False)[
        ["indicators_met", "indicators_total", "no_data"]].sum().reset_index()
    out = (per_set.drop(columns=["n_false", "n_na"])
           .merge(ind_counts, on=["commune_id", "year", "set"])
           .merge(communes[["commune_id", "commune"]], on="commune_id"))
    out["tier"] = out["set"].map({s.id: s.tier for s in set_list})
    out = _tiers(out, ds, set_list)
    cols = ["commune_id", "commune", "year", "set", "tier", "criteria_met", "criteria_total", "indicators_met",
            "indicators_total", "no_data", "set_met", "prerequisite_met", "recognised", "reaches",
            "tier_reached", "tier_recognised"]
    return Scorecard(indicators, criteria, out[cols].reset_index(drop=True), {s.id: s for s in set_list}, ds)


def recognised_tiers(dataset: Dataset, years: list[int]) -> pd.DataFrame:
    """For each commune × year × tier: whether a recognition at that tier is held by that year.

    A recognition with no year (year unknown) counts as held in every year. A recognition at a
    tier also holds every tier below it (a kiểu mẫu commune holds nâng cao and NTM).
    """
    rec = dataset.recognitions[["commune_id", "tier", "year"]]
    rank = {t: n for n, t in enumerate(TIERS)}
    lower = pd.DataFrame([(t, u) for t in TIERS for u in TIERS if rank[u] <= rank[t]], columns=["tier", "held"])
    rec = rec.merge(lower, on="tier").drop(columns="tier").rename(columns={"held": "tier"})
    rows = rec.merge(pd.DataFrame({"eval_year": years}), how="cross")
    rows = rows[rows["year"].isna() | (rows["year"] <= rows["eval_year"])]
    held = rows[["commune_id", "eval_year", "tier"]].drop_duplicates().rename(columns={"eval_year": "year"})
    held["recognised"] = True
    return held


def _tiers(out: pd.DataFrame, ds: Dataset, sets: list[CriteriaSet]) -> pd.DataFrame:
    held = recognised_tiers(ds, sorted(out["year"].unique()))
    out = out.merge(held, on=["commune_id", "year", "tier"], how="left")
    out["recognised"] = out["recognised"].fillna(False).astype(bool)
    key = ["commune_id", "year"]
    reached: dict[str, pd.Series] = {}
    out["prerequisite_met"] = True
    out["reaches"] = False
    for s in sets:  # lowest tier first, so the prerequisite is known when needed
        rows = out["set"] == s.id
        idx = pd.MultiIndex.from_frame(out.loc[rows, key])
        if s.requires is None:
            pre = pd.Series(True, index=idx)
        elif s.requires in reached:
            pre = reached[s.requires].reindex(idx, fill_value=False)
        else:
            h = held[held["tier"] == s.requires].set_index(key)["recognised"]
            pre = h.reindex(idx, fill_value=False).astype(bool)
        reaches = out.loc[rows, "set_met"].fillna(False).to_numpy(bool) & pre.to_numpy(bool)
        out.loc[rows, "prerequisite_met"] = pre.to_numpy(bool)
        out.loc[rows, "reaches"] = reaches
        s_reached = pd.Series(reaches, index=idx)
        reached[s.tier] = (reached[s.tier] | s_reached) if s.tier in reached else s_reached
    out["prerequisite_met"] = out["prerequisite_met"].astype(bool)
    out["reaches"] = out["reaches"].astype(bool)
    rank = out["tier"].map({t: n for n, t in enumerate(TIERS)})
    out["tier_reached"] = _highest(out, rank.where(out["reaches"]), key)
    rec = held.assign(rank=held["tier"].map({t: n for n, t in enumerate(TIERS)}))
    best_rec = rec.groupby(key)["rank"].max().rename("rec_rank").reset_index()
    out = out.merge(best_rec, on=key, how="left")
    out["tier_recognised"] = out["rec_rank"].map(lambda r: TIERS[int(r)] if pd.notna(r) else "")
    return out.drop(columns="rec_rank")


def _highest(out: pd.DataFrame, rank: pd.Series, key: list[str]) -> pd.Series:
    best = rank.groupby([out[k] for k in key]).transform("max")
    return best.map(lambda r: TIERS[int(r)] if pd.notna(r) else "")
