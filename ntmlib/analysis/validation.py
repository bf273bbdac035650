"""Check a whole dataset against the criteria sets it names, collecting every problem."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..dataset.checks import unit_code_warnings, without_data_warnings
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset
from ..dataset.readers import Skipped
from ..errors import DataError, Problem
from ..scoring.engine import score
from ..text import NO_THRESHOLD_TEXT, error_text, label


class Problems(list):
    """The problems of a dataset (a list of Problem), with `skipped`: rows read but not used, and
    `warnings`: things that are not errors but change the results (a value with no threshold
    for its year, a commune without data for a year), as Problem too."""

    def __init__(self, problems=(), skipped=(), warnings=(), official=(), without_data=()):
        super().__init__(problems)
        self.skipped: list[Skipped] = list(skipped)
        self.no_threshold: list[Problem] = list(warnings)  # values without a threshold (no_threshold_warnings)
        # codes and names not the official ones (checks.unit_code_warnings)
        self.official: list[Problem] = list(official)
        self.without_data: list[Problem] = list(without_data)  # communes with no data in a year (checks)
        self.warnings: list[Problem] = self.no_threshold + self.without_data + self.official

    def to_frame(self) -> pd.DataFrame:
        """The problems as a table (file, place, column, message)."""
        return problems_frame(list(self))

    def skipped_frame(self) -> pd.DataFrame:
        """The rows read but not used as a table (file, reason, count, places)."""
        return pd.DataFrame([(s.file, s.reason, s.count, ", ".join(s.places)) for s in self.skipped],
                            columns=["file", "reason", "count", "places"])

    def warnings_frame(self) -> pd.DataFrame:
        """The warnings as a table (file, place, column, message)."""
        return problems_frame(self.warnings)

    def _repr_html_(self) -> str:  # a notebook shows the table
        if not self:
            return "<p>Dữ liệu hợp lệ, không có vấn đề.</p>" + (
                self.warnings_frame().to_html(index=False) if self.warnings else "")
        return self.to_frame().to_html(index=False)


def validate(dataset: Dataset | str | Path, strict: bool = False, official: bool = True, lang: str = "vi") -> Problems:
    """Every problem of the dataset (empty when clean); never raises on bad data.

    The result is a list of Problem; its `skipped` attribute lists the rows read but not used
    (rows without an indicator code, totals columns, repeated rows...), which are not errors;
    its `warnings` attribute has one Problem per set × year × region where values were entered
    but the set has no threshold for them (see no_threshold_warnings), worded in `lang`, then
    the years with communes to assess that have no data (checks.without_data_warnings), then
    the communes whose code or name is not the official one (ntmlib.dataset.units; not checked when
    `official` is False), which are errors instead when `strict`.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
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
            problems.append(Problem("dataset.yaml", error_text("no_sets_for_years", years=year), "frameworks"))
            continue
        try:
            card = score(ds, sets, year=year)
        except DataError as e:
            problems += e.problems
            continue
        warnings += no_threshold_warnings(card, ds, lang)
    official_warnings = unit_code_warnings(ds) if official else []
    if strict:
        problems += official_warnings
        official_warnings = []
    return Problems(_unique(problems), ds.skipped, warnings, official_warnings, without_data_warnings(ds))


def no_threshold_warnings(card, ds: Dataset, lang: str = "vi") -> list[Problem]:
    """One warning per set × year × region with values that have no threshold (status
    'no_threshold'): how many values, of which indicators, where the first one is."""
    ind = card.indicators
    ind = ind[ind["status"] == "no_threshold"]
    if ind.empty:
        return []
    region = ds.communes.drop_duplicates("commune_id").set_index("commune_id")["region"]
    rows = pd.DataFrame({"set": ind["set"].astype(str), "year": ind["year"].to_numpy(),
                         "indicator": ind["indicator"].astype(str), "place": ind["source_place"].astype(str),
                         "region": ind["commune_id"].astype(str).map(region).fillna("").to_numpy()})
    out = []
    for (sid, year, reg), g in rows.groupby(["set", "year", "region"], sort=False):
        codes = list(dict.fromkeys(g["indicator"]))
        message = label(NO_THRESHOLD_TEXT, "validate", lang, year=int(year), set=sid, region=reg or "—", n=len(g),
                        k=len(codes), codes=", ".join(codes))
        out.append(Problem(ds.file_name("observations"), message,
                           *ds.locate("observations", g["place"].iloc[0], "value")))
    return out


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
