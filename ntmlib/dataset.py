"""A dataset folder: communes, observations, recognitions and dataset.yaml, read and checked."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .errors import DataError, Problem
from .framework import TIERS, CriteriaSet, load_set

COMMUNE_COLUMNS = ["commune_id", "commune", "district", "province", "region"]
OBSERVATION_COLUMNS = ["commune_id", "year", "indicator", "value"]
RECOGNITION_COLUMNS = ["commune_id", "tier", "year"]
FALSE_WORDS = {"false", "no", "0", "không", "khong"}


@dataclass
class Dataset:
    """The tables of one dataset folder, text normalised to NFC.

    observations keep each value as written (column `value`, text) and the CSV line it
    came from (`line`), so every result can be traced back to its cell.
    """

    path: Path
    meta: dict
    communes: pd.DataFrame
    observations: pd.DataFrame
    recognitions: pd.DataFrame
    registrations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["commune_id", "tier", "year"]))
    files: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.meta.get("name", self.path.name)

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.observations["year"].unique())

    @property
    def framework_dir(self) -> tuple[Path, ...]:
        d = self.path / "frameworks"
        return (d,) if d.is_dir() else ()

    def sets_for(self, year: int) -> list[CriteriaSet]:
        """The criteria sets dataset.yaml names for `year`, lowest tier first."""
        ids: list[str] = []
        for entry in self.meta.get("frameworks", []):
            first, last = entry.get("years", [year, year])
            if first <= year <= last:
                ids += [s for s in entry["sets"] if s not in ids]
        sets = [load_set(i, self.framework_dir) for i in ids]
        return sorted(sets, key=lambda s: TIERS.index(s.tier))

    def commune_id(self, ref: str) -> str:
        """The id of a commune given by id or by name (with or without 'Xã')."""
        key = _fold_name(ref)
        for cid, name in zip(self.communes["commune_id"], self.communes["commune"]):
            if ref == cid or key == _fold_name(name):
                return cid
        raise DataError(Problem(str(self.files.get("communes", "communes.csv")),
                                f"không có xã '{ref}' trong dữ liệu"))


def _fold_name(name: str) -> str:
    n = unicodedata.normalize("NFC", str(name)).strip().lower()
    for prefix in ("xã ", "xa "):
        n = n.removeprefix(prefix)
    return n


def _read_csv(path: Path, required: list[str], problems: list[Problem]) -> pd.DataFrame | None:
    name = path.name
    if not path.exists():
        problems.append(Problem(name, "không tìm thấy tệp"))
        return None
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(name, "tệp không phải mã UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)"))
        return None
    except pd.errors.EmptyDataError:
        problems.append(Problem(name, "tệp rỗng"))
        return None
    df.columns = [unicodedata.normalize("NFC", c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        problems.append(Problem(name, f"thiếu cột bắt buộc: {', '.join(missing)}"))
        return None
    for c in df.columns:
        df[c] = df[c].map(lambda v: unicodedata.normalize("NFC", v).strip())
    df.insert(0, "line", range(2, len(df) + 2))  # line 1 is the header
    return df


def _read_observations(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    if path.suffix == ".csv":
        return _read_csv(path, OBSERVATION_COLUMNS, problems)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    elif path.suffix == ".xlsx":
        df = pd.read_excel(path, dtype=str, keep_default_na=False)
    else:
        problems.append(Problem(path.name, "định dạng không hỗ trợ (dùng .csv, .xlsx hoặc .parquet)"))
        return None
    missing = [c for c in OBSERVATION_COLUMNS if c not in df.columns]
    if missing:
        problems.append(Problem(path.name, f"thiếu cột bắt buộc: {', '.join(missing)}"))
        return None
    df.insert(0, "line", range(2, len(df) + 2))
    return df


def load_dataset(path: str | Path, collect: list[Problem] | None = None) -> Dataset:
    """Read a dataset folder; raise DataError listing every problem found.

    With `collect`, problems that leave the tables readable (unknown commune ids, bad
    years, unknown tiers) are appended to that list instead of raised, so a validation
    can go on and find the rest; unreadable files still raise.
    """
    root = Path(path)
    problems: list[Problem] = []
    if not root.is_dir():
        raise DataError(Problem(str(root), "không tìm thấy thư mục dữ liệu"))
    meta: dict = {}
    meta_path = root / "dataset.yaml"
    if meta_path.exists():
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    obs_path = next((root / f"observations.{ext}" for ext in ("csv", "parquet", "xlsx")
                     if (root / f"observations.{ext}").exists()), root / "observations.csv")
    communes = _read_csv(root / "communes.csv", COMMUNE_COLUMNS, problems)
    observations = _read_observations(obs_path, problems)
    rec_path = root / "recognitions.csv"
    recognitions = (_read_csv(rec_path, RECOGNITION_COLUMNS, problems) if rec_path.exists()
                    else pd.DataFrame(columns=["line", *RECOGNITION_COLUMNS, "decision", "note"]))
    reg_path = root / "registrations.csv"
    registrations = (_read_csv(reg_path, RECOGNITION_COLUMNS, problems) if reg_path.exists()
                     else pd.DataFrame(columns=["line", *RECOGNITION_COLUMNS, "note"]))
    if problems:
        raise DataError(problems)

    if "framework" in observations.columns and "set" not in observations.columns:
        observations = observations.rename(columns={"framework": "set"})
    if "set" not in observations.columns:
        observations["set"] = ""
    for optional in ("group", "assessed"):
        if optional not in communes.columns:
            communes[optional] = ""
    communes["assessed"] = ~communes["assessed"].str.lower().isin(FALSE_WORDS)

    problems += _check_ids(communes, {obs_path.name: observations, rec_path.name: recognitions,
                                      reg_path.name: registrations})
    observations["year"] = pd.to_numeric(observations["year"], errors="coerce")
    bad_year = observations["year"].isna()
    for line in observations.loc[bad_year, "line"]:
        problems.append(Problem(obs_path.name, "năm không hợp lệ", f"dòng {line}", "year"))
    for table, tpath in ((recognitions, rec_path), (registrations, reg_path)):
        table["year"] = pd.to_numeric(table["year"], errors="coerce").astype("Int64")
        for line, tier in zip(table["line"], table["tier"]):
            if tier not in TIERS:
                problems.append(Problem(tpath.name, f"hạng '{tier}' không hợp lệ (dùng {', '.join(TIERS)})",
                                        f"dòng {line}", "tier"))
    if problems and collect is None:
        raise DataError(problems)
    if collect is not None:
        collect += problems
        observations = observations[~bad_year]
    observations["year"] = observations["year"].astype("int64")
    files = {"communes": root / "communes.csv", "observations": obs_path, "recognitions": rec_path,
             "registrations": reg_path}
    return Dataset(root, meta, communes, observations, recognitions, registrations, files)


def _check_ids(communes, tables: dict) -> list[Problem]:
    problems = []
    dup = communes["commune_id"].duplicated(keep="first")
    for line, cid in zip(communes.loc[dup, "line"], communes.loc[dup, "commune_id"]):
        problems.append(Problem("communes.csv", f"mã xã '{cid}' bị lặp", f"dòng {line}", "commune_id"))
    known = set(communes["commune_id"])
    for name, df in tables.items():
        unknown = ~df["commune_id"].isin(known)
        for line, cid in zip(df.loc[unknown, "line"], df.loc[unknown, "commune_id"]):
            problems.append(Problem(name, f"mã xã '{cid}' không có trong communes.csv", f"dòng {line}", "commune_id"))
    return problems
