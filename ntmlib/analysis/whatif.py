"""What-if on thresholds: rescore with a copy of a criteria set whose threshold is replaced
(everywhere, or for one region or commune group) and list which communes change their result
on the indicator, the criterion, the set and the tier reached, before → after."""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ..criteria.criteria_set import CriteriaSet, Threshold
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset
from ..errors import ParameterError, Problem
from ..scoring.engine import score
from ..scoring.scorecard import Scorecard, combine
from ..text import (
    RULE_SIGNS,
    WHATIF_HEADERS,
    WHATIF_TEXT,
    counts_text,
    error_text,
    label,
    localized,
    met_word,
    number_text,
    tier_name,
)
from .compare import compare, differs


@dataclass(frozen=True)
class ThresholdChange:
    """Replace the threshold of `indicator` in set `set_id` by `threshold`: for every commune,
    or only for communes of `region` or of commune `group`."""

    set_id: str
    indicator: str
    threshold: float
    region: str | None = None
    group: str | None = None

    def scope_text(self, lang: str = "vi") -> str:
        if self.region:
            return label(WHATIF_TEXT, "region", lang, region=self.region)
        if self.group:
            return label(WHATIF_TEXT, "group", lang, group=self.group)
        return label(WHATIF_TEXT, "all", lang)


@dataclass
class WhatIf:
    """The baseline and the rescored results, and what changed between them.

    indicators: commune × year × set × indicator whose result changed, with the names, rule,
    unit, value, and threshold (number and text), result, status and gap before → after;
    criteria: the same for criteria; communes: commune × year × set whose counts, set result or
    tier reached changed. Built on ntmlib.compare; the columns are INDICATOR_COLUMNS,
    CRITERION_COLUMNS and COMMUNE_COLUMNS, in the dtypes of the baseline's tables."""

    changes: tuple[ThresholdChange, ...]
    baseline: Scorecard
    scenario: Scorecard
    indicators: pd.DataFrame
    criteria: pd.DataFrame
    communes: pd.DataFrame

    @property
    def changed(self) -> bool:
        return not (self.indicators.empty and self.criteria.empty and self.communes.empty)

    def tiers(self) -> pd.DataFrame:
        """Communes whose tier reached changed, one row per commune and year."""
        c = self.communes
        c = c[_differs(c["tier_reached_before"], c["tier_reached_after"])]
        return c.drop_duplicates(["commune_id", "year"])[
            ["commune_id", "commune", "year", "tier_reached_before", "tier_reached_after"]].reset_index(drop=True)

    def _set(self, set_id: str, lang: str, names: bool) -> str:
        """A set as a reader reads it (its tier: 'NTM nâng cao') when `names`, else its id."""
        return tier_name(self.baseline.sets[set_id].tier, lang) if names else set_id

    def sentences(self, lang: str = "vi", names: bool = False) -> list[str]:
        """The assumption and its effects, in Vietnamese (or English); each set by its tier's name
        when `names` (a report), else by its id (the command that was given it)."""
        out = [self._assumption(ch, lang, names=names) for ch in self.changes]
        if not self.changed:
            out.append(label(WHATIF_TEXT, "no_change", lang))
            return out
        for (year, set_id, code), g in self.indicators.groupby(["year", "set", "indicator"], sort=False):
            for after, h in g.groupby("met_after", sort=False, dropna=False):
                communes = ", ".join(f"{n} ({number_text(v, lang=lang)})" if not pd.isna(v) else n
                                     for n, v in zip(h["commune"], h["number"]))
                state = met_word(after, lang).lower()
                out.append(label(WHATIF_TEXT, "indicator", lang, year=year, n=len(h), state=state, code=code,
                                 set=self._set(set_id, lang, names), names=communes))
        for r in self.communes.itertuples(index=False):
            before = counts_text(r.criteria_met_before, r.criteria_total, r.indicators_met_before,
                                 r.indicators_total, lang)
            after = counts_text(r.criteria_met_after, r.criteria_total, r.indicators_met_after, r.indicators_total,
                                lang)
            set_moved = _moved(r.set_met_before, r.set_met_after)
            if before != after or set_moved:
                tier = tier_name(r.tier, lang)
                out.append(f"{r.commune} ({r.year}, {tier}): {before} → {after}"
                           + (f"; {met_word(r.set_met_before, lang).lower()} → "
                              f"{met_word(r.set_met_after, lang).lower()}"
                              if set_moved else "") + ".")
        tiers = self.tiers()
        if tiers.empty:
            out.append(label(WHATIF_TEXT, "no_tier_change", lang))
        for r in tiers.itertuples(index=False):
            out.append(label(WHATIF_TEXT, "tier", lang, commune=r.commune, year=r.year,
                             before=tier_name(r.tier_reached_before, lang),
                             after=tier_name(r.tier_reached_after, lang)))
        return out

    def title(self, lang: str = "vi", names: bool = False) -> str:
        """The assumption as a title: 'Giả định: ngưỡng chỉ tiêu 14.1 (…) ≥ 95 % → ≥ 92 %'."""
        return "; ".join(self._assumption(ch, lang, "box_title", names) for ch in self.changes)

    def _assumption(self, ch: ThresholdChange, lang: str, key: str = "assumption", names: bool = False) -> str:
        s = self.baseline.sets[ch.set_id]
        ind = next(i for i in s.indicators if i.code == ch.indicator)
        sign = RULE_SIGNS[ind.rule]
        unit = f" {ind.unit}" if ind.unit else ""
        thr = ind.threshold
        single = thr is not None and not thr.derived and len(set(thr.values.values())) == 1  # DBSH 95, TDMNPB 95
        old = (number_text(next(iter(thr.values.values())), decimals=4, lang=lang) if single
               else thr.describe() if thr else "")
        old += unit if thr is not None and (thr.kind == "all" or single) else ""
        before = f"{sign} {old}" if old else label(WHATIF_TEXT, "no_threshold", lang)
        return label(WHATIF_TEXT, key, lang, code=ch.indicator, name=localized(ind.name, ind.name_en, lang),
                     set=self._set(ch.set_id, lang, names), sign=sign, before=before,
                     new=number_text(ch.threshold, decimals=4, lang=lang),
                     unit=unit, scope=ch.scope_text(lang))

    def table(self, lang: str = "vi", names: bool = False) -> pd.DataFrame:
        """The indicator results that changed, as people read them (each set by its tier's name when `names`)."""
        i = self.indicators
        return pd.DataFrame(dict(zip(WHATIF_HEADERS[lang], [
            i["commune"], i["year"], [self._set(s, lang, names) for s in i["set"]], i["indicator"],
            [number_text(v, lang=lang) for v in i["number"]],
            [number_text(v, lang=lang) for v in i["threshold_before"]],
            [number_text(v, lang=lang) for v in i["threshold_after"]],
            [met_word(v, lang) for v in i["met_before"]], [met_word(v, lang) for v in i["met_after"]]]))).reset_index(
            drop=True)


