"""Fast core tests on small hand-made datasets: each one pins a result a one-line slip in the core
would change (which duplicate observation wins, NFC names, gained criteria, the outlook of a `<=`
rule, what a what-if lists, the bulletin's "can register" limit, readiness order, most-failed
counts, tiers reached in the district summary). Every expected number is worked out by hand in the
comments from tests/data/tiny (or the sample dataset, where the brief is about it)."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from tests.helpers.paths import LY_NHAN, TINY

import ntmlib
from ntmlib.analysis import aggregate
from ntmlib.present.bulletin import READY_MAX_CRITERIA_MISSING, build
from ntmlib.cli import main
from ntmlib.analysis.roadmap import roadmap, roadmap_for
from ntmlib.analysis.whatif import whatif

NTM, NC = "tiny-ntm", "tiny-nc"

# tests/data/tiny in 2023, by hand (thresholds in tiny-ntm.yaml / tiny-nc.yaml):
#   A (DBSH, group 1): every tiny-ntm indicator met; tiny-nc 1.1 = 96 (measure) ≥ 95, 1.2 đạt: met.
#   B (DBSH, group 2): 1.1 98 < 100 ✗, 1.2 có ✓ → criterion 1 ✗; 2.1 đạt ✓, 2.2 2,5 > 2 ✗, 2.3 có ✗ → 2 ✗;
#                      3.1 91 ≥ 90 ✓, 3.2 no data → criterion 3 no data; tiny-nc: no data at all.
#   C (TDMNPB, group 2): 1.1 92 ≥ 90, 1.2 x, 2.1 45 ≥ 44, 2.2 0, 2.3 0, 3.1 95 % ✓, 3.2 1,5 < 2 ✗ → 2/3;
#                      tiny-nc 1.1 = 94 (measure) < 95 ✗, 1.2 ĐẠT ✓ → criterion 1 ✗.
#   Recognitions: A ntm 2019, B ntm (year unknown), C ntm 2018 and nâng cao 2022.


def tiny_copy(tmp_path: Path, add: tuple[str, ...] = (), change: dict[str, str] | None = None,
              drop: tuple[str, ...] = ()) -> Path:
    """A copy of tests/data/tiny whose observations.csv has lines replaced (`change`, old -> new,
    each old line present once), lines removed (`drop`) and lines appended (`add`, from line 29 on
    when none is removed)."""
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    obs = d / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    for old, new in (change or {}).items():
        assert lines.count(old) == 1, old
        lines[lines.index(old)] = new
    for old in drop:
        lines.remove(old)
    obs.write_text("\n".join(lines + list(add)) + "\n", encoding="utf-8")
    return d


def one(df: pd.DataFrame, **where) -> pd.Series:
    for col, value in where.items():
        df = df[df[col] == value]
    assert len(df) == 1, where
    return df.iloc[0]


# --------------------------------------------------------------------------- (a) first duplicate wins


def test_identical_duplicates_first_line_wins_and_the_later_one_is_the_skipped_one(tmp_path):
    # observations.csv has 27 rows (lines 2–28): the copies of A's 1.1 (line 2) and of A's
    # health_insurance_rate (line 9) land on lines 29 and 30
    d = tiny_copy(tmp_path, add=("A,2023,tiny-ntm,1.1,100", "A,2023,,health_insurance_rate,96"))
    ds = ntmlib.load_dataset(d)
    skipped = [s for s in ds.skipped if "trùng lặp" in s.reason]
    assert [s.places for s in skipped] == [("dòng 29", "dòng 30")]
    card = ntmlib.score(ds, year=2023)
    ind = card.indicators
    a11 = one(ind, commune_id="A", set=NTM, indicator="1.1")
    assert (a11["source_line"], a11["source_place"], a11["value"], a11["met"]) == (2, "dòng 2", "100", True)
    # by measure: tiny-nc 1.1 takes the first health_insurance_rate line, 9 …
    a_nc = one(ind, commune_id="A", set=NC, indicator="1.1")
    assert (a_nc["source_line"], a_nc["source_place"], a_nc["number"]) == (9, "dòng 9", 96.0)
    # … while tiny-ntm 3.1 keeps the line naming the set itself (7), ahead of both measure lines
    a31 = one(ind, commune_id="A", set=NTM, indicator="3.1")
    assert (a31["source_line"], a31["source_place"]) == (7, "dòng 7")
    # nothing else moved: the same counts as without the copies
    assert one(card.communes, commune_id="A", set=NTM)[["criteria_met", "indicators_met", "no_data"]].tolist() == [
        3, 7, 0]


def test_duplicate_written_before_the_original_row_order_is_by_line(tmp_path):
    # the same value for B's 3.1 twice, the copy first in the file (line 2): line 2 wins
    d = tiny_copy(tmp_path, change={"A,2023,tiny-ntm,1.1,100": "B,2023,tiny-ntm,3.1,91"},
                  add=("A,2023,tiny-ntm,1.1,100",))
    card = ntmlib.score(d, year=2023)
    b31 = one(card.indicators, commune_id="B", set=NTM, indicator="3.1")
    assert (b31["source_line"], b31["source_place"]) == (2, "dòng 2")  # not line 17, the original one
    a11 = one(card.indicators, commune_id="A", set=NTM, indicator="1.1")
    assert (a11["source_line"], a11["source_place"]) == (29, "dòng 29")


# --------------------------------------------------------------------------- (b) NFD names


@pytest.fixture(scope="module")
def ly_nhan_nfd(tmp_path_factory) -> Path:
    """data/ly-nhan with communes.csv written in NFD (decomposed diacritics), as some editors save it."""
    d = tmp_path_factory.mktemp("nfd") / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    f = d / "communes.csv"
    text = f.read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text and not unicodedata.is_normalized("NFC", nfd)
    f.write_text(nfd, encoding="utf-8")
    return d


def test_nfd_communes_file_gives_nfc_names_ids_and_the_same_roadmap(ly_nhan_nfd):
    ref, ds = ntmlib.load_dataset(LY_NHAN), ntmlib.load_dataset(ly_nhan_nfd)
    names = list(ds.communes["commune"])
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert names == list(ref.communes["commune"]) and names[3:5] == ["Chân Lý", "Đạo Lý"]
    assert list(ds.communes["commune_id"]) == list(ref.communes["commune_id"])
    assert set(ds.communes["district"]) == {"Lý Nhân"} and set(ds.communes["province"]) == {"Hà Nam"}
    assert ds.commune_id("Chân Lý") == ds.commune_id("Xã Chân Lý") == "13576"
    assert ds.district("Lý Nhân") == ds.district("huyen ly nhan") == "Lý Nhân"
    assert len(ds.area_communes(district="Lý Nhân")) == 21

    card, ref_card = ntmlib.score(ds, year=2023), ntmlib.score(ref, year=2023)
    pd.testing.assert_frame_equal(card.communes, ref_card.communes)
    got, want = roadmap_for(card, 2023, district="Lý Nhân"), roadmap_for(ref_card, 2023, district="Lý Nhân")
    assert len(want) > 0 and want["commune"].map(lambda n: unicodedata.is_normalized("NFC", n)).all()
    pd.testing.assert_frame_equal(got, want)


def test_nfd_communes_file_cli_roadmap_by_district(ly_nhan_nfd):
    args = ["roadmap", "--year", "2023", "--target", "nang-cao", "--district", "Lý Nhân"]
    got = CliRunner().invoke(main, [args[0], str(ly_nhan_nfd), *args[1:]])
    want = CliRunner().invoke(main, [args[0], str(LY_NHAN), *args[1:]])
    assert (got.exit_code, want.exit_code) == (0, 0), got.output
    assert unicodedata.is_normalized("NFC", got.output) and "Chân Lý" in got.output
    assert got.output == want.output


# --------------------------------------------------------------------------- (c) year_change


def test_year_change_no_data_to_met_is_not_gained(tmp_path):
    # A in 2022 (with these two rows): criterion 1 no data; 2: 2.1 60 ≥ 58 ✓, 2.2 2,8 ≤ 3 ✓, 2.3 no
    # data → no data; 3: 3.1 80 < 90 ✗ (3.2 5 ≥ 4 ✓) → not met. In 2023 A meets all three: only 3 is
    # gained (1 and 2 had no data). B and C have no 2022 rows: nothing gained, nothing lost.
    d = tiny_copy(tmp_path, add=("A,2022,tiny-ntm,3.1,80", "A,2022,tiny-ntm,3.2,5"))
    yc = aggregate.year_change(ntmlib.score(d))
    got = {(r.commune_id, r.set): (r.year_from, r.year_to, r.criteria_from, r.criteria_to, r.gained, r.lost, r.change)
           for r in yc.itertuples()}
    assert got == {
        ("A", NTM): (2022, 2023, 0, 3, "3", "", 3),
        ("B", NTM): (2022, 2023, 0, 0, "", "", 0),
        ("C", NTM): (2022, 2023, 0, 2, "", "", 2),
        ("A", NC): (2022, 2023, 0, 1, "", "", 1),
        ("B", NC): (2022, 2023, 0, 0, "", "", 0),
        ("C", NC): (2022, 2023, 0, 0, "", "", 0),
    }
    assert one(yc, commune_id="A", set=NTM)["commune"] == "An"


def test_year_change_met_to_not_met_is_lost_and_no_data_after_is_neither(tmp_path):
    # A 2022: 3.1 95 ✓, 3.2 5 ✓ → criterion 3 met; 2: 2.1 60 ✓, 2.2 2,8 ✓, 2.3 không ✓ → met.
    # A 2023 with 2.2 = 2,4 (> 2) → criterion 2 lost; 3 still met; 1 gained? no: no data in 2022.
    # C 2022: 1.1 95 ✓, 1.2 có ✓ → 1 met; in 2023 C's criterion 1 is met too: neither.
    d = tiny_copy(tmp_path, change={'A,2023,tiny-ntm,2.2,"1,2"': 'A,2023,tiny-ntm,2.2,"2,4"'},
                  add=("A,2022,tiny-ntm,3.1,95", "A,2022,tiny-ntm,3.2,5", "A,2022,tiny-ntm,2.3,không",
                       "C,2022,tiny-ntm,1.1,95", "C,2022,tiny-ntm,1.2,có"))
    yc = aggregate.year_change(ntmlib.score(d)).set_index(["commune_id", "set"])
    assert yc.loc[("A", NTM), ["criteria_from", "criteria_to", "gained", "lost", "change"]].tolist() == [
        2, 2, "", "2", 0]
    assert yc.loc[("C", NTM), ["criteria_from", "criteria_to", "gained", "lost", "change"]].tolist() == [
        1, 2, "", "", 1]


# --------------------------------------------------------------------------- (d) roadmap outlook for `<=`


def test_roadmap_outlook_lower_is_better(tmp_path):
    # Poverty 2.2 (rule <=, threshold 3 in 2022, 2 from then on):
    #   A 2,8 (2022) → 2,4 (2023): rate −0,4/yr, by 2025 1,6 ≤ 2 → closes, nothing extra.
    #   B 2,6 (2022) → 2,5 (2023): rate −0,1/yr, by 2025 2,3 > 2 → needs 0,3 more.
    d = tiny_copy(tmp_path, change={'A,2023,tiny-ntm,2.2,"1,2"': 'A,2023,tiny-ntm,2.2,"2,4"'},
                  add=('B,2022,tiny-ntm,2.2,"2,6"',))
    rm = roadmap(ntmlib.score(d), 2023, "nang-cao", by=2025)
    assert set(rm["commune_id"]) == {"A", "B"}  # C holds nâng cao since 2022
    a, b = (one(rm, commune_id=c, set=NTM, indicator="2.2") for c in "AB")
    assert (a["rule"], a["threshold"], a["threshold_by"], a["status"]) == ("<=", 2.0, 2.0, "not_met")
    assert (a["rate"], a["projected"]) == (pytest.approx(-0.4), pytest.approx(1.6))
    assert (a["outlook"], a["extra"]) == ("closes", 0.0)
    assert (b["rate"], b["projected"]) == (pytest.approx(-0.1), pytest.approx(2.3))
    assert (b["outlook"], b["extra"]) == ("needs_more", pytest.approx(0.3))
    # B's road rate 98 (≥ 100) has one year only: no trend, 2 points still needed
    b11 = one(rm, commune_id="B", set=NTM, indicator="1.1")
    assert (b11["outlook"], b11["extra"], b11["threshold_by"]) == ("no_trend", 2.0, 100.0)


# --------------------------------------------------------------------------- (e) what-if: no data -> not met


def test_whatif_lists_a_criterion_moving_from_no_data_to_not_met(tiny_card):
    # tiny-ntm 3.1 from 90 to 95: A 96 and C 95 % still meet it, B's 91 no longer does. B's
    # criterion 3 (3.2 has no data) goes from no data to not met; B's counts 0/3, 3/7 → 0/3, 2/7.
    w = whatif(tiny_card, NTM, "3.1", 95)
    assert [(r.commune_id, r.indicator, r.met_before, r.met_after, r.threshold_before, r.threshold_after)
            for r in w.indicators.itertuples()] == [("B", "3.1", True, False, 90.0, 95.0)]
    assert len(w.criteria) == 1
    c = w.criteria.iloc[0]
    assert (c["commune_id"], c["set"], c["criterion"], c["commune"]) == ("B", NTM, "3", "Bình")
    assert pd.isna(c["met_before"]) and not pd.isna(c["met_after"]) and not c["met_after"]  # no data → not met
    assert (c["indicators_met_before"], c["indicators_met_after"]) == (1, 0)
    n = w.communes
    assert [(r.commune_id, r.set, r.criteria_met_before, r.criteria_met_after, r.indicators_met_before,
             r.indicators_met_after) for r in n.itertuples()] == [("B", NTM, 0, 0, 3, 2)]
    assert w.tiers().empty


# --------------------------------------------------------------------------- (f) bulletin: at most 7 missing


def test_bulletin_2022_can_register_includes_exactly_seven_missing():
    card = ntmlib.score(LY_NHAN, year=2022)
    b = build(card, 2022)
    s3 = next(s for s in b.sections if s.heading == "3. Các xã dự kiến đăng ký năm 2023")
    assert s3.blocks[0].text == ("Theo kết quả rà soát, các xã còn thiếu không quá 7 tiêu chí nông thôn mới nâng "
                                 "cao có thể đăng ký:")
    listed = [blk.text.split(":")[0].removeprefix("Xã ") for blk in s3.blocks[1:]]
    assert listed == ["Công Lý", "Tiến Thắng", "Nguyên Lý", "Chân Lý", "Đạo Lý", "Văn Lý"]
    ready = aggregate.readiness(card, "nang-cao", year=2022).set_index("commune")
    # Chân Lý and Đạo Lý miss exactly the limit (12/19 nâng cao criteria); Nhân Nghĩa, the next, 8
    assert READY_MAX_CRITERIA_MISSING == 7
    assert ready.loc[["Chân Lý", "Đạo Lý", "Văn Lý", "Nhân Nghĩa"], "criteria_missing"].tolist() == [7, 7, 6, 8]
    assert any(blk.text.startswith("Xã Chân Lý: đạt 14/19 tiêu chí với 50/57 chỉ tiêu nông thôn mới; đạt 12/19 "
                                   "tiêu chí với 56/75") for blk in s3.blocks)


# --------------------------------------------------------------------------- readiness, most_failed, summary


def test_readiness_closest_first(tiny_card):
    # Not recognised at nâng cao in 2023: A and B (C holds it since 2022).
    #   A: tiny-nc 1/1 criteria, 2/2 indicators; tiny-ntm 3/3, 7/7 → nothing missing.
    #   B: tiny-nc 0/1, 0/2 (no data) → 1 criterion, 2 indicators; tiny-ntm 0/3, 3/7 → 3 and 4 more.
    r = aggregate.readiness(tiny_card, "nang-cao", year=2023)
    cols = ["rank", "commune_id", "criteria_missing", "indicators_missing", "prerequisite_criteria_missing",
            "prerequisite_indicators_missing", "shortfall", "missing"]
    assert [tuple(x) for x in r[cols].itertuples(index=False)] == [
        (1, "A", 0, 0, 0, 0, 0.0, ""), (2, "B", 1, 2, 3, 4, 0.0, "1.1, 1.2")]
    assert aggregate.readiness(tiny_card, "ntm", year=2023).empty  # all three hold NTM


def test_most_failed_counts_failures_not_missing_data(tiny_card):
    # tiny-ntm: criterion 1 failed by B, 2 by B, 3 by C (B's 3 is no data: neither failed nor
    # assessed); tiny-nc: criterion 1 failed by C (B no data).
    mf = aggregate.most_failed(tiny_card)
    assert [(r.set, r.criterion, r.failed, r.communes, r.name) for r in mf.itertuples()] == [
        (NC, "1", 1, 2, "Y tế và cảnh quan"),
        (NTM, "1", 1, 3, "Giao thông và quy hoạch"),
        (NTM, "2", 1, 3, "Thu nhập và nghèo"),
        (NTM, "3", 1, 2, "Y tế và môi trường")]
    assert mf["group_name"].tolist() == ["Y tế và cảnh quan", "Quy hoạch và hạ tầng", "Kinh tế và xã hội",
                                         "Kinh tế và xã hội"]
    # by indicator: failures 1.1 (B), 2.2 (B), 2.3 (B), 3.2 (C) in tiny-ntm, 1.1 (C) in tiny-nc;
    # 3.2 is assessed for A and C only, tiny-nc 1.1 for A and C
    mi = aggregate.most_failed(tiny_card, by="indicator")
    assert [(r.set, r.indicator, r.failed, r.communes) for r in mi.itertuples()] == [
        (NC, "1.1", 1, 2), (NTM, "1.1", 1, 3), (NTM, "2.2", 1, 3), (NTM, "2.3", 1, 3), (NTM, "3.2", 1, 2)]


def test_summary_reaching_needs_the_prerequisite(tmp_path):
    # C's health insurance 94 → 96: C now meets tiny-nc (1.1 96 ≥ 95, 1.2 ĐẠT) but not tiny-ntm
    # (3.2 1,5 < 2), so C does not reach nâng cao (recognised there since 2022 all the same).
    d = tiny_copy(tmp_path, change={"C,2023,,health_insurance_rate,94": "C,2023,,health_insurance_rate,96"})
    card = ntmlib.score(d, year=2023)
    assert one(card.communes, commune_id="C", set=NC)[["set_met", "prerequisite_met", "reaches"]].tolist() == [
        True, False, False]
    s = aggregate.summary(card).set_index("set")
    cols = ["communes", "reaching", "recognised", "criteria_total", "criteria_mean", "criteria_range",
            "indicators_range", "no_data"]
    # tiny-ntm: A 3/3 7/7, B 0/3 3/7 (1 no data), C 2/3 6/7; recognised: all three hold NTM
    assert s.loc[NTM, cols].tolist() == [3, 1, 3, 3, round(5 / 3, 2), "0–3", "3–7", 1]
    # tiny-nc: A 1/1 2/2, B 0/1 0/2 (2 no data), C 1/1 2/2; reaching: A only; recognised: C
    assert s.loc[NC, cols].tolist() == [3, 1, 1, 1, round(2 / 3, 2), "0–1", "0–2", 2]
    assert set(s["district"]) == {"Thử"} and set(s["province"]) == {"Thử nghiệm"}
    p = aggregate.summary(card, level="province").set_index("set")
    assert p.loc[NC, ["province", "communes", "reaching", "recognised"]].tolist() == ["Thử nghiệm", 3, 1, 1]
