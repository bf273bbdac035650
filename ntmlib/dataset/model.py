"""The Dataset: the tables of one dataset folder (communes, observations, recognitions,
registrations, crosswalk) and its dataset.yaml, as ntmlib.dataset.loading reads and checks them, with
the questions every later step asks of it: which sets apply to a year, which commune a code or
name means, which communes a province or district has."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..criteria.criteria_set import CriteriaSet, load_set
from ..criteria.ladder import Ladder, ladder_of, sorted_sets
from .readers.places import place_word
from .resolve import area_communes, commune_id, district_name

COMMUNE_COLUMNS = ["commune_id", "commune", "district", "province", "region"]
OBSERVATION_COLUMNS = ["commune_id", "year", "indicator", "value"]
RECOGNITION_COLUMNS = ["commune_id", "tier", "year"]
FALSE_WORDS = {"false", "no", "0", "khong", "n"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # a date as check_crosswalk writes it
TIER_WORDS = {"kieu-mau": ("kieu mau", "km"), "nang-cao": ("nang cao", "nc"), "ntm": ("nong thon moi", "ntm")}


def has_district(value) -> bool:
    """Whether a district cell of communes.csv names a district: a unit of the map of 1 July 2025 has
    none (an empty or missing cell)."""
    return isinstance(value, str) and bool(value.strip())


@dataclass(frozen=True)
class Target:
    """A target of dataset.yaml (`targets`): by `year`, a `share` (0.65) or a `count` of the communes
    at `tier` or above; `source` says where it is stated (a decision, a report), `note` anything else."""

    tier: str
    year: int
    share: float | None = None
    count: int | None = None
    source: str = ""
    note: str = ""


@dataclass
class Dataset:
    """The tables of one dataset folder, text normalised to NFC.

    observations keep each value as written (column `value`, text), the place it came from as
    the user sees it (`place`: "dòng 14" in a CSV, "2023!D14" in a workbook) and its line
    (`line`: CSV line or Excel row), so every result can be traced back to its cell. Rows read
    but not used are listed in `skipped`. Their text columns are categoricals (millions of
    rows, few distinct texts), `year` is int16 and `line` int32.
    """

    path: Path
    meta: dict
    communes: pd.DataFrame
    observations: pd.DataFrame
    recognitions: pd.DataFrame
    registrations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["commune_id", "tier", "year"]))
    files: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict, repr=False)  # key -> readers.Table (how each file was read)
    skipped: list = field(default_factory=list)  # readers.Skipped
    encoded: object = field(default=None, repr=False)  # scoring.EncodedObservations, made once when loaded
    # old -> new commune (crosswalk.csv, ntmlib.analysis.reorg)
    crosswalk: pd.DataFrame = field(default_factory=pd.DataFrame)
    headers: dict = field(default_factory=dict)  # (file key, column) -> the header the file wrote, where it differs

    @property
    def name(self) -> str:
        return self.meta.get("name", self.path.name)

    @property
    def targets(self) -> list[Target]:
        """The targets dataset.yaml states (checked when loaded), in the order written; [] when none."""
        return [Target(t["tier"], t["year"], t.get("share"), t.get("count"), t.get("source") or "",
                       t.get("note") or "") for t in self.meta.get("targets") or []]

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.observations["year"].unique())

    @property
    def framework_dir(self) -> tuple[Path, ...]:
        d = self.path / "frameworks"
        return (d,) if d.is_dir() else ()

    def sets_for(self, year: int) -> list[CriteriaSet]:
        """The criteria sets dataset.yaml names for `year`, lowest tier first."""
        return sorted_sets(load_set(i, self.framework_dir) for i in self.set_ids_for(year))

    def ladder(self, years, sets=()) -> Ladder:
        """The ladder of tiers of the sets dataset.yaml names for `years` and of `sets`, with the
        tiers of the recognitions (ntmlib.criteria.ladder)."""
        named = {s.id: s for y in years for s in self.sets_for(int(y))}
        named.update({s.id: s for s in sets})
        return ladder_of(named.values(), extra=self.recognitions["tier"].dropna().unique())

    def set_ids_for(self, year: int) -> list[str]:
        """Ids of the sets dataset.yaml names for `year`, in the order written."""
        ids: list[str] = []
        for entry in self.meta.get("frameworks", []) or []:
            first, last = entry.get("years", [year, year])
            if first <= year <= last:
                ids += [s for s in entry.get("sets", []) if s not in ids]
        return ids

    def existing(self, years) -> np.ndarray:
        """One flag per row of `communes`: whether the commune existed in any of `years`.

        The crosswalk dates each unit: an old commune ends on the date it joined a new one (it
        still exists in that date's year unless the date is 1 January); a row of communes.csv whose
        id is a new unit's key ('13573@2025-07-01') begins on that date. Without a crosswalk every
        commune exists in every year."""
        ids = self.communes["commune_id"].astype(str).to_numpy()
        keep = np.zeros(len(ids), bool)
        cw = self.crosswalk
        if cw is None or cw.empty or "key" not in cw.columns:
            return ~keep
        dated = [(old, key, date) for old, key, date in
                 zip(cw["old_commune_id"].tolist(), cw["key"].tolist(), cw["effective"].tolist())
                 if isinstance(date, str) and _ISO_DATE.fullmatch(date)]  # a few rows: lists, not frames
        until = {}  # each old commune's first date: the earliest one is written last
        for old, date in sorted(((old, date) for old, _, date in dated), reverse=True):
            until[old] = date
        since = {key: date for _, key, date in dated}
        for y in {int(y) for y in years}:
            keep |= np.array([(i not in until or f"{y}-01-01" < until[i])
                              and (i not in since or f"{y}-12-31" >= since[i]) for i in ids], bool)
        return keep

    def commune_id(self, ref: str) -> str:
        """The id of a commune given by id or by name (any case, with or without diacritics or
        'Xã'); an unknown one raises ParameterError with the closest names ('Có phải: …?')."""
        return commune_id(self.communes, ref, self.file_name("communes"))

    def locate(self, key: str, place: str, column: str) -> tuple[str, str]:
        """(place, column) as the user sees them of field `column` of the row at `place` of file `key`."""
        table = self.tables.get(key)
        column = self.headers.get((key, column), column)
        return table.locate(place, column) if table is not None else (place_word(place), column)

    def file_name(self, key: str) -> str:
        return Path(self.files.get(key, f"{key}.csv")).name

    def area_communes(self, province: str | None = None, district: str | None = None) -> list[str]:
        """Ids of the communes of one province and/or district, named in any case, with or without
        diacritics or 'Tỉnh' / 'Huyện' (all communes when neither is given)."""
        return area_communes(self.communes, province, district, self.file_name("communes"))

    def district(self, ref: str) -> str:
        """The district `ref` names, as communes.csv writes it."""
        return district_name(self.communes, ref, self.file_name("communes"))

    def restrict(self, commune_ids) -> "Dataset":
        """The dataset cut down to some communes: their rows of communes, observations, recognitions
        and registrations, and the crosswalk's rows of the units among them (as new or old
        communes). Scores of those communes are the same as in the whole dataset."""
        ids = set(commune_ids)
        pick = lambda df: df[df["commune_id"].isin(ids)].reset_index(drop=True)  # noqa: E731
        cw = self.crosswalk
        if cw is not None and not cw.empty and "key" in cw.columns:  # the units of those communes only
            cw = cw[cw["key"].astype(str).isin(set(map(str, ids))) | cw["old_commune_id"].isin(ids)]
            cw = cw.reset_index(drop=True)
        return replace(self, communes=pick(self.communes), observations=pick(self.observations),
                       recognitions=pick(self.recognitions), registrations=pick(self.registrations), encoded=None,
                       crosswalk=cw,
                       tables={k: replace(t, frame=None) for k, t in self.tables.items()})  # places only
