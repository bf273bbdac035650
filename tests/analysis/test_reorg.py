"""The 2025 reorganisation: the sample crosswalk (Lý Nhân's 21 units -> 7 communes of Ninh Bình),
predecessors and successors, predecessors' history and regrouped results equal to the scores,
province-level summaries of communes without a district, bad crosswalk rows, and the report
of a new commune."""
import shutil

import pandas as pd
import pytest

import ntmlib
from ntmlib.analysis import aggregate, reorg
from ntmlib.analysis.reorg import find_commune
from ntmlib.dataset.loading import load_dataset
from ntmlib.errors import ParameterError
from ntmlib.present.views import commune_report

from tests.helpers.paths import DATA, LY_NHAN, TINY

# criteria-notes §7: new commune (code) -> its predecessors, from 1/7/2025, province Ninh Bình (37)
SECTION_7 = {
    "Lý Nhân": ("13573", ["Hợp Lý", "Chính Lý", "Văn Lý"]),
    "Nam Xang": ("13591", ["Nguyên Lý", "Công Lý", "Đức Lý"]),
    "Bắc Lý": ("13579", ["Chân Lý", "Đạo Lý", "Bắc Lý"]),
    "Trần Thương": ("13594", ["Trần Hưng Đạo", "Nhân Nghĩa", "Nhân Bình"]),
    "Vĩnh Trụ": ("13597", ["Thị trấn Vĩnh Trụ", "Nhân Khang", "Nhân Chính"]),
    "Nhân Hà": ("13609", ["Nhân Thịnh", "Nhân Mỹ", "Xuân Khê"]),
    "Nam Lý": ("13627", ["Phú Phúc", "Tiến Thắng", "Hòa Hậu"]),
}


@pytest.fixture(scope="module")
def ds(ly_nhan_card):
    return ly_nhan_card.dataset


def test_sample_crosswalk_has_21_old_units_and_7_new_communes(ds):
    cw = ds.crosswalk
    assert len(cw) == 21
    old = ds.existing([2023])
    assert set(cw["old_commune_id"]) == set(ds.communes.loc[old, "commune_id"])
    units = reorg.new_communes(ds)
    assert len(units) == 7
    # from 2026 the new communes have data of their own: rows of communes.csv written by their key
    assert set(ds.communes.loc[~old, "commune_id"]) == set(units["key"]) == set(
        ds.communes.loc[ds.existing([2026]), "commune_id"])
    assert set(units["new_province"]) == {"Ninh Bình"} and set(units["new_province_id"]) == {"37"}
    assert set(units["effective"]) == {"2025-07-01"} and set(units["new_type"]) == {"xã"}
    assert sorted(units["new_commune"]) == sorted(SECTION_7)


@pytest.mark.parametrize("name", list(SECTION_7))
def test_predecessors_match_the_notes(ds, name):
    code, old = SECTION_7[name]
    for ref in (name, f"Xã {name}", f"{code}@2025-07-01", f"{code}@2025"):
        assert list(reorg.predecessors(ds, ref)["commune"]) == old, ref
    for o in old:
        nxt = reorg.successor(ds, o, "2025-07-01")
        assert (nxt["new_commune"], nxt["new_commune_id"], nxt["key"]) == (name, code, f"{code}@2025-07-01")
        assert reorg.successor(ds, o, "2025-06-30") is None


