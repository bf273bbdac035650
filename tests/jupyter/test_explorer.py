"""The explorer of JupyterLab (ntmlib.jupyter.explorer), driven without a browser: its pickers' callbacks
are plain methods, so setting a picker's value (as a click does) redraws the HTML its panes hold.
And the results tables it shows: plain headers, tier names, units, green / red cells."""
import re
import shutil

import pytest

import ntmlib
from ntmlib.errors import DataError, ParameterError
from ntmlib.jupyter import explorer
from ntmlib.jupyter.explorer import resolve_set
from ntmlib.present import views
from ntmlib.present.grids import COLOURS

from tests.helpers.paths import LY_NHAN, TINY

NHAN_BINH, NGUYEN_LY = "13618", "13570"


@pytest.fixture
def ex(ly_nhan_card):
    return ntmlib.explore(ly_nhan_card, year=2023)


def counts(card, cid, year, set_id, lang="vi"):
    c = card.communes
    r = c[(c["commune_id"] == cid) & (c["year"] == year) & (c["set"] == set_id)].iloc[0]
    return ntmlib.counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, lang)


def grid_title(ex) -> str:
    return re.search(r'<span class="ntm-title">([^<]+)</span><span class="ntm-sub">([^<]+)</span>',
                     ex.panes["grid"].value).group(0)


@pytest.mark.slow
def test_choosing_a_commune_redraws_its_counts(ex):
    ex.commune.label = "Nhân Bình"
    assert ex.commune.value == NHAN_BINH and ex.criteria_set.value == "hanam-2022-ntm"
    assert "Nhân Bình" in grid_title(ex) and "18/19 tiêu chí, 55/57 chỉ tiêu" in grid_title(ex)
    assert 'data-commune="13618"' in ex.panes["grid"].value
    assert ex.summary() == "Xã Nhân Bình (huyện Lý Nhân), năm 2023, bộ NTM: 18/19 tiêu chí, 55/57 chỉ tiêu"
    assert "Xã Nhân Bình — huyện Lý Nhân, năm 2023" in ex.headline.value
    # the unmet indicators of NTM, with units, and the next steps
    unmet = ex.panes["unmet"].value
    assert "còn 2 chỉ tiêu của bộ NTM" in unmet
    assert all(t in unmet for t in ("15.1", "88,6 %", "≥ 90 %", "cần tăng 1,4 điểm %", "15.3", "≤ 16,5 %"))
    assert "Để đạt lại NTM" in ex.panes["steps"].value

    ex.commune.value = NGUYEN_LY
    assert "Nguyên Lý" in grid_title(ex) and "19/19 tiêu chí, 57/57 chỉ tiêu" in grid_title(ex)
    commune_panes = ex.headline.value + ex.panes["grid"].value + ex.panes["unmet"].value + ex.panes["steps"].value
    assert "Nhân Bình" not in commune_panes and "55/57" not in commune_panes
    assert '<tr data-commune="13618">' in ex.panes["heatmap"].value  # the district's heatmap has them all
    assert "đạt mọi chỉ tiêu của bộ NTM năm 2023" in ex.panes["unmet"].value


@pytest.mark.slow
def test_every_commune_shows_the_counts_it_scored(ly_nhan_card, ex):
    for name, cid in ex.commune.options:
        ex.commune.value = cid
        want = {s: counts(ly_nhan_card, cid, 2023, s) for s in ly_nhan_card.commune(cid, 2023)["set"]}
        shown = dict(re.findall(r'data-set="([^"]+)"[^>]*>.*?<p class="ntm-counts">([^<]+)</p>', ex.headline.value,
                                flags=re.DOTALL))
        assert shown == want, name
        assert want["hanam-2022-ntm"] in grid_title(ex) and name in grid_title(ex)
        assert f'data-selected="{cid}"' in ex.panes["heatmap"].value


