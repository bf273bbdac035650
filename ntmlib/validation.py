"""Check a whole dataset against the criteria sets it names, collecting every problem."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .checks import unit_code_warnings
from .dataset import Dataset
from .errors import DataError, Problem
from .loading import load_dataset
from .readers import Skipped
from .scoring import score


class Problems(list):
    """The problems of a dataset (a list of Problem), with `skipped`: rows read but not used."""

    def __init__(self, problems=(), skipped=(), warnings=()):
        super().__init__(problems)
        self.skipped: list[Skipped] = list(skipped)
        self.warnings: list[Problem] = list(warnings)  # official codes and names (checks.unit_code_warnings)

    def to_frame(self) -> pd.DataFrame:
        """The problems as a table (file, place, column, message)."""
        return problems_frame(list(self))

    def skipped_frame(self) -> pd.DataFrame:
        """The rows read but not used as a table (file, reason, count, places)."""
        return pd.DataFrame([(s.file, s.reason, s.count, ", ".join(s.places)) for s in self.skipped],
                            columns=["file", "reason", "count", "places"])

    def _repr_html_(self) -> str:  # a notebook shows the table
        if not self:
            return "<p>Dữ liệu hợp lệ, không có vấn đề.</p>"
        return self.to_frame().to_html(index=False)


def validate(dataset: Dataset | str | Path, strict: bool = False, official: bool = True) -> Problems:
    """Every problem of the dataset (empty when clean); never raises on bad data.

    The result is a list of Problem; its `skipped` attribute lists the rows read but not used
    (rows without an indicator code, totals columns, repeated rows...), which are not errors, and
    its `warnings` the communes whose code or name is not the official one (ntmlib.units; not
    checked when `official` is False), which are errors when `strict`.
    """
    problems: list[Problem] = []
    try:
        ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset, collect=problems)
    except DataError as e:
        return Problems(e.problems)
    for year in ds.years:
        try:
            sets = ds.sets_for(year)
        except DataError as e:
            problems += e.problems
            continue
        if not sets:
            problems.append(Problem("dataset.yaml", f"không có bộ tiêu chí nào cho năm {year}", "frameworks"))
            continue
        try:
            score(ds, sets, year=year)
        except DataError as e:
            problems += e.problems
    warnings = unit_code_warnings(ds) if official else []
    if strict:
        problems += warnings
        warnings = []
    return Problems(_unique(problems), ds.skipped, warnings)


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
