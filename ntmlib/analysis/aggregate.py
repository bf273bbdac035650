"""District and province tables computed from a Scorecard: status, distributions, most-failed
criteria, maintenance alerts, readiness for the next tier, and year-over-year change."""
from __future__ import annotations

import pandas as pd

from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import TIERS, error_text, tier_order, tier_rank
from ..text.formats import KNOWN_TIERS
from ..text.states import STATE_SHORT

LEVELS = ("district", "province", "region", "commune_group")
NO_DISTRICT = "(không thuộc huyện)"  # communes without a district, e.g. those formed after 1/7/2025


def require_tier(tier: str, tiers=TIERS) -> str:
    """`tier`, if it is a known tier (ntm, nang-cao, kieu-mau, hien-dai) or one of `tiers` (the
    tiers a card scored); else a ParameterError listing them."""
    tiers = tuple(dict.fromkeys((*KNOWN_TIERS, *tiers)))
    if tier not in tiers:
        raise ParameterError(Problem(error_text("tier_asked"),
                                     error_text("no_tier", tier=tier, tiers=", ".join(tiers))))
    return tier


def card_tiers(card, year: int | None = None) -> tuple[str, ...]:
    """The tiers of the sets a card scored (in `year` when given), lowest first: its part of the ladder."""
    c = card.communes if year is None else card.communes[card.communes["year"] == year]
    return tuple(sorted(set(c["tier"].astype(str)), key=tier_order))


def _with_place(card: Scorecard, df: pd.DataFrame) -> pd.DataFrame:
    """`df` with each commune's district, province, region and commune group; a missing or empty
    district becomes NO_DISTRICT and the others '', so that no groupby drops those communes."""
    cols = [c for c in ("district", "province", "region", "commune_group") if c in card.dataset.communes.columns]
    out = df.merge(card.dataset.communes[["commune_id", *cols]], on="commune_id", how="left")
    for col in ("district", "province", "region", "commune_group"):
        out[col] = out[col].fillna("") if col in out.columns else ""
    out["district"] = out["district"].replace("", NO_DISTRICT)
    return out


COUNTS = ["communes", "reaching", "not_reaching", "undecided", "without_data", "recognised", "with_data"]


def summary(card: Scorecard, level: str = "district") -> pd.DataFrame:
    """Per district (or province, region, commune_group), year and set: communes assessed and
    how their set results split — reaching the set's tier, not reaching it (a criterion failed,
    or the tier below not held), undecided (a value has no threshold for its year and region,
    nothing failed) and without_data (nothing failed, some data missing); these four add up to
    `communes`. Beside them: recognised at the tier, with_data (communes with at least one value
    in the set), the averages of criteria and indicators met over those communes only, no_data
    (indicator results without data, summed) and the ranges of criteria and indicators met over
    the communes with data (as "14–15"; "" when none has data). Counts are nullable integers
    (Int64), so a pivot keeps them whole. Communes
    without a district (formed after the 2025 reorganisation) count in their province; at
    district level they form one row whose district is NO_DISTRICT.

    Columns: province, district (or the level asked), year, set, tier, communes, reaching,
    not_reaching, undecided, without_data, recognised, with_data, criteria_total,
    indicators_total, criteria_mean, indicators_mean, no_data, criteria_range, indicators_range."""
    if level not in LEVELS:
        raise ParameterError(Problem(error_text("level_asked"), error_text(
            "no_level", level=level, a=", ".join(LEVELS[:-1]), b=LEVELS[-1])))
    c = _with_place(card, card.communes)
    reaches = c["reaches"].astype(bool)
    undecided = c["undecided"].astype(bool) & ~reaches
    without = c["set_met"].isna() & ~undecided & ~reaches
    data = c["no_data"] < c["indicators_total"]
    c = c.assign(not_reaching=~(reaches | undecided | without), undecided=undecided, without_data=without,
                 with_data=data, _cm=c["criteria_met"].where(data), _im=c["indicators_met"].where(data))
    keys = ["province", "district"] if level == "district" else [level]
    g = c.groupby(keys + ["year", "set", "tier"], sort=False, dropna=False, observed=True)
    out = g.agg(
        communes=("commune_id", "size"),
        reaching=("reaches", "sum"),
        not_reaching=("not_reaching", "sum"),
        undecided=("undecided", "sum"),
        without_data=("without_data", "sum"),
        recognised=("recognised", "sum"),
        with_data=("with_data", "sum"),
        criteria_total=("criteria_total", "max"),
        indicators_total=("indicators_total", "max"),
        criteria_mean=("_cm", "mean"),
        indicators_mean=("_im", "mean"),
        no_data=("no_data", "sum"),
        criteria_lo=("_cm", "min"),
        criteria_hi=("_cm", "max"),
        indicators_lo=("_im", "min"),
        indicators_hi=("_im", "max"),
    ).reset_index()
    for name in ("criteria", "indicators"):  # "14" when all equal, else "14–15"; "" when no commune has data
        lo, hi = out.pop(f"{name}_lo"), out.pop(f"{name}_hi")
        out[f"{name}_range"] = ["" if pd.isna(a) else f"{a:.0f}" if a == b else f"{a:.0f}–{b:.0f}"
                                for a, b in zip(lo, hi)]
    out["criteria_mean"] = out["criteria_mean"].round(2)
    out["indicators_mean"] = out["indicators_mean"].round(2)
    for col in [*COUNTS, "criteria_total", "indicators_total", "no_data"]:
        out[col] = out[col].astype("Int64")
    return card.typed(out)


