"""Maps of communes (ntmlib.present.maps): a marker per commune at its official coordinates, coloured by the
tier reached, drawn once per district; a commune report's map is the district's with one ring."""
from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from ntmlib.dataset import units
from ntmlib.present import maps, views

from tests.helpers.paths import ROOT

SAMPLE = ROOT / "data" / "ly-nhan"
TINY = ROOT / "tests" / "data" / "tiny"


@pytest.fixture
def scores(ly_nhan_2023_scores):
    """The scores a batch hands district Lý Nhân for 2023 (scored once per session): the commune reports
    of these tests read them instead of scoring the sample each."""
    return ly_nhan_2023_scores


@pytest.fixture(scope="module")
def district():
    return views.district_report(SAMPLE, "Lý Nhân", 2023)


def _markers(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<use xlink:href="#[^"]+" x="([-\d.]+)" y="([-\d.]+)"', svg)]


def _near(a, b, tol=0.01) -> bool:
    return abs(a[0] - b[0]) < tol and abs(a[1] - b[1]) < tol


def test_the_points_are_the_official_coordinates(district):
    p = maps.points(district.card, 2023)
    official = units.old_units("Hà Nam", "Lý Nhân").set_index("code")
    assert len(p) == 21 and (p["source"] == "vietnamadminunits").all()
    assert p.set_index("commune_id")["lat"].equals(official["lat"].rename_axis("commune_id").reindex(p["commune_id"]))
    hop_ly = p.set_index("commune_id").loc["13567"]
    assert (hop_ly["label"], round(hop_ly["lat"], 6), round(hop_ly["lon"], 6)) == ("Hợp Lý", 20.608449, 105.996429)
    assert p.set_index("commune_id").at["13597", "label"] == "Vĩnh Trụ"  # 'Thị trấn' left out of the label
    tiers = p["tier"].value_counts().to_dict()
    assert tiers == {"": 15, "nang-cao": 3, "ntm": 1, "kieu-mau": 1, "not_assessed": 1}
    assert p.set_index("commune_id").at["13624", "tier"] == "kieu-mau"  # Xuân Khê
    # the markers follow the one vocabulary of states: 15 communes reaching no tier were all recognised,
    # so they are not 'not reached' but recognised and not maintained, as their cards say
    assert p["mark"].value_counts().to_dict() == {"lapsed": 16, "nang-cao": 3, "kieu-mau": 1, "not_assessed": 1}
    nhan_binh = p.set_index("commune").loc["Nhân Bình"]
    assert (nhan_binh["state"], nhan_binh["state_tier"], nhan_binh["tier"]) == ("lapsed", "kieu-mau", "")


def test_every_marker_is_drawn_at_its_coordinates(district):
    m, p = maps.district_map(district.card, 2023, "Lý Nhân")
    drawn = _markers(m.svg)
    assert len(drawn) == 21 + 4  # the communes, and one marker per state in the legend
    for r in p.itertuples():
        at = m.position(r.lon, r.lat)
        assert any(_near(at, d) for d in drawn), (r.commune, at)
    # north is up and east is right
    hop_ly, hoa_hau = (m.position(*p.set_index("commune").loc[n, ["lon", "lat"]]) for n in ("Hợp Lý", "Hòa Hậu"))
    assert hop_ly[1] < hoa_hau[1] and hop_ly[0] < hoa_hau[0]
    for name in ("Hợp Lý", "Nhân Bình", "Vĩnh Trụ", "Đã công nhận nhưng chưa duy trì (16)",
                 "NTM nâng cao: đạt, đã công nhận (3)", "NTM kiểu mẫu: đạt, đã công nhận (1)"):
        assert f">{name}<" in m.svg
    assert "<path" in m.svg and 'style="width:100%;max-width:640px;height:auto;' in m.svg
    assert len(m.svg) < 40_000  # a small SVG: text as text


def test_a_commune_map_is_the_district_map_with_a_ring_on_the_commune(district, scores):
    r = views.commune_report(SAMPLE, "Nhân Bình", 2023, scores=scores)
    html = r.map_html()
    m, p = maps.district_map(r.card, 2023, "Lý Nhân")
    ring = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', html)
    row = p.set_index("commune").loc["Nhân Bình"]
    assert _near((float(ring[1]), float(ring[2])), m.position(row["lon"], row["lat"]))
    assert ">Vị trí xã Nhân Bình trong huyện Lý Nhân<" in html and ">Các xã huyện Lý Nhân năm 2023<" not in html
    assert html.count("<svg") == 1 and _markers(html) == _markers(m.svg)  # nothing redrawn
    assert "nguồn: vietnamadminunits" in html
    # drawn once per district and year: another commune's map reuses it
    again = views.commune_report(SAMPLE, "Văn Lý", 2023, scores=scores)
    assert maps.district_map(again.card, 2023, "Lý Nhân")[0] is m
    en = views.commune_report(SAMPLE, "Nhân Bình", 2023, lang="en", scores=scores).map_html()
    assert ">Where Nhân Bình lies in Lý Nhân district<" in en and "Recognised but not maintained (16)" in en


