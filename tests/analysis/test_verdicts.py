"""What a commune's results mean (ntmlib.analysis.verdicts) and how the reports say it (ntmlib.present.blocks,
ntmlib.present.views): verdicts with their reasons, next steps with units, the provisional-threshold
count, the readiness order against its stated rule, the bulletin as prose, Vietnamese order."""
import re

import pandas as pd
import pytest

from ntmlib.analysis import verdicts
from ntmlib.errors import ParameterError
from ntmlib.present import blocks
from ntmlib.present.bulletin import bulletin, to_html, to_markdown
from ntmlib.present.views import commune_report, district_report
from ntmlib.text import vi_sort_key

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN


def test_verdicts_tell_lapsed_from_never_reached_and_say_why(ly_nhan_card):
    nhan_binh = {v.tier: v for v in verdicts.commune_verdicts(ly_nhan_card, "13618", 2023)}
    # the seed bulletin: Nhân Bình (recognised kiểu mẫu) 18/19 NTM with health (15) missing
    ntm = nhan_binh["ntm"]
    assert (ntm.state, ntm.criteria_met, ntm.indicators_met) == ("lapsed", 18, 55)
    assert nhan_binh["ntm"].missing == (("15", "Y tế"),)
    assert [c for c, _ in nhan_binh["nang-cao"].missing] == ["14", "18"]
    # kiểu mẫu: its own 3/3 criteria are met; what is missing is the nâng cao prerequisite
    km = nhan_binh["kieu-mau"]
    assert (km.criteria_met, km.criteria_total, km.missing, km.prerequisite, km.state) == (
        3, 3, (), "nang-cao", "lapsed")
    # Xuân Khê meets and holds every tier it was recognised at
    xuan_khe = ly_nhan_card.dataset.commune_id("Xuân Khê")
    assert {v.state for v in verdicts.commune_verdicts(ly_nhan_card, xuan_khe, 2023)} == {"maintained"}
    # Văn Lý is recognised NTM only: NTM lapsed, nâng cao never reached
    van_ly_id = ly_nhan_card.dataset.commune_id("Văn Lý")
    van_ly = {v.tier: v.state for v in verdicts.commune_verdicts(ly_nhan_card, van_ly_id, 2023)}
    assert van_ly == {"ntm": "lapsed", "nang-cao": "not_reached", "kieu-mau": "not_reached"}
    html = blocks.verdicts_html(verdicts.commune_verdicts(ly_nhan_card, "13618", 2023), ly_nhan_card.sets)
    assert "Đã công nhận nhưng chưa duy trì" in html and "Còn thiếu 1 tiêu chí: 15. Y tế." in html
    assert "chưa đạt NTM nâng cao, điều kiện của hạng này" in html


def test_next_steps_are_the_unmet_indicators_of_the_next_tier_with_units(ly_nhan_card):
    cid = ly_nhan_card.dataset.commune_id("Văn Lý")
    steps = verdicts.next_steps(ly_nhan_card, cid, 2023)
    ind = ly_nhan_card.indicators
    unmet = ind[(ind["commune_id"] == cid) & (ind["year"] == 2023) & (ind["set"] == "hanam-2022-ntm")
                & ~ind["met"].fillna(False).astype(bool)]
    assert list(steps["indicator"]) == list(unmet["indicator"].astype(str)) == [
        "2.4", "12.2", "13.3", "15.1", "17.4", "17.6", "17.11", "17.12"]
    bhyt = steps.set_index("indicator").loc["15.1"]
    assert (bhyt["number"], bhyt["threshold"], bhyt["unit"], bhyt["gap"]) == (86.9, 90.0, "%", pytest.approx(-3.1))
    text = blocks.steps_html(steps, ly_nhan_card.sets)
    row = re.search(r'data-indicator="15.1".*?</tr>', text, flags=re.S).group(0)
    assert "86,9 %" in row and "≥ 90 %" in row and "cần tăng 3,1 điểm %" in row
    green = re.search(r'data-indicator="17.4".*?</tr>', text, flags=re.S).group(0)
    assert "1,8 m²/người" in green and "cần tăng 0,2 m²/người" in green
    assert text.count('class="ntm-group"') == 5  # grouped: one heading row per criterion, no repeated text
    lead = blocks.steps_lead(steps, verdicts.next_target(verdicts.commune_verdicts(ly_nhan_card, cid, 2023)), 2023)
    assert lead == "Để đạt lại NTM, xã cần khắc phục 8 chỉ tiêu thuộc 5 tiêu chí (xếp theo tiêu chí):"


