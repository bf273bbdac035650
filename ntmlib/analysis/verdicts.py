"""What a commune's results mean, per criteria set: its state (set_states, the one rule every page
uses: reached and recognised, reached by the results, recognised but not maintained, not reached,
undecided for want of a threshold, or no data) and why (the criteria missing, or the prerequisite
tier); the
commune's next steps to its next tier; and how many of the thresholds behind the verdicts are
provisional."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..criteria.criteria_set import CriteriaSet
from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import STATES as TEXT_STATES
from ..text import error_text, tier_rank
from .trends import trends

STATES = TEXT_STATES  # the one vocabulary: ntmlib.text.states
ROW_COLUMNS = ["set", "tier", "criterion", "criterion_name", "indicator", "indicator_name", "unit", "rule", "value",
               "number", "threshold", "threshold_text", "gap", "status", "provisional", "arrow", "rate",
               "projected_year"]


@dataclass(frozen=True)
class Verdict:
    """One set's verdict for one commune and year."""

    set_id: str
    tier: str
    criteria_met: int
    criteria_total: int
    indicators_met: int
    indicators_total: int
    no_data: int
    state: str  # one of STATES
    missing: tuple[tuple[str, str], ...]  # (code, name) of the criteria not met or without data
    prerequisite: str  # the tier this set requires, when that is what is missing; else ''
    no_threshold: tuple[str, ...] = ()  # codes of the indicators with a value but no threshold that year
    region: str = ""  # the commune's region (the thresholds depend on it)
    year: int = 0

    @property
    def reached(self) -> bool:
        return self.state in ("maintained", "reached")


def result_state(met, no_threshold: int = 0) -> str:
    """A result as 'met', 'not_met', 'no_threshold' (undecided: a value has no threshold) or
    'no_data' (None, NA or NaN)."""
    if met is None or met is pd.NA or (isinstance(met, float) and np.isnan(met)):
        return "no_threshold" if no_threshold else "no_data"
    return "met" if bool(met) else "not_met"


def scored_rows(card: Scorecard, year, set_id: str) -> tuple[CriteriaSet, int, pd.DataFrame]:
    """The set, the year and the communes-table rows of that set and year, checked: a clear
    ParameterError for a set or year not scored."""
    card.require_set(set_id)
    y = card.require_year(year)
    c = card.communes
    rows = c[(c["year"] == y) & (c["set"] == set_id)].reset_index(drop=True)
    if rows.empty:
        raise ParameterError(Problem(error_text("criteria_set_asked"), error_text("set_not_scored_in", set=set_id,
                                                                                   year=y)))
    return card.sets[set_id], y, rows


def scored_row(card: Scorecard, commune_id: str, year, set_id: str) -> tuple[CriteriaSet, int, pd.Series]:
    """The set, the year and one commune's communes-table row of that set and year, checked:
    a clear ParameterError naming some of the communes scored when it is not among them."""
    s, y, rows = scored_rows(card, year, set_id)
    cid = str(commune_id)
    row = rows[rows["commune_id"] == cid]
    if row.empty:
        ids = ", ".join(rows["commune_id"].head(12)) + (", …" if len(rows) > 12 else "")
        raise ParameterError(Problem(error_text("commune_asked"), error_text("no_commune_code", commune=cid, year=y,
                                                                              have=ids)))
    return s, y, row.iloc[0]


def criterion_results(card: Scorecard, year: int, set_id: str, commune_id: str | None = None) -> dict:
    """(commune_id, criterion) -> (state, indicators met, indicators total) in one set and year,
    for one commune or all."""
    c = card.criteria
    keep = (c["year"] == year) & (c["set"] == set_id)
    if commune_id is not None:
        keep &= c["commune_id"] == commune_id
    c = c[keep]
    return {(cid, code): (result_state(m, k), int(n), int(t)) for cid, code, m, k, n, t in zip(
        c["commune_id"], c["criterion"], c["met"], c["no_threshold"], c["indicators_met"], c["indicators_total"])}


