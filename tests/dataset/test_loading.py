"""Loading large observation files: pyarrow's fast paths give the same tables as the general readers.
Which of two duplicate observations wins (the first line), and a communes file written in NFD
read as NFC names."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
import ntmlib.dataset.readers as readers
from ntmlib.analysis.roadmap import roadmap_for
from ntmlib.cli import main

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN
from tests.helpers.tiny import NC, NTM, one, tiny_copy

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
    assert_frame_equal(ntmlib.score(fast).indicators, ntmlib.score(general).indicators)


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
    from ntmlib.dataset.readers.places import joined_places, line_places

    lines = ntmlib.load_dataset(LY_NHAN).observations["line"].to_numpy()
    gaps = np.array([1, 1, 2, 9, 10, 99, 100, 101, 999, 1000, 123456789012])  # repeated, gaps, 1 to 12 digits
    for numbers in (lines, np.arange(1, 20001), gaps, lines[::-1], np.array([], np.int64)):
        for prefix in ("dòng ", "hàng ", ""):
            pd.testing.assert_series_equal(line_places(prefix, numbers), joined_places(prefix, numbers))
    assert list(line_places("hàng ", gaps)[:4]) == ["hàng 1", "hàng 1", "hàng 2", "hàng 9"]
    assert line_places("dòng ", np.arange(2, 1002)).iloc[-1] == "dòng 1001"


def test_codes_by_a_table_equal_pandas_factorize():
    """factorize_small (loading, encoding) gives pd.factorize's codes and first-seen order; the year
    checks' key_codes the same grouping in the keys' order; blank_rows the rows of '' only."""
    from ntmlib.dataset.checks import key_codes
    from ntmlib.dataset.encoding import factorize_small
    from ntmlib.dataset.readers.places import blank_rows

    obs = ntmlib.load_dataset(LY_NHAN).observations
    keys = obs["commune_id"].cat.codes.to_numpy().astype(np.int64) * 1000 + obs["indicator"].cat.codes.to_numpy()
    codes, uniques = pd.factorize(keys)
    small_codes, small_uniques = factorize_small(keys, int(keys.max()) + 1)
    assert (small_codes == codes).all() and (small_uniques == uniques).all() and len(uniques) > 100
    by_table, distinct = key_codes(keys, int(keys.max()) + 1)
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


def test_identical_duplicates_first_line_wins_and_the_later_one_is_the_skipped_one(tmp_path):
    # observations.csv has 27 rows (lines 2–28): the copies of A's 1.1 (line 2) and of A's
    # health_insurance_rate (line 9) land on lines 29 and 30
    d = tiny_copy(tmp_path, add=("A,2023,tiny-ntm,1.1,100", "A,2023,,health_insurance_rate,96"))
    ds = ntmlib.load_dataset(d)
    skipped = [s for s in ds.skipped if "trùng lặp" in s.reason]
    assert [s.places for s in skipped] == [("dòng 29", "dòng 30")]
    card = ntmlib.score(ds, year=2023)
    ind = card.indicators
    a11 = one(ind, commune_id="A", set=NTM, indicator="1.1")
    assert (a11["source_line"], a11["source_place"], a11["value"], a11["met"]) == (2, "dòng 2", "100", True)
    # by measure: tiny-nc 1.1 takes the first health_insurance_rate line, 9 …
    a_nc = one(ind, commune_id="A", set=NC, indicator="1.1")
    assert (a_nc["source_line"], a_nc["source_place"], a_nc["number"]) == (9, "dòng 9", 96.0)
    # … while tiny-ntm 3.1 keeps the line naming the set itself (7), ahead of both measure lines
    a31 = one(ind, commune_id="A", set=NTM, indicator="3.1")
    assert (a31["source_line"], a31["source_place"]) == (7, "dòng 7")
    # nothing else moved: the same counts as without the copies
    assert one(card.communes, commune_id="A", set=NTM)[["criteria_met", "indicators_met", "no_data"]].tolist() == [
        3, 7, 0]


def test_duplicate_written_before_the_original_row_order_is_by_line(tmp_path):
    # the same value for B's 3.1 twice, the copy first in the file (line 2): line 2 wins
    d = tiny_copy(tmp_path, change={"A,2023,tiny-ntm,1.1,100": "B,2023,tiny-ntm,3.1,91"},
                  add=("A,2023,tiny-ntm,1.1,100",))
    card = ntmlib.score(d, year=2023)
    b31 = one(card.indicators, commune_id="B", set=NTM, indicator="3.1")
    assert (b31["source_line"], b31["source_place"]) == (2, "dòng 2")  # not line 17, the original one
    a11 = one(card.indicators, commune_id="A", set=NTM, indicator="1.1")
    assert (a11["source_line"], a11["source_place"]) == (29, "dòng 29")


@pytest.fixture(scope="module")
def ly_nhan_nfd(tmp_path_factory) -> Path:
    """data/ly-nhan with communes.csv written in NFD (decomposed diacritics), as some editors save it."""
    d = tmp_path_factory.mktemp("nfd") / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    f = d / "communes.csv"
    text = f.read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text and not unicodedata.is_normalized("NFC", nfd)
    f.write_text(nfd, encoding="utf-8")
    return d


def test_nfd_communes_file_gives_nfc_names_ids_and_the_same_roadmap(ly_nhan_nfd):
    ref, ds = ntmlib.load_dataset(LY_NHAN), ntmlib.load_dataset(ly_nhan_nfd)
    names = list(ds.communes["commune"])
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
    assert names == list(ref.communes["commune"]) and names[3:5] == ["Chân Lý", "Đạo Lý"]
    assert list(ds.communes["commune_id"]) == list(ref.communes["commune_id"])
    # the 7 new communes of 2026 belong to no district, in Ninh Bình
    assert set(ds.communes["district"]) == {"Lý Nhân", ""} and set(ds.communes["province"]) == {"Hà Nam", "Ninh Bình"}
    assert ds.commune_id("Chân Lý") == ds.commune_id("Xã Chân Lý") == "13576"
    assert ds.district("Lý Nhân") == ds.district("huyen ly nhan") == "Lý Nhân"
    assert len(ds.area_communes(district="Lý Nhân")) == 21

    card, ref_card = ntmlib.score(ds, year=2023), ntmlib.score(ref, year=2023)
    assert_frame_equal(card.communes, ref_card.communes)
    got, want = roadmap_for(card, 2023, district="Lý Nhân"), roadmap_for(ref_card, 2023, district="Lý Nhân")
    assert len(want) > 0 and want["commune"].map(lambda n: unicodedata.is_normalized("NFC", n)).all()
    assert_frame_equal(got, want)


def test_nfd_communes_file_cli_roadmap_by_district(ly_nhan_nfd):
    args = ["roadmap", "--year", "2023", "--target", "nang-cao", "--district", "Lý Nhân"]
    got = CliRunner().invoke(main, [args[0], str(ly_nhan_nfd), *args[1:]])
    want = CliRunner().invoke(main, [args[0], str(LY_NHAN), *args[1:]])
    assert (got.exit_code, want.exit_code) == (0, 0), got.output
    assert unicodedata.is_normalized("NFC", got.output) and "Chân Lý" in got.output
    assert got.output == want.output
