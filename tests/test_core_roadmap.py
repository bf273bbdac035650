"""The roadmap's outlook by a target year (ntmlib.roadmap) on a variant of tests/data/tiny: the
threshold that applies that year and where it comes from (region, commune group, a year the set
does not cover), the projection at the recent rate, what is still needed, and the text the
command prints. These kill the mutants of roadmap.py that the other fast tests left alive."""
from __future__ import annotations

import math

import pytest
from test_core import NC, NTM, tiny_copy

import ntmlib
from ntmlib.errors import ParameterError
from ntmlib.roadmap import BY_COLUMNS, COLUMNS, roadmap, to_text


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    """tiny with: A's income 61 in 2023 (60 in 2022: +1 a year; threshold DBSH 62 in 2023, none
    for later years); B's poverty 2,6 % in 2022 (2,5 % in 2023, ceiling 2); B's temporary houses
    counted (2); C's green space 1,54321 m² (group 2: threshold 2). Only A and B hold NTM; C holds
    nothing, so every commune is a candidate for nâng cao and C for NTM."""
    d = tiny_copy(tmp_path_factory.mktemp("roadmap"),
                  change={'A,2023,tiny-ntm,2.1,"63,5"': "A,2023,tiny-ntm,2.1,61",
                          "B,2023,tiny-ntm,2.3,có": "B,2023,tiny-ntm,2.3,2",
                          'C,2023,tiny-ntm,3.2,"1,5"': 'C,2023,tiny-ntm,3.2,"1,54321"'},
                  add=('B,2022,tiny-ntm,2.2,"2,6"',))
    (d / "recognitions.csv").write_text("commune_id,tier,year,decision,note\nA,ntm,2019,,\nB,ntm,,,\n",
                                        encoding="utf-8")
    return ntmlib.score(d)


def outlook(rm):
    return {(r.commune_id, r.set, r.indicator): (r.threshold_by, r.threshold_by_basis, r.projected, r.outlook, r.extra)
            for r in rm.itertuples()}


def same(got, want):
    """Equal, NaN equal to NaN, numbers to 1e-9."""
    assert got.keys() == want.keys()
    for key in want:
        for g, w in zip(got[key], want[key]):
            if isinstance(w, float) and math.isnan(w):
                assert isinstance(g, float) and math.isnan(g), key
            else:
                assert g == (pytest.approx(w) if isinstance(w, float) else w), key


def test_outlook_by_next_year(card):
    rm = roadmap(card, 2023, "nang-cao", by=2024)
    assert list(rm.columns) == COLUMNS + BY_COLUMNS
    nan = math.nan
    same(outlook(rm), {
        # 61 + 1 = 62 reaches the 2023 threshold exactly (2024 has none: the 2023 one stays)
        ("A", NTM, "2.1"): (62.0, "vùng DBSH, năm 2023 (chưa có ngưỡng năm 2024)", 62.0, "closes", 0.0),
        # one year of data: no trend; 2 − 1,54321 still needed, to 4 decimals
        ("C", NTM, "3.2"): (2.0, "nhóm xã 2", nan, "no_trend", 0.4568),
        ("C", NC, "1.1"): (95.0, "chung", nan, "no_trend", 1.0),
        ("B", NTM, "1.1"): (100.0, "vùng DBSH", nan, "no_trend", 2.0),
        # 2,5 − 0,1 = 2,4 > 2: 0,4 more
        ("B", NTM, "2.2"): (2.0, "năm: mặc định", 2.4, "needs_more", 0.4),
        # a count of temporary houses is not a rate to project
        ("B", NTM, "2.3"): (nan, "", nan, "no_trend", nan),
        ("B", NTM, "3.2"): (2.0, "nhóm xã 2", nan, "no_trend", nan),
        ("B", NC, "1.1"): (95.0, "chung", nan, "no_trend", nan),
        ("B", NC, "1.2"): (nan, "", nan, "no_trend", nan)})
    assert rm.loc[rm["indicator"] == "2.2", "extra"].tolist() == [0.4]  # rounded, not 0.40000000000000036


def test_outlook_by_a_year_the_sets_do_not_cover(card):
    rm = roadmap(card, 2023, "nang-cao", by=2026)  # the sets end in 2025: today's thresholds stay
    got = outlook(rm)
    assert got[("B", NTM, "1.1")][:2] == (100.0, "vùng DBSH (chưa có ngưỡng năm 2026)")
    assert got[("C", NTM, "3.2")][:2] == (2.0, "nhóm xã 2 (chưa có ngưỡng năm 2026)")
    assert got[("B", NTM, "2.2")][2:] == (pytest.approx(2.2), "needs_more", 0.2)
    assert got[("A", NTM, "2.1")][2:] == (64.0, "closes", 0.0)


def test_outlook_year_before_the_assessment_is_refused_the_same_year_is_not(card):
    with pytest.raises(ParameterError) as e:
        roadmap(card, 2023, by=2022)
    assert str(e.value) == "năm mục tiêu: năm 2022 trước năm đánh giá 2023"
    rm = roadmap(card, 2023, by=2023)
    assert outlook(rm)[("B", NTM, "2.2")][2:] == (2.5, "needs_more", 0.5)


def test_text_in_english_with_outlook(card):
    rm = roadmap(card, 2023, "nang-cao", by=2024)
    text = to_text(rm, card, 2023, "nang-cao", "en").splitlines()
    assert text[:7] == [
        "Road to advanced NTM — 2023, target year 2024",
        "3 communes not yet recognised as advanced NTM, ranked by readiness (fewest missing first).",
        "",
        "1. An — missing 1 criteria, 1 indicators (of which NTM: 1 criteria, 1 indicators)",
        "   Tier Code                    Indicator Value Threshold Missing                            By 2024",
        "    NTM  2.1 Thu nhập bình quân đầu người    61      ≥ 62       1 met before 2024 at the recent rate",
        ""]
    bình = text[text.index("3. Bình — missing 4 criteria, 6 indicators (of which NTM: 3 criteria, 4 indicators)"):]
    assert [line.split() for line in bình[3:5]] == [
        ["NTM", "2.2", "Tỷ", "lệ", "nghèo", "đa", "chiều", "2.5", "%", "≤", "2", "0.5", "needs", "0.4", "more"],
        ["NTM", "2.3", "Nhà", "tạm,", "dột", "nát", "2", "None"]]
    assert bình[5].split() == ["NTM", "3.2", "Đất", "cây", "xanh", "công", "cộng", "no", "data", "≥", "2", "?"]
    assert text[-1] == "  - 1 communes have no data (có tuyến đường hoa, cây xanh) (indicator 1.2, advanced NTM)."


def test_text_when_nobody_is_left(tiny_card):
    rm = roadmap(tiny_card, 2023, "ntm")  # A, B and C all hold NTM
    assert rm.empty
    assert to_text(rm, tiny_card, 2023, "ntm", "en") == (
        "Road to NTM — 2023\nEvery commune is already recognised as NTM or meets all its indicators.")