def criteria_distribution(card: Scorecard) -> pd.DataFrame:
    """How many communes meet each number of criteria, per year and set (0 rows omitted). A
    commune without any value in the set is not counted at 0 criteria: those communes make one
    last row of their year and set, with criteria_met empty (<NA>) and the label "Chưa có số liệu".

    Columns: year, set, criteria_met, criteria_total, communes, label ('17/19')."""
    c = card.communes
    data = c["no_data"] < c["indicators_total"]
    keys = ["year", "set", "criteria_met", "criteria_total"]
    out = c[data].groupby(keys, sort=True, observed=True).size().rename("communes").reset_index()
    out["label"] = [f"{m}/{t}" for m, t in zip(out["criteria_met"], out["criteria_total"])]
    none = c[~data].groupby(["year", "set", "criteria_total"], sort=True, observed=True).size()
    none = none.rename("communes").reset_index().assign(criteria_met=pd.NA, label=STATE_SHORT["vi"]["no_data"])
    out = pd.concat([out, none[out.columns]], ignore_index=True) if len(none) else out
    out["criteria_met"] = out["criteria_met"].astype("Int64")
    out["communes"] = out["communes"].astype("int64")
    return card.typed(out.sort_values(["year", "set", "criteria_met"], ascending=[True, True, False],
                                      na_position="last").reset_index(drop=True))


def most_failed(card: Scorecard, by: str = "criterion") -> pd.DataFrame:
    """Criteria (or indicators, by="indicator") ranked by how many communes fail them, per
    year and set, with their group and Vietnamese name; no-data results are not failures.

    Columns: year, set, group, criterion (or indicator), failed, communes, name, group_name."""
    table = card.criteria if by == "criterion" else card.indicators
    keys = ["year", "set", "group", "criterion"] + (["indicator"] if by == "indicator" else [])
    failed = table["met"].eq(False).fillna(False)
    t = table.assign(failed=failed.astype(int), assessed_n=table["met"].notna().astype(int))
    out = t.groupby(keys, sort=False).agg(failed=("failed", "sum"), communes=("assessed_n", "sum")).reset_index()
    out = out[out["failed"] > 0]
    out["name"] = [_name(card, s, c, i) for s, c, i in zip(
        out["set"], out["criterion"], out["indicator"] if by == "indicator" else [None] * len(out))]
    out["group_name"] = [card.sets[s].groups.get(g, {}).get("name", "") for s, g in zip(out["set"], out["group"])]
    return out.sort_values(["year", "set", "failed"], ascending=[True, True, False],
                           kind="stable").reset_index(drop=True)


