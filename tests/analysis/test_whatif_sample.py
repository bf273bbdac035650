"""What-if on thresholds, on the sample dataset: the same threshold changes nothing; a lower one
flips exactly the communes whose value lies between the two; several changes together can
change the tier a commune reaches."""
import pandas as pd
import pytest
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.errors import DataError
from ntmlib.scoring.engine import score
from ntmlib.analysis.whatif import ThresholdChange, whatif

from tests.helpers.paths import LY_NHAN

NC, NTM = "hanam-2022-nang-cao", "hanam-2022-ntm"


@pytest.fixture(scope="module")
def card():
    return score(LY_NHAN, year=2023)


def _rows(card, set_id, code):
    ind = card.indicators
    return ind[(ind["set"] == set_id) & (ind["indicator"] == code)]


def test_same_threshold_changes_nothing(card):
    w = whatif(card, NC, "14.1", 95)
    assert not w.changed and w.indicators.empty and w.communes.empty and w.tiers().empty
    assert w.sentences()[-1] == "Không xã nào đổi kết quả."


def test_lower_threshold_flips_exactly_the_communes_in_between(card):
    bhyt = _rows(card, NC, "14.1")
    failing = bhyt[bhyt["met"].eq(False)].sort_values("number")
    new = float(failing["number"].iloc[len(failing) // 2]) - 0.05  # just below a failing commune's value
    w = whatif(card, NC, "14.1", new)
    between = set(bhyt.loc[(bhyt["number"] >= new) & (bhyt["number"] < 95), "commune_id"])
    assert len(between) >= 2
    assert set(w.indicators["commune_id"]) == between
    assert w.indicators["met_after"].all() and not w.indicators["met_before"].any()
    assert set(w.indicators["threshold_after"]) == {new}
    # criterion 14 flips where 14.1 was its only failing indicator
    crit = card.indicators[(card.indicators["set"] == NC) & (card.indicators["criterion"] == "14")]
    fails = crit[crit["met"].eq(False)].groupby("commune_id")["indicator"].agg(set)
    only = {c for c in between if fails.get(c) == {"14.1"}}
    assert set(w.criteria["commune_id"]) == only
    gained = w.communes.set_index("commune_id")
    assert set(gained.index) == between
    assert (gained["indicators_met_after"] - gained["indicators_met_before"]).eq(1).all()
    # the scored set is untouched: the change lives in a copy
    assert next(i for i in card.sets[NC].indicators if i.code == "14.1").threshold.values == {"DBSH": 95.0, "TDMNPB": 95.0}


def test_region_scope(card):
    assert not whatif(card, NC, "14.1", 80, region="TDMNPB").changed  # no Lý Nhân commune there
    assert whatif(card, NC, "14.1", 80, region="DBSH").indicators["commune_id"].nunique() == int(
        _rows(card, NC, "14.1")["met"].eq(False).sum())


def test_several_changes_can_change_the_tier_reached(card):
    ind = card.indicators[card.indicators["set"] == NTM]
    todo = ind[~ind["met"].fillna(False).astype(bool)]
    numeric_only = todo.groupby("commune_id").filter(
        lambda g: g["rule"].isin([">=", "<="]).all() and g["number"].notna().all())
    cid = numeric_only["commune_id"].iloc[0]
    mine = numeric_only[numeric_only["commune_id"] == cid]
    changes = [ThresholdChange(NTM, code, value) for code, value in zip(mine["indicator"], mine["number"])]
    w = whatif(card, changes=changes)
    tiers = w.tiers().set_index("commune_id")
    assert pd.isna(tiers.at[cid, "tier_reached_before"]) and tiers.at[cid, "tier_reached_after"] == "ntm"
    assert any(s.endswith("hạng đạt được — → NTM.") for s in w.sentences())


def test_bad_changes_are_named(card):
    with pytest.raises(DataError, match="không có chỉ tiêu '14.9' \\(có phải '17.9'\\?\\)"):
        whatif(card, NC, "14.9", 90)
    with pytest.raises(DataError, match="chỉ tiêu 2.5 .* đạt/không đạt"):
        whatif(card, NC, "2.5", 90)
    with pytest.raises(DataError, match="không có nhóm xã '2'"):
        whatif(card, NC, "14.1", 90, group="2")


def test_cli_whatif(card):
    bhyt = _rows(card, NC, "14.1")
    n = int(((bhyt["number"] >= 92) & (bhyt["number"] < 95)).sum())
    r = CliRunner().invoke(main, ["whatif", str(LY_NHAN), "--year", "2023", "--set", NC, "--indicator", "14.1",
                                  "--threshold", "92"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Giả định: ngưỡng chỉ tiêu 14.1 (Tỷ lệ người dân tham gia bảo hiểm y tế) của bộ "
                               f"{NC}: ≥ 95 % → ≥ 92 % (mọi xã).")
    assert f"Năm 2023: {n} xã chuyển sang đạt chỉ tiêu 14.1" in r.output
    r = CliRunner().invoke(main, ["whatif", str(LY_NHAN), "--year", "2023", "--set", "khong-co", "--indicator", "1",
                                  "--threshold", "1"])
    assert r.exit_code == 2 and "bộ tiêu chí: không có bộ tiêu chí 'khong-co'" in r.output


def test_years_scored_with_different_sets_are_rescored_apart():

    from fixture_paths import DATA

    card = score(DATA / "trends")  # trend-old in 2021-2022, trend-new in 2023
    w = whatif(card, "trend-new", "A", 86)  # X has 86 in 2023 (threshold 92), Y 90, Z 96
    assert sorted(zip(w.indicators["commune_id"], w.indicators["year"])) == [("X", 2023), ("Y", 2023)]
    assert set(w.scenario.communes["year"]) == {2021, 2022, 2023}
    assert not whatif(card, "trend-old", "1", 90).changed
