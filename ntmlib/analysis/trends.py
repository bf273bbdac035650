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


class _Catalogue:
    """The indicators of a card's sets as arrays, one entry each in the sets' order, and one more
    at the end, all missing, for rows whose set and indicator no set declares."""

    def __init__(self, card: Scorecard):
        entries = [(s, n, i) for s in card.sets.values() for n, i in enumerate(s.indicators)]
        self.set = [s.id for s, _, _ in entries]
        self.code = [i.code for _, _, i in entries]
        column = lambda values: np.array([*values, None], dtype=object)  # noqa: E731
        self.tier = column(s.tier for s, _, _ in entries)
        self.name = column(i.name for _, _, i in entries)
        self.measure = column(i.measure for _, _, i in entries)
        self.unit = column(i.unit for _, _, i in entries)
        self.rule = column(i.rule for _, _, i in entries)
        self.numeric = np.array([r in NUMERIC for r in self.rule])
        self.tier_id = pd.factorize(self.tier)[0]
        # values of two sets are compared through a shared (measure, rule, unit): one id each, -1 without a measure
        links: dict[tuple, int] = {}
        self.link = np.array([links.setdefault((m, r, u), len(links)) if m != "" else -1
                              for m, r, u in zip(self.measure, self.rule, self.unit)], dtype=np.int64)
        # the order of a commune's trends: tier rank, set, the indicator's place in its set
        order = sorted(range(len(entries)), key=lambda k: (tier_rank(entries[k][0].tier), self.set[k], entries[k][1]))
        self.rank = _ranks(np.array([*order, len(entries)]))


def _ranks(order: np.ndarray) -> np.ndarray:
    """The rank of each position, given the positions in sorted order."""
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return ranks


def _text_ranks(values: pd.Index) -> np.ndarray:
    """The rank of each value among `values` sorted as text (as sort_values sorts text columns)."""
    return _ranks(np.asarray(values.astype(str).argsort()))


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """A column as integer codes (-1 missing) into its distinct values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), column.cat.categories
    codes, values = pd.factorize(column)
    return codes.astype(np.int64), pd.Index(values)


def _first_rows(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes (sorted) and the position of the first row of each."""
    return np.unique(codes, return_index=True)


class _Indicators:
    """The card's indicator rows (of `communes`, when given) as arrays: the code columns as integer
    codes into their values, and each row's catalogue entry."""

    def __init__(self, card: Scorecard, communes, cat: _Catalogue):
        table = card.indicators
        keep = slice(None) if communes is None else _among(table["commune_id"], communes)
        codes = {c: _codes(table[c]) for c in ("commune_id", "set", "indicator", "value")}
        self.commune, self.communes = codes["commune_id"][0][keep], codes["commune_id"][1]
        self.set, self.sets = codes["set"][0][keep], codes["set"][1]
        self.indicator, self.indicators = codes["indicator"][0][keep], codes["indicator"][1]
        self.value, self.values = codes["value"][0][keep], codes["value"][1]
        self.year = table["year"].to_numpy()[keep]
        self.number, self.threshold, self.gap = (table[c].to_numpy(float, na_value=np.nan)[keep]
                                                 for c in ("number", "threshold", "gap"))
        self.met = pd.array(table["met"], dtype="boolean")[keep]
        # the catalogue entry of each (set, indicator) pair of codes; code -1 lands on the missing entry
        entry = np.full((len(self.sets) + 1, len(self.indicators) + 1), len(cat.set), dtype=np.int64)
        s, i = self.sets.get_indexer(cat.set), self.indicators.get_indexer(cat.code)
        known = (s >= 0) & (i >= 0)
        entry[s[known], i[known]] = np.flatnonzero(known)
        self.entry = entry[self.set, self.indicator]

    def __len__(self) -> int:
        return len(self.year)

    def cell(self, rows: np.ndarray) -> np.ndarray:
        """One number per commune × set × indicator, for `rows`."""
        sets_of_commune = self.commune[rows] * (len(self.sets) + 1) + self.set[rows]
        return sets_of_commune * (len(self.indicators) + 1) + self.indicator[rows]


