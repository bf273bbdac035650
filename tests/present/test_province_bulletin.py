"""The province bulletin: every sentence's numbers read back and recounted from the score tables
(communes, criteria, indicators) and the sample's own files, for 2026 (Ninh Bình, NTM only, commune
groups, a target) and 2023 (Hà Nam, three tiers, lapsed communes); the undecided and no-data
communes. `ntm bulletin` and the Word document: tests/product/test_province_bulletin_cli.py."""
import csv
import dataclasses
import math
import re
import shutil

import pytest
import yaml

import ntmlib
from ntmlib.present import province_bulletin as PB
from ntmlib.present.bulletin import to_html

from tests.helpers.paths import LY_NHAN, ROOT, sample_again_in_2024

GROUP_EXAMPLE = ROOT / "data" / "examples" / "nhom-xa-2026"
CASES = [(2026, "Ninh Bình"), (2023, "Hà Nam")]


def _places():
    with open(LY_NHAN / "communes.csv", encoding="utf-8") as f:
        return {r["commune_id"]: r for r in csv.DictReader(f)}


def _rows(card, year, province, tier):
    """The communes table's rows of `province` at `tier` in `year`, as plain dicts."""
    places = _places()
    c = card.communes
    c = c[(c["year"] == year) & (c["tier"].astype(str) == tier)]
    return [r for r in c.to_dict("records") if places[str(r["commune_id"])]["province"] == province]


def _lines(b):
    """The text of every block of a bulletin, or of one of its sections."""
    return [blk.text for s in getattr(b, "sections", [b]) for blk in s.blocks]


def _section(b, heading):
    return next(s for s in b.sections if s.heading.split(". ", 1)[1] == heading)


def _pct(part, whole):
    return f"{100 * part / whole:.1f}".rstrip("0").rstrip(".").replace(".", ",")


@pytest.fixture(scope="module")
def bulletins(ly_nhan_card):
    return {year: PB.build(ly_nhan_card, year, province) for year, province in CASES}


@pytest.mark.parametrize("year, province", CASES)
def test_overall_lines_recounted(ly_nhan_card, bulletins, year, province):
    b = bulletins[year]
    assert b.title == f"Bản tin nông thôn mới tỉnh {province} — kết quả thực hiện năm {year}"
    lines = [t for t in _lines(b) if t.startswith("Toàn tỉnh có")]
    tiers = sorted({str(t) for t in ly_nhan_card.communes.loc[ly_nhan_card.communes["year"] == year, "tier"]},
                   key=["ntm", "nang-cao", "kieu-mau"].index)
    assert len(lines) == len(tiers)
    words = {"ntm": "nông thôn mới", "nang-cao": "nông thôn mới nâng cao", "kieu-mau": "nông thôn mới kiểu mẫu"}
    for line, tier in zip(lines, tiers):
        rows = _rows(ly_nhan_card, year, province, tier)
        reaching = sum(bool(r["reaches"]) for r in rows)
        recognised = sum(bool(r["reaches"]) and bool(r["recognised"]) for r in rows)
        m = re.match(r"Toàn tỉnh có (\d+)/(\d+) xã đạt chuẩn (.+?) \(([\d,]+) %\)", line)
        assert m.groups() == (str(reaching), str(len(rows)), words[tier], _pct(reaching, len(rows))), line
        got = re.search(r"(\d+) xã đã được công nhận và duy trì", line)
        assert (int(got.group(1)) if got else 0) == recognised
        got = re.search(r"(\d+) xã đạt theo kết quả rà soát, chưa được công nhận", line)
        assert (int(got.group(1)) if got else 0) == reaching - recognised
        rest = line.split("Còn lại ", 1)[1] if "Còn lại " in line else ""
        assert sum(int(n) for n in re.findall(r"(\d+) xã", rest)) == len(rows) - reaching


def test_2026_in_words(bulletins):
    overall = _section(bulletins[2026], "Kết quả chung").blocks[0].text
    assert overall == ("Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới (14,3 %), trong đó 1 xã đạt theo kết quả rà soát, "
                       "chưa được công nhận. Còn lại 6 xã chưa đạt chuẩn.")


