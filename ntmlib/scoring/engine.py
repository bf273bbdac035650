"""Scoring: one vectorised pass over communes × years × indicators of every set asked for."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..base.values import BAD, PROBLEMS, check_unit_rule, code_key, value_message
from ..criteria.criteria_set import BASIS_CODES, CriteriaSet, load_set
from ..criteria.ladder import Ladder, sorted_sets
from ..dataset.checks import commune_group_problems
from ..dataset.encoding import (
    EncodedObservations,
    encode_observations,
    indicator_catalogue,
    observation_keys,
)
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset
from ..dataset.readers import lines_text
from ..errors import DataError, Problem
from ..text import error_text
from .provenance import Provenance
from .scorecard import Scorecard, combine

NO_THRESHOLD = "không có ngưỡng"
# the result of one indicator (the indicators table's `status`): met, not met, a value but no
# threshold for that set, year and region (or group), or no value
STATUSES = ("met", "not_met", "no_threshold", "no_data")


def _as_sets(sets, dataset: Dataset, years: list[int]) -> list[CriteriaSet]:
    if sets is None:
        out: list[CriteriaSet] = []
        for y in years:
            out += [s for s in dataset.sets_for(y) if s.id not in {o.id for o in out}]
    else:
        if isinstance(sets, (str, CriteriaSet)):
            sets = [sets]
        out = [s if isinstance(s, CriteriaSet) else load_set(s, dataset.framework_dir) for s in sets]
    if not out:  # none named in dataset.yaml for these years, or an empty list given
        raise DataError(Problem("dataset.yaml" if sets is None else "sets",
                                error_text("no_sets_for_years", years=", ".join(map(str, years)))))
    return sorted_sets(out)


def _targets(enc: EncodedObservations, sets: list[CriteriaSet], cat: pd.DataFrame):
    """Rows (pair, k, priority rank): each (written set, code) pair of the observations and the catalogue
    rows it serves, sorted by pair then priority."""
    keys = observation_keys(sets)
    position = {key: k for k, key in enumerate(zip(cat["set"].tolist(), cat["indicator"].tolist()))}
    pair_of = {p: n for n, p in enumerate(enc.pairs)}
    priorities = sorted(keys["priority"].unique())
    rank = {pr: n for n, pr in enumerate(priorities)}
    columns = (keys[c].tolist() for c in ("obs_set", "obs_indicator", "set", "indicator", "priority"))
    rows = [(pair_of[(os, oi)], position[(s, i)], rank[pr])
            for os, oi, s, i, pr in zip(*columns) if (os, oi) in pair_of]
    t = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return t[np.lexsort((t[:, 2], t[:, 0]))]


def _match(ds: Dataset, enc: EncodedObservations, sets, cat: pd.DataFrame, years: list[int],
           commune_pos: np.ndarray, C: int) -> np.ndarray:
    """The observation (index) behind each grid row (commune × year × catalogue row), enc.n for none.

    The observation naming the set itself wins over one naming an ancestor set, which wins over
    one naming the measure; among equals the first in the file. Equals with different values
    are an error.
    """
    K, Y = len(cat), len(years)
    targets = _targets(enc, sets, cat)
    if not len(targets):
        return np.full(C * Y * K, enc.n, np.int32 if enc.n < 2**31 - 1 else np.int64)
    year_arr = np.asarray(years, dtype=np.int64)
    yi = np.searchsorted(year_arr, enc.year)
    in_years = (yi < Y) & (year_arr[np.minimum(yi, Y - 1)] == enc.year)
    # communes not assessed (or unknown) get positions after the assessed ones: rows beyond the grid
    ext = commune_pos.copy()
    ext[ext < 0] = C + np.arange(np.count_nonzero(ext < 0))
    n_rows = (C + np.count_nonzero(commune_pos < 0)) * Y * K
    index = np.int32 if max(n_rows, enc.n) < 2**31 - 1 else np.int64
    cy = (ext.astype(index)[enc.commune] * Y + yi.astype(index)) * K
    targets = targets.astype(index)
    count = np.bincount(targets[:, 0], minlength=len(enc.pairs))
    per_obs = np.where(in_years, count[enc.pair], 0)
    first = np.concatenate([[0], np.cumsum(count)[:-1]])
    slots = []  # per target slot j: (observation indices or None for all, row, priority rank)
    mark = np.zeros(n_rows, bool)
    n_candidates = 0
    for j in range(int(count.max())):
        pick = np.minimum(first + j, len(targets) - 1)  # the j-th target of each pair, when it has one
        has_j = per_obs > j
        sel = None if has_j.all() else np.flatnonzero(has_j)
        pair = enc.pair if sel is None else enc.pair[sel]
        r = (cy if sel is None else cy[sel]) + targets[pick, 1][pair]
        mark[r] = True
        n_candidates += len(r)
        slots.append((sel, r, targets[pick, 2][pair]))
    out = np.full(n_rows, enc.n, index)  # the grid, then the rows of communes not assessed
    if np.count_nonzero(mark) == n_candidates:  # one candidate per row: nothing to choose
        for sel, r, _ in slots:
            out[r] = np.arange(len(r), dtype=index) if sel is None else sel
        return out[: C * Y * K]
    obs = np.concatenate([np.arange(enc.n) if sel is None else sel for sel, _, _ in slots])
    r = np.concatenate([r for _, r, _ in slots]).astype(np.int64)
    prio = np.concatenate([p for _, _, p in slots]).astype(np.int64)
    del slots, mark
    key = prio * enc.n + enc.order[obs]
    best = np.full(n_rows, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(best, r, key)
    best_r = best[r]
    win = key == best_r
    tie = ~win & (prio == best_r // enc.n)
    if tie.any():
        winner_value = np.full(len(best), -1, np.int64)
        winner_value[r[win]] = enc.value[obs[win]]
        clash = tie & (enc.value[obs] != winner_value[r])
        if clash.any():
            _raise_clash(ds, enc, obs, r, prio, clash, best, K, Y, cat, years, ext)
    out[r[win]] = obs[win]
    return out[: C * Y * K]


def _raise_clash(ds, enc, obs, r, prio, clash, best, K, Y, cat, years, ext) -> None:
    rows = np.unique(r[clash])
    at_best = np.isin(r, rows) & (prio == best[r] // enc.n)
    o = obs[at_best]
    df = pd.DataFrame({"r": r[at_best], "prio": prio[at_best], "line": enc.line[o], "row": o,
                       "place": [enc.place[int(i)].as_py() for i in o]})
    df = df.sort_values(["prio", "line", "row"], kind="stable")
    name = ds.files["observations"].name
    problems = []
    for rr, g in df.groupby("r", sort=False):
        position, rest = divmod(int(rr), Y * K)
        y, k = divmod(rest, K)
        commune = enc.commune_ids[int(np.flatnonzero(ext == position)[0])]
        problems.append(Problem(name, error_text("clashing_values", commune=commune, year=years[y],
                                                 indicator=cat['indicator'].iloc[k],
                                                 places=lines_text(list(g['place']))),
                                *ds.locate("observations", g["place"].iloc[0], "value")))
    raise DataError(problems)


_THRESHOLD_ENTRIES: dict[int, tuple] = {}


def _threshold_entries(threshold) -> list[tuple]:
    """Threshold.table() as tuples (region, year, group, value, basis), made once per Threshold object."""
    hit = _THRESHOLD_ENTRIES.get(id(threshold))
    if hit is None or hit[0] is not threshold:
        hit = (threshold, list(threshold.table().itertuples(index=False, name=None)))
        _THRESHOLD_ENTRIES[id(threshold)] = hit
    return hit[1]


def _threshold_matrix(sets: list[CriteriaSet], cat: pd.DataFrame, regions: list[str], years: list[int],
                      groups: list[str]) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """Threshold value and basis for each catalogue row × region × year × group: the basis is an
    index into the returned list of (code, text) pairs (-1 for a yes/no indicator, which has none).

    The first matching entry of the threshold's table wins (exact keys before wildcards)."""
    by_id = {s.id: {i.code: i for i in s.indicators} for s in sets}
    shape = (len(cat), len(regions), len(years), len(groups))
    value = np.full(shape, np.nan)
    bases = [("none", NO_THRESHOLD)]
    basis = np.full(shape, -1, np.int64)
    for k, (sid, code, rule) in enumerate(zip(cat["set"], cat["indicator"], cat["rule"])):
        if rule not in (">=", "<="):
            continue
        basis[k] = 0
        threshold = by_id[sid][code].threshold
        if threshold is None:
            continue
        entries = _threshold_entries(threshold)
        for a, region in enumerate(regions):
            for b, year in enumerate(years):
                for c, group in enumerate(groups):
                    for er, ey, eg, v, text, basis_code in entries:
                        if er in (region, "*") and ey in (str(year), "*") and eg in (group, "*"):
                            if v != v:  # NaN: a rule whose source has no value there
                                break
                            if (basis_code, text) not in bases:
                                bases.append((basis_code, text))
                            value[k, a, b, c], basis[k, a, b, c] = v, bases.index((basis_code, text))
                            break
    return value, basis, bases