class _Rows:
    """The rows of series(), in its order, as positions into the indicator rows: `key` is a row
    of the commune × set × indicator the row is for, `source` the row whose value it shows (the
    same row, or for a borrowed year a row of another set with the same measure)."""

    def __init__(self, card: Scorecard, communes):
        self.cat = cat = _Catalogue(card)
        self.ind = ind = _Indicators(card, communes, cat)
        key, source = _borrowed(ind, cat)
        own = np.arange(len(ind))
        key, source = np.concatenate([own, key]), np.concatenate([own, source])
        # commune_id, set and indicator sorted as text, then year
        order = np.lexsort((ind.year[source], _text_ranks(ind.indicators)[ind.indicator[key]],
                            _text_ranks(ind.sets)[ind.set[key]], _text_ranks(ind.communes)[ind.commune[key]]))
        self.key, self.source = key[order], source[order]
        self.own = self.key == self.source
        self.entry = ind.entry[self.key]
        self.year = ind.year[self.source]


def _borrowed(ind: _Indicators, cat: _Catalogue) -> tuple[np.ndarray, np.ndarray]:
    """The borrowed years as (key row, source row): a source row of another set with the same
    measure, rule and unit, in a year before the key's set was first scored for the commune; of
    several sources of one year, one of the same tier first, then the first set by id."""
    link = cat.link[ind.entry]
    sets_of_commune = ind.commune * (len(ind.sets) + 1) + ind.set
    # the year each commune was first scored with each set, and with a measure
    first = _first_years(sets_of_commune, ind.year, (len(ind.communes) + 1) * (len(ind.sets) + 1))[sets_of_commune]
    measured = np.flatnonzero(link >= 0)
    earliest = _first_years(ind.commune[measured], ind.year[measured], len(ind.communes) + 1)[ind.commune[measured]]
    keys = measured[first[measured] > earliest]  # only a set first scored after another can borrow
    keys = keys[_first_rows(ind.cell(keys))[1]]
    if not len(keys):
        return keys, keys
    sources = measured[ind.year[measured] < first[keys].max()]
    links = link.max() + 1
    k, s = _pairs(ind.commune[keys] * links + link[keys], ind.commune[sources] * links + link[sources])
    key, source = keys[k], sources[s]
    fits = (ind.set[source] != ind.set[key]) & (ind.year[source] < first[key])
    key, source = key[fits], source[fits]
    other_tier = cat.tier_id[ind.entry[source]] != cat.tier_id[ind.entry[key]]
    order = np.lexsort((source, _text_ranks(ind.sets)[ind.set[source]], other_tier, ind.year[source], key))
    key, source = key[order], source[order]
    best = _starts(np.stack([key, ind.year[source]]))
    return key[best], source[best]


def _starts(keys: np.ndarray) -> np.ndarray:
    """Which elements start a run of equal keys (the columns of `keys` when it has two rows)."""
    keys = np.atleast_2d(keys)
    new = np.ones(keys.shape[1], dtype=bool)
    new[1:] = (keys[:, 1:] != keys[:, :-1]).any(axis=0)
    return new


def _ends(keys: np.ndarray) -> np.ndarray:
    """Which elements end a run of equal keys."""
    new = _starts(keys)
    return np.append(new[1:], True) if len(new) else new


def _first_years(groups: np.ndarray, years: np.ndarray, size: int) -> np.ndarray:
    """Per group id (0 to size - 1), the first of the `years` of its elements (the largest integer
    where it has none): one pass per distinct year, the earliest written last."""
    first = np.full(size, np.iinfo(np.int64).max)
    for year in np.unique(years)[::-1]:
        first[groups[years == year]] = year
    return first


