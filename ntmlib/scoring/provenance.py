"""The provenance record of a scoring: what went in (the full SHA-256 of every data file, of
dataset.yaml and of every criteria-set file, the sets each one extends included), which ntmlib,
which years and sets, and when (Vietnam time, UTC+7). It travels with the Scorecard; the
reports' provenance table, the batch manifest and the score cache all read this one record.
Files are named portably: a dataset's own by their path in the dataset folder
('frameworks/tiny-ntm.yaml'), a set that ships with ntmlib as 'ntmlib:vn-2021-ntm.yaml@0.9.0'."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..criteria.criteria_set import FRAMEWORK_DIR, CriteriaSet
from ..dataset.model import Dataset
from ..version import __version__

VIETNAM_TIME = _dt.timezone(_dt.timedelta(hours=7), "UTC+7")


_hashes: dict[tuple, str] = {}  # (path, inode, size, mtime, ctime) -> SHA-256: each file is read once per process


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file, in hex (remembered while the file is the same file, of the same size
    and times: an edit in place that keeps the size, even one that puts the modification time
    back, changes the inode's change time, which no program can set)."""
    st = Path(path).stat()
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    if key not in _hashes:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        _hashes[key] = h.hexdigest()
    return _hashes[key]


def now_vietnam() -> str:
    """The time now in Vietnam, to the second: '2026-12-01 09:30:00 UTC+7'."""
    return _dt.datetime.now(VIETNAM_TIME).strftime("%Y-%m-%d %H:%M:%S %Z")


@dataclass(frozen=True)
class Provenance:
    """Where a Scorecard comes from.

    data_files: the input files of the dataset folder and its dataset.yaml; set_files: set id ->
    the set's file and the files of every set it extends; version: ntmlib's version; years: the
    years scored; created: when, in Vietnam time. The files are hashed when first asked for
    (`data`, `sets`, `digest()`), so scoring itself reads no file twice; the hashes are then kept
    in the record (and saved with it in a score cache), shared by the records made from it.
    """

    dataset: str
    data_files: tuple[str, ...]
    set_files: dict[str, tuple[str, ...]]
    version: str
    years: tuple[int, ...]
    created: str = field(default="", compare=False)
    hashes: dict = field(default_factory=dict, compare=False, repr=False)  # file -> SHA-256, once known

    def _sha256(self, path: str) -> str:
        if path not in self.hashes:
            self.hashes[path] = file_sha256(path)
        return self.hashes[path]

    @classmethod
    def record(cls, dataset: Dataset, sets: list[CriteriaSet], years) -> "Provenance":
        """The inputs of one scoring of `dataset` with `sets` over `years`."""
        files = [Path(p) for p in dataset.files.values()] + [dataset.path / "dataset.yaml"]
        data = tuple(sorted(str(f) for f in files if f.is_file()))
        set_files = {s.id: tuple(f for f in (s.files or (s.path,)) if f and Path(f).is_file()) for s in sets}
        return cls(str(dataset.path), data, set_files, __version__, tuple(sorted(int(y) for y in years)),
                   now_vietnam())

    def name(self, path: str | Path) -> str:
        """A file's portable name: its path in the dataset folder ('frameworks/tiny-ntm.yaml'), or
        for a set that ships with ntmlib 'ntmlib:vn-2021-ntm.yaml@<version>'; never a path of
        the machine (a file elsewhere is named relative to the dataset folder)."""
        return portable_name(path, self.dataset, self.version)

    @property
    def data(self) -> dict[str, str]:
        """Portable name -> SHA-256 of each data file and dataset.yaml."""
        return {self.name(f): self._sha256(f) for f in self.data_files}

    @property
    def sets(self) -> dict[str, dict[str, str]]:
        """Set id -> {portable name: SHA-256} of the set's file and of every set it extends."""
        return {sid: {self.name(f): self._sha256(f) for f in files} for sid, files in self.set_files.items()}

    def digest(self) -> str:
        """SHA-256 over everything but the time: equal digests, equal inputs and code version."""
        payload = {"data": self.data, "sets": self.sets, "version": self.version, "years": list(self.years)}
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def only(self, years=None, set_ids=None) -> "Provenance":
        """The record of part of the scoring: some of its years and sets."""
        keep_years = self.years if years is None else tuple(y for y in self.years if y in set(years))
        keep_sets = (self.set_files if set_ids is None else
                     {k: v for k, v in self.set_files.items() if k in set(set_ids)})
        return replace(self, years=keep_years, set_files=keep_sets)

    def merge(self, other: "Provenance") -> "Provenance":
        """One record for two scorings of the same dataset (e.g. two periods with their own sets)."""
        return replace(self, set_files={**self.set_files, **other.set_files},
                       years=tuple(sorted({*self.years, *other.years})), hashes={**self.hashes, **other.hashes})

    def files(self) -> dict[str, str]:
        """Every input file with its SHA-256: the data files first, then the criteria-set files."""
        out = dict(self.data)
        for files in self.sets.values():
            out.update(files)
        return out

    def to_dict(self) -> dict:
        """The record as JSON-ready data (for the batch manifest): the dataset by its folder's
        name, every file by its portable name."""
        return {"dataset": Path(self.dataset).name, "data": self.data, "sets": self.sets, "version": self.version,
                "years": list(self.years), "created": self.created, "digest": self.digest()}


def portable_name(path: str | Path, dataset: str | Path, version: str = __version__) -> str:
    """See Provenance.name."""
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(dataset))
    builtin = Path(os.path.abspath(FRAMEWORK_DIR))
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    if path.is_relative_to(builtin):
        return f"ntmlib:{path.relative_to(builtin).as_posix()}@{version}"
    return Path(os.path.relpath(path, root)).as_posix()