def _same_dtype(ids: pd.Series, dtype, repeat: int) -> pd.Categorical:
    """`ids` (one per commune) each repeated `repeat` times, as a Categorical of `dtype` when it is one."""
    if not isinstance(dtype, pd.CategoricalDtype):
        return categorical(ids, repeat=repeat)
    codes = dtype.categories.get_indexer(ids.astype(str))
    return pd.Categorical.from_codes(np.repeat(codes, repeat), dtype=dtype)


def categorical(labels, codes: np.ndarray | None = None, tile: int = 1, repeat: int = 1,
                 natural: bool = False) -> pd.Categorical:
    """A Categorical of labels[codes] (codes default to every label in turn), each element repeated
    `repeat` times and the whole `tile` times; categories sorted, so it sorts like the strings —
    or, with `natural`, ordered as codes are read (values.code_key: 2 < 10, 17.2 < 17.10)."""
    cats, inverse = np.unique(np.asarray(labels, dtype=object).astype(str), return_inverse=True)
    if natural:
        order = np.array(sorted(range(len(cats)), key=lambda k: code_key(cats[k])), dtype=np.int64)
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        cats, inverse = cats[order], rank[inverse]
    small = inverse.astype(np.int8 if len(cats) < 127 else np.int16 if len(cats) < 32_000 else np.int32)
    out = small if codes is None else small[codes]
    if repeat > 1:
        out = np.repeat(out, repeat)
    if tile > 1:
        out = np.tile(out, tile)
    return pd.Categorical.from_codes(out, categories=pd.Index(cats, dtype="str"), ordered=natural, validate=False)


