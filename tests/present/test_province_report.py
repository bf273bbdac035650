"""The province report's view: every figure it shows is recounted here from the score tables
(the communes, criteria and indicators tables and communes.csv), not read back from
ntmlib.analysis.province; its words and layout (cards on a phone, the crowded map)."""
import re

import pandas as pd
import pytest

from ntmlib.errors import ParameterError
from ntmlib.present import maps
from ntmlib.present.province_report import ProvinceReport, cards_html, check_province_year, report_communes

from tests.helpers.paths import LY_NHAN


def _report(card, province, year, lang="vi"):
    ds = card.dataset
    return ProvinceReport(ds, card.subset(report_communes(ds, province)), province, year, lang)


def _ntm_rows(card, province, year):
    """The province's NTM rows of the communes table that year, with each commune's group."""
    ds = card.dataset
    mine = set(ds.communes.loc[ds.communes["province"] == province, "commune_id"])
    c = card.communes
    c = c[(c["year"] == year) & (c["tier"].astype(str) == "ntm") & c["commune_id"].isin(mine)]
    groups = ds.communes.set_index("commune_id")["commune_group"].fillna("")
    return c.assign(group=c["commune_id"].map(groups).astype(str))


@pytest.fixture(scope="module")
def p2026(ly_nhan_card):
    return _report(ly_nhan_card, "Ninh Bình", 2026)


def test_the_lead_and_tiles_recount_the_communes_table(ly_nhan_card, p2026):
    rows = _ntm_rows(ly_nhan_card, "Ninh Bình", 2026)
    reaching = int(rows["reaches"].sum())
    recognised = int((rows["reaches"] & rows["recognised"]).sum())
    assert (len(rows), reaching, recognised) == (7, 1, 0)
    pct = f"{100 * reaching / len(rows):.1f}".replace(".", ",")
    assert p2026.lead().startswith(f"Toàn tỉnh có {reaching}/{len(rows)} xã đạt chuẩn nông thôn mới ({pct} %), "
                                   f"trong đó {reaching - recognised} xã đạt theo kết quả rà soát, "
                                   "chưa được công nhận.")
    # the bulletin opens with the same sentence
    from ntmlib.present.province_bulletin import build
    first = build(ly_nhan_card, 2026, "Ninh Bình").sections[0].blocks[0].text
    assert first.startswith(p2026.lead().split(" Chấm theo")[0])
    tiles = dict(re.findall(r'data-state="(\w+)" data-n="(\d+)"', p2026.verdict_html()))
    assert int(tiles["reached"]) == int((rows["reaches"] & ~rows["recognised"]).sum()) == 1
    assert int(tiles["maintained"]) == recognised
    assert int(tiles["not_reached"]) == int((~rows["reaches"] & ~rows["recognised"]).sum()) == 6
    assert sum(map(int, tiles.values())) == len(rows)


def test_group_lines_recount_each_commune_group(ly_nhan_card, p2026):
    rows = _ntm_rows(ly_nhan_card, "Ninh Bình", 2026)
    expected = []
    for g in sorted(rows["group"].unique()):
        mine = rows[rows["group"] == g]
        n, k = len(mine), int(mine["reaches"].sum())
        pct = f"{100 * k / n:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        expected.append(f"Nhóm xã {g}: {k}/{n} xã đạt chuẩn ({pct} %).")
    assert p2026.group_lines() == expected == ["Nhóm xã 1: 0/1 xã đạt chuẩn (0 %).",
                                               "Nhóm xã 2: 1/6 xã đạt chuẩn (16,7 %)."]
    table = p2026.states_table()
    assert list(table["Nhóm xã"]) == ["Nhóm xã 1", "Nhóm xã 2", "Toàn tỉnh"]
    assert list(table["Số xã"]) == [1, 6, 7] and list(table["Đạt chuẩn"])[-1] == "1 (14,3 %)"


def test_state_bars_recount_each_group_and_write_a_striped_parts_count_on_a_label(ly_nhan_card, p2026):
    """One bar per commune group and the province; each part is a state with its count, as many
    communes as the communes table gives; a striped part (reached, not recognised) has its count
    on a white label, readable on both its stripes."""
    rows = _ntm_rows(ly_nhan_card, "Ninh Bình", 2026)
    bars = re.findall(r'<div class="ntm-bar" role="img" aria-label="([^"]*)">(.*?)</div>', p2026.states_chart_html())
    assert [label.split(":")[0] for label, _ in bars] == ["Nhóm xã 1", "Nhóm xã 2", "Toàn tỉnh"]
    for (label, parts), mine in zip(bars, [rows[rows["group"] == "1"], rows[rows["group"] == "2"], rows]):
        shown = re.findall(r'<span( class="ntm-striped")? style="[^"]*" title="([^:"]+): (\d+)"><b>(\d+)</b></span>',
                           parts)
        assert sum(int(n) for *_, n in shown) == len(mine), label
        reached = int((mine["reaches"] & ~mine["recognised"]).sum())
        assert [(bool(striped), int(n)) for striped, state, _, n in shown if state.startswith("Đạt theo kết quả")] == \
            ([(True, reached)] if reached else [])
        assert all(not striped for striped, state, *_ in shown if state == "Chưa đạt")
    assert ".ntm-bar span.ntm-striped b{background:#fff;color:#101828" in p2026.states_chart_html()