def test_commune_groups_recounted(ly_nhan_card, bulletins):
    places = _places()
    rows = _rows(ly_nhan_card, 2026, "Ninh Bình", "ntm")
    text = _section(bulletins[2026], "Kết quả theo nhóm xã").blocks[0].text
    found = re.findall(r"[Nn]hóm (\d+): (\d+)/(\d+) xã đạt chuẩn \(([\d,]+) %\)", text)
    groups = sorted({places[str(r["commune_id"])]["commune_group"] for r in rows})
    assert [g for g, *_ in found] == groups == ["1", "2"]
    for g, reaching, n, pct in found:
        mine = [r for r in rows if places[str(r["commune_id"])]["commune_group"] == g]
        hits = sum(bool(r["reaches"]) for r in mine)
        assert (int(reaching), int(n), pct) == (hits, len(mine), _pct(hits, len(mine)))
    assert text.startswith("Nhóm 1: ") and "; nhóm 2: " in text
    # a year whose communes have no group has no such section
    assert not any(s.heading.endswith("Kết quả theo nhóm xã") for s in bulletins[2023].sections)


@pytest.mark.parametrize("year, province", CASES)
def test_criteria_lines_recounted(ly_nhan_card, bulletins, year, province):
    rows = _rows(ly_nhan_card, year, province, "ntm")
    ids = {str(r["commune_id"]) for r in rows}
    set_id = rows[0]["set"]
    cr = ly_nhan_card.criteria
    cr = cr[(cr["year"] == year) & (cr["set"] == set_id) & cr["commune_id"].astype(str).isin(ids)]
    lines = [t for t in _lines(bulletins[year]) if re.match(r"\d+/\d+ xã đạt tiêu chí", t)]
    crit = {c.code: c.name for c in ly_nhan_card.sets[set_id].criteria}
    assert len(lines) == len(crit)
    counts = []
    for line in lines:
        met, n, code, name = re.match(r"(\d+)/(\d+) xã đạt tiêu chí (\S+)\. (.+)\.$", line).groups()
        mine = cr[cr["criterion"].astype(str) == code]
        assert int(met) == int(mine["met"].eq(True).sum()) and int(n) == len(ids), line
        assert name == crit[code]
        counts.append(int(met))
    assert counts == sorted(counts, reverse=True)
    weakest = next(t for t in _lines(bulletins[year]) if t.startswith("Các tiêu chí có ít xã đạt nhất"))
    lowest = min(counts)
    assert re.findall(r"\((\d+)/\d+\)", weakest)[0] == str(lowest)


@pytest.mark.parametrize("year, province", CASES)
def test_bands_recounted(ly_nhan_card, bulletins, year, province):
    rows = _rows(ly_nhan_card, year, province, "ntm")
    total = rows[0]["criteria_total"]
    line = next(t for t in _lines(bulletins[year]) if t.startswith("Theo số tiêu chí đạt"))
    found = re.findall(r"(\d+) xã đạt (\d+)(?:–(\d+))?/(\d+) tiêu chí", line)
    assert sum(int(n) for n, *_ in found) == len(rows)
    for n, low, high, tot in found:
        high = high or low
        assert int(tot) == total
        assert int(n) == sum(int(low) <= r["criteria_met"] <= int(high) for r in rows)


@pytest.mark.parametrize("year, province", CASES)
def test_each_commune_and_the_rest_as_ranges(ly_nhan_card, bulletins, year, province):
    rows = _rows(ly_nhan_card, year, province, "ntm")
    set_id = rows[0]["set"]
    n_criteria = len(ly_nhan_card.sets[set_id].criteria)
    ind = ly_nhan_card.indicators
    ind = ind[(ind["year"] == year) & (ind["set"] == set_id)]
    section = _lines(_section(bulletins[year], "Kết quả từng xã"))
    listed = re.findall(r"^Xã (.+) đạt (\d+)/(\d+) tiêu chí, (\d+)/(\d+) chỉ tiêu\.$", "\n".join(section), re.M)
    reaching = [r for r in rows if r["reaches"]]
    assert [name for name, *_ in listed] == [r["commune"] for r in reaching]
    for (name, cm, ct, im, it), r in zip(listed, reaching):
        mine = ind[ind["commune_id"] == r["commune_id"]]
        assert int(ct) == n_criteria  # the set's criteria
        assert int(it) == mine["indicator"].nunique()  # the set's indicators judged
        assert int(im) == int(mine["met"].eq(True).sum())
        assert int(cm) == r["criteria_met"]
    rest = [r for r in rows if not r["reaches"]]
    line = next(t for t in section if t.startswith("Các xã còn lại"))
    c = [min(r["criteria_met"] for r in rest), max(r["criteria_met"] for r in rest)]
    i = [min(r["indicators_met"] for r in rest), max(r["indicators_met"] for r in rest)]
    assert f"các xã đạt {c[0]}-{c[1]}/{n_criteria} tiêu chí với {i[0]}-{i[1]}/" in line


