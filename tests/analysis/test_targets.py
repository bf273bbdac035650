"""Progress against the targets of dataset.yaml (ntmlib.analysis.targets), recounted from the
indicators of the scores and from the targets' own figures."""
import shutil

import pytest

import ntmlib
from ntmlib.analysis import targets

from tests.helpers.paths import TINY


@pytest.fixture(scope="module")
def card(ly_nhan_card):
    return ly_nhan_card


def reaching(card, year: int, set_id: str) -> set[str]:
    """Communes whose every indicator of `set_id` is met in `year`: counted from the indicators."""
    ind = card.indicators[(card.indicators["year"] == year) & (card.indicators["set"] == set_id)]
    met = ind.groupby("commune_id", observed=True)["met"].agg(lambda m: bool(m.eq(True).all()))
    return set(met[met].index)


def test_progress_of_2026_recounted_from_the_indicators(card):
    [row] = targets.progress(card, 2026).to_dict("records")
    reached = reaching(card, 2026, "vn-2026-ntm")
    n = len(card.communes[card.communes["year"] == 2026]["commune_id"].unique())
    need = -(-65 * n // 100)  # ceil(65 % of n), in whole numbers
    assert (n, need) == (7, 5)
    assert (row["communes"], row["reached"], row["target"], row["gap"]) == (n, len(reached), need, need - len(reached))
    assert row["recognised"] == 0  # merged communes lost their tiers: assessed again
    assert (row["tier"], row["target_year"], row["year"], row["met"]) == ("ntm", 2030, 2026, False)
    assert targets.sentence(row) == (
        f"Năm 2026: {len(reached)}/7 xã đạt chuẩn NTM theo kết quả chấm "
        f"({100 * len(reached) / 7:.1f} %); còn {need - len(reached)} xã để đạt mục tiêu 65 % năm 2030.").replace(
        ".", ",", 1).replace("2030,", "2030.")
    assert targets.sentence(row, "en").endswith(f"{need - len(reached)} more communes needed to reach the target "
                                                "of 65 % by 2030.")


def test_progress_of_2023_counts_the_old_communes(card):
    [row] = targets.progress(card, 2023).to_dict("records")
    reached = reaching(card, 2023, "hanam-2022-ntm")
    assert (row["communes"], row["reached"], row["target"], row["recognised"]) == (20, len(reached), 13, 20)
    assert row["gap"] == max(13 - len(reached), 0)


def test_a_target_by_count_met_and_a_tier_not_scored(tmp_path):
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    with open(d / "dataset.yaml", "a", encoding="utf-8") as fh:
        fh.write("targets:\n  - {tier: ntm, year: 2025, count: 1}\n  - {tier: kieu-mau, year: 2030, share: 0.1}\n")
    card = ntmlib.score(d, year=2023)
    got = targets.progress(card)
    reached = reaching(card, 2023, "tiny-ntm")
    assert list(got["tier"]) == ["ntm", "kieu-mau"]
    assert (got.at[0, "communes"], got.at[0, "reached"], got.at[0, "target"]) == (3, len(reached), 1)
    assert bool(got.at[0, "met"]) and got.at[0, "gap"] == 0
    assert targets.sentence(got.iloc[0]).endswith("; đã đạt mục tiêu 1 xã năm 2025.")
    assert got.at[1, "communes"] == 0 and got[["reached", "target", "gap", "met"]].iloc[1].isna().all()
    assert targets.sentence(got.iloc[1]) == (
        "Năm 2023 không chấm hạng NTM kiểu mẫu: chưa tính được tiến độ mục tiêu năm 2030.")


@pytest.mark.parametrize("share, communes, need", [(0.65, 7, 5), (0.65, 20, 13), (0.07, 100, 7), (0.1, 131, 14)])
def test_target_count_rounds_up_exactly(share, communes, need):
    assert targets.target_count(share, None, communes) == need
    assert targets.target_count(share, 3, communes) == 3


def test_no_targets_no_rows():
    assert targets.progress(ntmlib.score(TINY, year=2023)).empty