def failed_groups(card: Scorecard, year: int, set_id: str, communes: list[str] | None = None) -> pd.DataFrame:
    """Criteria groups ranked by failed indicators among `communes` (all if None).

    Columns: group, failed, communes, group_name."""
    year = card.require_year(year)
    card.require_set(set_id)
    ind = card.indicators
    ind = ind[(ind["year"] == year) & (ind["set"] == set_id)]
    if communes is not None:
        ind = ind[ind["commune_id"].isin(communes)]
    ind = ind[ind["met"].eq(False).fillna(False)]
    out = ind.groupby("group", sort=False).agg(failed=("indicator", "size"),
                                               communes=("commune_id", "nunique")).reset_index()
    out["group_name"] = out["group"].map(lambda g: card.sets[set_id].groups.get(g, {}).get("name", "")).astype(str)
    return out.sort_values("failed", ascending=False, kind="stable").reset_index(drop=True)


def _name(card: Scorecard, set_id: str, criterion: str, indicator: str | None) -> str:
    s = card.sets[set_id]
    if indicator is None:
        return s.criterion(criterion).name
    return next(i.name for i in s.indicators if i.code == indicator)


FAILING_COLUMNS = ["criterion", "criterion_name", "indicator", "indicator_name", "rule", "unit", "value", "number",
                   "threshold", "threshold_text", "gap", "status"]


def failing_indicators(card: Scorecard, commune_id: str, year: int, set_id: str) -> pd.DataFrame:
    """The indicators a commune does not meet (or has no data for) in one set and year.

    Columns: criterion, criterion_name, indicator, indicator_name, rule, unit, value (as written),
    number, threshold, threshold_text, gap, status ('not_met', 'no_threshold' or 'no_data')."""
    ind = card.indicators
    rows = ind[(ind["commune_id"] == commune_id) & (ind["year"] == year) & (ind["set"] == set_id)
               & ~ind["met"].fillna(False).astype(bool)]
    return rows[FAILING_COLUMNS].reset_index(drop=True)


def _alerting(card: Scorecard, exact: bool) -> pd.Series:
    """Which rows of the communes table are alerts: recognised at the set's tier (exactly at it with
    `exact`, else at it or a higher one) and failing at least one criterion."""
    c = card.communes
    keep = c["recognised"].astype(bool) & c["set_met"].eq(False).fillna(False).astype(bool)
    if exact:
        keep &= (c["tier_recognised"] == c["tier"]).fillna(False).astype(bool)
    return keep


def maintenance_alerts(card: Scorecard, exact: bool = True) -> pd.DataFrame:
    """Communes recognised at a tier whose results in a year no longer meet that tier's set
    (at least one criterion failed, not merely missing data), with the indicators they fail.
    `exact` (the default, as the bulletin counts) keeps communes recognised exactly at the set's
    tier; exact=False also those recognised at a higher one (a kiểu mẫu commune failing NTM).

    Columns: commune_id, commune, year, set, tier, criteria_met, criteria_total, indicators_met,
    indicators_total, no_data, failing_codes (comma-joined), failing (a table per row, as
    failing_indicators() gives it; failing_long() is the same as one row per failing indicator)."""
    c = card.communes
    alerts = c[_alerting(card, exact)].copy()
    ind = card.indicators
    bad = ind[~ind["met"].fillna(False).astype(bool)]  # one pass over the results, then one group per alert
    groups = dict(iter(bad.groupby(["commune_id", "year", "set"], observed=True, sort=False))) if len(alerts) else {}
    alerts["failing"] = [groups.get((cid, y, s), bad.iloc[:0])[FAILING_COLUMNS].reset_index(drop=True)
                         for cid, y, s in zip(alerts["commune_id"], alerts["year"], alerts["set"])]
    alerts["failing_codes"] = [", ".join(f["indicator"].astype(str)) for f in alerts["failing"]]
    cols = ["commune_id", "commune", "year", "set", "tier", "criteria_met", "criteria_total", "indicators_met",
            "indicators_total", "no_data", "failing_codes", "failing"]
    return alerts[cols].reset_index(drop=True)


