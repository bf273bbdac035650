"""The ladder of tiers a commune can climb, read from the criteria sets: NTM < nâng cao < kiểu mẫu
for 2021–2025, NTM < hiện đại when a province brings in a "hiện đại" set for 2026–2030.

Each set declares its tier, the tier's rank (1 the lowest) and the tier it requires. The ladder
of several sets orders their tiers by (rank, code); across periods two tiers may share a rank
(nâng cao of 2021–2025 and hiện đại of 2026–2030 both rank 2): the order is then fixed but only
comparisons within one period mean anything."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import FrameworkError, Problem
from ..text import TIERS, error_text, tier_name, tier_order, tier_rank
from ..text.formats import KNOWN_TIERS
from .criteria_set import CriteriaSet


@dataclass(frozen=True)
class Ladder:
    """Tiers lowest first, each with its rank and the tier it requires (None for the first)."""

    tiers: tuple[str, ...]
    ranks: dict
    requires: dict

    @property
    def dtype(self) -> pd.CategoricalDtype:
        """The dtype of a tier column (tier, tier_reached, tier_recognised): ordered, NA for none."""
        return pd.CategoricalDtype(self.tiers, ordered=True)

    def rank(self, tier: str) -> int:
        """The tier's rank (1 the lowest); 0 for none."""
        return self.ranks.get(tier, 0)

    def above(self, tier: str | None) -> tuple[str, ...]:
        """The tiers ranking above `tier` (every tier for None), lowest first."""
        return tuple(t for t in self.tiers if self.rank(t) > (self.rank(tier) if tier else 0))

    def held_by(self, tier: str) -> tuple[str, ...]:
        """The tiers of this ladder whose recognition holds `tier`: itself and every tier that
        requires it, directly or through another (kiểu mẫu holds nâng cao and NTM; hiện đại of
        2026–2030 holds NTM but not nâng cao, and kiểu mẫu of 2021–2025 does not hold hiện đại)."""
        out = []
        for t in self.tiers:
            step = t
            for _ in range(len(self.tiers)):  # a requirement ranks lower (criteria_set checks it): no cycle
                if step is None or step == tier:
                    break
                step = self.requires.get(step)
            if step == tier:
                out.append(t)
        return tuple(out)

    def name(self, tier: str, lang: str = "vi") -> str:
        """'NTM hiện đại' (or 'modern NTM')."""
        return tier_name(tier, lang)

    def names(self, lang: str = "vi") -> list[str]:
        return [tier_name(t, lang) for t in self.tiers]

    def __contains__(self, tier) -> bool:
        return tier in self.ranks

    def __iter__(self):
        return iter(self.tiers)

    def __len__(self) -> int:
        return len(self.tiers)


def ladder_of(sets, extra=()) -> Ladder:
    """The ladder of `sets` (CriteriaSet objects), with the tiers of `extra` (codes, e.g. the tiers
    of recognitions) ranked by their known rank. Raises FrameworkError when two sets give one tier
    two ranks."""
    ranks: dict[str, int] = {}
    requires: dict[str, str | None] = {}
    first: dict[str, str] = {}
    for s in sets:
        rank = s.tier_rank or tier_rank(s.tier)
        if s.tier in ranks and ranks[s.tier] != rank:
            raise FrameworkError(Problem(s.id, error_text("tier_rank_differs", tier=s.tier, rank=rank, set=s.id,
                                                          other_rank=ranks[s.tier], other=first[s.tier])))
        ranks[s.tier], first[s.tier] = rank, s.id
        requires.setdefault(s.tier, s.requires)
    for t in extra:
        if isinstance(t, str) and t and t not in ranks and tier_rank(t):
            ranks[t], requires[t] = tier_rank(t), KNOWN_TIERS[t][1] if t in KNOWN_TIERS else None
    tiers = tuple(sorted(ranks, key=lambda t: (ranks[t], t)))
    return Ladder(tiers, ranks, requires)


def sorted_sets(sets) -> list[CriteriaSet]:
    """Sets lowest tier first (by rank, then tier code; stable within a tier)."""
    return sorted(sets, key=lambda s: (s.tier_rank or tier_rank(s.tier), s.tier))


DEFAULT_LADDER = Ladder(TIERS, {t: tier_order(t)[0] for t in TIERS}, {"ntm": None, "nang-cao": "ntm",
                                                                      "kieu-mau": "nang-cao"})
