"""Names resolve the same way everywhere (ntmlib.dataset.resolve): communes, districts, provinces and
criteria sets, by code or by name, in any case, NFC or NFD, with or without diacritics and the
word before the name; an unknown name is answered with the closest names there are. Checked on
the sample dataset, through the resolver, the Dataset methods and every `ntm` option that takes
a name."""
from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import available_sets, load_set
from ntmlib.dataset import resolve
from ntmlib.dataset.resolve import set_id_among
from ntmlib.errors import DataError, ParameterError

from tests.helpers.paths import LY_NHAN, TINY


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def ds():
    return ntmlib.load_dataset(LY_NHAN)


@pytest.fixture(scope="module")
def sets():
    return {i: load_set(i).name for i in available_sets()}


def problem(call) -> str:
    with pytest.raises(ParameterError) as e:
        call()
    assert len(e.value.problems) == 1
    return str(e.value.problems[0])


# communes


@pytest.mark.parametrize("ref", [
    "Nhân Bình", nfd("Nhân Bình"), "nhan binh", "NHÂN BÌNH", "NHAN BINH", "Xã Nhân Bình", "xã nhân bình",
    nfd("XÃ NHÂN BÌNH"), "xa nhan binh", "  Nhân  Bình ", "13618",
])
def test_a_commune_by_code_or_name_in_any_spelling(ds, ref):
    assert resolve.commune_id(ds.communes, ref) == "13618"
    assert ds.commune_id(ref) == "13618"  # the Python API and the notebooks, through the same resolver


@pytest.mark.parametrize("ref", ["Thị trấn Vĩnh Trụ", "Vĩnh Trụ", "vinh tru", "tt vinh tru", "TT. Vĩnh Trụ"])
def test_a_town_with_or_without_thi_tran(ds, ref):
    assert resolve.commune_id(ds.communes, ref) == "13597"


def test_codes_in_any_case():
    communes = ntmlib.load_dataset(TINY).communes  # ids A, B, C, D
    assert resolve.commune_id(communes, "b") == "B" and resolve.commune_id(communes, "Bình") == "B"


def test_a_typo_gets_the_closest_names(ds):
    assert problem(lambda: resolve.commune_id(ds.communes, "Nhân Bìn")) == (
        "communes.csv: không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh, Nhân Chính?")
    assert problem(lambda: resolve.commune_id(ds.communes, "Xuan Khee")) == (
        "communes.csv: không có xã 'Xuan Khee'. Có phải: Xuân Khê?")
    assert problem(lambda: resolve.commune_id(ds.communes, "13619")).startswith(
        "communes.csv: không có xã '13619'. Có phải: 13618 (Nhân Bình)")


def test_a_name_close_to_none_lists_some_that_exist(ds):
    assert problem(lambda: resolve.commune_id(ds.communes, "Không Có")) == (
        "communes.csv: không có xã 'Không Có'. Có: Hợp Lý, Nguyên Lý, Chính Lý, Chân Lý, Đạo Lý, … (27 xã)")


def test_a_name_of_several_communes_asks_for_the_code():
    communes = pd.DataFrame({"commune_id": ["1", "2"], "commune": ["Nhân Bình", "Nhân Binh"]})
    assert resolve.commune_id(communes, "Nhân Binh") == "2"  # with its diacritics, one commune
    assert problem(lambda: resolve.commune_id(communes, "nhan binh")) == (
        "communes.csv: 'nhan binh' trùng với nhiều xã: 1 (Nhân Bình), 2 (Nhân Binh); ghi mã để chọn một")


def test_unknown_names_are_data_errors_for_callers_that_catch_those(ds):
    with pytest.raises(DataError):
        resolve.commune_id(ds.communes, "Không Có")


# districts and provinces


@pytest.mark.parametrize("ref", ["Lý Nhân", nfd("Lý Nhân"), "ly nhan", "Ly Nhan", "LÝ NHÂN", "Huyện Lý Nhân",
                                 "huyen ly nhan", nfd("HUYỆN LÝ NHÂN")])
def test_a_district_in_any_spelling(ds, ref):
    assert resolve.district_name(ds.communes, ref) == "Lý Nhân" == ds.district(ref)
    assert len(ds.area_communes(district=ref)) == 21