def _closest(code: str, codes: list[str]) -> str:
    close = difflib.get_close_matches(code, codes, n=1)
    return error_text("did_you_mean_code", code=close[0]) if close else ""


def _as_number(threshold) -> float:
    try:
        value = float(str(threshold).strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if math.isnan(value):
        raise ParameterError(Problem(error_text("threshold_asked"), error_text("not_a_number", value=threshold)))
    return value


def changed_set(s: CriteriaSet, change: ThresholdChange) -> CriteriaSet:
    """A copy of `s` with the threshold of one indicator replaced as `change` says."""
    codes = [i.code for i in s.indicators]
    if change.indicator not in codes:
        raise ParameterError(Problem(error_text("indicator_asked"), error_text(
            "no_indicator_in_set", set=s.id, indicator=change.indicator, hint=_closest(change.indicator, codes))))
    k = codes.index(change.indicator)
    ind = s.indicators[k]
    if not ind.numeric:
        raise ParameterError(Problem(error_text("indicator_asked"),
                                     error_text("pass_fail_indicator", indicator=ind.code, set=s.id)))
    value = _as_number(change.threshold)
    if change.region is not None and change.region not in s.regions:
        raise ParameterError(Problem(error_text("region_asked"), error_text(
            "no_region_in_set", set=s.id, region=change.region, have=", ".join(s.regions))))
    if change.group is not None and str(change.group) not in s.commune_groups:
        raise ParameterError(Problem(error_text("group_asked"), error_text(
            "no_group_in_set", set=s.id, group=change.group,
            have=", ".join(s.commune_groups) or error_text("no_groups"))))
    threshold = _replaced(ind.threshold, value, change, s.id)
    indicators = list(s.indicators)
    indicators[k] = replace(ind, threshold=threshold)
    return replace(s, indicators=tuple(indicators))


def _replaced(old: Threshold, value: float, change: ThresholdChange, set_id: str) -> Threshold:
    if change.region is None and change.group is None:
        return _everywhere(old, value, change, set_id)
    kind, key = ("region", change.region) if change.region is not None else ("group", str(change.group))
    if old.kind == "all":
        return Threshold(kind, {key: value, "default": old.values["all"]})
    if old.kind == kind:
        return Threshold(kind, {**old.values, key: value})
    if old.kind == "region_year" and kind == "region":
        values = {k: (value if k[0] == key else v) for k, v in old.values.items()}
        if not any(k[0] == key for k in old.values):
            values[(key, "default")] = value
        return Threshold("region_year", values)
    word = {"region": error_text("region_asked"), "group": error_text("group_asked"), "year": error_text("year_given"),
            "region_year": error_text("region_year_asked")}
    raise ParameterError(Problem(word[kind], error_text("threshold_by", indicator=change.indicator, set=set_id,
                                                        old=word[old.kind], new=word[kind])))


def _everywhere(old: Threshold | None, value: float, change: ThresholdChange, set_id: str) -> Threshold:
    """The threshold with `value` wherever it has one, when no region or group is given. A
    threshold that differs by region or commune group is not replaced by one value for all of
    them: a ParameterError lists the regions or groups to choose from."""
    if old is None or old.kind in ("all", "year"):
        return Threshold("all", {"all": value})
    if old.kind == "region_year":
        by = {}
        for (region, year), v in old.values.items():
            by.setdefault(region, {})[year] = v
        if len({tuple(sorted(v.items())) for v in by.values()}) > 1:
            _ask(old, change, set_id, "region", list(by))
        return Threshold("region_year", {k: value for k in old.values})
    if len(set(old.values.values())) > 1:
        _ask(old, change, set_id, old.kind, [k for k in old.values if k != "default"])
    return Threshold(old.kind, {k: value for k in old.values})  # one value under several keys: each replaced


def _ask(old: Threshold, change: ThresholdChange, set_id: str, kind: str, keys: list) -> None:
    word = error_text("region_asked") if kind == "region" else error_text("group_asked")
    raise ParameterError(Problem(word, error_text("threshold_varies", indicator=change.indicator, set=set_id, by=word,
                                                  values=old.describe(), param=kind, have=", ".join(map(str, keys)))))


def whatif(dataset_or_card: Scorecard | Dataset | str | Path, set_id: str | None = None,
           indicator: str | None = None, threshold: float | None = None, year: int | None = None,
           region: str | None = None, group: str | None = None,
           changes: list[ThresholdChange] | None = None) -> WhatIf:
    """Rescore with the threshold of `indicator` in `set_id` replaced by `threshold` (for one
    `region` or commune `group` if given), or with several `changes`, and compare with the
    baseline. With a Scorecard, it is the baseline (only `year`, if given) and each year is
    rescored with the sets it was scored with; with a dataset, `year` (all years if None) is
    scored with the sets dataset.yaml names."""
    changes = list(changes or [])
    if set_id is not None:
        changes.insert(0, ThresholdChange(set_id, str(indicator), threshold, region, group))
    if not changes:
        raise ParameterError(Problem(error_text("threshold_asked"), error_text("no_change")))
    if isinstance(dataset_or_card, Scorecard):
        baseline = dataset_or_card
        if year is not None:
            year = baseline.require_year(year)
            baseline = Scorecard(*(df[df["year"] == year].reset_index(drop=True) for df in (
                baseline.indicators, baseline.criteria, baseline.communes)), baseline.sets, baseline.dataset)
    else:

        ds = dataset_or_card if isinstance(dataset_or_card, Dataset) else load_dataset(dataset_or_card)
        baseline = score(ds, year=year)
    changes = [replace(ch, indicator=str(ch.indicator), threshold=_as_number(ch.threshold)) for ch in changes]
    sets = dict(baseline.sets)
    for ch in changes:
        baseline.require_set(ch.set_id)
        sets[ch.set_id] = changed_set(sets[ch.set_id], ch)
    scenario = _rescore(baseline, sets)
    return WhatIf(tuple(changes), baseline, scenario, *_compare(baseline, scenario))


def _rescore(baseline: Scorecard, sets: dict[str, CriteriaSet]) -> Scorecard:
    """Score the baseline's years again, each with the sets it was scored with (changed copies
    where a threshold was replaced); years with different sets are scored apart."""
    groups: dict[tuple, list[int]] = {}
    for year, ids in baseline.communes.groupby("year")["set"].agg(lambda s: tuple(sorted(set(s)))).items():
        groups.setdefault(ids, []).append(int(year))
    return combine([score(baseline.dataset, sets=[sets[i] for i in ids], year=ys) for ids, ys in groups.items()])


def _differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise 'not the same' result or tier, NA (no data, no tier) equal to NA only."""
    return differs(a, b)


def _moved(a, b) -> bool:
    """One result against another: 'not the same', NA equal to NA only (as _differs, for two values)."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) != pd.isna(b))
    return bool(a) != bool(b)


INDICATOR_COLUMNS = ["commune_id", "commune", "year", "set", "tier", "criterion", "criterion_name", "indicator",
                     "indicator_name", "rule", "unit", "value", "number", "threshold_before", "threshold_after",
                     "threshold_text_before", "threshold_text_after", "met_before", "met_after", "status_before",
                     "status_after", "gap_before", "gap_after"]
CRITERION_COLUMNS = ["commune_id", "commune", "year", "set", "tier", "criterion", "criterion_name", "met_before",
                     "met_after", "indicators_met_before", "indicators_met_after"]
COMMUNE_COLUMNS = ["commune_id", "commune", "year", "set", "tier", "criteria_total", "indicators_total",
                   "criteria_met_before", "criteria_met_after", "indicators_met_before", "indicators_met_after",
                   "set_met_before", "set_met_after", "tier_reached_before", "tier_reached_after"]


def _compare(before: Scorecard, after: Scorecard) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What changed, from ntmlib.compare: the indicator and criterion results that changed, and the
    communes whose counts, set result or tier reached changed (the same data, so the same values)."""
    cmp = compare(before, after, suffixes=("_before", "_after"))
    i = cmp.indicators
    i = i[_differs(i["met_before"], i["met_after"])]
    i = i.assign(set=i["set_before"], value=i["value_before"], number=i["number_before"])
    c = cmp.criteria
    c = c.assign(set=c["set_before"])
    n = cmp.communes
    n = n.assign(set=n["set_before"], criteria_total=n["criteria_total_before"],
                 indicators_total=n["indicators_total_before"])
    return tuple(before.typed(t[cols].reset_index(drop=True)) for t, cols in (
        (i, INDICATOR_COLUMNS), (c, CRITERION_COLUMNS), (n, COMMUNE_COLUMNS)))
