"""Criteria sets (ntmlib.criteria.criteria_set): loading a set and the problems a broken one shows; the
2026–2030 set (thresholds by commune group), commune groups in data, and a province set."""
import shutil

import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib import DataError, FrameworkError, load_set
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import FRAMEWORK_DIR

from tests.helpers.paths import DATA, LY_NHAN, TINY

EXAMPLES = LY_NHAN.parent / "examples"
NHOM_XA = EXAMPLES / "nhom-xa-2026"
TINH_MAU = EXAMPLES / "tinh-mau"
PROVINCE_SET = TINH_MAU / "frameworks" / "tinh-mau-2026-ntm.yaml"

# the ten criteria as published (vietnamplus.vn post1085735), in order
CRITERIA_2026 = [
    "Quy hoạch", "Hạ tầng kinh tế - xã hội", "Phát triển kinh tế nông thôn", "Đào tạo nguồn nhân lực nông thôn",
    "Văn hóa, giáo dục, y tế", "Giảm nghèo và an sinh xã hội", "Khoa học công nghệ và chuyển đổi số",
    "Môi trường và cảnh quan nông thôn", "Xây dựng hệ thống chính trị và hành chính công",
    "Tiếp cận pháp luật và an ninh, quốc phòng",
]


def test_2026_set_loads_with_ten_criteria_and_declares_47_indicators():
    s = load_set("vn-2026-ntm")
    assert s.period == (2026, 2030) and s.tier == "ntm" and s.source["decision"] == "51/2025/QĐ-TTg"
    assert [c.name for c in s.criteria] == CRITERIA_2026
    assert s.declared == {"criteria": 10, "indicators": 47}
    assert (s.indicators_total, s.missing_count) == (31, 16)  # as the file's notes and source say
    assert "31/47" in s.source["note"]
    assert list(s.commune_groups) == ["1", "2", "3"]
    assert s.needs_commune_group
    # nothing is confirmed at indicator level yet, and every indicator says where it comes from
    assert {i.confidence for i in s.indicators} == {"provisional"}
    assert all("QĐ 51/2025/QĐ-TTg" in i.source for i in s.indicators)


def test_2026_indicators_share_measures_with_the_2021_set():
    old = {i.measure: i for i in load_set("vn-2021-ntm").indicators}
    new = {i.measure: i for i in load_set("vn-2026-ntm").indicators}
    assert set(new) <= set(old)
    water = new["hygienic_water_rate"].threshold
    old_water = old["hygienic_water_rate"].threshold.values
    # group 1 takes the highest regional value, group 3 the mountain region's (TDMNPB)
    assert water.lookup(group="1")[0] == max(old_water.values())
    assert water.lookup(group="3")[0] == old_water["TDMNPB"]
    assert new["health_insurance_rate"].threshold.values == old["health_insurance_rate"].threshold.values


def test_same_value_meets_group_2_but_not_group_1():
    card = ntmlib.score(NHOM_XA, year=2026)
    water = card.indicators[card.indicators["indicator"] == "8.1"].set_index("commune_id")
    assert water.loc["26001", ["number", "threshold", "threshold_basis_label", "met"]].tolist() == [96.0, 98.0,
                                                                                           "nhóm xã 1", False]
    assert water.loc["26003", ["number", "threshold", "threshold_basis_label", "met"]].tolist() == [96.0, 95.0,
                                                                                           "nhóm xã 2", True]
    assert water.loc["26001", "gap"] == pytest.approx(-2.0)
    # 'Nhóm 1' in communes.csv is read as group 1
    assert water.loc["26002", ["threshold_basis", "threshold_basis_label"]].tolist() == ["commune_group", "nhóm xã 1"]
    counts = card.communes.set_index("commune_id")[["criteria_met", "indicators_met", "no_data"]]
    assert counts.to_dict("index") == {
        "26001": {"criteria_met": 9, "indicators_met": 30, "no_data": 0},
        "26002": {"criteria_met": 10, "indicators_met": 31, "no_data": 0},
        "26003": {"criteria_met": 10, "indicators_met": 31, "no_data": 0},
        "26004": {"criteria_met": 9, "indicators_met": 30, "no_data": 0},
        "26005": {"criteria_met": 10, "indicators_met": 31, "no_data": 0},
        "26006": {"criteria_met": 8, "indicators_met": 29, "no_data": 1},
    }


