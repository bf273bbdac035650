"""The Scorecard: the tidy tables one scoring pass produces, the criteria sets and dataset they
came from, and the provenance record that travels with them into reports, manifests and caches."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .dataset import Dataset
from .framework import CriteriaSet


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

    def subset(self, commune_ids) -> "Scorecard":
        """The same results restricted to some communes (e.g. one district of a province)."""
        ids = set(commune_ids)
        pick = lambda df: df[df["commune_id"].isin(ids)].reset_index(drop=True)  # noqa: E731
        return Scorecard(pick(self.indicators), pick(self.criteria), pick(self.communes), self.sets, self.dataset)

    def upto(self, year: int) -> "Scorecard":
        """The same results without the years after `year`."""
        pick = lambda df: df[df["year"] <= year].reset_index(drop=True)  # noqa: E731
        return Scorecard(pick(self.indicators), pick(self.criteria), pick(self.communes), self.sets, self.dataset)

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
    return Scorecard(join("indicators"), join("criteria"), join("communes"), sets, cards[0].dataset)