def test_a_reused_code_or_an_old_name_is_never_taken_for_a_new_commune(ds):
    # 13573 is the old code of Chính Lý and the new code of Lý Nhân: bare, it is Chính Lý
    assert ds.commune_id("13573") == "13573" and reorg.successor(ds, "13573")["new_commune"] == "Lý Nhân"
    with pytest.raises(ntmlib.DataError) as e:
        reorg.predecessors(ds, "13573")
    assert "'13573' là xã cũ Chính Lý (mã 13573)" in str(e.value)
    assert "'Lý Nhân' hoặc '13573@2025-07-01'" in str(e.value)
    with pytest.raises(ntmlib.DataError) as e:
        reorg.history(ntmlib.score(LY_NHAN, year=2023), "Hợp Lý")
    assert "'Hợp Lý' là xã cũ Hợp Lý (mã 13567)" in str(e.value)
    with pytest.raises(ntmlib.DataError) as e:
        reorg.predecessors(ds, "Đông Hải")
    assert e.value.problems[0].file == "crosswalk.csv"
    assert "'Đông Hải' không phải xã cũ trong communes.csv cũng không phải xã mới trong crosswalk.csv" in str(e.value)
    with pytest.raises(ntmlib.DataError):
        reorg.predecessors(ds, "13591@2024")  # no reorganisation in 2024


def test_history_numbers_equal_the_scores(ly_nhan_card):
    c = ly_nhan_card.communes
    for name, (_, old) in SECTION_7.items():
        h = reorg.history(ly_nhan_card, name)
        assert len(h) == 2 * 3 and list(h["commune"].iloc[:3]) == old
        for r in h.itertuples():
            rows = c[(c["commune"] == r.commune) & (c["year"] == r.year)].set_index("tier")
            if not r.assessed:
                assert rows.empty and r.ntm == "" and pd.isna(r.tier_reached)
                continue
            for tier in ("ntm", "nang-cao", "kieu-mau"):
                x = rows.loc[tier]
                expected = (f"{x.criteria_met}/{x.criteria_total} · {x.indicators_met}/{x.indicators_total}")
                assert h.at[r.Index, tier] == expected, (name, r.commune, r.year, tier)
            for col in ("tier_reached", "tier_recognised"):  # NA (no tier) equals NA
                want = rows[col].iloc[0]
                assert getattr(r, col) == want or (pd.isna(getattr(r, col)) and pd.isna(want)), (r.commune, col)


def test_history_of_nam_xang_reads_as_the_bulletin(ly_nhan_card):
    h = reorg.history(ly_nhan_card, "Nam Xang", years=2023).set_index("commune")
    # bulletin 1/2024 §2.2: Nguyên Lý and Công Lý 19/19 · 57/57 NTM and 19/19 · 75/75 nâng cao; §2.1 Đức Lý 17/73
    assert h.loc["Nguyên Lý", "nang-cao"] == "19/19 · 75/75" and h.loc["Công Lý", "ntm"] == "19/19 · 57/57"
    assert h.loc["Đức Lý", "nang-cao"] == "17/19 · 73/75"
    assert h.loc["Công Lý", "recognitions"] == "NTM 2015; NTM nâng cao 2023"
    assert h.loc["Đức Lý", "recognitions"] == "NTM; NTM kiểu mẫu"


def test_regroup_counts_predecessors_per_new_commune(ly_nhan_card):
    g = reorg.regroup(ly_nhan_card)
    assert set(g["commune"]) == set(SECTION_7) and set(g["district"]) == {""}
    c = ly_nhan_card.communes
    for r in g.itertuples():
        if r.year == 2026:  # the new commune's own results: it stands for itself
            own = c[(c["commune_id"] == r.commune_id) & (c["year"] == 2026) & (c["tier"] == r.tier)]
            assert (r.predecessors, r.assessed, len(own)) == (1, 1, 1)
            assert (r.reaching, r.recognised) == (int(own["reaches"].sum()), int(own["recognised"].sum()))
            continue
        old = SECTION_7[r.commune][1]
        mine = c[c["commune"].isin(old) & (c["year"] == r.year) & (c["tier"] == r.tier)]
        assert r.predecessors == 3 and r.assessed == len(mine)
        assert (r.reaching, r.recognised) == (int(mine["reaches"].sum()), int(mine["recognised"].sum()))
    nam_xang = g[(g["commune"] == "Nam Xang") & (g["year"] == 2023)].set_index("tier")
    assert nam_xang.loc["nang-cao", "reaching"] == 2 and nam_xang.loc["nang-cao", "criteria_range"] == "17–19"
    vinh_tru = g[(g["commune"] == "Vĩnh Trụ") & (g["year"] == 2023)]
    assert set(vinh_tru["assessed"]) == {2}  # the town is not assessed with the commune sets
    # before the reorganisation every commune stays its own unit
    before = reorg.regroup(ly_nhan_card.communes, ly_nhan_card.dataset, date="2025-06-30")
    assert len(before) == len(ly_nhan_card.communes) and set(before["district"]) == {"Lý Nhân", ""}
    assert set(before.loc[before["district"] == "", "year"]) == {2026}  # the new communes' own results