def _pairs(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with left[i] == right[j], by i, then j (as an inner merge orders them)."""
    order = np.argsort(right, kind="stable")
    lo, hi = np.searchsorted(right[order], left, "left"), np.searchsorted(right[order], left, "right")
    counts = hi - lo
    i = np.repeat(np.arange(len(left)), counts)
    j = order[np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())]
    return i, j


def _typed(card: Scorecard, columns: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict:
    """Code columns, each (codes, the values they index), in the dtypes card.typed gives them as
    text: typed once on the values the codes use, not on every row."""
    used = {name: np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(values)))
            for name, (codes, values) in columns.items()}
    size = max(map(len, used.values()), default=0)
    distinct = pd.DataFrame({  # the missing values that pad the columns to one length add no category
        name: pd.array([*np.asarray(columns[name][1], dtype=object)[u], *[None] * (size - len(u))], dtype="str")
        for name, u in used.items()})
    typed = card.typed(distinct)
    out = {}
    for name, (codes, values) in columns.items():
        col, u = typed[name], used[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            lookup = np.full(len(values) + 1, -1, dtype=np.int64)  # the last for code -1
            lookup[u] = col.cat.codes.to_numpy()[:len(u)]
            out[name] = pd.Categorical.from_codes(lookup[codes], dtype=col.dtype)
        else:
            out[name] = _text(values, codes)
    return out


def _text(values, codes: np.ndarray):
    """The values at `codes` (-1 missing) as a text array."""
    return pd.array(np.append(np.asarray(values, dtype=object), None)[codes], dtype="str")


def series(card: Scorecard, communes=None) -> pd.DataFrame:
    """The values a trend compares: one row per commune × set × indicator × year, from the set
    itself (`source_set` = `set`) or, for years before the set was scored, from another set's
    indicator with the same measure, rule and unit (same tier preferred). `communes` restricts
    to some commune ids (a commune's series depends on its own results only).

    Columns: commune_id, year, set, tier, indicator, name, measure, unit, rule, value, number, met,
    source_set, source_indicator (where the value came from), threshold, gap (NA for a borrowed year)."""
    rows = _Rows(card, communes)
    ind, cat, key, source, entry = rows.ind, rows.cat, rows.key, rows.source, rows.entry
    typed = _typed(card, {"commune_id": (ind.commune[key], ind.communes), "set": (ind.set[key], ind.sets),
                          "tier": (entry, cat.tier), "indicator": (ind.indicator[key], ind.indicators),
                          "unit": (entry, cat.unit), "rule": (entry, cat.rule),
                          "value": (ind.value[source], ind.values)})
    return pd.DataFrame({
        "commune_id": typed["commune_id"], "year": rows.year, "set": typed["set"], "tier": typed["tier"],
        "indicator": typed["indicator"], "name": _text(cat.name, entry), "measure": _text(cat.measure, entry),
        "unit": typed["unit"], "rule": typed["rule"], "value": typed["value"], "number": ind.number[source],
        "met": ind.met[source], "source_set": _text(ind.sets, ind.set[source]),
        "source_indicator": _text(ind.indicators, ind.indicator[source]),
        "threshold": np.where(rows.own, ind.threshold[source], np.nan),
        "gap": np.where(rows.own, ind.gap[source], np.nan)})


def _among(ids: pd.Series, communes) -> np.ndarray:
    """Which rows of a commune_id column hold one of `communes` (compared as text)."""
    wanted = {str(c) for c in communes}
    if isinstance(ids.dtype, pd.CategoricalDtype):  # the categories compared, not every row
        return np.isin(ids.cat.codes.to_numpy(), np.flatnonzero(ids.cat.categories.astype(str).isin(wanted)))
    return ids.astype(str).isin(wanted).to_numpy()


def _value_texts(numeric: np.ndarray, number: np.ndarray, met) -> np.ndarray:
    """Each value as a trend shows it: the number where `numeric`, else met or not (or no data)."""
    texts = np.full(len(number), met_word(None), dtype=object)
    known, flags = ~met.isna(), met.fillna(False).to_numpy(bool)
    texts[known & flags], texts[known & ~flags] = met_word(True), met_word(False)
    # each distinct number written once (told apart by their bits, as -0 is written '-0')
    bits, at = np.unique(number[numeric].view(np.int64), return_inverse=True)
    texts[numeric] = np.array([number_text(v) for v in bits.view(np.float64)], dtype=object)[at]
    return texts


def _last_two(groups: np.ndarray, rows: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group (of `count`), its last two of `rows` (positions in order, their `groups`
    consecutive): (the one before the last, the last), -1 where there is none."""
    g = groups[rows]
    last = np.flatnonzero(_ends(g))
    before_last, final = np.full(count, -1), np.full(count, -1)
    final[g[last]] = rows[last]
    pair = last[(last > 0) & (g[last - 1] == g[last])]
    before_last[g[pair]] = rows[pair - 1]
    return before_last, final


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
    rows = _Rows(card, communes)
    ind, cat, year = rows.ind, rows.cat, rows.year
    # one trend per commune × set × indicator, whose rows are consecutive
    new = _starts(ind.cell(rows.key))
    starts, group = np.flatnonzero(new), np.cumsum(new) - 1
    count, first = len(starts), rows.key[starts]
    entry = ind.entry[first]
    rule = cat.rule[entry]
    number, met = ind.number[rows.source], ind.met[rows.source]

    # latest result of the set itself
    last_own = _last_two(group, np.flatnonzero(rows.own), count)[1]
    latest = rows.source[last_own]
    # numeric change: last two years with a number
    numeric_row = cat.numeric[rows.entry] & ~np.isnan(number)
    n0, n1 = _last_two(group, np.flatnonzero(numeric_row), count)
    numeric = n0 >= 0
    y0, y1, v0, v1 = (np.where(numeric, values[at], np.nan) for values in (year, number) for at in (n0, n1))
    # yes/no change (and numeric indicators without two numbers): last two years with a result
    f0, f1 = _last_two(group, np.flatnonzero(~met.isna()), count)
    flag_ok = f0 >= 0
    m0b, m1b = (met.fillna(False).to_numpy(bool)[at] & flag_ok for at in (f0, f1))

    sign = np.where(rule == "<=", -1.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):  # silent, as the division of columns was
        rate = (v1 - v0) / (y1 - y0)
    toward = sign * rate
    direction = np.select(
        [numeric & (toward > _EPS), numeric & (toward < -_EPS), numeric,
         flag_ok & ~m0b & m1b, flag_ok & m0b & ~m1b, flag_ok],
        ["improving", "worsening", "stagnant", "improving", "worsening", "stagnant"], default="no_data")
    threshold = ind.threshold[latest]
    projected_year = np.full(count, None, dtype=object)
    need = np.where(rule == ">=", threshold - v1, v1 - threshold)
    for g in np.flatnonzero(numeric & (need > 0) & (toward > _EPS)):  # the others reach no threshold
        projected_year[g] = _projection(rule[g], v1[g], y1[g], threshold[g], toward[g])

    def year_of(numbers: np.ndarray, flags: np.ndarray) -> pd.api.extensions.ExtensionArray:
        """The year of the numbers compared, else of the results compared."""
        return pd.arrays.IntegerArray(np.where(numeric, year[numbers], year[flags]), ~(numeric | flag_ok))

    # values by year, and how they were compared
    items = [f"{y}: {t}" for y, t in zip(year.tolist(), _value_texts(numeric_row, number, met))]
    values = ["; ".join(items[a:b]) for a, b in zip(starts.tolist(), [*starts[1:].tolist(), len(items)])]
    compared_via = _compared_via(card, rows, group, first, year[last_own])

    typed = _typed(card, {"commune_id": (ind.commune[first], ind.communes), "set": (ind.set[first], ind.sets),
                          "tier": (entry, cat.tier), "criterion": _criteria(card, ind, first),
                          "indicator": (ind.indicator[first], ind.indicators), "unit": (entry, cat.unit),
                          "rule": (entry, cat.rule)})
    columns = {
        "commune_id": typed["commune_id"], "commune": _commune_names(card, ind, first), "set": typed["set"],
        "tier": typed["tier"], "criterion": typed["criterion"], "indicator": typed["indicator"],
        "name": _text(cat.name, entry), "measure": _text(cat.measure, entry), "unit": typed["unit"],
        "rule": typed["rule"], "values": pd.array(values, dtype="str"), "year_from": year_of(n0, f0),
        "year_to": year_of(n1, f1), "value_from": v0, "value_to": v1,
        "met_from": pd.arrays.BooleanArray(m0b, ~flag_ok), "met_to": pd.arrays.BooleanArray(m1b, ~flag_ok),
        "rate": np.where(numeric, rate, np.nan), "direction": pd.array(direction, dtype="str"),
        "arrow": pd.array([ARROWS[d] for d in direction], dtype="str"), "threshold": threshold,
        "met": ind.met[latest], "gap": ind.gap[latest], "projected_year": pd.array(projected_year, dtype="Int64"),
        "compared_via": pd.array(compared_via, dtype="str")}
    order = np.lexsort((cat.rank[entry], typed["commune_id"].codes))
    return pd.DataFrame({c: columns[c][order] for c in COLUMNS})


def _criteria(card: Scorecard, ind: _Indicators, rows: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """The criterion of each of `rows` as (codes, values): the one the card's first indicator row
    of the same set and indicator names."""
    table = card.indicators
    criterion, criteria = _codes(table["criterion"])
    pairs, first = _first_rows(_codes(table["set"])[0] * (len(ind.indicators) + 1) + _codes(table["indicator"])[0])
    wanted = ind.set[rows] * (len(ind.indicators) + 1) + ind.indicator[rows]
    return criterion[first[np.searchsorted(pairs, wanted)]], criteria


def _commune_names(card: Scorecard, ind: _Indicators, rows: np.ndarray):
    """The name of the commune of each of `rows` (the communes table's first for its id)."""
    codes, ids = _codes(card.communes["commune_id"])
    named, first = _first_rows(codes)
    names = np.full(len(ids) + 1, None, dtype=object)  # the last for an id the communes table lacks
    names[named[named >= 0]] = card.communes["commune"].to_numpy(object)[first[named >= 0]]
    return pd.array(names[ids.get_indexer(ind.communes)[ind.commune[rows]]], dtype="str")


def _projection(rule: str, value: float, year, threshold: float, toward: float):
    """Year the threshold is reached from `value` in `year` moving `toward` it per year."""
    if rule not in NUMERIC or pd.isna(value) or pd.isna(threshold) or pd.isna(toward):
        return None
    need = (threshold - value) if rule == ">=" else (value - threshold)
    if need <= 0 or toward <= _EPS:
        return None
    return int(year) + math.ceil(round(need / toward, 9))


def _compared_via(card: Scorecard, rows: _Rows, group: np.ndarray, first: np.ndarray,
                  last_year: np.ndarray) -> np.ndarray:
    """Per trend (`group` numbers the rows' trends, `first` is a row of each, `last_year` its last
    year of its own set): the years compared through a measure another set shares, and the
    earlier scored years not compared."""
    ind, cat = rows.ind, rows.cat
    borrowed = np.flatnonzero(~rows.own)
    years: dict[tuple, list[str]] = {}  # per trend and source, its years in order
    for g, s, i, y in zip(group[borrowed].tolist(), ind.set[rows.source[borrowed]].tolist(),
                          ind.indicator[rows.source[borrowed]].tolist(), rows.year[borrowed].tolist()):
        years.setdefault((g, s, i), []).append(str(y))
    measure, sets, indicators = cat.measure[ind.entry[first]], ind.sets.tolist(), ind.indicators.tolist()
    via: dict[int, list[str]] = {}
    for (g, s, i), y in years.items():
        via.setdefault(g, []).append(f"cùng thước đo {measure[g]}: năm {', '.join(y)} theo {sets[s]} {indicators[i]}")
    refused = _refused_years(card, rows, group, first, last_year)
    texts = np.full(len(first), SAME_SET, dtype=object)
    for g in via.keys() | refused.keys():
        texts[g] = _via_text("; ".join(via[g]) if g in via else None, refused.get(g))
    return texts


def _refused_years(card: Scorecard, rows: _Rows, group: np.ndarray, first: np.ndarray,
                   last_year: np.ndarray) -> dict[int, str]:
    """Per trend (numbered as in _compared_via) that has some: the earlier scored years of the
    commune (under another set) that were not compared because no set of that year shares the
    indicator's measure ('2021, 2022')."""
    ind, count = rows.ind, len(first)
    codes, ids = _codes(card.communes["commune_id"])
    scored_years = card.communes["year"].to_numpy()
    years = np.unique(np.concatenate([scored_years, rows.year]))
    scored = np.zeros((len(ids) + 1, len(years)), dtype=bool)  # per commune; the last row for one not scored
    scored[codes[codes >= 0], np.searchsorted(years, scored_years[codes >= 0])] = True
    have = np.zeros((count, len(years)), dtype=bool)  # per trend: the years it has a value for
    have[group, np.searchsorted(years, rows.year)] = True
    commune = ids.get_indexer(ind.communes)[ind.commune[first]]
    refused = scored[commune] & ~have & (years < last_year[:, None])
    return {g: ", ".join(map(str, years[refused[g]].tolist())) for g in np.flatnonzero(refused.any(axis=1)).tolist()}


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