@pytest.mark.parametrize("ref", ["Hà Nam", nfd("Hà Nam"), "ha nam", "HA NAM", "Tỉnh Hà Nam", "tinh ha nam"])
def test_a_province_in_any_spelling(ds, ref):
    assert resolve.province_name(ds.communes, ref) == "Hà Nam"
    assert len(ds.area_communes(province=ref)) == 21


def test_unknown_districts_and_provinces(ds):
    assert problem(lambda: ds.district("Ly Nhn")) == "communes.csv: không có huyện 'Ly Nhn'. Có phải: Lý Nhân?"
    assert problem(lambda: ds.area_communes(province="Hà Nội")) == (
        "communes.csv: không có tỉnh 'Hà Nội'. Có: Hà Nam, Ninh Bình")
    assert problem(lambda: ds.area_communes("Hà Nam", "Phủ Lý")) == (
        "communes.csv: không có huyện 'Phủ Lý'. Có: Lý Nhân")


def test_communes_without_a_district(ds):
    communes = ds.communes.assign(district="")
    assert problem(lambda: resolve.district_name(communes, "Lý Nhân")) == (
        "communes.csv: không có huyện 'Lý Nhân': dữ liệu không ghi huyện nào")


# criteria sets


@pytest.mark.parametrize("ref", ["hanam-2022-nang-cao", "HANAM-2022-NANG-CAO",
                                 "Bộ tiêu chí xã nông thôn mới nâng cao tỉnh Hà Nam giai đoạn 2022 - 2025",
                                 nfd("bộ tiêu chí xã nông thôn mới nâng cao tỉnh hà nam giai đoạn 2022 - 2025"),
                                 "xa nong thon moi nang cao tinh ha nam giai doan 2022 - 2025"])
def test_a_set_by_id_or_by_name(sets, ref):
    assert resolve.set_id(ref, sets) == "hanam-2022-nang-cao"


@pytest.mark.parametrize("ref", ["nang-cao", "nâng cao", "NTM nâng cao", "advanced NTM", nfd("ntm NÂNG CAO")])
def test_a_set_by_its_tier_when_one_set_has_it(sets, ref):
    hanam = {i: sets[i] for i in sets if i.startswith("hanam-")}
    tiers = {i: load_set(i).tier for i in hanam}
    assert resolve.set_id(ref, hanam, tiers=tiers) == "hanam-2022-nang-cao"
    with pytest.raises(ParameterError):  # several sets of that tier: not a name of one
        resolve.set_id(ref, sets, tiers={i: load_set(i).tier for i in sets})


def test_unknown_sets(sets):
    assert problem(lambda: resolve.set_id("hanam-2022-nc", sets)) == (
        "bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?")
    assert problem(lambda: resolve.set_id("khong-co", {i: sets[i] for i in ("vn-2021-ntm", "vn-2026-ntm")})) == (
        "bộ tiêu chí: không có bộ tiêu chí 'khong-co'. Có: vn-2021-ntm, vn-2026-ntm")


# every command that takes a name


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


@pytest.mark.parametrize("command, spellings", [
    (["trends", LY_NHAN, "--set", "hanam-2022-nang-cao", "--commune"], ["Chân Lý", nfd("xã chân lý"), "CHAN LY",
                                                                        "13576"]),
    (["trends", LY_NHAN, "--commune", "Chân Lý", "--set"], ["hanam-2022-nang-cao", "Hanam-2022-Nang-Cao",
                                                            "bo tieu chi xa nong thon moi nang cao tinh ha nam giai "
                                                            "doan 2022 - 2025"]),
    (["roadmap", LY_NHAN, "--year", "2023", "--district"], ["Lý Nhân", "Ly Nhan", nfd("huyện lý nhân"),
                                                            "HUYEN LY NHAN"]),
    (["whatif", LY_NHAN, "--year", "2023", "--indicator", "14.1", "--threshold", "92", "--set"],
     ["hanam-2022-nang-cao", "HANAM-2022-NANG-CAO"]),
    (["score", LY_NHAN, "--year", "2023", "--tier", "ntm", "--set"], ["hanam-2022-ntm", "HANAM-2022-NTM",
                                                                      "Bộ tiêu chí xã nông thôn mới tỉnh Hà Nam giai "
                                                                      "đoạn 2022 - 2025", "ntm"]),
    (["score", LY_NHAN, "--year", "2023", "--set"], ["vn-2021-ntm", "VN-2021-NTM"]),  # a set the data does not name
    (["trends", LY_NHAN, "--commune", "Chân Lý", "--set"], ["hanam-2022-nang-cao", "nâng cao", "NTM nâng cao"]),
])
@pytest.mark.slow
def test_every_spelling_gives_the_same_output(command, spellings):
    outputs = [run(*command, s) for s in spellings]
    assert all(r.exit_code == 0 for r in outputs), [r.output for r in outputs]
    assert len({r.output for r in outputs}) == 1