def _tiny_with(tmp_path, district_of_c: str, province_of_c: str):
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    communes = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
    communes.loc[communes["commune_id"] == "C", ["district", "province"]] = [district_of_c, province_of_c]
    communes.to_csv(d / "communes.csv", index=False)
    return ntmlib.score(d, year=2023)


def test_province_summary_keeps_communes_without_district(tmp_path, tiny_card):
    full = aggregate.summary(tiny_card, level="province")
    card = _tiny_with(tmp_path, "", "Thử nghiệm")
    prov = aggregate.summary(card, level="province")
    cols = ["year", "set", "communes", "reaching", "recognised", "criteria_range"]
    assert prov[cols].equals(full[cols])
    assert set(prov["communes"]) == {3}
    dist = aggregate.summary(card, level="district").set_index(["district", "set"])
    assert dist.loc[(aggregate.NO_DISTRICT, "tiny-ntm"), "communes"] == 1
    assert dist.loc[("Thử", "tiny-ntm"), "communes"] == 2
    # a district left missing (NaN) in the table counts the same way
    card.dataset.communes.loc[card.dataset.communes["commune_id"] == "C", "district"] = None
    assert aggregate.summary(card, level="district").groupby("set")["communes"].sum().to_dict() == \
        {"tiny-ntm": 3, "tiny-nc": 3}


def test_new_province_without_district_gets_its_own_row(tmp_path):
    card = _tiny_with(tmp_path, "", "Mới")
    prov = aggregate.summary(card, level="province").set_index(["province", "set"])
    assert prov.loc[("Mới", "tiny-ntm"), "communes"] == 1 and prov.loc[("Thử nghiệm", "tiny-ntm"), "communes"] == 2


@pytest.mark.parametrize("case,problems", [
    ("csv-crosswalk-unknown-old-commune", [("dòng 4", "old_commune_id")]),
    ("csv-crosswalk-bad-date", [("dòng 3", "effective"), ("dòng 4", "effective")]),
    ("csv-crosswalk-two-successors", [("dòng 4", "new_commune_id"), ("dòng 5", "new_commune")]),
    ("csv-crosswalk-missing-column", [("dòng 1", "new_province")]),
])
def test_bad_crosswalk_rows_name_file_row_and_column(case, problems):
    with pytest.raises(ntmlib.DataError) as e:
        ntmlib.load_dataset(DATA / "bad" / case)
    assert [(p.file, p.place, p.column) for p in e.value.problems] == [("crosswalk.csv", *p) for p in problems]


def test_old_commune_name_must_match_its_id(tmp_path):
    d = tmp_path / "ds"
    shutil.copytree(LY_NHAN, d)
    text = (d / "crosswalk.csv").read_text(encoding="utf-8").replace("13570,Nguyên Lý,", "13570,Công Lý,")
    (d / "crosswalk.csv").write_text(text, encoding="utf-8")
    problems = ntmlib.validate(d)
    assert [str(p) for p in problems] == [
        "crosswalk.csv: dòng 3 (cột old_commune): tên 'Công Lý' không khớp với mã 13570 "
        "('Nguyên Lý' trong communes.csv)"]