def test_year_and_set_pickers(ly_nhan_card, ex):
    ex.commune.value = NHAN_BINH
    ex.year.value = 2022
    assert ex.commune.value == NHAN_BINH  # kept: scored that year too
    assert counts(ly_nhan_card, NHAN_BINH, 2022, "hanam-2022-ntm") in grid_title(ex) and "2022" in grid_title(ex)
    assert "data-change=" not in ex.panes["grid"].value  # 2021 was not scored: no ▲ / ▼
    ex.year.value = 2023
    assert "data-change=" in ex.panes["grid"].value  # against 2022
    assert [v for _, v in ex.criteria_set.options] == ["hanam-2022-ntm", "hanam-2022-nang-cao", "hanam-2022-kieu-mau"]
    assert [t for t, _ in ex.criteria_set.options] == ["NTM", "NTM nâng cao", "NTM kiểu mẫu"]

    ex.criteria_set.label = "NTM nâng cao"
    assert "17/19 tiêu chí, 71/75 chỉ tiêu" in grid_title(ex)
    assert all(t in ex.panes["unmet"].value for t in ("14.1", "≥ 95 %", "cần tăng 6,4 điểm %"))
    assert 'data-set="hanam-2022-nang-cao"' in ex.panes["heatmap"].value


@pytest.mark.slow
def test_one_redraw_per_choice(ex):
    before = ex.redraws
    ex.year.value = 2022  # refills the set and commune pickers: still one redraw
    ex.district.value = "Lý Nhân"  # unchanged: no redraw
    ex.commune.label = "Văn Lý"
    ex.select(year=2023, criteria_set="nang-cao", commune="Chân Lý")
    assert ex.redraws == before + 3


def test_the_commune_picker_offers_the_districts_scored_communes(ly_nhan_card, ex):
    # the new communes of 2026 belong to no district; 2023 opens on Lý Nhân, the district it has communes of
    assert ex.district.options == (("chưa rõ huyện", ""), ("Lý Nhân", "Lý Nhân")) and ex.district.value == "Lý Nhân"
    names = [n for n, _ in ex.commune.options]
    assert len(names) == 20 and "Thị trấn Vĩnh Trụ" not in names  # the town is not assessed
    assert names[:4] == ["Bắc Lý", "Chân Lý", "Chính Lý", "Công Lý"] and names[-1] == "Xuân Khê"
    assert names.index("Đức Lý") == names.index("Đạo Lý") + 1 < names.index("Hòa Hậu")  # Vietnamese order


@pytest.fixture(scope="module")
def three_districts(tmp_path_factory):
    """The tiny dataset with its communes in three districts, two of them named alike in two provinces,
    and a name that is markup."""
    d = tmp_path_factory.mktemp("explorer") / "tiny"
    shutil.copytree(TINY, d)
    (d / "communes.csv").write_text(
        "commune_id,commune,district,province,region,group,assessed\n"
        "A,An <b>,Thử,Thử nghiệm,DBSH,1,\n"
        "B,Bình,Khác,Thử nghiệm,DBSH,2,\n"
        "C,Cao,Khác,Tỉnh khác,TDMNPB,2,\n"
        "D,Thị trấn Đông,Thử,Thử nghiệm,DBSH,2,false\n", encoding="utf-8")
    return ntmlib.score(d)


def test_choosing_a_district_restricts_the_commune_picker(three_districts):
    ex = ntmlib.explore(three_districts)
    assert [k for k, _ in ex.district.options] == ["Khác (Thử nghiệm)", "Khác (Tỉnh khác)", "Thử"]
    ex.district.value = "Thử"
    assert ex.commune.options == (("An <b>", "A"),) and ex.commune.value == "A"
    assert 'data-commune="A"' in ex.panes["heatmap"].value and 'data-commune="B"' not in ex.panes["heatmap"].value
    ex.district.value = "Khác (Tỉnh khác)"
    assert ex.commune.options == (("Cao", "C"),)
    assert 'data-commune="C"' in ex.panes["heatmap"].value and 'data-commune="A"' not in ex.panes["heatmap"].value
    assert "Cao" in grid_title(ex)
    ex.select(commune="Bình")  # its district follows
    assert ex.district.value == "Khác (Thử nghiệm)" and ex.commune.options == (("Bình", "B"),)
    with pytest.raises(ParameterError, match="nhiều tỉnh"):
        ex.select(district="Khác")
    with pytest.raises(ParameterError, match="không thuộc huyện"):
        ex.select(district="Thử", commune="Bình")
    ex.select(district="thu", commune="A")
    # a name from the data is text, never markup
    assert "An <b>" not in ex.html and "An &lt;b&gt;" in ex.html
    table = explorer.communes_table(three_districts, criteria_set="tiny-ntm", district="Thử")
    assert list(table.data["Xã"]) == ["An <b>"]
    assert "An &lt;b&gt;" in table.to_html() and "An <b>" not in table.to_html()