def test_each_commune_map_key_bolds_its_own_commune_from_the_key_kept_with_the_map(district, scores):
    """The key under the map is numbered once per kept map; each commune report rings and bolds its own commune."""
    keys = {}
    for name in ("Nhân Bình", "Văn Lý", "Nhân Bình"):
        html = views.commune_report(SAMPLE, name, 2023, scores=scores).map_html()
        key = re.search(r'<div class="ntm-mapkey">.*?</div>', html, re.S)[0]
        assert re.findall(r"<b>(\d+) ([^<]+)</b>", key) == [(str(_number(district, name)), name)]
        assert len(re.findall(r"\d+ [^,<:]+", key.split("</p>", 1)[1])) >= 21  # every commune numbered
        keys.setdefault(name, key)
        assert keys[name] == key
    lists = [keys[n].split("<ul>", 1)[1].replace("<b>", "").replace("</b>", "") for n in ("Nhân Bình", "Văn Lý")]
    assert lists[0] == lists[1]  # the same numbered list, but for the commune in bold


def _number(district, name: str) -> int:
    """A commune's number on the sample district's map: its place in Vietnamese alphabetical order."""
    p = maps.points(district.card, 2023)
    return dict(zip(p["label"], maps.numbering(p["label"])))[name]


def test_a_unit_without_a_district_is_mapped_among_its_provinces_units_without_one(tmp_path):
    """After 1/7/2025 there are no districts: a unit's map shows its province's units, not every unit of the dataset."""
    d = tmp_path / "ly-nhan"
    shutil.copytree(SAMPLE, d)
    c = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
    moved = ["13591@2025-07-01", "13594@2025-07-01", "13597@2025-07-01"]  # Nam Xang, Trần Thương, Vĩnh Trụ
    c.loc[c["commune_id"].isin(moved), "province"] = "Hà Nam"
    c.to_csv(d / "communes.csv", index=False)
    r = views.commune_report(d, "13579@2025-07-01", 2026)  # Bắc Lý, Ninh Bình
    html = r.map_html()
    key = re.search(r'<div class="ntm-mapkey">.*?</div>', html, re.S)[0]
    assert re.findall(r"\d+ ([^,<]+)", key.split("<ul>", 1)[1]) == ["Bắc Lý", "Lý Nhân", "Nam Lý", "Nhân Hà"]
    # named after its province, not after an empty district
    title = "Vị trí xã Bắc Lý trong tỉnh Ninh Bình"
    assert f'aria-label="{title}"' in html and f"<b>{title}</b>" in key and f">{title}<" in html
    assert "huyện" not in html
    _, p = maps.district_map(r.card, 2026, "", province="Ninh Bình")
    assert sorted(p["label"]) == ["Bắc Lý", "Lý Nhân", "Nam Lý", "Nhân Hà"]
    assert len(_markers(html)) == 4 + len(set(p["mark"]))  # its province's four units, and the legend's markers
    _, every = maps.district_map(r.card, 2026, "")  # without a province: every unit without a district
    assert len(every) == 7


def test_a_new_commune_map_groups_its_predecessors(scores):
    r = views.commune_report(SAMPLE, "Nam Xang", 2023, scores=scores)
    html = r.map_html()
    assert ">Xã Nam Xang (từ 1/7/2025) và các xã tiền thân<" in html and ">Nam Xang<" in html
    assert "Đường đứt: phạm vi gần đúng (bao lồi) của các xã tiền thân hợp thành xã Nam Xang." in html


def test_coordinates_of_communes_csv_come_first_and_missing_ones_are_named(tmp_path, district):
    d = tmp_path / "ly-nhan"
    shutil.copytree(SAMPLE, d)
    c = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
    c["lat"], c["lon"] = "", ""
    c.loc[c["commune_id"] == "13567", ["lat", "lon"]] = ["20.61", "106.0"]
    c.to_csv(d / "communes.csv", index=False)
    r = views.district_report(d, "Lý Nhân", 2023)
    p = maps.points(r.card, 2023)
    assert p.set_index("commune_id").loc["13567", ["lat", "lon", "source"]].tolist() == [20.61, 106.0, "communes.csv"]
    assert (p.loc[p["commune_id"] != "13567", "source"] == "vietnamadminunits").all()
    html = r.map_html()
    assert "nguồn: communes.csv, vietnamadminunits" in html


