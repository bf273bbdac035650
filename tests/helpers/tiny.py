"""The hand-made dataset tests/data/tiny and small variants of it: its criteria sets' ids, a copy
with lines of observations.csv changed, removed or added, and the one row of a table."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from tests.helpers.paths import TINY

NTM, NC = "tiny-ntm", "tiny-nc"

# tests/data/tiny in 2023, by hand (thresholds in tiny-ntm.yaml / tiny-nc.yaml):
#   A (DBSH, group 1): every tiny-ntm indicator met; tiny-nc 1.1 = 96 (measure) ≥ 95, 1.2 đạt: met.
#   B (DBSH, group 2): 1.1 98 < 100 ✗, 1.2 có ✓ → criterion 1 ✗; 2.1 đạt ✓, 2.2 2,5 > 2 ✗, 2.3 có ✗ → 2 ✗;
#                      3.1 91 ≥ 90 ✓, 3.2 no data → criterion 3 no data; tiny-nc: no data at all.
#   C (TDMNPB, group 2): 1.1 92 ≥ 90, 1.2 x, 2.1 45 ≥ 44, 2.2 0, 2.3 0, 3.1 95 % ✓, 3.2 1,5 < 2 ✗ → 2/3;
#                      tiny-nc 1.1 = 94 (measure) < 95 ✗, 1.2 ĐẠT ✓ → criterion 1 ✗.
#   Recognitions: A ntm 2019, B ntm (year unknown), C ntm 2018 and nâng cao 2022.


def tiny_copy(tmp_path: Path, add: tuple[str, ...] = (), change: dict[str, str] | None = None,
              drop: tuple[str, ...] = ()) -> Path:
    """A copy of tests/data/tiny whose observations.csv has lines replaced (`change`, old -> new,
    each old line present once), lines removed (`drop`) and lines appended (`add`, from line 29 on
    when none is removed)."""
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    obs = d / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    for old, new in (change or {}).items():
        assert lines.count(old) == 1, old
        lines[lines.index(old)] = new
    for old in drop:
        lines.remove(old)
    obs.write_text("\n".join(lines + list(add)) + "\n", encoding="utf-8")
    return d


def one(df: pd.DataFrame, **where) -> pd.Series:
    """The one row of `df` whose columns have the values `where` gives (asserted to be one)."""
    for col, value in where.items():
        df = df[df[col] == value]
    assert len(df) == 1, where
    return df.iloc[0]