def _sum_by(values: np.ndarray, group_of_column: np.ndarray, n_groups: int) -> np.ndarray:
    """Sum the columns of a 2-D array of counts by group: (rows, columns) -> (rows, groups), as int64."""
    onehot = np.zeros((len(group_of_column), n_groups), np.float32)
    onehot[np.arange(len(group_of_column)), group_of_column] = 1
    return np.rint(values.astype(np.float32) @ onehot).astype(np.int64)  # exact: counts below 2**24


def score(dataset: Dataset | str | Path, sets: Iterable | str | CriteriaSet | None = None,
          year: int | Iterable[int] | None = None) -> Scorecard:
    """Score every assessed commune of `dataset` against `sets` for `year` (all years if None).

    `sets` are ids, paths or CriteriaSet objects; by default the sets dataset.yaml names for
    each year. Returns a Scorecard.
    """
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    enc = encode_observations(ds)
    have = sorted(int(y) for y in np.unique(enc.year))
    years = have if year is None else ([int(year)] if isinstance(year, (int, np.integer, str)) else
                                       [int(y) for y in year])
    missing = [y for y in years if y not in have]
    if missing:
        raise DataError(Problem(ds.files["observations"].name,
                                error_text("no_data_years", years=", ".join(map(str, missing)),
                                           have=", ".join(map(str, have)))))
    years = sorted(dict.fromkeys(years))
    if sets is None:  # each period with the sets dataset.yaml names for it (e.g. 2021–2025 and 2026–2030)
        periods: dict[tuple, list[int]] = {}
        for y in years:
            periods.setdefault(tuple(ds.set_ids_for(y)), []).append(y)
        if len(periods) > 1:
            return combine([score(ds, year=ys) for ys in periods.values()])
    set_list = _as_sets(sets, ds, years)

    group_problems = commune_group_problems(ds, set_list, years)  # also for sets given here, not in dataset.yaml
    if group_problems:
        raise DataError(group_problems)
    for s in set_list:
        outside = [y for y in years if not s.covers(y)]
        if outside:
            raise DataError(Problem(s.id, error_text("years_outside_period", years=", ".join(map(str, outside)),
                                                           start=s.period[0], end=s.period[1])))

    cat = indicator_catalogue(set_list)
    # a repeated id is reported by validate
    # communes of those years only: the crosswalk ends old communes and begins new ones (Dataset.existing)
    communes = ds.communes[ds.communes["assessed"] & ds.existing(years)].drop_duplicates("commune_id")
    K, Y, C = len(cat), len(years), len(communes)
    CY = C * Y
    commune_pos = pd.Index(communes["commune_id"]).get_indexer(enc.commune_ids).astype(np.int64)
    obs_of_row = _match(ds, enc, set_list, cat, years, commune_pos, C).reshape(CY, K)
    crit_keys = list(zip(cat["set"], cat["group"], cat["criterion"]))  # the criterion of each catalogue row
    crit_at = {key: n for n, key in enumerate(dict.fromkeys(crit_keys))}
    crit = pd.DataFrame(list(crit_at), columns=["set", "group", "criterion"])
    crit_of_k = np.array([crit_at[key] for key in crit_keys], dtype=np.intp)
    Kc = len(crit)
    rows = _score_rows(ds, enc, set_list, cat, communes, years, obs_of_row, crit_of_k, Kc)
    id_dtype = ds.communes["commune_id"].dtype
    ids_of = lambda repeat: _same_dtype(communes["commune_id"], id_dtype, repeat)  # noqa: E731
    indicators = pd.DataFrame({
        "commune_id": ids_of(Y * K),
        "year": np.tile(np.repeat(np.asarray(years, np.int64), K), C),
        **{col: categorical(cat[col], tile=CY) for col in ("set", "group")},
        **{col: categorical(cat[col], tile=CY, natural=True) for col in ("criterion", "indicator")},
        "value": rows["value"],
        "number": rows["number"],
        "rule": categorical(cat["rule"], tile=CY),
        "threshold": rows["threshold"],
        "threshold_basis": rows["threshold_basis"],
        "threshold_basis_label": rows["threshold_basis_label"],
        "met": rows["met"],
        "status": rows["status"],
        "gap": rows["gap"],
        "assessed": rows["assessed"],
        "source_line": rows["source_line"],
        "source_place": _places(enc, obs_of_row),
    }, copy=False)
    del obs_of_row

    # criteria: counts of met / not met / no threshold / no data per commune × year × criterion
    n_true, n_false = rows["n_true"].reshape(-1), rows["n_false"].reshape(-1)
    n_nothr = rows["n_nothr"].reshape(-1)
    n_total = np.tile(np.bincount(crit_of_k, minlength=Kc), CY)
    n_unknown = n_total - n_true - n_false  # neither met nor not met: no data, or no threshold
    n_na = n_unknown - n_nothr
    crit_known = (n_false > 0) | (n_unknown == 0)
    criteria = pd.DataFrame({
        "commune_id": ids_of(Y * Kc),
        "year": np.tile(np.repeat(np.asarray(years, np.int64), Kc), C),
        **{col: categorical(crit[col], tile=CY) for col in ("set", "group")},
        "criterion": categorical(crit["criterion"], tile=CY, natural=True),
        "met": pd.arrays.BooleanArray(n_false == 0, ~crit_known),
        "indicators_met": n_true,
        "indicators_total": n_total,
        "no_data": n_na,
        "no_threshold": n_nothr,
    }, copy=False)

    # communes: counts per set, then tiers
    set_ids = [s.id for s in set_list]
    S = len(set_list)
    set_of_c = np.array([set_ids.index(x) for x in crit["set"]])
    crit_state = lambda a: a.reshape(CY, Kc)  # noqa: E731
    met_c, failed_c, na_c = (n_false == 0) & (n_unknown == 0), n_false > 0, (n_false == 0) & (n_unknown > 0)
    per_set = np.stack([_sum_by(crit_state(x), set_of_c, S) for x in (met_c, failed_c, na_c)], axis=2)
    ind_sum = {name: _sum_by(crit_state(x), set_of_c, S) for name, x in (
        ("indicators_met", n_true), ("indicators_total", n_total), ("no_data", n_na), ("no_threshold", n_nothr))}
    set_met_value = per_set[:, :, 1] == 0
    set_met_known = (per_set[:, :, 1] > 0) | (per_set[:, :, 2] == 0)
    ladder = ds.ladder(years, set_list)
    tiers = _tiers(ds, set_list, communes, years, set_met_value & set_met_known, ladder)
    undecided = _undecided(set_list, set_met_value, set_met_known, ind_sum["no_threshold"],
                           tiers["prerequisite_met"].reshape(CY, S), tiers["reaches"].reshape(CY, S))
    names = communes["commune"].to_numpy(dtype=object)
    set_dtype = indicators["set"].dtype
    out = pd.DataFrame({
        "commune_id": ids_of(Y * S),
        "commune": pd.array(np.repeat(names, Y * S), dtype="str"),
        "year": np.tile(np.repeat(np.asarray(years, np.int64), S), C),
        "set": pd.Categorical(np.tile(np.array(set_ids, dtype=object), CY), dtype=set_dtype),
        "tier": pd.Categorical(np.tile(np.array([s.tier for s in set_list], dtype=object), CY), dtype=ladder.dtype),
        "criteria_met": per_set[:, :, 0].reshape(-1).astype(np.int64),
        "criteria_total": per_set.sum(axis=2).reshape(-1).astype(np.int64),
        **{k: v.reshape(-1) for k, v in ind_sum.items()},
        "set_met": pd.arrays.BooleanArray(set_met_value.reshape(-1), ~set_met_known.reshape(-1)),
        "undecided": undecided.reshape(-1),
        **{k: v.reshape(-1) for k, v in tiers.items()},
    })
    return Scorecard(indicators, criteria, out, {s.id: s for s in set_list}, ds,
                     Provenance.record(ds, set_list, years))


