"""Two sets of one tier scored together (a province's NTM set beside another NTM set of the same
period): a commune reaches the tier above when it reaches either (engine._tiers), so the tier
above is undecided, not "not reached", when one of them failed and the other is undecided for
want of a threshold, whatever order the sets are given in."""
from __future__ import annotations

import pandas as pd
import pytest
import yaml

from ntmlib.dataset.loading import load_dataset
from ntmlib.scoring.engine import score

from tests.helpers.paths import LY_NHAN

NGUYEN_LY = "13570"  # reaches NTM (57/57) and nâng cao (75/75) in 2023
FAILED, UNDECIDED, NC = "t-ntm-failed", "t-ntm-undecided", "hanam-2022-nang-cao"


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """Two sets extending hanam-2022-ntm: in one, indicator 2.1 (commune roads, ≥ 100 %) asks for
    10⁶ %, which every commune fails; in the other, it has a threshold for 2025 only (none for 2023)."""
    folder = tmp_path_factory.mktemp("sets")
    paths = {}
    for set_id, threshold in ((FAILED, 10 ** 6), (UNDECIDED, {"by_year": {2025: 100}})):
        s = {"id": set_id, "extends": "hanam-2022-ntm", "name": set_id, "tier": "ntm", "period": [2022, 2025],
             "overrides": {"2.1": {"threshold": threshold}}}
        paths[set_id] = folder / f"{set_id}.yaml"
        paths[set_id].write_text(yaml.safe_dump(s, allow_unicode=True), encoding="utf-8")
    return paths


@pytest.mark.parametrize("order", [(FAILED, UNDECIDED), (UNDECIDED, FAILED)])
def test_the_tier_above_two_sets_of_one_tier_is_undecided_when_one_is(sets, order):
    card = score(load_dataset(LY_NHAN), sets=[str(sets[s]) for s in order] + [NC], year=2023)
    c = card.communes.set_index(["commune_id", "set"])
    failed, undecided, nc = (c.loc[(NGUYEN_LY, s)] for s in (FAILED, UNDECIDED, NC))
    assert (failed["set_met"], failed["undecided"], failed["indicators_met"]) == (False, False, 56)
    assert pd.isna(undecided["set_met"]) and bool(undecided["undecided"])
    assert (undecided["indicators_met"], undecided["no_threshold"]) == (56, 1)
    assert bool(nc["set_met"]) and not nc["prerequisite_met"] and not nc["reaches"]
    assert bool(nc["undecided"])  # its values are met; whether it holds NTM is not known yet
