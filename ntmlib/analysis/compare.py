"""Two scorecards side by side: another year, another criteria set of the same tier, a what-if
or an imported set. Results are matched by commune, tier (not set id, so two sets of one tier
meet) and indicator code, and by year when both hold the same years; NA (no data, no tier)
equals NA only. What differs comes back as three long tables, per commune, criterion and
indicator, with `_a` and `_b` columns (or the suffixes asked)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..base.values import code_key
from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import error_text, tier_rank

NA = object()  # stands for NA in comparisons: equal to itself only

COMMUNE_VALUES = ["set", "criteria_met", "criteria_total", "indicators_met", "indicators_total", "no_data",
                  "set_met", "reaches", "tier_reached"]
CRITERION_VALUES = ["set", "met", "indicators_met", "indicators_total"]
INDICATOR_VALUES = ["set", "value", "number", "threshold", "threshold_text", "met", "status", "gap"]


def differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise 'not the same', NA (no data, no tier, no threshold) equal to NA only; a
    categorical and a plain column holding the same words are the same."""
    x, y = (np.asarray(s.astype(object).where(s.notna(), NA), dtype=object) for s in (a, b))
    return pd.Series((x != y).astype(bool), index=a.index)


@dataclass
class Comparison:
    """What differs between scorecards `a` and `b`.

    communes: one row per commune × tier (× year) whose counts, set result or tier reached
    differ; criteria: per criterion whose result differs; indicators: per indicator whose value,
    threshold or result differs (present on one side only included, NA on the other)."""

    a: Scorecard
    b: Scorecard
    communes: pd.DataFrame
    criteria: pd.DataFrame
    indicators: pd.DataFrame
    suffixes: tuple[str, str] = ("_a", "_b")

    @property
    def changed(self) -> bool:
        return not (self.communes.empty and self.criteria.empty and self.indicators.empty)

    def tiers(self) -> pd.DataFrame:
        """Communes whose tier reached differs, one row per commune (and year when matched by year).

        Columns: commune_id, commune, (year or year_a, year_b), tier_reached_a, tier_reached_b."""
        sa, sb = self.suffixes
        c = self.communes
        c = c[differs(c[f"tier_reached{sa}"], c[f"tier_reached{sb}"])]
        years = ["year"] if "year" in c.columns else [f"year{sa}", f"year{sb}"]
        return c.drop_duplicates(["commune_id", *years])[
            ["commune_id", "commune", *years, f"tier_reached{sa}", f"tier_reached{sb}"]].reset_index(drop=True)


def _one_year(card: Scorecard, year) -> Scorecard:
    year = card.require_year(year)
    return Scorecard(*(df[df["year"] == year].reset_index(drop=True) for df in (card.indicators, card.criteria,
                                                                                card.communes)),
                     card.sets, card.dataset, card.provenance)


def _check_tiers(card: Scorecard, side: str) -> None:
    c = card.communes.drop_duplicates(["year", "set"])
    for (year, tier), g in c.groupby(["year", "tier"], observed=True):
        if len(g) > 1:
            sets = ", ".join(map(str, g["set"]))
            raise ParameterError(Problem(error_text("compare_asked"), error_text(
                "compare_two_tier_sets", side=side, n=len(g), tier=tier, year=year, sets=sets)))


def _side(table: pd.DataFrame, keys: list[str], values: list[str]) -> pd.DataFrame:
    t = table[[k for k in keys if k in table.columns] + values]
    return t.assign(**{k: t[k].astype(str) for k in ("commune_id", "tier", "criterion", "indicator", "set")
                       if k in t.columns and k not in values})


