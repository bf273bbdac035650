"""A scored result saved to disk once per batch (cut into one file per district, split_scorecard)
and read by the reports of the batch, with the tables its reports share worked out once: the
trends of its communes up to each year of the batch (ntmlib.analysis.trends.trends)."""
from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..base.outputs import write_bytes_atomic
from ..criteria.criteria_set import load_set
from ..dataset.model import Dataset
from ..errors import DataError, Problem
from ..text import error_text
from .scorecard import Scorecard

FORMAT = 2


def write_scorecard(card: Scorecard, path: str | Path, trends: dict[int, pd.DataFrame] | None = None) -> Path:
    """Save the three tables, the sets, the dataset and the provenance record (atomically), and
    `trends`: {year: ntmlib.analysis.trends.trends(card.upto(year))} for the years the reports show."""
    path = Path(path)
    payload = {"format": FORMAT, "indicators": card.indicators, "criteria": card.criteria,
               "communes": card.communes, "sets": {sid: s.path for sid, s in card.sets.items()},
               "dataset": card.dataset, "provenance": card.provenance, "trends": dict(trends or {})}
    write_bytes_atomic(path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def read_scorecard(path: str | Path, dataset: Dataset | None = None) -> Scorecard:
    """Read a Scorecard written by write_scorecard, with the dataset saved beside it (or `dataset`)."""
    return read_batch_scores(path, dataset)[0]


def read_batch_scores(path: str | Path, dataset: Dataset | None = None) -> tuple[Scorecard, dict[int, pd.DataFrame]]:
    """(the Scorecard, {year: trends table}) written by write_scorecard."""
    try:
        with open(path, "rb") as f:
            payload = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError) as e:
        raise DataError(Problem(str(path), error_text("unreadable_scores", reason=e))) from e
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise DataError(Problem(str(path), error_text("other_scores_format")))
    sets = {sid: load_set(p) for sid, p in payload["sets"].items()}
    card = Scorecard(payload["indicators"], payload["criteria"], payload["communes"], sets,
                     dataset if dataset is not None else payload["dataset"], payload["provenance"])
    return card, payload.get("trends", {})


def split_scorecard(card: Scorecard, groups: dict[str, list[str]]):
    """The Scorecard cut into parts, one per group of commune ids (e.g. one per district): yields
    (group name, Scorecard) with that group's results and its part of the dataset, cut as
    Dataset.restrict cuts it, but for the communes a reorganisation names (crosswalk.csv),
    whose communes.csv rows every part keeps so that each can name a new unit's predecessors.
    Each table is sorted by group once, however many groups, and each part is made when asked
    for: a whole country's results are cut into its 700 districts in seconds, without holding a
    second copy of them, where 700 calls of Scorecard.subset would each scan every row."""
    names = list(groups)
    group_of = {cid: i for i, name in enumerate(names) for cid in groups[name]}
    ds = card.dataset
    crosswalk = getattr(ds, "crosswalk", None)
    named = set(crosswalk["old_commune_id"]) if crosswalk is not None and len(crosswalk) else set()
    named_rows = ds.communes["commune_id"].isin(named).to_numpy()
    frames = {("card", k): getattr(card, k) for k in ("indicators", "criteria", "communes")}
    frames |= {("ds", k): getattr(ds, k) for k in ("observations", "recognitions", "registrations")}
    cuts = {key: _row_groups(df, group_of, len(names)) for key, df in frames.items()}
    tables = {k: replace(t, frame=None) for k, t in ds.tables.items()}  # places only, as Dataset.restrict keeps them

    def part(key, i):
        order, bounds = cuts[key]
        return own_categories(frames[key].take(order[bounds[i]:bounds[i + 1]]).reset_index(drop=True))

    ids = ds.communes["commune_id"]
    for i, name in enumerate(names):
        mine = ids.isin(groups[name]).to_numpy() | named_rows
        communes = ds.communes[mine].reset_index(drop=True)
        sub = replace(ds, communes=communes, observations=part(("ds", "observations"), i),
                      recognitions=part(("ds", "recognitions"), i), registrations=part(("ds", "registrations"), i),
                      encoded=None, tables=tables)
        yield name, Scorecard(part(("card", "indicators"), i), part(("card", "criteria"), i),
                              part(("card", "communes"), i), card.sets, sub, card.provenance)


def own_categories(df: pd.DataFrame, many: int = 1000) -> pd.DataFrame:
    """`df` with each large categorical column (over `many` categories: commune ids, values,
    places) holding only the categories its rows use, in their order: a district's part of a
    national table does not carry the country's 10,000 commune ids or its 4 million places
    (80 MB per district file, and a second to turn into text). Small vocabularies (sets,
    criteria, rules) keep every category, as in the whole table."""
    for c in df.columns:
        if isinstance(df[c].dtype, pd.CategoricalDtype) and len(df[c].cat.categories) > many:
            df[c] = df[c].cat.remove_unused_categories()
    return df


def _row_groups(df: pd.DataFrame, group_of: dict[str, int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(row order, bounds): the rows of group i of `df` (by commune_id) are order[bounds[i]:bounds[i + 1]],
    in the order of `df`; rows of no group are left out."""
    codes, ids = pd.factorize(df["commune_id"])  # each distinct id looked up once
    per_id = np.array([group_of.get(c, -1) for c in ids] + [-1], dtype=np.int64)
    row_group = per_id[codes]  # code -1 (missing) takes the last entry
    order = np.argsort(row_group, kind="stable")
    return order, np.searchsorted(row_group[order], np.arange(n + 1))