def test_communes_close_to_the_standard_with_their_unmet_values(ly_nhan_card, bulletins):
    rows = _rows(ly_nhan_card, 2026, "Ninh Bình", "ntm")
    close = [r for r in rows if not r["reaches"] and r["criteria_met"] >= math.ceil(0.8 * r["criteria_total"])]
    lines = [t for t in _lines(_section(bulletins[2026], "Các xã gần đạt chuẩn")) if t.startswith("Xã ")]
    assert sorted(re.match(r"Xã (.+?) \(", t).group(1) for t in lines) == sorted(r["commune"] for r in close)
    ind = ly_nhan_card.indicators
    ind = ind[(ind["year"] == 2026) & ind["met"].eq(False)]
    for r in close:
        line = next(t for t in lines if t.startswith(f"Xã {r['commune']} ("))
        unmet = ind[ind["commune_id"] == r["commune_id"]]
        assert len(unmet) == line.count("(yêu cầu")
        for u in unmet.to_dict("records"):
            name = u["indicator_name"][0].lower() + u["indicator_name"][1:]
            if u["unit"] == "%":
                value = f"{u['number']:g}".replace(".", ",")
                assert f"{name} {value} % (yêu cầu {u['threshold_text']})" in line
            else:
                assert f"{name}: chưa đạt (yêu cầu: đạt)" in line
    vinh_tru = next(t for t in lines if t.startswith("Xã Vĩnh Trụ"))
    assert vinh_tru.startswith("Xã Vĩnh Trụ (nhóm 1) đạt 8/10 tiêu chí, 29/31 chỉ tiêu; chưa đạt: ")
    assert "tỷ lệ nghèo đa chiều 1,5 % (yêu cầu ≤ 1 %)" in vinh_tru


def test_lapsed_communes_recounted(ly_nhan_card, bulletins):
    lines = _lines(_section(bulletins[2023], "Các xã đã được công nhận nhưng chưa duy trì"))
    names = {"ntm": "NTM", "nang-cao": "NTM nâng cao", "kieu-mau": "NTM kiểu mẫu"}
    expected = {}
    for tier, word in names.items():
        gone = [r["commune"] for r in _rows(ly_nhan_card, 2023, "Hà Nam", tier)
                if r["recognised"] and not r["reaches"] and not r["undecided"]]
        if gone:
            expected[word] = gone
    got = {}
    for line in lines:
        word, n, listed = re.match(r"(.+?): (\d+) xã \((.+)\)\.$", line).groups()
        got[word] = re.split(r", | và ", listed)
        assert int(n) == len(got[word])
    assert got == expected and len(expected["NTM"]) == 15
    assert _lines(_section(bulletins[2026], "Các xã đã được công nhận nhưng chưa duy trì")) == [
        "Không có xã đã được công nhận mà kết quả năm 2026 không còn đạt chuẩn."]


def test_targets_progress_gap_and_source(ly_nhan_card, bulletins):
    meta = yaml.safe_load((LY_NHAN / "dataset.yaml").read_text(encoding="utf-8"))
    target = meta["targets"][0]
    rows = _rows(ly_nhan_card, 2026, "Ninh Bình", target["tier"])
    reached = sum(bool(r["reaches"]) for r in rows)
    gap = math.ceil(target["share"] * len(rows)) - reached
    lines = _lines(_section(bulletins[2026], "Tiến độ thực hiện mục tiêu"))
    assert lines[0] == (f"Năm 2026: {reached}/{len(rows)} xã đạt chuẩn NTM theo kết quả chấm "
                        f"({_pct(reached, len(rows))} %); còn {gap} xã để đạt mục tiêu 65 % năm {target['year']}.")
    assert gap == 4
    assert lines[1] == "Nguồn của mục tiêu: " + " ".join(target["source"].split())
    assert "theo tin báo chí, không phải văn bản quyết định" in lines[1]
    assert lines[2] == "Ghi chú: " + target["note"]


