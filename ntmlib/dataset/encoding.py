"""Observations as integer codes: made once when a dataset is loaded, reused by every score().

The indicator catalogue of a list of criteria sets and the keys by which an observation
(written set and code, or a shared measure) reaches an indicator live here too, since both
loading (to check codes) and scoring (to match) need them."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from ..base.values import parse_distinct
from ..criteria.criteria_set import CriteriaSet
from .model import Dataset

MEASURE_PRIORITY = 1000  # observations named by measure lose to those naming the set


def factorize_small(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize of integer keys in 0..size-1 (codes, distinct keys in order of first appearance),
    without hashing every row: the first row of each key is found in a table of `size` entries."""
    keys = np.asarray(keys)
    n = len(keys)
    first = np.full(size, n, np.int64)
    np.minimum.at(first, keys, np.arange(n))
    present = np.flatnonzero(first < n)
    order = present[np.argsort(first[present], kind="stable")]
    lookup = np.empty(size, np.int64)
    lookup[order] = np.arange(len(order))
    return lookup[keys], order.astype(np.int64)


_MADE: dict[tuple, tuple] = {}  # tables worked out from a list of sets (made_once), for the last lists used
MADE_KEPT = 32


def made_once(sets: list[CriteriaSet], name: str, make):
    """make(sets), worked out once for this list of set objects (a CriteriaSet does not change) and kept
    for the last MADE_KEPT lists: every load and score of a dataset asks again for the same tables.
    The result is shared: its users must not modify it."""
    key = (name, *map(id, sets))
    hit = _MADE.get(key)
    if hit is None:
        while len(_MADE) >= MADE_KEPT:
            _MADE.pop(next(iter(_MADE)), None)
        hit = _MADE[key] = (list(sets), make(sets))  # the sets kept with it: their ids stay theirs
    return hit[1]


def indicator_catalogue(sets: list[CriteriaSet]) -> pd.DataFrame:
    """One row per indicator of the sets, in their order: set, criterion, group, indicator, rule, measure,
    unit and `order` (its place in its set)."""
    return made_once(sets, "catalogue", _indicator_catalogue).copy(deep=False)


def _indicator_catalogue(sets: list[CriteriaSet]) -> pd.DataFrame:
    frames = []
    for s in sets:
        t = s.indicator_table()[["set", "criterion", "group", "indicator", "rule", "measure", "unit"]]
        t["order"] = range(len(t))
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def observation_keys(sets: list[CriteriaSet]) -> pd.DataFrame:
    """(obs_set, obs_indicator) -> (set, indicator, priority): own set first, then ancestors, then measure."""
    return made_once(sets, "keys", _observation_keys).copy(deep=False)


def _observation_keys(sets: list[CriteriaSet]) -> pd.DataFrame:
    cat = made_once(sets, "catalogue", _indicator_catalogue)
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


@dataclass
class EncodedObservations:
    """The observations of a Dataset as integer codes, made once (by load_dataset) and reused by every score().

    commune, pair (written set and indicator) and value are codes into commune_ids, pairs and
    values; `parsed` holds parse_distinct() of every distinct value, with one more entry at
    the end for "no value"; `order` ranks the rows by (line, row) for the first-one-wins rule.
    """

    source: pd.DataFrame = field(repr=False)
    commune: np.ndarray
    commune_ids: pd.Index
    year: np.ndarray
    pair: np.ndarray
    pairs: list
    value: np.ndarray
    values: np.ndarray
    parsed: dict
    line: np.ndarray
    order: np.ndarray
    place: object = field(repr=False)  # pyarrow array of the places, with "" appended (index len(source))

    @property
    def n(self) -> int:
        return len(self.commune)

    def __reduce__(self):  # not saved with a pickled Dataset (e.g. a batch's score cache): rebuilt when needed
        return type(None), ()


def encode_observations(ds: Dataset) -> EncodedObservations:
    """The codes of ds.observations, cached on the Dataset while its observations table is the same object."""
    obs = ds.observations
    enc = getattr(ds, "encoded", None)
    if enc is not None and enc.source is obs and enc.n == len(obs):
        return enc
    commune, commune_ids = pd.factorize(obs["commune_id"])
    set_code, set_ids = pd.factorize(obs["set"])
    ind_code, ind_ids = pd.factorize(obs["indicator"])
    n_ind = max(len(ind_ids), 1)
    if set_code.min(initial=0) >= 0 and ind_code.min(initial=0) >= 0:
        pair, pair_uniques = factorize_small(set_code * n_ind + ind_code, max(len(set_ids), 1) * n_ind)
    else:
        pair, pair_uniques = pd.factorize(set_code.astype(np.int64) * n_ind + ind_code)
    pairs = [(set_ids[p // n_ind], ind_ids[p % n_ind]) for p in pair_uniques]
    value, values = pd.factorize(obs["value"], use_na_sentinel=True)
    values = np.asarray(values, dtype=object)
    value = np.where(value < 0, len(values), value)  # NA: the "no value" entry
    line = obs["line"].to_numpy()  # as kept by load_dataset (int32 or int64), no copy
    if len(line) < 2 or (line[1:] >= line[:-1]).all():  # read in the order of the file: the rows' own order
        order = np.arange(len(obs), dtype=np.int64)
    else:
        order = np.empty(len(obs), np.int64)
        order[np.argsort(line, kind="stable")] = np.arange(len(obs))  # rank by line, then row
    place = pa.array(obs["place"].astype("str"))
    chunks = place.chunks if isinstance(place, pa.ChunkedArray) else [place]
    # the column's own buffers (no copy), then "" for "no observation" (index len(obs))
    place = pa.chunked_array([*(c.cast(pa.large_string()) for c in chunks), pa.array([""], pa.large_string())])
    small = np.int32 if len(obs) < 2**31 - 1 else np.int64

    def fit(codes: np.ndarray, n: int) -> np.ndarray:  # codes in the smallest integer type that holds n
        return codes.astype(np.int16 if n < 2**15 else np.int32 if n < 2**31 - 1 else np.int64)

    enc = EncodedObservations(obs, fit(commune, len(commune_ids)), commune_ids, obs["year"].to_numpy(),
                              fit(pair, len(pairs)), pairs, fit(value, len(values) + 1), values,
                              parse_distinct(list(values) + [""]), line, order.astype(small), place)
    ds.encoded = enc
    return enc