@pytest.mark.slow
def test_new_commune_report_shows_its_predecessors(ly_nhan_card):
    from ntmlib.run.export import to_html
    from ntmlib.run.runner import run_report as execute

    nb = execute("commune", {"dataset": str(LY_NHAN.resolve()), "commune": "Nam Xang", "year": 2023, "lang": "vi"})
    html = to_html(nb)
    assert "Xã Nam Xang" in html
    assert "được thành lập từ ngày 1/7/2025 trên cơ sở xã Nguyên Lý, xã Công Lý và xã Đức Lý" in html
    assert "Kết quả của các xã tiền thân" in html and "data:image/png;base64," in html
    text = "\n".join(o.get("data", {}).get("text/plain", "") for c in nb.cells for o in c.get("outputs", []))
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    h = reorg.history(ly_nhan_card, "Nam Xang")
    assert len(h) == 6
    for r in h.itertuples():  # every count of the history table is in the report
        assert any(ln.startswith(f"{r.year} {r.commune} {r.ntm} {h.at[r.Index, 'nang-cao']}") for ln in lines), r
    assert "Kết quả theo từng bộ tiêu chí" not in html  # no results of its own before it existed


@pytest.mark.slow
def test_new_commune_report_by_reference_in_english_and_old_commune_note():
    from ntmlib.run.export import to_html
    from ntmlib.run.runner import run_report as execute

    nb = execute("commune", {"dataset": str(LY_NHAN.resolve()), "commune": "13597@2025-07-01", "year": 2022,
                             "lang": "en"})
    html = to_html(nb)
    assert "Vĩnh Trụ commune (code 13597, Ninh Bình province) was formed on 1 July 2025 from Thị trấn Vĩnh Trụ, " \
           "Nhân Khang and Nhân Chính" in html
    assert "not assessed" in html
    nb = execute("commune", {"dataset": str(LY_NHAN.resolve()), "commune": "13591", "year": 2023, "lang": "vi"})
    assert "Từ 1/7/2025 thuộc xã Nam Xang, tỉnh Ninh Bình." in to_html(nb)


def test_cli_lists_new_communes_and_refuses_an_old_code():
    from click.testing import CliRunner

    from ntmlib.cli import main

    res = CliRunner().invoke(main, ["crosswalk", str(LY_NHAN)])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert len(lines) == 1 + 7
    assert " ".join(lines[2].split()) == "13591@2025-07-01 Nam Xang Ninh Bình 1/7/2025 Nguyên Lý, Công Lý, Đức Lý"
    res = CliRunner().invoke(main, ["crosswalk", str(LY_NHAN), "13573"])
    assert res.exit_code == 2 and "'13573' là xã cũ Chính Lý" in res.output and "Traceback" not in res.output


def test_successor_names_of_many_communes_are_successor_of_each(ds):
    ids = list(ds.communes["commune_id"])
    names = reorg.successor_names(ds, ids)
    for cid in ids:
        one = reorg.successor(ds, cid)
        assert names.get(cid) == (None if one is None else one["new_commune"])
    assert len(names) == 21 and len(set(names.values())) == 7
    assert reorg.successor_names(ds, []) == {}


# ---- one resolver for an old commune (communes.csv) or a new one (crosswalk): reorg.find_commune


@pytest.mark.parametrize("ref, found", [
    ("Nguyên Lý", ("13570", None)), ("nguyen ly", ("13570", None)), ("13570", ("13570", None)),
    ("13573", ("13573", None)),  # a code communes.csv knows is the old commune, though the new Lý Nhân reuses it
    # a new commune with data of its own (a row of communes.csv, year 2026) is both a commune and a new unit
    ("Nam Xang", ("13591@2025-07-01",) * 2), ("13591@2025", ("13591@2025-07-01",) * 2),
    ("Lý Nhân", ("13573@2025-07-01",) * 2),
])
def test_old_or_new_commune(ds, ref, found):
    assert find_commune(ds, ref) == found


def test_neither_is_an_error_with_the_closest_names(ds):
    with pytest.raises(ParameterError) as e:
        find_commune(ds, "Nhân Bìn")
    assert [str(p) for p in e.value.problems] == [
        "communes.csv: không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh, Nhân Chính?"]
    with pytest.raises(ParameterError) as e:
        find_commune(load_dataset(TINY), "X@2025")  # no crosswalk: the old communes' error
    assert str(e.value.problems[0]).startswith("communes.csv: không có xã 'X@2025'")


