"""The figures of a province's results for one year, as province offices publish them: how many
communes are at each state (overall and per commune group), how many meet each criterion, the
bands of criteria met, the communes nearest to the standard with their unmet values, the communes
that lapsed, one row per district for years that have districts, and where each new commune came
from (its predecessors' last results).

Every function reads one tier's set (by default the lowest tier scored that year: NTM) and the
communes of one province (all communes of the scores when `province` is None). The states are
those of `verdicts.set_states`, the one rule every page uses."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import STATES, error_text, tier_order
from . import reorg
from .aggregate import NO_DISTRICT, summary
from .verdicts import set_states

REACHING = ("maintained", "reached")  # the states that count as "đạt chuẩn"
COMMUNE_COLUMNS = ["commune_id", "commune", "district", "commune_group", "set", "tier", "state", "criteria_met",
                   "criteria_total", "indicators_met", "indicators_total", "no_data", "no_threshold"]
COUNT_COLUMNS = ["communes", *STATES, "reaching", "share"]
CRITERION_COLUMNS = ["criterion", "criterion_name", "communes", "met", "not_met", "no_threshold", "no_data",
                     "assessed", "share"]
BAND_COLUMNS = ["band", "low", "high", "communes", "share"]
NEAREST_COLUMNS = ["commune_id", "commune", "commune_group", "state", "criteria_met", "criteria_total",
                   "indicators_met", "indicators_total", "criterion", "criterion_name", "indicator",
                   "indicator_name", "unit", "rule", "value", "number", "threshold", "threshold_text", "gap"]
ORIGIN_COLUMNS = ["new_commune_id", "new_commune", "effective", "commune_id", "commune", "district", "assessed",
                  "year", "tier", "criteria_met", "criteria_total", "indicators_met", "indicators_total",
                  "tier_reached", "tier_recognised"]


def tiers_scored(card: Scorecard, year: int) -> list[str]:
    """The tiers scored in `year`, lowest first."""
    y = card.require_year(year)
    found = card.communes.loc[card.communes["year"] == y, "tier"].astype(str).unique()
    return sorted(found, key=tier_order)


def _set_of(card: Scorecard, year: int, tier: str | None) -> tuple[str, str]:
    """(set id, tier) scored in `year` for `tier` (the lowest tier scored when None)."""
    tiers = tiers_scored(card, year)
    tier = tiers[0] if tier is None else str(tier)
    c = card.communes
    sets = c.loc[(c["year"] == int(year)) & (c["tier"].astype(str) == tier), "set"].astype(str).unique()
    if not len(sets):
        raise ParameterError(Problem(error_text("tier_asked"),
                                     error_text("no_tier", tier=tier, tiers=", ".join(tiers))))
    return str(sets[0]), tier


def communes(card: Scorecard, year: int, province: str | None = None, tier: str | None = None) -> pd.DataFrame:
    """One row per commune of `province` scored in `year` at `tier`: its name, district ('' when
    none), commune group, state and counts met, in the order of communes.csv.

    Columns: commune_id, commune, district, commune_group, set, tier, state, criteria_met,
    criteria_total, indicators_met, indicators_total, no_data, no_threshold."""
    y = card.require_year(year)
    set_id, tier = _set_of(card, y, tier)
    c = card.communes
    c = c[(c["year"] == y) & (c["set"].astype(str) == set_id)]
    if province is not None:
        c = c[c["commune_id"].astype(str).isin(card.dataset.area_communes(province=province))]
    places = card.dataset.communes.drop_duplicates("commune_id")
    places = places.set_index(places["commune_id"].astype(str))
    ids = c["commune_id"].astype(str)
    out = c.assign(state=set_states(c),
                   district=ids.map(places["district"]).fillna("").astype(str) if "district" in places else "",
                   commune_group=(ids.map(places["commune_group"]).fillna("").astype(str)
                                  if "commune_group" in places else ""))
    order = {cid: n for n, cid in enumerate(places.index)}
    out = out.assign(_o=ids.map(order)).sort_values("_o", kind="stable")
    return out[COMMUNE_COLUMNS].reset_index(drop=True)


def _counts(states: pd.Series) -> dict:
    n = len(states)
    row = {"communes": n, **{s: int((states == s).sum()) for s in STATES}}
    row["reaching"] = row["maintained"] + row["reached"]
    row["share"] = row["reaching"] / n if n else np.nan
    return row


def state_counts(card: Scorecard, year: int, province: str | None = None, tier: str | None = None,
                 by: str | None = None) -> pd.DataFrame:
    """Communes at each state (the six of ntmlib.text.states) at `tier` in `year`, with `reaching`
    (maintained + reached: "đạt chuẩn") and its share of the communes. One row for the whole
    province, or with `by="commune_group"` (or "district") one row per group, in their order
    (communes without a group: ''), and the province's row last with NA as its group.

    Columns: [by,] communes, maintained, reached, lapsed, not_reached, undecided, no_data, reaching,
    share."""
    t = communes(card, year, province, tier)
    rows = []
    if by is not None:
        keys = sorted(t[by].unique(), key=lambda k: (k == "", k))
        rows = [{by: k, **_counts(t.loc[t[by] == k, "state"])} for k in keys]
        rows.append({by: pd.NA, **_counts(t["state"])})
    else:
        rows = [_counts(t["state"])]
    out = pd.DataFrame(rows, columns=([by] if by else []) + COUNT_COLUMNS)
    for col in ("communes", *STATES, "reaching"):
        out[col] = out[col].astype("Int64")
    return out


def criterion_counts(card: Scorecard, year: int, province: str | None = None, tier: str | None = None) -> pd.DataFrame:
    """Per criterion of the tier's set: how many of the province's communes meet it ("78/181 xã đạt
    tiêu chí 3. Giao thông"), fail it, cannot be decided for want of a threshold or have no data;
    `share` is met / communes. Sorted by share, highest first, then by criterion order.

    Columns: criterion, criterion_name, communes, met, not_met, no_threshold, no_data, assessed
    (met + not_met), share."""
    t = communes(card, year, province, tier)
    set_id = str(t["set"].iloc[0]) if len(t) else _set_of(card, year, tier)[0]
    cs = card.sets[set_id]
    cr = card.criteria
    cr = cr[(cr["year"] == int(year)) & (cr["set"].astype(str) == set_id)
            & cr["commune_id"].astype(str).isin(set(t["commune_id"].astype(str)))]
    met = cr["met"]
    state = np.where(met.isna(), np.where(cr["no_threshold"].to_numpy() > 0, "no_threshold", "no_data"),
                     np.where(met.fillna(False).astype(bool), "met", "not_met"))
    got = pd.crosstab(cr["criterion"].astype(str), state)
    rows = []
    for n, crit in enumerate(cs.criteria):
        code = str(crit.code)
        r = {k: int(got.at[code, k]) if code in got.index and k in got.columns else 0
             for k in ("met", "not_met", "no_threshold", "no_data")}
        rows.append({"criterion": code, "criterion_name": crit.name, "communes": len(t), **r,
                     "assessed": r["met"] + r["not_met"], "share": r["met"] / len(t) if len(t) else np.nan, "_n": n})
    out = pd.DataFrame(rows, columns=[*CRITERION_COLUMNS, "_n"])
    out = out.sort_values(["share", "_n"], ascending=[False, True], kind="stable").drop(columns="_n")
    for col in ("communes", "met", "not_met", "no_threshold", "no_data", "assessed"):
        out[col] = out[col].astype("Int64")
    return out.reset_index(drop=True)


def band_edges(total: int) -> list[tuple[int, int]]:
    """The bands of criteria met for a set of `total` criteria, highest first: all of them; at
    least 80 %; at least half; fewer (10 criteria: 10, 8–9, 5–7, 0–4; 19: 19, 16–18, 10–15, 0–9)."""
    top, half = math.ceil(0.8 * total), math.ceil(0.5 * total)
    edges = [(total, total), (top, total - 1), (half, top - 1), (0, half - 1)]
    return [(lo, hi) for lo, hi in edges if lo <= hi]


def criteria_bands(card: Scorecard, year: int, province: str | None = None, tier: str | None = None) -> pd.DataFrame:
    """Communes by the number of criteria they meet, in the bands of band_edges(); communes
    without data (state no_data with nothing met or failed) are left out and counted by
    state_counts(). `band` is "10", "8–9", …; `share` is of the communes banded.

    Columns: band, low, high, communes, share."""
    t = communes(card, year, province, tier)
    t = t[t["no_data"] < t["indicators_total"]]
    total = int(t["criteria_total"].max()) if len(t) else int(
        len(card.sets[_set_of(card, year, tier)[0]].criteria))
    rows = []
    for lo, hi in band_edges(total):
        n = int(t["criteria_met"].between(lo, hi).sum())
        rows.append({"band": str(lo) if lo == hi else f"{lo}–{hi}", "low": lo, "high": hi, "communes": n,
                     "share": n / len(t) if len(t) else np.nan})
    out = pd.DataFrame(rows, columns=BAND_COLUMNS)
    out["communes"] = out["communes"].astype("Int64")
    return out


def nearest(card: Scorecard, year: int, province: str | None = None, tier: str | None = None,
            limit: int = 10, gaps: int = 3) -> pd.DataFrame:
    """The communes nearest to the tier's standard (not reaching it, undecided included, most
    criteria then most indicators met first; at most `limit` communes), each with its `gaps`
    largest unmet values in their units ("tỷ lệ nghèo đa chiều 9,5 % (yêu cầu ≤ 8 %)"): one row
    per unmet indicator, largest relative gap first, yes/no indicators after the numeric ones.

    Columns: commune_id, commune, commune_group, state, criteria_met, criteria_total,
    indicators_met, indicators_total, criterion, criterion_name, indicator, indicator_name, unit,
    rule, value, number, threshold, threshold_text, gap."""
    t = communes(card, year, province, tier)
    t = t[~t["state"].isin(REACHING) & (t["no_data"] < t["indicators_total"])]
    t = t.sort_values(["criteria_met", "indicators_met"], ascending=False, kind="stable").head(limit)
    if t.empty:
        return pd.DataFrame(columns=NEAREST_COLUMNS)
    set_id = str(t["set"].iloc[0])
    ind = card.indicators
    ind = ind[(ind["year"] == int(year)) & (ind["set"].astype(str) == set_id)
              & ind["commune_id"].astype(str).isin(set(t["commune_id"].astype(str)))
              & ind["met"].eq(False).fillna(False)]
    long = card.long(ind)
    thr = pd.to_numeric(long["threshold"], errors="coerce")
    size = (long["gap"].astype(float).abs() / thr.abs().where(thr.abs() > 0)).fillna(np.inf)
    size = size.where(long["number"].notna() & thr.notna(), -1.0)  # yes/no and absent values after numeric ones
    long = long.assign(_size=size, commune_id=long["commune_id"].astype(str))
    long = long.sort_values("_size", ascending=False, kind="stable").groupby("commune_id", sort=False).head(gaps)
    head = t.assign(commune_id=t["commune_id"].astype(str))[
        ["commune_id", "commune", "commune_group", "state", "criteria_met", "criteria_total", "indicators_met",
         "indicators_total"]]
    out = head.merge(long.drop(columns=["commune"]), on="commune_id", how="left", sort=False)
    order = {c: n for n, c in enumerate(head["commune_id"])}
    out = out.assign(_o=out["commune_id"].map(order), _s=out["_size"].fillna(-2))
    out = out.sort_values(["_o", "_s"], ascending=[True, False], kind="stable")
    return out[NEAREST_COLUMNS].reset_index(drop=True)


def lapsed(card: Scorecard, year: int, province: str | None = None) -> pd.DataFrame:
    """The communes recognised at a tier whose results no longer reach it in `year`, at every tier
    scored: the rows of communes() whose state is lapsed, lowest tier first."""
    parts = [communes(card, year, province, t) for t in tiers_scored(card, year)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COMMUNE_COLUMNS)
    return out[out["state"] == "lapsed"].reset_index(drop=True)


def districts(card: Scorecard, year: int, province: str | None = None, tier: str | None = None) -> pd.DataFrame:
    """One row per district of `province` in `year` at `tier` (aggregate.summary at district level);
    empty when none of the province's communes that year has a district (after 1 July 2025)."""
    set_id, _ = _set_of(card, year, tier)
    s = summary(card.subset(communes(card, year, province, tier)["commune_id"].astype(str)), "district")
    s = s[(s["year"] == int(year)) & (s["set"].astype(str) == set_id) & (s["district"] != NO_DISTRICT)]
    return s.reset_index(drop=True)


