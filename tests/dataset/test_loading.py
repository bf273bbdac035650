"""Loading large observation files: pyarrow's fast paths give the same tables as the general readers."""
import shutil

import numpy as np

import pandas as pd

import ntmlib
import ntmlib.dataset.readers as readers
from tests.helpers.paths import LY_NHAN

COLUMNS = ["line", "place", "commune_id", "year", "set", "indicator", "value"]


def _rows(ds):
    return ds.observations[COLUMNS].astype(str).values.tolist()


def test_plain_csv_read_by_pyarrow_equals_pandas(monkeypatch):
    fast = ntmlib.load_dataset(LY_NHAN)
    data = (LY_NHAN / "observations.csv").read_bytes()
    assert readers.csv._read_plain_csv(data, ",", data[:data.find(b"\n")].decode("utf-8-sig")) is not None
    monkeypatch.setattr(readers.csv, "_read_plain_csv", lambda *args: None)  # the pandas reader only
    general = ntmlib.load_dataset(LY_NHAN)
    assert len(fast.observations) > 1000
    assert _rows(fast) == _rows(general)
    pd.testing.assert_frame_equal(ntmlib.score(fast).indicators, ntmlib.score(general).indicators)


def test_csv_with_a_blank_line_keeps_its_line_numbers(tmp_path):
    d = tmp_path / "ds"
    shutil.copytree(LY_NHAN, d)
    text = (d / "observations.csv").read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    # a blank line after the first row: pandas reads the file, the second row is on line 4
    (d / "observations.csv").write_text("\n".join([header, first, "", *text[2:]]) + "\n", encoding="utf-8")
    ds = ntmlib.load_dataset(d)
    assert ds.observations["place"].iloc[:2].tolist() == ["dòng 2", "dòng 4"]
    assert ds.observations["line"].iloc[1] == 4


def test_categorical_columns_sorted_and_lean():
    ds = ntmlib.load_dataset(LY_NHAN)
    obs = ds.observations
    for col in ("commune_id", "set", "indicator", "value"):
        assert isinstance(obs[col].dtype, pd.CategoricalDtype)
        assert obs[col].cat.categories.is_monotonic_increasing
        assert set(obs[col].cat.categories) == set(obs[col].astype(str))  # no unused category
    assert str(obs["year"].dtype) == "int16" and str(obs["line"].dtype) == "int32"


def test_parquet_index_saved_by_pandas_is_not_a_column(tmp_path):
    d = tmp_path / "ds"
    shutil.copytree(LY_NHAN, d)
    csv = d / "observations.csv"
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    frame.index = frame.index + 100  # a non-default index: pandas stores it as a column
    frame.to_parquet(d / "observations.parquet")
    csv.unlink()
    ds = ntmlib.load_dataset(d)
    assert "__index_level_0__" not in ds.observations.columns
    assert ds.observations["place"].iloc[0] == "hàng 1"
    assert len(ds.observations) == len(frame)


def test_places_written_as_bytes_equal_pyarrow_join():
    """line_places writes 'dòng N' block by block of digits; the same text as pyarrow's cast and join."""
    from ntmlib.dataset.readers.places import _joined_places, line_places

    lines = ntmlib.load_dataset(LY_NHAN).observations["line"].to_numpy()
    gaps = np.array([1, 1, 2, 9, 10, 99, 100, 101, 999, 1000, 123456789012])  # repeated, gaps, 1 to 12 digits
    for numbers in (lines, np.arange(1, 20001), gaps, lines[::-1], np.array([], np.int64)):
        for prefix in ("dòng ", "hàng ", ""):
            pd.testing.assert_series_equal(line_places(prefix, numbers), _joined_places(prefix, numbers))
    assert list(line_places("hàng ", gaps)[:4]) == ["hàng 1", "hàng 1", "hàng 2", "hàng 9"]
    assert line_places("dòng ", np.arange(2, 1002)).iloc[-1] == "dòng 1001"


def test_codes_by_a_table_equal_pandas_factorize():
    """factorize_small (loading, encoding) gives pd.factorize's codes and first-seen order; the year
    checks' _codes the same grouping in the keys' order; blank_rows the rows of '' only."""
    from ntmlib.dataset.checks import _codes
    from ntmlib.dataset.encoding import factorize_small
    from ntmlib.dataset.readers.places import blank_rows

    obs = ntmlib.load_dataset(LY_NHAN).observations
    keys = obs["commune_id"].cat.codes.to_numpy().astype(np.int64) * 1000 + obs["indicator"].cat.codes.to_numpy()
    codes, uniques = pd.factorize(keys)
    small_codes, small_uniques = factorize_small(keys, int(keys.max()) + 1)
    assert (small_codes == codes).all() and (small_uniques == uniques).all() and len(uniques) > 100
    by_table, distinct = _codes(keys, int(keys.max()) + 1)
    assert (distinct == np.sort(uniques)).all() and (distinct[by_table] == keys).all()
    frame = obs[["set", "note"]].iloc[:50]
    expected = np.logical_and.reduce([(frame[c] == "").to_numpy() for c in frame.columns])
    assert (blank_rows(frame) == expected).all() and blank_rows(frame).sum() == 31
    assert not blank_rows(obs[["set", "indicator"]]).any()  # no indicator code is ''
    assert blank_rows(pd.DataFrame({"a": ["", "x", ""], "b": ["", "", ""]})).tolist() == [True, False, True]


def test_normalise_text_trims_and_collapses_every_kind_of_space():
    from ntmlib.base.values import normalise_text

    assert normalise_text(" Xã\u00a0 Nhân\tBình\u3000\u200b ") == "Xã Nhân Bình"
    assert normalise_text("Nha\u0300n  Bi\u0300nh\n") == "Nhàn Bình" and normalise_text("  a  b ") == "a b"