@pytest.mark.parametrize("args, line", [
    (["trends", LY_NHAN, "--commune", "Nhân Bìn"],
     "Lỗi: communes.csv: không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh, Nhân Chính?"),
    (["roadmap", LY_NHAN, "--year", "2023", "--district", "Ly Nhn"],
     "Lỗi: communes.csv: không có huyện 'Ly Nhn'. Có phải: Lý Nhân?"),
    (["score", LY_NHAN, "--year", "2023", "--set", "hanam-2022-nc"],
     "Lỗi: bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?"),
    (["whatif", LY_NHAN, "--year", "2023", "--set", "hanam-2022-nc", "--indicator", "14.1", "--threshold", "92"],
     "Lỗi: bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?"),
    (["trends", LY_NHAN, "--commune", "Chân Lý", "--set", "hanam-2022-nc"],
     "Lỗi: bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?"),
    (["frameworks", "hanam-2022-nc"],
     "Lỗi: bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?"),
    # report and reports check names before any kernel starts
    (["report", LY_NHAN, "--year", "2023", "--commune", "Nhân Bìn", "--out", "x.html"],
     "Lỗi: communes.csv: không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh, Nhân Chính?"),
    (["report", LY_NHAN, "--year", "2023", "--district", "Ly Nhn", "--out", "x.html"],
     "Lỗi: communes.csv: không có huyện 'Ly Nhn'. Có phải: Lý Nhân?"),
    (["reports", LY_NHAN, "--year", "2023", "--district", "Ly Nhn"],
     "Lỗi: communes.csv: không có huyện 'Ly Nhn'. Có phải: Lý Nhân?"),
    (["reports", LY_NHAN, "--year", "2023", "--province", "Ha Nan"],
     "Lỗi: communes.csv: không có tỉnh 'Ha Nan'. Có phải: Hà Nam?"),
    (["reports", LY_NHAN, "--year", "2023", "--communes", "Nhân Bình,Xuan Khee"],
     "Lỗi: communes.csv: không có xã 'Xuan Khee'. Có phải: Xuân Khê?"),
])
def test_an_unknown_name_is_one_line_with_the_closest_names_and_exit_2(args, line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run(*args)
    assert r.exit_code == 2 and r.output.splitlines() == [line], r.output
    assert list(tmp_path.iterdir()) == []  # nothing written


# ---- a criteria set named among set ids, each loaded for its name and tier: resolve.set_id_among


def test_an_id_a_tier_or_a_file():
    ids = available_sets()
    assert set_id_among("hanam-2022-nang-cao", ids) == "hanam-2022-nang-cao"
    assert set_id_among("nâng cao", ["hanam-2022-ntm", "hanam-2022-nang-cao"]) == "hanam-2022-nang-cao"
    assert set_id_among("Bộ tiêu chí xã nông thôn mới tỉnh Hà Nam giai đoạn 2022 - 2025", ids) == "hanam-2022-ntm"
    path = str(LY_NHAN.parent / "examples" / "tinh-mau" / "frameworks" / "tinh-mau-2026-ntm.yaml")
    assert set_id_among(path, ids) == path
    assert set_id_among("anything", []) == "anything"  # no sets to name: the caller says why


def test_an_unknown_set_names_the_closest_ids():
    with pytest.raises(ParameterError) as e:
        set_id_among("hanam-2022-nc", available_sets())
    assert [str(p) for p in e.value.problems] == [
        "bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?"]
