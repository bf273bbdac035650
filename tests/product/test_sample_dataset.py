"""The bundled sample dataset data/ly-nhan reproduces the January 2024 NTM bulletin of Lý Nhân.

The published figures are read from the bulletin itself (data/ly-nhan/sources/), not repeated
here, so the dataset, the bulletin and this test cannot drift apart silently.
"""
import csv
import re
import subprocess
import sys
import unicodedata

import pytest

import ntmlib

from tests.helpers.paths import LY_NHAN

DATASET = LY_NHAN
BULLETIN = DATASET / "sources" / "ban-tin-ntm-2024-01.txt"
NTM, NC, KM = "hanam-2022-ntm", "hanam-2022-nang-cao", "hanam-2022-kieu-mau"
TOWN = "13597"

# "Xã Tiến Thắng: đạt 19/19 tiêu chí với 57/57 chỉ tiêu nông thôn mới; 19/19 tiêu chí với 75/75 ..."
BOTH_SETS = re.compile(r"Xã ([^:\n]+?): đạt (\d+)/19 tiêu chí với (\d+)/57 chỉ tiêu nông thôn mới; "
                       r"(?:đạt )?(\d+)/19 tiêu chí với (\d+)/75 chỉ tiêu nông thôn mới nâng cao")


# --------------------------------------------------------------------------- the bulletin


@pytest.fixture(scope="module")
def text() -> str:
    return unicodedata.normalize("NFC", BULLETIN.read_text(encoding="utf-8"))


def between(text: str, start: str, end: str | None) -> str:
    i = text.index(start)
    return text[i:text.index(end, i)] if end else text[i:]


@pytest.fixture(scope="module")
def published(text) -> dict:
    """Every figure of the bulletin the dataset must reproduce."""
    s21 = between(text, "2.1. Đối với các xã đã đạt chuẩn NTM kiểu mẫu", "2.2. Đối với")
    s22 = between(text, "2.2. Đối với các xã đạt chuẩn NTM nâng cao", "* Bên cạnh")
    s3 = between(text, "* Các xã dự kiến đăng ký năm 2024", "* Nhiệm vụ, giải pháp")
    model_ntm = re.findall(r"Xã (\S+(?: \S+)?) đạt (\d+)/19 tiêu chí, (\d+)/57 chỉ tiêu", s21)
    model_nc = re.findall(r"Xã (\S+(?: \S+)?) đạt (\d+)/19 tiêu chí, (\d+)/75 chỉ tiêu", s21)
    model = {name: {NTM: (int(c), int(i))} for name, c, i in model_ntm}
    for name, c, i in model_nc:
        model[name][NC] = (int(c), int(i))

    def both(rows):
        return {name: {NTM: (int(a), int(b)), NC: (int(c), int(d))} for name, a, b, c, d in rows}

    nc2022 = re.search(r"Xã (.+?) và xã (.+?) được Ủy ban nhân dân tỉnh Hà Nam công nhận đạt chuẩn nông thôn mới "
                       r"nâng cao năm 2022 tại Quyết định số (\S+) ngày (\d+) tháng (\d+) năm (\d+)", s22)
    ranges = re.search(r"các xã đạt (\d+)-(\d+)/19 tiêu chí với (\d+)-(\d+)/57 chỉ tiêu nông thôn mới; "
                       r"đạt (\d+)-(\d+)/19 tiêu chí với (\d+)-(\d+)/75 chỉ tiêu nông thôn mới nâng cao", s22)
    lo_hi = [int(x) for x in ranges.groups()]
    out = {
        "model": model,
        "nc2023": both(BOTH_SETS.findall(between(s22, "Các xã đăng ký năm 2023", "Các xã còn lại"))),
        "reg2024": both(BOTH_SETS.findall(s3)),
        "nc2022": [nc2022.group(1), nc2022.group(2)],
        "decision": nc2022.group(3),
        "decision_date": f"{int(nc2022.group(6)):04d}-{int(nc2022.group(5)):02d}-{int(nc2022.group(4)):02d}",
        "rest": {NTM: {"criteria": lo_hi[0:2], "indicators": lo_hi[2:4]},
                 NC: {"criteria": lo_hi[4:6], "indicators": lo_hi[6:8]}},
    }
    # the regular expressions found what the bulletin holds
    assert sorted(out["model"]) == sorted(["Xuân Khê", "Nhân Bình", "Nhân Chính", "Đức Lý", "Hợp Lý"])
    assert all(set(v) == {NTM, NC} for v in out["model"].values())
    assert sorted(out["nc2023"]) == sorted(["Tiến Thắng", "Nguyên Lý", "Công Lý"])
    assert sorted(out["reg2024"]) == sorted(["Văn Lý", "Phú Phúc", "Chân Lý", "Nhân Khang", "Nhân Nghĩa"])
    assert out["nc2022"] == ["Chính Lý", "Trần Hưng Đạo"]
    return out