def criterion_changes(card: Scorecard, commune_id: str, set_id: str, year: int, previous_year) -> dict | None:
    """criterion -> 'gained' (not met, then met) or 'lost' (met, then not met) between
    `previous_year` and `year`; None if the previous year was not scored. No data in either
    year is no change, as in aggregate.year_change."""
    if previous_year is None or str(previous_year) not in map(str, card.years):
        return None
    c = card.criteria
    c = c[(c["commune_id"] == commune_id) & (c["set"] == set_id)]
    before, now = (c[c["year"] == int(y)] for y in (previous_year, year))
    if before.empty:
        return None
    before = dict(zip(before["criterion"], before["met"]))
    out = {}
    for code, met in zip(now["criterion"], now["met"]):
        was, is_ = result_state(before.get(code)), result_state(met)
        if {was, is_} == {"met", "not_met"}:
            out[code] = "gained" if is_ == "met" else "lost"
    return out


def set_states(rows: pd.DataFrame) -> pd.Series:
    """The state of each row of the communes table (one commune, year and set), the one rule every
    page and document uses (its words: ntmlib.text.states): reached and recognised 'maintained';
    reached by the results only 'reached'; else 'undecided' when some value has no threshold,
    'no_data' when nothing failed but some value is missing, 'lapsed' when recognised and
    'not_reached' otherwise. A set whose criteria are all met but whose prerequisite tier is not
    reached is decided: not reached (or lapsed). A commune not recognised at the tier and without a
    single value that year in any set of `rows` is 'no_data' whatever its prerequisite (its data
    have not arrived): pass the rows of every set scored for it, not one set's."""
    reaches = rows["reaches"].to_numpy(dtype=bool)
    recognised = rows["recognised"].to_numpy(dtype=bool)
    all_met = rows["criteria_met"].to_numpy() == rows["criteria_total"].to_numpy()
    blocked = ~reaches & all_met & ~rows["prerequisite_met"].to_numpy(dtype=bool)
    undecided = rows["undecided"].to_numpy(dtype=bool) & ~blocked
    total = rows["indicators_total"].to_numpy()
    empty = pd.Series((rows["no_data"].to_numpy() == total) & (total > 0), index=rows.index)
    keys = [k for k in ("commune_id", "year") if k in rows.columns]
    if keys:  # not a single value in any set of the commune's year
        empty = empty.groupby([rows[k].astype(str).to_numpy() for k in keys]).transform("all")
    empty = empty.to_numpy(dtype=bool) & ~recognised
    unknown = rows["set_met"].isna().to_numpy() & (rows["prerequisite_met"].to_numpy(dtype=bool) | empty)
    state = np.select([reaches & recognised, reaches, undecided, unknown, recognised],
                      ["maintained", "reached", "undecided", "no_data", "lapsed"], "not_reached")
    return pd.Series(state, index=rows.index, name="state")


def states(card: Scorecard, year: int) -> pd.DataFrame:
    """One row per commune and tier scored in `year`: commune_id, commune, set, tier, state."""
    c = card.communes
    c = c[c["year"] == int(year)]
    return pd.DataFrame({"commune_id": c["commune_id"].astype(str), "commune": c["commune"], "set": c["set"],
                         "tier": c["tier"].astype(str), "state": set_states(c)}).reset_index(drop=True)


def headline_states(card: Scorecard, year: int) -> pd.DataFrame:
    """One row per commune scored in `year` (commune_id, tier, state, reached, undecided): the
    state a map marker or a list line shows for the whole commune. A lapsed tier comes first (the
    highest lapsed); else the highest tier reached, maintained or reached; else the lowest tier's
    state (not reached, undecided or no data). `reached` is the highest tier reached ('' for
    none); `undecided` the lowest tier above it that could not be decided ('' for none)."""
    s = states(card, year)
    s["rank"] = s["tier"].astype(str).map(tier_rank)
    t = s.sort_values("rank", kind="stable")  # one pass over the table, not one per commune
    first = t.drop_duplicates("commune_id").set_index("commune_id")  # the lowest tier, in the order of communes
    lapsed = t[t["state"] == "lapsed"].drop_duplicates("commune_id", keep="last").set_index("commune_id")
    reached = t[t["state"].isin(["maintained", "reached"])].drop_duplicates("commune_id", keep="last").set_index(
        "commune_id")
    ids = first.index
    pick = first[["tier", "state"]].copy()
    for rows in (reached, lapsed):  # a lapsed tier first, else the highest reached, else the lowest tier
        have = ids.isin(rows.index)
        pick.loc[have, ["tier", "state"]] = rows.loc[ids[have], ["tier", "state"]].to_numpy()
    top = pd.Series(ids.map(reached["tier"]), index=ids, dtype=object).fillna("").astype(str)
    top_rank = pd.Series(ids.map(reached["rank"]), index=ids).fillna(-1)
    und = t[t["state"] == "undecided"]
    und = und[und["rank"].to_numpy() > und["commune_id"].map(top_rank).to_numpy()].drop_duplicates("commune_id")
    above = pd.Series(ids.map(und.set_index("commune_id")["tier"]), index=ids, dtype=object).fillna("").astype(str)
    return pd.DataFrame({"commune_id": ids.to_numpy(), "tier": pick["tier"].to_numpy(),
                         "state": pick["state"].to_numpy(), "reached": top.to_numpy(), "undecided": above.to_numpy()})


