"""Check a whole dataset against the criteria sets it names, collecting every problem."""
from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from .dataset import Dataset, load_dataset
from .errors import DataError, Problem
from .scoring import indicator_catalogue, observation_keys, score


def validate(dataset: Dataset | str | Path) -> list[Problem]:
    """Every problem of the dataset (empty list when clean); never raises on bad data."""
    problems: list[Problem] = []
    try:
        ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset, collect=problems)
    except DataError as e:
        return e.problems
    name = ds.files["observations"].name
    for year in ds.years:
        try:
            sets = ds.sets_for(year)
        except DataError as e:
            problems += e.problems
            continue
        obs = ds.observations[ds.observations["year"] == year]
        if not sets:
            problems.append(Problem("dataset.yaml", f"không có bộ tiêu chí nào cho năm {year}", "frameworks"))
            continue
        keys = observation_keys(sets, indicator_catalogue(sets))[["obs_set", "obs_indicator"]].drop_duplicates()
        m = obs.merge(keys, left_on=["set", "indicator"], right_on=["obs_set", "obs_indicator"],
                      how="left", indicator=True)
        unmatched = m[m["_merge"] == "left_only"]
        known = sorted(set(keys["obs_indicator"]))
        for line, ind, s in zip(unmatched["line"], unmatched["indicator"], unmatched["set"]):
            hint = difflib.get_close_matches(str(ind), known, n=1)
            where = f" của bộ {s}" if s else ""
            msg = f"không có chỉ tiêu '{ind}'{where} năm {year}"
            problems.append(Problem(name, msg + (f" (có phải '{hint[0]}'?)" if hint else ""), f"dòng {line}",
                                    "indicator"))
        try:
            score(ds, sets, year=year)
        except DataError as e:
            problems += e.problems
    return _unique(problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table for notebooks."""
    return DataError(problems).to_frame() if problems else pd.DataFrame(columns=["file", "place", "column", "message"])