@pytest.mark.slow
def test_steps_and_verdicts_are_those_of_the_commune_report(ex):
    ex.select(commune="Nhân Bình")
    report = views.commune_report(LY_NHAN, "Nhân Bình", 2023)
    assert report.steps_html() in ex.panes["steps"].value
    assert report.verdicts_html() in ex.headline.value


def test_the_explorer_displays_as_its_widget(ex):
    bundle = ex._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == ex.widget.model_id
    assert bundle["text/plain"] == ex.summary() == repr(ex)
    assert [ex.tabs.get_title(i) for i in range(4)] == ["Bản đồ nhiệt của huyện", "Tiêu chí của xã",
                                                        "Chỉ tiêu chưa đạt", "Việc cần làm"]
    assert [p.description for p in (ex.year, ex.criteria_set, ex.district, ex.commune)] == ["Năm", "Bộ tiêu chí",
                                                                                             "Huyện", "Xã"]


def test_in_english(ly_nhan_card):
    ex = ntmlib.explore(ly_nhan_card, year=2023, commune="Nhân Bình", lang="en")
    assert ex.summary() == "Nhân Bình commune (Lý Nhân district), 2023, NTM set: 18/19 criteria, 55/57 indicators"
    assert ex.criteria_set.options[1][0] == "advanced NTM" and ex.commune.description == "Commune"
    assert "raise by 1.4 points" in ex.panes["unmet"].value and "tiêu chí" not in ex.panes["grid"].value


def test_communes_table_reads_without_codes(ly_nhan_card):
    t = explorer.communes_table(ly_nhan_card, 2023, "ntm")
    assert list(t.data.columns) == ["Xã", "Kết quả", "Chưa có số liệu", "Đạt bộ tiêu chí", "Hạng đạt được",
                                    "Hạng đã công nhận"]
    row = t.data.set_index("Xã").loc["Nhân Bình"]
    assert row["Kết quả"] == "18/19 tiêu chí, 55/57 chỉ tiêu" and row["Đạt bộ tiêu chí"] == "Chưa đạt"
    assert row["Hạng đã công nhận"] == "NTM kiểu mẫu"
    assert list(t.data["Kết quả"].head(5)) == ["19/19 tiêu chí, 57/57 chỉ tiêu"] * 5  # most criteria met first
    page = t.to_html()
    assert "hanam-2022" not in page and "criteria_met" not in page and "tier_reached" not in page
    assert COLOURS["met"] in page and COLOURS["not_met"] in page
    assert "Nhân Bình" in repr(t) and "18/19 tiêu chí, 55/57 chỉ tiêu" in repr(t)
    both = explorer.communes_table(ly_nhan_card, 2023)  # every set, by tier name
    assert list(dict.fromkeys(both.data["Bộ tiêu chí"])) == ["NTM", "NTM nâng cao", "NTM kiểu mẫu"]
    assert len(both.data) == 60


def test_cells_are_green_or_red_by_result(ly_nhan_card):
    t = explorer.indicators_table(ly_nhan_card, "Nhân Bình", 2023, "ntm")
    page = t.to_html()
    cells = dict(re.findall(r'<td id="(T_\w+_row\d+_col\d+)"[^>]*>([^<]*)</td>', page))
    style = page[page.index("<style"):page.index("</style>")].split(">", 1)[1]
    coloured = {}
    for ids, css in re.findall(r"([^{}]+)\{([^}]*)\}", style):
        colour = re.search(r"background-color: (#\w+)", css)
        if colour:
            coloured.setdefault(colour.group(1), set()).update(cells[i.strip().lstrip("#")] for i in ids.split(","))
    assert coloured == {COLOURS["not_met"]: {"Chưa đạt"}, COLOURS["met"]: {"Đạt"}}
    # the same colours inline, for viewers that drop <style> (an untrusted notebook in JupyterLab)
    inline = re.findall(r'<td id="[^"]+" style="background-color: (#\w+);[^"]*"[^>]*>([^<]*)</td>', page)
    assert {(c, text) for c, text in inline} == {(COLOURS["not_met"], "Chưa đạt"), (COLOURS["met"], "Đạt")}
    assert len(inline) == 57
    assert len(re.findall(r'style="[^"]*white-space: nowrap', page)) == 57 * 6  # not the criterion, name columns
    assert 'class="ntm-x-table"' in t.to_html(class_="ntm-x-table") and 'class="ntm-x-table"' not in t.to_html()
    assert len(t.data) == 57 and (t.data["Kết quả"] == "Chưa đạt").sum() == 2