def commune_verdicts(card: Scorecard, commune_id: str, year: int) -> list[Verdict]:
    """The verdict of every set scored for `commune_id` in `year`, lowest tier first."""
    rows = card.commune(commune_id, year)
    crit = card.criteria
    crit = crit[(crit["commune_id"] == commune_id) & (crit["year"] == year)]
    ind = card.indicators
    ind = ind[(ind["commune_id"] == commune_id) & (ind["year"] == year) & (ind["status"] == "no_threshold")]
    region = ""
    if card.dataset is not None:
        c = card.dataset.communes
        hit = c.loc[c["commune_id"] == commune_id, "region"]
        region = str(hit.iloc[0]) if len(hit) else ""
    failing: dict = {}  # per set, the criteria not met or without data, and the indicators without a threshold
    for sid, code, met in zip(crit["set"], crit["criterion"], crit["met"].fillna(False).astype(bool)):
        if not met:
            failing.setdefault(sid, []).append(str(code))
    no_threshold: dict = {}
    for sid, code in zip(ind["set"], ind["indicator"]):
        no_threshold.setdefault(sid, []).append(str(code))
    out = []
    columns = ("set", "tier", "criteria_met", "criteria_total", "indicators_met", "indicators_total", "no_data",
               "reaches")
    for (sid, tier, c_met, c_total, i_met, i_total, no_data, reaches), state in zip(
            zip(*(rows[k] for k in columns)), set_states(rows)):  # a few columns, not itertuples' every one
        s = card.sets[sid]
        missing = tuple((c, s.criterion(c).name) for c in failing.get(sid, ()))
        prerequisite = (s.requires or "") if (not bool(reaches) and not missing) else ""
        out.append(Verdict(sid, tier, int(c_met), int(c_total), int(i_met), int(i_total), int(no_data), state,
                           missing, prerequisite, tuple(no_threshold.get(sid, ())), region, int(year)))
    return sorted(out, key=lambda v: tier_rank(v.tier))


def provisional_count(card: Scorecard, year: int, communes=None, sets=None) -> tuple[int, int]:
    """(provisional, judged): of the indicator results behind the verdicts of `year` (those with a
    result, for these communes and sets), how many rest on a threshold the set marks provisional."""
    ind = card.indicators
    ind = ind[(ind["year"] == year) & ind["met"].notna()]
    if communes is not None:
        ind = ind[ind["commune_id"].isin([str(c) for c in communes])]
    if sets is not None:
        ind = ind[ind["set"].isin(list(sets))]
    flags = provisional_flags(card)
    judged = pd.Series(list(zip(ind["set"], ind["indicator"])), dtype=object)
    return int(judged.map(flags).fillna(False).sum()), len(ind)


def provisional_flags(card: Scorecard) -> dict:
    """(set, indicator) -> True when the set marks that indicator's threshold provisional."""
    return {(s.id, i.code): i.confidence == "provisional" for s in card.sets.values() for i in s.indicators}


def next_target(verdicts: list[Verdict]) -> Verdict | None:
    """The lowest tier the commune does not reach (None when it reaches every set scored)."""
    return next((v for v in verdicts if not v.reached), None)


