"""Mutants of ntmlib/present/bulletin.py that the fast tests left alive (docs/testing.md), killed here:
the remaining communes' line gives the range of their counts ('14-15/19') when they differ (tiny's
communes all have the same counts, so its bulletin shows single numbers only)."""
from ntmlib.present.bulletin import build


def test_remaining_communes_line_gives_ranges(ly_nhan_2023_card):
    b = build(ly_nhan_2023_card, 2023)
    texts = [getattr(blk, "text", "") or "" for s in b.sections for blk in s.blocks]
    line = next(t for t in texts if "Các xã còn lại" in t)
    assert line.startswith("Các xã còn lại: Qua rà soát đánh giá, các xã đạt 14-15/19 tiêu chí với 50-52/57 chỉ tiêu "
                           "nông thôn mới; đạt 10-13/19 tiêu chí với 55-57/75 chỉ tiêu nông thôn mới nâng cao.")
