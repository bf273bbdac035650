"""One vocabulary of commune states: the card, the index, the maps, the heatmap, the bulletin and
the score workbook of the sample say the same state for the same commune, decided once by
ntmlib.analysis.verdicts and worded once by ntmlib.text.states."""
import html
import json
import re

import openpyxl
import pytest

from ntmlib.analysis.verdicts import headline_states, states
from ntmlib.office.score_workbook import sheet_titles
from ntmlib.present import bulletin, grids, maps, views
from ntmlib.run.index import script_json, write_index
from ntmlib.text import STATE_TEXT, STATES, headline_text, state_text
from ntmlib.text.states import STATE_SHORT

from tests.helpers.paths import LY_NHAN

YEAR = 2023
NHAN_BINH = "13618"


@pytest.fixture(scope="module")
def card(ly_nhan_2023_card):
    return ly_nhan_2023_card


@pytest.fixture(scope="module")
def per_tier(card):
    return states(card, YEAR).set_index(["commune_id", "set"])["state"]


@pytest.fixture(scope="module")
def head(card):
    return headline_states(card, YEAR).set_index("commune_id")


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def test_the_vocabulary_has_six_states_in_both_languages():
    assert STATES == ("maintained", "reached", "lapsed", "not_reached", "undecided", "no_data")
    assert [STATE_TEXT["vi"][s] for s in STATES] == [
        "Đạt và đã công nhận", "Đạt theo kết quả (chưa công nhận)", "Đã công nhận nhưng chưa duy trì", "Chưa đạt",
        "Chưa xác định (chưa có ngưỡng)", "Chưa có số liệu"]
    assert set(STATE_SHORT["en"]) == set(STATES) and state_text("lapsed", "en") == "Recognised but not maintained"


def test_nhan_binh_reads_the_same_everywhere(card, head):
    # recognised kiểu mẫu, 18/19 NTM criteria in 2023: recognised but not maintained at every tier
    assert states(card, YEAR).query("commune_id == @NHAN_BINH")["state"].tolist() == ["lapsed"] * 3
    assert tuple(head.loc[NHAN_BINH, ["tier", "state", "reached"]]) == ("kieu-mau", "lapsed", "")
    line = "NTM kiểu mẫu: Đã công nhận nhưng chưa duy trì"
    assert headline_text(*head.loc[NHAN_BINH, ["tier", "state", "reached", "undecided"]]) == line
    card_html = views.commune_report(LY_NHAN, "Nhân Bình", YEAR).verdicts_html()
    assert card_html.count('data-state="lapsed"') == 3 and "⚠ Đã công nhận nhưng chưa duy trì" in _text(card_html)
    assert maps.points(card, YEAR).set_index("commune_id").at[NHAN_BINH, "mark"] == "lapsed"
    assert bulletin.build(card, YEAR).table.set_index("Xã").at["Nhân Bình", "Tình trạng"] == line


