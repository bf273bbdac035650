"""Tiers held and undecided when the sets do not form one plain line.

Two sets of one tier scored together (a province's NTM set beside another NTM set of the same
period): a commune reaches the tier above when it reaches either (engine._tiers), so the tier
above is undecided, not "not reached", when one of them failed and the other is undecided for
want of a threshold, whatever order the sets are given in.

Tiers of two periods: a kiểu mẫu recognition of 2021–2025 (rank 3) holds nâng cao and NTM, the
tiers it requires, but not "NTM hiện đại" of 2026–2030 (rank 2, on another line)."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml

from ntmlib.criteria.criteria_set import FRAMEWORK_DIR
from ntmlib.dataset.loading import load_dataset
from ntmlib.errors import DataError
from ntmlib.scoring.engine import score
from ntmlib.testing.reference import score_reference

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN


def assert_agrees_with_the_reference(card, years):
    """The engine's tier columns equal those of the row-by-row scorer, commune by commune."""
    ref = score_reference(card.dataset, list(card.sets.values()), years)["communes"]
    cols = ["undecided", "prerequisite_met", "recognised", "reaches"]
    key = ["commune_id", "year", "set"]
    got = card.communes.astype({"commune_id": str, "set": str}).set_index(key)[cols].astype(bool).sort_index()
    want = ref.astype({"commune_id": str, "set": str}).set_index(key)[cols].astype(bool).sort_index()
    assert_frame_equal(got, want)


NGUYEN_LY = "13570"  # reaches NTM (57/57) and nâng cao (75/75) in 2023
FAILED, UNDECIDED, NC = "t-ntm-failed", "t-ntm-undecided", "hanam-2022-nang-cao"


@pytest.fixture(scope="module")
def sets(tmp_path_factory):
    """Two sets extending hanam-2022-ntm: in one, indicator 2.3 (≥ 100 %) asks for
    10⁶ %, which every commune fails; in the other, it has a threshold for 2025 only (none for 2023)."""
    folder = tmp_path_factory.mktemp("sets")
    paths = {}
    for set_id, threshold in ((FAILED, 10 ** 6), (UNDECIDED, {"by_year": {2025: 100}})):
        s = {"id": set_id, "extends": "hanam-2022-ntm", "name": set_id, "tier": "ntm", "period": [2022, 2025],
             "overrides": {"2.3": {"threshold": threshold}}}
        paths[set_id] = folder / f"{set_id}.yaml"
        paths[set_id].write_text(yaml.safe_dump(s, allow_unicode=True), encoding="utf-8")
    return paths


@pytest.mark.parametrize("order", [(FAILED, UNDECIDED), (UNDECIDED, FAILED)])
def test_the_tier_above_two_sets_of_one_tier_is_undecided_when_one_is(sets, order):
    card = score(load_dataset(LY_NHAN), sets=[str(sets[s]) for s in order] + [NC], year=2023)
    c = card.communes.set_index(["commune_id", "set"])
    failed, undecided, nc = (c.loc[(NGUYEN_LY, s)] for s in (FAILED, UNDECIDED, NC))
    assert (failed["set_met"], failed["undecided"], failed["indicators_met"]) == (False, False, 56)
    assert pd.isna(undecided["set_met"]) and bool(undecided["undecided"])
    assert (undecided["indicators_met"], undecided["no_threshold"]) == (56, 1)
    assert bool(nc["set_met"]) and not nc["prerequisite_met"] and not nc["reaches"]
    assert bool(nc["undecided"])  # its values are met; whether it holds NTM is not known yet
    assert_agrees_with_the_reference(card, [2023])


DUC_LY = "13591"  # reaches NTM (57/57) in 2023, not nâng cao (a criterion failed)