def test_provisional_count_equals_the_count_from_the_sets(ly_nhan_card):
    r = commune_report(LY_NHAN, "Nhân Bình", 2023, scores=None)
    ind = ly_nhan_card.indicators
    judged = ind[(ind["commune_id"] == "13618") & (ind["year"] == 2023) & ind["met"].notna()]
    confidence = pd.concat([s.indicator_table() for s in ly_nhan_card.sets.values()])
    marks = dict(zip(zip(confidence["set"], confidence["indicator"]), confidence["confidence"]))
    expected = sum(marks[(s, i)] == "provisional" for s, i in zip(judged["set"], judged["indicator"]))
    assert r.provisional() == (expected, len(judged)) == (130, 135)
    shown = re.search(r'data-provisional="(\d+)" data-judged="(\d+)"', r.provisional_html()).groups()
    assert tuple(map(int, shown)) == (130, 135)
    assert "130 trong 135 kết quả chỉ tiêu của báo cáo này dựa trên ngưỡng tạm tính" in r.provisional_html()
    b = bulletin(LY_NHAN, 2023)
    assert b.provisional == verdicts.provisional_count(ly_nhan_card, 2023)
    assert b.notice.startswith(f"Ghi chú: {b.provisional[0]} trong {b.provisional[1]} kết quả chỉ tiêu")
    assert b.notice in to_markdown(b) and b.notice in to_html(b)


def test_readiness_order_follows_its_stated_rule(ly_nhan_card, ly_nhan_2023_scores):
    d = district_report(LY_NHAN, "Lý Nhân", 2023, scores=ly_nhan_2023_scores)
    table = d.readiness()
    totals = [tuple(int(re.match(r"\d+", str(x)).group(0)) for x in pair)
              for pair in zip(table["Số tiêu chí còn thiếu"], table["Số chỉ tiêu còn thiếu"])]
    assert totals == sorted(totals)  # fewest criteria (own + NTM) first, then fewest indicators
    first = dict(zip(table["Xã"], table["Số tiêu chí còn thiếu"]))
    assert first["Văn Lý"] == "10 (5 + 5 NTM)" and first["Chân Lý"] == "10 (6 + 4 NTM)"
    assert "tính cả tiêu chí của hạng phải đạt trước" in d.readiness_rule()


def test_bulletin_is_prose_not_code(ly_nhan_card):
    md = to_markdown(bulletin(LY_NHAN, 2023), level=3)
    assert not [ln for ln in md.splitlines() if ln.startswith("    ")]  # four spaces would make a code block
    assert md.startswith("### Bản tin") and "\n#### 2.1." in md
    page = to_html(bulletin(LY_NHAN, 2023))
    assert "<pre" not in page and "<code" not in page
    chinh_ly = re.search(r"<ul><li>Xã Chính Lý: đạt.*?</ul>", page).group(0)
    assert chinh_ly.count("<li>") == 2  # Chính Lý and Trần Hưng Đạo side by side, not one inside the other


def test_district_commune_table_is_ordered_and_linked(ly_nhan_card, ly_nhan_2023_scores):
    d = district_report(LY_NHAN, "Lý Nhân", 2023, links='{"13618": "xa-nhan-binh-13618.html"}',
                        scores=ly_nhan_2023_scores)
    names = list(d.communes()["Xã"])
    assert names[0] == "Xuân Khê" and names[-1] == "Bắc Lý"  # kiểu mẫu reached first, fewest criteria last
    assert '<a href="xa-nhan-binh-13618.html">Nhân Bình</a>' in d.communes_html()
    with pytest.raises(ParameterError, match="links"):
        district_report(LY_NHAN, "Lý Nhân", 2023, links="{not json")