def test_a_dataset_without_coordinates_says_so():
    r = views.district_report(TINY, "Thử", 2023)
    assert r.map_html() == ("<p>Không vẽ được bản đồ: không xã nào có tọa độ (thêm cột lat, lon vào communes.csv "
                            "hoặc cài gói vietnamadminunits).</p>")


def test_a_commune_without_coordinates_is_named_under_the_map(district):
    rows = tuple(maps.points(district.card, 2023).assign(
        lat=lambda p: p["lat"].where(p["commune"] != "Hòa Hậu")).pipe(
        lambda p: [(r.label, r.lon, r.lat, r.mark, r.south, r.west, r.north, r.east) for r in p.itertuples()]))
    m = maps._draw("Thử", rows, (), "vi")
    assert ">Không có tọa độ, không vẽ: Hòa Hậu<" in m.svg and len(_markers(m.svg)) == 20 + 4


def test_the_district_report_groups_its_communes_by_new_commune(district):
    html = district.map_html()
    assert html.count("<svg") == 2  # the tiers, then the new communes
    groups = html[html.index("Các xã huyện Lý Nhân hợp thành 7 xã mới từ 1/7/2025"):]
    for name in ("Lý Nhân", "Nam Xang", "Bắc Lý", "Trần Thương", "Vĩnh Trụ", "Nhân Hà", "Nam Lý"):
        assert f">{name} (3)<" in groups
    assert len(_markers(groups)) == 21 + 7  # every old commune once, and the legend
    assert views.district_report(TINY, "Thử", 2023).map_html().count("<svg") == 0  # no coordinates, no crosswalk


def test_another_kernel_reads_the_district_map_from_disk(district, tmp_path, monkeypatch, scores):
    monkeypatch.setenv(maps.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(maps, "_DISTRICT_MAPS", {})
    m, p = maps.district_map(district.card, 2023, "Lý Nhân")
    assert len(list(tmp_path.glob("*.json"))) == 1

    def no_drawing(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(maps, "_DISTRICT_MAPS", {})  # a new process
    monkeypatch.setattr(maps, "area_map_svg", no_drawing)
    monkeypatch.setattr(maps, "points", no_drawing)
    m2, p2 = maps.district_map(district.card, 2023, "Lý Nhân")
    assert m2 == m and p2.equals(p)
    own = views.commune_report(SAMPLE, "Nhân Bình", 2023, scores=scores)
    assert maps.commune_map_html(district.card, 2023, "13618") == own.map_html()
    monkeypatch.setenv(maps.CACHE_ENV, "")  # no disk cache: drawn again
    monkeypatch.setattr(maps, "_DISTRICT_MAPS", {})
    with pytest.raises(AssertionError, match="drawn again"):
        maps.district_map(district.card, 2023, "Lý Nhân")


def test_a_province_map_names_its_communes_only_when_few(district, monkeypatch):
    html = maps.province_map_html(district.card, 2023, "Hà Nam")
    assert ">Các xã tỉnh Hà Nam năm 2023<" in html and ">Hợp Lý<" in html and len(_markers(html)) == 21 + 4
    monkeypatch.setattr(maps, "LABELLED", 10)
    html = maps.province_map_html(district.card, 2023, "Hà Nam", lang="en")
    assert ">Communes of Hà Nam province, 2023<" in html and ">Hợp Lý<" not in html


def test_every_map_is_an_image_named_by_its_title(district, scores):
    for html in (district.map_html(), views.commune_report(SAMPLE, "Nhân Bình", 2023, scores=scores).map_html(),
                 views.commune_report(SAMPLE, "Nam Xang", 2023, scores=scores).map_html()):
        svgs = re.findall(r"<svg [^>]*>", html)
        assert svgs and all('role="img" aria-label="' in s for s in svgs), svgs
    assert '<svg role="img" aria-label="Vị trí xã Nhân Bình trong huyện Lý Nhân"' in \
        views.commune_report(SAMPLE, "Nhân Bình", 2023, scores=scores).map_html()


def test_a_map_without_points_read_from_disk_keeps_its_columns(tmp_path):
    # another kernel reads a kept map whose points table is empty (no commune of the area has a
    # place): the table it reads has the columns the pages ask for, so the page says there is no map
    empty = pd.DataFrame({"commune_id": pd.Series([], dtype=str), "lat": pd.Series([], dtype=float),
                          "lon": pd.Series([], dtype=float)})
    path = tmp_path / "m.json"
    maps._write_disk(path, maps.MapSvg("<svg></svg>", (1.0, 1.0), (0.0, 0.0)), empty)
    m, p = maps._read_disk(path)
    assert list(p.columns) == ["commune_id", "lat", "lon"] and p.empty and p["lat"].isna().all()
    assert m.svg == "<svg></svg>"
