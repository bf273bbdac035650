import json
import shutil

from click.testing import CliRunner

from ntmlib.cli import main

from tests.helpers.paths import TINY


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_score_table_has_vietnamese_headers_and_bulletin_counts():
    r = run("score", TINY, "--year", 2023, "--set", "tiny-ntm")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:3] == ["Mã", "xã", "Xã"]
    assert "Kết quả" in lines[0]
    assert any(line.strip().startswith("A") and "3/3 tiêu chí, 7/7 chỉ tiêu" in line for line in lines)
    assert any(line.strip().startswith("C") and "2/3 tiêu chí, 6/7 chỉ tiêu" in line for line in lines)


def test_score_json_and_csv_carry_the_communes_columns(tmp_path):
    r = run("score", TINY, "--year", 2023, "--tier", "nang-cao", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [(x["commune_id"], x["criteria_met"], x["indicators_met"], x["reaches"]) for x in rows] == [
        ("A", 1, 2, True), ("B", 0, 0, False), ("C", 0, 1, False)]
    out = tmp_path / "s.csv"
    r = run("score", TINY, "--year", 2023, "--format", "csv", "--out", out)
    assert r.exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:10] == ["commune_id", "commune", "year", "set", "tier", "criteria_met", "criteria_total",
                           "indicators_met", "indicators_total", "no_data"]


def test_validate_clean_and_broken(tmp_path):
    r = run("validate", TINY)
    assert r.exit_code == 0, r.output
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    with open(d / "observations.csv", "a", encoding="utf-8") as f:
        f.write("A,2023,tiny-ntm,1.11,100\nZ,2023,tiny-ntm,1.1,100\nB,2023,tiny-ntm,3.2,nhiều\n")
    r = run("validate", d)
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert "dòng 29 (cột indicator): không có chỉ tiêu '1.11' của bộ tiny-ntm năm 2023 (có phải '1.1'?)" in r.output
    assert "dòng 30 (cột commune_id): mã xã 'Z' không có trong communes.csv" in r.output


def test_bad_value_stops_score_with_place_and_exit_2(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    with open(d / "observations.csv", "a", encoding="utf-8") as f:
        f.write("B,2023,tiny-ntm,3.2,nhiều\n")
    r = run("score", d, "--year", 2023)
    assert r.exit_code == 2
    assert "observations.csv: dòng 29 (cột value): giá trị 'nhiều' không đọc được cho chỉ tiêu 3.2" in r.output


def test_frameworks_listing_and_tree():
    r = run("frameworks")
    assert r.exit_code == 0, r.output
    assert "hanam-2022-nang-cao" in r.output and "75" in r.output
    r = run("frameworks", "vn-2021-ntm")
    assert r.exit_code == 0
    assert "Quyết định 318/QĐ-TTg" in r.output and "Tiêu chí 19." in r.output
    assert "19 tiêu chí, 57 chỉ tiêu" in r.output