def test_roadmap_names_criteria_and_gaps_in_words(ly_nhan_card, ly_nhan_2023_scores):
    d = district_report(LY_NHAN, "Lý Nhân", 2023, scores=ly_nhan_2023_scores)
    text = d.roadmap_html()
    first = re.search(r"<p><strong>1\. Chân Lý — còn thiếu 10 tiêu chí · 22 chỉ tiêu\.</strong>([^<]*)</p>", text)
    assert first, text[:300]
    assert ("Môi trường: tỷ lệ hộ gia đình thực hiện phân loại chất thải rắn tại nguồn cần tăng 21,1 điểm %"
            in first.group(1))
    assert text.count("<details") == len(d.roadmap_table()[["commune_id"]].drop_duplicates())


def test_vietnamese_alphabetical_order():
    names = ["Đạo Lý", "Duy Minh", "Bình Mỹ", "Bình Lục", "Ân Thi", "An Lão", "Ăn", "Ô Môn", "Ơn", "Oanh", "Hợp Lý",
             "Hòa Hậu"]
    assert sorted(names, key=vi_sort_key) == ["An Lão", "Ăn", "Ân Thi", "Bình Lục", "Bình Mỹ", "Duy Minh", "Đạo Lý",
                                              "Hòa Hậu", "Hợp Lý", "Oanh", "Ô Môn", "Ơn"]


def test_unmet_rows_of_many_communes_are_each_communes_indicator_rows_in_the_order_asked(ly_nhan_card):
    """The district report's roadmap takes every commune's unmet indicators in one pass: the same
    rows, columns and values as indicator_rows() per commune, communes in the order asked."""
    from ntmlib.analysis.trends import trends

    c = ly_nhan_card.upto(2023)
    ids = ["13618", "13588", "13567", "13630"]
    wanted = [(cid, s) for cid in ids for s in ("hanam-2022-nang-cao", "hanam-2022-ntm")]
    for table in (None, trends(c)):
        many = verdicts.unmet_rows(c, 2023, wanted, trend_table=table)
        assert list(dict.fromkeys(many["commune_id"])) == ids
        assert list(many.columns) == ["commune_id"] + verdicts.ROW_COLUMNS
        for cid in ids:
            one = verdicts.indicator_rows(c, cid, 2023, ["hanam-2022-ntm", "hanam-2022-nang-cao"], table)
            mine = many[many["commune_id"] == cid][verdicts.ROW_COLUMNS].reset_index(drop=True)
            assert_frame_equal(mine, one)
        # Nhân Bình misses health (15) in NTM, as the seed bulletin says: 2 indicators (57 - 55)
        nb = many[(many["commune_id"] == "13618") & (many["set"] == "hanam-2022-ntm")]
        assert len(nb) == 2 and set(nb["criterion"]) == {"15"}
    assert verdicts.unmet_rows(c, 2023, []).empty
    assert trends(c, communes=[]).empty


def test_a_commune_without_a_single_value_is_without_data_at_every_tier(tmp_path):
    # Đào (E) is registered and has no observation in 2023: its NTM is not reached, so its nâng
    # cao prerequisite does not hold, yet it is "no data" there too, never "not reached"
    import ntmlib
    from ntmlib.present.grids import heatmap_html

    from tests.helpers.paths import TINY
    from tests.helpers.tiny import tiny_copy

    d = tiny_copy(tmp_path)
    with open(d / "communes.csv", "a", encoding="utf-8") as f:
        f.write("E,Đào,Thử,Thử nghiệm,DBSH,2,\n")
    card = ntmlib.score(d, year=2023)
    got = verdicts.states(card, 2023)
    dao = got[got["commune_id"] == "E"].set_index("set")["state"].to_dict()
    assert dao == {"tiny-ntm": "no_data", "tiny-nc": "no_data"}
    rows = card.communes[(card.communes["commune_id"] == "E")].set_index("set")
    assert not rows.loc["tiny-nc", "prerequisite_met"] and rows.loc["tiny-nc", "indicators_total"] > 0
    # the other communes keep their states
    others = got[got["commune_id"] != "E"]
    before = verdicts.states(ntmlib.score(TINY, year=2023), 2023)
    assert others.reset_index(drop=True).equals(before.reset_index(drop=True))
    page = heatmap_html(card, 2023, "tiny-nc")
    row = page[page.index("Đào"):][:600]
    assert "ntm-st-no_data" in row and "ntm-st-not_reached" not in row