def origins(card: Scorecard, year: int, province: str | None = None) -> pd.DataFrame:
    """For each new commune of `province` scored in `year` (a unit of the crosswalk), its
    predecessors and their last results before it was formed, at the lowest tier scored then:
    the year, the counts met and the tiers reached and recognised. A predecessor without results
    has NA there. New communes in crosswalk order, predecessors in communes.csv order.

    Columns: new_commune_id, new_commune, effective, commune_id, commune, district, assessed, year,
    tier, criteria_met, criteria_total, indicators_met, indicators_total, tier_reached,
    tier_recognised."""
    ds = card.dataset
    if ds.crosswalk is None or ds.crosswalk.empty:
        return pd.DataFrame(columns=ORIGIN_COLUMNS)
    here = set(communes(card, year, province)["commune_id"].astype(str))
    links = reorg.predecessor_table(ds)
    links = links[links["key"].astype(str).isin(here)]
    if links.empty:
        return pd.DataFrame(columns=ORIGIN_COLUMNS)
    h = reorg.history_table(card, list(links["key"].unique()))
    first = h["effective"].str[:4].astype(int)  # the first year of the new commune
    before = (h["year"] < first) | ((h["year"] == first) & (h["effective"].str[5:] != "01-01"))
    h = h[before & h["set"].notna()]
    h = h.assign(_r=h["tier"].astype(str).map(tier_order))
    h = h.sort_values(["year", "_r"], ascending=[False, True], kind="stable")
    last = h.drop_duplicates(["key", "commune_id"])  # the last year, its lowest tier
    base = links[["key", "new_commune_id", "new_commune", "effective", "commune_id", "commune", "district",
                  "assessed"]].assign(commune_id=links["commune_id"].astype(str))
    cols = ["year", "tier", "criteria_met", "criteria_total", "indicators_met", "indicators_total", "tier_reached",
            "tier_recognised"]
    out = base.merge(last.assign(commune_id=last["commune_id"].astype(str))[["key", "commune_id", *cols]],
                     on=["key", "commune_id"], how="left", sort=False)
    out["year"] = out["year"].astype("Int64")
    return card.typed(out[ORIGIN_COLUMNS].reset_index(drop=True))