BLOCK = 1 << 20  # rows per block: temporaries stay small and are reused


MET, NOT_MET, NO_DATA, COMPARE = range(4)  # result of a value for an indicator, before the threshold


def _value_tables(enc: EncodedObservations, cat: pd.DataFrame):
    """What each distinct value means for each kind of indicator (unit '%' or not × rule).

    Returns (class of each catalogue row, tables indexed [class * n + value code]: number,
    state (MET / NOT_MET / NO_DATA, or COMPARE with the threshold), assessed (an office
    verdict on a numeric indicator), problem code (0: none)); n is len(enc.values) + 1, the
    last value code being "no value"."""
    P = enc.parsed
    kinds = list(zip((cat["unit"] == "%").tolist(), cat["rule"].tolist()))  # (percent, rule) of each row
    class_at = {kind: n for n, kind in enumerate(dict.fromkeys(kinds))}  # in the order first met
    class_of_k, classes = np.array([class_at[kind] for kind in kinds], dtype=np.int64), list(class_at)
    number, state, assessed, problem = [], [], [], []
    has_flag, fl = P["flag"] >= 0, P["flag"] == 1
    for percent, rule in classes:
        num, kind, prob = check_unit_rule(P["number"], P["kind"], P["problem"], P["pct"], P["decimal"], percent,
                                          rule == ">=", rule == "<=", rule == "yes", rule == "absent")
        has_number = ~np.isnan(num)
        if rule in (">=", "<="):
            st = np.where(P["is_verdict"], np.where(fl, MET, NOT_MET), np.where(has_number, COMPARE, NO_DATA))
        elif rule in ("yes", "absent"):
            truth = np.where(has_number, num == (1.0 if rule == "yes" else 0.0),
                             fl if rule == "yes" else np.where(P["is_verdict"], fl, ~fl))
            st = np.where(has_number | has_flag, np.where(truth, MET, NOT_MET), NO_DATA)
        else:
            st = np.full(len(num), NO_DATA)
        number.append(num)
        state.append(st.astype(np.int8))
        assessed.append(P["is_verdict"] & (rule in (">=", "<=")))
        problem.append(np.where(kind == BAD, np.maximum(prob, 1), 0).astype(np.int8))
    return (class_of_k.astype(np.int64), np.concatenate(number), np.concatenate(state), np.concatenate(assessed),
            np.concatenate(problem))