def compare(a: Scorecard, b: Scorecard, years: tuple | None = None,
            suffixes: tuple[str, str] = ("_a", "_b")) -> Comparison:
    """What differs between two scorecards. When both hold the same years, results are matched
    year by year; otherwise each side must hold one year, or `years` = (year of a, year of b)
    picks one on each side (2022 against 2023 of one scorecard: compare(card, card, (2022, 2023))).
    Sets are matched by tier, so a set and its corrected copy, or two provinces' sets of one tier,
    meet; two sets of one tier in one year on one side cannot be matched and raise ParameterError.

    Columns of communes: commune_id, commune, year (or year_a, year_b), tier, then each of set,
    criteria_met, criteria_total, indicators_met, indicators_total, no_data, set_met, reaches,
    tier_reached with `_a` and `_b`. Of criteria: commune_id, commune, year…, tier, criterion,
    criterion_name, then set, met, indicators_met, indicators_total with both suffixes. Of
    indicators: commune_id, commune, year…, tier, indicator, criterion, criterion_name,
    indicator_name, rule, unit, then set, value, number, threshold, threshold_text, met, status,
    gap with both suffixes."""
    if years is not None:
        a, b = _one_year(a, years[0]), _one_year(b, years[1])
    by_year = a.years == b.years
    if not by_year and (len(a.years) != 1 or len(b.years) != 1):
        raise ParameterError(Problem(error_text("years_asked"), error_text(
            "compare_years", a=", ".join(map(str, a.years)), b=", ".join(map(str, b.years)))))
    _check_tiers(a, "a")
    _check_tiers(b, "b")
    sa, sb = suffixes
    names = pd.concat([a.communes[["commune_id", "commune"]], b.communes[["commune_id", "commune"]]])
    names = dict(zip(names["commune_id"].astype(str), names["commune"]))
    order = {c: n for n, c in enumerate(dict.fromkeys(names))}
    base = ["commune_id", "year", "tier"] if by_year else ["commune_id", "tier"]
    year_cols = ["year"] if by_year else [f"year{sa}", f"year{sb}"]

    def matched(ta: pd.DataFrame, tb: pd.DataFrame, code: str | None, values: list[str], same: list[str],
                shared: list[str]) -> pd.DataFrame:
        keys = base + ([code] if code else [])
        vals = values + ([] if by_year else ["year"])
        left, right = (t[keys + shared + vals].assign(**{k: t[k].astype(str) for k in keys if k != "year"})
                       for t in (ta, tb))
        m = left.merge(right.drop(columns=shared), on=keys, how="outer", suffixes=(sa, sb))
        if shared:  # names and rules from a, or from b for a row only b has
            m = m.merge(right[keys + shared].drop_duplicates(keys), on=keys, how="left", suffixes=("", "_b_"))
            for c in shared:
                m[c] = m[c].astype(object).where(m[c].notna(), m.pop(f"{c}_b_").astype(object))
        moved = pd.Series(False, index=m.index)
        for v in same:
            moved |= differs(m[f"{v}{sa}"], m[f"{v}{sb}"])
        m = m[moved.to_numpy()]
        m.insert(1, "commune", m["commune_id"].map(names).astype("str"))
        rank = [m["commune_id"].map(order), *(m[y] for y in year_cols[:1]), m["tier"].map(tier_rank)]
        if code:
            rank.append(m[code].map(code_key))
        m = m.assign(**{f"_r{n}": r for n, r in enumerate(rank)})
        m = m.sort_values([f"_r{n}" for n in range(len(rank))], kind="stable")
        lead = ["commune_id", "commune", *year_cols, "tier", *([code] if code else []), *shared]
        return a.typed(m[lead + [f"{v}{s}" for v in values for s in suffixes]].reset_index(drop=True))

    communes = matched(a.communes, b.communes, None, COMMUNE_VALUES,
                       ["criteria_met", "indicators_met", "no_data", "set_met", "reaches", "tier_reached"], [])
    criteria = matched(_with_tier(a, a.criteria), _with_tier(b, b.criteria), "criterion", CRITERION_VALUES,
                       ["met"], ["criterion_name"])
    indicators = matched(_with_tier(a, a.indicators), _with_tier(b, b.indicators), "indicator", INDICATOR_VALUES,
                         ["number", "threshold", "met", "status"],
                         ["criterion", "criterion_name", "indicator_name", "rule", "unit"])
    return Comparison(a, b, communes, criteria, indicators, tuple(suffixes))


def _with_tier(card: Scorecard, table: pd.DataFrame) -> pd.DataFrame:
    """`table` with the tier of its set, and for the criteria table the criterion's name."""
    out = table.assign(tier=table["set"].astype(str).map({k: s.tier for k, s in card.sets.items()}))
    if "criterion_name" not in out.columns:
        names = {(k, c.code): c.name for k, s in card.sets.items() for c in s.criteria}
        out["criterion_name"] = [names.get(k) for k in zip(out["set"].astype(str), out["criterion"].astype(str))]
    return out
