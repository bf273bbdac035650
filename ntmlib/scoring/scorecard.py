"""The Scorecard: the tidy tables one scoring pass produces, the criteria sets and dataset they
came from, and the provenance record that travels with them into reports, manifests and caches."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..base.values import code_key
from ..criteria.criteria_set import CriteriaSet
from ..dataset.model import Dataset
from ..errors import ParameterError, Problem
from ..text import NO_THRESHOLD_TEXT, RULE_WORDS, error_text, label, quantity_text, tier_order
from .provenance import Provenance
from .window import require_year

# columns Scorecard.typed gives the dtype the scores give them
TYPED = ("commune_id", "set", "tier", "tier_reached", "tier_recognised", "group", "criterion", "indicator", "value",
         "rule", "status", "criterion_name", "indicator_name", "unit", "threshold_text")
# the columns of a report-ready long table of indicator results (Scorecard.long)
LONG_COLUMNS = ["commune_id", "commune", "year", "set", "tier", "criterion", "criterion_name", "indicator",
                "indicator_name", "rule", "unit", "value", "number", "threshold", "threshold_text", "gap", "status"]


@dataclass
class Scorecard:
    """Tidy results of one scoring pass.

    indicators: one row per commune × year × set × indicator (criterion and criterion_name,
    indicator and indicator_name, value as written, number, rule, unit, threshold as a number and
    as threshold_text in its unit, threshold_basis as a code and threshold_basis_label as text,
    met, status — met, not_met, no_threshold or no_data —, gap rounded to the decimals of the
    value and threshold, assessed); criteria: one row per criterion (counts met, no
    data, no threshold); communes: one row per commune × year × set with the counts, whether
    the set is met or undecided for want of a threshold, and the tier reached.
    """

    indicators: pd.DataFrame
    criteria: pd.DataFrame
    communes: pd.DataFrame
    sets: dict[str, CriteriaSet]
    dataset: Dataset | None = field(default=None, repr=False)
    provenance: Provenance | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if "threshold_text" not in self.indicators.columns:
            self.indicators = indicator_columns(self.indicators, self.sets)

    def __repr__(self) -> str:
        """A short summary (the tables and sets are too big to print whole)."""
        communes = self.communes["commune_id"].nunique() if len(self.communes) else 0
        years = self.years
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years))
        return (f"Scorecard({communes} xã, năm {span or '—'}, {len(self.sets)} bộ tiêu chí: {', '.join(self.sets)}; "
                f"{len(self.indicators):,} kết quả chỉ tiêu)")

    def _repr_html_(self) -> str:
        return f"<p><code>{html.escape(repr(self))}</code></p>"

    def typed(self, table: pd.DataFrame) -> pd.DataFrame:
        """`table` with its code and name columns (commune_id, set, tier, tier_reached, tier_recognised,
        group, criterion, indicator, value, rule, status, criterion_name, indicator_name, unit,
        threshold_text) in the dtypes the scores give them, so a column has one dtype in every
        table: codes are categoricals, criterion and indicator in natural order. A column holding
        a value the scores do not have (a what-if's new threshold) keeps every value: its
        categories are the scores' and the new ones."""
        out = table
        refs = {**dict(self.indicators.dtypes), **dict(self.communes.dtypes)}  # the communes table's first
        have = dict(table.dtypes)
        for col in TYPED:
            ref = refs.get(col)
            if col in have and isinstance(ref, pd.CategoricalDtype) and not _same_dtype(have[col], ref):
                out = out if out is not table else table.copy()
                codes, values = pd.factorize(out[col])  # each distinct value looked up once
                at = ref.categories.get_indexer(values)
                if (at < 0).any():
                    extra = pd.Index(values[at < 0])
                    ref = pd.CategoricalDtype(ref.categories.append(pd.Index(sorted(extra.astype(str)))),
                                              ordered=ref.ordered)
                    at = ref.categories.get_indexer(values)
                if isinstance(have[col], pd.CategoricalDtype):  # astype keeps the order of "equal" categories
                    out[col] = out[col].cat.set_categories(ref.categories, ordered=ref.ordered)
                else:
                    out[col] = pd.Categorical.from_codes(np.append(at, -1)[codes], dtype=ref, validate=False)
        return out

    def named(self, table: pd.DataFrame) -> pd.DataFrame:
        """`table` (any result table with some of commune_id, set, criterion, indicator) with the
        names people read added beside the codes: commune, set_name, tier, criterion_name,
        indicator_name and unit."""
        out = table.copy()
        keys = {c: out[c].astype(str) for c in ("commune_id", "set", "criterion", "indicator") if c in out.columns}
        if "commune_id" in keys and "commune" not in out.columns and self.dataset is not None:
            names = dict(zip(self.dataset.communes["commune_id"].astype(str), self.dataset.communes["commune"]))
            out.insert(out.columns.get_loc("commune_id") + 1, "commune", keys["commune_id"].map(names))
        if "set" in keys:
            out["set_name"] = keys["set"].map({k: s.name for k, s in self.sets.items()})
            out["tier"] = keys["set"].map({k: s.tier for k, s in self.sets.items()}).astype(self.communes["tier"].dtype)
            if "criterion" in keys and "criterion_name" not in out.columns:
                crit = {(k, c.code): c.name for k, s in self.sets.items() for c in s.criteria}
                out["criterion_name"] = pd.Categorical([crit.get(k) for k in zip(keys["set"], keys["criterion"])])
            if "indicator" in keys:
                ind = {(k, i.code): (i.name, i.unit) for k, s in self.sets.items() for i in s.indicators}
                got = [ind.get(k, (None, None)) for k in zip(keys["set"], keys["indicator"])]
                for n, col in enumerate(("indicator_name", "unit")):
                    if col not in out.columns:
                        out[col] = pd.Categorical([g[n] for g in got])
        return self.typed(out)

    def long(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Indicator results as a report-ready long table, with no merge left to do: `rows` of
        `indicators` (all when None), each with its commune's name and its set's tier.

        Columns: commune_id, commune, year, set, tier, criterion, criterion_name, indicator,
        indicator_name, rule, unit, value (as written), number (the value as a number), threshold
        (a number), threshold_text ("≥ 95 %", "Đạt"), gap (rounded, no float noise), status."""
        rows = self.indicators if rows is None else rows
        names = dict(zip(self.communes["commune_id"].astype(str), self.communes["commune"]))
        tiers = {k: s.tier for k, s in self.sets.items()}
        out = rows.assign(commune=rows["commune_id"].astype(str).map(names).astype("str"),
                          tier=rows["set"].astype(str).map(tiers).astype(self.communes["tier"].dtype))
        return out[LONG_COLUMNS].reset_index(drop=True)

    def measure(self, measure: str, year: int | None = None) -> pd.DataFrame:
        """Every commune's result on one measure across the sets that declare it (e.g.
        "health_insurance_rate": NTM 15.1, nâng cao 14.1 and so on), each against its own set's
        threshold, with the names: one row per commune × year × set.

        Columns: the columns of `indicators`, with commune after commune_id, then set_name, tier,
        indicator_name and unit (see named())."""
        pairs = {(k, i.code) for k, s in self.sets.items() for i in s.indicators if i.measure == measure}
        if not pairs:
            known = sorted({i.measure for s in self.sets.values() for i in s.indicators if i.measure})
            raise ParameterError(Problem(error_text("measure_given"),
                                         error_text("no_measure", measure=measure, have=", ".join(known[:20]))))
        ind = self.indicators
        rows = ind[[k in pairs for k in zip(ind["set"].astype(str), ind["indicator"].astype(str))]]
        if year is not None:
            rows = rows[rows["year"] == self.require_year(year)]
        return self.named(rows.reset_index(drop=True))

    @property
    def years(self) -> list[int]:
        """The years scored."""
        return sorted(int(y) for y in self.communes["year"].unique())

    def subset(self, commune_ids) -> "Scorecard":
        """The same results restricted to some communes (e.g. one district of a province)."""
        ids = set(commune_ids)
        pick = lambda df: df[df["commune_id"].isin(ids)].reset_index(drop=True)  # noqa: E731
        return Scorecard(pick(self.indicators), pick(self.criteria), pick(self.communes), self.sets, self.dataset,
                         self.provenance)

    def upto(self, year: int) -> "Scorecard":
        """The same results without the years after `year` (and without the sets only those years use)."""
        if all(y <= year for y in self.years):
            return self
        pick = lambda df: df[df["year"] <= year].reset_index(drop=True)  # noqa: E731
        sets = self._sets_upto(year)
        return Scorecard(pick(self.indicators), pick(self.criteria), pick(self.communes), sets, self.dataset,
                         self.provenance_upto(year))

    def _sets_upto(self, year: int) -> dict[str, CriteriaSet]:
        c = self.communes
        used = set(c.loc[c["year"] <= year, "set"]) if len(c) else set(self.sets)
        return {k: v for k, v in self.sets.items() if k in used}

    def provenance_upto(self, year: int) -> Provenance | None:
        """The provenance of upto(year), without cutting the tables."""
        if self.provenance is None:
            return None
        return self.provenance.only([y for y in self.years if y <= year], self._sets_upto(year))

    def require_year(self, year) -> int:
        """`year` as a number, if it was scored; else a ParameterError listing the years scored."""
        return require_year(year, self.years, "year_not_scored")

    def require_set(self, set_id: str) -> str:
        """`set_id`, if that criteria set was scored; else a ParameterError listing the sets scored."""
        if set_id not in self.sets:
            raise ParameterError(Problem(error_text("set_given"), error_text("set_not_scored", set=set_id,
                                                                                 have=", ".join(self.sets))))
        return set_id

    def commune(self, commune_id: str, year: int) -> pd.DataFrame:
        """The communes-table rows of one commune and year (one per set); the columns of `communes`."""
        c = self.communes
        return c[(c["commune_id"] == commune_id) & (c["year"] == year)]


TIER_COLUMNS = ("tier", "tier_reached", "tier_recognised")


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The rows of `frames` in one table; a column categorical in each stays categorical with the union of
    their categories (periods with different sets have different codes), codes in their natural order
    and tiers by (rank, code): the union of the ladders of the periods."""
    recoded: list[dict] = [{} for _ in frames]  # each frame's columns put in the union's categories first
    dtypes = [dict(f.dtypes) for f in frames]
    for col in dict.fromkeys(c for f in frames for c in f.columns):
        kinds = [d[col] for d in dtypes if col in d]
        # categoricals of one dtype stay as pd.concat leaves them; others would come out as plain values
        if (len(kinds) == len(frames) and all(isinstance(d, pd.CategoricalDtype) for d in kinds)
                and not all(d == kinds[0] for d in kinds)):
            ordered = kinds[0].ordered
            key = tier_order if col in TIER_COLUMNS else code_key if ordered else None
            cats = sorted({c for d in kinds for c in d.categories}, key=key)
            union = pd.CategoricalDtype(cats, ordered=ordered)  # as set_categories makes it
            for f, r, d in zip(frames, recoded, kinds):
                r[col] = _recoded(f[col].array, d, union)
    return pd.concat([f.assign(**r) if r else f for f, r in zip(frames, recoded)], ignore_index=True)


def _recoded(values: pd.Categorical, dtype: pd.CategoricalDtype, union: pd.CategoricalDtype) -> pd.Categorical:
    """`values` (a categorical of `dtype`) in the categories of `union`, which holds all of them."""
    position = np.append(union.categories.get_indexer(dtype.categories), -1)  # code -1 (NA) stays -1
    return pd.Categorical.from_codes(position[values.codes], dtype=union, validate=False)


def combine(cards: list[Scorecard]) -> Scorecard:
    """One Scorecard from several scored for different years of the same dataset."""
    if len(cards) == 1:
        return cards[0]
    join = lambda name: _concat([getattr(c, name) for c in cards])  # noqa: E731
    sets = {sid: s for c in cards for sid, s in c.sets.items()}
    prov = cards[0].provenance
    for c in cards[1:]:
        prov = prov.merge(c.provenance) if prov and c.provenance else prov
    return Scorecard(join("indicators"), join("criteria"), join("communes"), sets, cards[0].dataset, prov)


def _same_dtype(dtype, ref: pd.CategoricalDtype) -> bool:
    """The same categorical dtype, categories in the same order (pandas calls two unordered ones equal
    whatever their order, but they print and merge differently)."""
    return (isinstance(dtype, pd.CategoricalDtype) and dtype.ordered == ref.ordered
            and dtype.categories.equals(ref.categories))


def threshold_text(rule: str, threshold, unit: str, lang: str = "vi") -> str:
    """A threshold as people write it: '≥ 90 %', '≤ 16 %', 'chưa có ngưỡng' (none for that year and
    region) or, for a yes/no indicator, 'Đạt'."""
    if rule in (">=", "<=") and not pd.isna(threshold):
        return f"{label(RULE_WORDS, rule, lang)} {quantity_text(threshold, unit, lang)}"
    if rule in (">=", "<="):  # a numeric indicator with no threshold for that year and region
        return label(NO_THRESHOLD_TEXT, "need", lang)
    return label(RULE_WORDS, rule, lang) if rule in RULE_WORDS[lang] else ""


def rounded_gap(gap) -> np.ndarray:
    """`gap` (value − threshold, signed by the rule) without float noise: -3.3, not
    -3.299999999999997. Values and thresholds are written with at most 6 decimals, so their
    difference has no more, and rounding to 6 gives exactly the decimals of the value and
    threshold; NaN stays NaN, -0.0 becomes 0.0."""
    return np.round(np.asarray(gap, dtype=np.float64), 6) + 0.0


def indicator_columns(ind: pd.DataFrame, sets: dict[str, CriteriaSet]) -> pd.DataFrame:
    """The indicators table with the columns a report-ready table needs, as categoricals made once
    per set × indicator (and threshold): criterion_name after criterion, indicator_name after
    indicator, unit after rule, threshold_text after threshold; and its gap without float noise."""
    if ind.empty or "set" not in ind.columns:
        out = ind.copy()
        for col in ("criterion_name", "indicator_name", "unit", "threshold_text"):
            out[col] = pd.Series(dtype="category")
        return out
    info = {(k, i.code): (s.criterion(i.criterion).name, i.name, i.unit, i.rule) for k, s in sets.items()
            for i in s.indicators}
    set_codes, set_cats = _codes(ind["set"])
    ind_codes, ind_cats = _codes(ind["indicator"])
    width = len(ind_cats) + 1
    pair = set_codes * width + ind_codes  # one small integer per set × indicator: lookups, no factorize
    present = np.flatnonzero(np.bincount(pair, minlength=len(set_cats) * width))
    set_names, ind_names = list(set_cats), list(ind_cats)  # a list is read faster than an Index, item by item
    meta = {p: info.get((str(set_names[p // width]), str(ind_names[p % width])), (None, None, "", ""))
            for p in present.tolist()}

    def column(n: int) -> pd.Categorical:
        names = pd.Index([meta[p][n] for p in present.tolist()], dtype=object)
        cats, at = names.factorize()
        lookup = np.full(len(set_cats) * width, -1, dtype=np.int64)
        lookup[present] = cats
        return pd.Categorical.from_codes(lookup[pair], categories=pd.Index(at, dtype="str"), validate=False)

    thr = ind["threshold"].to_numpy(np.float64)
    thr_codes, thr_of = pd.factorize(thr, use_na_sentinel=True)
    tw = len(thr_of) + 1
    key = pair * tw + (thr_codes + 1)
    keys = np.flatnonzero(np.bincount(key, minlength=len(set_cats) * width * tw))
    texts = pd.Index([threshold_text(meta[k // tw][3], None if k % tw == 0 else thr_of[k % tw - 1], meta[k // tw][2])
                      for k in keys.tolist()], dtype=object)
    tcats, tat = texts.factorize()
    tlookup = np.full(len(set_cats) * width * tw, -1, dtype=np.int64)
    tlookup[keys] = tcats
    out = ind.copy(deep=False)  # copy-on-write: the caller's table is not changed
    out["gap"] = rounded_gap(ind["gap"].to_numpy(np.float64))
    out.insert(out.columns.get_loc("criterion") + 1, "criterion_name", column(0))
    out.insert(out.columns.get_loc("indicator") + 1, "indicator_name", column(1))
    out.insert(out.columns.get_loc("rule") + 1, "unit", column(2))
    out.insert(out.columns.get_loc("threshold") + 1, "threshold_text",
               pd.Categorical.from_codes(tlookup[key], categories=pd.Index(tat, dtype="str"), validate=False))
    return out


def _codes(col: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column and the values they stand for (a categorical's own codes)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy(np.int64), col.cat.categories
    codes, uniques = pd.factorize(col.astype(str))
    return codes.astype(np.int64), pd.Index(uniques)