def test_criteria_lines_and_table_recount_the_criteria_table(ly_nhan_card, p2026):
    rows = _ntm_rows(ly_nhan_card, "Ninh Bình", 2026)
    cr = ly_nhan_card.criteria
    cr = cr[(cr["year"] == 2026) & cr["commune_id"].isin(set(rows["commune_id"])) & (cr["set"] == "vn-2026-ntm")]
    met = {str(k): int(v) for k, v in cr.groupby("criterion", observed=True)["met"].apply(
        lambda s: sum(x is True or x == True for x in s.dropna())).items()}  # noqa: E712
    lines = p2026.criteria_lines()
    assert len(lines) == 10
    for line in lines:
        m = re.fullmatch(r"(\d+)/7 xã đạt tiêu chí (\d+)\. .+", line)
        assert m and int(m.group(1)) == met[m.group(2)], line
    counts = [int(re.match(r"\d+", x).group()) for x in lines]
    assert counts == sorted(counts, reverse=True)
    table = p2026.criteria_table()
    assert list(table["Số xã đạt"]) == [f"{c}/7" for c in counts]
    assert all(f'aria-label="{line}"' in p2026.criteria_chart_html() for line in lines)


def test_bands_recount_criteria_met(ly_nhan_card, p2026):
    rows = _ntm_rows(ly_nhan_card, "Ninh Bình", 2026)
    met = rows["criteria_met"].tolist()
    t = p2026.bands_table()
    assert list(t["Số tiêu chí đạt"]) == ["10/10", "8–9/10", "5–7/10", "0–4/10"]
    assert list(t["Số xã"]) == [sum(m == 10 for m in met), sum(8 <= m <= 9 for m in met),
                                sum(5 <= m <= 7 for m in met), sum(m <= 4 for m in met)] == [1, 4, 2, 0]


def test_nearest_communes_show_their_unmet_values_against_the_requirement(ly_nhan_card, p2026):
    t = p2026.nearest_table().set_index("Xã")
    rows = _ntm_rows(ly_nhan_card, "Ninh Bình", 2026).set_index("commune")
    assert set(t.index) == set(rows.index[~rows["reaches"].astype(bool)])  # every commune not reaching, 6 < 10
    ind = ly_nhan_card.indicators
    vt = rows.at["Vĩnh Trụ", "commune_id"]
    unmet = ind[(ind["commune_id"] == vt) & (ind["year"] == 2026) & (ind["set"] == "vn-2026-ntm")
                & ind["met"].eq(False).fillna(False)]
    assert sorted(unmet["indicator"].astype(str)) == ["3.2", "6.1"]
    poor = unmet[unmet["indicator"].astype(str) == "6.1"].iloc[0]
    assert (poor["number"], poor["threshold"]) == (1.5, 1)
    assert t.at["Vĩnh Trụ", "Chỉ tiêu chưa đạt xa ngưỡng nhất"][0] == "6.1 Tỷ lệ nghèo đa chiều 1,5 % (yêu cầu ≤ 1 %)"
    assert t.at["Vĩnh Trụ", "Kết quả"] == (f"{rows.at['Vĩnh Trụ', 'criteria_met']}/10 tiêu chí, "
                                          f"{rows.at['Vĩnh Trụ', 'indicators_met']}/31 chỉ tiêu")


def test_targets_say_the_gap_and_their_source(p2026):
    html = p2026.targets_html()
    assert "còn 4 xã để đạt mục tiêu 65 % năm 2030" in html  # ceil(0.65 × 7) = 5 communes, 1 reaches
    assert "Nguồn mục tiêu: Mục tiêu cả nước theo tin báo chí, không phải văn bản quyết định" in html


def test_no_targets_no_section(ly_nhan_card):
    from dataclasses import replace

    from ntmlib.scoring.scorecard import Scorecard

    card = ly_nhan_card.subset(report_communes(ly_nhan_card.dataset, "Ninh Bình"))
    ds = replace(card.dataset, meta={k: v for k, v in card.dataset.meta.items() if k != "targets"})
    bare = Scorecard(card.indicators, card.criteria, card.communes, card.sets, ds, card.provenance)
    assert ProvinceReport(ds, bare, "Ninh Bình", 2026).targets_html() == ""