def test_indicators_table_has_units_and_sources(ly_nhan_card):
    t = explorer.indicators_table(ly_nhan_card, "nhan binh", 2023, "ntm", unmet_only=True)
    assert list(t.data.columns) == ["Tiêu chí", "Chỉ tiêu", "Tên chỉ tiêu", "Giá trị", "Ngưỡng", "Còn cần", "Kết quả",
                                    "Nguồn số liệu"]
    first = t.data.iloc[0]
    assert (first["Tiêu chí"], first["Chỉ tiêu"], first["Giá trị"], first["Ngưỡng"], first["Còn cần"]) == (
        "15. Y tế", "15.1", "88,6 %", "≥ 90 % †", "cần tăng 1,4 điểm %")
    assert first["Nguồn số liệu"].startswith("dòng ")
    en = explorer.indicators_table(ly_nhan_card, NHAN_BINH, 2023, unmet_only=True, lang="en")
    assert list(dict.fromkeys(en.data["Criteria set"])) == ["NTM", "advanced NTM"]
    assert en.data.iloc[0]["Still needed"] == "raise by 1.4 points"


@pytest.mark.parametrize("call,message", [
    (lambda c: ntmlib.explore(c, commune="Xã Không Có"), "không có xã 'Xã Không Có'"),
    (lambda c: ntmlib.explore(c, commune="Thị trấn Vĩnh Trụ"), "không có xã 'Thị trấn Vĩnh Trụ'"),
    (lambda c: ntmlib.explore(c, year=2031), "năm 2031 chưa được chấm"),
    (lambda c: ntmlib.explore(c, year=2023, criteria_set="xyz"), "không có bộ tiêu chí 'xyz' được chấm năm 2023"),
    (lambda c: ntmlib.explore(c, lang="fr"), "'fr' không hỗ trợ"),
    (lambda c: explorer.communes_table(c, 2023, "ntm", district="Bình Lục"), "Bình Lục"),
])
def test_a_wrong_name_says_what_there_is(ly_nhan_card, call, message):
    with pytest.raises((ParameterError, DataError)) as e:
        call(ly_nhan_card)
    assert message in str(e.value)


def test_explore_takes_a_folder(tmp_path):
    ex = ntmlib.explore(TINY, criteria_set="tiny-nc")
    assert ex.year.value == 2023 and ex.criteria_set.value == "tiny-nc" and ex.commune.label == "An"
    assert ex.panes["heatmap"].value and ex.panes["grid"].value


# ---- the criteria set a user names to the explorer (resolve_set, through dataset.resolve.set_id)


@pytest.mark.parametrize("ref,sid", [
    ("tiny-nc", "tiny-nc"),
    ("TINY-NTM", "tiny-ntm"),
    ("ntm", "tiny-ntm"),
    ("nang-cao", "tiny-nc"),
    ("NTM nâng cao", "tiny-nc"),
    ("advanced NTM", "tiny-nc"),
    ("ntm nang cao", "tiny-nc"),
    ("Bộ tiêu chí thử nghiệm xã nông thôn mới nâng cao", "tiny-nc"),
    ("thu nghiem xa nong thon moi", "tiny-ntm"),
])
def test_a_set_is_named_by_id_tier_or_name(tiny_card, ref, sid):
    assert resolve_set(tiny_card, ref, 2023) == sid


@pytest.mark.parametrize("ref", ["xyz", "kieu-mau", "tiny-prov-ntm"])
def test_a_set_not_scored_that_year_names_those_that_were(tiny_card, ref):
    with pytest.raises(ParameterError) as e:
        resolve_set(tiny_card, ref, 2023)
    assert str(e.value) == (f"bộ tiêu chí: không có bộ tiêu chí '{ref}' được chấm năm 2023 "
                            "(có: tiny-ntm (NTM), tiny-nc (NTM nâng cao))")
