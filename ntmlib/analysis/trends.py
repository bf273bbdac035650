"""Trends across years: per commune, criteria set and indicator, which way the results move
(↑ improving, → stagnant, ↓ worsening, · no data), the recent rate of a numeric indicator and
the year its threshold would be reached at that rate.

Values are compared across years only within one criteria set, or between indicators of two
sets that declare the same `measure` (with the same rule and unit): that shared measure is
the sets' declared mapping. Results of sets without such a mapping are never compared; the
column `compared_via` says which comparison was made, or why none was.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..scoring.scorecard import Scorecard
from ..text import (
    DIRECTION_NAMES,
    SAME_SET,
    TREND_HEADERS,
    met_word,
    number_text,
    tier_rank,
)

ARROWS = {"improving": "↑", "stagnant": "→", "worsening": "↓", "no_data": "·"}
NUMERIC = (">=", "<=")
_EPS = 1e-9

COLUMNS = ["commune_id", "commune", "set", "tier", "criterion", "indicator", "name", "measure", "unit", "rule",
           "values", "year_from", "year_to", "value_from", "value_to", "met_from", "met_to", "rate", "direction",
           "arrow", "threshold", "met", "gap", "projected_year", "compared_via"]


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its categorical columns as plain values (text stays text, missing stays missing)."""
    cats = {c: df[c].cat.categories.dtype for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)}
    return df.astype(cats) if cats else df


def _catalogue(card: Scorecard) -> pd.DataFrame:
    frames = []
    for s in card.sets.values():
        t = s.indicator_table()[["set", "indicator", "name", "unit", "rule", "measure"]]
        frames.append(t.assign(tier=s.tier))
    return pd.concat(frames, ignore_index=True)


def series(card: Scorecard, communes=None) -> pd.DataFrame:
    """The values a trend compares: one row per commune × set × indicator × year, from the set
    itself (`source_set` = `set`) or, for years before the set was scored, from another set's
    indicator with the same measure, rule and unit (same tier preferred). `communes` restricts
    to some commune ids (a commune's series depends on its own results only).

    Columns: commune_id, year, set, tier, indicator, name, measure, unit, rule, value, number, met,
    source_set, source_indicator (where the value came from), threshold, gap (NA for a borrowed year)."""
    cat = _catalogue(card)
    ind = card.indicators[["commune_id", "year", "set", "indicator", "value", "number", "met", "threshold", "gap"]]
    if communes is not None:
        ind = ind[_among(ind["commune_id"], communes)]
    ind = plain(ind)
    own = ind.merge(cat, on=["set", "indicator"], how="left")
    own = own.assign(source_set=own["set"], source_indicator=own["indicator"])
    first = own.groupby(["commune_id", "set"])["year"].min().rename("first_year").reset_index()
    link = ["commune_id", "measure", "rule", "unit"]
    targets = (own[own["measure"] != ""].drop_duplicates(["commune_id", "set", "indicator"])
               [["commune_id", "set", "indicator", "tier"] + link[1:]].merge(first, on=["commune_id", "set"]))
    sources = own.loc[own["measure"] != "", ["commune_id", "year", "set", "indicator", "tier", "value", "number",
                                             "met"] + link[1:]].rename(
        columns={"set": "source_set", "indicator": "source_indicator", "tier": "source_tier"})
    b = targets.merge(sources, on=link, how="inner")
    b = b[(b["source_set"] != b["set"]) & (b["year"] < b["first_year"])]
    b = b.assign(_pref=(b["source_tier"] != b["tier"]).astype(int))
    b = (b.sort_values(["_pref", "source_set"], kind="stable")
         .drop_duplicates(["commune_id", "set", "indicator", "year"]))
    b = b.merge(cat[["set", "indicator", "name"]], on=["set", "indicator"], how="left")
    cols = ["commune_id", "year", "set", "tier", "indicator", "name", "measure", "unit", "rule", "value", "number",
            "met", "source_set", "source_indicator"]
    out = pd.concat([own[cols + ["threshold", "gap"]], b[cols]], ignore_index=True)
    out["met"] = out["met"].astype("boolean")
    return card.typed(out.sort_values(["commune_id", "set", "indicator", "year"], kind="stable").reset_index(drop=True))


def _among(ids: pd.Series, communes) -> np.ndarray:
    """Which rows of a commune_id column hold one of `communes` (compared as text)."""
    wanted = {str(c) for c in communes}
    if isinstance(ids.dtype, pd.CategoricalDtype):  # the categories compared, not every row
        return np.isin(ids.cat.codes.to_numpy(), np.flatnonzero(ids.cat.categories.astype(str).isin(wanted)))
    return ids.astype(str).isin(wanted).to_numpy()


def _value_text(rule: str, number: float, met) -> str:
    if rule in NUMERIC and not pd.isna(number):
        return number_text(number)
    return met_word(met)


