"""A scored result saved to disk once per batch and read by every report of the batch."""
from __future__ import annotations

import pickle
from pathlib import Path

from .dataset import Dataset
from .framework import load_set
from .outputs import write_bytes_atomic
from .scorecard import Scorecard

FORMAT = 1


def write_scorecard(card: Scorecard, path: str | Path) -> Path:
    """Save the three tables, the set ids and the dataset they were computed from (atomically)."""
    path = Path(path)
    payload = {"format": FORMAT, "indicators": card.indicators, "criteria": card.criteria,
               "communes": card.communes, "sets": {sid: s.path for sid, s in card.sets.items()},
               "dataset": card.dataset}
    write_bytes_atomic(path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def read_scorecard(path: str | Path, dataset: Dataset | None = None) -> Scorecard:
    """Read a Scorecard written by write_scorecard, with the dataset saved beside it (or `dataset`)."""
    with open(path, "rb") as f:
        payload = pickle.load(f)
    if payload.get("format") != FORMAT:
        raise ValueError(f"{path}: unsupported score cache format {payload.get('format')}")
    sets = {sid: load_set(p) for sid, p in payload["sets"].items()}
    return Scorecard(payload["indicators"], payload["criteria"], payload["communes"], sets,
                     dataset if dataset is not None else payload["dataset"])