def test_each_new_commune_lists_its_predecessors_last_results(ly_nhan_card, p2026):
    t = p2026.origins_table()
    cw = pd.read_csv(LY_NHAN / "crosswalk.csv", dtype=str)
    assert len(t) == len(cw) == 21
    c = ly_nhan_card.communes
    for r in t.itertuples():
        if r.Năm == "":
            assert r._4 == "không đánh giá"  # Thị trấn Vĩnh Trụ
            continue
        row = c[(c["commune"] == r._2) & (c["year"] == int(r.Năm)) & (c["tier"].astype(str) == "ntm")].iloc[0]
        assert int(r.Năm) == 2023 and r._4 == (f"{row['criteria_met']}/19 tiêu chí, "
                                                f"{row['indicators_met']}/57 chỉ tiêu"), r


def test_a_year_with_districts_has_one_row_per_district_and_its_lapsed_communes(ly_nhan_card):
    p = _report(ly_nhan_card, "Hà Nam", 2023)
    rows = _ntm_rows(ly_nhan_card, "Hà Nam", 2023)
    d = p.districts_table()
    assert list(d["Huyện"]) == ["Lý Nhân"] and list(d["Số xã"]) == [len(rows)] == [20]
    assert list(d["Đạt chuẩn"]) == [f"{int(rows['reaches'].sum())} (25 %)"]
    c = ly_nhan_card.communes
    c = c[(c["year"] == 2023) & c["commune_id"].isin(set(rows["commune_id"]))]
    lapsed = c[c["recognised"].astype(bool) & ~c["reaches"].astype(bool)]
    assert len(p.lapsed_table()) == len(lapsed) == 25
    assert p.origins_table().empty and p.group_lines() == []
    assert "nông thôn mới nâng cao" in p.lead() and "nông thôn mới kiểu mẫu" in p.lead()


def test_in_english(ly_nhan_card):
    p = _report(ly_nhan_card, "Ninh Bình", 2026, lang="en")
    assert p.lead().startswith("1/7 communes of the province meet the NTM standard (14.3 %), of which 1 commune ")
    assert p.criteria_lines()[-1].startswith("3/7 communes meet criterion ")
    assert "required ≤ 1 %" in p.nearest_html()


def test_tables_become_labelled_cards_on_a_phone():
    df = pd.DataFrame({"Xã": ["A", "B"], "Nhóm xã": ["1", "2"], "Chỉ tiêu": [["x (yêu cầu ≥ 1)", "y"], []]})
    html = cards_html(df)
    assert 'class="ntm-steps ntm-cards"' in html
    assert html.count('data-label="Nhóm xã"') == 2 and html.count('data-label="Chỉ tiêu"') == 2
    assert "<td>A</td>" in html and "x (yêu cầu ≥ 1)<br>y" in html
    assert "@media (max-width:600px)" in html  # the cards' own style sheet comes with the table


def test_a_province_without_communes_that_year_is_refused(ly_nhan_card):
    with pytest.raises(ParameterError, match=r"tỉnh Ninh Bình không có xã nào được chấm năm 2023 \(tỉnh có xã "
                                             r"được chấm các năm: 2026\)"):
        check_province_year(ly_nhan_card.dataset, "Ninh Bình", 2023)
    check_province_year(ly_nhan_card.dataset, "Hà Nam", 2023)


def test_a_crowded_map_names_only_the_communes_the_report_lists(p2026, monkeypatch):
    monkeypatch.setenv(maps.CACHE_ENV, "")
    monkeypatch.setattr(maps, "_DISTRICT_MAPS", {})
    html = p2026.map_html()
    assert all(f">{n}<" in html for n in ("Nam Xang", "Vĩnh Trụ", "Lý Nhân"))  # 7 communes: all named
    monkeypatch.setattr(maps, "LABELLED", 5)
    named = p2026.named_on_map()
    assert len(named) == 6  # the six not reaching; Nam Xang reaches
    html = maps.province_map_html(p2026.card, 2026, "Ninh Bình", named=named[:2])
    shown = [n for n in ("Lý Nhân", "Bắc Lý", "Nam Xang", "Vĩnh Trụ") if f">{n}<" in html]
    assert shown == ["Lý Nhân", "Bắc Lý"]
    assert "Bản đồ có 7 xã; chỉ ghi tên 2 xã gần đạt chuẩn hoặc chưa duy trì" in html
