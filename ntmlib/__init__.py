"""ntmlib: score Vietnamese communes against the New Rural Development (nông thôn mới) criteria sets.

The package is built in layers, each a subpackage that imports only from those below it
(docs/architecture.md): base, text, criteria, dataset, scoring, analysis, present, office and
jupyter, run, cli; testing holds the reference scorer. The names most scripts need are
re-exported here; the modules that notebooks and scripts import by their short names
(`from ntmlib import aggregate, grids, plots, notebook`) are found in their layers on first use, and
so are the office functions (ntmlib.export_set, ntmlib.import_set, ntmlib.template).
"""
from __future__ import annotations

from importlib import import_module

from .analysis.compare import compare
from .analysis.validation import validate
from .criteria import CriteriaSet, Criterion, Indicator, Threshold, available_sets, load_set
from .dataset import Dataset, load_dataset
from .errors import DataError, FrameworkError, NtmError, Problem
from .jupyter.explorer import explore
from .scoring import Scorecard, score
from .text import TIERS, counts_text, tier_name, vi_sort_key
from .version import __version__

# short module names -> the module in its layer
MODULES = {
    "aggregate": "analysis.aggregate", "reorg": "analysis.reorg", "roadmap": "analysis.roadmap",
    "trends": "analysis.trends", "verdicts": "analysis.verdicts", "whatif": "analysis.whatif",
    "blocks": "present.blocks", "bulletin": "present.bulletin", "grids": "present.grids",
    "maps": "present.maps", "plots": "present.plots", "views": "present.views",
    "explorer": "jupyter.explorer", "notebook": "jupyter.report",
    "resolve": "dataset.resolve", "units": "dataset.units", "readers": "dataset.readers",
    "words": "text",
}

# functions of the office layer -> their module, imported on first use (openpyxl only when needed)
FUNCTIONS = {"export_set": "office.criteria_workbook", "import_set": "office.criteria_import",
             "template": "office.data_entry"}


def __getattr__(name: str):
    """`ntmlib.analysis.aggregate` and the other short module names, and the office functions,
    imported on first use."""
    if name in MODULES:
        return import_module(f".{MODULES[name]}", __name__)
    if name in FUNCTIONS:
        return getattr(import_module(f".{FUNCTIONS[name]}", __name__), name)
    raise AttributeError(f"module 'ntmlib' has no attribute {name!r}")


__all__ = [
    "__version__", "Dataset", "load_dataset", "DataError", "FrameworkError", "NtmError", "Problem", "TIERS",
    "CriteriaSet", "Criterion", "Indicator", "Threshold", "available_sets", "load_set", "Scorecard", "score",
    "counts_text", "tier_name", "validate", "explore", "export_set", "import_set", "template", "compare",
    "vi_sort_key",
]
