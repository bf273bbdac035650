"""A plain row-by-row scorer: the rules of ntmlib.scoring.engine written one observation at a time.

Slow on purpose and obvious rather than clever: loops and dicts, no vectorisation. The tests
compare the vectorised Scorecard with it, and benchmarks/scoring.py uses it to show what
vectorising buys. It expects clean data (a dataset that load_dataset accepted).
"""
from __future__ import annotations

import math

import pandas as pd

from ..base.values import parse_full
from ..criteria.criteria_set import CriteriaSet
from ..dataset.model import Dataset
from ..text import tier_order, tier_rank
from ..text.formats import KNOWN_TIERS

NO_THRESHOLD = "không có ngưỡng"
MEASURE_PRIORITY = 1000


def parse_one(raw, unit: str, rule: str) -> tuple[float, object, bool]:
    """(number or nan, flag True/False/None, is_verdict) of one value for an indicator of `unit` and `rule`."""
    number, flag, is_verdict, kind, problem, pct, decimal = parse_full(raw)
    flag = None if flag is pd.NA else flag
    if kind == "bad":
        raise ValueError(f"value {raw!r} cannot be read ({problem})")
    if kind == "number" and unit == "%" and rule == ">=" and not pct and decimal and 0 <= number <= 1:
        number = number * 100  # "0,95" is a fraction of 1 for a rate that must reach a threshold
    return number, flag, is_verdict


_TABLES: dict[int, tuple] = {}


def threshold_for(threshold, region: str, year: int, group: str) -> tuple[float, str, str]:
    """(value, basis text, basis code) of the first entry of the threshold's table that matches
    (exact keys before wildcards); (nan, 'không có ngưỡng', 'none') when none does."""
    if threshold is None:
        return math.nan, NO_THRESHOLD, "none"
    if id(threshold) not in _TABLES:  # the table of entries, built once per threshold
        _TABLES[id(threshold)] = (threshold, list(threshold.table().itertuples(index=False)))
    for r, y, g, value, basis, code in _TABLES[id(threshold)][1]:
        if r in (region, "*") and y in (str(year), "*") and g in (group, "*"):
            if math.isnan(value):
                break
            return float(value), basis, code
    return math.nan, NO_THRESHOLD, "none"


def indicator_met(rule: str, number: float, flag, is_verdict: bool, threshold: float):
    """True, False or None (no data) for one indicator."""
    has_number = not math.isnan(number)
    if rule in (">=", "<="):
        if is_verdict:
            return flag
        if not has_number or math.isnan(threshold):
            return None
        return number >= threshold if rule == ">=" else number <= threshold
    if rule == "yes":
        if has_number:
            return number == 1
        return flag
    if rule == "absent":
        if has_number:
            return number == 0
        if flag is None:
            return None
        return flag if is_verdict else not flag
    return None


def combine(results: list) -> object:
    """All met -> True; any not met -> False; otherwise (some no data) None."""
    if any(r is False for r in results):
        return False
    if any(r is None for r in results):
        return None
    return True


