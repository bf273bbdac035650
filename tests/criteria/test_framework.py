import pytest

import ntmlib
from ntmlib import FrameworkError, load_set

from tests.helpers.paths import DATA, TINY

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
    assert len(got) == 3
    assert "bad-schema.yaml: tier: 'ntm-plus' không phải một trong ['ntm', 'nang-cao', 'kieu-mau']" in got
    assert any(p.startswith("bad-schema.yaml: criteria[0].indicators[0].rule: '=>'") for p in got)
    assert any(p.startswith("bad-schema.yaml: criteria[0].indicators[0].confidence: 'sure'") for p in got)


def test_extending_set_errors():
    assert _problems("bad-child") == [
        "bad-child.yaml: overrides['9.9']: sửa chỉ tiêu không có: '9.9'",
        "bad-child.yaml: overrides['3.1'].threshold: không có vùng 'MARS'",
        "bad-child.yaml: remove[0]: bỏ chỉ tiêu không có: '8.8'",
        "bad-child.yaml: add[0].criterion: không có tiêu chí '7'",
    ]
    assert _problems("bad-missing-parent") == ["bad-missing-parent.yaml: extends: kế thừa bộ tiêu chí không có: 'no-such-set'"]


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