def test_the_report_view_takes_both(ds):
    assert commune_report(ds, "Nam Xang", 2023).key == "13591@2025-07-01"
    assert commune_report(ds, "nguyen ly", 2023).commune_id == "13570"
    with pytest.raises(ParameterError) as e:
        commune_report(ds, "Không có", 2023)
    assert "không có xã 'Không có' trong bộ dữ liệu" in str(e.value.problems[0])
    assert "xã mới sau sắp xếp: " in str(e.value.problems[0])


def test_the_reorganisation_as_one_typed_table(ly_nhan_card):
    """predecessor_table holds new_communes' lists one row each; history_table holds history's
    '18/19 · 55/57' as numbers, for every new commune at once."""
    from ntmlib.analysis import reorg

    ds = ly_nhan_card.dataset
    links = reorg.predecessor_table(ds)
    units = reorg.new_communes(ds)
    assert [list(g["commune_id"].astype(str)) for _, g in links.groupby("key", sort=False)] == [
        list(map(str, ids)) for ids in units["predecessor_ids"]]
    assert not any(isinstance(v, list) for col in links.columns for v in links[col])
    table = reorg.history_table(ly_nhan_card)
    assert set(table["key"]) == set(units["key"])
    for col in ("criteria_met", "criteria_total", "indicators_met", "indicators_total"):
        assert table[col].dtype == "Int64"
    printed = reorg.history(ly_nhan_card, None)
    assert list(dict.fromkeys(printed["key"])) == list(units["key"])
    for r in table.dropna(subset=["tier"]).itertuples():
        row = printed[(printed["key"] == r.key) & (printed["commune_id"] == r.commune_id) & (printed["year"] == r.year)]
        assert row[str(r.tier)].iloc[0] == (f"{r.criteria_met}/{r.criteria_total} · "
                                            f"{r.indicators_met}/{r.indicators_total}")
    # the tiers compare, and a pivot keeps whole numbers
    assert (table["tier_reached"] >= "ntm").sum() == table["tier_reached"].notna().sum()
    wide = table.pivot_table(index=["key", "commune_id", "year"], columns="tier", values="criteria_met",
                             aggfunc="first", observed=True)
    assert all(str(d) == "Int64" for d in wide.dtypes)


def test_a_new_commune_cut_out_of_its_dataset_keeps_its_predecessors_names():
    # Dataset.restrict to one new commune (a district's or province's batch may leave its predecessors
    # out): the crosswalk keeps that unit's rows only and the predecessors are named from it
    ds = ntmlib.load_dataset(LY_NHAN)
    sub = ds.restrict(["13591@2025-07-01"])
    assert sub.crosswalk["old_commune"].tolist() == ["Nguyên Lý", "Công Lý", "Đức Lý"]
    assert reorg.new_communes(sub)["predecessors"].tolist() == [["Nguyên Lý", "Công Lý", "Đức Lý"]]
    assert reorg.formation_text(sub, "13591@2025-07-01") == (
        "Xã Nam Xang (mã 13591, tỉnh Ninh Bình) được thành lập từ ngày 1/7/2025 trên cơ sở xã Nguyên Lý, "
        "xã Công Lý và xã Đức Lý.")
    table = reorg.predecessor_table(sub)
    assert table["commune"].tolist() == ["Nguyên Lý", "Công Lý", "Đức Lý"] and (table["district"] == "").all()
    whole = reorg.formation_text(ds, "13591@2025-07-01")
    assert whole.endswith("xã Nguyên Lý, xã Công Lý và xã Đức Lý (huyện Lý Nhân, tỉnh Hà Nam).")