def trends(card: Scorecard, communes=None) -> pd.DataFrame:
    """Per commune × set × indicator: values by year, direction and arrow (relative to the rule:
    for `<=` lower is better; for yes/no, met gained or lost), recent rate per year (numeric,
    between the last two years with a number), the latest threshold, result and gap, and the
    year the threshold would be reached at the recent rate (None when already met, moving
    away, flat or without a rate; the latest threshold is used, also for thresholds keyed by
year). `communes` restricts to some commune ids.

    Columns: commune_id, commune, set, tier, criterion, indicator, name, measure, unit, rule, values
    ('2021: 80 %; 2022: 85 %'), year_from, year_to, value_from, value_to, met_from, met_to, rate
    (per year), direction (improving, stagnant, worsening, no_data), arrow, threshold, met, gap,
    projected_year, compared_via (how years of other sets were compared)."""
    s = series(card, communes)
    key = ["commune_id", "set", "indicator"]
    base = s.groupby(key, sort=False).agg(
        tier=("tier", "first"), name=("name", "first"), measure=("measure", "first"), unit=("unit", "first"),
        rule=("rule", "first")).reset_index()

    # latest result of the set itself
    mine = s[s["source_set"] == s["set"]]
    last = mine.groupby(key, sort=False).tail(1).set_index(key)
    base = base.join(last[["threshold", "met", "gap"]], on=key)
    base = base.join(last["year"].rename("last_year"), on=key)

    # numeric change: last two years with a number
    num = s[s["rule"].isin(NUMERIC) & s["number"].notna()].groupby(key, sort=False).tail(2)
    n = num.groupby(key, sort=False).agg(y0=("year", "first"), y1=("year", "last"), v0=("number", "first"),
                                         v1=("number", "last"), k=("year", "size"))
    n = n[n["k"] == 2]
    # yes/no change (and numeric indicators without two numbers): last two years with a result
    flags = s[s["met"].notna()].groupby(key, sort=False).tail(2)
    f = flags.groupby(key, sort=False).agg(fy0=("year", "first"), fy1=("year", "last"), m0=("met", "first"),
                                           m1=("met", "last"), fk=("year", "size"))
    f = f[f["fk"] == 2]
    base = base.join(n[["y0", "y1", "v0", "v1"]], on=key).join(f[["fy0", "fy1", "m0", "m1"]], on=key)

    numeric = base["rule"].isin(NUMERIC).to_numpy() & base["v0"].notna().to_numpy()
    sign = np.where(base["rule"] == "<=", -1.0, 1.0)
    rate = (base["v1"] - base["v0"]) / (base["y1"] - base["y0"])
    toward = (sign * rate).to_numpy()
    m0 = base["m0"].astype("boolean")
    m1 = base["m1"].astype("boolean")
    flag_ok = m0.notna().to_numpy() & m1.notna().to_numpy()
    m0b, m1b = m0.fillna(False).to_numpy(bool), m1.fillna(False).to_numpy(bool)
    direction = np.select(
        [numeric & (toward > _EPS), numeric & (toward < -_EPS), numeric,
         flag_ok & ~m0b & m1b, flag_ok & m0b & ~m1b, flag_ok],
        ["improving", "worsening", "stagnant", "improving", "worsening", "stagnant"], default="no_data")
    base["direction"] = direction
    base["arrow"] = base["direction"].map(ARROWS)
    base["rate"] = np.where(numeric, rate, np.nan)
    base["year_from"] = np.where(numeric, base["y0"], base["fy0"])
    base["year_to"] = np.where(numeric, base["y1"], base["fy1"])
    base["value_from"] = np.where(numeric, base["v0"], np.nan)
    base["value_to"] = np.where(numeric, base["v1"], np.nan)
    base["met_from"] = base["m0"].astype("boolean")
    base["met_to"] = base["m1"].astype("boolean")
    for col in ("year_from", "year_to"):
        base[col] = pd.array(base[col], dtype="Int64")

    base["projected_year"] = pd.array(
        [_projection(r, v1, y1, t, tw) for r, v1, y1, t, tw in zip(
            base["rule"], base["v1"], base["y1"], base["threshold"], toward)], dtype="Int64")

    # values by year, and how they were compared
    s = s.assign(_text=pd.Series([_value_text(r, v, m) for r, v, m in zip(s["rule"], s["number"], s["met"])],
                                 index=s.index, dtype=object))  # text also when no row is left
    s = s.assign(_item=s["year"].astype(str) + ": " + s["_text"])
    items: dict[tuple, list[str]] = {}  # the items of each key in the rows' order (a Python join per group is slow)
    for k, item in zip(zip(*(s[c] for c in key)), s["_item"]):
        items.setdefault(k, []).append(item)
    base = base.join(pd.Series(["; ".join(v) for v in items.values()], dtype="str", name="values",
                               index=pd.MultiIndex.from_tuples(list(items), names=key)), on=key)
    borrowed = s[s["source_set"] != s["set"]]
    via = borrowed.assign(year=borrowed["year"].astype(str)).groupby(
        key + ["measure", "source_set", "source_indicator"], sort=False)["year"].agg(", ".join).reset_index()
    via["_via"] = ("cùng thước đo " + via["measure"] + ": năm " + via["year"] + " theo " + via["source_set"] + " "
                   + via["source_indicator"])
    via = via.groupby(key, sort=False)["_via"].agg("; ".join)
    base = base.join(via.rename("_via"), on=key)
    refused = _refused_years(card, s, key)
    base = base.join(refused, on=key)
    base["compared_via"] = [_via_text(v, r) for v, r in zip(base["_via"], base["_refused"])]

    names = card.communes[["commune_id", "commune"]].drop_duplicates("commune_id")
    crit = plain(card.indicators[["set", "indicator", "criterion"]].drop_duplicates(["set", "indicator"]))
    out = base.merge(names, on="commune_id", how="left").merge(crit, on=["set", "indicator"], how="left")
    order = {(s.id, i.code): (tier_rank(s.tier), s.id, n) for s in card.sets.values()
             for n, i in enumerate(s.indicators)}
    out["_order"] = [order[k] for k in zip(out["set"], out["indicator"])]
    out = out.sort_values(["commune_id", "_order"], kind="stable")
    return card.typed(out[COLUMNS].reset_index(drop=True))