# --------------------------------------------------------------------------- the dataset


@pytest.fixture(scope="module")
def ds():
    return ntmlib.load_dataset(DATASET)


@pytest.fixture(scope="module")
def card22():
    return ntmlib.score(DATASET, year=2022)


def old_communes(ds) -> list[str]:
    """The assessed communes of Lý Nhân district in 2022–2023 (the 7 new communes of 2026 aside)."""
    c = ds.communes
    return list(c.loc[c["assessed"] & ds.existing([2023]), "commune_id"])


def counts(card, ds, name: str, set_id: str) -> tuple[int, int]:
    c = card.communes
    row = c[(c["commune_id"] == ds.commune_id(name)) & (c["set"] == set_id)]
    assert len(row) == 1, (name, set_id)
    return int(row["criteria_met"].iloc[0]), int(row["indicators_met"].iloc[0])


def failed(card, ds, name: str, set_id: str) -> list[str]:
    ind = card.indicators
    rows = ind[(ind["commune_id"] == ds.commune_id(name)) & (ind["set"] == set_id)]
    return list(rows.loc[rows["met"].eq(False).fillna(False), "indicator"])


@pytest.mark.slow
def test_observations_are_the_scripts_output(tmp_path):
    out = tmp_path / "observations.csv"
    run = subprocess.run([sys.executable, str(DATASET / "make_observations.py"), "--out", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == (DATASET / "observations.csv").read_bytes()


def test_dataset_is_clean():
    assert ntmlib.validate(DATASET) == []


def test_bulletin_copy_is_the_reference():
    assert BULLETIN.read_text(encoding="utf-8").startswith("Skip Ribbon Commands")
    assert "Bản tin Nông thôn mới tháng 1 năm 2024" in BULLETIN.read_text(encoding="utf-8")


def test_model_communes_match_the_bulletin(published, ly_nhan_2023_card, ds):
    for name, want in published["model"].items():
        assert counts(ly_nhan_2023_card, ds, name, NTM) == want[NTM], name
        assert counts(ly_nhan_2023_card, ds, name, NC) == want[NC], name


def test_nang_cao_2023_communes_match_the_bulletin(published, ly_nhan_2023_card, ds):
    for name, want in published["nc2023"].items():
        assert counts(ly_nhan_2023_card, ds, name, NTM) == want[NTM], name
        assert counts(ly_nhan_2023_card, ds, name, NC) == want[NC], name


def test_communes_registering_in_2024_match_the_bulletin(published, ly_nhan_2023_card, ds):
    for name, want in published["reg2024"].items():
        assert counts(ly_nhan_2023_card, ds, name, NTM) == want[NTM], name
        assert counts(ly_nhan_2023_card, ds, name, NC) == want[NC], name
    reg = ds.registrations
    assert sorted(reg["commune_id"]) == sorted(ds.commune_id(n) for n in published["reg2024"])
    assert set(reg["tier"]) == {"nang-cao"} and set(reg["year"]) == {2024}


def test_remaining_communes_fill_the_published_ranges(published, ly_nhan_2023_card, ds):
    named = (list(published["model"]) + list(published["nc2023"]) + published["nc2022"]
             + list(published["reg2024"]))
    named_ids = {ds.commune_id(n) for n in named}
    rest = [cid for cid in old_communes(ds) if cid not in named_ids]
    assert len(rest) == 5
    c = ly_nhan_2023_card.communes[ly_nhan_2023_card.communes["commune_id"].isin(rest)]
    for set_id, want in published["rest"].items():
        rows = c[c["set"] == set_id]
        for col in ("criteria", "indicators"):
            lo, hi = want[col]
            got = rows[f"{col}_met"]
            assert got.between(lo, hi).all(), (set_id, col, list(got))
            assert (got.min(), got.max()) == (lo, hi), (set_id, col)  # together they span the range


def test_nang_cao_2022_communes_slipped_on_the_named_indicators(published, ly_nhan_2023_card, ds):
    s_nc, s_ntm = ntmlib.load_set(NC), ntmlib.load_set(NTM)
    measure = {i.code: i.measure for i in s_nc.indicators}
    ntm_measure = {i.code: i.measure for i in s_ntm.indicators}
    for name in published["nc2022"]:
        nc_failed = failed(ly_nhan_2023_card, ds, name, NC)
        assert sorted(nc_failed) == sorted(["14.1", "17.6", "2.5"]), name
        assert {measure[c] for c in nc_failed} == {"health_insurance_rate", "residential_area_sanitation",
                                                    "flower_tree_lined_roads"}
        # residential-area sanitation is one yes/no measure serving NTM 17.3 and NC 17.6, so it
        # fails in both sets; health insurance sits between the NTM and NC thresholds.
        failed_ntm = [ntm_measure[c] for c in failed(ly_nhan_2023_card, ds, name, NTM)]
        assert failed_ntm == ["residential_area_sanitation"], name
        assert counts(ly_nhan_2023_card, ds, name, NTM) == (18, 56)
        assert counts(ly_nhan_2023_card, ds, name, NC) == (16, 72)
        ind = ly_nhan_2023_card.indicators
        mine = ind[ind["commune_id"] == ds.commune_id(name)]
        bhyt = mine[((mine["set"] == NTM) & (mine["indicator"] == "15.1"))
                    | ((mine["set"] == NC) & (mine["indicator"] == "14.1"))].set_index("set")
        assert {ntm_measure["15.1"], measure["14.1"]} == {"health_insurance_rate"}
        assert bhyt.loc[NTM, "met"] and not bhyt.loc[NC, "met"]
        assert bhyt.loc[NTM, "threshold"] <= bhyt.loc[NC, "number"] < bhyt.loc[NC, "threshold"]


def test_nang_cao_2022_communes_met_the_set_in_full_in_2022(published, card22, ds):
    for name in published["nc2022"]:
        assert counts(card22, ds, name, NTM) == (19, 57), name
        assert counts(card22, ds, name, NC) == (19, 75), name


def test_no_missing_data_and_town_not_scored(card22, ly_nhan_2023_card, ds):
    xa = old_communes(ds)
    assert len(xa) == 20 and TOWN not in xa
    for card in (card22, ly_nhan_2023_card):
        c = card.communes
        assert TOWN not in set(c["commune_id"])
        main = c[c["set"].isin([NTM, NC])]
        assert sorted(set(main["commune_id"])) == sorted(xa)
        assert len(main) == 40
        assert (main["no_data"] == 0).all()
        assert ((main["criteria_total"] == 19) & main["indicators_total"].isin([57, 75])).all()


def test_kieu_mau_conditions_of_the_model_communes(published, card22, ly_nhan_2023_card, ds):
    model = {ds.commune_id(n) for n in published["model"]}
    for card, year in ((card22, 2022), (ly_nhan_2023_card, 2023)):
        ind = card.indicators[card.indicators["set"] == KM]
        k34 = ind[ind["indicator"].isin(["K3", "K4"])]
        assert k34[k34["commune_id"].isin(model)]["met"].eq(True).all()
        assert k34[~k34["commune_id"].isin(model)]["met"].isna().all()  # no data for the others
        k2 = ind[(ind["indicator"] == "K2") & ind["commune_id"].isin(model)]
        assert k2["met"].eq(True).all(), year
    xk = ly_nhan_2023_card.indicators
    xk = xk[(xk["commune_id"] == ds.commune_id("Xuân Khê")) & (xk["indicator"] == "K2")]
    assert xk["number"].iloc[0] > 75
    c = ly_nhan_2023_card.communes
    assert c[(c["commune_id"] == ds.commune_id("Xuân Khê"))]["tier_reached"].iloc[0] == "kieu-mau"


def test_recognitions_hold_only_what_is_known(published, ds):
    rec = ds.recognitions
    xa = old_communes(ds)  # the new communes of 2026 hold no recognition: they are assessed again
    assert sorted(rec.loc[rec["tier"] == "ntm", "commune_id"]) == sorted(xa)
    cong_ly = rec[(rec["tier"] == "ntm") & (rec["commune_id"] == ds.commune_id("Công Lý"))]
    assert list(cong_ly["year"]) == [2015]
    assert rec.loc[(rec["tier"] == "ntm") & (rec["commune_id"] != ds.commune_id("Công Lý")), "year"].isna().all()
    km = rec[rec["tier"] == "kieu-mau"]
    assert sorted(km["commune_id"]) == sorted(ds.commune_id(n) for n in published["model"])
    assert km["year"].isna().all()
    nc = rec[rec["tier"] == "nang-cao"]
    nc22 = nc[nc["year"] == 2022]
    assert sorted(nc22["commune_id"]) == sorted(ds.commune_id(n) for n in published["nc2022"])
    assert set(nc22["decision"]) == {published["decision"]}
    assert set(nc22["decision_date"]) == {published["decision_date"]}
    nc23 = nc[nc["year"] == 2023]
    assert sorted(nc23["commune_id"]) == sorted(ds.commune_id(n) for n in published["nc2023"])
    assert (nc23["decision"] == "").all()
    assert len(nc) == 5  # no invented nâng cao rows for the model communes


def test_rows_use_measures_only_for_shared_quantities():
    users: dict[str, set[str]] = {}
    codes: dict[str, dict[str, str]] = {}
    for set_id in (NTM, NC, KM):
        s = ntmlib.load_set(set_id)
        codes[set_id] = {i.code: i.measure for i in s.indicators}
        for i in s.indicators:
            users.setdefault(i.measure, set()).add(set_id)
    with open(DATASET / "observations.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == ["commune_id", "year", "set", "indicator", "value", "source"]
    new = [r for r in rows if r["year"] == "2026"]  # the new communes: measure rows of the 2026–2030 set
    assert len(new) == 7 * 31 and {r["indicator"] for r in new} == {i.measure for i in ntmlib.load_set(
        "vn-2026-ntm").indicators} and not any(r["set"] for r in new)
    for r in (r for r in rows if r["year"] != "2026"):
        if r["set"]:
            assert len(users[codes[r["set"]][r["indicator"]]]) == 1, r
        else:
            assert len(users[r["indicator"]]) >= 2, r


def test_failures_sit_mostly_in_the_criteria_the_bulletin_names(published, ly_nhan_2023_card, ds):
    named = set(published["model"]) | set(published["nc2023"]) | set(published["nc2022"])
    others = [cid for cid in old_communes(ds) if cid not in {ds.commune_id(n) for n in named}]
    cr = ly_nhan_2023_card.criteria
    # roads, production organisation, environment, health, poverty (bulletin §2.2)
    for set_id, topics in ((NTM, {"2", "11", "13", "15", "17"}), (NC, {"2", "11", "13", "14", "17", "18"})):
        lost = cr[(cr["set"] == set_id) & cr["commune_id"].isin(others) & cr["met"].eq(False).fillna(False)]
        assert lost["criterion"].isin(topics).mean() >= 0.6, set_id


def test_2022_is_a_path_into_2023(published, card22, ly_nhan_2023_card, ds):
    named = set(published["model"]) | set(published["nc2023"]) | set(published["nc2022"])
    for cid in old_communes(ds):
        if cid in {ds.commune_id(n) for n in named}:
            continue
        for set_id in (NTM, NC):
            c22 = card22.communes[(card22.communes["commune_id"] == cid) & (card22.communes["set"] == set_id)]
            c23 = ly_nhan_2023_card.communes
            c23 = c23[(c23["commune_id"] == cid) & (c23["set"] == set_id)]
            assert int(c22["criteria_met"].iloc[0]) == int(c23["criteria_met"].iloc[0]) - 1, (cid, set_id)
    for name in published["nc2023"]:
        assert counts(card22, ds, name, NC)[0] in (16, 17, 18), name