def test_a_name_two_units_carry_gives_the_unit_of_the_reports_year():
    """Bắc Lý is the old commune 13588 (to 2025) and the unit 13579@2025-07-01 formed from it: a report of
    'Bắc Lý' is of the one that exists in its year, so that 2026 never reports the old commune's no results."""

    assert [commune_report(LY_NHAN, "Bắc Lý", y).commune_id for y in (2022, 2023, 2026)] == [
        "13588", "13588", "13579@2025-07-01"]
    new = commune_report(LY_NHAN, "bac ly", 2026)
    assert new.commune_id == "13579@2025-07-01"
    # a unit of 1 July 2025 has no district: its header has no "Huyện" row with nothing in it
    assert new.header().to_dict("list") == {"": ["Xã", "Tỉnh", "Năm", "Vùng", "Bộ tiêu chí"], " ": [
        "Bắc Lý", "Ninh Bình", 2026, "Đồng bằng sông Hồng",
        "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030"]}
    assert commune_report(LY_NHAN, "Bắc Lý", 2023).header()[""].tolist()[:3] == ["Xã", "Huyện", "Tỉnh"]


@pytest.mark.parametrize("ref, name", [("13588", "Bắc Lý"), ("Đạo Lý", "Đạo Lý"), ("13579", "Đạo Lý")])
def test_an_old_commune_asked_for_a_year_after_it_joined_a_new_one_names_the_new_one(ref, name):

    with pytest.raises(ParameterError) as e:
        commune_report(LY_NHAN, ref, 2026)
    cid = "13588" if name == "Bắc Lý" else "13579"
    assert str(e.value) == (f"xã: xã {name} ({cid}) không còn từ ngày 1/7/2025: từ đó thuộc xã Bắc Lý, nên không có "
                            "kết quả năm 2026; báo cáo năm 2026 là báo cáo của xã Bắc Lý")
    assert commune_report(LY_NHAN, ref, 2023).commune_id == cid


def test_a_new_communes_report_tables_recount_its_predecessors_scores(ly_nhan_card):
    """The report of a new commune (Nam Xang, from Nguyên Lý, Công Lý and Đức Lý): its header, each
    predecessor's counts per year and tier as the scores give them, and the counts per tier."""
    r = commune_report(LY_NHAN, "Nam Xang", 2023)
    assert r.header().to_dict("list")[" "][:7] == ["Nam Xang", "13591", "13591@2025-07-01", "Ninh Bình", "1/7/2025",
                                                   "Nguyên Lý, Công Lý, Đức Lý", 2023]
    h = r.history()
    assert h[["Năm", "Xã tiền thân"]].values.tolist() == [[y, n] for y in (2022, 2023)
                                                         for n in ("Nguyên Lý", "Công Lý", "Đức Lý")]
    c = ly_nhan_card.communes
    ids = dict(zip(ly_nhan_card.dataset.communes["commune"], ly_nhan_card.dataset.communes["commune_id"]))
    for tier, column in (("ntm", "NTM"), ("nang-cao", "NTM nâng cao"), ("kieu-mau", "NTM kiểu mẫu")):
        for (year, name), shown in zip(h[["Năm", "Xã tiền thân"]].values.tolist(), h[column]):
            row = c[(c["commune_id"] == ids[name]) & (c["year"] == year) & (c["tier"] == tier)].iloc[0]
            assert shown == (f"{row['criteria_met']}/{row['criteria_total']} · "
                             f"{row['indicators_met']}/{row['indicators_total']}")
    g = r.regrouped()
    nc = g[(g["Năm"] == 2023) & (g["Hạng"] == "NTM nâng cao")].iloc[0]
    mine = c[c["commune_id"].isin([ids[n] for n in ("Nguyên Lý", "Công Lý", "Đức Lý")]) & (c["year"] == 2023)
             & (c["tier"] == "nang-cao")]
    assert (nc["Số xã tiền thân"], nc["Số xã đạt theo kết quả"]) == (3, int(mine["reaches"].sum())) == (3, 2)
    assert nc["Khoảng tiêu chí"] == f"{mine['criteria_met'].min()}–{mine['criteria_met'].max()}/19" == "17–19/19"
