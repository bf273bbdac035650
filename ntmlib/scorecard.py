"""The Scorecard: the tidy tables one scoring pass produces, the criteria sets and dataset they
came from, and the provenance record that travels with them into reports, manifests and caches."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .dataset import Dataset
from .errors import ParameterError, Problem
from .framework import CriteriaSet
from .provenance import Provenance
from .window import require_year


@dataclass
class Scorecard:
    """Tidy results of one scoring pass.

    indicators: one row per commune × year × set × indicator (value, rule, threshold,
    threshold_basis, met, gap, assessed); criteria: one row per criterion; communes: one
    row per commune × year × set with the counts and the tier reached.
    """

    indicators: pd.DataFrame
    criteria: pd.DataFrame
    communes: pd.DataFrame
    sets: dict[str, CriteriaSet]
    dataset: Dataset | None = field(default=None, repr=False)
    provenance: Provenance | None = field(default=None, repr=False)

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
        return require_year(year, self.years, "năm {year} chưa được chấm")

    def require_set(self, set_id: str) -> str:
        """`set_id`, if that criteria set was scored; else a ParameterError listing the sets scored."""
        if set_id not in self.sets:
            raise ParameterError(Problem("bộ tiêu chí", f"không có bộ tiêu chí '{set_id}' trong kết quả chấm "
                                                        f"(có: {', '.join(self.sets)})"))
        return set_id

    def commune(self, commune_id: str, year: int) -> pd.DataFrame:
        """The communes-table rows of one commune and year (one per set)."""
        c = self.communes
        return c[(c["commune_id"] == commune_id) & (c["year"] == year)]


def combine(cards: list[Scorecard]) -> Scorecard:
    """One Scorecard from several scored for different years of the same dataset."""
    if len(cards) == 1:
        return cards[0]
    join = lambda name: pd.concat([getattr(c, name) for c in cards], ignore_index=True)  # noqa: E731
    sets = {sid: s for c in cards for sid, s in c.sets.items()}
    prov = cards[0].provenance
    for c in cards[1:]:
        prov = prov.merge(c.provenance) if prov and c.provenance else prov
    return Scorecard(join("indicators"), join("criteria"), join("communes"), sets, cards[0].dataset, prov)
