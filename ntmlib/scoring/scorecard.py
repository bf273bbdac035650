"""The Scorecard: the tidy tables one scoring pass produces, the criteria sets and dataset they
came from, and the provenance record that travels with them into reports, manifests and caches."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from ..base.values import code_key
from ..criteria.criteria_set import CriteriaSet
from ..dataset.model import Dataset
from ..errors import ParameterError, Problem
from ..text import error_text
from .provenance import Provenance
from .window import require_year


@dataclass
class Scorecard:
    """Tidy results of one scoring pass.

    indicators: one row per commune × year × set × indicator (value, rule, threshold,
    threshold_basis as a code and threshold_basis_label as text, met, status — met, not_met,
    no_threshold or no_data —, gap, assessed); criteria: one row per criterion (counts met, no
    data, no threshold); communes: one row per commune × year × set with the counts, whether
    the set is met or undecided for want of a threshold, and the tier reached.
    """

    indicators: pd.DataFrame
    criteria: pd.DataFrame
    communes: pd.DataFrame
    sets: dict[str, CriteriaSet]
    dataset: Dataset | None = field(default=None, repr=False)
    provenance: Provenance | None = field(default=None, repr=False)

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
        """`table` with its code columns (commune_id, set, tier, tier_reached, tier_recognised, group,
        criterion, indicator, value) in the dtypes the scores give them, so a column has one dtype
        in every table: codes are categoricals, criterion and indicator in natural order."""
        out = table
        for col in ("commune_id", "set", "tier", "tier_reached", "tier_recognised", "group", "criterion",
                    "indicator", "value"):
            ref = next((t[col].dtype for t in (self.communes, self.indicators) if col in t.columns), None)
            if col in out.columns and isinstance(ref, pd.CategoricalDtype) and out[col].dtype != ref:
                out = out if out is not table else table.copy()
                out[col] = out[col].astype(ref)
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
            if "criterion" in keys:
                crit = {(k, c.code): c.name for k, s in self.sets.items() for c in s.criteria}
                out["criterion_name"] = [crit.get(k) for k in zip(keys["set"], keys["criterion"])]
            if "indicator" in keys:
                ind = {(k, i.code): (i.name, i.unit) for k, s in self.sets.items() for i in s.indicators}
                got = [ind.get(k, (None, None)) for k in zip(keys["set"], keys["indicator"])]
                out["indicator_name"] = [g[0] for g in got]
                out["unit"] = [g[1] for g in got]
        return out

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


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The rows of `frames` in one table; a column categorical in each stays categorical with the union of
    their categories (periods with different sets have different codes), codes in their natural order."""
    out = pd.concat(frames, ignore_index=True)
    for col in out.columns:
        dtypes = [f[col].dtype for f in frames if col in f.columns]
        if (len(dtypes) == len(frames) and all(isinstance(d, pd.CategoricalDtype) for d in dtypes)
                and not isinstance(out[col].dtype, pd.CategoricalDtype)):
            ordered = dtypes[0].ordered
            cats = sorted({c for d in dtypes for c in d.categories}, key=code_key if ordered else None)
            out[col] = pd.Categorical(out[col], categories=cats, ordered=ordered)
    return out


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