def next_steps(card: Scorecard, commune_id: str, year: int, trend_table=None) -> pd.DataFrame:
    """What the commune must do to reach its next tier: every indicator not met or without data
    in that tier's set and in the sets it requires that are not met either (lowest tier first),
    with value, threshold, gap, unit, whether the threshold is provisional, the recent trend and
    the year the threshold would be reached at the recent rate. Empty when every tier is reached."""
    target = next_target(commune_verdicts(card, commune_id, year))
    if target is None:
        return pd.DataFrame(columns=ROW_COLUMNS)
    return indicator_rows(card, commune_id, year, required_sets(card, target.set_id), trend_table)


def required_sets(card: Scorecard, set_id: str) -> list[str]:
    """`set_id` and the scored sets of the tiers it requires, one after another (nâng cao, then
    NTM): the sets whose unmet indicators are a commune's next steps to that set's tier."""
    chain, sid, scored = [], set_id, set(card.communes["set"])
    while sid is not None:
        chain.append(sid)
        req = card.sets[sid].requires
        sid = next((s.id for s in card.sets.values() if s.tier == req and s.id in scored), None) if req else None
    return chain


def indicator_rows(card: Scorecard, commune_id: str, year: int, set_ids, trend_table=None) -> pd.DataFrame:
    """The indicators of these sets that the commune does not meet or has no data for in `year`,
    lowest tier first and in each set's order, with the names, unit, provisional flag, recent
    trend (arrow, rate per year) and projected year the reports show. `trend_table` is
    ntmlib.analysis.trends.trends() up to `year` when already computed (a district report has it)."""
    rows = unmet_rows(card, year, [(commune_id, s) for s in set_ids], trend_table)
    return rows[ROW_COLUMNS]


def unmet_rows(card: Scorecard, year: int, wanted, trend_table=None) -> pd.DataFrame:
    """indicator_rows() of many communes at once: `wanted` lists (commune id, set id) pairs; the
    rows come commune by commune in the order the communes first appear there, each as
    indicator_rows() gives it, with a `commune_id` column first.

    Columns: commune_id, set, tier, criterion, criterion_name, indicator, indicator_name, unit,
    rule, value (as written), number, threshold, threshold_text, gap, status, provisional, arrow,
    rate, projected_year."""
    wanted = [(str(c), str(s)) for c, s in wanted]
    order = {c: n for n, c in enumerate(dict.fromkeys(c for c, _ in wanted))}
    ind = card.indicators
    ind = ind[(ind["year"] == year) & ind["commune_id"].isin(list(order)) & ~ind["met"].fillna(False).astype(bool)]
    pairs = set(wanted)  # the rows' keys looked up in sets and dicts: a report's rows are few, an index costs more
    rows = ind[np.fromiter(((str(c), str(s)) in pairs for c, s in zip(ind["commune_id"], ind["set"])), bool, len(ind))]
    if trend_table is None:
        trend_table = trends(card.upto(year), communes=list(order))
    tr = trend_table[trend_table["commune_id"].isin(list(order))]
    key = ["commune_id", "set", "indicator"]
    at = {k: n for n, k in enumerate(zip(*(map(str, tr[k]) for k in key)))}  # each trend's row
    info = {(s.id, i.code): (s.tier, n, i.confidence == "provisional")
            for s in card.sets.values() for n, i in enumerate(s.indicators)}
    meta = [info[k] for k in zip(map(str, rows["set"]), map(str, rows["indicator"]))]
    found = tr[["arrow", "rate", "projected_year"]].reset_index(drop=True).reindex(  # -1: no trend, a row of NA
        [at.get(k, -1) for k in zip(*(map(str, rows[k]) for k in key))])
    rows = rows.assign(tier=[m[0] for m in meta], provisional=[m[2] for m in meta],
                       arrow=found["arrow"].to_numpy(), rate=found["rate"].to_numpy(),
                       projected_year=found["projected_year"].array if len(found) else pd.array([], dtype="Int64"))
    rows["_order"] = [(order[str(c)], tier_rank(m[0]), m[1]) for c, m in zip(rows["commune_id"], meta)]
    rows = rows.sort_values("_order", kind="stable")
    return card.typed(rows[["commune_id"] + ROW_COLUMNS].reset_index(drop=True))
