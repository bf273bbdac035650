"""The synthetic national dataset: the vectorised scorer equals the row-by-row reference,
province tables match counts made by hand, and the generator is deterministic."""
import filecmp

import numpy as np
import pandas as pd
import pytest

import ntmlib
from ntmlib.analysis import aggregate
from ntmlib.dataset.synthetic import make_national
from ntmlib.testing.reference import score_reference

from tests.helpers.frames import assert_frame_equal

pytestmark = pytest.mark.slow

N_COMMUNES = 300


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    return make_national(tmp_path_factory.mktemp("national"), communes=N_COMMUNES, seed=7)


@pytest.fixture(scope="module")
def card(national):
    return ntmlib.score(ntmlib.load_dataset(national["parquet"]))


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Every column as Python objects, missing values as None, so dtypes do not matter."""
    out = df.reset_index(drop=True).astype(object)
    return out.where(df.reset_index(drop=True).notna(), None)


def test_vectorised_scorecard_equals_the_row_by_row_reference(card):
    ds = card.dataset
    ref = score_reference(ds, list(card.sets.values()), ds.years)
    assessed = int(ds.communes["assessed"].sum())
    assert assessed < N_COMMUNES  # a few towns are not assessed
    sets = [ntmlib.load_set(s) for s in ("vn-2021-ntm", "vn-2021-nang-cao", "vn-2021-kieu-mau")]
    assert len(card.indicators) == assessed * 5 * sum(len(s.indicators) for s in sets) == assessed * 5 * (57 + 55 + 3)
    assert len(card.criteria) == assessed * 5 * sum(len(s.criteria) for s in sets)
    assert len(card.communes) == assessed * 5 * 3
    for name in ("indicators", "criteria", "communes"):
        mine, theirs = getattr(card, name), ref[name]
        # the scorecard adds the words of the report-ready table (names, unit, threshold as text) to the
        # reference's columns, which hold every computed result
        extra = [c for c in mine.columns if c not in theirs.columns]
        assert extra == (["criterion_name", "indicator_name", "unit", "threshold_text"] if name == "indicators" else [])
        mine = mine[list(theirs.columns)]
        assert_frame_equal(_plain(mine), _plain(theirs), check_dtype=False, obj=name)
    # the set is not trivial: every kind of result occurs
    met = card.indicators["met"]
    assert met.eq(True).sum() > 0 and met.eq(False).sum() > 0 and met.isna().sum() > 0
    assert card.indicators["assessed"].sum() > 0  # office verdicts on numeric indicators
    assert card.communes["reaches"].sum() > 0 and card.communes["recognised"].sum() > 0


def test_csv_and_parquet_give_the_same_scores(national, card):
    from_csv = ntmlib.score(ntmlib.load_dataset(national["csv"]))
    for name in ("indicators", "criteria", "communes"):
        a, b = getattr(from_csv, name), getattr(card, name)
        if name == "indicators":  # the place reads 'dòng N' in a CSV, 'hàng N' in Parquet
            a, b = a.drop(columns=["source_place", "source_line"]), b.drop(columns=["source_place", "source_line"])
        assert_frame_equal(_plain(a), _plain(b), check_dtype=False, obj=name)


def test_province_summary_counts_match_counts_made_directly(card):
    ds = card.dataset
    table = aggregate.summary(card, level="province")
    assert table["province"].nunique() == 63
    province = ds.communes["province"].value_counts().index[0]
    got = table[(table["province"] == province) & (table["year"] == 2023) & (table["set"] == "vn-2021-ntm")]
    assert len(got) == 1
    ids = set(ds.communes.loc[(ds.communes["province"] == province) & ds.communes["assessed"], "commune_id"])
    rows = [r for r in card.communes.itertuples() if r.commune_id in ids and r.year == 2023 and r.set == "vn-2021-ntm"]
    criteria = [r.criteria_met for r in rows]
    indicators = [r.indicators_met for r in rows]
    row = got.iloc[0]
    assert row["communes"] == len(ids) == len(rows)
    assert row["reaching"] == sum(r.reaches for r in rows)
    assert row["recognised"] == sum(r.recognised for r in rows)
    assert row["criteria_mean"] == round(sum(criteria) / len(criteria), 2)
    assert row["criteria_range"] == f"{min(criteria)}–{max(criteria)}"
    assert row["indicators_range"] == f"{min(indicators)}–{max(indicators)}"
    assert row["no_data"] == sum(r.no_data for r in rows)
    # district rows of the province add up to the province row
    districts = aggregate.summary(card, level="district")
    d = districts[(districts["province"] == province) & (districts["year"] == 2023)
                  & (districts["set"] == "vn-2021-ntm")]
    assert d["communes"].sum() == row["communes"] and d["reaching"].sum() == row["reaching"]


def test_the_generator_is_deterministic(national, tmp_path):
    again = make_national(tmp_path / "again", communes=N_COMMUNES, seed=7)
    for fmt in ("parquet", "csv"):
        names = sorted(p.name for p in national[fmt].iterdir())
        assert names == sorted(p.name for p in again[fmt].iterdir())
        for name in names:
            assert filecmp.cmp(national[fmt] / name, again[fmt] / name, shallow=False), (fmt, name)
    other = make_national(tmp_path / "other", communes=N_COMMUNES, seed=8, formats=("csv",))
    assert not filecmp.cmp(national["csv"] / "observations.csv", other["csv"] / "observations.csv", shallow=False)


def test_the_mix_of_values_is_realistic(national):
    obs = pd.read_parquet(national["parquet"] / "observations.parquet")
    per_commune_year = len(obs) / (N_COMMUNES * 5)
    assert 70 <= per_commune_year <= 85  # about 75 of the 91 measures of the two sets
    words = obs["value"].isin(["Đạt", "Không đạt", "có", "không"]).mean()
    numbers = obs["value"].str.fullmatch(r"\d+([,.]\d)?%?").mean()
    assert 0.3 < words < 0.6 and 0.3 < numbers < 0.6
    communes = pd.read_csv(national["csv"] / "communes.csv", dtype=str)
    assert communes["province"].nunique() == 63 and communes["region"].nunique() == 7
    assert np.isclose(len(communes), N_COMMUNES)
