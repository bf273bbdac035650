"""Mutants of ntmlib/analysis/verdicts.py that the fast tests left alive (docs/testing.md), killed here:
a commune that reaches every set scored has no next target (rather than an error); one that does not
has its lowest unreached tier; every state of a verdict under its own name."""
import ntmlib
from ntmlib.analysis import verdicts

from tests.helpers.paths import sample_again_in_2024
from tests.helpers.tiny import NC, NTM


def test_next_target_is_none_when_every_tier_is_reached(tiny_card):
    # tests/data/tiny in 2023: A meets tiny-ntm and tiny-nc; B meets neither; C meets tiny-ntm's 2 of 3 criteria
    assert verdicts.next_target(verdicts.commune_verdicts(tiny_card, "A", 2023)) is None
    assert verdicts.next_target(verdicts.commune_verdicts(tiny_card, "B", 2023)).set_id == NTM
    assert [v.set_id for v in verdicts.commune_verdicts(tiny_card, "A", 2023)] == [NTM, NC]


def test_each_state_of_a_verdict_by_name(tiny_card, tmp_path):
    # tiny in 2023: A meets tiny-ntm (recognised 2019) and tiny-nc (not recognised); B and C fail the sets
    # they were recognised for
    states = {(cid, v.set_id): v.state for cid in "ABC" for v in verdicts.commune_verdicts(tiny_card, cid, 2023)}
    assert states == {("A", NTM): "maintained", ("A", NC): "reached", ("B", NTM): "lapsed", ("B", NC): "not_reached",
                      ("C", NTM): "lapsed", ("C", NC): "lapsed"}
    # the sample with its 2023 values entered again for 2024, a year without an income threshold: Nguyên Lý
    # fails nothing, so its NTM tier is undecided
    card = ntmlib.score(sample_again_in_2024(tmp_path / "ly-nhan"), year=2024)
    ntm = verdicts.commune_verdicts(card, "13570", 2024)[0]
    assert (ntm.tier, ntm.state, ntm.reached) == ("ntm", "undecided", False)
