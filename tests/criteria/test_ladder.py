"""The ladder of tiers read from the sets (ntmlib.criteria.ladder): each set's tier, rank and
requirement, the defaults of the three tiers of 2021–2025, and the errors of a tier without rank."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ntmlib.criteria.criteria_set import available_sets, load_set
from ntmlib.criteria.ladder import DEFAULT_LADDER, ladder_of
from ntmlib.errors import FrameworkError
from ntmlib.text import TIER_DTYPE, TIERS, tier_name, tier_rank


def test_every_built_in_set_declares_its_tier_rank_and_names():
    for sid in available_sets():
        s = load_set(sid)
        raw = yaml.safe_load(Path(s.path).read_text(encoding="utf-8"))
        assert {"tier", "tier_rank", "tier_name", "tier_name_en"} <= set(raw), sid
        assert (s.tier_rank, s.tier_name) == (TIERS.index(s.tier) + 1, tier_name(s.tier)), sid


def test_the_2021_2025_ladder_is_the_default_one():
    sets = [load_set(s) for s in ("vn-2021-kieu-mau", "vn-2021-ntm", "vn-2021-nang-cao")]
    ladder = ladder_of(sets)
    assert ladder.tiers == TIERS == DEFAULT_LADDER.tiers
    assert ladder.dtype == TIER_DTYPE
    assert ladder.above("ntm") == ("nang-cao", "kieu-mau") and ladder.above(None) == TIERS
    assert ladder.requires == {"ntm": None, "nang-cao": "ntm", "kieu-mau": "nang-cao"}
    assert ladder.names("en") == ["NTM", "advanced NTM", "model NTM"]


def _write(folder, sid: str, **keys) -> str:
    """A one-criterion set `sid` in `folder` with the tier keys given."""
    doc = {"id": sid, "name": f"Bộ {sid}", **keys, "period": [2026, 2030],
           "groups": [{"code": "I", "name": "Nhóm I"}],
           "criteria": [{"code": "1", "name": "Quy hoạch", "group": "I",
                         "indicators": [{"code": "1.1", "name": "Có quy hoạch", "rule": "yes",
                                         "confidence": "provisional"}]}]}
    path = folder / f"{sid}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_a_tier_a_set_declares_joins_the_ladder_by_its_rank(tmp_path):
    ntm = load_set("vn-2026-ntm")
    top = load_set(_write(tmp_path, "tinh-sinh-thai", tier="sinh-thai", tier_rank=3, tier_name="NTM sinh thái",
                          tier_name_en="ecological NTM", requires="hien-dai"))
    modern = load_set(_write(tmp_path, "tinh-hien-dai", tier="hien-dai"))  # a known tier: rank, names by default
    assert (modern.tier_rank, modern.tier_name, modern.requires) == (2, "NTM hiện đại", "ntm")
    ladder = ladder_of([top, ntm, modern])
    assert ladder.tiers == ("ntm", "hien-dai", "sinh-thai")
    assert ladder.above("ntm") == ("hien-dai", "sinh-thai")
    assert [tier_name(t, "en") for t in ladder] == ["NTM", "modern NTM", "ecological NTM"]
    assert tier_rank("sinh-thai") == 3
    # across periods: the union, ordered by (rank, code); hien-dai and nang-cao share rank 2
    both = ladder_of([ntm, modern, load_set("vn-2021-nang-cao"), load_set("vn-2021-kieu-mau")])
    assert both.tiers == ("ntm", "hien-dai", "nang-cao", "kieu-mau")
    # a recognition holds its tier and what that tier requires, never a tier of another line of the same rank
    assert both.held_by("ntm") == ("ntm", "hien-dai", "nang-cao", "kieu-mau")
    assert both.held_by("hien-dai") == ("hien-dai",)
    assert both.held_by("nang-cao") == ("nang-cao", "kieu-mau")
    assert ladder.held_by("hien-dai") == ("hien-dai", "sinh-thai") and ladder.held_by("sinh-thai") == ("sinh-thai",)
    # the tiers of recognitions alone (no set of theirs scored) keep their known requirements
    only = ladder_of([ntm, modern], extra=["kieu-mau", "nang-cao"])
    assert only.held_by("hien-dai") == ("hien-dai",) and only.held_by("ntm") == only.tiers


def test_a_tier_without_rank_or_ranked_below_what_it_requires_is_refused(tmp_path):
    with pytest.raises(FrameworkError) as e:
        load_set(_write(tmp_path, "tinh-a", tier="ntm-plus"))
    assert str(e.value.problems[0]) == ("tinh-a.yaml: tier: hạng 'ntm-plus' không phải ntm, nang-cao, kieu-mau, "
                                        "hien-dai: ghi thêm tier_rank (bậc của hạng, 1 là thấp nhất) và tier_name "
                                        "(tên hạng)")
    with pytest.raises(FrameworkError) as e:
        load_set(_write(tmp_path, "tinh-b", tier="hien-dai", requires="kieu-mau"))
    assert str(e.value.problems[0]) == ("tinh-b.yaml: requires: hạng yêu cầu 'kieu-mau' (bậc 3) phải thấp hơn hạng "
                                        "'hien-dai' của bộ (bậc 2)")
    with pytest.raises(FrameworkError) as e:
        load_set(_write(tmp_path, "tinh-c", tier="Hien Dai"))
    assert "tier" in str(e.value.problems[0]) and "Hien Dai" in str(e.value.problems[0])


def test_one_tier_with_two_ranks_cannot_make_a_ladder(tmp_path):
    a = load_set(_write(tmp_path, "tinh-x", tier="xanh", tier_rank=2, tier_name="NTM xanh"))
    b = load_set(_write(tmp_path, "tinh-y", tier="xanh", tier_rank=3, tier_name="NTM xanh"))
    with pytest.raises(FrameworkError) as e:
        ladder_of([a, b])
    assert "hạng 'xanh' có bậc 3 ở bộ tinh-y nhưng bậc 2 ở bộ tinh-x" in str(e.value.problems[0])


def test_a_tier_without_colours_of_its_own_is_drawn_by_its_rank():
    from ntmlib.present.maps import STYLE, map_marks, mark_name
    from ntmlib.present.plots import TIER_COLOURS, tier_colour
    from ntmlib.text.states import RANK_MARKERS

    marks = map_marks(("ntm", "hien-dai"))
    assert list(marks)[:4] == ["hien-dai", "ntm", "hien-dai/reached", "ntm/reached"]  # highest tier first
    assert marks["hien-dai"] == (*RANK_MARKERS[2], True) and marks["hien-dai/reached"] == (*RANK_MARKERS[2], False)
    assert marks["hien-dai"][:2] not in {v[:2] for k, v in STYLE.items()}  # told apart from every other mark
    assert map_marks() == STYLE  # the 2021–2025 ladder keeps its marks
    assert mark_name("hien-dai/reached", "vi") == "NTM hiện đại: đạt, chưa công nhận"
    assert tier_colour("hien-dai")[0] not in TIER_COLOURS.values() and tier_colour("ntm")[0] == TIER_COLOURS["ntm"]
