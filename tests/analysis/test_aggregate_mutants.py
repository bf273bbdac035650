"""Mutants of ntmlib/analysis/aggregate.py that the fast tests left alive (docs/testing.md), killed here:
failed_groups lists groups that fail as often in the set's order (not the codes' alphabetical order),
leaves out indicators without data, and gives a group the set does not name an empty name."""
from dataclasses import replace

import ntmlib
from ntmlib.analysis import aggregate

from tests.helpers.tiny import NTM, tiny_copy


def rows(df, cols):
    return [tuple(r) for r in df[cols].itertuples(index=False)]


def test_groups_failing_as_often_keep_the_sets_order(tmp_path):
    # tiny-ntm's first group coded Z, so that its order and the codes' order differ; without B's 2.3 row
    # (no data, not failed) B fails 1.1 in group Z and 2.2 in group II: one each
    d = tiny_copy(tmp_path, drop=("B,2023,tiny-ntm,2.3,có",))
    yaml_file = d / "frameworks" / "tiny-ntm.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert text.count("{code: I, name:") == 1 and text.count("    group: I\n") == 1
    yaml_file.write_text(text.replace("{code: I, name:", "{code: Z, name:").replace("    group: I\n", "    group: Z\n"),
                         encoding="utf-8")
    card = ntmlib.score(d, year=2023)
    g = aggregate.failed_groups(card, 2023, NTM, communes=["B"])
    assert rows(g, ["group", "failed", "communes", "group_name"]) == [
        ("Z", 1, 1, "Quy hoạch và hạ tầng"), ("II", 1, 1, "Kinh tế và xã hội")]


def test_a_group_the_set_does_not_name_has_an_empty_name(tiny_card):
    unnamed = replace(tiny_card, sets={**tiny_card.sets, NTM: replace(tiny_card.sets[NTM], groups={})})
    g = aggregate.failed_groups(unnamed, 2023, NTM)
    assert rows(g, ["group", "failed", "group_name"]) == [("II", 3, ""), ("I", 1, "")]
