"""The official list of administrative units (ntmlib.dataset.units, from the vietnamadminunits package): the 2025
crosswalk built for any province agrees with the sample's hand-written one, divided communes load
with their default successor, `ntm validate` warns about unofficial codes and names (errors with
--strict), and `ntm synthetic --province` takes a province's real communes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.analysis import reorg
from ntmlib.cli import main
from ntmlib.dataset import units
from ntmlib.dataset.synthetic import make_national
from ntmlib.errors import DataError, ParameterError

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import ROOT

SAMPLE = ROOT / "data" / "ly-nhan"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_sample_has_the_official_codes_names_and_coordinates():
    c = pd.read_csv(SAMPLE / "communes.csv", dtype=str)
    old = units.old_units("Hà Nam", "Lý Nhân")
    assert len(old) == 21 and list(old["code"]) == list(c["commune_id"][:21])
    assert [units.official_short(r) for _, r in old.iterrows()] == list(c["commune"][:21])
    # the 7 new communes of 2026, written by their key: the official codes and names of Ninh Bình's new units
    new = units.new_units("Ninh Bình").set_index("code")
    keys = list(c["commune_id"][21:])
    assert len(keys) == 7 and all(k.endswith("@2025-07-01") for k in keys)
    assert [new.at[k.split("@")[0], "short"] for k in keys] == list(c["commune"][21:])
    at = units.coordinates(keys)  # a key's coordinates are those of its official code in the new list
    assert list(at.index) == keys and list(at["lat"]) == [new.at[k.split("@")[0], "lat"] for k in keys]
    hop_ly = old.set_index("code").loc["13567"]
    assert (hop_ly["name"], hop_ly["district"], hop_ly["province"]) == ("Xã Hợp Lý", "Huyện Lý Nhân", "Tỉnh Hà Nam")
    assert hop_ly["south"] < hop_ly["lat"] < hop_ly["north"] and hop_ly["west"] < hop_ly["lon"] < hop_ly["east"]
    # 10,040 rows, of which 5 island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo)
    assert len(units.old_units()) == 10035 and len(units.new_units()) == 3321
    assert units.new_units()["province_code"].nunique() == 34


def test_the_built_crosswalk_of_ly_nhan_is_the_hand_written_one():
    built = units.crosswalk_2025("Hà Nam", "Lý Nhân")
    hand = pd.read_csv(SAMPLE / "crosswalk.csv", dtype=str).fillna("")
    # every column of the sample, notes included; the sample leaves out the optional `default` (no divided commune)
    assert_frame_equal(built.drop(columns="default"), hand)
    assert (built["default"] == "").all()
    assert built.at[7, "note"] == "xã mới Bắc Lý mang tên xã cũ Bắc Lý nhưng mã 13579"


def test_the_crosswalk_of_a_whole_province_lists_divided_units_with_every_successor():
    cw = units.crosswalk_2025("ha nam")  # any case, no diacritics
    assert cw["old_commune_id"].nunique() == 98 and cw["new_commune_id"].nunique() == 33 and len(cw) == 103
    divided = cw[cw["old_commune_id"].duplicated(keep=False)]
    assert sorted(divided["old_commune_id"].unique()) == ["13285", "13324", "13354", "13357", "13363"]
    assert divided.groupby("old_commune_id")["default"].apply(lambda d: (d == "x").sum()).eq(1).all()
    quang_trung = cw[cw["old_commune_id"] == "13285"]
    assert list(zip(quang_trung["new_commune"], quang_trung["default"])) == [("Hà Nam", "x"), ("Phủ Lý", "")]
    assert quang_trung["note"].tolist() == [
        "phường cũ Quang Trung được chia cho 2 đơn vị mới; phường mới Hà Nam là đơn vị mặc định theo nguồn",
        "phường cũ Quang Trung được chia cho 2 đơn vị mới"]


def test_an_unknown_province_is_one_line_with_the_closest_names():
    with pytest.raises(ParameterError, match=r"không có tỉnh 'Hà Nan'.*có phải: Hà Nam"):
        units.crosswalk_2025("Hà Nan")
    r = run("crosswalk", "build", "--province", "Hà Nan")
    assert r.exit_code == 2 and r.output.startswith("Lỗi: ") and len(r.output.splitlines()) == 1


def test_crosswalk_build_writes_the_file(tmp_path):
    out = tmp_path / "crosswalk.csv"
    r = run("crosswalk", "build", "--province", "Hà Nam", "--district", "Lý Nhân", "--out", out)
    assert r.exit_code == 0, r.output
    assert r.output == f"Đã ghi {out}: 21 đơn vị cũ → 7 xã mới (0 đơn vị cũ bị chia cho nhiều xã mới)\n"
    assert pd.read_csv(out, dtype=str)["new_commune"].nunique() == 7
    # `ntm crosswalk DATASET` is still `ntm crosswalk show DATASET`
    assert run("crosswalk", SAMPLE).output == run("crosswalk", "show", SAMPLE).output


@pytest.fixture(scope="module")
def ha_nam(tmp_path_factory):
    """Synthetic values on Hà Nam's 98 official units, with the province's built crosswalk."""
    out = tmp_path_factory.mktemp("ha-nam")
    paths = make_national(out, province="Hà Nam", years=(2024, 2025), formats=("csv",))
    units.crosswalk_2025("Hà Nam").to_csv(paths["csv"] / "crosswalk.csv", index=False)
    return paths["csv"]


@pytest.mark.slow
def test_synthetic_takes_the_official_communes_of_a_province(ha_nam):
    c = pd.read_csv(ha_nam / "communes.csv", dtype=str)
    official = units.old_units("Hà Nam")
    assert list(c["commune_id"]) == list(official["code"]) and len(c) == 98
    assert c.loc[c["commune_id"] == "13567", ["commune", "district", "province"]].values.tolist() == [
        ["Hợp Lý", "Lý Nhân", "Hà Nam"]]
    assert (c["assessed"] == "false").sum() == (official["type"] != "Xã").sum()  # wards and towns
    assert c["lat"].astype(float).tolist() == official["lat"].round(6).tolist()
    v = ntmlib.validate(ha_nam)
    assert v == [] and v.official == []  # every code and name is the official one
    # the only warnings: synthetic income values (NTM and nâng cao 10, kiểu mẫu K2) of years the sets give no
    # income threshold for
    assert v.warnings and all("chưa có ngưỡng cho năm" in w.message and ("(10)" in w.message or "(K2)" in w.message)
                              for w in v.warnings)


@pytest.mark.slow
def test_divided_communes_of_a_built_crosswalk_load_and_follow_their_default_successor(ha_nam):
    ds = ntmlib.load_dataset(ha_nam)
    new = reorg.new_communes(ds)
    assert len(new) == 33
    # Phường Quang Trung was divided: it is a predecessor of both Hà Nam and Phủ Lý, its results go to Hà Nam
    assert "13285" in new.set_index("new_commune").at["Hà Nam", "predecessor_ids"]
    assert "13285" in new.set_index("new_commune").at["Phủ Lý", "predecessor_ids"]
    assert reorg.successor(ds, "13285")["new_commune"] == "Hà Nam"


def _divided_sample(tmp_path, defaults=("x", "")) -> Path:
    """The sample with Hợp Lý divided between Lý Nhân and Nam Xang (not so in reality)."""
    d = tmp_path / "divided"
    shutil.copytree(SAMPLE, d)
    cw = pd.read_csv(d / "crosswalk.csv", dtype=str).fillna("")
    cw.insert(8, "default", "")
    extra = cw[cw["old_commune_id"] == "13567"].assign(new_commune_id="13591", new_commune="Nam Xang")
    cw = pd.concat([cw.iloc[:1], extra, cw.iloc[1:]], ignore_index=True)
    cw.loc[[0, 1], "default"] = list(defaults)
    cw.to_csv(d / "crosswalk.csv", index=False)
    return d


def test_a_divided_commune_counts_for_each_successor_and_carries_its_results_to_the_default(tmp_path):
    d = _divided_sample(tmp_path)
    assert list(ntmlib.validate(d)) == []
    ds = ntmlib.load_dataset(d)
    new = reorg.new_communes(ds).set_index("new_commune")
    assert new.at["Lý Nhân", "predecessors"] == ["Hợp Lý", "Chính Lý", "Văn Lý"]
    assert new.at["Nam Xang", "predecessors"] == ["Hợp Lý", "Nguyên Lý", "Công Lý", "Đức Lý"]
    assert reorg.successor(ds, "Hợp Lý")["new_commune"] == "Lý Nhân"
    g = reorg.regroup(ntmlib.score(ds, year=2023)).query("tier == 'ntm'").set_index("commune")
    assert g.loc[["Lý Nhân", "Nam Xang"], "assessed"].tolist() == [3, 3]  # Hợp Lý's results go to Lý Nhân only


def test_two_defaults_for_one_divided_commune_are_an_error(tmp_path):
    problems = [str(p) for p in ntmlib.validate(_divided_sample(tmp_path, ("x", "x")))]
    assert problems == ["crosswalk.csv: dòng 3 (cột new_commune_id): xã 13567 đã được ghi vào xã mới 'Lý Nhân' cùng "
                        "ngày 2025-07-01 (dòng 2): mỗi xã cũ chỉ thuộc một xã mới ở mỗi ngày hiệu lực (xã bị chia "
                        "cho nhiều xã mới: ghi x ở cột default của đúng một dòng)"]


def _renamed_sample(tmp_path) -> Path:
    d = tmp_path / "ly-nhan"
    shutil.copytree(SAMPLE, d)
    c = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
    c.loc[c["commune_id"] == "13567", "commune"] = "Hợp Ly"  # a wrong diacritic
    c.loc[c["commune_id"] == "13570", "commune"] = "Xã Nguyên Lý"  # the full official name: fine
    c.loc[c["commune_id"] == "13630", "commune_id"] = "13633"  # not a code of Hà Nam
    c.to_csv(d / "communes.csv", index=False)
    for name in ("observations.csv", "recognitions.csv", "crosswalk.csv"):
        p = d / name
        p.write_text(p.read_text(encoding="utf-8").replace("13630,", "13633,"), encoding="utf-8")
    return d


WARNINGS = ["communes.csv: dòng 2 (cột commune): tên 'Hợp Ly' khác tên chính thức của mã 13567: 'Hợp Lý'",
            "communes.csv: dòng 22 (cột commune_id): mã 13633 (Hòa Hậu) không phải mã chính thức của một xã, "
            "phường, thị trấn thuộc tỉnh Hà Nam"]


def test_validate_warns_about_unofficial_codes_and_names(tmp_path):
    d = _renamed_sample(tmp_path)
    problems = ntmlib.validate(d)
    assert list(problems) == [] and [str(w) for w in problems.warnings] == WARNINGS
    assert [str(p) for p in ntmlib.validate(d, strict=True)] == WARNINGS
    r = run("validate", d)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{d}: dữ liệu hợp lệ, không có vấn đề.",
        "Cảnh báo — mã, tên xã khác danh mục đơn vị hành chính chính thức (2 mục; --strict để coi là lỗi):",
        *(f"  - {w}" for w in WARNINGS)]
    r = run("validate", d, "--strict")
    assert r.exit_code == 2 and r.output.splitlines() == ["Lỗi dữ liệu (2 vấn đề):", *(f"  - {w}" for w in WARNINGS)]


def test_without_the_package_one_warning_says_so(monkeypatch):
    def missing():
        raise DataError(units.Problem(units.PACKAGE, units.MISSING))

    monkeypatch.setattr(units, "_database", missing)
    problems = ntmlib.validate(SAMPLE)
    assert list(problems) == []
    assert [str(w) for w in problems.warnings] == [
        "vietnamadminunits: không kiểm tra được mã và tên xã: cần gói vietnamadminunits (danh mục đơn vị hành "
        "chính chính thức): cài bằng pip install \"ntmlib[units]\" hoặc pip install vietnamadminunits"]
    with pytest.raises(DataError, match=r"ntmlib\[units\]"):
        units.code_problems(pd.DataFrame(columns=["place", "commune_id", "commune", "province"]))


def test_synthetic_district_needs_a_province(tmp_path):
    r = run("synthetic", tmp_path / "x", "--district", "Lý Nhân")
    assert r.exit_code == 2 and r.output.splitlines()[-1] == "Lỗi: --district cần --province"
    assert not (tmp_path / "x").exists()


def test_provinces_written_the_old_way_are_found():
    assert len(units.old_units("TP. Hồ Chí Minh")) == len(units.old_units("Hồ Chí Minh")) == 273
    assert len(units.old_units("Thừa Thiên Huế")) == len(units.old_units("Huế")) == 133
    assert units.old_units("Tỉnh Hà Nam", "Huyện Lý Nhân")["code"].iloc[0] == "13567"


def test_crosswalk_options_may_come_before_the_dataset():
    en = run("crosswalk", SAMPLE, "--lang", "en").output
    assert run("crosswalk", "--lang", "en", SAMPLE).output == en and en.split()[0] == "Reference"
    assert run("crosswalk", "--lang", "en", "build", "--province", "Hà Nam", "--district", "Lý Nhân").output == \
        units.crosswalk_2025("Hà Nam", "Lý Nhân").to_csv(index=False)


@pytest.mark.slow
def test_successor_names_follow_a_divided_units_default(ha_nam):
    from ntmlib.analysis import reorg

    ds = ntmlib.load_dataset(ha_nam)
    ids = list(ds.communes["commune_id"])
    names = reorg.successor_names(ds, ids)
    assert names == {c: reorg.successor(ds, c)["new_commune"] for c in ids if reorg.successor(ds, c) is not None}
    assert len(names) == 98 and names["13285"] == "Hà Nam"  # Quang Trung, divided: its default successor