def readiness(card: Scorecard, tier: str = "nang-cao", year: int | None = None) -> pd.DataFrame:
    """Communes not yet recognised at `tier`, ranked by how close they are.

    Closeness counts what the tier's set still misses and what its prerequisite set (NTM for
    nâng cao) misses, when that set was scored too: criteria missing first, then indicators
    missing, then the summed relative shortfall of the numeric indicators not met (0.05 = 5 %
    below a threshold).

    Columns: rank, commune_id, commune, year, set, tier_recognised, criteria_met, criteria_total,
    indicators_met, indicators_total, criteria_missing, indicators_missing, prerequisite_criteria_missing,
    prerequisite_indicators_missing, shortfall, missing (codes, comma-joined)."""
    require_tier(tier, card_tiers(card))
    c = card.communes
    if year is not None:
        c = c[c["year"] == card.require_year(year)]
    target = c[c["tier"] == tier]
    held = target["tier_recognised"].astype(object)
    holds = held.map(lambda t: isinstance(t, str) and tier_rank(t) >= tier_rank(tier)).astype(bool)
    cand = target[~holds].copy()
    requires = {s.requires for s in card.sets.values() if s.tier == tier} - {None}
    pre = c[c["tier"].isin(requires)][["commune_id", "year", "criteria_total", "criteria_met", "indicators_total",
                                       "indicators_met"]]
    pre = pre.assign(prerequisite_criteria_missing=pre["criteria_total"] - pre["criteria_met"],
                     prerequisite_indicators_missing=pre["indicators_total"] - pre["indicators_met"])
    cand = cand.merge(pre[["commune_id", "year", "prerequisite_criteria_missing", "prerequisite_indicators_missing"]],
                      on=["commune_id", "year"], how="left")
    for col in ("prerequisite_criteria_missing", "prerequisite_indicators_missing"):
        cand[col] = cand[col].fillna(0).astype(int)
    ind = card.indicators
    short = ind[ind["met"].eq(False).fillna(False) & ind["gap"].notna() & (ind["threshold"] != 0)]
    short = short.assign(rel=(-short["gap"] / short["threshold"].abs()).clip(lower=0))
    rel = short.groupby(["commune_id", "year", "set"])["rel"].sum().rename("shortfall")
    cand = cand.merge(rel.reset_index(), on=["commune_id", "year", "set"], how="left")
    cand["shortfall"] = cand["shortfall"].fillna(0.0).round(4)
    cand["criteria_missing"] = cand["criteria_total"] - cand["criteria_met"]
    cand["indicators_missing"] = cand["indicators_total"] - cand["indicators_met"]
    cand["_c"] = cand["criteria_missing"] + cand["prerequisite_criteria_missing"]
    cand["_i"] = cand["indicators_missing"] + cand["prerequisite_indicators_missing"]
    cand = cand.sort_values(["year", "set", "_c", "_i", "shortfall", "commune"], kind="stable").reset_index(drop=True)
    cand["rank"] = cand.groupby(["year", "set"]).cumcount() + 1
    cand["missing"] = [", ".join(failing_indicators(card, cid, y, s)["indicator"])
                       for cid, y, s in zip(cand["commune_id"], cand["year"], cand["set"])]
    cols = ["rank", "commune_id", "commune", "year", "set", "tier_recognised", "criteria_met", "criteria_total",
            "indicators_met", "indicators_total", "criteria_missing", "indicators_missing",
            "prerequisite_criteria_missing", "prerequisite_indicators_missing", "shortfall", "missing"]
    return cand[cols]


def criterion_changes_long(card: Scorecard) -> pd.DataFrame:
    """The year-to-year change as a long table: one row per commune × set × criterion whose
    result changed between consecutive scored years (no data in either year is no change).

    Columns: commune_id, commune, set, criterion, criterion_name, year_from, year_to,
    change ("gained": not met, then met; "lost": met, then not met)."""
    crit = card.criteria
    years = sorted(crit["year"].unique())
    parts = []
    for prev, cur in zip(years, years[1:]):
        key = ["commune_id", "set", "criterion"]
        m = crit[crit["year"] == prev][key + ["met"]].merge(crit[crit["year"] == cur][key + ["met"]], on=key,
                                                             suffixes=("_prev", "_cur"))
        gained = m["met_prev"].eq(False).fillna(False).astype(bool) & m["met_cur"].eq(True).fillna(False).astype(bool)
        lost = m["met_prev"].eq(True).fillna(False).astype(bool) & m["met_cur"].eq(False).fillna(False).astype(bool)
        moved = gained | lost
        m = m[moved].assign(year_from=prev, year_to=cur, change=["gained" if g else "lost" for g in gained[moved]])
        parts.append(m[key + ["year_from", "year_to", "change"]])
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["commune_id", "set", "criterion", "year_from", "year_to", "change"])
    names = {(k, c.code): c.name for k, s in card.sets.items() for c in s.criteria}
    out.insert(3, "criterion_name", [names.get((str(a), str(b))) for a, b in zip(out["set"], out["criterion"])])
    communes = dict(zip(card.communes["commune_id"].astype(str), card.communes["commune"]))
    out.insert(1, "commune", out["commune_id"].astype(str).map(communes))
    return card.typed(out.reset_index(drop=True))


