"""The national benchmarks share a default cache folder (/tmp/ntm-national): whichever runs first,
the other must find there the dataset it asks for. benchmarks/batch.py --national reads the
Parquet dataset; benchmarks/scoring.py reads both the CSV and the Parquet one. Each benchmark's
dataset-preparing function is called here with a small size into a temporary folder, one after
the other, as the two commands would be run. The fast tests put a stand-in for the generator
(make_national takes about half a minute even for 20 communes: its thresholds table does not
depend on the size); the slow one uses the real generator."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

import ntmlib
from ntmlib.dataset import synthetic
from ntmlib.dataset.readers import read_observations

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import ROOT


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def made(monkeypatch) -> list:
    """The calls to a stand-in make_national that writes, for each format asked, an observations
    file of one row per commune with the seed in it (the size, seed and formats are what matter)."""
    calls = []

    def make_national(out_dir, communes=10_000, seed=2025, formats=("parquet", "csv"), **_):
        calls.append((communes, seed, tuple(formats)))
        rows = pd.DataFrame({"commune_id": range(communes), "seed": seed})
        for fmt in formats:
            d = Path(out_dir) / fmt
            d.mkdir(parents=True, exist_ok=True)
            if fmt == "parquet":
                rows.to_parquet(d / "observations.parquet", index=False)
            else:
                rows.to_csv(d / "observations.csv", index=False)
        return {f: Path(out_dir) / f for f in formats}

    monkeypatch.setattr(synthetic, "make_national", make_national)
    return calls


def _held(folder: Path, fmt: str) -> tuple[int, set]:
    """(communes, seeds) of the observations file of format `fmt` in the cache `folder`."""
    path = folder / fmt / f"observations.{fmt}"
    rows = pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)
    return len(rows), set(rows["seed"])


def test_the_scoring_benchmark_after_the_batch_benchmark_finds_its_csv(tmp_path, made):
    batch, scoring = _benchmark("batch"), _benchmark("scoring")
    assert batch.national_data(tmp_path, communes=30, seed=7) == tmp_path / "parquet"
    scoring.generate(tmp_path, 30, 7)
    assert _held(tmp_path, "csv") == _held(tmp_path, "parquet") == (30, {7})  # what its steps read
    assert made == [(30, 7, ("parquet",)), (30, 7, ("csv",))]  # completed, not made again
    scoring.generate(tmp_path, 30, 7)
    batch.national_data(tmp_path, communes=30, seed=7)
    assert len(made) == 2  # both held now: nothing made


def test_another_size_or_seed_is_made_again(tmp_path, made):
    batch, scoring = _benchmark("batch"), _benchmark("scoring")
    scoring.generate(tmp_path, 20, 7)
    batch.national_data(tmp_path, communes=30, seed=7)
    assert _held(tmp_path, "parquet") == (30, {7})
    scoring.generate(tmp_path, 30, 8)
    assert _held(tmp_path, "csv") == _held(tmp_path, "parquet") == (30, {8})
    batch.national_data(tmp_path, communes=30, seed=7)
    assert _held(tmp_path, "parquet") == (30, {7})
    assert made == [(20, 7, ("csv", "parquet")), (30, 7, ("parquet",)), (30, 8, ("csv", "parquet")),
                    (30, 7, ("parquet",))]


def test_a_cache_without_a_record_of_its_formats_is_completed(tmp_path, made):
    scoring = _benchmark("scoring")
    (tmp_path / "parquet").mkdir()
    pd.DataFrame({"commune_id": range(30), "seed": 7}).to_parquet(tmp_path / "parquet" / "observations.parquet")
    (tmp_path / "generated.json").write_text('{"communes": 30, "seed": 7}')  # as the batch benchmark wrote it
    scoring.generate(tmp_path, 30, 7)
    assert _held(tmp_path, "csv") == (30, {7})


@pytest.mark.slow
def test_a_format_added_later_holds_the_same_data(tmp_path):
    batch, scoring = _benchmark("batch"), _benchmark("scoring")
    parquet = batch.national_data(tmp_path, communes=12, seed=7)
    scoring.generate(tmp_path, 12, 7)
    csv = read_observations(tmp_path / "csv" / "observations.csv", []).frame.drop(columns=["line", "place"])
    pq = read_observations(parquet / "observations.parquet", []).frame.drop(columns=["line", "place"])
    assert len(csv) > 0
    assert_frame_equal(csv, pq)
    assert ntmlib.load_dataset(tmp_path / "csv").communes["commune_id"].tolist() == \
        ntmlib.load_dataset(parquet).communes["commune_id"].tolist()
