"""ntmlib.scoring paths the other fast tests did not reach (found by mutation testing): two sets of
one tier, a set no observation serves, and the errors scoring itself raises for observations
changed after loading (load_dataset's checks catch them in files)."""
from __future__ import annotations

import pytest
from fixture_paths import TINY
from test_core import NC, NTM, one, tiny_copy

import ntmlib
from ntmlib import DataError


def test_a_tier_is_reached_through_any_of_its_sets():
    # tiny-prov-ntm (extends tiny-ntm) adds 3.3, for which nobody has data: A meets tiny-ntm but
    # not tiny-prov-ntm (no data). Reaching NTM through tiny-ntm is enough for nâng cao.
    card = ntmlib.score(TINY, sets=[NTM, "tiny-prov-ntm", NC], year=2023)
    c = card.communes
    got = {(r.commune_id, r.set): (r.criteria_met, r.no_data, r.reaches, r.prerequisite_met, r.tier_reached)
           for r in c.itertuples()}
    assert got[("A", NTM)] == (3, 0, True, True, "nang-cao")
    assert got[("A", "tiny-prov-ntm")] == (2, 1, False, True, "nang-cao")
    assert got[("A", NC)] == (1, 0, True, True, "nang-cao")
    assert got[("C", NC)][2:] == (False, False, "")


def test_a_set_no_observation_serves_is_all_no_data(tmp_path):
    # only the tiny-nc rows are kept (named by set, none by measure): nothing serves tiny-ntm
    d = tiny_copy(tmp_path)
    obs = d / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    obs.write_text("\n".join([lines[0]] + [x for x in lines[1:] if ",tiny-nc," in x]) + "\n", encoding="utf-8")
    card = ntmlib.score(d, sets=NTM, year=2023)
    assert len(card.indicators) == 3 * 7 and card.indicators["met"].isna().all()
    assert card.indicators["source_line"].isna().all() and set(card.indicators["source_place"]) == {""}
    a = one(card.communes, commune_id="A")
    assert (a["criteria_met"], a["indicators_met"], a["no_data"], a["reaches"]) == (0, 0, 7, False)
    assert card.communes["set_met"].isna().all()


def test_clashing_values_set_after_loading_are_reported_by_line(tmp_path):
    # an identical copy of A's 1.1 (line 29) loads as a skipped duplicate; changed afterwards in
    # the table, scoring refuses the clash and names both lines
    d = tiny_copy(tmp_path, add=("A,2023,tiny-ntm,1.1,100",))
    ds = ntmlib.load_dataset(d)
    obs = ds.observations.copy()
    obs.loc[obs.index[-1], "value"] = "98"
    ds.observations = obs
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value) == ("observations.csv: dòng 2 (cột value): giá trị trùng lặp khác nhau cho xã A, năm 2023, "
                            "chỉ tiêu 1.1 (các dòng 2, 29)")
    assert len(e.value.problems) == 1


def test_values_set_after_loading_that_an_indicator_cannot_take_are_reported():
    ds = ntmlib.load_dataset(TINY)
    obs = ds.observations.copy()
    obs.loc[obs.index[0], "value"] = "không"  # A's 1.1, a percentage
    obs.loc[obs.index[1], "value"] = "63,5"  # A's 1.2, yes/no
    ds.observations = obs
    with pytest.raises(DataError) as e:
        ntmlib.score(ds, year=2023)
    assert str(e.value).splitlines() == [
        ("observations.csv: dòng 2 (cột value): giá trị 'không' không đọc được cho chỉ tiêu 1.1 (tiny-ntm): chỉ tiêu "
         "này cần một số (%) hoặc Đạt/Không đạt"),
        ("observations.csv: dòng 3 (cột value): giá trị '63,5' không đọc được cho chỉ tiêu 1.2 (tiny-ntm): chỉ tiêu "
         "này cần Đạt/Không đạt, có/không hoặc 1/0")]
