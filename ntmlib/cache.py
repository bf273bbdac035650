"""A scored result saved to disk once per batch and read by every report of the batch."""
from __future__ import annotations

import pickle
from pathlib import Path

from .dataset import Dataset
from .errors import DataError, Problem
from .framework import load_set
from .outputs import write_bytes_atomic
from .scorecard import Scorecard

FORMAT = 2


def write_scorecard(card: Scorecard, path: str | Path) -> Path:
    """Save the three tables, the sets, the dataset and the provenance record (atomically)."""
    path = Path(path)
    payload = {"format": FORMAT, "indicators": card.indicators, "criteria": card.criteria,
               "communes": card.communes, "sets": {sid: s.path for sid, s in card.sets.items()},
               "dataset": card.dataset, "provenance": card.provenance}
    write_bytes_atomic(path, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def read_scorecard(path: str | Path, dataset: Dataset | None = None) -> Scorecard:
    """Read a Scorecard written by write_scorecard, with the dataset saved beside it (or `dataset`)."""
    try:
        with open(path, "rb") as f:
            payload = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError) as e:
        raise DataError(Problem(str(path), f"không đọc được tệp điểm đã chấm sẵn ({e})")) from e
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise DataError(Problem(str(path), "tệp điểm đã chấm sẵn theo định dạng khác của ntmlib: chạy lại lô báo cáo"))
    sets = {sid: load_set(p) for sid, p in payload["sets"].items()}
    return Scorecard(payload["indicators"], payload["criteria"], payload["communes"], sets,
                     dataset if dataset is not None else payload["dataset"], payload["provenance"])
