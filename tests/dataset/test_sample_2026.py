"""The sample's year 2026: the 7 new communes of Ninh Bình that Lý Nhân's units became on 1/7/2025,
scored with vn-2026-ntm. Their scores are recounted here from observations.csv and the set's YAML
thresholds, and their values from the predecessors' 2023 values, as data/ly-nhan/README.md says."""
import csv
from statistics import mean

import pytest
import yaml
from click.testing import CliRunner

import ntmlib
from ntmlib.cli.app import main

from tests.helpers.paths import LY_NHAN, ROOT

SET = "vn-2026-ntm"
CHOSEN = {"commune_master_plan_approved", "plan_management_rules", "commune_officials_standard",
          "party_government_rating"}  # the new commune's own plan and apparatus (spec.yaml `new_communes.chosen`)


def rows(name: str) -> list[dict]:
    with open(LY_NHAN / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def number(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.fixture(scope="module")
def card():
    return ntmlib.score(LY_NHAN, year=2026)


@pytest.fixture(scope="module")
def new_communes():
    return {r["commune_id"]: r for r in rows("communes.csv") if "@" in r["commune_id"]}


def recount(commune_group: str, values: dict) -> tuple[int, int, int, int]:
    """(criteria met, criteria, indicators met, indicators) of one commune, from the set's YAML."""
    spec = yaml.safe_load((ROOT / "ntmlib" / "criteria" / "sets" / f"{SET}.yaml").read_text(encoding="utf-8"))
    crit_met = ind_met = ind_total = 0
    for criterion in spec["criteria"]:
        ok = True
        for i in criterion["indicators"]:
            v, rule, t = values[i["measure"]], i["rule"], i.get("threshold")
            if isinstance(t, dict):
                t = t["by_group"][int(commune_group)]
            met = (v == "Đạt" if rule == "yes" else number(v) >= t if rule == ">=" else number(v) <= t)
            ind_met, ind_total, ok = ind_met + met, ind_total + 1, ok and met
        crit_met += ok
    return crit_met, len(spec["criteria"]), ind_met, ind_total


def test_the_seven_new_communes_and_only_they_are_scored_in_2026(card, new_communes):
    c = card.communes
    assert sorted(c["commune_id"].unique()) == sorted(new_communes) and set(c["set"]) == {SET}
    assert len(new_communes) == 7 and {r["province"] for r in new_communes.values()} == {"Ninh Bình"}
    assert {r["district"] for r in new_communes.values()} == {""}
    assert sorted(r["commune_group"] for r in new_communes.values()) == ["1"] + ["2"] * 6  # Vĩnh Trụ: nhóm 1
    assert not set(new_communes) & set(ntmlib.score(LY_NHAN, year=2023).communes["commune_id"])


def test_scores_recounted_from_the_data(card, new_communes):
    values: dict[str, dict] = {}
    for r in rows("observations.csv"):
        if r["year"] == "2026":
            assert r["set"] == "" and "minh hoạ" in r["source"]
            values.setdefault(r["commune_id"], {})[r["indicator"]] = r["value"]
    c = card.communes.set_index("commune_id")
    reached = 0
    for cid, commune in new_communes.items():
        got = c.loc[cid]
        want = recount(commune["commune_group"], values[cid])
        assert (got["criteria_met"], got["criteria_total"], got["indicators_met"], got["indicators_total"]) == want
        assert got["no_data"] == 0 and bool(got["set_met"]) == (want[0] == want[1])
        reached += want[0] == want[1]
    assert reached == 1 and c.loc["13591@2025-07-01", "set_met"]  # Nam Xang meets every indicator


def test_values_follow_from_the_predecessors_2023_values(new_communes):
    ntm = {i.code: i.measure for i in ntmlib.load_set("hanam-2022-ntm").indicators}
    old: dict[tuple, str] = {}
    for r in rows("observations.csv"):
        if r["year"] == "2023" and r["set"] in ("", "hanam-2022-ntm"):
            old[(r["commune_id"], r["indicator"] if not r["set"] else ntm[r["indicator"]])] = r["value"]
    rules = {i.measure: i.rule for i in ntmlib.load_set(SET).indicators}
    cw = rows("crosswalk.csv")
    checked = 0
    for r in rows("observations.csv"):
        if r["year"] != "2026" or r["indicator"] in CHOSEN:
            continue
        code, date = r["commune_id"].split("@")
        pre = [x["old_commune_id"] for x in cw if (x["new_commune_id"], x["effective"]) == (code, date)]
        have = [old[(p, r["indicator"])] for p in pre if (p, r["indicator"]) in old]
        numbers = [number(v) for v in have if v not in ("Đạt", "Chưa đạt")]
        if rules[r["indicator"]] in (">=", "<=") and numbers:
            assert number(r["value"]) == pytest.approx(mean(numbers), abs=0.05), r
        else:
            assert r["value"] == ("Đạt" if all(v == "Đạt" for v in have) else "Chưa đạt"), r
        checked += 1
    assert checked == 7 * (31 - len(CHOSEN))


def test_score_command_prints_the_seven_communes_of_2026():
    out = CliRunner().invoke(main, ["score", str(LY_NHAN), "--year", "2026"])
    assert out.exit_code == 0, out.output
    lines = out.output.strip().splitlines()
    assert len(lines) == 1 + 7 and all("vn-2026-ntm" in line for line in lines[1:])
    assert "13591@2025-07-01    Nam Xang 2026 vn-2026-ntm 10/10 tiêu chí, 31/31 chỉ tiêu" in out.output


def test_an_old_commune_has_no_data_after_it_joined_a_new_one(tmp_path):
    import shutil
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    n = len((d / "observations.csv").read_text(encoding="utf-8").splitlines())  # the two rows added: n + 1, n + 2
    with open(d / "observations.csv", "a", encoding="utf-8") as fh:
        fh.write("13570,2026,,hygienic_water_rate,99,\n13591@2025-07-01,2023,hanam-2022-ntm,1.1,Đạt,\n")
    problems = ntmlib.validate(d)
    assert [(p.place, p.column, p.message) for p in problems] == [
        (f"dòng {n + 1}", "commune_id", "xã Nguyên Lý (13570) không còn từ ngày 1/7/2025 (đã thuộc xã mới Nam Xang, mã "
                                    "tham chiếu 13591@2025-07-01; crosswalk.csv): không có số liệu năm 2026 của xã cũ"),
        (f"dòng {n + 2}", "commune_id", "xã Nam Xang (13591@2025-07-01) được thành lập từ ngày 1/7/2025 "
                                    "(crosswalk.csv): không có số liệu năm 2023"),
    ]
