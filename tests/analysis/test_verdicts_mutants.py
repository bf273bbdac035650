"""Mutants of ntmlib/analysis/verdicts.py that the fast tests left alive (docs/testing.md), killed here:
a commune that reaches every set scored has no next target (rather than an error); one that does not
has its lowest unreached tier."""
from ntmlib.analysis import verdicts

from tests.helpers.tiny import NC, NTM


def test_next_target_is_none_when_every_tier_is_reached(tiny_card):
    # tests/data/tiny in 2023: A meets tiny-ntm and tiny-nc; B meets neither; C meets tiny-ntm's 2 of 3 criteria
    assert verdicts.next_target(verdicts.commune_verdicts(tiny_card, "A", 2023)) is None
    assert verdicts.next_target(verdicts.commune_verdicts(tiny_card, "B", 2023)).set_id == NTM
    assert [v.set_id for v in verdicts.commune_verdicts(tiny_card, "A", 2023)] == [NTM, NC]