def _projection(rule: str, value: float, year, threshold: float, toward: float):
    """Year the threshold is reached from `value` in `year` moving `toward` it per year."""
    if rule not in NUMERIC or pd.isna(value) or pd.isna(threshold) or pd.isna(toward):
        return None
    need = (threshold - value) if rule == ">=" else (value - threshold)
    if need <= 0 or toward <= _EPS:
        return None
    return int(year) + math.ceil(round(need / toward, 9))


def _refused_years(card: Scorecard, s: pd.DataFrame, key: list[str]) -> pd.Series:
    """Per trend row: the earlier scored years of the commune (under another set) that were
    not compared because no set of that year shares the indicator's measure."""
    scored = card.communes[["commune_id", "year"]].drop_duplicates()
    have = s[key + ["year"]].drop_duplicates()
    mine = s[s["source_set"] == s["set"]].groupby(key)["year"].max().rename("_last").reset_index()
    cand = mine.merge(scored, on="commune_id")
    cand = cand[cand["year"] < cand["_last"]].merge(have.assign(_have=True), on=key + ["year"], how="left")
    cand = cand[cand["_have"].isna()]
    return cand.groupby(key)["year"].agg(lambda y: ", ".join(map(str, sorted(y)))).rename("_refused")


def _via_text(via, refused) -> str:
    parts = [via if isinstance(via, str) else SAME_SET]
    if isinstance(refused, str):
        parts.append(f"không so sánh năm {refused}: bộ tiêu chí khác, không khai báo cùng thước đo")
    return "; ".join(parts)


def summary(tr: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Per set × indicator: how many communes are improving, stagnant, worsening or without
    enough data; most communes worsening first, then most improving.

    Columns: set, indicator, criterion, name, improving, stagnant, worsening, no_data (communes)."""
    counts = pd.crosstab([tr["set"], tr["indicator"]], tr["direction"]).reindex(columns=list(ARROWS), fill_value=0)
    names = tr.drop_duplicates(["set", "indicator"]).set_index(["set", "indicator"])[["criterion", "name"]]
    out = names.join(counts).reset_index()
    order = out["set"].map(dict(zip(tr["set"], tr["tier"]))).map(tier_rank)
    return (out.assign(_order=order).sort_values(["_order", "worsening", "improving"], ascending=[True, False, False],
                                                 kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def display_table(tr: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A trends table as people read it, headed in `lang`: set, indicator, name, values by year,
    arrow and direction, rate, threshold, projected year, compared via."""
    words, head = DIRECTION_NAMES[lang], TREND_HEADERS[lang]
    return pd.DataFrame({
        head["set"]: tr["set"], head["indicator"]: tr["indicator"], head["name"]: tr["name"],
        head["values"]: tr["values"],
        head["arrow"]: [f"{a} {words[d]}" for a, d in zip(tr["arrow"], tr["direction"])],
        head["rate"]: [("+" if r > 0 else "") + number_text(r) if not pd.isna(r) else "" for r in tr["rate"]],
        head["threshold"]: [number_text(t) for t in tr["threshold"]],
        head["projected_year"]: ["" if pd.isna(y) else str(int(y)) for y in tr["projected_year"]],
        head["compared_via"]: tr["compared_via"],
    }).reset_index(drop=True)
