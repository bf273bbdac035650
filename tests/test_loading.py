"""Loading large observation files: pyarrow's fast paths give the same tables as the general readers."""
import shutil

import pandas as pd

import ntmlib
import ntmlib.readers as readers
from tests.fixture_paths import LY_NHAN

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