def _with_groups(tmp_path, groups: dict[str, str]):
    d = tmp_path / "ds"
    shutil.copytree(NHOM_XA, d)
    lines = (d / "communes.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cid = line.split(",")[0]
        out.append(line.rsplit(",", 1)[0] + "," + groups[cid] if cid in groups else line)
    (d / "communes.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return d


def test_bad_or_missing_group_names_file_row_and_column(tmp_path):
    d = _with_groups(tmp_path, {"26003": "4", "26004": "nhóm A", "26005": ""})
    assert [str(p) for p in ntmlib.validate(d)] == [
        "communes.csv: dòng 4 (cột commune_group): nhóm xã '4' của xã Cẩm Giang (26003) không có trong bộ vn-2026-ntm "
        "(dùng 1, 2, 3)",
        "communes.csv: dòng 5 (cột commune_group): nhóm xã 'nhóm A' của xã Đông Sơn (26004) không có trong bộ "
        "vn-2026-ntm (dùng 1, 2, 3)",
        "communes.csv: dòng 6 (cột commune_group): xã Hòa Bình (26005) chưa có nhóm xã; bộ vn-2026-ntm có ngưỡng theo "
        "nhóm xã (ghi 1, 2, 3)",
    ]
    with pytest.raises(DataError):
        ntmlib.score(d, year=2026)
    result = CliRunner().invoke(main, ["score", str(d), "--year", "2026"])
    assert result.exit_code == 2
    assert "dòng 6 (cột commune_group)" in result.output


def test_group_default_serves_communes_without_a_listed_group():
    card = ntmlib.score(TINH_MAU, year=2026)
    sorting = card.indicators[card.indicators["indicator"] == "8.5"].set_index("commune_id")
    assert sorting.loc["27003", ["threshold", "threshold_basis_label"]].tolist() == [30.0, "nhóm xã: mặc định"]
    assert sorting.loc["27001", ["threshold", "threshold_basis_label"]].tolist() == [60.0, "nhóm xã 1"]


def test_province_example_extends_overrides_adds_and_removes():
    prov, base = load_set(PROVINCE_SET), load_set("vn-2026-ntm")
    assert prov.lineage == ("tinh-mau-2026-ntm", "vn-2026-ntm")
    codes = [i.code for i in prov.indicators]
    assert "2.7" not in codes and "8.5" in codes and len(codes) == base.indicators_total
    by_code = {i.code: i for i in prov.indicators}
    assert by_code["8.1"].threshold.values == {"1": 100.0, "2": 97.0, "3": 92.0}
    assert by_code["8.1"].measure == "hygienic_water_rate"  # inherited
    assert by_code["5.2"].threshold.lookup(group="3") == (95.0, "chung")
    # scored from the dataset folder, which finds the set in its frameworks/ folder
    counts = ntmlib.score(TINH_MAU, year=2026).communes.set_index("commune_id")["criteria_met"].to_dict()
    assert counts == {"27001": 9, "27002": 8, "27003": 10}


def test_declared_counts_are_checked(tmp_path):
    text = FRAMEWORK_DIR / "vn-2026-ntm.yaml"
    bad = tmp_path / "vn-2026-ntm.yaml"
    bad.write_text(text.read_text(encoding="utf-8").replace("declared: {criteria: 10, indicators: 47}",
                                                            "declared: {criteria: 9, indicators: 30}"),
                   encoding="utf-8")
    with pytest.raises(FrameworkError) as e:
        load_set(bad)
    assert [str(p) for p in e.value.problems] == [
        "vn-2026-ntm.yaml: declared.criteria: có 10 tiêu chí, nhưng declared.criteria ghi 9",
        "vn-2026-ntm.yaml: declared.indicators: có 31 chỉ tiêu, nhiều hơn declared.indicators (30)",
    ]


def test_cli_prints_the_2026_set_with_marks_and_group_thresholds():
    out = CliRunner().invoke(main, ["frameworks", "vn-2026-ntm"]).output
    assert out.count("  Tiêu chí ") == 10
    assert out.count("[? tạm tính]") == 31
    assert "Căn cứ: Thủ tướng Chính phủ, Quyết định 51/2025/QĐ-TTg, 2025-12-29, Phụ lục I" in out
    assert ("Tỷ lệ hộ được sử dụng nước sạch, nước hợp vệ sinh theo quy chuẩn — ≥ nhóm 1: 98; nhóm 2: 95; nhóm 3: 90"
            in out)
    listing = CliRunner().invoke(main, ["frameworks"]).output
    row = next(line for line in listing.splitlines() if line.strip().startswith("vn-2026-ntm"))
    # criteria, indicators encoded / declared in the decision, then confirmed, derived, provisional
    assert row.split()[-5:] == ["10", "31/47", "0", "0", "31"]


def test_readme_shows_the_province_example_as_it_is():
    readme = (LY_NHAN.parent.parent / "docs" / "criteria-sets.md").read_text(encoding="utf-8")
    section = readme.split("## Adding your province's criteria set")[1].split("\n## ")[0]
    for line in PROVINCE_SET.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert "    " + line in section, line


def test_the_earlier_header_group_is_read_as_commune_group_and_named_as_written(tmp_path):
    d = _with_groups(tmp_path, {"26003": "4"})
    text = (d / "communes.csv").read_text(encoding="utf-8")
    (d / "communes.csv").write_text(text.replace(",commune_group\n", ",group\n", 1), encoding="utf-8")
    problems = [str(p) for p in ntmlib.validate(d)]
    assert problems == ["communes.csv: dòng 4 (cột group): nhóm xã '4' của xã Cẩm Giang (26003) không có trong bộ "
                        "vn-2026-ntm (dùng 1, 2, 3)"]
    good = _with_groups(tmp_path / "b", {})
    text = (good / "communes.csv").read_text(encoding="utf-8")
    (good / "communes.csv").write_text(text.replace(",commune_group\n", ",group\n", 1), encoding="utf-8")
    ds = ntmlib.load_dataset(good)
    assert "group" not in ds.communes.columns
    assert ds.communes.set_index("commune_id")["commune_group"].to_dict() == {
        "26001": "1", "26002": "1", "26003": "2", "26004": "2", "26005": "3", "26006": "3"}


SEARCH = (TINY / "frameworks",)


def _problems(name):
    with pytest.raises(FrameworkError) as e:
        load_set(DATA / "bad-sets" / f"{name}.yaml", search=SEARCH)
    return [str(p) for p in e.value.problems]


def test_schema_errors_name_file_and_path():
    assert _problems("bad-region") == [
        "bad-region.yaml: criteria[0].indicators[0].threshold: không có vùng 'DBSHH'",
        "bad-region.yaml: criteria[0].indicators[1].threshold: quy tắc 'yes' không có ngưỡng",
        "bad-region.yaml: criteria[1].group: không có nhóm tiêu chí 'IX'",
        "bad-region.yaml: criteria[1].indicators[0].threshold: quy tắc '<=' cần ngưỡng",
        "bad-region.yaml: criteria: mã chỉ tiêu '1.1' bị lặp",
    ]


def test_structure_errors_are_all_reported():
    got = _problems("bad-schema")
    assert len(got) == 2  # its tier 'ntm-plus' is a code the schema takes (tests/criteria/test_ladder.py)
    assert any(p.startswith("bad-schema.yaml: criteria[0].indicators[0].rule: '=>'") for p in got)
    assert any(p.startswith("bad-schema.yaml: criteria[0].indicators[0].confidence: 'sure'") for p in got)


def test_extending_set_errors():
    assert _problems("bad-child") == [
        "bad-child.yaml: overrides['9.9']: sửa chỉ tiêu không có: '9.9'",
        "bad-child.yaml: overrides['3.1'].threshold: không có vùng 'MARS'",
        "bad-child.yaml: remove[0]: bỏ chỉ tiêu không có: '8.8'",
        "bad-child.yaml: add[0].criterion: không có tiêu chí '7'",
    ]
    assert _problems("bad-missing-parent") == [
        "bad-missing-parent.yaml: extends: kế thừa bộ tiêu chí không có: 'no-such-set'"]


def test_provincial_set_inherits_overrides_adds_and_removes():
    base = load_set("tiny-ntm", SEARCH)
    prov = load_set("tiny-prov-ntm", SEARCH)
    assert prov.lineage == ("tiny-prov-ntm", "tiny-ntm")
    assert [i.code for i in base.indicators] == ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2"]
    assert [i.code for i in prov.indicators] == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3"]
    by_code = {i.code: i for i in prov.indicators}
    assert by_code["3.1"].threshold.values == {"all": 95.0}
    assert by_code["3.1"].source == "tỉnh nâng ngưỡng"
    assert by_code["3.1"].measure == "health_insurance_rate"  # untouched fields are inherited
    assert by_code["1.1"].threshold.values == {"DBSH": 100.0, "TDMNPB": 90.0}
    assert by_code["3.3"].criterion == "3"
    assert prov.regions == base.regions and prov.period == (2022, 2025)


def test_threshold_lookup_by_region_year_and_group():
    s = {i.code: i for i in load_set("tiny-ntm", SEARCH).indicators}
    assert s["1.1"].threshold.lookup(region="TDMNPB") == (90.0, "vùng TDMNPB")
    assert s["2.1"].threshold.lookup(region="DBSH", year=2022) == (58.0, "vùng DBSH, năm 2022")
    assert s["2.1"].threshold.lookup(region="DBSH", year=2024) == (None, "")
    assert s["2.2"].threshold.lookup(year=2022) == (3.0, "năm 2022")
    assert s["2.2"].threshold.lookup(year=2024) == (2.0, "năm: mặc định")
    assert s["3.2"].threshold.lookup(group="2") == (2.0, "nhóm xã 2")


def test_builtin_sets_load_with_published_counts():
    counts = {sid: (s.criteria_total, s.indicators_total) for sid in ntmlib.available_sets()
              for s in [load_set(sid)]}
    assert counts["vn-2021-ntm"] == (19, 57)
    assert counts["hanam-2022-ntm"] == (19, 57)
    assert counts["hanam-2022-nang-cao"] == (19, 75)
    assert counts["vn-2021-nang-cao"][0] == 19
    assert {"vn-2021-kieu-mau", "hanam-2022-kieu-mau"} <= set(counts)
    ntm = load_set("vn-2021-ntm")
    assert len(ntm.regions) == 7 and list(ntm.groups) == ["I", "II", "III", "IV", "V"]
    assert load_set("vn-2021-kieu-mau").requires == "nang-cao"
    assert load_set("hanam-2022-nang-cao").requires == "ntm"
    income = next(i for i in load_set("vn-2021-nang-cao").indicators if i.measure == "income_per_capita")
    assert income.threshold.lookup(region="DBSH", year=2023)[0] == 68.0
    km = next(i for i in load_set("vn-2021-kieu-mau").indicators if i.measure == "income_per_capita")
    # QĐ 319's rule, not Thái Bình's rounding (71 / 75): 1.1 × the nâng cao income of the same region and year
    assert km.threshold.lookup(region="DBSH", year=2022)[0] == 70.4
    assert km.threshold.lookup(region="DBSH", year=2023)[0] == 74.8
    assert km.confidence == "derived" and km.threshold.derived == ("vn-2021-nang-cao", "10", 1.1)


def test_builtin_text_is_nfc():
    import unicodedata

    for sid in ntmlib.available_sets():
        s = load_set(sid)
        for text in [s.name] + [c.name for c in s.criteria] + [i.name for i in s.indicators]:
            assert unicodedata.is_normalized("NFC", text), (sid, text)


def test_group_thresholds_describe_and_require_a_commune_group():
    tiny = load_set("tiny-ntm", SEARCH)
    green = next(i for i in tiny.indicators if i.code == "3.2")
    assert green.threshold.describe() == "nhóm 1: 4; nhóm 2: 2"
    assert tiny.needs_commune_group
    assert not load_set("vn-2021-ntm").needs_commune_group
    assert load_set("vn-2021-ntm").missing_count == 0  # no `declared`: nothing counted as missing