def test_every_page_and_document_uses_the_same_states(card, per_tier, head, tmp_path, ly_nhan_2023_scores,
                                                      ly_nhan_2023_workbook):
    # the cards: one per set, each with the state of that commune and set (as a batch renders them)
    for cid in head.index:
        name = card.communes.loc[card.communes["commune_id"] == cid, "commune"].iloc[0]
        cards = views.commune_report(LY_NHAN, name, YEAR, scores=ly_nhan_2023_scores).verdicts_html()
        shown = dict(re.findall(r'data-set="([^"]+)" data-state="([^"]+)"', cards))
        assert shown == {s: per_tier[(cid, s)] for s in shown} and len(shown) == 3, name
        for st in shown.values():
            assert state_text(st) in _text(cards)
    # the heatmap of each set: the state under each commune's name
    for sid in card.sets:
        hm = grids.heatmap_html(card, YEAR, sid)
        rows = re.findall(r'<tr data-commune="(\d+)"><th scope="row" class="ntm-rowhead" '
                          r'data-commune-state="([a-z_]+)">.*?<span aria-hidden="true">.</span> ([^<]+)</span>', hm)
        assert len(rows) == 20
        for cid, st, words in rows:
            assert st == per_tier[(cid, sid)] and words == state_text(st, short=True)
    # the maps: the marker of the commune's headline state, and the legend counts them
    p = maps.points(card, YEAR).set_index("commune_id")
    for cid, r in head.iterrows():
        assert p.at[cid, "state"] == r["state"]
        assert p.at[cid, "mark"] == (r["tier"] if r["state"] == "maintained" else
                                     f"{r['tier']}/reached" if r["state"] == "reached" else r["state"])
    svg = maps.district_map(card, YEAR, "Lý Nhân")[0].svg
    assert f">{state_text('lapsed')} ({(head['state'] == 'lapsed').sum()})<" in svg
    # the bulletin's table
    table = bulletin.build(card, YEAR).table.set_index("Xã")
    names = card.communes.drop_duplicates("commune_id").set_index("commune_id")["commune"]
    for cid, r in head.iterrows():
        assert table.at[names[cid], "Tình trạng"] == headline_text(r["tier"], r["state"], r["reached"],
                                                                   r["undecided"])
    # the score workbook: a state column on each set's results sheet, the commune's state at that set
    wb = openpyxl.load_workbook(ly_nhan_2023_workbook, read_only=True)  # write_score_workbook(card)
    checked = 0
    for sid, title in sheet_titles(card.sets.values()).items():
        rows = list(wb[title].iter_rows(values_only=True))
        k = next(k for k, r in enumerate(rows) if r and "Tình trạng" in r)
        col = {h: j for j, h in enumerate(rows[k])}
        for r in rows[k + 1:]:
            if r[col["Năm"]] == YEAR:
                assert r[col["Tình trạng"]] == state_text(per_tier[(str(r[col["Mã xã"]]), sid)])
                checked += 1
    assert checked == 60  # 20 communes × 3 sets
    # the index: the commune's headline state and its state at each tier
    entries = [{"kind": "commune", "target": cid, "label": names[cid], "year": YEAR, "status": "ok",
                "outputs": [f"{YEAR}/xa-{cid}.html"]} for cid in head.index]
    page = write_index(tmp_path, entries, card).read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr data-i="\d+"><td>Xã ([^<]+)</td>.*?<span class="st st-([a-z_]+)">', page))
    assert rows == {names[cid]: r["state"] for cid, r in head.iterrows()}
    for cid, r in head.iterrows():
        assert headline_text(r["tier"], r["state"], r["reached"], r["undecided"]) in _text(page)
    data = json.loads(re.search(r'<script type="application/json" id="index-data">(.*?)</script>', page, re.S)[1])
    assert {d["name"]: d["state"] for d in data} == rows


def test_the_index_counts_filters_and_searches(card, head, tmp_path):
    names = card.communes.drop_duplicates("commune_id").set_index("commune_id")["commune"]
    entries = [{"kind": "district", "target": "Lý Nhân", "label": "Lý Nhân", "year": YEAR, "status": "ok",
                "outputs": [f"{YEAR}/huyen-ly-nhan.html"]}]
    entries += [{"kind": "commune", "target": cid, "label": names[cid], "year": YEAR, "status": "ok",
                 "outputs": [f"{YEAR}/xa-{cid}.html"]} for cid in head.index]
    page = write_index(tmp_path, entries, card).read_text(encoding="utf-8")
    counts = head["state"].value_counts()
    tally = re.search(r'<table class="counts">.*?</table>', page, re.S)[0]
    assert re.findall(r'<td class="num">(\d+)</td>', tally) == [str(counts[s]) for s in STATES if s in counts] + ["20"]
    for select in ("f-state", "f-district", "f-year", "f-name"):
        assert f'id="{select}"' in page
    assert '<option value="lapsed">Đã công nhận nhưng chưa duy trì</option>' in page
    assert "http" not in re.sub(r'href="[^"]*"', "", page)  # nothing from the network
    order = re.findall(r"<td>Xã ([^<]+)</td>", page)
    assert order[:3] == ["Bắc Lý", "Chân Lý", "Chính Lý"] and order.index("Đạo Lý") > order.index("Công Lý")
    assert "normalize('NFD')" in page  # the search ignores diacritics
    # printed: A4 with the page's title at the top of each page, without the filters
    assert "@page { size: A4;" in page and '@top-left { content: "Báo cáo nông thôn mới";' in page
    assert "@media print{.filters,.shown{display:none!important}}" in page


def test_script_json_cannot_end_its_script_element():
    text = script_json([{"name": "</script><script>alert(1)</script><!--"}])
    assert "<" not in text and ">" not in text and json.loads(text) == [
        {"name": "</script><script>alert(1)</script><!--"}]