def test_a_failed_tier_above_an_undecided_prerequisite_is_decided(sets):
    # Đức Lý's NTM is undecided under the set whose 2.3 has no threshold; its nâng cao failed a
    # criterion, so nâng cao is "not reached" whatever NTM turns out to be: not undecided
    card = score(load_dataset(LY_NHAN), sets=[str(sets[UNDECIDED]), NC], year=2023)
    c = card.communes.set_index(["commune_id", "set"])
    ntm, nc = c.loc[(DUC_LY, UNDECIDED)], c.loc[(DUC_LY, NC)]
    assert bool(ntm["undecided"]) and (ntm["indicators_met"], ntm["no_threshold"]) == (56, 1)
    assert nc["set_met"] is False or not nc["set_met"]
    assert nc["criteria_met"] < nc["criteria_total"] and not nc["undecided"] and not nc["reaches"]
    assert_agrees_with_the_reference(card, [2023])


def test_an_empty_list_of_sets_is_refused_by_name():
    with pytest.raises(DataError, match="không có bộ tiêu chí nào cho năm 2023"):
        score(load_dataset(LY_NHAN), sets=[], year=2023)


NAM_XANG = "13591@2025-07-01"  # a new commune of 2025; 10/10 criteria, 31/31 indicators of vn-2026-ntm in 2026
MODERN = "t-2026-hien-dai"


def test_a_kieu_mau_recognition_of_2021_2025_does_not_hold_the_modern_tier_of_2026(tmp_path):
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    base = yaml.safe_load((FRAMEWORK_DIR / "vn-2026-ntm.yaml").read_text(encoding="utf-8"))
    modern = dict(base, id=MODERN, tier="hien-dai", tier_rank=2, tier_name="NTM hiện đại",
                  tier_name_en="modern NTM", requires="ntm")
    (d / "frameworks").mkdir(exist_ok=True)
    (d / "frameworks" / f"{MODERN}.yaml").write_text(yaml.safe_dump(modern, allow_unicode=True), encoding="utf-8")
    meta = d / "dataset.yaml"
    text = meta.read_text(encoding="utf-8")
    assert text.count("    sets: [vn-2026-ntm]\n") == 1
    meta.write_text(text.replace("    sets: [vn-2026-ntm]\n", f"    sets: [vn-2026-ntm, {MODERN}]\n"), encoding="utf-8")
    with open(d / "recognitions.csv", "a", encoding="utf-8") as f:
        f.write(f"{NAM_XANG},kieu-mau,2025,,,recognised before the 2026-2030 sets\n")
    card = score(load_dataset(d), year=2026)
    assert_agrees_with_the_reference(card, [2026])
    c = card.communes.set_index(["commune_id", "set"])
    ntm, top = c.loc[(NAM_XANG, "vn-2026-ntm")], c.loc[(NAM_XANG, MODERN)]
    assert bool(ntm["recognised"]) and not top["recognised"]  # kiểu mẫu holds NTM, not hiện đại
    assert bool(top["prerequisite_met"]) and bool(top["reaches"])  # it reaches hiện đại by its own values
    assert (ntm["tier_reached"], ntm["tier_recognised"]) == ("hien-dai", "kieu-mau")
    others = c.drop(index=NAM_XANG, level="commune_id")
    assert not others.loc[others.index.get_level_values("set") == MODERN, "recognised"].any()


def test_a_set_scored_alone_takes_its_prerequisite_from_the_recognitions():
    # kiểu mẫu alone: its prerequisite, nâng cao, is not scored, so it holds exactly for the communes
    # recognised nâng cao or kiểu mẫu by 2023 (recognitions.csv); an NTM recognition does not hold it
    ds = load_dataset(LY_NHAN)
    card = score(ds, sets=["hanam-2022-kieu-mau"], year=2023)
    rec = ds.recognitions
    year = pd.to_numeric(rec["year"], errors="coerce")
    by_2023 = (year.isna() | (year <= 2023)).to_numpy(dtype=bool)  # a recognition without a year holds every year
    high = rec["tier"].isin(["nang-cao", "kieu-mau"]).to_numpy(dtype=bool)
    holders = set(rec.loc[high & by_2023, "commune_id"].astype(str))
    got = card.communes.set_index(card.communes["commune_id"].astype(str))["prerequisite_met"]
    assert 0 < len(holders) < len(got)
    assert set(got[got].index) == holders
    assert_agrees_with_the_reference(card, [2023])
