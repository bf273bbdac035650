"""The tests' table comparison (tests/helpers/frames.py) takes a short cut for identical tables: it
must still fail on every difference that pandas' own comparison fails on."""
import pandas as pd
import pytest

from tests.helpers.frames import assert_frame_equal, identical


def _table() -> pd.DataFrame:
    return pd.DataFrame({"commune_id": pd.Categorical(["13567", "13570", "13567"], categories=["13567", "13570"]),
                         "met": [True, False, True], "number": [91.5, float("nan"), 2.0],
                         "commune": pd.array(["Nhân Bình", "Bắc Lý", "Nhân Bình"], dtype="str")})


def _changed():
    """Each change of a copy of the table that pandas' comparison reports, by name."""
    yield "value", lambda t: t.assign(number=[91.5, float("nan"), 2.5])
    yield "missing value", lambda t: t.assign(number=[91.5, 0.0, 2.0])
    yield "dtype", lambda t: t.assign(met=t["met"].astype(object))
    yield "category order", lambda t: t.assign(
        commune_id=t["commune_id"].cat.reorder_categories(["13570", "13567"]))
    yield "unused category", lambda t: t.assign(commune_id=t["commune_id"].cat.add_categories(["13588"]))
    yield "column order", lambda t: t[["met", "commune_id", "number", "commune"]]
    yield "column name", lambda t: t.rename(columns={"met": "đạt"})
    yield "index", lambda t: t.set_axis([1, 2, 3])
    yield "index name", lambda t: t.rename_axis("row")
    yield "rows", lambda t: t.iloc[:2]
    yield "row order", lambda t: t.iloc[[2, 1, 0]].reset_index(drop=True)


def test_an_identical_copy_passes_at_once():
    a = _table()
    assert identical(a, a.copy(deep=True))
    assert_frame_equal(a, a.copy(deep=True))


@pytest.mark.parametrize("what, change", list(_changed()), ids=[w for w, _ in _changed()])
def test_every_difference_pandas_reports_is_still_reported(what, change):
    a, b = _table(), change(_table())
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(a, b)  # pandas itself sees the difference ...
    assert not identical(a, b), what  # ... so the short cut must not settle it
    with pytest.raises(AssertionError):
        assert_frame_equal(a, b)