def _score_rows(ds, enc, sets, cat, communes, years, obs_of_row, crit_of_k, Kc) -> dict:
    """Per grid row: value, number, threshold and its basis, met, gap, assessed, source line; and
    per commune × year × criterion the counts met and not met. Works block by block."""
    CY, K = obs_of_row.shape
    Y = len(years)
    R = CY * K
    rule = cat["rule"].to_numpy()
    sign = np.where(rule == ">=", 1.0, np.where(rule == "<=", -1.0, np.nan))  # gap = (value - threshold) * sign
    regions, region_code = np.unique(communes["region"].astype(str).to_numpy(), return_inverse=True)
    groups, group_code = np.unique(communes["commune_group"].astype(str).to_numpy(), return_inverse=True)
    thr_table, basis_table, bases = _threshold_matrix(sets, cat, list(regions), years, list(groups))
    nR, nG = len(regions), len(groups)
    label_cats, label_code = np.unique(np.asarray([text for _, text in bases], dtype=object), return_inverse=True)
    code_of_basis = np.array([BASIS_CODES.index(code) for code, _ in bases] + [-1], np.int8)  # [-1]: none
    label_of_basis = np.append(label_code, -1).astype(np.int16)
    thr_table, basis_table = thr_table.reshape(-1), basis_table.reshape(-1)
    # index into the threshold tables: commune-year part + catalogue-row part
    cy_part = ((np.repeat(region_code, Y) * Y + np.tile(np.arange(Y), len(communes))) * nG
               + np.repeat(group_code, Y)).astype(np.int64)
    k_part = np.arange(K, dtype=np.int64) * (nR * Y * nG)
    n_values = len(enc.values) + 1
    class_of_k, number_t, state_t, assessed_t, problem_t = _value_tables(enc, cat)
    value_cats, value_code = np.unique(np.asarray(list(enc.values) + [""], dtype=object).astype(str),
                                       return_inverse=True)
    value_code = value_code.astype(np.int16 if len(value_cats) < 32_000 else np.int32)
    value_of_obs = np.append(enc.value, n_values - 1)  # observation index n: no observation
    line_of_obs = np.append(enc.line, 0)
    out = {name: np.empty(R, dtype) for name, dtype in (
        ("value", value_code.dtype), ("number", np.float64), ("threshold", np.float64), ("basis", np.int16),
        ("met", bool), ("known", bool), ("gap", np.float64), ("assessed", bool), ("line", np.int64),
        ("status", np.int8))}
    n_true = np.empty((CY, Kc), np.int64)
    n_false = np.empty((CY, Kc), np.int64)
    n_nothr = np.empty((CY, Kc), np.int64)
    step = max(BLOCK // max(K, 1), 1)
    bad_rows = []
    for start in range(0, CY, step):
        stop = min(start + step, CY)
        sl = slice(start * K, stop * K)
        o = obs_of_row[start:stop]
        vc = value_of_obs[o]
        idx = vc + (class_of_k * n_values)[None, :]
        if problem_t[idx].any():
            bad = np.nonzero(problem_t[idx])
            bad_rows += [(start + i, k, int(problem_t[idx[i, k]])) for i, k in zip(*bad)]
            continue
        flat = cy_part[start:stop, None] + k_part[None, :]
        thr = thr_table[flat]
        number = number_t[idx]
        state = state_t[idx]
        gap = (number - thr) * sign
        compare = state == COMPARE
        with np.errstate(invalid="ignore"):
            met = (state == MET) | (compare & (gap >= 0))
        known = (state <= NOT_MET) | (compare & ~np.isnan(gap))
        no_thr = compare & np.isnan(thr)  # a value, but no threshold to compare it with
        status = np.where(known, np.where(met, 0, 1), np.where(no_thr, 2, 3)).astype(np.int8)
        out["value"][sl] = value_code[vc].reshape(-1)
        out["number"][sl] = number.reshape(-1)
        out["threshold"][sl] = thr.reshape(-1)
        out["basis"][sl] = basis_table[flat].reshape(-1)
        out["status"][sl] = status.reshape(-1)
        out["met"][sl] = met.reshape(-1)
        out["known"][sl] = known.reshape(-1)
        out["gap"][sl] = gap.reshape(-1)
        out["assessed"][sl] = assessed_t[idx].reshape(-1)
        out["line"][sl] = line_of_obs[o].reshape(-1)
        n_true[start:stop] = _sum_by(met & known, crit_of_k, Kc)
        n_false[start:stop] = _sum_by(known & ~met, crit_of_k, Kc)
        n_nothr[start:stop] = _sum_by(no_thr, crit_of_k, Kc)
    if bad_rows:
        _raise_values(ds, enc, cat, obs_of_row, bad_rows)
    return {
        "value": pd.Categorical.from_codes(out["value"], categories=pd.Index(value_cats, dtype="str"), validate=False),
        "number": out["number"], "threshold": out["threshold"], "gap": out["gap"], "assessed": out["assessed"],
        "threshold_basis": pd.Categorical.from_codes(code_of_basis[out["basis"]], categories=list(BASIS_CODES),
                                                     ordered=True, validate=False),
        "threshold_basis_label": pd.Categorical.from_codes(label_of_basis[out["basis"]],
                                                           categories=pd.Index(label_cats, dtype="str"),
                                                           validate=False),
        "met": pd.arrays.BooleanArray(out["met"], ~out["known"]),
        "status": pd.Categorical.from_codes(out["status"], categories=list(STATUSES), ordered=True, validate=False),
        "source_line": pd.arrays.IntegerArray(out["line"], (obs_of_row == enc.n).reshape(-1)),
        "n_true": n_true, "n_false": n_false, "n_nothr": n_nothr,
    }


def _places(enc: EncodedObservations, obs_of_row: np.ndarray):
    """The place of the observation behind each grid row ('' for none). A categorical over the
    observations' places, so no string is copied per row: copying 5.5 million place strings
    took 0.3–0.4 s of a national scoring pass. Each observation has its own place (a line or a
    cell), so the categories are distinct and are not checked again (that check costs 2 s)."""
    codes = obs_of_row.reshape(-1)
    try:
        dtype = pd.CategoricalDtype._from_fastpath(pd.Index(pd.array(enc.place, dtype="str")), False)
        return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    except (AttributeError, TypeError):  # a pandas without the fast path: one string per row
        return pd.array(pc.take(enc.place, pa.array(codes)), dtype="str")


def _raise_values(ds, enc, cat, obs_of_row, bad_rows) -> None:
    """DataError naming every value that cannot be used for its indicator, in the order of the grid."""
    name = ds.files["observations"].name
    problems = []
    for cy, k, problem in bad_rows:
        o = int(obs_of_row[cy, k])  # a refused value always has an observation
        raw, place = enc.values[enc.value[o]], enc.place[o].as_py()
        code = PROBLEMS[problem - 1] if problem else ""
        problems.append(Problem(name, value_message(raw, cat["indicator"].iloc[k], cat["set"].iloc[k], code,
                                                    cat["unit"].iloc[k]), *ds.locate("observations", place, "value")))
    raise DataError(problems)


def _undecided(sets: list[CriteriaSet], met: np.ndarray, known: np.ndarray, no_threshold: np.ndarray,
               prerequisite: np.ndarray, reaches: np.ndarray) -> np.ndarray:
    """(communes × years, sets): True where the set's verdict cannot be decided for want of a
    threshold: not reached, and either nothing failed while some value has no threshold, or the
    set is met but its prerequisite tier is itself undecided (by any set of that tier scored here,
    as a tier is reached by any of them). A commune whose prerequisite tier failed is decided (not
    reached) whatever its values."""
    out = np.zeros(met.shape, bool)
    tier_undecided: dict[str, np.ndarray] = {}  # per tier: undecided by any of its sets, as _tiers ORs reached
    for j, s in enumerate(sets):  # lowest tier first
        req = tier_undecided.get(s.requires, np.zeros(len(met), bool))
        own = ~known[:, j] & (no_threshold[:, j] > 0)
        out[:, j] = ~reaches[:, j] & (own | (met[:, j] & known[:, j] & req)) & (prerequisite[:, j] | req)
        tier_undecided[s.tier] = tier_undecided.get(s.tier, np.zeros(len(met), bool)) | out[:, j]
    return out


def _tiers(ds: Dataset, sets: list[CriteriaSet], communes: pd.DataFrame, years: list[int],
           set_met: np.ndarray, ladder: Ladder) -> dict[str, np.ndarray]:
    """prerequisite_met, recognised, reaches, tier_reached, tier_recognised per commune × year × set.

    A set's prerequisite tier is reached in the same scoring when a set of that tier is scored,
    else held by a recognition (a recognised tier holds the tiers it requires, directly or through
    another: Ladder.held_by). `set_met` is (communes × years, sets), True where met; the tier
    columns are categoricals of `ladder`."""
    C, Y, S = len(communes), len(years), len(sets)
    rec = ds.recognitions
    ci = pd.Index(communes["commune_id"]).get_indexer(rec["commune_id"])
    rank = rec["tier"].map({t: n for n, t in enumerate(ladder.tiers)}).to_numpy(dtype=float)
    rec_year = pd.to_numeric(rec["year"], errors="coerce").to_numpy(dtype=float)
    held = np.zeros((C, Y, len(ladder)), bool)  # whether the commune holds a recognition of each tier by the year
    for b, y in enumerate(years):
        ok = (ci >= 0) & ~np.isnan(rank) & (np.isnan(rec_year) | (rec_year <= y))
        held[ci[ok], b, rank[ok].astype(np.int64)] = True
    held = held.reshape(C * Y, len(ladder))
    # the highest tier held, -1 for none; a recognition holds its tier and the tiers that tier requires
    held_rank = np.where(held.any(axis=1), len(ladder) - 1 - held[:, ::-1].argmax(axis=1), -1)  # a ladder has a tier
    index = {t: k for k, t in enumerate(ladder.tiers)}

    def holds(tier: str) -> np.ndarray:
        return held[:, [index[t] for t in ladder.held_by(tier)]].any(axis=1)

    reached: dict[str, np.ndarray] = {}
    prereq, recognised, reaches = (np.zeros((C * Y, S), bool) for _ in range(3))
    for j, s in enumerate(sets):  # lowest tier first, so the prerequisite is known when needed
        if s.requires is None:
            pre = np.ones(C * Y, bool)
        elif s.requires in reached:
            pre = reached[s.requires]
        else:
            pre = holds(s.requires)
        prereq[:, j] = pre
        recognised[:, j] = holds(s.tier)
        reaches[:, j] = set_met[:, j] & pre
        reached[s.tier] = reached.get(s.tier, np.zeros(C * Y, bool)) | reaches[:, j]
    set_rank = np.array([ladder.tiers.index(s.tier) for s in sets])
    best = np.where(reaches, set_rank[None, :], -1).max(axis=1)  # at least one set (_as_sets)
    return {"prerequisite_met": prereq.reshape(-1), "recognised": recognised.reshape(-1),
            "reaches": reaches.reshape(-1),  # code -1: no tier (NA)
            "tier_reached": pd.Categorical.from_codes(np.repeat(best, S), dtype=ladder.dtype),
            "tier_recognised": pd.Categorical.from_codes(np.repeat(held_rank, S), dtype=ladder.dtype)}