def test_no_targets_no_section(ly_nhan_card, bulletins):
    # 2023 is judged by the 2022–2025 sets: the 2030 target is not measured on them
    assert not any("mục tiêu" in s.heading for s in bulletins[2023].sections)
    ds = ly_nhan_card.dataset
    bare = dataclasses.replace(ly_nhan_card, dataset=dataclasses.replace(
        ds, meta={k: v for k, v in ds.meta.items() if k != "targets"}))
    b = PB.build(bare, 2026)
    assert not any("mục tiêu" in s.heading for s in b.sections)
    assert [s.heading.split(". ", 1)[1] for s in b.sections][-1] == "Các xã đã được công nhận nhưng chưa duy trì"


def test_undecided_communes_name_the_indicators_without_threshold(tmp_path):
    card = ntmlib.score(sample_again_in_2024(tmp_path / "ly-nhan-2024"), year=2024)
    b = PB.build(card, 2024, "Hà Nam")
    lines = _lines(_section(b, "Các xã chưa có kết quả"))
    c = card.communes
    ind = card.indicators
    for line, tier in zip(lines, ("ntm", "nang-cao", "kieu-mau")):
        undecided = c[(c["tier"] == tier) & c["undecided"].astype(bool)]
        missing = ind[(ind["status"] == "no_threshold") & (ind["set"] == undecided["set"].iloc[0])
                      & ind["commune_id"].isin(undecided["commune_id"])]
        code = missing["indicator"].unique()
        assert len(code) == 1 and line.startswith(f"Chưa có ngưỡng của chỉ tiêu {code[0]} (")
        assert f" của {len(undecided)} xã chưa xác định được, không tính là chưa đạt (" in line
        assert re.split(r", | và ", line.rsplit("(", 1)[1][:-2]) == list(undecided["commune"])
    assert lines[0].startswith("Chưa có ngưỡng của chỉ tiêu 10 (thu nhập bình quân đầu người khu vực nông thôn): "
                               "kết quả nông thôn mới của 5 xã")
    assert "(20 xã chưa xác định được)" in next(t for t in _lines(b) if "xã đạt tiêu chí 10. Thu nhập" in t)


def test_communes_without_data(tmp_path):
    d = tmp_path / "nhom-xa"
    shutil.copytree(GROUP_EXAMPLE, d)
    obs = d / "observations.csv"
    obs.write_text("".join(line for line in obs.read_text(encoding="utf-8").splitlines(True)
                           if not line.startswith("26006,")), encoding="utf-8")
    b = PB.build(ntmlib.score(d, year=2026), 2026)
    assert b.title == "Bản tin nông thôn mới Tỉnh mẫu — kết quả thực hiện năm 2026"  # not 'tỉnh Tỉnh mẫu'
    assert _lines(_section(b, "Các xã chưa có kết quả")) == ["Chưa có số liệu năm 2026 (1 xã): Ngọc Lâm."]
    assert _section(b, "Kết quả chung").blocks[0].text.endswith("Còn lại 2 xã chưa đạt chuẩn và 1 xã chưa có số liệu.")
    bands = next(t for t in _lines(b) if t.startswith("Theo số tiêu chí đạt"))
    assert sum(int(n) for n in re.findall(r"(\d+) xã đạt", bands)) == 5  # the commune without data is not banded


def test_english_words(ly_nhan_card):
    b = PB.build(ly_nhan_card, 2026, lang="en")
    assert b.title == "New Rural Development bulletin of Ninh Bình province — results of 2026"
    assert b.sections[0].blocks[0].text.startswith("1/7 communes of the province meet the NTM standard (14.3 %), of "
                                                   "which 1 commune meeting")
    assert '<html lang="en">' in to_html(b)


def test_a_share_of_no_commune_is_a_dash_in_the_bulletin_and_the_report_alike():
    """One way to write a share: '14,3' in Vietnamese, '14.3' in English, '—' where no commune is
    counted (0/0), never '0' in the bulletin beside '—' in the report."""
    from ntmlib.text import share_text

    assert [share_text(1 / 7), share_text(1 / 7, "en"), share_text(1.0), share_text(float("nan"))] == [
        "14,3", "14.3", "100", "—"]
    none = {"reaching": 0, "communes": 0, "maintained": 0, "reached": 0, "share": float("nan")}
    assert PB.headline(none, "ntm") == "Toàn tỉnh có 0/0 xã đạt chuẩn nông thôn mới (— %)."
    some = dict(none, reaching=1, communes=7, reached=1, share=1 / 7)
    assert PB.headline(some, "ntm") == ("Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới (14,3 %), trong đó 1 xã đạt "
                                        "theo kết quả rà soát, chưa được công nhận.")