def failing_long(card: Scorecard, exact: bool = True) -> pd.DataFrame:
    """The maintenance alerts as a report-ready long table: one row per recognised commune ×
    year × set × indicator it fails (not met; no data is not a failure), with names, rule, unit,
    value as a number, threshold as a number and as text, and gap. `exact` as in
    maintenance_alerts(): by default only communes recognised exactly at the set's tier, as the
    bulletin counts them; exact=False adds those recognised at a higher tier.

    Columns: commune_id, commune, year, set, tier, tier_recognised, criterion, criterion_name,
    indicator, indicator_name, rule, unit, value (as written), number, threshold, threshold_text,
    gap, status."""
    c = card.communes[_alerting(card, exact)]
    keys = pd.MultiIndex.from_arrays([c["commune_id"].astype(str), c["year"], c["set"].astype(str)])
    ind = card.indicators
    ind = ind[ind["status"] == "not_met"]
    ind = ind[pd.MultiIndex.from_arrays([ind["commune_id"].astype(str), ind["year"],
                                         ind["set"].astype(str)]).isin(keys)]
    out = card.long(ind)
    rec = card.communes.drop_duplicates(["commune_id", "year"]).set_index(["commune_id", "year"])["tier_recognised"]
    at = pd.MultiIndex.from_arrays([out["commune_id"], out["year"]])
    out.insert(5, "tier_recognised", rec.reindex(at).to_numpy() if len(out) else rec.iloc[:0].to_numpy())
    return card.typed(out)


def year_change(card: Scorecard, years=None) -> pd.DataFrame:
    """Per commune and set, between consecutive scored years: criteria gained (not met, then
    met) and lost (met, then not met); counts are of criteria met in each year. One row per
    commune × set × pair of years; criterion_changes_long() is the same as one row per criterion.
    `years` are the years paired (by default those of card's results): a card cut to one commune
    gives that commune's rows of the whole card's table when given the whole card's years.

    Columns: commune_id, set, year_from, year_to, criteria_from, criteria_to, gained, lost
    (codes, comma-joined), commune, change (criteria_to − criteria_from)."""
    crit = card.criteria
    years = sorted(crit["year"].unique()) if years is None else sorted(years)
    rows = []
    for prev, cur in zip(years, years[1:]):
        a = crit[crit["year"] == prev][["commune_id", "set", "criterion", "met"]]
        b = crit[crit["year"] == cur][["commune_id", "set", "criterion", "met"]]
        if not set(a["set"].unique()) & set(b["set"].unique()):  # no set scored in both years (2025 → 2026),
            continue  # or no commune (a card of one commune formed in between): nothing to pair
        m = a.merge(b, on=["commune_id", "set", "criterion"], suffixes=("_prev", "_cur"))
        was = m["met_prev"].fillna(False).astype(bool)
        now = m["met_cur"].fillna(False).astype(bool)
        # a criterion without data in either year is neither gained nor lost
        m["gained"] = m["met_prev"].eq(False).fillna(False).astype(bool) & now
        m["lost"] = was & m["met_cur"].eq(False).fillna(False).astype(bool)
        for (cid, s), g in m.groupby(["commune_id", "set"], sort=False):
            rows.append({"commune_id": cid, "set": s, "year_from": prev, "year_to": cur,
                         "criteria_from": int(was[g.index].sum()), "criteria_to": int(now[g.index].sum()),
                         "gained": ", ".join(g.loc[g["gained"], "criterion"]),
                         "lost": ", ".join(g.loc[g["lost"], "criterion"])})
    out = pd.DataFrame(rows, columns=["commune_id", "set", "year_from", "year_to", "criteria_from", "criteria_to",
                                      "gained", "lost"])
    names = card.communes[["commune_id", "commune"]].drop_duplicates()
    out = out.merge(names, on="commune_id", how="left")
    out["change"] = out["criteria_to"] - out["criteria_from"]
    return card.typed(out)