def score_reference(ds: Dataset, sets: list[CriteriaSet], years: list[int]) -> dict[str, pd.DataFrame]:
    """Indicators, criteria and communes tables (as in Scorecard) computed one row at a time."""
    sets = sorted(sets, key=lambda s: tier_order(s.tier))
    ladder = ds.ladder(years, sets)
    # which (set, code) of an observation serves which indicator, and how strongly
    targets: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    for s in sets:
        for ind in s.indicators:
            for depth, ancestor in enumerate(s.lineage):
                targets.setdefault((ancestor, ind.code), []).append((s.id, ind.code, depth))
            if ind.measure:
                targets.setdefault(("", ind.measure), []).append((s.id, ind.code, MEASURE_PRIORITY))

    wanted = set(years)
    chosen: dict[tuple, tuple[int, int, str, str]] = {}  # key -> (priority, line, value, place)
    for cid, year, set_id, code, value, line, place in zip(
            ds.observations["commune_id"], ds.observations["year"], ds.observations["set"],
            ds.observations["indicator"], ds.observations["value"], ds.observations["line"],
            ds.observations["place"]):
        if int(year) not in wanted:
            continue
        for target_set, target_code, priority in targets.get((set_id, code), []):
            key = (cid, int(year), target_set, target_code)
            old = chosen.get(key)
            if old is None or (priority, line) < (old[0], old[1]):
                chosen[key] = (priority, line, value, place)

    recognised = _recognitions(ds, years, sets)
    ind_rows, crit_rows, commune_rows = [], [], []
    communes = ds.communes[ds.communes["assessed"]]
    alive = {y: set(ds.communes.loc[ds.existing([y]), "commune_id"]) for y in years}  # the crosswalk's dates
    for cid, name, region, group in zip(communes["commune_id"], communes["commune"], communes["region"],
                                        communes["commune_group"]):
        for year in years:
            if cid not in alive[year]:
                continue
            reached: dict[str, bool] = {}
            undecided: dict[str, bool] = {}  # tier -> its set could not be decided for want of a threshold
            held = recognised.get((cid, year), set())
            rows_of_year = []
            for s in sets:
                crit_of = {c.code: c for c in s.criteria}
                by_criterion: dict[str, list] = {}
                no_threshold: dict[str, list] = {}
                for ind in s.indicators:
                    hit = chosen.get((cid, year, s.id, ind.code))
                    value, line, place = (hit[2], hit[1], hit[3]) if hit else ("", None, "")
                    number, flag, is_verdict = parse_one(value, ind.unit, ind.rule)
                    numeric = ind.rule in (">=", "<=")
                    thr, basis, code = (threshold_for(ind.threshold, region, year, group) if numeric
                                        else (math.nan, None, None))
                    met = indicator_met(ind.rule, number, flag, is_verdict, thr)
                    if met is not None:
                        status = "met" if met else "not_met"
                    else:
                        status = "no_threshold" if numeric and not is_verdict and not math.isnan(number) \
                            and math.isnan(thr) else "no_data"
                    gap = math.nan
                    if numeric and not math.isnan(number):
                        gap = number - thr if ind.rule == ">=" else thr - number
                    ind_rows.append({
                        "commune_id": cid, "year": year, "set": s.id, "group": crit_of[ind.criterion].group,
                        "criterion": ind.criterion, "indicator": ind.code, "value": value, "number": number,
                        "rule": ind.rule, "threshold": thr if numeric else math.nan,
                        "threshold_basis": code, "threshold_basis_label": basis, "met": met,
                        "status": status, "gap": gap,
                        "assessed": numeric and is_verdict, "source_line": line, "source_place": place})
                    by_criterion.setdefault(ind.criterion, []).append(met)
                    no_threshold.setdefault(ind.criterion, []).append(status == "no_threshold")
                crit_results = []
                n_met = n_total = n_na = n_nothr = 0
                for code, results in by_criterion.items():
                    met = combine(results)
                    crit_results.append(met)
                    nothr = sum(no_threshold[code])
                    crit_rows.append({
                        "commune_id": cid, "year": year, "set": s.id, "group": crit_of[code].group,
                        "criterion": code, "met": met, "indicators_met": sum(r is True for r in results),
                        "indicators_total": len(results), "no_data": sum(r is None for r in results) - nothr,
                        "no_threshold": nothr})
                    n_met += sum(r is True for r in results)
                    n_total += len(results)
                    n_na += sum(r is None for r in results) - nothr
                    n_nothr += nothr
                set_met = combine(crit_results)
                if s.requires is None:
                    pre = True
                elif s.requires in reached:
                    pre = reached[s.requires]
                else:
                    pre = s.requires in held
                reaches = bool(set_met) and pre
                reached[s.tier] = reached.get(s.tier, False) or reaches
                req_undecided = undecided.get(s.requires, False)
                is_undecided = (not reaches and (pre or req_undecided)
                                and ((set_met is None and n_nothr > 0) or (set_met is True and req_undecided)))
                undecided[s.tier] = undecided.get(s.tier, False) or is_undecided  # a tier by any of its sets
                rows_of_year.append({
                    "commune_id": cid, "commune": name, "year": year, "set": s.id, "tier": s.tier,
                    "criteria_met": sum(r is True for r in crit_results), "criteria_total": len(crit_results),
                    "indicators_met": n_met, "indicators_total": n_total, "no_data": n_na,
                    "no_threshold": n_nothr, "set_met": set_met,
                    "undecided": is_undecided,
                    "prerequisite_met": pre, "recognised": s.tier in held, "reaches": reaches})
            best_reached = max((ladder.tiers.index(t) for t, r in reached.items() if r), default=None)
            best_held = max((ladder.tiers.index(t) for t in held if t in ladder), default=None)
            for row in rows_of_year:
                row["tier_reached"] = ladder.tiers[best_reached] if best_reached is not None else None
                row["tier_recognised"] = ladder.tiers[best_held] if best_held is not None else None
                commune_rows.append(row)
    communes = pd.DataFrame(commune_rows)
    for col in ("tier", "tier_reached", "tier_recognised"):  # NA: no tier
        if col in communes.columns:
            communes[col] = pd.Categorical(communes[col], dtype=ladder.dtype)
    return {"indicators": pd.DataFrame(ind_rows), "criteria": pd.DataFrame(crit_rows), "communes": communes}


def _recognitions(ds: Dataset, years: list[int], sets) -> dict[tuple[str, int], set[str]]:
    """(commune, year) -> tiers held that year: recognised by then (or year unknown), and the tiers
    that tier requires, one after another (kiểu mẫu → nâng cao → NTM; hiện đại → NTM)."""
    requires = {t: KNOWN_TIERS[t][1] for t in KNOWN_TIERS}
    requires.update({s.tier: s.requires for s in sets})
    held: dict[tuple[str, int], set[str]] = {}
    for cid, tier, rec_year in zip(ds.recognitions["commune_id"], ds.recognitions["tier"], ds.recognitions["year"]):
        chain = []
        while isinstance(tier, str) and tier and tier not in chain and tier_rank(tier) > 0:
            chain.append(tier)
            tier = requires.get(tier)
        for year in years:
            if pd.isna(rec_year) or int(rec_year) <= year:
                held.setdefault((cid, year), set()).update(chain)
    return held
